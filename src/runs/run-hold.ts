// Owns the user's hold on a training session: Pause, Resume and Stop as the worker reads them,
// and requests served while the run trains (a Verify photo), for which the run waits between
// steps as if paused, so the request is answered within a step rather than interleaved with the
// rest of the epoch. The epoch loop and the preparation ask it between steps and batches.

import type { RunControl } from './epoch-loop';

export class RunHold implements RunControl {
  private paused = false;
  private stopAsked = false;
  /** Requests being served; the run waits between steps while there is any. */
  private serving = 0;
  private waiting: (() => void)[] = [];

  /** Pauses; false when there was nothing to pause (already paused, or stopped). */
  pause(): boolean {
    if (this.paused || this.stopAsked) return false;
    this.paused = true;
    return true;
  }

  /** Resumes; false when the run was not paused. */
  resume(): boolean {
    if (!this.paused) return false;
    this.paused = false;
    this.wake();
    return true;
  }

  /** Ends the run at its next step, also out of a pause or a request's wait. */
  stop(): void {
    this.stopAsked = true;
    this.wake();
  }

  stopped(): boolean {
    return this.stopAsked;
  }

  /** Holds the run between steps until `work` settles (either way); returns `work` itself. */
  serve<T>(work: Promise<T>): Promise<T> {
    this.serving += 1;
    const settled = () => {
      this.serving -= 1;
      this.wake();
    };
    work.then(settled, settled);
    return work;
  }

  /** Resolves at once, or once neither a pause nor a request holds the run (or it is stopped). */
  async whilePaused(): Promise<void> {
    while (!this.stopAsked && (this.paused || this.serving > 0)) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}
