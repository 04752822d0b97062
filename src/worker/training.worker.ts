// Entry of the training worker: the message switch, the backend it runs on (started once, on
// the first message that needs it), at most one training session at a time with the Pause or
// Stop that arrives before its start, and the one way requests are answered (`answer`).

import './guard-this-worker'; // first: no request leaves the origin (same-origin-guard.ts)
import { AppError, toAppError, type ErrorCode } from '../lib/errors';
import { chooseBackend } from '../backends/choose-backend';
import { evaluateRun, evaluationBuffers } from '../runs/evaluate-run';
import { exportModel } from '../runs/model-export';
import { PhotoEmbedder } from '../runs/photo-embedder';
import { importModel, inspectModel } from '../runs/model-import';
import { webOnnxSessions } from '../runs/onnx-runtime';
import type {
  BackendReport,
  FromTrainingWorker,
  ToTrainingWorker,
  TrainingAnswer,
  TrainingAnswers,
  TrainingRequest,
  TrainingRequestKind,
} from './training-protocol';
import { TrainingSession } from '../runs/training-session';

const post = (message: FromTrainingWorker) => self.postMessage(message);
let report: BackendReport | null = null;
let session: TrainingSession | null = null;
const photos = new PhotoEmbedder(webOnnxSessions);
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

/** The backend, started now if no start ran yet; a backend that cannot start fails the request. */
async function backend(): Promise<BackendReport> {
  if (!report) await init('auto');
  if (!report) {
    throw new AppError('worker-failed', 'No TensorFlow.js backend could start in this browser.');
  }
  return report;
}

/** A request that needs the network to itself fails while a run trains. */
function idle(reason: string): void {
  if (session) throw new AppError('worker-failed', reason);
}

/** What each answer hands over instead of copying: its large typed arrays. */
const transferables: {
  [K in TrainingRequestKind]: (result: TrainingAnswers[K]) => Transferable[];
} = {
  'embed/photo': (result) => [result.embedding.buffer as ArrayBuffer],
  'export/model': (file) => [file.bytes.buffer as ArrayBuffer],
  'evaluate/run': evaluationBuffers,
  'model/inspect': () => [],
  'model/import': () => [],
};

/**
 * Answers a request once: its result (large arrays transferred), or the error it threw as a
 * typed {code, message} (`fallback` for errors without a code).
 */
async function answer<K extends TrainingRequestKind>(
  request: Extract<TrainingRequest, { type: K }>,
  fallback: ErrorCode,
  work: () => Promise<TrainingAnswers[K]>,
): Promise<void> {
  const { requestId, type: kind } = request;
  try {
    const result = await work();
    const message = { type: 'answer', kind, requestId, result } as TrainingAnswer;
    self.postMessage(message satisfies FromTrainingWorker, {
      transfer: transferables[kind](result),
    });
  } catch (error) {
    post({ type: 'failed', requestId, error: toAppError(error, fallback).toJSON() });
  }
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
      const current = new TrainingSession(message, report.backend, post, webOnnxSessions);
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
    case 'evaluate/run':
      await answer(message, 'worker-failed', async () => {
        idle('Wait for the training run to finish, or stop it, before evaluating.');
        return evaluateRun(
          message.runId,
          (await backend()).backend,
          webOnnxSessions,
          message.options,
        );
      });
      return;
    case 'embed/photo':
      await answer(message, 'corrupt-image', async () => {
        try {
          await backend();
        } catch (error) {
          if (!(message.photo instanceof Blob)) message.photo.close();
          throw error;
        }
        const embedding = photos.embed(message.runId, message.photo, message.live);
        // While a run trains, it waits between steps until this photo is answered.
        return session ? session.serve(embedding) : embedding;
      });
      return;
    case 'export/model':
      await answer(message, 'worker-failed', async () => {
        idle('Wait for the training run to finish, or stop it, before exporting a model.');
        await backend();
        return exportModel(message.runId, message.format, message.metadata, message.baseName);
      });
      return;
    case 'model/inspect':
      await answer(message, 'not-a-model', async () => {
        idle('Wait for the training run to finish, or stop it, before importing a model.');
        await backend();
        return inspectModel(message.files, webOnnxSessions);
      });
      return;
    case 'model/import':
      await answer(message, 'not-a-model', async () => {
        idle('Wait for the training run to finish, or stop it, before importing a model.');
        await backend();
        return importModel(message.files, message.spec, message.name, webOnnxSessions);
      });
      return;
    default: {
      const unknown: never = message;
      throw new Error(`Unknown message ${JSON.stringify(unknown)}`);
    }
  }
};
