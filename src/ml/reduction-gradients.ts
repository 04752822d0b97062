// Owns the gradients of Mean and Sum used in training: dy broadcast back to x's shape (a Tile).
// tfjs's own multiply dy by a tensor of ones of x's full shape, which it fills in JavaScript and
// uploads to the backend every time: BatchNorm's moments take a mean of every activation, so a
// MobileFaceNet step at 64×64, batch 32 spent 12 % of its time filling arrays with ones (Node,
// wasm). Same values, on every backend.
import * as tf from '@tensorflow/tfjs';

/** dy, reduced over `axis` of x (kept or not), expanded to x's rank and broadcast to its shape. */
function broadcastBack(dy: tf.Tensor, x: tf.Tensor, axis: number | number[], scale: number) {
  const axes = tf.util.parseAxisParam(axis, x.shape);
  const expandedShape = x.shape.map((size, k) => (axes.includes(k) ? 1 : size));
  const expanded = tf.reshape(dy, expandedShape);
  const scaled = scale === 1 ? expanded : tf.div(expanded, scale);
  return tf.broadcastTo(scaled, x.shape);
}

const meanGradient: tf.GradConfig = {
  kernelName: tf.Mean,
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved as [tf.Tensor];
    const { axis } = attrs as unknown as tf.MeanAttrs;
    const axes = tf.util.parseAxisParam(axis, x.shape);
    const count = axes.reduce((n, k) => n * (x.shape[k] as number), 1);
    return { x: () => broadcastBack(dy as tf.Tensor, x, axes, count) };
  },
};

const sumGradient: tf.GradConfig = {
  kernelName: tf.Sum,
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved as [tf.Tensor];
    const { axis } = attrs as unknown as tf.SumAttrs;
    return { x: () => broadcastBack(dy as tf.Tensor, x, axis, 1) };
  },
};

/** Puts these gradients in place of tfjs's (a global registry); idempotent. */
export function registerReductionGradients(): void {
  for (const config of [meanGradient, sumGradient]) {
    if (tf.getGradient(config.kernelName) !== config) tf.registerGradient(config);
  }
}
