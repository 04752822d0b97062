// An imported model against the network it came from: the studio's own ONNX and TF.js exports
// of a tiny trained network, read as a user's files (model-file-reader), set up from the metadata
// they carry (model-spec-suggestion) and run as an imported embedder (onnxruntime-web's Node
// build; TF.js on cpu), give the trainer's own embeddings of the same crops; models that are not
// embedders are refused with the reason.
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { tinyConfig } from '../ml/test-utils/tiny-config';
import { createTrainer, type Trainer } from '../ml/trainer';
import { sampleRun } from '../storage/test-utils/run-fixtures';
import { readModelFiles } from '../transfer/model-file-reader';
import { onnxModelFile, tfjsModelFiles, tfjsModelZip } from '../transfer/model-files';
import { ProtoWriter } from '../ml/export/protobuf-writer';
import { buildModelMetadata } from '../transfer/model-metadata';
import { suggestSpec } from '../transfer/model-spec-suggestion';
import { FACE_TEMPLATE } from '../vision/face-template';
import { trainerEmbedder } from './face-embedder';
import {
  checkModel,
  importedEmbedder,
  loadRawModel,
  type OnnxSessionFactory,
} from './imported-embedder';

const nodeOnnx: OnnxSessionFactory = async (bytes) => ({
  session: await ort.InferenceSession.create(bytes),
  tensor: (data, dims) => new ort.Tensor('float32', data, dims),
});

beforeAll(async () => {
  await tf.setBackend('cpu');
  ort.env.wasm.numThreads = 1;
});

function trainedTrainer(): Trainer {
  const trainer = createTrainer(tinyConfig('resnet18'), 3, { stepsPerEpoch: 1 });
  const images = tf.randomUniform([4, 32, 32, 3], 0, 255, 'float32', 1) as tf.Tensor4D;
  const result = trainer.trainStep(images, [0, 1, 2, 0], 0);
  tf.dispose([images, result.loss, result.correct]);
  return trainer;
}

const metadataOf = (trainer: Trainer) =>
  buildModelMetadata({
    run: sampleRun({ config: trainer.config }),
    evaluation: undefined,
    appVersion: 'test',
    cropSize: 128,
    template: FACE_TEMPLATE,
  });

function crops(count: number): Uint8Array {
  const rgb = new Uint8Array(count * 32 * 32 * 3);
  for (let i = 0; i < rgb.length; i++) rgb[i] = (i * 37 + Math.floor(i / 97)) % 256;
  return rgb;
}

async function importedRows(files: { name: string; bytes: Uint8Array }[], count: number) {
  const read = readModelFiles(files);
  const raw = await loadRawModel(read.format, read.files, nodeOnnx);
  const { spec, fromMetadata } = suggestSpec(read.format, raw.inputs, raw.outputs, read.hints);
  const dim = await checkModel(raw, spec);
  const embedder = importedEmbedder(raw, spec, dim);
  const rows = await embedder.embed(crops(count), count);
  embedder.dispose();
  return { rows, spec, fromMetadata, dim };
}

describe('an imported export of a studio network', () => {
  it('ONNX: its metadata sets it up, and it embeds as the trainer does', async () => {
    const trainer = trainedTrainer();
    const bytes = await onnxModelFile(trainer.model, metadataOf(trainer));
    const expected = await trainerEmbedder(trainer).embed(crops(5), 5);
    const { rows, spec, fromMetadata, dim } = await importedRows(
      [{ name: 'studio.onnx', bytes }],
      5,
    );
    expect(fromMetadata).toBe(true);
    expect(spec).toEqual({
      format: 'onnx',
      inputName: 'input',
      outputName: 'embedding',
      size: 32,
      range: [-1, 1],
      layout: 'NHWC',
      channels: 'RGB',
      flipAverage: false,
    });
    expect(dim).toBe(32);
    const gap = rows.reduce((m, v, i) => Math.max(m, Math.abs(v - (expected[i] as number))), 0);
    expect(gap).toBeLessThan(1e-4);
    trainer.dispose();
  });

  it('TF.js zip: the same', async () => {
    const trainer = trainedTrainer();
    const zip = await tfjsModelZip(trainer.model, metadataOf(trainer));
    const expected = await trainerEmbedder(trainer).embed(crops(3), 3);
    const { rows, spec } = await importedRows([{ name: 'studio-tfjs.zip', bytes: zip }], 3);
    expect(spec.format).toBe('tfjs');
    expect(spec.size).toBe(32);
    const gap = rows.reduce((m, v, i) => Math.max(m, Math.abs(v - (expected[i] as number))), 0);
    expect(gap).toBeLessThan(1e-5);
    // model.json with its weights chosen as loose files works as the zip does.
    const files = unzipSync(zip);
    const loose = Object.entries(files).map(([name, bytes]) => ({ name, bytes }));
    expect((await importedRows(loose, 1)).dim).toBe(32);
    trainer.dispose();
  });
});

