// Builds the studio's own TF.js backbone (src/ml/backbones/build-backbone.ts) for the trainer's
// tests, gives its BatchNorm statistics, gammas, betas and PReLU slopes random per-channel values
// (so that a wrong channel order or padding shows), embeds a given batch with model.predict, and
// writes every weight and the embeddings, so the trainer's PyTorch network can be checked to be
// the same function with the same weights.
//
//   node studio-network.mjs '<config JSON: backbone, inputSize, widthMultiplier, embeddingDim>'
//        <input.f32 NHWC [n, S, S, 3]> <n> <out.json>
import { readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { studioModule } from './studio-modules.mjs';

const [configText, inputPath, countText, outPath] = process.argv.slice(2);
if (!configText || !inputPath || !countText || !outPath) {
  console.error('usage: node studio-network.mjs <config JSON> <input.f32> <n> <out.json>');
  process.exit(2);
}
await tf.setBackend('cpu');
const { buildBackbone } = await studioModule('ml/backbones/build-backbone.ts');
const config = JSON.parse(configText);
const model = buildBackbone({ ...config, seed: 1 });

const ranges = {
  gamma: [0.5, 1.5],
  beta: [-0.3, 0.3],
  moving_mean: [-0.3, 0.3],
  moving_variance: [0.3, 2],
  alpha: [-0.2, 0.6],
};
model.weights.forEach((weight, i) => {
  const range = ranges[weight.originalName.split('/').pop() ?? ''];
  if (range) weight.write(tf.randomUniform(weight.shape, range[0], range[1], 'float32', 7 + i));
});

const size = config.inputSize;
const count = Number(countText);
// Copied into a fresh buffer: a small file's Buffer may sit at an offset no Float32Array can start at.
const raw = new Uint8Array(readFileSync(inputPath));
const input = tf.tensor4d(new Float32Array(raw.buffer), [count, size, size, 3]); // [n, S, S, 3]
const embeddings = model.predict(input); // [n, D]
const weights = model.weights.map((weight) => ({
  name: weight.originalName,
  shape: weight.shape,
  values: Array.from(weight.read().dataSync()),
}));
writeFileSync(outPath, JSON.stringify({ weights, embeddings: await embeddings.array() }));
