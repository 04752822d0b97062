// Checks the ONNX export against TF.js itself: both backbones, with non-trivial BatchNorm
// statistics and PReLU slopes, give the same embeddings in onnxruntime-web as in model.predict;
// the file declares opset 13, "input" [batch, S, S, 3] and "embedding" [batch, D]; a layer the
// exporter does not know fails with its class name; the weights are read without dataSync.
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import type { BackboneName } from '../config';
import { buildBackbone } from '../backbones/build-backbone';
import { MlError } from '../ml-error';
import { report } from '../test-utils/report';
import { buildOnnxModel, exportOnnx } from './onnx-export';
import { decodeProto, protoInt, protoMessage, protoString } from './protobuf-reader';

const TOLERANCE = 1e-4;

beforeAll(async () => {
  await tf.setBackend('cpu');
  // One thread: the test machine is shared, and the models are tiny.
  ort.env.wasm.numThreads = 1;
});

/**
 * Replaces the identity-like initial state (BatchNorm mean 0, variance 1, gamma 1, beta 0, zero
 * biases, one PReLU slope for all channels) with per-channel random values, so that a wrong
 * channel order or a forgotten epsilon shows up as a difference.
 */
function randomiseInferenceState(model: tf.LayersModel, seed: number): void {
  const ranges: Record<string, [number, number]> = {
    gamma: [0.5, 1.5],
    beta: [-0.3, 0.3],
    moving_mean: [-0.3, 0.3],
    moving_variance: [0.3, 2],
    bias: [-0.3, 0.3],
    alpha: [-0.2, 0.6],
  };
  model.weights.forEach((weight, i) => {
    const range = ranges[weight.originalName.split('/').pop() ?? ''];
    if (range === undefined) return;
    const value = tf.randomUniform(weight.read().shape, range[0], range[1], 'float32', seed + i);
    weight.write(value);
    value.dispose();
  });
}

async function onnxEmbed(bytes: Uint8Array, images: tf.Tensor4D): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const input = new ort.Tensor('float32', Float32Array.from(images.dataSync()), images.shape);
    const result = await session.run({ input });
    const embedding = result.embedding;
    if (embedding === undefined) throw new Error('the ONNX model has no "embedding" output');
    return embedding.data as Float32Array;
  } finally {
    await session.release();
  }
}

/** The largest |TF.js − ONNX| over a batch of random images in [-1, 1]. */
async function compare(model: tf.LayersModel, batch: number, seed: number) {
  const [, height, width, channels] = model.inputs[0]?.shape ?? [];
  const shape = [batch, height, width, channels] as [number, number, number, number];
  const images = tf.randomUniform(shape, -1, 1, 'float32', seed) as tf.Tensor4D;
  const expected = model.predict(images) as tf.Tensor2D;
  const reference = Float32Array.from(expected.dataSync());
  const actual = await onnxEmbed(await exportOnnx(model), images);
  images.dispose();
  expected.dispose();
  expect(actual.length).toBe(reference.length);
  let maxDiff = 0;
  let maxAbs = 0;
  reference.forEach((value, i) => {
    maxDiff = Math.max(maxDiff, Math.abs(value - (actual[i] ?? NaN)));
    maxAbs = Math.max(maxAbs, Math.abs(value));
  });
  return { maxDiff, maxAbs, shape: expected.shape };
}

async function opsOf(model: tf.LayersModel): Promise<string> {
  const counts = new Map<string, number>();
  for (const node of (await buildOnnxModel(model)).graph.nodes) {
    counts.set(node.opType, (counts.get(node.opType) ?? 0) + 1);
  }
  return [...counts].map(([op, n]) => `${op}×${n}`).join(' ');
}

const BACKBONES: { backbone: BackboneName; embeddingDim: number }[] = [
  { backbone: 'resnet18', embeddingDim: 64 },
  { backbone: 'mobilefacenet', embeddingDim: 128 },
];