describe('refusals', () => {
  it('a model whose output is not one vector per face', async () => {
    const input = tf.input({ shape: [8, 8, 3], name: 'image' });
    const output = tf.layers
      .conv2d({ filters: 2, kernelSize: 1 })
      .apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: output });
    const trainer = trainedTrainer();
    const studio = metadataOf(trainer);
    trainer.dispose();
    const metadata = { ...studio, input: { ...studio.input, size: 8 } };
    const files = unzipSync(await tfjsModelZip(model, metadata));
    const loose = Object.entries(files).map(([name, bytes]) => ({ name, bytes }));
    const read = readModelFiles(loose);
    const raw = await loadRawModel(read.format, read.files, nodeOnnx);
    const { spec } = suggestSpec(read.format, raw.inputs, raw.outputs, read.hints);
    await expect(checkModel(raw, spec)).rejects.toThrow(/an embedding model gives \[1, dim\]/);
    raw.dispose();
  });

  it('files that are not a model, or a model.json without its weights', () => {
    expect(() =>
      readModelFiles([{ name: 'a.onnx', bytes: new TextEncoder().encode('hello') }]),
    ).toThrow(/not an ONNX model/);
    expect(() =>
      readModelFiles([
        {
          name: 'model.json',
          bytes: new TextEncoder().encode(
            JSON.stringify({
              modelTopology: {},
              weightsManifest: [{ paths: ['w.bin'], weights: [] }],
            }),
          ),
        },
      ]),
    ).toThrow(/w\.bin/);
    expect(() => readModelFiles([{ name: 'cat.jpg', bytes: new Uint8Array(4) }])).toThrow(
      /No model among cat\.jpg/,
    );
    expect(() =>
      readModelFiles([{ name: 'huge.onnx', bytes: new Uint8Array(2048) }], 1024),
    ).toThrow(/hold 2\.0 KB; the studio takes models up to 1\.0 KB/);
  });

  it('an ONNX model whose weights are in a separate file, with what to do', () => {
    const bytes = new ProtoWriter()
      .int(1, 8)
      .message(7, (graph) =>
        graph.message(5, (tensor) => tensor.string(8, 'conv.weight').int(14, 1)),
      )
      .finish();
    expect(() => readModelFiles([{ name: 'r100.onnx', bytes }])).toThrow(
      /separate file \(external data\).*save_as_external_data=False/,
    );
  });
});

describe('a model that fixes its batch', () => {
  it('gets its crops in padded batches of that size, and embeds them as a free batch would', async () => {
    const build = (batch: number | null) => {
      const input = tf.input({ batchShape: [batch, 8, 8, 3], name: 'image' });
      const flat = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
      const dense = tf.layers.dense({
        units: 3,
        kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
      });
      return tf.model({ inputs: input, outputs: dense.apply(flat) as tf.SymbolicTensor });
    };
    const fixed = build(4);
    const free = build(null);
    free.setWeights(fixed.getWeights());
    const rows = async (model: tf.LayersModel) => {
      const files = await tfjsModelFiles(model, 'test');
      const raw = await loadRawModel(
        'tfjs',
        [
          { name: 'model.json', bytes: new TextEncoder().encode(files.modelJson) },
          { name: 'weights.bin', bytes: files.weights },
        ],
        nodeOnnx,
      );
      const spec = {
        format: 'tfjs' as const,
        inputName: raw.inputs[0]?.name ?? '',
        outputName: raw.outputs[0]?.name ?? '',
        size: 8,
        range: [-1, 1] as [number, number],
        layout: 'NHWC' as const,
        channels: 'RGB' as const,
        flipAverage: false,
      };
      expect(await checkModel(raw, spec)).toBe(3);
      const crops = Uint8Array.from({ length: 5 * 8 * 8 * 3 }, (_, i) => (i * 31) % 256);
      return importedEmbedder(raw, spec, 3).embed(crops, 5);
    };
    const fromFixed = await rows(fixed);
    const fromFree = await rows(free);
    expect(Array.from(fromFixed)).toEqual(Array.from(fromFree).map((v) => expect.closeTo(v, 5)));
  });
});
