// The import pool with fake workers: a crashed or hung worker fails only its own jobs and is
// replaced, and terminating rejects what is still in flight.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../lib/errors';
import { createImportPool, type PoolWorker } from './import-pool';
import type { FromImportWorker, PreparedImage, ToImportWorker } from './import-protocol';

class FakeWorker implements PoolWorker {
  onmessage: PoolWorker['onmessage'] = null;
  onerror: PoolWorker['onerror'] = null;
  received: ToImportWorker[] = [];
  terminated = false;

  postMessage(message: ToImportWorker) {
    if (this.terminated) throw new Error('posted to a terminated worker');
    this.received.push(message);
  }

  terminate() {
    this.terminated = true;
  }

  /** Answers the job sent for this file name with an image whose hash is the name. */
  answer(name: string) {
    const job = this.received.find((m) => m.type === 'prepare' && m.name === name);
    if (!job) throw new Error(`${name} was not sent to this worker`);
    const image = { hash: name } as PreparedImage;
    const data: FromImportWorker = { type: 'prepared', jobId: job.jobId, image };
    this.onmessage?.({ data } as MessageEvent<FromImportWorker>);
  }

  crash(message: string) {
    this.onerror?.({ message, preventDefault: () => {} } as ErrorEvent);
  }

  names() {
    return this.received.map((m) => (m.type === 'prepare' ? m.name : 'frame'));
  }
}

function fakePool(size: number, timeoutMs = 60_000) {
  const created: FakeWorker[] = [];
  const pool = createImportPool({
    size,
    timeoutMs,
    createWorker: () => {
      const worker = new FakeWorker();
      created.push(worker);
      return worker;
    },
  });
  const worker = (index: number) => created[index] as FakeWorker;
  const prepare = (name: string) => pool.prepare(new Blob([name]), name, 'skip', 'largest');
  return { pool, created, worker, prepare };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('import pool', { timeout: 5_000 }, () => {
  it('fails only the crashed worker’s jobs; the other worker’s job still resolves', async () => {
    const { worker, prepare } = fakePool(2);
    const a = prepare('Ada/a.jpg');
    const b = prepare('Ada/b.jpg');
    expect(worker(0).names()).toEqual(['Ada/a.jpg']);
    expect(worker(1).names()).toEqual(['Ada/b.jpg']);
    const failed = expect(a).rejects.toMatchObject({
      code: 'worker-failed',
      message: 'Ada/a.jpg: the image worker stopped (out of memory).',
    });
    worker(0).crash('out of memory');
    await failed;
    expect(worker(0).terminated).toBe(true);
    worker(1).answer('Ada/b.jpg');
    await expect(b).resolves.toMatchObject({ hash: 'Ada/b.jpg' });
  });

  it('tells the worker which faces to keep and what to do without a face', async () => {
    const { pool, worker } = fakePool(1);
    const job = pool.prepare(new Blob(['x']), 'group.jpg', 'centre', 'every');
    expect(worker(0).received[0]).toMatchObject({
      type: 'prepare',
      name: 'group.jpg',
      noFace: 'centre',
      faces: 'every',
    });
    pool.terminate();
    await expect(job).rejects.toMatchObject({ code: 'worker-failed' });
  });

  it('answers a job sent after a crash from a fresh worker in that slot', async () => {
    const { created, worker, prepare } = fakePool(1);
    const a = prepare('a.jpg');
    const failed = expect(a).rejects.toBeInstanceOf(AppError);
    worker(0).crash('boom');
    await failed;
    const b = prepare('b.jpg');
    expect(created).toHaveLength(2);
    expect(worker(0).names()).toEqual(['a.jpg']);
    worker(1).answer('b.jpg');
    await expect(b).resolves.toMatchObject({ hash: 'b.jpg' });
  });

  it('times out a hung job with its reason, resends the jobs behind it, and keeps working', async () => {
    vi.useFakeTimers();
    const { created, worker, prepare } = fakePool(1, 1_000);
    const hung = prepare('Ada/hang.jpg');
    const waiting = prepare('Ada/ok.jpg');
    const failed = expect(hung).rejects.toMatchObject({
      code: 'worker-timeout',
      message: 'Ada/hang.jpg: took longer than 1 s to decode; skipped.',
    });
    vi.advanceTimersByTime(999);
    expect(created).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await failed;
    expect(worker(0).terminated).toBe(true);
    expect(worker(1).names()).toEqual(['Ada/ok.jpg']);
    worker(1).answer('Ada/ok.jpg');
    await expect(waiting).resolves.toMatchObject({ hash: 'Ada/ok.jpg' });

    const later = prepare('Ada/later.jpg');
    worker(1).answer('Ada/later.jpg');
    await expect(later).resolves.toMatchObject({ hash: 'Ada/later.jpg' });
    vi.advanceTimersByTime(5_000);
    expect(created).toHaveLength(2);
  });

  it('starts a queued job’s clock only when the jobs ahead of it are answered', async () => {
    vi.useFakeTimers();
    const { created, worker, prepare } = fakePool(1, 1_000);
    const slow = prepare('Ada/slow.jpg');
    const queued = prepare('Ada/queued.jpg');
    vi.advanceTimersByTime(900);
    worker(0).answer('Ada/slow.jpg');
    await expect(slow).resolves.toMatchObject({ hash: 'Ada/slow.jpg' });
    // 1.8 s after it was sent, but 0.9 s after it became the oldest: still within its time.
    vi.advanceTimersByTime(900);
    worker(0).answer('Ada/queued.jpg');
    await expect(queued).resolves.toMatchObject({ hash: 'Ada/queued.jpg' });
    expect(created).toHaveLength(1);
    expect(worker(0).terminated).toBe(false);
  });

  it('fails a webcam frame waiting behind a hung job, since it was handed to the ended worker', async () => {
    vi.useFakeTimers();
    const { worker, pool, prepare } = fakePool(1, 1_000);
    const hung = prepare('hang.jpg');
    const frame = pool.analyse({} as ImageBitmap, false);
    const failed = Promise.all([
      expect(hung).rejects.toMatchObject({ code: 'worker-timeout' }),
      expect(frame).rejects.toMatchObject({
        code: 'worker-failed',
        message: 'A webcam frame: its image worker was restarted.',
      }),
    ]);
    vi.advanceTimersByTime(1_000);
    await failed;
    expect(worker(0).terminated).toBe(true);
  });

  it('rejects the jobs in flight and any later ones when terminated', async () => {
    const { pool, created, prepare } = fakePool(2);
    const failed = Promise.all(
      [prepare('a.jpg'), prepare('b.jpg')].map((job) =>
        expect(job).rejects.toMatchObject({ code: 'worker-failed' }),
      ),
    );
    pool.terminate();
    await failed;
    expect(created.map((w) => w.terminated)).toEqual([true, true]);
    await expect(prepare('c.jpg')).rejects.toMatchObject({ code: 'worker-failed' });
    expect(created).toHaveLength(2);
  });
});
