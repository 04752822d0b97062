// Owns the settings the import form starts from: what the model's metadata says (the studio's
// and its trainer's exports say everything), else what its declared input shape shows (a 3 in
// second place is NCHW, in last place NHWC, and the side beside it), else the most common
// convention for face embedders (−1…1, RGB, no mirror averaging).

import type {
  ImportedFormat,
  ImportedModelSpec,
  InputLayout,
} from '../ml/imported/imported-model-spec';
import type { MetadataHints } from './model-metadata-spec';
import type { TensorInfo } from './onnx-model-info';

const DEFAULT_SIZE = 112;

function layoutOf(shape: readonly (number | null)[]): InputLayout | undefined {
  if (shape.length !== 4) return undefined;
  if (shape[1] === 3 && shape[3] !== 3) return 'NCHW';
  if (shape[3] === 3) return 'NHWC';
  return undefined;
}

function sideOf(shape: readonly (number | null)[], layout: InputLayout): number | undefined {
  const side = layout === 'NCHW' ? shape[2] : shape[1];
  return typeof side === 'number' ? side : undefined;
}

/** The form's first settings, and whether they came from the model's metadata. */
export function suggestSpec(
  format: ImportedFormat,
  inputs: readonly TensorInfo[],
  outputs: readonly TensorInfo[],
  hints: MetadataHints | null,
): { spec: ImportedModelSpec; fromMetadata: boolean } {
  const said = hints?.spec ?? {};
  const input = inputs.find((i) => i.name === said.inputName) ?? inputs[0];
  const output = outputs.find((o) => o.name === said.outputName) ?? outputs[0];
  const shape = input?.shape ?? [];
  const layout = said.layout ?? layoutOf(shape) ?? 'NHWC';
  return {
    spec: {
      format,
      inputName: input?.name ?? '',
      outputName: output?.name ?? '',
      size: said.size ?? sideOf(shape, layout) ?? DEFAULT_SIZE,
      range: said.range ?? [-1, 1],
      layout,
      channels: said.channels ?? 'RGB',
      flipAverage: said.flipAverage ?? false,
    },
    fromMetadata: hints !== null,
  };
}
