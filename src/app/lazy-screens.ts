// Owns loading the screens other than Dataset apart from the app's first script: each is a
// React.lazy component over its own chunk, and all are fetched and evaluated one by one soon after
// the page has started (at most one chunk in each idle moment), so a tab opens at once while the
// start itself is not one long task.

import { lazy } from 'react';

const loaders = {
  capture: () =>
    import('../features/capture/capture-screen').then((m) => ({ default: m.CaptureScreen })),
  train: () =>
    import('../features/training/train-screen').then((m) => ({ default: m.TrainScreen })),
  evaluate: () =>
    import('../features/evaluation/evaluate-screen').then((m) => ({
      default: m.EvaluateScreen,
    })),
  verify: () =>
    import('../features/verify/verify-screen').then((m) => ({ default: m.VerifyScreen })),
  export: () =>
    import('../features/export/export-screen').then((m) => ({ default: m.ExportScreen })),
};

export const CaptureScreen = lazy(loaders.capture);
export const TrainScreen = lazy(loaders.train);
export const EvaluateScreen = lazy(loaders.evaluate);
export const VerifyScreen = lazy(loaders.verify);
export const ExportScreen = lazy(loaders.export);

/**
 * Fetches every lazy screen's code in the background, one chunk per idle moment; returns a
 * function that stops what has not started (an unmounted app). A chunk that fails to load here
 * is not tried again: its screen then shows why (ScreenBoundary), and a reload tries again.
 */
export function preloadScreens(): () => void {
  const queue = Object.values(loaders);
  let stopped = false;
  let cancel: (() => void) | null = null;
  /** Runs `next` at the next idle moment; returns what cancels it. */
  const idle = (next: () => void): (() => void) => {
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(next, { timeout: 2000 });
      return () => cancelIdleCallback(id);
    }
    const id = window.setTimeout(next, 200);
    return () => clearTimeout(id);
  };
  const step = () => {
    const load = queue.shift();
    if (!load || stopped) return;
    void load()
      .catch(() => undefined)
      .finally(() => {
        if (!stopped) cancel = idle(step);
      });
  };
  cancel = idle(step);
  return () => {
    stopped = true;
    cancel?.();
  };
}
