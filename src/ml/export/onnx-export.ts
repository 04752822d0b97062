// Owns the ONNX export of a trained embedding network, written in the browser from the
// tf.LayersModel's layers and weights (no server, no Python): ONNX IR 8, opset 13.
//
// Contract of the exported graph:
//   input      "input", float32 [batch, S, S, 3], NHWC, RGB scaled to [-1, 1] (pixel / 127.5 - 1),
//              exactly the tensor the TF.js model takes; the graph transposes it to NCHW itself.
//   output     "embedding", float32 [batch, D], the raw embedding the TF.js model outputs, not
//              L2-normalised (normalise before comparing with cosine similarity).
//   batch      a symbolic dimension named "batch"; S, 3 and D are fixed numbers.
import type * as tf from '@tensorflow/tfjs';
import { MlError } from '../ml-error';
import type { ValueRef } from './converter-context';
import { orderLayerCalls } from './layer-calls';
import { readWeights } from './layer-access';
import { LAYER_CONVERTERS } from './layer-converters';
import { OnnxGraphBuilder } from './onnx-graph-builder';
import { encodeOnnxModel, type OnnxModel } from './onnx-proto';

export const ONNX_INPUT_NAME = 'input';
export const ONNX_OUTPUT_NAME = 'embedding';
export const ONNX_BATCH_DIM = 'batch';
export const ONNX_OPSET = 13;
export const ONNX_IR_VERSION = 8;

export interface OnnxExportMeta {
  /** Human-readable description stored as the model's doc_string. */
  docString?: string;
  producerVersion?: string;
  /** Key-value pairs stored as metadata_props (e.g. backbone, input size, threshold). */
  metadata?: Readonly<Record<string, string>>;
}

function fail(message: string): MlError {
  return new MlError('invalid-argument', `ONNX export: ${message}`);
}

/** [batch, H, W, C] with fixed H, W, C: the only input the exporter takes. */
function imageInputShape(model: tf.LayersModel): [number, number, number] {
  const [input, ...more] = model.inputs;
  if (input === undefined || more.length > 0) throw fail('the model must have exactly one input');
  const [, height, width, channels, ...rest] = input.shape;
  if (
    typeof height !== 'number' ||
    typeof width !== 'number' ||
    typeof channels !== 'number' ||
    rest.length > 0
  ) {
    throw fail(`the input must be [batch, H, W, C] with fixed H, W, C, not [${input.shape}]`);
  }
  return [height, width, channels];
}

function embeddingSize(model: tf.LayersModel): number {
  const [output, ...more] = model.outputs;
  const [, size, ...rest] = output?.shape ?? [];
  if (more.length > 0 || typeof size !== 'number' || rest.length > 0) {
    throw fail(`the model must have one output [batch, D], not [${output?.shape}]`);
  }
  return size;
}

/** The ONNX model as plain data (nodes, initializers, inputs, outputs), before encoding. */
export async function buildOnnxModel(
  model: tf.LayersModel,
  meta: OnnxExportMeta = {},
): Promise<OnnxModel> {
  const [height, width, channels] = imageInputShape(model);
  const embeddingDim = embeddingSize(model);
  const graph = new OnnxGraphBuilder();
  const values = new Map<tf.SymbolicTensor, ValueRef>();
  const modelOutput = model.outputs[0];
  graph.reserve(ONNX_INPUT_NAME);
  graph.reserve(ONNX_OUTPUT_NAME);
  const weights = await readWeights(model);

  for (const call of orderLayerCalls(model)) {
    const { layer } = call;
    const [tensor, ...extra] = call.outputs;
    if (tensor === undefined || extra.length > 0) {
      throw fail(`layer "${layer.name}" has ${call.outputs.length} outputs; one is supported`);
    }
    const output = tensor === modelOutput ? ONNX_OUTPUT_NAME : graph.uniqueName(layer.name);
    if (layer.getClassName() === 'InputLayer') {
      // [batch, H, W, C] → [batch, C, H, W]: every spatial ONNX operator is channels-first.
      graph.node('Transpose', [ONNX_INPUT_NAME], output, {
        perm: { type: 'ints', value: [0, 3, 1, 2] },
      });
    } else {
      const convert = LAYER_CONVERTERS[layer.getClassName()];
      if (convert === undefined) {
        throw fail(
          `layer class ${layer.getClassName()} (layer "${layer.name}") is not supported; ` +
            `supported: InputLayer, ${Object.keys(LAYER_CONVERTERS).join(', ')}`,
        );
      }
      const inputs = call.inputs.map((input) => {
        const value = values.get(input);
        if (value === undefined) throw fail(`the input of layer "${layer.name}" was not converted`);
        return value;
      });
      convert({ graph, layer, inputs, output, weights });
    }
    values.set(tensor, { name: output, tfShape: tensor.shape });
  }

  return {
    irVersion: ONNX_IR_VERSION,
    opsetVersion: ONNX_OPSET,
    producerName: 'Face Studio',
    ...(meta.producerVersion !== undefined && { producerVersion: meta.producerVersion }),
    docString:
      meta.docString ??
      `Face embedding network "${model.name}": input "${ONNX_INPUT_NAME}" [batch, ${height}, ` +
        `${width}, ${channels}] NHWC float32 in [-1, 1]; output "${ONNX_OUTPUT_NAME}" ` +
        `[batch, ${embeddingDim}], not L2-normalised.`,
    ...(meta.metadata !== undefined && { metadata: meta.metadata }),
    graph: {
      name: model.name,
      nodes: graph.nodes,
      initializers: graph.initializers,
      inputs: [{ name: ONNX_INPUT_NAME, shape: [ONNX_BATCH_DIM, height, width, channels] }],
      outputs: [{ name: ONNX_OUTPUT_NAME, shape: [ONNX_BATCH_DIM, embeddingDim] }],
    },
  };
}

/** The bytes of a `.onnx` file computing the same embedding as `model` (see the contract above). */
export async function exportOnnx(
  model: tf.LayersModel,
  meta: OnnxExportMeta = {},
): Promise<Uint8Array> {
  return encodeOnnxModel(await buildOnnxModel(model, meta));
}
