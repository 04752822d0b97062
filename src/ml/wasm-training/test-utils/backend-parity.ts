// Owns the test helpers that run one kernel on two backends from the same seeded inputs and
// measure how far apart the results are (used by the wasm-training parity tests).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { seededRandom } from '../../../lib/seeded-random';
import { report } from '../../test-utils/report';

/**
 * The bound on max |wasm − cpu| / max |cpu|: float32 sums of up to a few thousand products in
 * another order differ by ~1e-7–1e-6 of their scale; a wrong tap or pad gives O(1).
 */
export const PARITY_TOLERANCE = 1e-4;

export type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

/** A convolution's geometry; `out` is Co for conv2d and the channel multiplier for depthwise. */
export interface ConvCase {
  name: string;
  batch: number;
  height: number;
  width: number;
  inChannels: number;
  out: number;
  kernel: [number, number];
  strides: [number, number];
  pad: Pad;
  dilations: [number, number];
}

/** A ConvCase on one line: size [H, W], kernel [kh, kw], strides [sh, sw]. */
export function convCase(
  name: string,
  batch: number,
  [height, width]: [number, number],
  inChannels: number,
  out: number,
  kernel: [number, number],
  strides: [number, number],
  pad: Pad,
  dilations: [number, number] = [1, 1],
): ConvCase {
  return { name, batch, height, width, inChannels, out, kernel, strides, pad, dilations };
}

export function inputShapeOf(c: ConvCase): [number, number, number, number] {
  return [c.batch, c.height, c.width, c.inChannels];
}

export function filterShapeOf(c: ConvCase): [number, number, number, number] {
  return [c.kernel[0], c.kernel[1], c.inChannels, c.out];
}

/** dy's shape: the convolution's output. */
export function outputShapeOf(c: ConvCase, depthwise: boolean): [number, number, number, number] {
  return tf.backend_util.computeConv2DInfo(
    inputShapeOf(c),
    filterShapeOf(c),
    c.strides,
    c.dilations,
    c.pad,
    undefined,
    depthwise,
  ).outShape;
}

/** Keeps the largest error per kernel and shape class, and prints them all at the end. */
export function createParityLog(): {
  record(kernel: string, shapeClass: string, error: number): void;
  print(): void;
} {
  const worst = new Map<string, number>();
  return {
    record(kernel, shapeClass, error) {
      const key = `${kernel} · ${shapeClass}`;
      worst.set(key, Math.max(worst.get(key) ?? 0, error));
    },
    print() {
      for (const [key, error] of worst) {
        report(`parity ${key}: max relative error ${error.toExponential(2)}`);
      }
    },
  };
}

export interface InputSpec {
  shape: number[];
  /** float32 uniform in [−1, 1) by default; int32 takes explicit values. */
  dtype?: 'float32' | 'int32';
  values?: number[];
}

export interface KernelRun {
  shape: number[];
  values: Float32Array;
}

/** Seeded uniform values in [−1, 1) for each float input; fixed values where given. */
export function makeInputValues(
  specs: Record<string, InputSpec>,
  seed: number,
): Record<string, { spec: InputSpec; values: number[] }> {
  const random = seededRandom(seed);
  const out: Record<string, { spec: InputSpec; values: number[] }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const values = spec.values ?? Array.from({ length: size }, () => random() * 2 - 1);
    out[name] = { spec, values };
  }
  return out;
}

/** Runs kernelName through the engine on `backend` (made active) and reads the result back. */
export async function runKernelOn(
  backend: 'cpu' | 'wasm',
  kernelName: string,
  inputs: Record<string, { spec: InputSpec; values: number[] }>,
  attrs: Record<string, unknown>,
): Promise<KernelRun> {
  await tf.setBackend(backend);
  const tensors: Record<string, tf.Tensor> = {};
  for (const [name, { spec, values }] of Object.entries(inputs)) {
    tensors[name] = tf.tensor(values, spec.shape, spec.dtype ?? 'float32');
  }
  const result = tf.engine().runKernel(kernelName, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
  const values = new Float32Array(await result.data());
  const run = { shape: result.shape, values };
  tf.dispose([result, ...Object.values(tensors)]);
  return run;
}

/** max |a − b| / max |b|: the error relative to the reference's scale (b is the reference). */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return scale === 0 ? worst : worst / scale;
}

/**
 * A dilated filter written out with zeros between its taps, [(kh−1)·dh + 1, (kw−1)·dw + 1, …]:
 * the cpu backend's depthwise gradient kernels ignore dilation, so dilated references are
 * computed on this equivalent undilated filter.
 */
export function dilateFilterValues(
  values: readonly number[],
  shape: readonly number[],
  dh: number,
  dw: number,
): { values: number[]; shape: number[] } {
  const [kh = 1, kw = 1, c = 1, m = 1] = shape;
  const eh = (kh - 1) * dh + 1;
  const ew = (kw - 1) * dw + 1;
  const out = new Array<number>(eh * ew * c * m).fill(0);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      for (let k = 0; k < c * m; k++) {
        out[(i * dh * ew + j * dw) * c * m + k] = values[(i * kw + j) * c * m + k] as number;
      }
    }
  }
  return { values: out, shape: [eh, ew, c, m] };
}

/** The taps of a filter gradient computed for the dilated filter: every dh-th row, dw-th col. */
export function undilateFilterValues(
  values: ArrayLike<number>,
  dilatedShape: readonly number[],
  dh: number,
  dw: number,
): Float32Array {
  const [eh = 1, ew = 1, c = 1, m = 1] = dilatedShape;
  const kh = (eh - 1) / dh + 1;
  const kw = (ew - 1) / dw + 1;
  const out = new Float32Array(kh * kw * c * m);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      for (let k = 0; k < c * m; k++) {
        out[(i * kw + j) * c * m + k] = values[(i * dh * ew + j * dw) * c * m + k] as number;
      }
    }
  }
  return out;
}
