// One way to write several records in one transaction: queue every request, then wait for the
// transaction to commit. A request that throws while being queued (a value that cannot be
// stored) does not abort a transaction by itself, and the requests queued before it would
// commit; here it aborts, so the writes land all together or not at all.

interface WriteTransaction {
  abort(): void;
  readonly done: Promise<void>;
}

export async function commitAll<Tx extends WriteTransaction>(
  tx: Tx,
  enqueue: (tx: Tx, add: (request: Promise<unknown>) => void) => void,
): Promise<void> {
  // One request per add() call, so that a request made before a throwing one is always held.
  const pending: Promise<unknown>[] = [];
  try {
    enqueue(tx, (request) => pending.push(request));
  } catch (error) {
    // The queued requests fail with the abort; their errors are this one.
    for (const request of pending) request.catch(() => undefined);
    tx.abort();
    await tx.done.catch(() => undefined);
    throw error;
  }
  await Promise.all([...pending, tx.done]);
}
