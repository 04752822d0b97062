// Owns the files a trained network is exported as: a TF.js Layers model (model.json naming one
// weights file, written through tf.io.withSaveHandler) zipped with metadata.json, and the ONNX
// file with the metadata in its metadata_props. Pure TF.js and fflate: runs in the training
// worker, and under Vitest in Node.

import * as tf from '@tensorflow/tfjs';
import { zipSync } from 'fflate';
import { exportOnnx } from '../ml/export/onnx-export';
import { onnxMetadataProps, type ModelMetadata } from './model-metadata';

export const MODEL_JSON_NAME = 'model.json';
export const WEIGHTS_FILE_NAME = 'weights.bin';
export const METADATA_FILE_NAME = 'metadata.json';

export interface TfjsModelFiles {
  /** model.json: the topology and a manifest naming WEIGHTS_FILE_NAME. */
  modelJson: string;
  weights: Uint8Array;
}

/** The model as TF.js writes it to files: what tf.loadLayersModel('…/model.json') reads back. */
export async function tfjsModelFiles(
  model: tf.LayersModel,
  generatedBy: string,
): Promise<TfjsModelFiles> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler((artifacts) => {
      saved = artifacts;
      return Promise.resolve({
        modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' },
      });
    }),
  );
  if (!saved?.modelTopology || !saved.weightSpecs || !saved.weightData) {
    throw new Error('TF.js saved the model without its topology or weights.');
  }
  const modelJson: tf.io.ModelJSON = {
    modelTopology: saved.modelTopology,
    format: saved.format ?? 'layers-model',
    generatedBy,
    convertedBy: null,
    weightsManifest: [{ paths: [WEIGHTS_FILE_NAME], weights: saved.weightSpecs }],
  };
  return {
    modelJson: JSON.stringify(modelJson),
    weights: new Uint8Array(tf.io.CompositeArrayBuffer.join(saved.weightData)),
  };
}

/** One zip with model.json, weights.bin and metadata.json; weights are stored, not deflated. */
export async function tfjsModelZip(
  model: tf.LayersModel,
  metadata: ModelMetadata,
): Promise<Uint8Array> {
  const files = await tfjsModelFiles(model, `Face Studio ${metadata.appVersion}`);
  const text = (value: string) => new TextEncoder().encode(value);
  const mtime = new Date(metadata.exportedAt);
  return zipSync({
    [MODEL_JSON_NAME]: [text(files.modelJson), { level: 6, mtime }],
    // Float weights barely compress: storing them is as small and much faster.
    [WEIGHTS_FILE_NAME]: [files.weights, { level: 0, mtime }],
    [METADATA_FILE_NAME]: [text(JSON.stringify(metadata, null, 2)), { level: 6, mtime }],
  });
}

export function onnxModelFile(model: tf.LayersModel, metadata: ModelMetadata): Promise<Uint8Array> {
  return exportOnnx(model, {
    docString:
      `Face Studio face embedding network (${metadata.backbone}): input "${metadata.input.name}" ` +
      `[batch, ${metadata.input.size}, ${metadata.input.size}, 3] NHWC float32, ` +
      `${metadata.input.normalisation}; output "${metadata.output.name}" [batch, ` +
      `${metadata.output.dim}]. ${metadata.output.note}`,
    producerVersion: metadata.appVersion,
    metadata: onnxMetadataProps(metadata),
  });
}
