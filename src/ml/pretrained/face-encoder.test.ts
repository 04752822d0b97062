// Checks the rebuilt face-api.js face encoder: the same descriptors as face-api's own network on
// real LFW faces, finite gradients for every variable when trainable, frozen variables when not,
// no tensor leaks, and that two photos of one person are closer than photos of two people.
// The CPU backend runs the 150×150 ResNet at ~1 s per image here, so every step uses 1–4 images,
// and its Conv2DBackpropFilter (a scalar loop) needs ~60 s for one backward pass: the gradient
// check runs on wasm with the project's training kernels (~0.4 s), and on CPU only with
//   FACE_STUDIO_SLOW=1 npx vitest run src/ml/pretrained/face-encoder.test.ts
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { MlError } from '../ml-error';
import { registerWasmTrainingKernels } from '../wasm-training/register-wasm-training-kernels';
import { createFaceEncoder, FACE_ENCODER_INPUT, type FaceEncoder } from './face-encoder';
import { decodeFaceApiWeights } from './face-api-weights';
import { readFaceApiModel, type FaceApiModule } from './test-utils/face-api-model';
import { lfwAvailable, lfwImagePath, loadLfwFaces } from './test-utils/lfw-faces';
import { report } from '../test-utils/report';

// face-api's nobundle build imports tfjs's ESM entry points; pointing them at the project's own
// modules makes face-api run on exactly our tfjs (one engine, one set of kernels) and cuts the
// import from ~12 s of transforms to ~0.3 s.
vi.mock('@tensorflow/tfjs/dist/index.js', () => import('@tensorflow/tfjs'));
vi.mock(
  '@tensorflow/tfjs-backend-webgl/dist/index.js',
  () => import('@tensorflow/tfjs-backend-webgl'),
);
vi.mock(
  '@tensorflow/tfjs-backend-wasm/dist/index.js',
  () => import('@tensorflow/tfjs-backend-wasm'),
);

/** Two photos each of two people; the first photo of each is also the parity input. */
const PEOPLE = ['Abdullah_Gul', 'Adrien_Brody'] as const;

/** face-api's weight file: 117 tensors, dlib's 5.6 M parameters (most of them uint8-quantised). */
const WEIGHT_COUNT = 117;
const PARAMETER_COUNT = 5_614_592;
const SLOW = process.env.FACE_STUDIO_SLOW === '1';

/** The four LFW faces both describes use; the CPU descriptors are the wasm test's reference. */
const FACE_PATHS = PEOPLE.flatMap((id) => [lfwImagePath(id, 1), lfwImagePath(id, 2)]);
let cpuDescriptors: number[][] | undefined; // [4][128]

function euclidean(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(...a.map((v, i) => v - (b[i] ?? 0)));
}

/** Names of the variables whose gradient is missing, non-finite or zero everywhere. */
function badGradients(encoder: FaceEncoder, x: tf.Tensor4D): string[] {
  const { value, grads } = tf.variableGrads(
    () => tf.mean(tf.square(encoder.apply(x))) as tf.Scalar,
  );
  const bad = tf.tidy(() =>
    Object.entries(encoder.variableMap)
      .filter(([, v]) => {
        const g = grads[v.name];
        return (
          !g || !tf.all(tf.isFinite(g)).dataSync()[0] || !tf.any(tf.notEqual(g, 0)).dataSync()[0]
        );
      })
      .map(([name]) => name),
  );
  if (!Number.isFinite(value.dataSync()[0])) bad.push('loss');
  tf.dispose([value, ...Object.values(grads)]);
  return bad;
}

beforeAll(async () => {
  // Importing the wasm backend makes it tfjs's default; the reference figures are on cpu.
  await tf.setBackend('cpu');
});

