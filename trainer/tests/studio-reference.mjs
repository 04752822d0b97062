// Computes, with the studio's own TypeScript (src/ml, src/vision), the values the trainer
// mirrors, for the trainer's tests to compare with: the default configuration, the alignment
// template, learning rates, derived seeds, ArcFace logits and the smoothed cross-entropy, and
// the augmentation of a batch under given draws.
//
//   node studio-reference.mjs <request.json> <out.json>
import { readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { studioModule } from './studio-modules.mjs';

const [requestPath, outPath] = process.argv.slice(2);
if (!requestPath || !outPath) {
  console.error('usage: node studio-reference.mjs <request.json> <out.json>');
  process.exit(2);
}
const request = JSON.parse(readFileSync(requestPath, 'utf8'));
await tf.setBackend('cpu');
const [config, template, schedule, seeds, arcface, losses, augment] = await Promise.all(
  [
    'ml/config.ts',
    'vision/face-template.ts',
    'ml/lr-schedule.ts',
    'ml/seeds.ts',
    'ml/heads/arcface.ts',
    'ml/losses.ts',
    'ml/augment.ts',
  ].map((path) => studioModule(path)),
);

const { embeddings, weight, labels, scale, margin, smoothing } = request.arcface;
const oneHot = losses.oneHotLabels(tf.tensor1d(labels, 'int32'), weight[0].length);
const head = arcface.arcFaceLogits(tf.tensor2d(embeddings), tf.tensor2d(weight), oneHot, {
  scale,
  margin,
});
const loss = losses.softmaxCrossEntropy(head.logits, oneHot, smoothing);

// The studio draws three numbers per image from a RandomSource; replay the request's draws.
const draws = request.augment.draws.flat();
let next = 0;
const replay = () => draws[next++];
const augmented = augment.augmentBatch(
  tf.tensor4d(request.augment.images),
  request.augment.options,
  replay,
);

writeFileSync(
  outPath,
  JSON.stringify({
    defaultConfig: config.DEFAULT_CONFIG,
    scratchPreset: config.PRESETS.scratch.config,
    cropSize: template.CROP_SIZE,
    faceTemplate: template.FACE_TEMPLATE,
    learningRates: request.schedules.map(({ schedule: s, steps }) =>
      steps.map((step) => schedule.learningRateAt(step, s)),
    ),
    seeds: request.seeds.map((parts) => seeds.deriveSeed(...parts)),
    arcface: {
      logits: await head.logits.array(),
      predictions: await head.predictions.array(),
      loss: (await loss.data())[0],
    },
    augmented: await augmented.array(),
  }),
);
