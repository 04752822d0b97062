// Owns what every layer converter shares: the value it reads (name and TF shape), the context it
// writes through, the unsupported-feature error, and the emission of Keras activations.
import type * as tf from '@tensorflow/tfjs';
import { MlError } from '../ml-error';
import type { WeightSnapshot } from './layer-access';
import type { OnnxGraphBuilder } from './onnx-graph-builder';

/**
 * An ONNX value and the shape its TF.js tensor has. Rank-4 values are NCHW in the ONNX graph
 * while `tfShape` stays NHWC as in TF.js; rank-2 values have the same layout in both.
 */
export interface ValueRef {
  name: string;
  tfShape: readonly (number | null)[];
}

export interface ConvertContext {
  graph: OnnxGraphBuilder;
  layer: tf.layers.Layer;
  inputs: readonly ValueRef[];
  /** The value name the converter's last node must write (fixed for the graph's output). */
  output: string;
  /** The model's weights, read before the conversion. */
  weights: WeightSnapshot;
}

export type LayerConverter = (context: ConvertContext) => void;

export function unsupported(layer: tf.layers.Layer, what: string): MlError {
  return new MlError(
    'invalid-argument',
    `ONNX export does not support ${what} (${layer.getClassName()} layer "${layer.name}")`,
  );
}

/** The single input of a one-input layer, checked to have the expected rank. */
export function singleInput(context: ConvertContext, ranks: readonly number[]): ValueRef {
  const [input] = context.inputs;
  if (context.inputs.length !== 1 || input === undefined) {
    throw unsupported(context.layer, `${context.inputs.length} inputs`);
  }
  if (!ranks.includes(input.tfShape.length)) {
    throw unsupported(context.layer, `an input of rank ${input.tfShape.length}`);
  }
  return input;
}

/** Height and width of a rank-4 NHWC shape, which 'same' padding needs to be fixed numbers. */
export function spatialSize(
  layer: tf.layers.Layer,
  tfShape: ValueRef['tfShape'],
): [number, number] {
  const [, height, width] = tfShape;
  if (typeof height !== 'number' || typeof width !== 'number') {
    throw unsupported(layer, 'an input without a fixed height and width');
  }
  return [height, width];
}

/** Writes min(max(input, low), high) to `output`; from opset 11 Clip's bounds are inputs. */
export function emitClip(
  context: ConvertContext,
  input: string,
  output: string,
  low: number,
  high: number,
): void {
  const { graph, layer } = context;
  const bound = (name: string, value: number) =>
    graph.floatTensor(`${layer.name}/${name}`, [], Float32Array.of(value));
  graph.node('Clip', [input, bound('min', low), bound('max', high)], output);
}

/** Writes a Keras activation of `input` to `output` ('linear' becomes an Identity). */
export function emitActivation(
  context: ConvertContext,
  activation: string,
  input: string,
  output: string,
): void {
  const { graph, layer } = context;
  switch (activation) {
    case 'linear':
      graph.node('Identity', [input], output);
      return;
    case 'relu':
      graph.node('Relu', [input], output);
      return;
    case 'relu6':
      emitClip(context, input, output, 0, 6);
      return;
    case 'sigmoid':
      graph.node('Sigmoid', [input], output);
      return;
    case 'tanh':
      graph.node('Tanh', [input], output);
      return;
    default:
      throw unsupported(layer, `the activation "${activation}"`);
  }
}

/**
 * Runs `main` so that it writes to the layer's output when there is no activation, or to a
 * fresh value that the activation then reads.
 */
export function withActivation(
  context: ConvertContext,
  activation: string,
  main: (output: string) => void,
): void {
  if (activation === 'linear') {
    main(context.output);
    return;
  }
  const raw = context.graph.uniqueName(`${context.layer.name}/preactivation`);
  main(raw);
  emitActivation(context, activation, raw, context.output);
}
