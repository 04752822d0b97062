// The page's book of requests a worker has not answered yet, typed by what each kind of request
// answers: every request gets an id and waits here until the worker's answer (or failure) for
// that id settles its promise; a post that throws rejects and forgets it; and the requests still
// waiting are rejected together when the worker dies or is disposed. Used by the training
// client and the import pool; it owns no worker itself.

import { AppError, toAppError } from '../lib/errors';

export interface RequestBridge<Answers, Meta> {
  /**
   * Records a request of `kind` under a new id, then `post`s it. `meta(id)` is what the caller
   * keeps with it (the import pool: the job's message, worker slot and clock).
   */
  request<K extends keyof Answers>(
    kind: K,
    post: (requestId: number, meta: Meta) => void,
    meta?: (requestId: number) => Meta,
  ): Promise<Answers[K]>;
  /** What a waiting request keeps; undefined once it is settled (or was never made). */
  get(requestId: number): Meta | undefined;
  /** Resolves a waiting request; false when the id is not waiting (a late answer). An answer of
   *  another kind than the request's rejects it, since its promise cannot hold that value. */
  resolve<K extends keyof Answers>(requestId: number, kind: K, answer: Answers[K]): boolean;
  /** Rejects a waiting request; false when the id is not waiting. */
  reject(requestId: number, error: AppError): boolean;
  /** Rejects every waiting request (the worker died or was disposed). */
  rejectAll(error: AppError): void;
  /** The waiting requests, oldest first (a copy: settling some while looping is fine). */
  waiting(): [requestId: number, meta: Meta][];
}

export interface RequestBridgeOptions<Meta> {
  /** Called as a request leaves the book, however it is settled, before its promise is. */
  onSettled?: (meta: Meta) => void;
}

interface Waiting<Answers, Meta> {
  kind: keyof Answers;
  meta: Meta;
  resolve: (answer: Answers[keyof Answers]) => void;
  reject: (error: AppError) => void;
}

export function createRequestBridge<Answers, Meta = undefined>({
  onSettled,
}: RequestBridgeOptions<Meta> = {}): RequestBridge<Answers, Meta> {
  const book = new Map<number, Waiting<Answers, Meta>>();
  let nextId = 0;

  /** Takes a request out of the book, so that it is settled exactly once. */
  const take = (requestId: number) => {
    const waiting = book.get(requestId);
    if (!waiting) return undefined;
    book.delete(requestId);
    onSettled?.(waiting.meta);
    return waiting;
  };

  const reject = (requestId: number, error: AppError) => {
    const waiting = take(requestId);
    waiting?.reject(error);
    return waiting !== undefined;
  };

  return {
    request: (kind, post, meta) =>
      new Promise((resolve, reject_) => {
        const requestId = nextId++;
        const kept = (meta ? meta(requestId) : undefined) as Meta;
        book.set(requestId, {
          kind,
          meta: kept,
          resolve: resolve as Waiting<Answers, Meta>['resolve'],
          reject: reject_,
        });
        try {
          post(requestId, kept);
        } catch (error) {
          reject(requestId, toAppError(error, 'worker-failed'));
        }
      }),
    get: (requestId) => book.get(requestId)?.meta,
    resolve(requestId, kind, answer) {
      const waiting = book.get(requestId);
      if (!waiting) return false;
      if (waiting.kind !== kind) {
        return reject(
          requestId,
          new AppError(
            'worker-failed',
            `The worker answered a ${String(waiting.kind)} request with a ${String(kind)} answer.`,
          ),
        );
      }
      take(requestId)?.resolve(answer);
      return true;
    },
    reject,
    rejectAll(error) {
      for (const requestId of [...book.keys()]) reject(requestId, error);
    },
    waiting: () => [...book].map(([requestId, waiting]) => [requestId, waiting.meta]),
  };
}
