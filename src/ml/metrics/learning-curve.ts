// "How many photos of each person are enough?": the gallery built from 1, 2, 3, 5, 10 … of each
// person's enrolment (train) photos, seeded and nested (the 3 photos include the 2), scored on
// the same val and test parts as the whole run. Each point gives the open-set DIR at the target
// FAR read off the test curve (as the headline DIR at FAR 1 %), the DIR and FAR at the threshold
// chosen on val strangers for that gallery (what a deployment would see), and closed-set top-1.
import type { LabelledEmbeddings } from './embedding-matrix';
import type { GalleryKind } from './galleries';
import {
  dirAtFar,
  openSetRatesAt,
  openSetScores,
  thresholdAtFar,
  type OpenSetInput,
  type OpenSetScores,
} from './open-set';
import { seededRandom, shuffled } from '../../lib/seeded-random';

export const DEFAULT_SHOTS: readonly number[] = [1, 2, 3, 5, 10];

export interface LearningPoint {
  /** Photos per person asked for; Infinity for "all". */
  readonly shots: number;
  /** Photos per person actually used, on average (a person with fewer gives all they have). */
  readonly photosPerPerson: number;
  /** Open-set DIR at the target FAR on the test curve (dirAtFar); NaN without strangers. */
  readonly dirAtFar: number;
  /** Open-set DIR on test at the val-chosen threshold for the target FAR; NaN without strangers. */
  readonly dir: number;
  /** The test strangers' false-alarm rate at that threshold. */
  readonly far: number;
  /** Closed-set: enrolled test probes whose best person is their own. */
  readonly top1: number;
}

/**
 * At most `shots` train embeddings of each person, chosen by a per-person seeded shuffle of its
 * train rows in their given order, so that a larger subset always contains a smaller one.
 */
export function trainSubset(
  train: LabelledEmbeddings,
  shots: number,
  seed: number,
): LabelledEmbeddings {
  const { data, dim } = train.embeddings;
  const rowsOf = new Map<number, number[]>();
  for (let i = 0; i < train.labels.length; i++) {
    const label = train.labels[i] as number;
    const rows = rowsOf.get(label);
    if (rows) rows.push(i);
    else rowsOf.set(label, [i]);
  }
  const chosen: number[] = [];
  for (const [label, rows] of [...rowsOf.entries()].sort((a, b) => a[0] - b[0])) {
    chosen.push(...shuffled(rows, seededRandom(seed + label)).slice(0, shots));
  }
  chosen.sort((a, b) => a - b);
  const out = new Float64Array(chosen.length * dim);
  chosen.forEach((row, i) => out.set(data.subarray(row * dim, (row + 1) * dim), i * dim));
  return {
    embeddings: { data: out, count: chosen.length, dim },
    labels: chosen.map((row) => train.labels[row] as number),
  };
}

/** One point's scores, stored so that the curve can be read again at another target FAR. */
export interface ShotScores {
  readonly shots: number;
  readonly photosPerPerson: number;
  readonly scores: OpenSetScores;
}

/** The curve at each shot count below the largest person's train size, then "all". */
export function learningCurve(
  input: OpenSetInput,
  options: {
    shots?: readonly number[];
    targetFar: number;
    seed: number;
    kind?: Exclude<GalleryKind, 'head'>;
  },
): LearningPoint[] {
  return learningPoints(learningCurveScores(input, options), options.targetFar);
}

/** The curve's points at a target FAR, from its stored scores. */
export function learningPoints(
  shotScores: readonly ShotScores[],
  targetFar: number,
): LearningPoint[] {
  return shotScores.map(({ shots, photosPerPerson, scores }) => {
    const threshold = thresholdAtFar(scores.valStrangers, targetFar);
    const rates = openSetRatesAt(scores, threshold);
    const correct = scores.testCorrect.reduce((sum, c) => sum + c, 0);
    return {
      shots,
      photosPerPerson,
      dirAtFar: dirAtFar(scores, targetFar),
      dir: rates.dir,
      far: rates.far,
      top1: scores.testCorrect.length > 0 ? correct / scores.testCorrect.length : NaN,
    };
  });
}

/** The scores of every point of the curve. */
export function learningCurveScores(
  input: OpenSetInput,
  options: { shots?: readonly number[]; seed: number; kind?: Exclude<GalleryKind, 'head'> },
): ShotScores[] {
  const counts = new Map<number, number>();
  for (const label of Array.from(input.train.labels))
    counts.set(label, (counts.get(label) ?? 0) + 1);
  const largest = Math.max(0, ...counts.values());
  const shots = [...(options.shots ?? DEFAULT_SHOTS)]
    .filter((k) => Number.isInteger(k) && k > 0 && k < largest)
    .sort((a, b) => a - b);
  return [...new Set(shots), Infinity].map((k) => {
    const train = Number.isFinite(k) ? trainSubset(input.train, k, options.seed) : input.train;
    return {
      shots: k,
      photosPerPerson: train.labels.length / Math.max(1, counts.size),
      scores: openSetScores({ ...input, train }, options.kind),
    };
  });
}

/**
 * The fewest photos per person whose DIR (or top-1 without strangers) is within `tolerance` of
 * using them all: where more photos stop helping. Undefined for a curve of one point.
 */
export function enoughShots(
  points: readonly LearningPoint[],
  tolerance = 0.01,
): number | undefined {
  const all = points[points.length - 1];
  if (!all || points.length < 2) return undefined;
  const figure = (p: LearningPoint) => (Number.isNaN(p.dirAtFar) ? p.top1 : p.dirAtFar);
  return points.find((p) => figure(p) >= figure(all) - tolerance)?.shots;
}
