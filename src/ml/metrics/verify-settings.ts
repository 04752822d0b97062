// Which templates and threshold Verify (and an exported model's metadata) answer with after an
// evaluation. With strangers to choose it on: the open-set gallery (the trained head's class
// weights when the run has them, measured best on strangers; see the README) and the open-set
// threshold (the lowest that keeps val strangers' false alarms within the target FAR), so that a
// stranger is answered "unknown". Without strangers: folder-v1's class-mean templates and its
// pair threshold from val pairs, as before strangers existed.
import type { FolderV1Evaluation } from './evaluate-folder-v1';
import type { ClassTemplates } from './templates';

export function thresholdInUse(evaluation: FolderV1Evaluation): number {
  const openSet = evaluation.openSet?.figures.threshold;
  return hasStrangers(evaluation) && openSet !== undefined && Number.isFinite(openSet)
    ? openSet
    : evaluation.threshold;
}

export function templatesInUse(evaluation: FolderV1Evaluation): ClassTemplates {
  const openSet = evaluation.openSet;
  return hasStrangers(evaluation) && openSet?.templates ? openSet.templates : evaluation.templates;
}

/** True when strangers were there to choose an open-set threshold with. */
export function hasStrangers(evaluation: FolderV1Evaluation): boolean {
  const counts = evaluation.openSet?.counts;
  return counts !== undefined && counts.valStrangers > 0 && counts.testStrangers > 0;
}
