// A small pool of import workers: hands each file (or webcam frame) to the least busy worker
// and resolves with the prepared image (or the frame's analysis) or rejects with a typed error.
// Owned by whoever runs an import (or a capture), and terminated when that ends.

import { AppError, fromSerialized } from '../lib/errors';
import type { FrameAnalysis } from './analyse-frame';
import type { NoFacePolicy } from './face-crop';
import type { FromImportWorker, PreparedImage, ToImportWorker } from './import-protocol';

interface Pending {
  resolve: (answer: PreparedImage | FrameAnalysis) => void;
  reject: (error: AppError) => void;
}

export interface ImportPool {
  prepare(file: Blob, name: string, noFace: NoFacePolicy): Promise<PreparedImage>;
  /** Judges a webcam frame (transferred, so the caller must not use it after) and keeps it if asked. */
  analyse(frame: ImageBitmap, keep: boolean): Promise<FrameAnalysis>;
  readonly size: number;
  terminate(): void;
}

export function defaultPoolSize(): number {
  const cores = navigator.hardwareConcurrency || 2;
  return Math.max(1, Math.min(4, cores));
}

export function createImportPool(size = defaultPoolSize()): ImportPool {
  const pending = new Map<number, Pending>();
  const load: number[] = [];
  let nextJob = 0;
  const workers = Array.from({ length: size }, (_, index) => {
    const worker = new Worker(new URL('./import.worker.ts', import.meta.url), {
      type: 'module',
      name: `import-${index}`,
    });
    load.push(0);
    worker.onmessage = (event: MessageEvent<FromImportWorker>) => {
      const message = event.data;
      const job = pending.get(message.jobId);
      if (!job) return;
      pending.delete(message.jobId);
      load[index] = (load[index] ?? 1) - 1;
      if (message.type === 'prepared') job.resolve(message.image);
      else if (message.type === 'analysed') job.resolve(message.analysis);
      else job.reject(fromSerialized(message.error));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const error = new AppError('worker-failed', `The image worker stopped: ${event.message}`);
      for (const job of pending.values()) job.reject(error);
      pending.clear();
    };
    return worker;
  });

  /** Sends a job to the least busy worker. */
  const send = <T extends PreparedImage | FrameAnalysis>(
    build: (jobId: number) => ToImportWorker,
    transfer: Transferable[] = [],
  ) => {
    const jobId = nextJob++;
    let target = 0;
    for (let i = 1; i < load.length; i++) if ((load[i] ?? 0) < (load[target] ?? 0)) target = i;
    load[target] = (load[target] ?? 0) + 1;
    return new Promise<T>((resolve, reject) => {
      pending.set(jobId, { resolve: resolve as Pending['resolve'], reject });
      workers[target]?.postMessage(build(jobId), transfer);
    });
  };

  return {
    size,
    prepare: (file, name, noFace) =>
      send<PreparedImage>((jobId) => ({ type: 'prepare', jobId, file, name, noFace })),
    analyse: (frame, keep) =>
      send<FrameAnalysis>((jobId) => ({ type: 'analyse-frame', jobId, frame, keep }), [frame]),
    terminate() {
      for (const worker of workers) worker.terminate();
      const error = new AppError('worker-failed', 'The import was cancelled.');
      for (const job of pending.values()) job.reject(error);
      pending.clear();
    },
  };
}
