// One way to write several records in one transaction: queue every request, then wait for the
// transaction to commit. A request that throws while being queued (a value that cannot be
// stored) does not abort a transaction by itself, and the requests queued before it would
// commit; here it aborts, so the writes land all together or not at all.

interface WriteTransaction {
  abort(): void;
  readonly done: Promise<void>;
}

export function commitAll<Tx extends WriteTransaction>(
  tx: Tx,
  enqueue: (tx: Tx, add: (request: Promise<unknown>) => void) => void,
): Promise<void> {
  // One slice of one item: every request is queued in this task.
  return commitInSlices(tx, [tx], (tx, _, add) => enqueue(tx, add), 1);
}

/**
 * Aborts `tx` (unless a failed request already did) once queuing failed, and throws `error`:
 * the queued requests fail with the abort, and their errors are this one.
 */
async function abortWith(
  tx: WriteTransaction,
  pending: readonly Promise<unknown>[],
  error: unknown,
): Promise<never> {
  for (const request of pending) request.catch(() => undefined);
  try {
    tx.abort();
  } catch {
    // Already aborted by the request that failed.
  }
  await tx.done.catch(() => undefined);
  throw error;
}

const failed = (request: Promise<unknown>): Promise<boolean> =>
  request.then(
    () => false,
    () => true,
  );

/** How many records commitInSlices queues in one task. */
export const SLICE_SIZE = 100;

/**
 * commitAll for many records: each item's requests are queued (through `add`) a slice of items
 * at a time, and the next slice once the last request of the one before has succeeded, so that
 * no single task clones them all (storing the parts of 960 image records held the main thread
 * 83 ms here). It is still one transaction: the records land together or not at all. Waiting on
 * its own requests keeps a transaction open, as nothing else is awaited in between. A request
 * that fails aborts it, and the caller gets that request's error (a full disk stays a full disk,
 * not the abort of the requests after it).
 */
export async function commitInSlices<Tx extends WriteTransaction, T>(
  tx: Tx,
  items: readonly T[],
  enqueue: (tx: Tx, item: T, add: (request: Promise<unknown>) => void) => void,
  sliceSize = SLICE_SIZE,
): Promise<void> {
  const pending: Promise<unknown>[] = [];
  // Handled now, as is each request as it is queued: a transaction aborted while a slice is
  // awaited is no unhandled rejection (the error reaches the caller through Promise.all below).
  tx.done.catch(() => undefined);
  const add = (request: Promise<unknown>) => {
    request.catch(() => undefined);
    pending.push(request);
  };
  for (let start = 0; start < items.length; start += sliceSize) {
    if (start > 0) {
      // A failed request has aborted the transaction: queue nothing more; Promise.all below
      // gives the first failure's error.
      const last = pending[pending.length - 1];
      if (last && (await failed(last))) break;
    }
    try {
      for (const item of items.slice(start, start + sliceSize)) enqueue(tx, item, add);
    } catch (error) {
      await abortWith(tx, pending, error);
    }
  }
  await Promise.all([...pending, tx.done]);
}
