// The page's side of the training worker: creates it, sends typed commands, and hands every
// message (and a crashed worker, as an error) to one callback. The only code that talks to it.

import { AppError, fromSerialized } from '../lib/errors';
import type { ModelMetadata } from '../transfer/model-metadata';
import type {
  BackendChoice,
  ExportedFile,
  FromTrainingWorker,
  ModelFormat,
  PhotoEmbedding,
  RunStart,
  ToTrainingWorker,
} from './training-protocol';

export interface TrainingClient {
  init(backend: BackendChoice): void;
  start(run: RunStart): void;
  pause(runId: string): void;
  resume(runId: string): void;
  stop(runId: string): void;
  evaluate(runId: string): void;
  /** A photo file, or a webcam frame (transferred: the caller must not use it after). */
  embedPhoto(runId: string, photo: Blob | ImageBitmap): Promise<PhotoEmbedding>;
  exportModel(
    runId: string,
    format: ModelFormat,
    metadata: ModelMetadata,
    baseName: string,
  ): Promise<ExportedFile>;
  dispose(): void;
}

export function createTrainingClient(
  onMessage: (message: FromTrainingWorker) => void,
): TrainingClient {
  const worker = new Worker(new URL('./training.worker.ts', import.meta.url), {
    type: 'module',
    name: 'training',
  });
  // Photo embeddings answer a promise; every other message goes to the store.
  const waiting = new Map<
    number,
    { resolve: (e: PhotoEmbedding) => void; reject: (e: AppError) => void }
  >();
  const exports = new Map<
    number,
    { resolve: (file: ExportedFile) => void; reject: (e: AppError) => void }
  >();
  let nextRequest = 0;
  worker.onmessage = (event: MessageEvent<FromTrainingWorker>) => {
    const message = event.data;
    if (message.type === 'embed/result' || message.type === 'embed/failed') {
      const request = waiting.get(message.requestId);
      waiting.delete(message.requestId);
      if (message.type === 'embed/result') request?.resolve(message.result);
      else request?.reject(fromSerialized(message.error));
      return;
    }
    if (message.type === 'export/result' || message.type === 'export/failed') {
      const request = exports.get(message.requestId);
      exports.delete(message.requestId);
      if (message.type === 'export/result') request?.resolve(message.file);
      else request?.reject(fromSerialized(message.error));
      return;
    }
    onMessage(message);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    onMessage({
      type: 'error',
      error: { code: 'worker-failed', message: `The training worker crashed: ${event.message}` },
    });
    const crashed = new AppError('worker-failed', `The training worker crashed: ${event.message}`);
    for (const request of [...exports.values(), ...waiting.values()]) request.reject(crashed);
    exports.clear();
    waiting.clear();
  };
  const send = (message: ToTrainingWorker) => worker.postMessage(message);
  return {
    init: (backend) => send({ type: 'init', backend }),
    start: (run) => send({ type: 'train/start', ...run }),
    pause: (runId) => send({ type: 'train/pause', runId }),
    resume: (runId) => send({ type: 'train/resume', runId }),
    stop: (runId) => send({ type: 'train/stop', runId }),
    evaluate: (runId) => send({ type: 'evaluate/start', runId }),
    embedPhoto: (runId, photo) =>
      new Promise<PhotoEmbedding>((resolve, reject) => {
        const requestId = nextRequest++;
        waiting.set(requestId, { resolve, reject });
        const message: ToTrainingWorker = { type: 'embed/photo', requestId, runId, photo };
        worker.postMessage(message, photo instanceof ImageBitmap ? [photo] : []);
      }),
    exportModel: (runId, format, metadata, baseName) =>
      new Promise<ExportedFile>((resolve, reject) => {
        const requestId = nextRequest++;
        exports.set(requestId, { resolve, reject });
        send({ type: 'export/model', requestId, runId, format, metadata, baseName });
      }),
    dispose: () => {
      worker.terminate();
      const stopped = new AppError('worker-failed', 'The training worker was stopped.');
      for (const request of [...exports.values(), ...waiting.values()]) request.reject(stopped);
      exports.clear();
      waiting.clear();
    },
  };
}
