// A small pool of import workers: hands each file (or webcam frame) to the least busy worker
// and resolves with the prepared image (or the frame's analysis) or rejects with a typed error.
// A worker that dies or hangs is ended and replaced, failing only its own jobs, so one bad file
// cannot stall an import. Owned by whoever runs an import (or a capture), and terminated when
// that ends.

import { AppError, fromSerialized } from '../lib/errors';
import { createRequestBridge } from './request-bridge';
import type { FrameAnalysis } from '../faces/analyse-frame';
import type { FaceSelection, NoFacePolicy } from '../domain/face-crop-outcome';
import type { FromImportWorker, PreparedImage, ToImportWorker } from './import-protocol';

/** The part of a Worker the pool uses, so tests can pass a fake one. */
export interface PoolWorker {
  postMessage(message: ToImportWorker, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromImportWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface ImportPoolOptions {
  size?: number;
  /** A worker's oldest job not answered within this time (from when it became the oldest) fails, and the worker is replaced. */
  timeoutMs?: number;
  createWorker?: (name: string) => PoolWorker;
}

export interface ImportPool {
  prepare(
    file: Blob,
    name: string,
    noFace: NoFacePolicy,
    faces: FaceSelection,
  ): Promise<PreparedImage>;
  /** Judges a webcam frame (transferred, so the caller must not use it after) and keeps it if asked. */
  analyse(frame: ImageBitmap, keep: boolean): Promise<FrameAnalysis>;
  readonly size: number;
  /** Ends every worker; jobs in flight and any sent later are rejected. */
  terminate(): void;
}

/** What each kind of job answers. */
interface JobAnswers {
  prepare: PreparedImage;
  'analyse-frame': FrameAnalysis;
}

/** What the pool keeps with a job while it waits (in the request bridge, by job id). */
interface Job {
  message: ToImportWorker;
  transfer: Transferable[];
  /** Names the job in messages: the file's path, or "A webcam frame". */
  label: string;
  task: 'decode' | 'analyse';
  slot: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export const DEFAULT_JOB_TIMEOUT_MS = 60_000;

export function defaultPoolSize(): number {
  const cores = navigator.hardwareConcurrency || 2;
  return Math.max(1, Math.min(4, cores));
}

function browserWorker(name: string): PoolWorker {
  return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name });
}

export function createImportPool({
  size = defaultPoolSize(),
  timeoutMs = DEFAULT_JOB_TIMEOUT_MS,
  createWorker = browserWorker,
}: ImportPoolOptions = {}): ImportPool {
  // null: the slot's worker was ended and no job has needed a new one yet. Starting replacements
  // only when a job needs them means a worker that fails as it loads cannot restart in a loop.
  const workers: (PoolWorker | null)[] = [];
  let closed = false;

  // Each worker's oldest unanswered job is on the clock, and only that one: the jobs queued
  // behind it (and the worker's first model load) are not charged to it.
  const armOldest = (slot: number) => {
    for (const [jobId, job] of jobs.waiting()) {
      if (job.slot !== slot) continue;
      job.timer ??= setTimeout(() => timedOut(jobId, job), timeoutMs);
      return;
    }
  };

  // A job leaving the book (answered, failed, timed out) stops its clock and starts the next's.
  const jobs = createRequestBridge<JobAnswers, Job>({
    onSettled: (job) => {
      clearTimeout(job.timer);
      job.timer = undefined;
      armOldest(job.slot);
    },
  });

  const start = (slot: number): PoolWorker => {
    const worker = createWorker(`import-${slot}`);
    worker.onmessage = (event) => {
      const message = event.data;
      if (workers[slot] !== worker) return;
      switch (message.type) {
        case 'prepared':
          jobs.resolve(message.jobId, 'prepare', message.image);
          return;
        case 'analysed':
          jobs.resolve(message.jobId, 'analyse-frame', message.analysis);
          return;
        case 'failed':
          jobs.reject(message.jobId, fromSerialized(message.error));
          return;
        default: {
          const unknown: never = message;
          throw new Error(`Unknown message ${JSON.stringify(unknown)}`);
        }
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      // Which of its jobs killed the worker is unknown, so they all fail rather than risk the next.
      const reason = event.message || 'no reason given';
      retire(
        slot,
        (job) =>
          new AppError('worker-failed', `${job.label}: the image worker stopped (${reason}).`),
      );
    };
    workers[slot] = worker;
    return worker;
  };

  /** Sends a job to its slot's worker (started if needed); its clock starts when it is oldest. */
  const post = (job: Job) => {
    clearTimeout(job.timer);
    job.timer = undefined;
    (workers[job.slot] ?? start(job.slot)).postMessage(job.message, job.transfer);
    armOldest(job.slot);
  };

  /** Ends a slot's worker. Each of its jobs is rejected with `failure(job)`, or sent to a fresh
   *  worker in the slot when that is null. */
  const retire = (slot: number, failure: (job: Job) => AppError | null) => {
    workers[slot]?.terminate();
    workers[slot] = null;
    for (const [jobId, job] of jobs.waiting()) {
      if (job.slot !== slot) continue;
      const error = failure(job);
      if (error === null) post(job);
      else jobs.reject(jobId, error);
    }
  };

  // A hung job fails alone. The worker's other jobs were only waiting behind it, so they go to
  // the replacement worker with a fresh clock, except webcam frames: those were transferred to
  // the ended worker and cannot be sent again.
  const timedOut = (jobId: number, hung: Job) => {
    const seconds = timeoutMs / 1000;
    jobs.reject(
      jobId,
      new AppError(
        'worker-timeout',
        `${hung.label}: took longer than ${seconds} s to ${hung.task}; skipped.`,
      ),
    );
    retire(hung.slot, (job) =>
      job.transfer.length === 0
        ? null
        : new AppError('worker-failed', `${job.label}: its image worker was restarted.`),
    );
  };

  const busy = (slot: number) => jobs.waiting().filter(([, job]) => job.slot === slot).length;

  const send = <K extends keyof JobAnswers>(
    kind: K,
    message: (jobId: number) => Extract<ToImportWorker, { type: K }>,
    describe: Pick<Job, 'label' | 'task'>,
    transfer: Transferable[] = [],
  ): Promise<JobAnswers[K]> => {
    if (closed) {
      return Promise.reject(new AppError('worker-failed', 'The image workers were stopped.'));
    }
    let slot = 0;
    for (let i = 1; i < size; i++) if (busy(i) < busy(slot)) slot = i;
    return jobs.request(
      kind,
      (_, job) => post(job),
      (jobId) => ({ message: message(jobId), transfer, ...describe, slot, timer: undefined }),
    );
  };

  for (let slot = 0; slot < size; slot++) start(slot);

  return {
    size,
    prepare: (file, name, noFace, faces) =>
      send('prepare', (jobId) => ({ type: 'prepare', jobId, file, name, noFace, faces }), {
        label: name,
        task: 'decode',
      }),
    analyse: (frame, keep) =>
      send(
        'analyse-frame',
        (jobId) => ({ type: 'analyse-frame', jobId, frame, keep }),
        { label: 'A webcam frame', task: 'analyse' },
        [frame],
      ),
    terminate() {
      closed = true;
      const stopped = new AppError(
        'worker-failed',
        'The image workers were stopped before this finished.',
      );
      for (let slot = 0; slot < size; slot++) retire(slot, () => stopped);
    },
  };
}
