// Owns the benchmark's instruments: wall-clock timing of synchronous wasm work, the FLOPs of a
// convolution-shaped kernel call, and a per-kernel tally of a whole train step's time.
import * as tf from '@tensorflow/tfjs';

/**
 * Wall time of `run` in ms (wasm kernels finish before they return): the median, or with
 * `best` the fastest run, which other processes on a shared machine disturb least.
 */
export function timeMs(run: () => void, repeats: number, best = false, warmups = 1): number {
  for (let r = 0; r < warmups; r++) run(); // XNNPACK operator creation, heap growth
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return (best ? times[0] : times[Math.floor(times.length / 2)]) as number;
}

/** The fastest of `repeats` runs of an op; its result is not read back (that would time a copy). */
export function timeOp(make: () => tf.Tensor, repeats: number): number {
  return timeMs(() => tf.tidy(make).dispose(), repeats, true);
}

export const gflops = (flops: number, ms: number): string => (flops / ms / 1e6).toFixed(1);

const size = (shape: readonly number[] | undefined) => (shape ?? []).reduce((a, b) => a * b, 1);

/** 2 × multiply-adds of a convolution-shaped kernel call (0 for other kernels). */
export function convFlops(
  name: string,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap = {},
): number {
  const shape = (key: string) => inputs[key]?.shape ?? [];
  const [kh = 0, kw = 0, ci = 0] = shape('filter');
  const forward = (depthwise: boolean) =>
    tf.backend_util.computeConv2DInfo(
      shape('x') as [number, number, number, number],
      shape('filter') as [number, number, number, number],
      attrs.strides as number,
      (attrs.dilations as number | undefined) ?? 1,
      attrs.pad as 'same',
      attrs.dimRoundingMode as 'floor' | undefined,
      depthwise,
    ).outShape;
  switch (name) {
    case tf.Conv2D:
    case tf.FusedConv2D:
      return 2 * size(forward(false)) * kh * kw * ci;
    case tf.DepthwiseConv2dNative:
    case tf.FusedDepthwiseConv2D:
      return 2 * size(forward(true)) * kh * kw;
    case tf.Conv2DBackpropInput:
      return 2 * size(shape('dy')) * kh * kw * ci;
    case tf.DepthwiseConv2dNativeBackpropInput:
      return 2 * size(shape('dy')) * kh * kw;
    case tf.Conv2DBackpropFilter: {
      const [fh = 0, fw = 0, fi = 0] = attrs.filterShape as number[];
      return 2 * size(shape('dy')) * fh * fw * fi;
    }
    case tf.DepthwiseConv2dNativeBackpropFilter: {
      const [fh = 0, fw = 0] = attrs.filterShape as number[];
      return 2 * size(shape('dy')) * fh * fw;
    }
    default:
      return 0;
  }
}

export interface KernelTally {
  ms: number;
  calls: number;
  flops: number;
}

/**
 * Wraps every wasm kernel with a timer that charges its wall time to the outermost kernel only
 * (the kernels of this folder run other kernels inside), and returns the tallies and an undo.
 */
export function instrumentWasmKernels(): {
  tallies: Map<string, KernelTally>;
  restore: () => void;
} {
  const tallies = new Map<string, KernelTally>();
  const originals = tf.getKernelsForBackend('wasm');
  let depth = 0;
  for (const config of originals) {
    const inner = config.kernelFunc;
    tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel({
      ...config,
      kernelFunc: (args) => {
        if (depth > 0) return inner(args);
        depth++;
        const start = performance.now();
        try {
          return inner(args);
        } finally {
          depth--;
          const tally = tallies.get(config.kernelName) ?? { ms: 0, calls: 0, flops: 0 };
          tally.ms += performance.now() - start;
          tally.calls++;
          tally.flops += convFlops(config.kernelName, args.inputs, args.attrs);
          tallies.set(config.kernelName, tally);
        }
      },
    });
  }
  const restore = () => {
    for (const config of originals) {
      tf.unregisterKernel(config.kernelName, 'wasm');
      tf.registerKernel(config);
    }
  };
  return { tallies, restore };
}
