// Owns the learning-rate schedule: a pure function of the step, so a resumed run continues the
// same curve from its step counter alone (nanoGPT's getLr, with the seed's cosine to 1e-6).

export interface LearningRateSchedule {
  baseLr: number;
  /** Steps of linear warm-up before the peak; 0 starts the cosine at once. */
  warmupSteps: number;
  /** Steps in the whole run; the last one (totalSteps − 1) runs at minLr. */
  totalSteps: number;
  /** The floor the cosine anneals to, as the seed's CosineAnnealingLR(eta_min = 1e-6). */
  minLr?: number;
}

/**
 * Learning rate for step `step` (0-based):
 * - warm-up, steps 0 … warmupSteps − 1: baseLr · (step + 1) / (warmupSteps + 1), rising linearly
 *   so that the first step is already useful and the peak is reached exactly at step warmupSteps;
 * - cosine, steps warmupSteps … totalSteps − 1: minLr + ½ (baseLr − minLr)(1 + cos(π p)) with p
 *   going from 0 to 1, so the peak is baseLr and the last step runs at minLr;
 * - beyond the run: minLr.
 */
export function learningRateAt(step: number, schedule: LearningRateSchedule): number {
  const { baseLr, warmupSteps, totalSteps } = schedule;
  const minLr = schedule.minLr ?? 1e-6;
  if (step < warmupSteps) {
    return (baseLr * (step + 1)) / (warmupSteps + 1);
  }
  const lastStep = totalSteps - 1;
  if (step >= lastStep) {
    // A run whose warm-up fills it never anneals; its final step would otherwise read minLr.
    return lastStep <= warmupSteps && step === warmupSteps ? baseLr : minLr;
  }
  const progress = (step - warmupSteps) / (lastStep - warmupSteps);
  return minLr + 0.5 * (baseLr - minLr) * (1 + Math.cos(Math.PI * progress));
}
