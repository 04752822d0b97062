// Owns reading what an ONNX file says about itself without running it: its graph's inputs and
// outputs (name and shape; initialisers listed as inputs by older exporters left out) and its
// metadata_props (where the studio and its PyTorch trainer keep metadata.json). A file that is
// not an ONNX ModelProto is refused with the reason. Pure: reads protobuf wire format.

import { AppError } from '../lib/errors';
import {
  decodeProto,
  protoInt,
  protoMessage,
  protoString,
  type ProtoValue,
} from '../ml/export/protobuf-reader';

/** A tensor the model takes or gives; a dimension without a fixed size is null. */
export interface TensorInfo {
  name: string;
  shape: (number | null)[];
}

export interface OnnxModelInfo {
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  metadata: Record<string, string>;
}

// Field numbers of onnx.proto3.
const MODEL = { graph: 7, metadataProps: 14 } as const;
const GRAPH = { initializer: 5, input: 11, output: 12 } as const;
const TENSOR = { name: 8, dataLocation: 14 } as const;
/** TensorProto.DataLocation.EXTERNAL: the values live in another file beside the model. */
const EXTERNAL = 1n;
const ENTRY = { key: 1, value: 2 } as const;
const VALUE_INFO = { name: 1, type: 2 } as const;
const TYPE_TENSOR = 1;
const TENSOR_TYPE_SHAPE = 2;
const SHAPE_DIM = 1;
const DIM = { value: 1, param: 2 } as const;

const notOnnx = (detail: string) =>
  new AppError(
    'not-a-model',
    `This file is not an ONNX model (${detail}). Choose a .onnx file exported by a training framework, or a TF.js model (model.json with its weight files, or the studio's TF.js zip).`,
  );

function shapeOf(type: ProtoValue | undefined): (number | null)[] {
  if (type === undefined) return [];
  const tensor = protoMessage(type).get(TYPE_TENSOR)?.[0];
  if (tensor === undefined) return [];
  const shape = protoMessage(tensor).get(TENSOR_TYPE_SHAPE)?.[0];
  if (shape === undefined) return [];
  return (protoMessage(shape).get(SHAPE_DIM) ?? []).map((dim) => {
    const value = protoMessage(dim).get(DIM.value)?.[0];
    return value === undefined ? null : protoInt(value);
  });
}

function tensorInfo(value: ProtoValue): TensorInfo {
  const fields = protoMessage(value);
  return {
    name: protoString(fields.get(VALUE_INFO.name)?.[0] ?? new Uint8Array()),
    shape: shapeOf(fields.get(VALUE_INFO.type)?.[0]),
  };
}

export function readOnnxModelInfo(bytes: Uint8Array): OnnxModelInfo {
  let model: Map<number, ProtoValue[]>;
  let graph: Map<number, ProtoValue[]>;
  try {
    model = decodeProto(bytes);
    const graphField = model.get(MODEL.graph)?.[0];
    if (graphField === undefined) throw notOnnx('it has no graph');
    graph = protoMessage(graphField);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw notOnnx('its bytes are not an ONNX protobuf');
  }
  try {
    const tensors = (graph.get(GRAPH.initializer) ?? []).map((tensor) => protoMessage(tensor));
    if (tensors.some((tensor) => tensor.get(TENSOR.dataLocation)?.[0] === EXTERNAL)) {
      throw new AppError(
        'model-unsupported',
        'This ONNX model keeps its weights in a separate file (external data), which a browser cannot open beside it. Save it as one file (in Python: onnx.save(onnx.load("model.onnx"), "one-file.onnx", save_as_external_data=False); models up to 2 GB fit) and choose that.',
      );
    }
    const initialisers = new Set(
      tensors.map((tensor) => protoString(tensor.get(TENSOR.name)?.[0] ?? new Uint8Array())),
    );
    const metadata: Record<string, string> = {};
    for (const entry of model.get(MODEL.metadataProps) ?? []) {
      const fields = protoMessage(entry);
      metadata[protoString(fields.get(ENTRY.key)?.[0] ?? new Uint8Array())] = protoString(
        fields.get(ENTRY.value)?.[0] ?? new Uint8Array(),
      );
    }
    return {
      inputs: (graph.get(GRAPH.input) ?? [])
        .map(tensorInfo)
        .filter((input) => !initialisers.has(input.name)),
      outputs: (graph.get(GRAPH.output) ?? []).map(tensorInfo),
      metadata,
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw notOnnx('its graph could not be read');
  }
}
