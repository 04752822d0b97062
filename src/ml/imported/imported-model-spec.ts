// Owns how the studio feeds an imported embedding model (ONNX or TF.js, trained elsewhere): the
// input and output it uses, the side and value range of the face crop it takes, its layout and
// colour order, and whether a face and its mirror image are averaged; and the conversion of the
// studio's RGB crops into exactly that input. Pure TypeScript: Node-testable.

export type ImportedFormat = 'onnx' | 'tfjs';
/** NHWC: [batch, S, S, 3] as TF.js and the studio's exports; NCHW: [batch, 3, S, S] as PyTorch. */
export type InputLayout = 'NHWC' | 'NCHW';
export type ChannelOrder = 'RGB' | 'BGR';

export interface ImportedModelSpec {
  format: ImportedFormat;
  /** The model input fed with face crops. */
  inputName: string;
  /** The model output read as the embedding ([batch, dim]). */
  outputName: string;
  /** The side S of the square crop the model takes. */
  size: number;
  /** Pixel 0 maps to range[0], pixel 255 to range[1], linearly. */
  range: [number, number];
  layout: InputLayout;
  channels: ChannelOrder;
  /** Embed the face and its mirror image, add the two raw outputs, then normalise. */
  flipAverage: boolean;
}

/** The value ranges the form offers, with the conventions they stand for. */
export const VALUE_RANGES: readonly { range: [number, number]; label: string }[] = [
  { range: [-1, 1], label: '−1 … 1 (pixel / 127.5 − 1)' },
  { range: [0, 1], label: '0 … 1 (pixel / 255)' },
  { range: [0, 255], label: '0 … 255 (raw pixels)' },
];

export const MIN_INPUT_SIZE = 16;
export const MAX_INPUT_SIZE = 512;

/** Why the spec cannot be used, or null. */
export function specProblem(spec: ImportedModelSpec): string | null {
  if (!spec.inputName) return 'Name the model input that takes the face crop.';
  if (!spec.outputName) return 'Name the model output that gives the embedding.';
  if (!Number.isInteger(spec.size) || spec.size < MIN_INPUT_SIZE || spec.size > MAX_INPUT_SIZE) {
    return `The input size must be a whole number of pixels from ${MIN_INPUT_SIZE} to ${MAX_INPUT_SIZE}.`;
  }
  if (!Array.isArray(spec.range) || spec.range.length !== 2) {
    return 'The value range needs two numbers.';
  }
  const [low, high] = spec.range;
  if (!Number.isFinite(low) || !Number.isFinite(high) || low === high) {
    return 'The value range needs two different finite numbers.';
  }
  if (spec.layout !== 'NHWC' && spec.layout !== 'NCHW') return 'The layout is NHWC or NCHW.';
  if (spec.channels !== 'RGB' && spec.channels !== 'BGR') return 'The colour order is RGB or BGR.';
  if (typeof spec.flipAverage !== 'boolean') return 'Mirror averaging is on or off.';
  return null;
}

/** The input tensor's shape for `count` crops. */
export function inputShape(spec: ImportedModelSpec, count: number): number[] {
  const { size } = spec;
  return spec.layout === 'NHWC' ? [count, size, size, 3] : [count, 3, size, size];
}

/**
 * `count` RGB crops ([count, S, S, 3] bytes, row-major, S = spec.size) as the model's input:
 * scaled to its range, in its channel order and layout; mirrored left-right when `mirror`.
 */
export function modelInput(
  rgb: Uint8Array,
  count: number,
  spec: ImportedModelSpec,
  mirror = false,
): Float32Array {
  const { size, layout } = spec;
  const plane = size * size;
  if (rgb.length < count * plane * 3) {
    throw new RangeError(`expected ${count} crops of ${size}×${size}×3 bytes`);
  }
  const [low, high] = spec.range;
  const scale = (high - low) / 255;
  const order = spec.channels === 'RGB' ? [0, 1, 2] : [2, 1, 0];
  const out = new Float32Array(count * plane * 3);
  for (let n = 0; n < count; n++) {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const sourceX = mirror ? size - 1 - x : x;
        const source = ((n * size + y) * size + sourceX) * 3;
        for (let c = 0; c < 3; c++) {
          const value = low + scale * (rgb[source + (order[c] as number)] as number);
          const target =
            layout === 'NHWC'
              ? ((n * size + y) * size + x) * 3 + c
              : ((n * 3 + c) * size + y) * size + x;
          out[target] = value;
        }
      }
    }
  }
  return out;
}

/** Each row of [count, dim] scaled to unit length in place (a zero row stays zero). */
export function normaliseRows(rows: Float32Array, dim: number): Float32Array {
  for (let start = 0; start < rows.length; start += dim) {
    let sum = 0;
    for (let i = start; i < start + dim; i++) sum += (rows[i] as number) ** 2;
    const scale = sum > 1e-24 ? 1 / Math.sqrt(sum) : 0;
    for (let i = start; i < start + dim; i++) rows[i] = (rows[i] as number) * scale;
  }
  return rows;
}
