// Which TensorFlow.js backend trains, why, and a choice to force another.

import { useId } from 'react';
import { useAppStore } from '../../store';
import type { BackendChoice } from '../../worker/training-protocol';

const CHOICES: { value: BackendChoice; label: string }[] = [
  { value: 'auto', label: 'Automatic' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'wasm', label: 'WebAssembly' },
  { value: 'cpu', label: 'CPU' },
];

const NAMES = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'CPU' } as const;

export function BackendStatus() {
  const id = useId();
  const choice = useAppStore((s) => s.backendChoice);
  const report = useAppStore((s) => s.backendReport);
  const error = useAppStore((s) => s.backendError);
  const busy = useAppStore((s) => s.activeRun !== null);
  const setChoice = useAppStore((s) => s.setBackendChoice);

  return (
    <section className="panel backend" aria-label="Training backend">
      <div className="row">
        <label htmlFor={`${id}-backend`}>Backend</label>
        <select
          id={`${id}-backend`}
          value={choice}
          disabled={busy}
          onChange={(e) => setChoice(e.target.value as BackendChoice)}
        >
          {CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        <strong data-testid="backend-name">
          {report ? `Training on ${NAMES[report.backend]}` : 'Starting the training worker…'}
        </strong>
      </div>
      {report && <p className="muted">{report.reason}</p>}
      {report && <p className="muted small">{report.details.join(' · ')}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
