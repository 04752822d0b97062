// Which threshold Verify answers with after an evaluation: with strangers to choose it on, the
// open-set one (the lowest that keeps val strangers' false alarms within the target FAR), so
// that a stranger is answered "unknown"; without, folder-v1's pair threshold from val pairs.
import type { FolderV1Evaluation } from '../ml/metrics/evaluate-folder-v1';

export function thresholdInUse(evaluation: FolderV1Evaluation): number {
  const openSet = evaluation.openSet?.figures.threshold;
  return openSet !== undefined && Number.isFinite(openSet) ? openSet : evaluation.threshold;
}

/** True when strangers were there to choose an open-set threshold with. */
export function hasStrangers(evaluation: FolderV1Evaluation): boolean {
  const counts = evaluation.openSet?.counts;
  return counts !== undefined && counts.valStrangers > 0 && counts.testStrangers > 0;
}
