// Open-set recognition (issue 17): enrolled people must be named, strangers answered "unknown".
// A probe is accepted when its best person's score reaches the threshold, and then named as that
// person. The threshold is chosen on val strangers for a target false-alarm rate (FAR: the share
// of strangers accepted as someone); on test the figures are DIR (detection and identification
// rate: enrolled probes accepted AND named correctly), FAR, and the share of enrolled probes
// rejected. DIR at FAR x reads the test curve at its best point whose FAR is at most x, the
// threshold a deployment could actually set (so with n test strangers FAR moves in steps of 1/n,
// and FAR 0.1 % with fewer than 1,000 strangers means "no false alarm at all").
import type { EmbeddingMatrix, LabelledEmbeddings } from './embedding-matrix';
import { bestMatches, buildGallery, type Gallery, type GalleryKind } from './galleries';
import { MetricsError } from './metrics-error';
import { countAtLeast } from './sorted-scores';

export interface OpenSetInput {
  readonly train: LabelledEmbeddings;
  readonly val: LabelledEmbeddings;
  readonly test: LabelledEmbeddings;
  readonly valStrangers: EmbeddingMatrix;
  readonly testStrangers: EmbeddingMatrix;
}

/**
 * The scores every open-set figure is read from, small enough to store with a run so that the
 * Evaluate screen can move the target FAR without embedding anything again.
 */
export interface OpenSetScores {
  /** Best-person score of each val stranger, ascending. */
  readonly valStrangers: Float64Array;
  /** Best-person score of each test stranger, ascending. */
  readonly testStrangers: Float64Array;
  /** Best-person score of each enrolled test probe, in test order. */
  readonly testEnrolled: Float64Array;
  /** 1 when that probe's best person is its own. */
  readonly testCorrect: Uint8Array;
}

export interface OpenSetRates {
  readonly threshold: number;
  /** Enrolled probes accepted and named correctly / enrolled probes. */
  readonly dir: number;
  /** Strangers accepted / strangers. */
  readonly far: number;
  /** Enrolled probes below the threshold / enrolled probes. */
  readonly rejected: number;
  /** Enrolled probes accepted as someone else / enrolled probes. */
  readonly misidentified: number;
  readonly falseAlarms: number;
  readonly strangers: number;
  readonly enrolled: number;
}

export interface OpenSetCurve {
  readonly far: number[];
  readonly dir: number[];
  readonly thresholds: number[];
}

export interface OpenSetFigures {
  readonly targetFar: number;
  /** Chosen on val strangers; NaN without any. */
  readonly threshold: number;
  /** The test figures at `threshold`. */
  readonly atThreshold: OpenSetRates;
  /** Read off the test curve (see the file comment); NaN without test strangers. */
  readonly dirAtFar1e2: number;
  readonly dirAtFar1e3: number;
  readonly curve: OpenSetCurve;
}

const ascending = (values: Float64Array) => Float64Array.from(values).sort();

/**
 * The scores of protocol folder-v1's parts and the strangers, with one kind of gallery built
 * from train (or a gallery given, e.g. a head's weights).
 */
export function openSetScores(
  input: OpenSetInput,
  kind: Exclude<GalleryKind, 'head'> | Gallery = 'mean',
): OpenSetScores {
  const gallery = typeof kind === 'string' ? buildGallery(input.train, kind) : kind;
  const test = bestMatches(gallery, input.test.embeddings);
  return {
    valStrangers: ascending(bestMatches(gallery, input.valStrangers).best),
    testStrangers: ascending(bestMatches(gallery, input.testStrangers).best),
    testEnrolled: test.best,
    testCorrect: Uint8Array.from(test.predicted, (p, i) =>
      p === (input.test.labels[i] as number) ? 1 : 0,
    ),
  };
}

/** The next double above v: accepting `score >= nextUp(v)` rejects a score of exactly v. */
function nextUp(v: number): number {
  if (v === Infinity) return v;
  const up = v + Math.max(Math.abs(v) * Number.EPSILON, Number.MIN_VALUE);
  return up > v ? up : v + Number.EPSILON;
}

/**
 * The lowest threshold at which at most `far` of these strangers (best scores, ascending) are
 * accepted: just above the (k+1)-th highest score, k = ⌊far·n⌋. NaN without strangers; with
 * k ≥ n every score is allowed and the threshold is -Infinity (accept all).
 */
