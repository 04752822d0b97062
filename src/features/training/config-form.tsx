// The training settings: presets, then every field the learning code takes, each refused with
// its reason when invalid (the Start button stays disabled until all are valid).

import { useId } from 'react';
import {
  HEADS,
  INPUT_SIZES,
  OPTIMIZERS,
  PRESETS,
  usesFrozenEncoder,
  usesImportedEncoder,
  usesPretrainedEncoder,
  validateConfig,
  type PresetName,
  type TrainConfig,
} from '../../ml/config';
import { BackboneField } from './backbone-field';

/** Fields that shape the from-scratch CNN, meaningless with the pretrained encoder. */
const CNN_ONLY: readonly string[] = ['widthMultiplier'];

interface Props {
  config: TrainConfig;
  onChange(config: TrainConfig): void;
  disabled: boolean;
}

type NumberField =
  | 'widthMultiplier'
  | 'embeddingDim'
  | 'scale'
  | 'margin'
  | 'labelSmoothing'
  | 'learningRate'
  | 'weightDecay'
  | 'epochs'
  | 'warmupEpochs'
  | 'batchSize'
  | 'momentum';

const NUMBER_FIELDS: { field: NumberField; label: string; step: string }[] = [
  { field: 'epochs', label: 'Epochs', step: '1' },
  { field: 'batchSize', label: 'Batch size', step: '1' },
  { field: 'learningRate', label: 'Learning rate', step: 'any' },
  { field: 'warmupEpochs', label: 'Warm-up epochs', step: '1' },
  { field: 'weightDecay', label: 'Weight decay', step: 'any' },
  { field: 'momentum', label: 'Momentum (SGD)', step: 'any' },
  { field: 'widthMultiplier', label: 'Width multiplier', step: 'any' },
  { field: 'embeddingDim', label: 'Embedding size', step: '1' },
  { field: 'scale', label: 'ArcFace scale s', step: 'any' },
  { field: 'margin', label: 'ArcFace margin m', step: 'any' },
  { field: 'labelSmoothing', label: 'Label smoothing', step: 'any' },
];

export function ConfigForm({ config, onChange, disabled }: Props) {
  const id = useId();
  const issues = validateConfig(config);
  const problem = (field: string) => issues.find((i) => i.field === field)?.reason;
  const set = <K extends keyof TrainConfig>(key: K, value: TrainConfig[K]) =>
    onChange({ ...config, [key]: value });
  const frozen = usesFrozenEncoder(config);
  const pretrained = usesPretrainedEncoder(config);
  const overImported = usesImportedEncoder(config);

  return (
    <fieldset className="panel config-form" disabled={disabled}>
      <legend>Settings</legend>
      <div className="row presets" role="group" aria-label="Presets">
        {(Object.keys(PRESETS) as PresetName[]).map((name) => (
          <button
            key={name}
            type="button"
            title={PRESETS[name].description}
            onClick={() => onChange(PRESETS[name].config)}
          >
            {PRESETS[name].label}
          </button>
        ))}
      </div>
      <div className="form-grid">
        <BackboneField id={`${id}-backbone`} config={config} onChange={onChange} />
        {pretrained || overImported ? (
          <p className="muted small field form-note">
            {overImported
              ? 'The imported model stays frozen: its embedding of each image is computed once (and once mirrored for flip augmentation); only a projection and the head train, on its input size.'
              : frozen
                ? 'The encoder (face-api.js, 128-d, 150×150 aligned faces) stays frozen: its features are computed once per image (and once mirrored for flip augmentation); only the projection and the head train. Seconds to a minute.'
                : 'The encoder (face-api.js, 128-d, 150×150 aligned faces, 5.6 M weights) starts from its pretrained weights and trains as a whole with the projection and the head: every image passes through it each epoch, so minutes without a GPU.'}
          </p>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-size`}>Input size</label>
            <select
              id={`${id}-size`}
              value={config.inputSize}
              onChange={(e) => set('inputSize', Number(e.target.value) as TrainConfig['inputSize'])}
            >
              {INPUT_SIZES.map((s) => (
                <option key={s} value={s}>
                  {s}×{s}
                  {s === 32 ? ' (tiny, for quick checks)' : ''}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-head`}>Head</label>
          <select
            id={`${id}-head`}
            value={config.head}
            onChange={(e) => set('head', e.target.value as TrainConfig['head'])}
          >
            {HEADS.map((h) => (
              <option key={h}>{h}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-opt`}>Optimiser</label>
          <select
            id={`${id}-opt`}
            value={config.optimizer}
            onChange={(e) => set('optimizer', e.target.value as TrainConfig['optimizer'])}
          >
            {OPTIMIZERS.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </div>
        {NUMBER_FIELDS.filter(
          ({ field }) => !((pretrained || overImported) && CNN_ONLY.includes(field)),
        ).map(({ field, label, step }) => (
          <div className="field" key={field}>
            <label htmlFor={`${id}-${field}`}>{label}</label>
            <input
              id={`${id}-${field}`}
              type="number"
              step={step}
              value={Number.isFinite(config[field]) ? config[field] : ''}
              aria-invalid={problem(field) !== undefined}
              aria-describedby={problem(field) ? `${id}-${field}-problem` : undefined}
              onChange={(e) =>
                set(field, e.target.value === '' ? Number.NaN : Number(e.target.value))
              }
            />
            {problem(field) && (
              <span id={`${id}-${field}-problem`} className="field-error">
                {label} {problem(field)}
              </span>
            )}
          </div>
        ))}
        <div className="field">
          <label htmlFor={`${id}-flip`}>Augmentation</label>
          <span className="row">
            <input
              id={`${id}-flip`}
              type="checkbox"
              checked={config.augment.flip}
              onChange={(e) => set('augment', { ...config.augment, flip: e.target.checked })}
            />
            <span className="muted">
              {frozen || overImported
                ? 'flip (mirrored features)'
                : `flip, brightness ±${config.augment.brightness}, contrast ±${config.augment.contrast}`}
            </span>
          </span>
        </div>
      </div>
    </fieldset>
  );
}
