// The page's side of the labelling worker: creates it, sends a request, passes its progress to
// the caller and settles its promise through the request bridge; a cancel is sent to the worker,
// which stops between batches and fails the request with 'cancelled'.

import { AppError, fromSerialized } from '../lib/errors';
import { createRequestBridge } from './request-bridge';
import type {
  FaceGroups,
  FromLabellingWorker,
  LabelledImage,
  LabellingAnswers,
  SuspectLabel,
  ToLabellingWorker,
} from './labelling-protocol';

export type LabellingProgress = (done: number, total: number) => void;

export interface LabellingJob<T> {
  result: Promise<T>;
  cancel(): void;
}

export interface LabellingClient {
  group(
    unsorted: string[],
    labelled: LabelledImage[],
    progress: LabellingProgress,
  ): LabellingJob<FaceGroups>;
  suspects(labelled: LabelledImage[], progress: LabellingProgress): LabellingJob<SuspectLabel[]>;
  dispose(): void;
}

export function createLabellingClient(): LabellingClient {
  const worker = new Worker(new URL('./labelling.worker.ts', import.meta.url), {
    type: 'module',
    name: 'labelling',
  });
  const requests = createRequestBridge<LabellingAnswers, LabellingProgress>();
  worker.onmessage = (event: MessageEvent<FromLabellingWorker>) => {
    const message = event.data;
    if (message.type === 'progress') requests.get(message.requestId)?.(message.done, message.total);
    else if (message.type === 'answer')
      requests.resolve(message.requestId, message.kind, message.result);
    else requests.reject(message.requestId, fromSerialized(message.error));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    requests.rejectAll(
      new AppError('worker-failed', `The labelling worker crashed: ${event.message}`),
    );
  };

  const start = <K extends keyof LabellingAnswers>(
    kind: K,
    message: (requestId: number) => ToLabellingWorker,
    progress: LabellingProgress,
  ): LabellingJob<LabellingAnswers[K]> => {
    let id = -1;
    const result = requests.request(
      kind,
      (requestId) => {
        id = requestId;
        worker.postMessage(message(requestId));
      },
      () => progress,
    );
    return {
      result,
      cancel: () => {
        if (requests.get(id)) worker.postMessage({ type: 'cancel', requestId: id });
      },
    };
  };

  return {
    group: (unsorted, labelled, progress) =>
      start('group', (requestId) => ({ type: 'group', requestId, unsorted, labelled }), progress),
    suspects: (labelled, progress) =>
      start('suspects', (requestId) => ({ type: 'suspects', requestId, labelled }), progress),
    dispose() {
      worker.terminate();
      requests.rejectAll(new AppError('worker-failed', 'The labelling worker was closed.'));
    },
  };
}
