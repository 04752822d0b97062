// Entry of the training worker: a message switch and nothing else. It owns at most one
// training session at a time and the backend it runs on.

import { toAppError } from '../lib/errors';
import { chooseBackend } from '../backends/choose-backend';
import { embedRun } from '../runs/embed-run';
import { exportModel } from '../runs/model-export';
import { PhotoEmbedder } from '../runs/photo-embedder';
import type { BackendReport, FromTrainingWorker, ToTrainingWorker } from './training-protocol';
import { TrainingSession } from '../runs/training-session';

const post = (message: FromTrainingWorker) => self.postMessage(message);
let report: BackendReport | null = null;
let session: TrainingSession | null = null;
const photos = new PhotoEmbedder();
/** As the page's last init message asked (1 after a threaded start failed). */
let wasmThreads = Number.POSITIVE_INFINITY;
/** One backend start at a time: a start, evaluate or embed may arrive while init still runs. */
let initializing: Promise<void> | null = null;

function init(choice: Parameters<typeof chooseBackend>[0]): Promise<void> {
  initializing ??= (async () => {
    try {
      report = await chooseBackend(choice, wasmThreads);
      post({ type: 'ready', report });
    } catch (error) {
      post({ type: 'error', error: toAppError(error, 'worker-failed').toJSON() });
    } finally {
      initializing = null;
    }
  })();
  return initializing;
}

/**
 * Pause or Stop of a run whose start is not read yet (the page sends start after its own
 * bookkeeping; the first start waits for the backend): applied when that run starts.
 */
const earlyRequests = new Map<string, 'pause' | 'stop'>();

self.onmessage = async (event: MessageEvent<ToTrainingWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      photos.dispose();
      if (session) {
        post({
          type: 'error',
          error: {
            code: 'worker-failed',
            message: 'Stop the running training before changing the backend.',
          },
        });
        return;
      }
      if (message.wasmThreads !== undefined) wasmThreads = message.wasmThreads;
      await initializing; // an automatic start already under way finishes first
      await init(message.backend);
      return;
    case 'train/start': {
      if (session) {
        post({
          type: 'error',
          runId: message.runId,
          error: { code: 'worker-failed', message: 'A training run is already in progress.' },
        });
        return;
      }
      if (!report) await init('auto');
      if (!report) return;
      photos.dispose();
      const current = new TrainingSession(message, report.backend, post);
      session = current;
      // A Pause or Stop the user gave before this start was read acts now.
      const early = earlyRequests.get(message.runId);
      earlyRequests.clear();
      if (early === 'stop') current.stop();
      if (early === 'pause') current.pause();
      await current.run();
      if (session === current) session = null;
      return;
    }
    case 'train/pause':
      if (session?.runId === message.runId) session.pause();
      else if (earlyRequests.get(message.runId) !== 'stop')
        earlyRequests.set(message.runId, 'pause');
      return;
    case 'train/resume':
      if (session?.runId === message.runId) session.resume();
      else if (earlyRequests.get(message.runId) === 'pause') earlyRequests.delete(message.runId);
      return;
    case 'train/stop':
      if (session?.runId === message.runId) session.stop();
      else earlyRequests.set(message.runId, 'stop');
      return;
    case 'evaluate/start':
      if (session) {
        post({
          type: 'evaluate/failed',
          runId: message.runId,
          error: {
            code: 'worker-failed',
            message: 'Wait for the training run to finish, or stop it, before evaluating.',
          },
        });
        return;
      }
      if (!report) await init('auto');
      if (!report) return;
      try {
        const result = await embedRun(message.runId, report.backend);
        const buffers = [result.train, result.val, result.test].map(
          (part) => part.embeddings.buffer as ArrayBuffer,
        );
        self.postMessage(
          {
            type: 'evaluate/embeddings',
            runId: message.runId,
            result,
          } satisfies FromTrainingWorker,
          { transfer: buffers },
        );
      } catch (error) {
        post({
          type: 'evaluate/failed',
          runId: message.runId,
          error: toAppError(error, 'worker-failed').toJSON(),
        });
      }
      return;
    case 'embed/photo':
      if (!report) await init('auto');
      if (!report) {
        if (message.photo instanceof ImageBitmap) message.photo.close();
        post({
          type: 'embed/failed',
          requestId: message.requestId,
          error: {
            code: 'worker-failed',
            message: 'No TF.js backend could start in the training worker.',
          },
        });
        return;
      }
      try {
        const result = await photos.embed(message.runId, message.photo);
        self.postMessage(
          {
            type: 'embed/result',
            requestId: message.requestId,
            result,
          } satisfies FromTrainingWorker,
          { transfer: [result.embedding.buffer as ArrayBuffer] },
        );
      } catch (error) {
        post({
          type: 'embed/failed',
          requestId: message.requestId,
          error: toAppError(error, 'corrupt-image').toJSON(),
        });
      }
      return;
    case 'export/model':
      if (session) {
        post({
          type: 'export/failed',
          requestId: message.requestId,
          error: {
            code: 'worker-failed',
            message: 'Wait for the training run to finish, or stop it, before exporting a model.',
          },
        });
        return;
      }
      if (!report) await init('auto');
      if (!report) {
        post({
          type: 'export/failed',
          requestId: message.requestId,
          error: {
            code: 'worker-failed',
            message: 'No TensorFlow.js backend could start in this browser.',
          },
        });
        return;
      }
      try {
        const file = await exportModel(
          message.runId,
          message.format,
          message.metadata,
          message.baseName,
        );
        self.postMessage(
          {
            type: 'export/result',
            requestId: message.requestId,
            file,
          } satisfies FromTrainingWorker,
          { transfer: [file.bytes.buffer as ArrayBuffer] },
        );
      } catch (error) {
        post({
          type: 'export/failed',
          requestId: message.requestId,
          error: toAppError(error, 'worker-failed').toJSON(),
        });
      }
      return;
    default: {
      const unknown: never = message;
      throw new Error(`Unknown message ${JSON.stringify(unknown)}`);
    }
  }
};
