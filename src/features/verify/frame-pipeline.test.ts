import { describe, expect, it } from 'vitest';
import { runFramePipeline, type FrameOutcome } from './frame-pipeline';

/** A worker that embeds one frame at a time, each taking `ms`, as the training worker does. */
function serialWorker(ms: number) {
  let queue = Promise.resolve();
  let busy = 0;
  let mostWaiting = 0;
  let waiting = 0;
  const idle: number[] = [];
  let lastDone = performance.now();
  return {
    process(frame: number): Promise<number> {
      waiting++;
      mostWaiting = Math.max(mostWaiting, waiting);
      const answer = queue.then(async () => {
        idle.push(performance.now() - lastDone);
        busy++;
        await new Promise((resolve) => setTimeout(resolve, ms));
        busy--;
        waiting--;
        lastDone = performance.now();
        if (frame % 5 === 3) throw new Error('no face');
        return frame * 10;
      });
      queue = answer.then(
        () => undefined,
        () => undefined,
      );
      return answer;
    },
    stats: () => ({ mostWaiting, idle, busy }),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('runFramePipeline', () => {
  it('keeps the worker fed (two frames out), delivers every answer in grab order, and stops', async () => {
    const worker = serialWorker(20);
    let next = 0;
    const delivered: FrameOutcome<number>[] = [];
    const stop = runFramePipeline<number, number>({
      grab: async () => {
        await sleep(8); // the page's own share of a frame: grabbing, sending
        return next++;
      },
      process: (frame) => worker.process(frame),
      deliver: (outcome) => {
        delivered.push(outcome);
        return true;
      },
    });
    await sleep(500);
    stop();
    const { mostWaiting, idle } = worker.stats();
    expect(mostWaiting).toBe(2);
    // The worker does not wait for the page's 8 ms a frame (one frame at a time, it does: below).
    expect(median(idle.slice(2))).toBeLessThan(4);
    const values = delivered.map((o) => (o.ok ? o.value : -1));
    expect(values.length).toBeGreaterThan(15);
    values.forEach((value, i) => expect(value).toBe(i % 5 === 3 ? -1 : i * 10));
    const count = delivered.length;
    await sleep(100);
    expect(delivered.length).toBe(count);
  });

  it('with depth 1 waits for each answer before grabbing the next frame', async () => {
    const worker = serialWorker(5);
    let next = 0;
    const stop = runFramePipeline<number, number>({
      grab: async () => {
        await sleep(8);
        return next++;
      },
      process: (frame) => worker.process(frame),
      deliver: () => true,
      depth: 1,
    });
    await sleep(100);
    stop();
    expect(worker.stats().mostWaiting).toBe(1);
    expect(median(worker.stats().idle.slice(2))).toBeGreaterThanOrEqual(7);
  });

  it('ends when deliver says so, and a failed grab is delivered after the answers still out', async () => {
    const worker = serialWorker(5);
    let next = 0;
    const delivered: string[] = [];
    runFramePipeline<number, number>({
      grab: async () => {
        if (next === 6) throw new Error('camera lost');
        return next++;
      },
      process: (frame) => worker.process(frame),
      deliver: (outcome) => {
        delivered.push(outcome.ok ? String(outcome.value) : (outcome.error as Error).message);
        return true;
      },
    });
    await sleep(200);
    expect(delivered).toEqual(['0', '10', '20', 'no face', '40', '50', 'camera lost']);

    const ended: number[] = [];
    let more = 0;
    runFramePipeline<number, number>({
      grab: async () => more++,
      process: (frame) => worker.process(frame),
      deliver: (outcome) => {
        ended.push(outcome.ok ? outcome.value : -1);
        return outcome.ok;
      },
    });
    await sleep(200);
    expect(ended).toEqual([0, 10, 20, -1]);
  });

  it('ends with the error when deliver or process throws, and lets go of a frame process refused', async () => {
    const seen: string[] = [];
    runFramePipeline<number, number>({
      grab: async () => 1,
      process: async (frame) => frame,
      deliver: (outcome) => {
        if (outcome.ok) throw new Error('templates of another size');
        seen.push((outcome.error as Error).message);
        return false;
      },
    });
    await sleep(50);
    expect(seen).toEqual(['templates of another size']);

    const discarded: number[] = [];
    const said: string[] = [];
    runFramePipeline<number, number>({
      grab: async () => 5,
      process: () => {
        throw new Error('the worker could not start');
      },
      deliver: (outcome) => {
        said.push(outcome.ok ? 'answer' : (outcome.error as Error).message);
        return outcome.ok;
      },
      discard: (frame) => discarded.push(frame),
    });
    await sleep(50);
    expect(said).toEqual(['the worker could not start']);
    expect(discarded.length).toBeGreaterThanOrEqual(1);
  });

  it('asks again later while the video has no frame, and lets go of a frame grabbed after stop', async () => {
    let ready = false;
    let pauses = 0;
    const discarded: number[] = [];
    const delivered: number[] = [];
    let release: (() => void) | null = null;
    let grabbing: () => void = () => undefined;
    const grabStarted = new Promise<void>((resolve) => (grabbing = resolve));
    const stop = runFramePipeline<number, number>({
      grab: async () => {
        if (!ready) return null;
        grabbing();
        await new Promise<void>((resolve) => (release = resolve));
        return 7;
      },
      process: async (frame) => frame,
      deliver: (outcome) => {
        if (outcome.ok) delivered.push(outcome.value);
        return true;
      },
      discard: (frame) => discarded.push(frame),
      pause: async () => {
        pauses++;
        await sleep(5);
      },
    });
    await sleep(30);
    expect(pauses).toBeGreaterThan(2);
    ready = true;
    await grabStarted;
    stop();
    (release as (() => void) | null)?.();
    await sleep(10);
    expect(discarded).toEqual([7]);
    expect(delivered).toEqual([]);
  });
});
