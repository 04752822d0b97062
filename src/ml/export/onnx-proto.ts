// Owns the subset of onnx.proto the exporter writes (ModelProto, GraphProto, NodeProto,
// AttributeProto, TensorProto, ValueInfoProto) as plain types, and their protobuf encoding.
// Field numbers are those of onnx/onnx.proto (IR version 8).
import { ProtoWriter } from './protobuf-writer';

export type OnnxAttributeValue =
  | { type: 'float'; value: number }
  | { type: 'int'; value: number }
  | { type: 'ints'; value: readonly number[] }
  | { type: 'string'; value: string };

export interface OnnxNode {
  opType: string;
  name: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes?: Readonly<Record<string, OnnxAttributeValue>>;
}

export type OnnxTensor =
  | { name: string; dims: readonly number[]; dataType: 'float32'; data: Float32Array }
  | { name: string; dims: readonly number[]; dataType: 'int64'; data: BigInt64Array };

/** A float32 graph input or output; a string dimension is symbolic (e.g. "batch"). */
export interface OnnxValueInfo {
  name: string;
  shape: readonly (number | string)[];
}

export interface OnnxGraph {
  name: string;
  nodes: readonly OnnxNode[];
  initializers: readonly OnnxTensor[];
  inputs: readonly OnnxValueInfo[];
  outputs: readonly OnnxValueInfo[];
}

export interface OnnxModel {
  irVersion: number;
  opsetVersion: number;
  producerName: string;
  producerVersion?: string;
  docString?: string;
  metadata?: Readonly<Record<string, string>>;
  graph: OnnxGraph;
}

/** TensorProto.DataType values. */
export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;

const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, ints: 7 } as const;

const MODEL = {
  irVersion: 1,
  producerName: 2,
  producerVersion: 3,
  docString: 6,
  graph: 7,
  opsetImport: 8,
  metadataProps: 14,
};
const OPSET_ID = { domain: 1, version: 2 };
const STRING_ENTRY = { key: 1, value: 2 };
const GRAPH = { node: 1, name: 2, initializer: 5, input: 11, output: 12 };
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5 };
const ATTRIBUTE = { name: 1, f: 2, i: 3, s: 4, ints: 8, type: 20 };
const TENSOR = { dims: 1, dataType: 2, name: 8, rawData: 9 };
const VALUE_INFO = { name: 1, type: 2 };
const TYPE_PROTO = { tensorType: 1 };
const TENSOR_TYPE = { elemType: 1, shape: 2 };
const SHAPE = { dim: 1 };
const DIMENSION = { dimValue: 1, dimParam: 2 };

function writeAttribute(w: ProtoWriter, name: string, attribute: OnnxAttributeValue): void {
  w.string(ATTRIBUTE.name, name).int(ATTRIBUTE.type, ATTRIBUTE_TYPE[attribute.type]);
  switch (attribute.type) {
    case 'float':
      w.float(ATTRIBUTE.f, attribute.value);
      break;
    case 'int':
      w.int(ATTRIBUTE.i, attribute.value);
      break;
    case 'ints':
      // Repeated scalars are written unpacked, one tag each: every proto2 reader accepts that.
      for (const value of attribute.value) w.int(ATTRIBUTE.ints, value);
      break;
    case 'string':
      w.string(ATTRIBUTE.s, attribute.value);
      break;
  }
}

function writeNode(w: ProtoWriter, node: OnnxNode): void {
  for (const input of node.inputs) w.string(NODE.input, input);
  for (const output of node.outputs) w.string(NODE.output, output);
  w.string(NODE.name, node.name).string(NODE.opType, node.opType);
  for (const [name, attribute] of Object.entries(node.attributes ?? {})) {
    w.message(NODE.attribute, (a) => writeAttribute(a, name, attribute));
  }
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The data as little-endian bytes (raw_data's byte order): a view where the platform agrees. */
function littleEndianBytes(tensor: OnnxTensor): Uint8Array {
  const { data } = tensor;
  if (LITTLE_ENDIAN) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const bytes = new Uint8Array(data.byteLength);
  const view = new DataView(bytes.buffer);
  if (tensor.dataType === 'float32') {
    tensor.data.forEach((value, i) => view.setFloat32(i * 4, value, true));
  } else {
    tensor.data.forEach((value, i) => view.setBigInt64(i * 8, value, true));
  }
  return bytes;
}

function writeTensor(w: ProtoWriter, tensor: OnnxTensor): void {
  for (const dim of tensor.dims) w.int(TENSOR.dims, dim);
  w.int(TENSOR.dataType, tensor.dataType === 'float32' ? ONNX_FLOAT : ONNX_INT64)
    .string(TENSOR.name, tensor.name)
    .bytes(TENSOR.rawData, littleEndianBytes(tensor));
}

function writeValueInfo(w: ProtoWriter, info: OnnxValueInfo): void {
  w.string(VALUE_INFO.name, info.name).message(VALUE_INFO.type, (type) =>
    type.message(TYPE_PROTO.tensorType, (tensorType) =>
      tensorType.int(TENSOR_TYPE.elemType, ONNX_FLOAT).message(TENSOR_TYPE.shape, (shape) => {
        for (const dim of info.shape) {
          shape.message(SHAPE.dim, (d) =>
            typeof dim === 'string'
              ? d.string(DIMENSION.dimParam, dim)
              : d.int(DIMENSION.dimValue, dim),
          );
        }
      }),
    ),
  );
}

function writeGraph(w: ProtoWriter, graph: OnnxGraph): void {
  for (const node of graph.nodes) w.message(GRAPH.node, (n) => writeNode(n, node));
  w.string(GRAPH.name, graph.name);
  for (const tensor of graph.initializers) {
    w.message(GRAPH.initializer, (t) => writeTensor(t, tensor));
  }
  for (const input of graph.inputs) w.message(GRAPH.input, (v) => writeValueInfo(v, input));
  for (const output of graph.outputs) w.message(GRAPH.output, (v) => writeValueInfo(v, output));
}

/** The serialised ModelProto: the bytes of a `.onnx` file. */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const w = new ProtoWriter();
  w.int(MODEL.irVersion, model.irVersion).string(MODEL.producerName, model.producerName);
  if (model.producerVersion !== undefined) {
    w.string(MODEL.producerVersion, model.producerVersion);
  }
  if (model.docString !== undefined) w.string(MODEL.docString, model.docString);
  w.message(MODEL.graph, (g) => writeGraph(g, model.graph));
  // The default domain "" is the standard ai.onnx operator set.
  w.message(MODEL.opsetImport, (o) =>
    o.string(OPSET_ID.domain, '').int(OPSET_ID.version, model.opsetVersion),
  );
  for (const [key, value] of Object.entries(model.metadata ?? {})) {
    w.message(MODEL.metadataProps, (e) =>
      e.string(STRING_ENTRY.key, key).string(STRING_ENTRY.value, value),
    );
  }
  return w.finish();
}
