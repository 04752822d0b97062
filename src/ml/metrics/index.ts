// The metrics module's public surface: pure functions on embeddings and pair scores, no tfjs.
export { embeddingMatrix, matrixFromRows, checkLabelled } from './embedding-matrix';
export type { EmbeddingMatrix, LabelledEmbeddings } from './embedding-matrix';
export { MetricsError } from './metrics-error';
export type { MetricsErrorCode } from './metrics-error';
export { dot, l2Normalize, cosineSimilarity, normalizeRows } from './vector-ops';
export { classTemplates } from './templates';
export type { ClassTemplates } from './templates';
export { identify, rankTemplates } from './identification';
export type { Identification, RankedMatch, ConfusionMatrix } from './identification';
export { allPairs, pairCount } from './pairs';
export type { PairScores } from './pairs';
export { sortScores, countBelow, countAtLeast } from './sorted-scores';
export type { SortedScores } from './sorted-scores';
export { rocCurve, rocAuc, tarAtFar, operatingPointAtFar, equalErrorRate, pairStatus } from './roc';
export type { RocCurve, OperatingPoint, PairStatus } from './roc';
export { thinRoc } from './roc-thinning';
export type { RocPoints } from './roc-thinning';
export { chooseThreshold, ratesAtThreshold } from './threshold';
export type { ThresholdRates, ThresholdChoice, CandidateGrid } from './threshold';
export { similarityHistogram } from './histogram';
export type { SimilarityHistogram } from './histogram';
export { hardestPairs } from './hardest-pairs';
export type { HardPair, HardestPairs } from './hardest-pairs';
export { pca2d } from './pca';
export type { Pca2d } from './pca';
export { symmetricEigen } from './symmetric-eigen';
export type { SymmetricEigen } from './symmetric-eigen';
export { evaluateFolderV1 } from './evaluate-folder-v1';
export type { FolderV1Input, FolderV1Options, FolderV1Evaluation } from './evaluate-folder-v1';
export { buildGallery, bestMatches, GALLERY_KINDS } from './galleries';
export type { Gallery, GalleryKind, BestMatches } from './galleries';
export {
  dirAtFar,
  openSetCurve,
  openSetFigures,
  openSetRatesAt,
  openSetScores,
  thresholdAtFar,
} from './open-set';
export type {
  OpenSetCurve,
  OpenSetFigures,
  OpenSetInput,
  OpenSetRates,
  OpenSetScores,
} from './open-set';
export {
  DEFAULT_SHOTS,
  enoughShots,
  learningCurve,
  learningCurveScores,
  learningPoints,
  trainSubset,
} from './learning-curve';
export type { LearningPoint, ShotScores } from './learning-curve';
export { atTargetFar, DEFAULT_TARGET_FAR, evaluateOpenSet } from './open-set-evaluation';
export type { GalleryComparison, OpenSetEvaluation, OpenSetOptions } from './open-set-evaluation';