describe.each(BACKBONES)('$backbone exported to ONNX', ({ backbone, embeddingDim }) => {
  test('gives the TF.js embeddings in onnxruntime-web within 1e-4', async () => {
    const model = buildBackbone({
      backbone,
      inputSize: 64,
      widthMultiplier: 0.25,
      embeddingDim,
      seed: 1,
    });
    randomiseInferenceState(model, 11);
    const { maxDiff, maxAbs, shape } = await compare(model, 3, 5);
    report(
      `${backbone} ONNX vs TF.js: max |diff| ${maxDiff.toExponential(2)} ` +
        `(max |embedding| ${maxAbs.toFixed(2)}); ops ${await opsOf(model)}`,
    );
    expect(shape).toEqual([3, embeddingDim]);
    // A real comparison needs embeddings well away from zero.
    expect(maxAbs).toBeGreaterThan(0.1);
    expect(maxDiff).toBeLessThan(TOLERANCE);
    model.dispose();
  });
});

describe('the exported file', () => {
  test('declares IR 8, opset 13, "input" [batch, S, S, 3] and "embedding" [batch, D]', async () => {
    const model = buildBackbone({
      backbone: 'mobilefacenet',
      inputSize: 32,
      widthMultiplier: 0.125,
      embeddingDim: 32,
      seed: 1,
    });
    const bytes = await exportOnnx(model, { metadata: { backbone: 'mobilefacenet' } });
    model.dispose();

    // ModelProto: ir_version 1, producer_name 2, graph 7, opset_import 8, metadata_props 14.
    const proto = decodeProto(bytes);
    expect(protoInt(proto.get(1)?.[0])).toBe(8);
    expect(protoString(proto.get(2)?.[0])).toBe('Face Studio');
    const opsets = (proto.get(8) ?? []).map((o) => protoMessage(o));
    expect(opsets).toHaveLength(1);
    expect(protoString(opsets[0]?.get(1)?.[0])).toBe('');
    expect(protoInt(opsets[0]?.get(2)?.[0])).toBeGreaterThanOrEqual(13);
    const entry = protoMessage(proto.get(14)?.[0]);
    expect([protoString(entry.get(1)?.[0]), protoString(entry.get(2)?.[0])]).toEqual([
      'backbone',
      'mobilefacenet',
    ]);

    // GraphProto input 11 / output 12 → ValueInfoProto name 1, type 2 → tensor_type 1 → shape 2.
    const graph = protoMessage(proto.get(7)?.[0]);
    const describeValue = (value: Uint8Array | bigint | number | undefined) => {
      const info = protoMessage(value);
      const tensorType = protoMessage(protoMessage(info.get(2)?.[0]).get(1)?.[0]);
      const dims = (protoMessage(tensorType.get(2)?.[0]).get(1) ?? []).map((d) => {
        const dim = protoMessage(d);
        return dim.has(2) ? protoString(dim.get(2)?.[0]) : protoInt(dim.get(1)?.[0]);
      });
      return {
        name: protoString(info.get(1)?.[0]),
        elemType: protoInt(tensorType.get(1)?.[0]),
        dims,
      };
    };
    expect((graph.get(11) ?? []).map(describeValue)).toEqual([
      { name: 'input', elemType: 1, dims: ['batch', 32, 32, 3] },
    ]);
    expect((graph.get(12) ?? []).map(describeValue)).toEqual([
      { name: 'embedding', elemType: 1, dims: ['batch', 32] },
    ]);

    // onnxruntime reads the same contract.
    const session = await ort.InferenceSession.create(bytes);
    expect(session.inputNames).toEqual(['input']);
    expect(session.outputNames).toEqual(['embedding']);
    const [input] = session.inputMetadata;
    const [output] = session.outputMetadata;
    expect(input?.isTensor && input.shape).toEqual(['batch', 32, 32, 3]);
    expect(output?.isTensor && output.shape).toEqual(['batch', 32]);
    await session.release();
  });

  test('reads the weights asynchronously, never with dataSync (a WebGPU readback through a canvas)', async () => {
    const model = buildBackbone({
      backbone: 'resnet18',
      inputSize: 32,
      widthMultiplier: 0.125,
      embeddingDim: 16,
      seed: 2,
    });
    const dataSync = vi.spyOn(tf.Tensor.prototype, 'dataSync');
    const arraySync = vi.spyOn(tf.Tensor.prototype, 'arraySync');
    try {
      const bytes = await exportOnnx(model);
      expect(bytes.length).toBeGreaterThan(1000);
      expect(dataSync).not.toHaveBeenCalled();
      expect(arraySync).not.toHaveBeenCalled();
    } finally {
      dataSync.mockRestore();
      arraySync.mockRestore();
      model.dispose();
    }
  });

  test('refuses a layer it cannot convert, naming its class and the layer', async () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const upsampled = tf.layers.upSampling2d({ size: [2, 2], name: 'up' }).apply(input);
    const flat = tf.layers.flatten().apply(upsampled) as tf.SymbolicTensor;
    const output = tf.layers.dense({ units: 4 }).apply(flat) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: output });
    await expect(exportOnnx(model)).rejects.toThrow(MlError);
    await expect(exportOnnx(model)).rejects.toThrow(
      /layer class UpSampling2D \(layer "up"\) is not supported/,
    );
    model.dispose();
  });
});

