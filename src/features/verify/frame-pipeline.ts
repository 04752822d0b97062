// Owns the rhythm of live Verify: frames are grabbed and handed to the worker so that it always
// has the next frame waiting when it finishes one. One at a time, the worker sat idle while the
// page grabbed a frame, sent it, received the answer and drew it (about 13 of 55 ms a frame
// here); with two in flight the page does that work while the worker embeds the frame before.
// Alone, that did not measurably raise the rate here, where both cores were already busy; with
// the worker's own work cut (photo-embedder.ts) it lets the worker run without gaps. Answers come back in the order the frames were grabbed, because the worker embeds one
// request after another. Pure: the camera, the worker and the screen come in as functions.

/** What became of one frame: its answer, or why there is none. */
export type FrameOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface FramePipelineParts<F, R> {
  /** The next frame, or null when the video has none yet (asked again a little later). */
  grab(): Promise<F | null>;
  /** The frame's answer (the worker's work); it owns the frame from here on. */
  process(frame: F): Promise<R>;
  /** Each frame's outcome, in order, with when its grab began (performance.now()); false ends
   *  the pipeline (answers still out are dropped). */
  deliver(outcome: FrameOutcome<R>, grabbedAt: number): boolean;
  /** Frames handed over and not yet answered, at most (2: one worked on, one waiting). */
  depth?: number;
  /** Lets go of a frame grabbed after the pipeline was stopped. */
  discard?(frame: F): void;
  /** Waits before asking again for a frame the video did not have. */
  pause?: () => Promise<void>;
}

const settle = <R>(work: Promise<R>): Promise<FrameOutcome<R>> =>
  work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/** Runs until `deliver` answers false or the returned function is called. */
export function runFramePipeline<F, R>(parts: FramePipelineParts<F, R>): () => void {
  const depth = Math.max(1, parts.depth ?? 2);
  const pause = parts.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 100)));
  let running = true;
  /** Frames handed over and not yet delivered, oldest first. */
  const out: { answer: Promise<FrameOutcome<R>>; grabbedAt: number }[] = [];

  /** Hands `outcome` to `deliver`; false when the pipeline is to end. A `deliver` that throws
   *  is given its own error, as a failed frame, and the pipeline ends. */
  const handOver = (outcome: FrameOutcome<R>, grabbedAt: number): boolean => {
    let goOn: boolean;
    try {
      goOn = parts.deliver(outcome, grabbedAt);
    } catch (error) {
      try {
        parts.deliver({ ok: false, error }, grabbedAt);
      } catch {
        // Nothing more can be said to the screen.
      }
      goOn = false;
    }
    if (!goOn) running = false;
    return goOn;
  };

  /** Delivers the oldest answer still out; false when the pipeline is to end. */
  const deliverOldest = async (): Promise<boolean> => {
    const { answer, grabbedAt } = out.shift() as (typeof out)[number];
    const outcome = await answer;
    if (!running) return false;
    return handOver(outcome, grabbedAt);
  };

  /** The frame's answer, as an outcome; a `process` that throws at once lets go of the frame. */
  const start = (frame: F): Promise<FrameOutcome<R>> => {
    try {
      return settle(parts.process(frame));
    } catch (error) {
      parts.discard?.(frame);
      return Promise.resolve({ ok: false, error });
    }
  };

  const loop = async () => {
    while (running) {
      let frame: F | null;
      const grabbedAt = performance.now();
      try {
        frame = await parts.grab();
      } catch (error) {
        // The camera went away: what is out still lands first, then the reason.
        while (out.length > 0) if (!(await deliverOldest())) return;
        if (running) handOver({ ok: false, error }, grabbedAt);
        running = false;
        return;
      }
      if (!running) {
        if (frame !== null) parts.discard?.(frame);
        return;
      }
      if (frame === null) {
        while (out.length > 0) if (!(await deliverOldest())) return;
        await pause();
        continue;
      }
      out.push({ answer: start(frame), grabbedAt });
      if (out.length >= depth && !(await deliverOldest())) return;
    }
  };
  void loop().catch((error: unknown) => {
    if (running) handOver({ ok: false, error }, performance.now());
  });
  return () => {
    running = false;
  };
}
