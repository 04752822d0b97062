import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBackbone } from './backbones/build-backbone';
import { DEFAULT_CONFIG } from './config';
import { forwardFlops } from './count-flops';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('forwardFlops', () => {
  it('counts a convolution and a dense layer by hand', () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const conv = tf.layers
      .conv2d({ filters: 4, kernelSize: 3, padding: 'same', useBias: false })
      .apply(input) as tf.SymbolicTensor;
    const flat = tf.layers.flatten().apply(conv) as tf.SymbolicTensor;
    const dense = tf.layers.dense({ units: 5, useBias: false }).apply(flat) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: dense });
    // conv: 2 · (3·3·3·4) · 8·8 = 13 824; dense: 2 · 256·5 = 2 560.
    expect(forwardFlops(model)).toBe(13_824 + 2_560);
    model.dispose();
  });

  it('gives full-width ResNet-18 at 64×64 torchvision’s figure scaled to the input', () => {
    const model = buildBackbone({
      ...DEFAULT_CONFIG,
      widthMultiplier: 1,
      inputSize: 64,
      embeddingDim: 512,
    });
    const gflops = forwardFlops(model) / 1e9;
    // torchvision's ResNet-18 is 1.82 G multiply-adds (3.64 GFLOPs) at 224×224; at 64×64 every
    // feature map shrinks by (64/224)², giving ≈ 0.297 GFLOPs (the 512→512 head adds ~0.5 M).
    expect(gflops).toBeGreaterThan(0.28);
    expect(gflops).toBeLessThan(0.31);
    model.dispose();
  });
});
