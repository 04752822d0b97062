// Owns a fast Tile for the wasm backend: the built-in copies element by element (~50 ns each),
// and BatchNorm's gradient tiles a per-channel scale to the activation's full size at every
// layer. A broadcasting add onto zeros, which XNNPACK runs, produces the same tensor.
import * as tf from '@tensorflow/tfjs';
import { runWithTensors } from './kernel-bridge';

/** XNNPACK's limit on the rank of a broadcasting binary operation. */
const MAX_BROADCAST_RANK = 6;

/** Axes where x has size 1 broadcast as they are; other tiled axes split in [rep, size] pairs. */
function isPureBroadcast(shape: readonly number[], reps: readonly number[]): boolean {
  return shape.every((d, i) => d === 1 || reps[i] === 1);
}

/** Whether tileByBroadcast handles this Tile (else the built-in kernel runs). */
export function canTileByBroadcast(
  shape: readonly number[],
  dtype: tf.DataType,
  reps: readonly number[],
): boolean {
  if (dtype !== 'float32' || reps.length !== shape.length) return false;
  const rank = isPureBroadcast(shape, reps) ? shape.length : 2 * shape.length;
  return rank <= MAX_BROADCAST_RANK;
}

/** x tiled `reps` times, computed as x + zeros broadcast to the tiled shape. */
export function tileByBroadcast(x: tf.Tensor, reps: readonly number[]): tf.Tensor {
  const shape = x.shape;
  if (isPureBroadcast(shape, reps)) {
    return tf.add(x, tf.zeros(shape.map((d, i) => (d === 1 ? (reps[i] ?? 1) : 1))));
  }
  const spread = tf.reshape(
    x,
    shape.flatMap((d) => [1, d]),
  ); // [1, d0, 1, d1, …]
  const zeros = tf.zeros(reps.flatMap((r) => [r, 1])); // [r0, 1, r1, 1, …]
  return tf.reshape(
    tf.add(spread, zeros),
    shape.map((d, i) => d * (reps[i] ?? 1)),
  );
}

/** The replacement Tile; `builtIn` (the kernel it replaces) runs what broadcasting cannot. */
export function tileConfig(builtIn: tf.KernelConfig | undefined): tf.KernelConfig {
  return {
    kernelName: tf.Tile,
    backendName: 'wasm',
    // The built-in binds its wasm function at backend set-up, which then only knows this config.
    setupFunc: builtIn?.setupFunc,
    kernelFunc: (args) => {
      const { x } = args.inputs as unknown as tf.TileInputs;
      const { reps } = args.attrs as unknown as tf.TileAttrs;
      if (x === undefined) throw new Error('Tile needs x');
      if (canTileByBroadcast(x.shape, x.dtype, reps)) {
        return runWithTensors(args.backend, { x }, (t) => tileByBroadcast(t.x, reps));
      }
      if (builtIn === undefined) throw new Error(`wasm Tile: no kernel for ${x.dtype} ${x.shape}`);
      return builtIn.kernelFunc(args);
    },
  };
}
