// Owns the small builders shared by the backbones: seeded convolution, BatchNorm and activation
// layers applied to symbolic tensors, and the channel-width rounding of the width multiplier.
import * as tf from '@tensorflow/tfjs';

export type Symbolic = tf.SymbolicTensor;

export interface BackboneOptions {
  inputSize: number;
  widthMultiplier: number;
  embeddingDim: number;
  seed: number;
}

/** Applies a layer to one symbolic tensor and narrows tf.layers' union return type. */
export function applyLayer(layer: tf.layers.Layer, x: Symbolic | Symbolic[]): Symbolic {
  return layer.apply(x) as Symbolic;
}

/** Channels after the width multiplier, rounded to a multiple of 4 (at least 4) for SIMD lanes. */
export function scaledChannels(channels: number, widthMultiplier: number): number {
  return Math.max(4, Math.round((channels * widthMultiplier) / 4) * 4);
}

/**
 * BatchNorm with PyTorch's defaults (momentum 0.1 there is 0.9 here; epsilon 1e-5), so that a
 * model trained here and one from the seed's PyTorch code normalise alike.
 */
export function batchNorm(x: Symbolic, name: string): Symbolic {
  return applyLayer(tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5, name }), x);
}

export interface ConvOptions {
  filters: number;
  kernelSize: number;
  strides?: number;
  name: string;
  seed: number;
}

/** A bias-free convolution (BatchNorm follows every one, so a bias would be redundant). */
export function conv(x: Symbolic, o: ConvOptions): Symbolic {
  const layer = tf.layers.conv2d({
    filters: o.filters,
    kernelSize: o.kernelSize,
    strides: o.strides ?? 1,
    padding: 'same',
    useBias: false,
    // He initialisation suits ReLU/PReLU bodies trained from scratch (torchvision uses it too).
    kernelInitializer: tf.initializers.heNormal({ seed: o.seed }),
    name: o.name,
  });
  return applyLayer(layer, x);
}

export interface DepthwiseOptions {
  kernelSize: number;
  strides?: number;
  padding?: 'same' | 'valid';
  name: string;
  seed: number;
}

export function depthwiseConv(x: Symbolic, o: DepthwiseOptions): Symbolic {
  const layer = tf.layers.depthwiseConv2d({
    kernelSize: o.kernelSize,
    strides: o.strides ?? 1,
    padding: o.padding ?? 'same',
    depthMultiplier: 1,
    useBias: false,
    depthwiseInitializer: tf.initializers.heNormal({ seed: o.seed }),
    name: o.name,
  });
  return applyLayer(layer, x);
}

export function relu(x: Symbolic, name: string): Symbolic {
  return applyLayer(tf.layers.reLU({ name }), x);
}

/** PReLU with one slope per channel (shared over height and width), initialised as PyTorch's. */
export function prelu(x: Symbolic, name: string): Symbolic {
  const layer = tf.layers.prelu({
    sharedAxes: [1, 2],
    alphaInitializer: tf.initializers.constant({ value: 0.25 }),
    name,
  });
  return applyLayer(layer, x);
}

export function add(a: Symbolic, b: Symbolic, name: string): Symbolic {
  return applyLayer(tf.layers.add({ name }), [a, b]);
}

/** The linear projection to the embedding and its BatchNorm, as the seed's Linear + BatchNorm1d. */
export function embeddingHead(x: Symbolic, embeddingDim: number, seed: number): Symbolic {
  const dense = tf.layers.dense({
    units: embeddingDim,
    // BatchNorm's beta makes a bias here redundant.
    useBias: false,
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    name: 'embedding_dense',
  });
  return batchNorm(applyLayer(dense, x), 'embedding_bn');
}
