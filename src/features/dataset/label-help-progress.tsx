// Progress of the encoder's labelling help (grouping faces, finding suspect labels) while the
// labelling worker embeds faces, with a Cancel that stops it between batches.

import { useAppStore } from '../../store';
import type { LabelHelpProgress } from '../../store/label-help-slice';

const WHAT: Record<LabelHelpProgress['task'], string> = {
  group: 'Grouping faces',
  suspects: 'Looking for suspect labels',
};

export function LabelHelpProgressBar({ task }: { task: LabelHelpProgress['task'] }) {
  const progress = useAppStore((s) => s.labelHelpProgress);
  const cancel = useAppStore((s) => s.cancelLabelHelp);
  if (progress?.task !== task) return null;
  const { done, total } = progress;
  return (
    <span className="label-help-progress" role="status">
      {WHAT[task]}: {total === 0 ? 'starting the encoder…' : `${done} of ${total} faces embedded`}
      <progress max={Math.max(total, 1)} value={done} />
      <button type="button" className="quiet" onClick={cancel}>
        Cancel
      </button>
    </span>
  );
}
