// Checks the hold on a run as the epoch loop sees it between steps: a pause holds until Resume or
// Stop, a served request holds until it settles (answered or failed), Stop ends any hold at once,
// and a pause after Stop is refused (nothing to pause).
import { describe, expect, test } from 'vitest';
import { RunHold } from './run-hold';

/** Whether `promise` has settled once the microtasks queued so far have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}

describe('RunHold', () => {
  test('a pause holds until resumed', async () => {
    const hold = new RunHold();
    expect(await settled(hold.whilePaused())).toBe(true);
    expect(hold.pause()).toBe(true);
    expect(hold.pause()).toBe(false);
    const waiting = hold.whilePaused();
    expect(await settled(waiting)).toBe(false);
    expect(hold.resume()).toBe(true);
    expect(await settled(waiting)).toBe(true);
    expect(hold.resume()).toBe(false);
  });

  test('a served request holds until it is answered or fails, and is handed back as it is', async () => {
    const hold = new RunHold();
    let answer = (_: string) => {};
    const request = new Promise<string>((resolve) => (answer = resolve));
    expect(hold.serve(request)).toBe(request);
    const waiting = hold.whilePaused();
    expect(await settled(waiting)).toBe(false);
    answer('embedding');
    expect(await settled(waiting)).toBe(true);

    const failing = hold.serve(Promise.reject(new Error('no face')));
    await expect(failing).rejects.toThrow('no face');
    expect(await settled(hold.whilePaused())).toBe(true);
  });

  test('stop ends a pause and a request’s hold at once, and nothing pauses afterwards', async () => {
    const hold = new RunHold();
    hold.pause();
    hold.serve(new Promise(() => {}));
    const waiting = hold.whilePaused();
    expect(await settled(waiting)).toBe(false);
    hold.stop();
    expect(await settled(waiting)).toBe(true);
    expect(hold.stopped()).toBe(true);
    expect(hold.pause()).toBe(false);
  });
});
