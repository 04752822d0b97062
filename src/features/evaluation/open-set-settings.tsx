// The open-set settings beside the run to evaluate: the false-alarm rate on strangers the
// threshold is chosen for (the shown evaluation is re-read at once, nothing is embedded again)
// and the learning curve's photos per person (used by the next evaluation).
import { useId, useState } from 'react';
import { DEFAULT_TARGET_FAR, TARGET_FARS } from '../../ml/metrics/open-set-evaluation';
import { useAppStore } from '../../store';
import { farLabel, parseShots } from './open-set-words';

export function OpenSetSettings() {
  const id = useId();
  const targetFar = useAppStore((s) => s.targetFar);
  const setTargetFar = useAppStore((s) => s.setTargetFar);
  const shots = useAppStore((s) => s.learningShots);
  const setShots = useAppStore((s) => s.setLearningShots);
  const [text, setText] = useState(shots.join(', '));
  const parsed = parseShots(text);
  return (
    <div className="row open-set-settings">
      <label htmlFor={`${id}-far`}>Strangers allowed a name (target FAR)</label>
      <select
        id={`${id}-far`}
        value={targetFar}
        onChange={(e) => setTargetFar(Number(e.target.value))}
      >
        {[...new Set([...TARGET_FARS, targetFar])]
          .sort((a, b) => b - a)
          .map((far) => (
            <option key={far} value={far}>
              {farLabel(far)}
              {far === DEFAULT_TARGET_FAR ? ' (default)' : ''}
            </option>
          ))}
      </select>
      <label htmlFor={`${id}-shots`}>Learning curve: photos per person</label>
      <span className="muted small" id={`${id}-shots-note`}>
        (next evaluation)
      </span>
      <input
        id={`${id}-shots`}
        value={text}
        size={14}
        aria-invalid={typeof parsed === 'string'}
        aria-describedby={typeof parsed === 'string' ? `${id}-shots-error` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          if (typeof parsed !== 'string') setShots(parsed);
        }}
      />
      {typeof parsed === 'string' && (
        <span id={`${id}-shots-error`} className="field-error">
          {parsed}
        </span>
      )}
    </div>
  );
}
