// The settings of an imported model before it is added: its name, which input takes the face
// and which output is the embedding, the crop side, value range, layout, colour order and mirror
// averaging, each a labelled control. The model's metadata, when it has the studio's, fills them.

import { useId } from 'react';
import {
  MAX_INPUT_SIZE,
  MIN_INPUT_SIZE,
  VALUE_RANGES,
  type ImportedModelSpec,
} from '../../ml/imported/imported-model-spec';
import type { ModelInspection } from '../../worker/training-protocol';

const shapeText = (shape: readonly (number | null)[]) =>
  `[${shape.map((d) => (d === null ? '?' : d)).join(', ')}]`;

export function ModelSpecForm({
  inspection,
  spec,
  name,
  disabled,
  onSpec,
  onName,
}: {
  inspection: ModelInspection;
  spec: ImportedModelSpec;
  name: string;
  disabled: boolean;
  onSpec(spec: ImportedModelSpec): void;
  onName(name: string): void;
}) {
  const id = useId();
  const set = <K extends keyof ImportedModelSpec>(key: K, value: ImportedModelSpec[K]) =>
    onSpec({ ...spec, [key]: value });
  const rangeIndex = VALUE_RANGES.findIndex(
    (r) => r.range[0] === spec.range[0] && r.range[1] === spec.range[1],
  );
  return (
    <fieldset className="model-spec" disabled={disabled}>
      <legend>How the studio feeds this model</legend>
      <label htmlFor={`${id}-name`}>Name</label>
      <input id={`${id}-name`} value={name} onChange={(e) => onName(e.target.value)} />
      <label htmlFor={`${id}-input`}>Input (face crop)</label>
      <select
        id={`${id}-input`}
        value={spec.inputName}
        onChange={(e) => set('inputName', e.target.value)}
      >
        {inspection.inputs.map((input) => (
          <option key={input.name} value={input.name}>
            {input.name} {shapeText(input.shape)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-output`}>Output (embedding)</label>
      <select
        id={`${id}-output`}
        value={spec.outputName}
        onChange={(e) => set('outputName', e.target.value)}
      >
        {inspection.outputs.map((output) => (
          <option key={output.name} value={output.name}>
            {output.name} {shapeText(output.shape)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-size`}>Input size (pixels)</label>
      <input
        id={`${id}-size`}
        type="number"
        min={MIN_INPUT_SIZE}
        max={MAX_INPUT_SIZE}
        value={spec.size}
        onChange={(e) => set('size', Number(e.target.value))}
      />
      <label htmlFor={`${id}-range`}>Value range</label>
      <select
        id={`${id}-range`}
        value={rangeIndex}
        onChange={(e) => {
          const chosen = VALUE_RANGES[Number(e.target.value)];
          if (chosen) set('range', chosen.range);
        }}
      >
        {rangeIndex < 0 && (
          <option value={-1}>
            {spec.range[0]} … {spec.range[1]} (from the metadata)
          </option>
        )}
        {VALUE_RANGES.map((r, k) => (
          <option key={r.label} value={k}>
            {r.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-layout`}>Channel layout</label>
      <select
        id={`${id}-layout`}
        value={spec.layout}
        onChange={(e) => set('layout', e.target.value as ImportedModelSpec['layout'])}
      >
        <option value="NHWC">NHWC [batch, S, S, 3] (TF.js, Keras)</option>
        <option value="NCHW">NCHW [batch, 3, S, S] (PyTorch)</option>
      </select>
      <label htmlFor={`${id}-channels`}>Colour order</label>
      <select
        id={`${id}-channels`}
        value={spec.channels}
        onChange={(e) => set('channels', e.target.value as ImportedModelSpec['channels'])}
      >
        <option value="RGB">RGB</option>
        <option value="BGR">BGR (OpenCV-trained models)</option>
      </select>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={spec.flipAverage}
          onChange={(e) => set('flipAverage', e.target.checked)}
        />
        Average each face with its mirror image
      </label>
    </fieldset>
  );
}