describe('face encoder weights', () => {
  test('decodes face-api’s manifest, dequantising uint8 weights as scale·q + min', () => {
    const { manifest, data } = readFaceApiModel();
    const weights = decodeFaceApiWeights(manifest, data);
    const tensors = Object.values(weights);
    expect(tensors).toHaveLength(WEIGHT_COUNT);
    expect(tensors.every((t) => t.dtype === 'float32')).toBe(true);
    expect(tensors.reduce((n, t) => n + t.size, 0)).toBe(PARAMETER_COUNT);
    expect(weights['fc']?.shape).toEqual([256, 128]);
    // The first entry is conv32_down/conv/filters, uint8-quantised: its first byte decodes to
    // min + scale · byte.
    const [group] = manifest as tf.io.WeightsManifestConfig;
    const first = group?.weights[0];
    const q = first?.quantization;
    expect(first?.name).toBe('conv32_down/conv/filters');
    const byte = new Uint8Array(data)[0] ?? 0;
    const value = weights['conv32_down/conv/filters']?.dataSync()[0];
    expect(value).toBeCloseTo((q?.min ?? NaN) + (q?.scale ?? NaN) * byte, 6);
    tf.dispose(weights);
  });

  test('refuses a weights file whose size does not match the manifest', () => {
    const { manifest, data } = readFaceApiModel();
    const call = () => decodeFaceApiWeights(manifest, data.slice(0, data.byteLength - 4));
    expect(call).toThrow(MlError);
    expect(call).toThrow(/bytes but the manifest describes/);
    expect(() => decodeFaceApiWeights({ weights: [] }, data)).toThrow(/not a tfjs weights/);
  });
});

describe.skipIf(!lfwAvailable())('face encoder on LFW faces', () => {
  let weights: tf.NamedTensorMap;
  let encoder: FaceEncoder;
  let faces: tf.Tensor4D; // [4, 150, 150, 3]: person 0 photo 1, 2, person 1 photo 1, 2
  let descriptors: number[][]; // [4][128]

  beforeAll(async () => {
    await tf.setBackend('cpu');
    const { manifest, data } = readFaceApiModel();
    weights = decodeFaceApiWeights(manifest, data);
    encoder = createFaceEncoder(weights, { trainable: false });
    faces = loadLfwFaces(FACE_PATHS);
    const out = encoder.apply(faces);
    descriptors = (await out.array()) as number[][];
    cpuDescriptors = descriptors;
    out.dispose();
  });

  afterAll(() => {
    encoder.dispose();
    tf.dispose([faces, ...Object.values(weights)]);
  });

  test('describes the expected input and holds every parameter as a variable', () => {
    expect(encoder.inputSize).toBe(FACE_ENCODER_INPUT.size);
    expect(encoder.embeddingDim).toBe(128);
    expect(encoder.variables).toHaveLength(WEIGHT_COUNT);
    expect(encoder.variables.reduce((n, v) => n + v.size, 0)).toBe(PARAMETER_COUNT);
    expect(Object.keys(encoder.variableMap).sort()).toEqual(Object.keys(weights).sort());
  });

  test('gives face-api’s own descriptors on the same faces (max |Δ| < 1e-4)', async () => {
    const faceapi =
      (await import('@vladmandic/face-api/dist/face-api.esm-nobundle.js')) as unknown as FaceApiModule;
    const { manifest, data } = readFaceApiModel();
    const net = new faceapi.FaceRecognitionNet();
    // face-api takes ownership of this second copy of the weights.
    net.loadFromWeightMap(decodeFaceApiWeights(manifest, data));
    const pair = tf.gather(faces, [0, 2]); // [2, 150, 150, 3]
    const inputs = tf.unstack(pair) as tf.Tensor3D[];
    const theirs = await net.forward(inputs); // face-api's batch path: [2, 128]
    const ours = encoder.apply(pair); // [2, 128]
    const maxDiff = tf.max(tf.abs(tf.sub(theirs, ours))).dataSync()[0] ?? NaN;
    const single = await net.computeFaceDescriptor(inputs[0] as tf.Tensor3D);
    const singleDiff = euclidean(Array.from(single as Float32Array), descriptors[0] ?? []);
    report(`face encoder parity with face-api: max |Δ| ${maxDiff.toExponential(2)} (batch of 2)`);
    expect(maxDiff).toBeLessThan(1e-4);
    expect(singleDiff).toBeLessThan(1e-4);
    tf.dispose([pair, ...inputs, theirs, ours]);
    net.dispose();
  });

  test('returns descriptors that are not L2-normalised, as face-api', () => {
    const norms = descriptors.map((d) => Math.hypot(...d));
    report(`face encoder descriptor norms: ${norms.map((n) => n.toFixed(3)).join(', ')}`);
    for (const norm of norms) expect(Math.abs(norm - 1)).toBeGreaterThan(1e-3);
  });

  test('puts two photos of one person closer than photos of two different people', () => {
    const [a1, a2, b1, b2] = descriptors as [number[], number[], number[], number[]];
    const same = [euclidean(a1, a2), euclidean(b1, b2)];
    const different = [euclidean(a1, b1), euclidean(a1, b2), euclidean(a2, b1), euclidean(a2, b2)];
    report(
      `face encoder LFW distances: same person ${same.map((d) => d.toFixed(3)).join(', ')}; ` +
        `different people ${different.map((d) => d.toFixed(3)).join(', ')}`,
    );
    expect(Math.max(...same)).toBeLessThan(Math.min(...different));
    // face-api's (dlib's) usual threshold for "same person" is a distance of 0.6.
    expect(Math.max(...same)).toBeLessThan(0.6);
  });

  test('frozen, no variable is trainable', () => {
    expect(encoder.variables.every((v) => !v.trainable)).toBe(true);
    const x = tf.slice(faces, [0, 0, 0, 0], [1, -1, -1, -1]);
    expect(() => tf.variableGrads(() => tf.sum(encoder.apply(x)) as tf.Scalar)).toThrow(
      /at least one of the input variables to be trainable/,
    );
    x.dispose();
  });

  test.runIf(SLOW)('trainable, every variable gets a finite, non-zero gradient on cpu', () => {
    const trainable = createFaceEncoder(weights, { trainable: true });
    expect(trainable.variables.every((v) => v.trainable)).toBe(true);
    const x = tf.slice(faces, [0, 0, 0, 0], [1, -1, -1, -1]); // [1, 150, 150, 3]
    expect(badGradients(trainable, x)).toEqual([]);
    x.dispose();
    trainable.dispose();
  });

  test('leaks no tensors across apply() calls, and dispose() frees the variables', () => {
    const x = tf.slice(faces, [0, 0, 0, 0], [1, -1, -1, -1]);
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      tf.dispose(encoder.apply(x));
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    const other = createFaceEncoder(weights, { trainable: false });
    const withOther = tf.memory().numTensors;
    other.dispose();
    expect(tf.memory().numTensors).toBe(withOther - WEIGHT_COUNT);
    expect(() => other.apply(x)).toThrow(/disposed/);
    x.dispose();
  });

  test('refuses an input that is not [batch, 150, 150, 3]', () => {
    const wrong = tf.zeros([1, 128, 128, 3]) as tf.Tensor4D;
    expect(() => encoder.apply(wrong)).toThrow(MlError);
    wrong.dispose();
  });
});

