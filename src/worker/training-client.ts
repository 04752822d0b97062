// The page's side of the training worker: creates it, sends typed commands, answers requests
// (a Verify photo, a model export, an evaluation) by promise through the request bridge, and
// hands every other message (and a crashed worker, as an error) to one callback.

import { AppError, fromSerialized } from '../lib/errors';
import type { ModelMetadata } from '../transfer/model-metadata';
import { createRequestBridge } from './request-bridge';
import type {
  BackendChoice,
  ChosenFile,
  ExportedFile,
  ImportedModelSpec,
  ImportedRunRecord,
  ModelInspection,
  FromTrainingWorker,
  ModelFormat,
  PhotoEmbedding,
  OpenSetRequest,
  RunEvaluation,
  RunStart,
  ToTrainingWorker,
  TrainingAnswers,
  TrainingEvent,
} from './training-protocol';

export interface TrainingClient {
  /** `wasmThreads` caps WebAssembly's threads (1 after a threaded start failed). */
  init(backend: BackendChoice, wasmThreads?: number): void;
  start(run: RunStart): void;
  pause(runId: string): void;
  resume(runId: string): void;
  stop(runId: string): void;
  /** Embeds the run's photos and computes folder-v1, both in the worker. */
  /** `options`: the target FAR on strangers and the learning curve's photos per person. */
  evaluate(runId: string, options: OpenSetRequest): Promise<RunEvaluation>;
  /**
   * A photo's largest face, embedded; `live` for a video frame (the face is followed). A webcam
   * frame (bitmap or VideoFrame) is transferred: the caller must not use it after.
   */
  embedPhoto(
    runId: string,
    photo: Blob | ImageBitmap | VideoFrame,
    live?: boolean,
  ): Promise<PhotoEmbedding>;
  exportModel(
    runId: string,
    format: ModelFormat,
    metadata: ModelMetadata,
    baseName: string,
  ): Promise<ExportedFile>;
  /** Reads an embedding model's files and says what it declares (nothing is stored). */
  inspectModel(files: ChosenFile[]): Promise<ModelInspection>;
  /** Checks the model with `spec` and stores it as an imported run. */
  importModel(
    files: ChosenFile[],
    spec: ImportedModelSpec,
    name: string,
  ): Promise<ImportedRunRecord>;
  /** Ends the worker; requests still waiting are rejected. */
  dispose(): void;
}

export function createTrainingClient(onEvent: (event: TrainingEvent) => void): TrainingClient {
  const worker = new Worker(new URL('./training.worker.ts', import.meta.url), {
    type: 'module',
    name: 'training',
  });
  const requests = createRequestBridge<TrainingAnswers>();
  worker.onmessage = (event: MessageEvent<FromTrainingWorker>) => {
    const message = event.data;
    if (message.type === 'answer')
      requests.resolve(message.requestId, message.kind, message.result);
    else if (message.type === 'failed')
      requests.reject(message.requestId, fromSerialized(message.error));
    else onEvent(message);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    const text = `The training worker crashed: ${event.message}`;
    onEvent({ type: 'error', error: { code: 'worker-failed', message: text } });
    requests.rejectAll(new AppError('worker-failed', text));
  };
  const send = (message: ToTrainingWorker) => worker.postMessage(message);
  return {
    init: (backend, wasmThreads) => send({ type: 'init', backend, wasmThreads }),
    start: (run) => send({ type: 'train/start', ...run }),
    pause: (runId) => send({ type: 'train/pause', runId }),
    resume: (runId) => send({ type: 'train/resume', runId }),
    stop: (runId) => send({ type: 'train/stop', runId }),
    evaluate: (runId, options) =>
      requests.request('evaluate/run', (requestId) =>
        send({ type: 'evaluate/run', requestId, runId, options }),
      ),
    embedPhoto: (runId, photo, live = false) =>
      requests.request('embed/photo', (requestId) =>
        worker.postMessage(
          { type: 'embed/photo', requestId, runId, photo, live } satisfies ToTrainingWorker,
          photo instanceof Blob ? [] : [photo],
        ),
      ),
    exportModel: (runId, format, metadata, baseName) =>
      requests.request('export/model', (requestId) =>
        send({ type: 'export/model', requestId, runId, format, metadata, baseName }),
      ),
    inspectModel: (files) =>
      requests.request('model/inspect', (requestId) =>
        send({ type: 'model/inspect', requestId, files }),
      ),
    importModel: (files, spec, name) =>
      requests.request('model/import', (requestId) =>
        send({ type: 'model/import', requestId, files, spec, name }),
      ),
    dispose: () => {
      worker.terminate();
      requests.rejectAll(new AppError('worker-failed', 'The training worker was stopped.'));
    },
  };
}
