// The page's side of the training worker: creates it, sends typed commands, and hands every
// message (and a crashed worker, as an error) to one callback. The only code that talks to it.

import { AppError, fromSerialized, toAppError } from '../lib/errors';
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
  /** `wasmThreads` caps WebAssembly's threads (1 after a threaded start failed). */
  init(backend: BackendChoice, wasmThreads?: number): void;
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

/** A request the worker has not answered yet. */
interface Waiting {
  resolve: (answer: PhotoEmbedding | ExportedFile) => void;
  reject: (error: AppError) => void;
}

export function createTrainingClient(
  onMessage: (message: FromTrainingWorker) => void,
): TrainingClient {
  const worker = new Worker(new URL('./training.worker.ts', import.meta.url), {
    type: 'module',
    name: 'training',
  });
  // Photo embeddings and model exports answer a promise, by request id; every other message
  // goes to the store.
  const pending = new Map<number, Waiting>();
  let nextRequest = 0;
  const request = <T extends PhotoEmbedding | ExportedFile>(
    message: (requestId: number) => ToTrainingWorker,
    transfer: Transferable[] = [],
  ) =>
    new Promise<T>((resolve, reject) => {
      const requestId = nextRequest++;
      pending.set(requestId, { resolve: resolve as (answer: unknown) => void, reject });
      try {
        worker.postMessage(message(requestId), transfer);
      } catch (error) {
        pending.delete(requestId);
        reject(toAppError(error, 'worker-failed'));
      }
    });
  const answer = (requestId: number, settle: (waiting: Waiting) => void) => {
    const waiting = pending.get(requestId);
    pending.delete(requestId);
    if (waiting) settle(waiting);
  };
  const rejectAll = (error: AppError) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.onmessage = (event: MessageEvent<FromTrainingWorker>) => {
    const message = event.data;
    if (message.type === 'embed/result')
      answer(message.requestId, (p) => p.resolve(message.result));
    else if (message.type === 'export/result')
      answer(message.requestId, (p) => p.resolve(message.file));
    else if (message.type === 'embed/failed' || message.type === 'export/failed')
      answer(message.requestId, (p) => p.reject(fromSerialized(message.error)));
    else onMessage(message);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    const text = `The training worker crashed: ${event.message}`;
    onMessage({ type: 'error', error: { code: 'worker-failed', message: text } });
    rejectAll(new AppError('worker-failed', text));
  };
  const send = (message: ToTrainingWorker) => worker.postMessage(message);
  return {
    init: (backend, wasmThreads) => send({ type: 'init', backend, wasmThreads }),
    start: (run) => send({ type: 'train/start', ...run }),
    pause: (runId) => send({ type: 'train/pause', runId }),
    resume: (runId) => send({ type: 'train/resume', runId }),
    stop: (runId) => send({ type: 'train/stop', runId }),
    evaluate: (runId) => send({ type: 'evaluate/start', runId }),
    embedPhoto: (runId, photo) =>
      request<PhotoEmbedding>(
        (requestId) => ({ type: 'embed/photo', requestId, runId, photo }),
        photo instanceof ImageBitmap ? [photo] : [],
      ),
    exportModel: (runId, format, metadata, baseName) =>
      request<ExportedFile>((requestId) => ({
        type: 'export/model',
        requestId,
        runId,
        format,
        metadata,
        baseName,
      })),
    dispose: () => {
      worker.terminate();
      rejectAll(new AppError('worker-failed', 'The training worker was stopped.'));
    },
  };
}