describe.skipIf(!lfwAvailable())(
  'face encoder on wasm, with the project’s training kernels',
  () => {
    let encoder: FaceEncoder;
    let faces: tf.Tensor4D; // [4, 150, 150, 3]

    beforeAll(async () => {
      registerWasmTrainingKernels({ replaceSlowBuiltIns: true });
      await tf.setBackend('wasm');
      const { manifest, data } = readFaceApiModel();
      const weights = decodeFaceApiWeights(manifest, data);
      encoder = createFaceEncoder(weights, { trainable: true });
      tf.dispose(weights);
      faces = loadLfwFaces(FACE_PATHS);
    });

    afterAll(() => {
      encoder.dispose();
      faces.dispose();
    });

    test('gives the cpu backend’s descriptors (max |Δ| < 1e-4)', async () => {
      const out = encoder.apply(faces);
      const ours = (await out.array()) as number[][];
      out.dispose();
      const maxDiff = Math.max(
        ...ours.flatMap((row, i) =>
          row.map((v, j) => Math.abs(v - (cpuDescriptors?.[i]?.[j] ?? NaN))),
        ),
      );
      report(`face encoder wasm vs cpu: max |Δ| ${maxDiff.toExponential(2)}`);
      expect(maxDiff).toBeLessThan(1e-4);
    });

    test('trainable, every variable gets a finite, non-zero gradient', () => {
      expect(encoder.variables.every((v) => v.trainable)).toBe(true);
      const x = tf.slice(faces, [0, 0, 0, 0], [2, -1, -1, -1]); // [2, 150, 150, 3]
      expect(badGradients(encoder, x)).toEqual([]);
      x.dispose();
    });
  },
);
