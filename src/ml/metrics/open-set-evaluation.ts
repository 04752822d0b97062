// Everything the Evaluate screen and the folder-v1 report show about strangers and few photos,
// from one run's embeddings: the open-set scores (stored, so the target FAR can move without
// embedding again), the figures at the target FAR, the learning curve, and the same headline
// figures for every kind of gallery (class mean, closest photo, closest three), measured side by
// side so that the choice of the default is a measurement, not a guess.
import { GALLERY_KINDS, headGallery, type GalleryKind, type HeadWeights } from './galleries';
import { classTemplates, type ClassTemplates } from './templates';
import {
  learningCurveScores,
  learningPoints,
  type LearningPoint,
  type ShotScores,
} from './learning-curve';
import {
  openSetFigures,
  openSetScores,
  type OpenSetFigures,
  type OpenSetInput,
  type OpenSetScores,
} from './open-set';

/** Where a deployment's false alarms are usually judged; the user can change it. */
export const DEFAULT_TARGET_FAR = 0.01;
/** The target FARs the Evaluate screen offers (and `npm run eval --far` accepts). */
export const TARGET_FARS: readonly number[] = [0.1, 0.05, 0.01, 0.005, 0.001];

export interface GalleryComparison {
  readonly kind: GalleryKind;
  readonly dirAtFar1e2: number;
  readonly dirAtFar1e3: number;
  /** The target FAR `dir` and `far` were read at (the evaluation's, not moved since). */
  readonly targetFar: number;
  /** DIR and FAR on test at the threshold chosen on val for that target FAR. */
  readonly dir: number;
  readonly far: number;
  readonly top1: number;
}

export interface OpenSetEvaluation {
  /** The gallery the figures and Verify use (the curve builds class means from its photos). */
  readonly gallery: 'mean' | 'head';
  /** That gallery as one unit template a person, for Verify and exported metadata. */
  readonly templates: ClassTemplates;
  readonly scores: OpenSetScores;
  readonly figures: OpenSetFigures;
  /** Read at the figures' target FAR from `shotScores`. */
  readonly learningCurve: LearningPoint[];
  readonly shotScores: ShotScores[];
  readonly galleries: GalleryComparison[];
  readonly counts: { readonly valStrangers: number; readonly testStrangers: number };
}

export interface OpenSetOptions {
  readonly targetFar?: number;
  /** 'head' falls back to 'mean' without `head`. */
  readonly gallery?: 'mean' | 'head';
  /** A trained head's weights, compared as a gallery too (not used for the curve). */
  readonly head?: HeadWeights;
  readonly shots?: readonly number[];
  readonly seed?: number;
}

/** The same evaluation read at another target FAR (the Evaluate screen's choice): no embedding. */
export function atTargetFar(openSet: OpenSetEvaluation, targetFar: number): OpenSetEvaluation {
  return {
    ...openSet,
    figures: openSetFigures(openSet.scores, targetFar),
    learningCurve: learningPoints(openSet.shotScores, targetFar),
  };
}

export function evaluateOpenSet(
  input: OpenSetInput,
  options: OpenSetOptions = {},
): OpenSetEvaluation {
  const targetFar = options.targetFar ?? DEFAULT_TARGET_FAR;
  const gallery = options.gallery === 'head' && options.head ? 'head' : 'mean';
  const classes = [...new Set(Array.from(input.train.labels))].sort((a, b) => a - b);
  const inUse = gallery === 'head' && options.head ? headGallery(options.head, classes) : null;
  const byKind = new Map<GalleryKind, OpenSetScores>(
    GALLERY_KINDS.map((kind) => [kind, openSetScores(input, kind)]),
  );
  if (options.head)
    byKind.set('head', openSetScores(input, inUse ?? headGallery(options.head, classes)));
  const galleries = [...byKind.keys()].map((kind): GalleryComparison => {
    const scores = byKind.get(kind) as OpenSetScores;
    const figures = openSetFigures(scores, targetFar);
    const correct = scores.testCorrect.reduce((sum, c) => sum + c, 0);
    return {
      kind,
      targetFar,
      dirAtFar1e2: figures.dirAtFar1e2,
      dirAtFar1e3: figures.dirAtFar1e3,
      dir: figures.atThreshold.dir,
      far: figures.atThreshold.far,
      top1: scores.testCorrect.length > 0 ? correct / scores.testCorrect.length : NaN,
    };
  });
  const scores = byKind.get(gallery) as OpenSetScores;
  const shotScores = learningCurveScores(input, {
    seed: options.seed ?? 42,
    kind: 'mean',
    ...(options.shots ? { shots: options.shots } : {}),
  });
  return {
    gallery,
    templates: inUse
      ? { classes: inUse.classes, data: inUse.rows, dim: inUse.dim }
      : classTemplates(input.train),
    scores,
    figures: openSetFigures(scores, targetFar),
    learningCurve: learningPoints(shotScores, targetFar),
    shotScores,
    galleries,
    counts: { valStrangers: input.valStrangers.count, testStrangers: input.testStrangers.count },
  };
}
