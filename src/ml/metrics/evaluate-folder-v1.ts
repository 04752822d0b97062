// Protocol folder-v1 (DESIGN.md section 4, steps 4-5) on embeddings already computed: templates
// from train, the threshold from val/val pairs, every reported figure and chart from test.
// One object out, what the Evaluate screen shows and stores with the run and `npm run eval` prints.
import { checkLabelled, type LabelledEmbeddings } from './embedding-matrix';
import { hardestPairs, type HardestPairs } from './hardest-pairs';
import { similarityHistogram, type SimilarityHistogram } from './histogram';
import { identify, type ConfusionMatrix } from './identification';
import { allPairs } from './pairs';
import { pca2d } from './pca';
import { equalErrorRate, pairStatus, rocAuc, rocCurve, tarAtFar, type PairStatus } from './roc';
import { thinRoc, type RocPoints } from './roc-thinning';
import { sortScores, type SortedScores } from './sorted-scores';
import { classTemplates, type ClassTemplates } from './templates';
import {
  chooseThreshold,
  ratesAtThreshold,
  type CandidateGrid,
  type ThresholdRates,
} from './threshold';
import { normalizeRows } from './vector-ops';
import type { OpenSetEvaluation } from './open-set-evaluation';

export interface FolderV1Input {
  readonly train: LabelledEmbeddings;
  readonly val: LabelledEmbeddings;
  readonly test: LabelledEmbeddings;
}

export interface FolderV1Options {
  readonly histogramBins?: number;
  readonly maxRocPoints?: number;
  readonly hardestCount?: number;
  /** 'reference' (default) thins the val candidates exactly as folder_v1.py does */
  readonly thresholdGrid?: CandidateGrid;
}

/**
 * Figures are unrounded (the reference prints 4 decimals). A figure that cannot exist for the
 * data (no same-person test pair, say) is NaN, and `status` says why.
 */
export interface FolderV1Evaluation {
  readonly protocol: 'folder-v1';
  readonly identities: number;
  readonly counts: {
    readonly train: number;
    readonly val: number;
    readonly test: number;
    readonly valPairs: number;
    readonly testSamePairs: number;
    readonly testDifferentPairs: number;
  };
  readonly status: { readonly val: PairStatus; readonly test: PairStatus };
  readonly top1: number;
  readonly auc: number;
  readonly tarAtFar1e2: number;
  readonly tarAtFar1e3: number;
  readonly eer: number;
  /** chosen on val/val pairs; a pair is accepted when its cosine >= threshold */
  readonly threshold: number;
  readonly valBalAcc: number;
  /** balanced accuracy of test/test pairs at `threshold` */
  readonly verifBalAcc: number;
  readonly testAtThreshold: ThresholdRates;
  readonly roc: RocPoints;
  readonly histogram: SimilarityHistogram;
  readonly confusion: ConfusionMatrix;
  /** predicted label per test image, -1 without templates */
  readonly predictions: number[];
  /** test embeddings (unit length) on their first two principal axes, with their labels */
  readonly pca: { x: number[]; y: number[]; labels: number[]; explainedVariance: [number, number] };
  /** indices into the test split */
  readonly hardest: HardestPairs;
  /** stored with the run for Verify */
  readonly templates: ClassTemplates;
  /** for the threshold slider (ratesAtThreshold): 8 bytes a pair, ~150 kB for 200 test images */
  readonly testScores: SortedScores;
  /**
   * Strangers and few photos (open-set-evaluation.ts), added by the app's evaluation; absent from
   * evaluations stored before it existed.
   */
  readonly openSet?: OpenSetEvaluation;
}

export function evaluateFolderV1(
  input: FolderV1Input,
  options: FolderV1Options = {},
): FolderV1Evaluation {
  const { train, val, test } = input;
  checkLabelled(train, 'train');
  checkLabelled(val, 'val');
  checkLabelled(test, 'test');

  const templates = classTemplates(train);
  const identification = identify(templates, test);

  const valPairs = allPairs(val, 'val');
  const valSorted = sortScores(valPairs.scores, valPairs.same);
  const choice = chooseThreshold(valSorted, options.thresholdGrid ?? 'reference');

  const testPairs = allPairs(test, 'test');
  const testSorted = sortScores(testPairs.scores, testPairs.same);
  const roc = rocCurve(testSorted);
  const atThreshold = ratesAtThreshold(testSorted, choice.threshold);

  const unitTest = normalizeRows(test.embeddings, 'test embedding');
  const map = pca2d(unitTest);
  const identities = new Set([
    ...Array.from(train.labels),
    ...Array.from(val.labels),
    ...Array.from(test.labels),
  ]);

  return {
    protocol: 'folder-v1',
    identities: identities.size,
    counts: {
      train: train.embeddings.count,
      val: val.embeddings.count,
      test: test.embeddings.count,
      valPairs: valPairs.scores.length,
      testSamePairs: testSorted.same.length,
      testDifferentPairs: testSorted.different.length,
    },
    status: { val: pairStatus(valSorted), test: roc.status },
    top1: identification.top1,
    auc: rocAuc(testSorted),
    tarAtFar1e2: tarAtFar(roc, 1e-2),
    tarAtFar1e3: tarAtFar(roc, 1e-3),
    eer: equalErrorRate(roc),
    threshold: choice.threshold,
    valBalAcc: choice.balancedAccuracy,
    verifBalAcc: atThreshold.balancedAccuracy,
    testAtThreshold: atThreshold,
    roc: thinRoc(roc, options.maxRocPoints ?? 200),
    histogram: similarityHistogram(testPairs.scores, testPairs.same, options.histogramBins ?? 50),
    confusion: identification.confusion,
    predictions: Array.from(identification.predictions),
    pca: {
      x: Array.from(map.x),
      y: Array.from(map.y),
      labels: Array.from(test.labels),
      explainedVariance: map.explainedVariance,
    },
    hardest: hardestPairs(testPairs, options.hardestCount ?? 8),
    templates,
    testScores: testSorted,
  };
}
