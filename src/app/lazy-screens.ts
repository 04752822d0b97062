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
 * function that stops what has not started (an unmounted app). A chunk that fails to load is
 * loaded again, with its error shown, when its screen is opened.
 */
export function preloadScreens(): () => void {
  const queue = Object.values(loaders);
  let handle: number | null = null;
  const idle = (next: () => void): number =>
    typeof requestIdleCallback === 'function'
      ? requestIdleCallback(next, { timeout: 2000 })
      : window.setTimeout(next, 200);
  const step = () => {
    const load = queue.shift();
    if (!load) return;
    void load()
      .catch(() => undefined)
      .finally(() => {
        handle = idle(step);
      });
  };
  handle = idle(step);
  return () => {
    queue.length = 0;
    if (handle !== null) {
      if (typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
      clearTimeout(handle);
    }
  };
}
