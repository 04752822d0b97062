// "Settings as JSON" on the Train screen: the current training settings as one JSON object, to
// copy as a run's recipe, and an editor in which a whole set can be pasted and applied. A set
// that is not valid JSON or that the learning code would refuse is explained inline and changes
// nothing; a valid one replaces the form's settings. Edits are a draft of the settings they
// started from: once the form changes, the box shows the form again.

import { useId, useState } from 'react';
import type { TrainConfig } from '../../ml/config';
import { formatConfigJson, parseConfigJson } from './config-json';

interface Props {
  config: TrainConfig;
  onApply(config: TrainConfig): void;
  disabled: boolean;
}

interface Draft {
  /** The settings the draft was started from; a draft of other settings is discarded. */
  base: TrainConfig;
  text: string;
  error?: string;
}

export function ConfigJsonPanel({ config, onApply, disabled }: Props) {
  const id = useId();
  const [stored, setDraft] = useState<Draft | null>(null);
  const [applied, setApplied] = useState<TrainConfig | null>(null);
  const draft = stored?.base === config ? stored : null;
  const text = draft?.text ?? formatConfigJson(config);

  const apply = () => {
    const parsed = parseConfigJson(text);
    if (!parsed.ok) {
      setDraft({ base: config, text, error: parsed.reason });
      return;
    }
    setDraft(null);
    setApplied(parsed.config);
    onApply(parsed.config);
  };

  return (
    <details className="panel config-json" data-testid="config-json">
      <summary>Settings as JSON</summary>
      <p className="muted small">
        The settings above as one JSON object: copy it to keep a run’s recipe, or paste a whole set
        and apply it. It is checked as the form is; nothing changes unless every setting is valid.
      </p>
      <label htmlFor={`${id}-text`}>Training settings (JSON)</label>
      <textarea
        id={`${id}-text`}
        value={text}
        rows={12}
        spellCheck={false}
        disabled={disabled}
        aria-invalid={draft?.error !== undefined}
        aria-describedby={draft?.error !== undefined ? `${id}-error` : undefined}
        style={{ width: '100%', fontFamily: 'monospace', boxSizing: 'border-box' }}
        onChange={(e) => setDraft({ base: config, text: e.target.value })}
      />
      <div className="row">
        <button type="button" onClick={apply} disabled={disabled}>
          Apply settings
        </button>
        {draft && (
          <button type="button" onClick={() => setDraft(null)} disabled={disabled}>
            Discard edits
          </button>
        )}
        <span role="status" className="muted small">
          {!draft && applied === config ? 'Settings applied.' : ''}
        </span>
      </div>
      {draft?.error !== undefined && (
        <p id={`${id}-error`} role="alert" className="field-error">
          {draft.error}
        </p>
      )}
    </details>
  );
}
