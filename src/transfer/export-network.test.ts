// Checks the export of pretrained-encoder runs (export-network.ts): for the frozen and the
// fine-tuned mode, the one exported Layers model gives the trainer's own embeddings (single view,
// and flip-averaged as the studio embeds), reloads from its TF.js files, and runs the same in
// onnxruntime-web. On the wasm backend (the cpu backend needs ~1 s per 150-px image).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PRESETS, type BackboneName } from '../ml/config';
import { l2Normalize } from '../ml/l2-normalize';
import { readFaceApiWeights } from '../ml/pretrained/test-utils/face-api-model';
import { report } from '../ml/test-utils/report';
import { createTrainer, type Trainer } from '../ml/trainer';
import { tfjsModelFiles } from './model-files';
import { exportNetworkOf } from '../ml/export/export-network';
import { exportOnnx } from '../ml/export/onnx-export';

const TOLERANCE = 1e-4;
let weights: tf.NamedTensorMap;

beforeAll(async () => {
  await tf.setBackend('wasm');
  ort.env.wasm.numThreads = 1;
  weights = readFaceApiWeights('face_recognition_model');
});

afterAll(() => tf.dispose(Object.values(weights)));

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? NaN) - (b[i] ?? NaN)));
  return max;
}

/** A trainer whose projection holds non-trivial weights and BatchNorm statistics. */
function trainedLikeTrainer(backbone: BackboneName): Trainer {
  const config = { ...PRESETS.pretrained.config, backbone, embeddingDim: 32 };
  const trainer = createTrainer(config, 3, { stepsPerEpoch: 1, encoderWeights: weights });
  trainer.model.weights.forEach((w, i) => {
    const [low, high] = w.originalName.endsWith('variance') ? [0.3, 2] : [-0.5, 0.5];
    const value = tf.randomUniform(w.read().shape, low, high, 'float32', 11 + i);
    w.write(value);
    value.dispose();
  });
  if (backbone === 'face-api-finetune') {
    // As if fine-tuned: the export must carry the run's encoder weights, not face-api's.
    const fc = trainer.encoder?.variableMap['fc'];
    fc?.assign(tf.tidy(() => tf.mul(fc, 1.25)));
  }
  return trainer;
}

describe.each(['face-api-frozen', 'face-api-finetune'] as const)(
  'export of a %s run',
  (backbone) => {
    test('one Layers model: the trainer’s embeddings, reloaded from TF.js files, and in ONNX', async () => {
      const trainer = trainedLikeTrainer(backbone);
      const network = exportNetworkOf(trainer);
      const images = tf.randomUniform([2, 150, 150, 3], 0, 255, 'float32', 5) as tf.Tensor4D;

      const viaTrainer = tf.tidy(() => trainer.model.apply(trainer.encode(images)) as tf.Tensor2D);
      const exported = network.model.predict(images) as tf.Tensor2D; // [2, 32]
      const single = maxAbsDiff(exported.dataSync(), viaTrainer.dataSync());

      // The studio's embedding: the face and its mirror image, summed and normalised.
      const studio = trainer.embed(images);
      const averaged = tf.tidy(() =>
        l2Normalize(
          tf.add(exported, network.model.predict(tf.reverse(images, 2)) as tf.Tensor2D),
          1,
        ),
      );
      const flipAveraged = maxAbsDiff(averaged.dataSync(), studio.dataSync());

      const files = await tfjsModelFiles(network.model, 'test');
      const reloaded = await tf.loadLayersModel(
        tf.io.fromMemory({
          modelTopology: (JSON.parse(files.modelJson) as tf.io.ModelJSON).modelTopology,
          weightSpecs: (JSON.parse(files.modelJson) as tf.io.ModelJSON).weightsManifest[0]?.weights,
          weightData: files.weights.slice().buffer,
        }),
      );
      const again = reloaded.predict(images) as tf.Tensor2D;
      const tfjsFiles = maxAbsDiff(again.dataSync(), exported.dataSync());

      const session = await ort.InferenceSession.create(await exportOnnx(network.model));
      const input = new ort.Tensor('float32', Float32Array.from(images.dataSync()), images.shape);
      const onnxOut = (await session.run({ input })).embedding?.data as Float32Array;
      await session.release();
      const onnx = maxAbsDiff(onnxOut, exported.dataSync());

      report(
        `${backbone} export: max |Δ| vs trainer ${single.toExponential(2)}, flip-averaged ` +
          `${flipAveraged.toExponential(2)}, reloaded TF.js ${tfjsFiles.toExponential(2)}, ONNX ` +
          `${onnx.toExponential(2)} (max |embedding| ${tf.max(tf.abs(exported)).dataSync()[0]?.toFixed(3)})`,
      );
      expect(single).toBeLessThan(TOLERANCE);
      expect(flipAveraged).toBeLessThan(TOLERANCE);
      expect(tfjsFiles).toBe(0);
      expect(onnx).toBeLessThan(TOLERANCE);

      if (backbone === 'face-api-finetune') {
        // The face-api weights alone would give another network: the fine-tuned fc is in the export.
        const original = readFaceApiWeights('face_recognition_model');
        const fc = reloaded.getLayer('encoder_fc').getWeights()[0] as tf.Tensor; // the layer's own
        const scaled = tf.mul(original['fc'] as tf.Tensor, 1.25);
        expect(maxAbsDiff(fc.dataSync(), scaled.dataSync())).toBeLessThan(1e-6);
        tf.dispose([...Object.values(original), scaled]);
      }

      tf.dispose([images, viaTrainer, exported, studio, averaged, again]);
      reloaded.dispose();
      network.dispose();
      trainer.dispose();
    });
  },
);

test('an export that fails part-way frees the weights it had copied', () => {
  const trainer = trainedLikeTrainer('face-api-frozen');
  const last = trainer.model.layers[trainer.model.layers.length - 1] as tf.layers.Layer;
  const weightsOf = last.getWeights.bind(last);
  // One weight too many: copying this last layer fails after the encoder and the others are made.
  last.getWeights = () => [...weightsOf(), tf.zeros([1])];
  const before = tf.memory().numTensors;
  expect(() => exportNetworkOf(trainer)).toThrow();
  // Nothing the failed export made is left: only the extra zeros tensor is new.
  expect(tf.memory().numTensors).toBe(before + 1);
  trainer.dispose();
});
