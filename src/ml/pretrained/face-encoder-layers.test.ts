// Checks the export form of the pretrained encoder (face-encoder-layers.ts): standard layers
// only, and the same descriptors as the encoder the studio trains and runs, on real LFW faces and
// on noise, on the wasm backend (the CPU backend needs ~1 s per 150-px image).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { report } from '../test-utils/report';
import { createFaceEncoder } from './face-encoder';
import { buildFaceEncoderModel } from './face-encoder-layers';
import { readFaceApiWeights } from './test-utils/face-api-model';
import { lfwAvailable, lfwImagePath, loadLfwFaces } from './test-utils/lfw-faces';

const STANDARD_LAYERS = new Set([
  'InputLayer',
  'Conv2D',
  'MaxPooling2D',
  'AveragePooling2D',
  'ZeroPadding2D',
  'Add',
  'ReLU',
  'GlobalAveragePooling2D',
  'Dense',
]);

describe('face encoder as a Layers model', () => {
  let weights: tf.NamedTensorMap;

  beforeAll(async () => {
    await tf.setBackend('wasm');
    weights = readFaceApiWeights('face_recognition_model');
  });

  afterAll(() => tf.dispose(Object.values(weights)));

  test('is made of standard layers, with every weight folded in', () => {
    const model = buildFaceEncoderModel(weights);
    expect(new Set(model.layers.map((l) => l.getClassName()))).toEqual(STANDARD_LAYERS);
    expect(model.inputs[0]?.shape).toEqual([null, 150, 150, 3]);
    expect(model.outputs[0]?.shape).toEqual([null, 128]);
    // face-api's 5,614,592 parameters, plus the fixed identity kernels of three shortcuts
    // (32·64 + 64·128 + 128·256), less the scale layers' two vectors per convolution, folded
    // into its kernel and bias (29 convolutions, 3,552 output channels in all).
    const convChannels = 32 + 3 * 2 * 32 + 4 * 2 * 64 + 3 * 2 * 128 + 4 * 2 * 256;
    expect(model.countParams()).toBe(5_614_592 + 32 * 64 + 64 * 128 + 128 * 256 - 2 * convChannels);
    model.dispose();
  });

  test.skipIf(!lfwAvailable())(
    'matches the studio’s encoder on LFW faces and noise (max |Δ| < 1e-4)',
    () => {
      const before = tf.memory().numTensors;
      const model = buildFaceEncoderModel(weights);
      const encoder = createFaceEncoder(weights, { trainable: false });

      const faces = loadLfwFaces([
        lfwImagePath('Abdullah_Gul', 1),
        lfwImagePath('Adrien_Brody', 1),
      ]);
      const noise = tf.randomUniform([1, 150, 150, 3], 0, 255, 'float32', 7);
      const input = tf.concat([faces, noise]) as tf.Tensor4D; // [3, 150, 150, 3]
      const expected = encoder.apply(input);
      const actual = model.predict(input) as tf.Tensor2D;
      const [maxDiff = NaN, maxValue = NaN] = tf.tidy(() => [
        tf.max(tf.abs(tf.sub(expected, actual))).dataSync()[0],
        tf.max(tf.abs(expected)).dataSync()[0],
      ]);
      report(
        `face encoder, Layers form vs tf ops (wasm): max |Δ| ${maxDiff.toExponential(2)}, ` +
          `max |value| ${maxValue.toFixed(3)}`,
      );
      expect(maxDiff).toBeLessThan(1e-4);
      expect(maxValue).toBeGreaterThan(0.05);

      tf.dispose([faces, noise, input, expected, actual]);
      encoder.dispose();
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    },
  );
});
