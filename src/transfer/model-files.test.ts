// The exported TF.js zip loads back with tf.loadLayersModel and gives the network's embeddings;
// the ONNX file runs in onnxruntime-web; both carry the metadata. Tiny networks on cpu.
import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackboneName } from '../ml/config';
import { tinyConfig } from '../ml/test-utils/tiny-config';
import { createTrainer, type Trainer } from '../ml/trainer';
import { FACE_TEMPLATE } from '../vision/face-template';
import { buildModelMetadata } from './model-metadata';
import {
  METADATA_FILE_NAME,
  MODEL_JSON_NAME,
  WEIGHTS_FILE_NAME,
  onnxModelFile,
  tfjsModelZip,
} from './model-files';
import { sampleRun } from '../storage/test-utils/run-fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
  ort.env.wasm.numThreads = 1;
});

/** A trainer whose BatchNorm statistics moved away from their initial values (one train step). */
function trainedTrainer(backbone: BackboneName): Trainer {
  const config = tinyConfig(backbone);
  const trainer = createTrainer(config, 3, { stepsPerEpoch: 1 });
  const images = tf.randomUniform([4, 32, 32, 3], 0, 255, 'float32', 1) as tf.Tensor4D;
  const result = trainer.trainStep(images, [0, 1, 2, 0], 0);
  tf.dispose([images, result.loss, result.correct]);
  return trainer;
}

function metadataFor(trainer: Trainer) {
  const run = sampleRun({ config: trainer.config });
  return buildModelMetadata({
    run,
    evaluation: undefined,
    appVersion: '0.0.1',
    cropSize: 128,
    template: FACE_TEMPLATE,
  });
}

describe.each<BackboneName>(['mobilefacenet', 'resnet18'])('%s export files', (backbone) => {
  it('the TF.js zip holds model.json naming its weights, the weights and metadata.json, and loads back', async () => {
    const trainer = trainedTrainer(backbone);
    const metadata = metadataFor(trainer);
    const files = unzipSync(await tfjsModelZip(trainer.model, metadata));
    expect(Object.keys(files).sort()).toEqual(
      [METADATA_FILE_NAME, MODEL_JSON_NAME, WEIGHTS_FILE_NAME].sort(),
    );
    const modelJson = JSON.parse(
      new TextDecoder().decode(files[MODEL_JSON_NAME]),
    ) as tf.io.ModelJSON;
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.weightsManifest[0]?.paths).toEqual([WEIGHTS_FILE_NAME]);
    const weights = files[WEIGHTS_FILE_NAME] as Uint8Array;
    const declared = modelJson.weightsManifest[0]?.weights.reduce(
      (n, w) => n + w.shape.reduce((a, b) => a * b, 1) * 4,
      0,
    );
    expect(weights.length).toBe(declared);
    expect(JSON.parse(new TextDecoder().decode(files[METADATA_FILE_NAME]))).toEqual(metadata);

    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0]?.weights,
        weightData: weights.slice().buffer,
      }),
    );
    const input = tf.randomUniform([3, 32, 32, 3], -1, 1, 'float32', 2);
    const expected = trainer.model.predict(input) as tf.Tensor;
    const actual = loaded.predict(input) as tf.Tensor;
    const difference = tf.max(tf.abs(tf.sub(expected, actual))).dataSync()[0] ?? Infinity;
    expect(actual.shape).toEqual([3, trainer.config.embeddingDim]);
    expect(difference).toBeLessThan(1e-5);
    tf.dispose([input, expected, actual]);
    loaded.dispose();
    trainer.dispose();
  });

  it('the ONNX file runs in onnxruntime-web and carries the metadata', async () => {
    const trainer = trainedTrainer(backbone);
    const bytes = await onnxModelFile(trainer.model, metadataFor(trainer));
    const session = await ort.InferenceSession.create(bytes);
    const input = new ort.Tensor(
      'float32',
      new Float32Array(2 * 32 * 32 * 3).fill(0.25),
      [2, 32, 32, 3],
    );
    const result = await session.run({ input });
    expect(result.embedding?.dims).toEqual([2, trainer.config.embeddingDim]);
    await session.release();
    expect(new TextDecoder().decode(bytes)).toContain('face_studio_metadata');
    trainer.dispose();
  });
});
