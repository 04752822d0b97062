// The sentences the Evaluate screen says about strangers and few photos, from the figures alone
// (pure, so they are tested without rendering).
import type { LearningPoint } from '../../ml/metrics/learning-curve';
import { enoughShots } from '../../ml/metrics/learning-curve';

export const pct = (v: number, digits = 1) =>
  Number.isFinite(v) ? `${(v * 100).toFixed(digits)} %` : '—';

/** "1 %", "0.1 %": a target FAR as the user picks it. */
export function farLabel(far: number): string {
  return `${Number((far * 100).toPrecision(3))} %`;
}

export function shotsLabel(point: LearningPoint): string {
  return Number.isFinite(point.shots)
    ? String(point.shots)
    : `all (${point.photosPerPerson.toFixed(1)})`;
}

/** Where more enrolment photos stop helping, in one sentence. */
export function learningCurveSentence(points: readonly LearningPoint[], targetFar: number): string {
  if (points.length < 2)
    return 'No count of photos asked for is below the training photos people have, so there is no curve: ask for fewer (e.g. 1, 2, 3) or add photos.';
  const strangers = points.every((p) => !Number.isNaN(p.dirAtFar));
  const figure = strangers ? `DIR at FAR ${farLabel(targetFar)}` : 'top-1';
  const enough = enoughShots(points);
  const all = points[points.length - 1] as LearningPoint;
  const value = (p: LearningPoint) => (strangers ? p.dirAtFar : p.top1);
  if (enough === undefined || !Number.isFinite(enough)) {
    return `Every photo still helps: with all of them (${all.photosPerPerson.toFixed(1)} a person on average) ${figure} is ${pct(value(all))}, more than 1 point above any smaller number.`;
  }
  const at = points.find((p) => p.shots === enough) as LearningPoint;
  return `From ${enough} photo${enough === 1 ? '' : 's'} a person on, more photos add less than 1 point: ${figure} is ${pct(value(at))} with ${enough} and ${pct(value(all))} with all of them.`;
}

/** What FAR 0.1 % means with this many test strangers (its resolution is 1/n). */
export function farResolution(strangers: number): string {
  if (strangers === 0) return '';
  const step = 1 / strangers;
  return step > 1e-3
    ? `With ${strangers} test stranger photos one false alarm is ${pct(step, 2)}, so FAR 0.1 % means none at all.`
    : `With ${strangers} test stranger photos one false alarm is ${pct(step, 3)}.`;
}

/** "1, 2, 3, 5, 10" → [1, 2, 3, 5, 10], or what is wrong with it. */
export function parseShots(text: string): number[] | string {
  const parts = text
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return 'Give at least one number of photos, e.g. 1, 2, 3, 5, 10.';
  const numbers = parts.map(Number);
  const bad = parts.find((_, i) => !(Number.isInteger(numbers[i]) && (numbers[i] as number) > 0));
  if (bad !== undefined) return `“${bad}” is not a whole number of photos of at least 1.`;
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/**
 * A warning when the threshold chosen on val strangers lets through clearly more test strangers
 * than the target (one lookalike stranger's photos all score alike, so few different strangers
 * make the choice uncertain); empty otherwise.
 */
export function thresholdDriftNote(
  testFar: number,
  targetFar: number,
  falseAlarms: number,
): string {
  if (!(testFar > 2 * targetFar) || falseAlarms < 2) return '';
  return `On test strangers this threshold gave a name to ${pct(testFar)}, not the ${farLabel(targetFar)} aimed at on val: photos of one stranger score alike, so the choice is only as sure as the number of different strangers. Add photos of more different people to Strangers to set it more reliably.`;
}
