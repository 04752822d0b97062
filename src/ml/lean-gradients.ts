// Owns the gradients training registers in place of tfjs's, with the same values on every
// backend. Mean and Sum: dy broadcast back to x's shape (a Tile); tfjs's own multiply dy by a
// tensor of ones of x's full shape, filled in JavaScript and uploaded at every call, and
// BatchNorm's moments take a mean of every activation: a MobileFaceNet step at 64×64, batch 32
// spent 12 % of its time filling arrays with ones (Node, wasm). Prelu: one fused kernel where the
// backend has it (wasm), else tfjs's formula.
import * as tf from '@tensorflow/tfjs';
import { fusedPreluGradApplies, PRELU_GRAD } from './wasm-training/prelu-grad';

/** dy, reduced over `axes` of x (kept or not), expanded to x's rank and broadcast to its shape. */
function broadcastBack(dy: tf.Tensor, x: tf.Tensor, axes: number[], scale: number) {
  // broadcastTo cannot make an empty shape from a non-empty one; an empty x has an empty gradient.
  if (x.size === 0) return tf.zeros(x.shape);
  const expandedShape = x.shape.map((size, k) => (axes.includes(k) ? 1 : size));
  const expanded = tf.reshape(dy, expandedShape);
  const scaled = scale === 1 ? expanded : tf.div(expanded, scale);
  return tf.broadcastTo(scaled, x.shape);
}

/** Mean's or Sum's gradient: dy broadcast back, divided by the count reduced for a mean. */
function reductionGradient(kernelName: typeof tf.Mean | typeof tf.Sum): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as [tf.Tensor];
      const axes = tf.util.parseAxisParam((attrs as unknown as tf.SumAttrs).axis, x.shape);
      const count =
        kernelName === tf.Mean ? axes.reduce((n, k) => n * (x.shape[k] as number), 1) : 1;
      return { x: () => broadcastBack(dy as tf.Tensor, x, axes, count) };
    },
  };
}

const meanGradient = reductionGradient(tf.Mean);
const sumGradient = reductionGradient(tf.Sum);

const preluGradient: tf.GradConfig = {
  kernelName: tf.Prelu,
  inputsToSave: ['x', 'alpha'],
  gradFunc: (dy, saved) => {
    const [x, alpha] = saved as [tf.Tensor, tf.Tensor];
    const gradient = dy as tf.Tensor;
    if (
      tf.getKernel(PRELU_GRAD, tf.getBackend()) !== undefined &&
      fusedPreluGradApplies(x, alpha)
    ) {
      // Both in one pass, now: the engine asks for each in a tidy of its own.
      const [dx, dAlpha] = tf
        .engine()
        .runKernel(PRELU_GRAD, { x, alpha, dy: gradient }) as tf.Tensor[];
      return { x: () => dx as tf.Tensor, alpha: () => dAlpha as tf.Tensor };
    }
    // tfjs's own.
    const positive = tf.greater(x, 0);
    return {
      x: () => tf.where(positive, gradient, tf.mul(gradient, alpha)),
      alpha: () => {
        const perElement = tf.where(positive, tf.zerosLike(gradient), tf.mul(gradient, x));
        const axes = tf.backend_util.getReductionAxes(alpha.shape, gradient.shape);
        const summed = axes.length > 0 ? tf.sum(perElement, axes) : perElement;
        return tf.reshape(summed, alpha.shape);
      },
    };
  },
};

/** Puts these gradients in place of tfjs's (a global registry); idempotent. */
export function registerLeanGradients(): void {
  for (const config of [meanGradient, sumGradient, preluGradient]) {
    if (tf.getGradient(config.kernelName) !== config) tf.registerGradient(config);
  }
}
