// The open-set fields of a folder-v1 report (issue 17), in the report's snake_case and rounding:
// one shape for the Evaluate screen's report of a run and for the encoder-alone baseline of
// `npm run eval -- --mode encoder-only`, so they compare field by field.
import type { OpenSetEvaluation } from './open-set-evaluation';

const round = (v: number) => (Number.isFinite(v) ? Number(v.toFixed(4)) : null);

export function openSetReportFields(openSet: OpenSetEvaluation) {
  const { figures, counts } = openSet;
  const at = figures.atThreshold;
  return {
    strangers_val: counts.valStrangers,
    strangers_test: counts.testStrangers,
    open_set_gallery: openSet.gallery,
    open_set_target_far: figures.targetFar,
    /** Chosen on val strangers for the target FAR. */
    open_set_threshold: round(figures.threshold),
    /** Read off the test DIR–FAR curve at its best point with FAR at most 1 % and 0.1 %. */
    dir_at_far_1e2: round(figures.dirAtFar1e2),
    dir_at_far_1e3: round(figures.dirAtFar1e3),
    /** On test at the val threshold. */
    open_set_dir: round(at.dir),
    open_set_far: round(at.far),
    open_set_rejected: round(at.rejected),
    open_set_misidentified: round(at.misidentified),
    learning_curve: openSet.learningCurve.map((point) => ({
      shots: Number.isFinite(point.shots) ? point.shots : 'all',
      photos_per_person: round(point.photosPerPerson),
      /** Read off the test curve at the target FAR, as dir_at_far_1e2. */
      dir_at_far: round(point.dirAtFar),
      /** At the threshold chosen on val strangers for this gallery. */
      dir: round(point.dir),
      far: round(point.far),
      top1: round(point.top1),
    })),
    galleries: openSet.galleries.map((g) => ({
      kind: g.kind,
      target_far: g.targetFar,
      dir_at_far_1e2: round(g.dirAtFar1e2),
      dir_at_far_1e3: round(g.dirAtFar1e3),
      dir: round(g.dir),
      far: round(g.far),
      top1: round(g.top1),
    })),
  };
}