describe('layers and options beyond the backbones', () => {
  /**
   * Odd 15×15 input (symmetric 'same' pads at stride 2), conv bias + ReLU/ReLU6 activations,
   * dilation, depthwise multiplier 2 with bias, a three-way Add, valid max-pooling, ReLU with a
   * maximum, PReLU without shared axes in 4-D and 2-D, Flatten over 3×3 pixels (NHWC order),
   * Dense with bias and tanh, BatchNorm on features and an Activation layer.
   */
  function buildMixedModel(): tf.LayersModel {
    const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });
    const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) =>
      layer.apply(x) as tf.SymbolicTensor;
    const input = tf.input({ shape: [15, 15, 3] }); // [batch, 15, 15, 3]
    const a = apply(
      tf.layers.conv2d({
        filters: 8,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: seeded(1),
      }),
      input,
    ); // [batch, 8, 8, 8]
    const b = apply(
      tf.layers.conv2d({
        filters: 8,
        kernelSize: 3,
        dilationRate: 2,
        padding: 'same',
        activation: 'relu6',
        kernelInitializer: seeded(2),
      }),
      a,
    ); // [batch, 8, 8, 8]
    let c = apply(
      tf.layers.depthwiseConv2d({
        kernelSize: 3,
        depthMultiplier: 2,
        padding: 'same',
        depthwiseInitializer: seeded(3),
      }),
      a,
    ); // [batch, 8, 8, 16]
    c = apply(tf.layers.conv2d({ filters: 8, kernelSize: 1, kernelInitializer: seeded(4) }), c);
    let x = apply(tf.layers.add(), [a, b, c]); // [batch, 8, 8, 8]
    x = apply(tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'valid' }), x); // [batch, 3, 3, 8]
    x = apply(tf.layers.reLU({ maxValue: 0.8 }), x);
    x = apply(tf.layers.prelu(), x);
    x = apply(tf.layers.flatten(), x); // [batch, 72]
    x = apply(tf.layers.dense({ units: 12, activation: 'tanh', kernelInitializer: seeded(5) }), x);
    x = apply(tf.layers.batchNormalization(), x);
    x = apply(tf.layers.prelu(), x);
    x = apply(tf.layers.activation({ activation: 'sigmoid' }), x);
    x = apply(tf.layers.dense({ units: 6, kernelInitializer: seeded(6) }), x); // [batch, 6]
    return tf.model({ inputs: input, outputs: x });
  }

  test('match TF.js within 1e-4', async () => {
    const model = buildMixedModel();
    randomiseInferenceState(model, 21);
    const { maxDiff, maxAbs } = await compare(model, 2, 9);
    report(
      `mixed layers ONNX vs TF.js: max |diff| ${maxDiff.toExponential(2)}; ops ${await opsOf(model)}`,
    );
    expect(maxAbs).toBeGreaterThan(0.1);
    expect(maxDiff).toBeLessThan(TOLERANCE);
    model.dispose();
  });
});
