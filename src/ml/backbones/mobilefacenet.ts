// Owns the MobileFaceNet backbone (Chen et al., 2018): depthwise-separable inverted bottlenecks
// with PReLU and a global depthwise convolution instead of average pooling; light and fast.
import * as tf from '@tensorflow/tfjs';
import { createSeedSequence } from '../seeds';
import {
  add,
  applyLayer,
  batchNorm,
  conv,
  depthwiseConv,
  embeddingHead,
  prelu,
  scaledChannels,
  type BackboneOptions,
  type Symbolic,
} from './layer-helpers';

/** [expansion t, output channels c, repeats n, first stride s], the paper's table 1. */
const BOTTLENECKS: readonly (readonly [number, number, number, number])[] = [
  [2, 64, 5, 2],
  [4, 128, 1, 2],
  [2, 128, 6, 1],
  [4, 128, 1, 2],
  [2, 128, 2, 1],
];

/** 1×1 expand → BN → PReLU → depthwise 3×3 → BN → PReLU → 1×1 project → BN (linear), + input. */
function bottleneck(
  x: Symbolic,
  expansion: number,
  filters: number,
  strides: number,
  name: string,
  nextSeed: () => number,
): Symbolic {
  const inputChannels = x.shape[3] as number;
  let y = conv(x, {
    filters: inputChannels * expansion,
    kernelSize: 1,
    name: `${name}_expand`,
    seed: nextSeed(),
  });
  y = prelu(batchNorm(y, `${name}_expand_bn`), `${name}_expand_prelu`);
  y = depthwiseConv(y, { kernelSize: 3, strides, name: `${name}_dw`, seed: nextSeed() });
  y = prelu(batchNorm(y, `${name}_dw_bn`), `${name}_dw_prelu`);
  y = conv(y, { filters, kernelSize: 1, name: `${name}_project`, seed: nextSeed() });
  // No activation after the projection: the linear bottleneck keeps information in few channels.
  y = batchNorm(y, `${name}_project_bn`);
  return strides === 1 && inputChannels === filters ? add(x, y, `${name}_add`) : y;
}

/** Input [null, size, size, 3] in [-1, 1]; output [null, embeddingDim] (not normalised). */
export function buildMobileFaceNet(options: BackboneOptions): tf.LayersModel {
  const { inputSize, widthMultiplier, embeddingDim } = options;
  const nextSeed = createSeedSequence(options.seed);
  const width = (c: number) => scaledChannels(c, widthMultiplier);
  const input = tf.input({ shape: [inputSize, inputSize, 3], name: 'image' }); // [batch, S, S, 3]

  let x = conv(input, {
    filters: width(64),
    kernelSize: 3,
    strides: 2,
    name: 'stem_conv',
    seed: nextSeed(),
  });
  x = prelu(batchNorm(x, 'stem_bn'), 'stem_prelu'); // [batch, S/2, S/2, 64w]
  x = depthwiseConv(x, { kernelSize: 3, name: 'stem_dw', seed: nextSeed() });
  x = prelu(batchNorm(x, 'stem_dw_bn'), 'stem_dw_prelu');

  BOTTLENECKS.forEach(([expansion, channels, repeats, firstStride], group) => {
    for (let i = 0; i < repeats; i++) {
      const strides = i === 0 ? firstStride : 1;
      x = bottleneck(x, expansion, width(channels), strides, `bneck${group + 1}_${i}`, nextSeed);
    }
  }); // [batch, S/16, S/16, 128w]

  x = conv(x, { filters: width(512), kernelSize: 1, name: 'expand_conv', seed: nextSeed() });
  x = prelu(batchNorm(x, 'expand_bn'), 'expand_prelu'); // [batch, S/16, S/16, 512w]

  // Global depthwise convolution: one learned spatial weighting per channel, because the centre
  // of an aligned face matters more than its corners (average pooling treats them alike).
  const spatial = x.shape[1] as number;
  x = depthwiseConv(x, { kernelSize: spatial, padding: 'valid', name: 'gdc', seed: nextSeed() });
  x = batchNorm(x, 'gdc_bn'); // [batch, 1, 1, 512w]
  x = applyLayer(tf.layers.flatten({ name: 'flatten' }), x); // [batch, 512w]

  const embedding = embeddingHead(x, embeddingDim, nextSeed()); // [batch, embeddingDim]
  return tf.model({ inputs: input, outputs: embedding, name: 'mobilefacenet' });
}
