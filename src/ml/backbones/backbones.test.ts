// Checks the backbones' shapes and structure: input [null, S, S, 3] to [null, embeddingDim],
// ResNet-18's parameter count at width 1 equal to the seed's PyTorch model, seeded builds.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildBackbone } from './build-backbone';
import { buildMobileFaceNet } from './mobilefacenet';
import { buildResNet18 } from './resnet18';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function trainableCount(model: tf.LayersModel): number {
  return model.trainableWeights.reduce((n, w) => n + w.read().size, 0);
}

describe.each(['resnet18', 'mobilefacenet'] as const)('%s', (backbone) => {
  test('maps [batch, S, S, 3] to [batch, embeddingDim] at 32 and 64', () => {
    for (const inputSize of [32, 64] as const) {
      const model = buildBackbone({
        backbone,
        inputSize,
        widthMultiplier: 0.125,
        embeddingDim: 24,
        seed: 1,
      });
      expect(model.inputs[0]?.shape).toEqual([null, inputSize, inputSize, 3]);
      expect(model.outputs[0]?.shape).toEqual([null, 24]);
      const out = tf.tidy(() => model.predict(tf.zeros([2, inputSize, inputSize, 3])) as tf.Tensor);
      expect(out.shape).toEqual([2, 24]);
      out.dispose();
      model.dispose();
    }
  });

  test('is reproducible from its seed, with stable weight names', async () => {
    const config = {
      backbone,
      inputSize: 32,
      widthMultiplier: 0.125,
      embeddingDim: 16,
      seed: 5,
    } as const;
    const a = buildBackbone(config);
    const b = buildBackbone(config);
    expect(b.weights.map((w) => w.originalName)).toEqual(a.weights.map((w) => w.originalName));
    for (let i = 0; i < a.weights.length; i++) {
      const [x, y] = [a.weights[i], b.weights[i]] as [tf.LayerVariable, tf.LayerVariable];
      expect(Array.from(await y.read().data())).toEqual(Array.from(await x.read().data()));
    }
    a.dispose();
    b.dispose();
  });
});

describe('resnet18 at width 1', () => {
  test('has the seed model’s trainable parameter count (torchvision body + Linear 512→512 + BN)', () => {
    // torchvision resnet18: 11,689,512 parameters, minus its classifier fc (512·1000 + 1000)
    // = 11,176,512; plus the embedding Linear 512·512 (its bias dropped here: BN follows) and the
    // BatchNorm1d's 2·512 = 11,176,512 + 262,144 + 1,024 = 11,439,680.
    const model = buildResNet18({ inputSize: 64, widthMultiplier: 1, embeddingDim: 512, seed: 1 });
    expect(trainableCount(model)).toBe(11_439_680);
    expect(model.outputs[0]?.shape).toEqual([null, 512]);
    model.dispose();
  });
});

describe('mobilefacenet at width 1', () => {
  test('is light: about a million parameters at 112×112, as the paper', () => {
    const model = buildMobileFaceNet({
      inputSize: 112,
      widthMultiplier: 1,
      embeddingDim: 128,
      seed: 1,
    });
    // The paper reports 0.99 M parameters at 112×112 with a 128-d embedding.
    expect(trainableCount(model)).toBeGreaterThan(0.9e6);
    expect(trainableCount(model)).toBeLessThan(1.3e6);
    model.dispose();
  });
});
