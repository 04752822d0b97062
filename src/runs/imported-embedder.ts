// Owns running an imported embedding model on face crops: an ONNX model in onnxruntime-web (its
// session made by the caller, so the worker and Node tests each bring their own runtime) or a
// TF.js model (graph or layers) in TF.js, fed exactly as its spec says (side, value range,
// layout, colour order; the face and its mirror image averaged when asked) and normalised to
// unit length. Also the check a model must pass before it is stored: it must take a batch of
// crops and give one finite embedding per crop.

import * as tf from '@tensorflow/tfjs';
import type * as Ort from 'onnxruntime-web';
import { AppError } from '../lib/errors';
import {
  inputShape,
  modelInput,
  normaliseRows,
  type ImportedModelSpec,
} from '../ml/imported/imported-model-spec';
import type { NamedBytes } from '../transfer/model-file-reader';
import type { TensorInfo } from '../transfer/onnx-model-info';
import type { FaceEmbedder } from './face-embedder';

/** Makes an ONNX session from a model's bytes (onnxruntime-web in the worker, its Node build in tests). */
export type OnnxSessionFactory = (bytes: Uint8Array) => Promise<{
  session: Ort.InferenceSession;
  tensor: (data: Float32Array, dims: readonly number[]) => Ort.Tensor;
}>;

/** A loaded model that maps one input tensor's values to one output's, whatever the runtime. */
interface RawModel {
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  /** The output's values and its dims for `data` shaped `dims`. */
  run(
    data: Float32Array,
    dims: number[],
    spec: ImportedModelSpec,
  ): Promise<{ values: Float32Array; dims: number[] }>;
  dispose(): void;
}

const dimsOf = (shape: readonly (number | string | null | undefined)[] | undefined) =>
  (shape ?? []).map((d) => (typeof d === 'number' && d > 0 ? d : null));

