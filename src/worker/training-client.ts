// The page's side of the training worker: creates it, sends typed commands, and hands every
// message (and a crashed worker, as an error) to one callback. The only code that talks to it.

import type { BackendChoice, FromTrainingWorker, RunStart, ToTrainingWorker } from './training-protocol';

export interface TrainingClient {
  init(backend: BackendChoice): void;
  start(run: RunStart): void;
  pause(runId: string): void;
  resume(runId: string): void;
  stop(runId: string): void;
  dispose(): void;
}

export function createTrainingClient(onMessage: (message: FromTrainingWorker) => void): TrainingClient {
  const worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'training' });
  worker.onmessage = (event: MessageEvent<FromTrainingWorker>) => onMessage(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    onMessage({ type: 'error', error: { code: 'worker-failed', message: `The training worker crashed: ${event.message}` } });
  };
  const send = (message: ToTrainingWorker) => worker.postMessage(message);
  return {
    init: (backend) => send({ type: 'init', backend }),
    start: (run) => send({ type: 'train/start', ...run }),
    pause: (runId) => send({ type: 'train/pause', runId }),
    resume: (runId) => send({ type: 'train/resume', runId }),
    stop: (runId) => send({ type: 'train/stop', runId }),
    dispose: () => worker.terminate(),
  };
}
