// Entry of the labelling worker: a message switch, a cancel flag per request, and nothing else.

import './guard-this-worker'; // first: no request leaves the origin (same-origin-guard.ts)
import { AppError, toAppError } from '../lib/errors';
import { ensureInferenceBackend } from '../backends/inference-backend';
import { CropEmbedder } from '../labelling/crop-embedder';
import { findSuspects, groupFaces } from '../labelling/labelling-jobs';
import type { FromLabellingWorker, ToLabellingWorker } from './labelling-protocol';

const post = (message: FromLabellingWorker) => self.postMessage(message);
const embedder = new CropEmbedder();
const cancelled = new Set<number>();

/** Reports progress, at most every 100 ms, and stops the request when it was cancelled. */
function progressOf(requestId: number) {
  let last = 0;
  return (done: number, total: number) => {
    if (cancelled.has(requestId)) throw new AppError('cancelled', 'Cancelled.');
    const now = performance.now();
    if (now - last > 100 || done === total) {
      last = now;
      post({ type: 'progress', requestId, done, total });
    }
  };
}

self.onmessage = async (event: MessageEvent<ToLabellingWorker>) => {
  const message = event.data;
  if (message.type === 'cancel') {
    cancelled.add(message.requestId);
    return;
  }
  const { requestId } = message;
  try {
    // Two threads: grouping is what the user waits for, and nothing else heavy runs meanwhile
    // (a training run's worker, if any, shares the cores).
    await ensureInferenceBackend(2);
    const progress = progressOf(requestId);
    switch (message.type) {
      case 'group': {
        const result = await groupFaces(embedder, message.unsorted, message.labelled, progress);
        post({ type: 'answer', kind: 'group', requestId, result });
        break;
      }
      case 'suspects': {
        const result = await findSuspects(embedder, message.labelled, progress);
        post({ type: 'answer', kind: 'suspects', requestId, result });
        break;
      }
      default: {
        const unknown: never = message;
        throw new Error(`Unknown message ${JSON.stringify(unknown)}`);
      }
    }
  } catch (error) {
    post({ type: 'failed', requestId, error: toAppError(error, 'worker-failed').toJSON() });
  } finally {
    cancelled.delete(requestId);
  }
};