async function onnxModel(bytes: Uint8Array, factory: OnnxSessionFactory): Promise<RawModel> {
  let made: Awaited<ReturnType<OnnxSessionFactory>>;
  try {
    made = await factory(bytes);
  } catch (error) {
    throw new AppError(
      'model-unsupported',
      `onnxruntime-web could not load this model: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const { session, tensor } = made;
  const info = (list: readonly Ort.InferenceSession.ValueMetadata[]): TensorInfo[] =>
    list.map((value) => ({ name: value.name, shape: value.isTensor ? dimsOf(value.shape) : [] }));
  return {
    inputs: info(session.inputMetadata),
    outputs: info(session.outputMetadata),
    async run(data, dims, spec) {
      const fed = tensor(data, dims);
      const result = await session.run({ [spec.inputName]: fed }, [spec.outputName]);
      const output = result[spec.outputName];
      if (!output || output.type !== 'float32') {
        throw new AppError(
          'model-bad-output',
          `The output "${spec.outputName}" is not a float32 tensor.`,
        );
      }
      return { values: output.data as Float32Array, dims: [...output.dims] };
    },
    dispose: () => void session.release(),
  };
}

function tfjsArtifacts(files: readonly NamedBytes[]): tf.io.ModelArtifacts {
  const modelJson = files.find((file) => file.name === 'model.json');
  if (!modelJson) throw new AppError('not-a-model', 'No model.json.');
  const json = JSON.parse(new TextDecoder().decode(modelJson.bytes)) as tf.io.ModelJSON;
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  // The weight files in the order the manifest names them, whatever order they are stored in.
  const byName = new Map(files.map((file) => [file.name, file]));
  const weights = json.weightsManifest.flatMap((group) =>
    group.paths.map((path) => {
      const file = byName.get(path.split('/').pop() ?? path);
      if (!file) throw new AppError('not-a-model', `The weight file ${path} is missing.`);
      return file;
    }),
  );
  const total = weights.reduce((sum, file) => sum + file.bytes.length, 0);
  const weightData = new Uint8Array(total);
  let offset = 0;
  for (const file of weights) {
    weightData.set(file.bytes, offset);
    offset += file.bytes.length;
  }
  return {
    modelTopology: json.modelTopology,
    ...(json.format ? { format: json.format } : {}),
    ...(json.signature ? { signature: json.signature } : {}),
    ...(json.modelInitializer ? { modelInitializer: json.modelInitializer } : {}),
    ...(json.userDefinedMetadata ? { userDefinedMetadata: json.userDefinedMetadata } : {}),
    weightSpecs,
    weightData: weightData.buffer,
  };
}

async function tfjsModel(files: readonly NamedBytes[]): Promise<RawModel> {
  const artifacts = tfjsArtifacts(files);
  const graph = artifacts.format === 'graph-model' || 'node' in (artifacts.modelTopology as object);
  let model: tf.GraphModel | tf.LayersModel;
  try {
    model = graph
      ? await tf.loadGraphModel(tf.io.fromMemory(artifacts))
      : await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (error) {
    throw new AppError(
      'model-unsupported',
      `TF.js could not load this model: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const inputs = model.inputs.map((input) => ({ name: input.name, shape: dimsOf(input.shape) }));
  const outputs = model.outputs.map((output) => ({
    name: output.name,
    shape: dimsOf(output.shape),
  }));
  return {
    inputs,
    outputs,
    async run(data, dims, spec) {
      const input = tf.tensor(data, dims, 'float32');
      let output: tf.Tensor | tf.Tensor[] | undefined;
      try {
        try {
          output =
            model instanceof tf.GraphModel
              ? (model.execute({ [spec.inputName]: input }, spec.outputName) as tf.Tensor)
              : (model.predict(input) as tf.Tensor | tf.Tensor[]);
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error);
          // An op TF.js lacks fails when the graph first runs, not when it loads.
          if (/not (yet )?supported|kernel .* not registered|unknown op/i.test(text)) {
            throw new AppError('model-unsupported', `TF.js cannot run this model: ${text}`);
          }
          throw error;
        }
        const index = outputs.findIndex((o) => o.name === spec.outputName);
        const chosen = Array.isArray(output) ? output[Math.max(0, index)] : output;
        if (!chosen) throw new AppError('model-bad-output', 'The model gave no output.');
        return { values: (await chosen.data()) as Float32Array, dims: chosen.shape };
      } finally {
        input.dispose();
        if (output) tf.dispose(output);
      }
    },
    dispose: () => model.dispose(),
  };
}

/** The model of an import, loaded: what it declares, and how it runs. */
export async function loadRawModel(
  format: ImportedModelSpec['format'],
  files: readonly NamedBytes[],
  onnx: OnnxSessionFactory,
): Promise<RawModel> {
  if (format === 'onnx') {
    const file = files[0];
    if (!file) throw new AppError('not-a-model', 'No .onnx file.');
    return onnxModel(file.bytes, onnx);
  }
  return tfjsModel(files);
}

/** The batch the model's input fixes (often 1), or null when it takes any. */
function fixedBatch(model: RawModel, spec: ImportedModelSpec): number | null {
  const input = model.inputs.find((i) => i.name === spec.inputName) ?? model.inputs[0];
  const first = input?.shape[0];
  return typeof first === 'number' ? first : null;
}

/**
 * `n` crops through the model, padded with blank crops to the batch it fixes; the raw output of
 * the `n` [n·dim] and dim.
 */
async function forwardBatch(
  model: RawModel,
  spec: ImportedModelSpec,
  crops: Uint8Array,
  n: number,
  mirror: boolean,
): Promise<{ values: Float32Array; dim: number }> {
  const fixed = fixedBatch(model, spec);
  if (fixed === null || fixed === n) return forward(model, spec, crops, n, mirror);
  const padded = new Uint8Array(fixed * spec.size * spec.size * 3);
  padded.set(crops.subarray(0, padded.length));
  const out = await forward(model, spec, padded, fixed, mirror);
  return { values: out.values.subarray(0, n * out.dim), dim: out.dim };
}

/** One forward pass of `count` crops; the raw output [count, dim]. */
async function forward(
  model: RawModel,
  spec: ImportedModelSpec,
  rgb: Uint8Array,
  count: number,
  mirror: boolean,
): Promise<{ values: Float32Array; dim: number }> {
  const dims = inputShape(spec, count);
  let out: { values: Float32Array; dims: number[] };
  try {
    out = await model.run(modelInput(rgb, count, spec, mirror), dims, spec);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'model-bad-output',
      `The model did not take a [${dims.join(', ')}] input on "${spec.inputName}": ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const perCrop = out.values.length / count;
  const flat = out.dims.length === 2 || out.dims.slice(2).every((d) => d === 1);
  if (out.dims[0] !== count || !flat || !Number.isInteger(perCrop) || perCrop < 2) {
    throw new AppError(
      'model-bad-output',
      `The output "${spec.outputName}" has shape [${out.dims.join(', ')}] for ${count} faces; an embedding model gives [${count}, dim].`,
    );
  }
  return { values: out.values, dim: perCrop };
}

/** The imported model as an embedder of the studio's crops. */
export function importedEmbedder(
  model: RawModel,
  spec: ImportedModelSpec,
  dim: number,
): FaceEmbedder {
  const limit = fixedBatch(model, spec) ?? 32;
  const frame = spec.size * spec.size * 3;
  return {
    imageSize: spec.size,
    dim,
    async embed(rgb, count) {
      const out = new Float32Array(count * dim);
      for (let start = 0; start < count; start += limit) {
        const n = Math.min(limit, count - start);
        const crops = rgb.subarray(start * frame, (start + n) * frame);
        const { values } = await forwardBatch(model, spec, crops, n, false);
        if (spec.flipAverage) {
          const mirrored = await forwardBatch(model, spec, crops, n, true);
          for (let i = 0; i < values.length; i++)
            values[i] = (values[i] as number) + (mirrored.values[i] as number);
        }
        out.set(values.subarray(0, n * dim), start * dim);
      }
      if (!out.every(Number.isFinite)) {
        throw new AppError(
          'model-bad-output',
          'The model gave embeddings that are not finite numbers (NaN or infinity).',
        );
      }
      return normaliseRows(out, dim);
    },
    dispose: () => model.dispose(),
  };
}

/**
 * The check before a model is stored: two different crops through it must give two finite
 * embeddings of one length, not the same vector. Answers that length.
 */
export async function checkModel(model: RawModel, spec: ImportedModelSpec): Promise<number> {
  if (!model.inputs.some((i) => i.name === spec.inputName)) {
    throw new AppError(
      'model-bad-output',
      `The model has no input "${spec.inputName}"; its inputs: ${model.inputs.map((i) => i.name).join(', ')}.`,
    );
  }
  if (!model.outputs.some((o) => o.name === spec.outputName)) {
    throw new AppError(
      'model-bad-output',
      `The model has no output "${spec.outputName}"; its outputs: ${model.outputs.map((o) => o.name).join(', ')}.`,
    );
  }
  const frame = spec.size * spec.size * 3;
  const crops = new Uint8Array(2 * frame);
  // A dark and a light grey gradient: any embedding network tells them apart.
  for (let i = 0; i < frame; i++) {
    crops[i] = (i * 7) % 128;
    crops[frame + i] = 128 + ((i * 13) % 128);
  }
  const first = await forwardBatch(model, spec, crops.subarray(0, frame), 1, false);
  const embedder = importedEmbedder(model, spec, first.dim);
  const rows = await embedder.embed(crops, 2);
  const same = rows.subarray(0, first.dim).every((v, i) => v === rows[first.dim + i]);
  if (same) {
    throw new AppError(
      'model-bad-output',
      `The output "${spec.outputName}" is the same for two different faces: it is not an embedding of the face.`,
    );
  }
  return first.dim;
}