export function thresholdAtFar(strangers: Float64Array, far: number): number {
  if (!(far >= 0 && far <= 1)) {
    throw new MetricsError('metrics-invalid-input', `A false-alarm rate of ${far} is not in 0..1.`);
  }
  const n = strangers.length;
  if (n === 0) return NaN;
  // The small tolerance keeps 0.01 × 300 at 3 despite binary fractions.
  const allowed = Math.floor(far * n + 1e-9);
  if (allowed >= n) return -Infinity;
  return nextUp(strangers[n - 1 - allowed] as number);
}

/** The test figures at one threshold (NaN threshold: every rate NaN). */
export function openSetRatesAt(scores: OpenSetScores, threshold: number): OpenSetRates {
  const enrolled = scores.testEnrolled.length;
  const strangers = scores.testStrangers.length;
  let named = 0;
  let wrong = 0;
  let rejected = 0;
  for (let i = 0; i < enrolled; i++) {
    if (!((scores.testEnrolled[i] as number) >= threshold)) rejected++;
    else if (scores.testCorrect[i]) named++;
    else wrong++;
  }
  const falseAlarms = Number.isNaN(threshold) ? NaN : countAtLeast(scores.testStrangers, threshold);
  const share = (count: number, of: number) =>
    of > 0 && !Number.isNaN(threshold) ? count / of : NaN;
  return {
    threshold,
    dir: share(named, enrolled),
    far: share(falseAlarms, strangers),
    rejected: share(rejected, enrolled),
    misidentified: share(wrong, enrolled),
    falseAlarms,
    strangers,
    enrolled,
  };
}

/** DIR at FAR x on test: the test strangers set the threshold (NaN without them). */
export function dirAtFar(scores: OpenSetScores, far: number): number {
  const threshold = thresholdAtFar(scores.testStrangers, far);
  return Number.isNaN(threshold) ? NaN : openSetRatesAt(scores, threshold).dir;
}

/**
 * DIR against FAR on test, one point per distinct stranger score (from no false alarm to all),
 * thinned to about `maxPoints` spread evenly over log FAR, where open-set systems are judged.
 */
export function openSetCurve(scores: OpenSetScores, maxPoints = 120): OpenSetCurve {
  const s = scores.testStrangers;
  const n = s.length;
  const curve: OpenSetCurve = { far: [], dir: [], thresholds: [] };
  if (n === 0 || scores.testEnrolled.length === 0) return curve;
  const named = Float64Array.from(
    scores.testEnrolled.filter((_, i) => scores.testCorrect[i] === 1),
  ).sort();
  const enrolled = scores.testEnrolled.length;
  // Just above each distinct stranger score going down (the strangers above it are false alarms),
  // as thresholdAtFar sets them: the lowest threshold for each count of false alarms, so the
  // curve's best point with FAR at most x is dirAtFar(x). Then accepting everything.
  const thresholds: number[] = [];
  for (let j = n - 1; j >= 0; j--)
    if (j === n - 1 || s[j] !== s[j + 1]) thresholds.push(nextUp(s[j] as number));
  thresholds.push(-Infinity);
  const points = thresholds.map((t) => ({
    far: countAtLeast(s, t) / n,
    dir: countAtLeast(named, t) / enrolled,
    threshold: t,
  }));
  const keep = new Set<number>([0, points.length - 1]);
  if (points.length > maxPoints) {
    const lowest = Math.log10(1 / n);
    for (let p = 0; p < maxPoints; p++) {
      const target = 10 ** (lowest + (-lowest * p) / (maxPoints - 1));
      let best = 0;
      for (let i = 0; i < points.length; i++)
        if ((points[i] as { far: number }).far <= target) best = i;
      keep.add(best);
    }
  } else points.forEach((_, i) => keep.add(i));
  for (const i of [...keep].sort((a, b) => a - b)) {
    const point = points[i] as { far: number; dir: number; threshold: number };
    curve.far.push(point.far);
    curve.dir.push(point.dir);
    curve.thresholds.push(point.threshold);
  }
  return curve;
}

/** Every figure for a target FAR, from stored scores (cheap: the Evaluate screen's FAR box). */
export function openSetFigures(scores: OpenSetScores, targetFar: number): OpenSetFigures {
  const threshold = thresholdAtFar(scores.valStrangers, targetFar);
  return {
    targetFar,
    threshold,
    atThreshold: openSetRatesAt(scores, threshold),
    dirAtFar1e2: dirAtFar(scores, 1e-2),
    dirAtFar1e3: dirAtFar(scores, 1e-3),
    curve: openSetCurve(scores),
  };
}
