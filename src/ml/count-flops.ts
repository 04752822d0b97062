// Counts the forward-pass floating-point operations of a backbone (a multiply-add is two), from
// its layers' weight and output shapes, so benchmarks can report achieved GFLOP/s. Counts the
// layers that dominate: convolutions, depthwise convolutions and dense layers.
import type * as tf from '@tensorflow/tfjs';

function outputSpatial(layer: tf.layers.Layer): number {
  const shape = layer.outputShape as (number | null)[];
  // [batch, height, width, channels] for convolutions; [batch, units] for dense layers.
  return shape.length === 4 ? (shape[1] ?? 0) * (shape[2] ?? 0) : 1;
}

/** FLOPs of one image's forward pass. */
export function forwardFlops(model: tf.LayersModel): number {
  let flops = 0;
  for (const layer of model.layers) {
    const kernel = layer.getWeights()[0];
    if (!kernel) continue;
    const className = layer.getClassName();
    if (className === 'Conv2D' || className === 'Dense') {
      flops += 2 * kernel.size * outputSpatial(layer);
    } else if (className === 'DepthwiseConv2D') {
      // Kernel [kh, kw, channels, multiplier]: one multiply-add per weight per output pixel.
      flops += 2 * kernel.size * outputSpatial(layer);
    }
  }
  return flops;
}
