// Owns the converters of the spatial layers (Conv2D, DepthwiseConv2D, MaxPooling2D,
// AveragePooling2D, ZeroPadding2D, GlobalAveragePooling2D): NHWC kernels to ONNX's NCHW ones,
// and TF's padding as explicit pads.
import type * as tf from '@tensorflow/tfjs';
import type { OnnxAttributes } from './onnx-graph-builder';
import { configPair, configString, findWeight, requireWeight } from './layer-access';
import {
  singleInput,
  spatialSize,
  unsupported,
  withActivation,
  type ConvertContext,
} from './converter-context';

/**
 * ONNX pads [top, left, bottom, right] reproducing TF's padding. 'same' pads so that the output
 * is ceil(in / stride), the odd pixel going to the bottom/right: with stride 2 on an even input
 * that is all of it (e.g. 0 before, 1 after for a 3×3 kernel), which ONNX's auto_pad SAME_UPPER
 * would match too, but explicit pads say exactly what TF did.
 */
export function tfPads(
  layer: tf.layers.Layer,
  inputSize: [number, number],
  kernel: [number, number],
  strides: [number, number],
  dilations: [number, number] = [1, 1],
): number[] {
  const padding = configString(layer, 'padding');
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding !== 'same') throw unsupported(layer, `padding "${padding}"`);
  const before: number[] = [];
  const after: number[] = [];
  for (let axis = 0; axis < 2; axis++) {
    const size = inputSize[axis] as number;
    const stride = strides[axis] as number;
    const extent = ((kernel[axis] as number) - 1) * (dilations[axis] as number) + 1;
    const outputSize = Math.ceil(size / stride);
    const total = Math.max((outputSize - 1) * stride + extent - size, 0);
    before.push(Math.floor(total / 2));
    after.push(total - Math.floor(total / 2));
  }
  return [...before, ...after];
}

function requireChannelsLast(layer: tf.layers.Layer): void {
  const dataFormat = configString(layer, 'dataFormat', 'channelsLast');
  if (dataFormat !== 'channelsLast') throw unsupported(layer, `dataFormat "${dataFormat}"`);
}

/** Conv2D: kernel [kh, kw, in, out] → ONNX weight [out, in, kh, kw]; optional bias [out]. */
export function convertConv2d(context: ConvertContext): void {
  emitConv(context, 'kernel', [3, 2, 0, 1], false);
}

/**
 * DepthwiseConv2D: kernel [kh, kw, in, multiplier] → [in, multiplier, kh, kw], i.e. the ONNX
 * weight [in·multiplier, 1, kh, kw] of a grouped convolution with one group per input channel;
 * TF orders the outputs channel-major (c·multiplier + m), as ONNX's groups do.
 */
export function convertDepthwiseConv2d(context: ConvertContext): void {
  emitConv(context, 'depthwise_kernel', [2, 3, 0, 1], true);
}

function emitConv(
  context: ConvertContext,
  kernelName: string,
  perm: readonly number[],
  depthwise: boolean,
): void {
  const { graph, layer } = context;
  const input = singleInput(context, [4]);
  requireChannelsLast(layer);
  const kernelSize = configPair(layer, 'kernelSize');
  const strides = configPair(layer, 'strides');
  const dilations = configPair(layer, 'dilationRate');
  const pads = tfPads(layer, spatialSize(layer, input.tfShape), kernelSize, strides, dilations);

  const kernel = requireWeight(context, kernelName, perm);
  const [a = 0, b = 0, kh = 0, kw = 0] = kernel.shape;
  // Depthwise: [in, multiplier, kh, kw] folds to [in·multiplier, 1, kh, kw], one group per input.
  const dims = depthwise ? [a * b, 1, kh, kw] : [a, b, kh, kw];
  const group = depthwise ? a : 1;
  const inputs = [
    input.name,
    graph.floatTensor(`${layer.name}/${kernelName}`, dims, kernel.values),
  ];
  const bias = findWeight(context, 'bias');
  if (bias !== undefined) {
    inputs.push(graph.floatTensor(`${layer.name}/bias`, bias.shape, bias.values));
  }
  withActivation(context, configString(layer, 'activation', 'linear'), (output) => {
    graph.node('Conv', inputs, output, {
      kernel_shape: { type: 'ints', value: kernelSize },
      strides: { type: 'ints', value: strides },
      dilations: { type: 'ints', value: dilations },
      pads: { type: 'ints', value: pads },
      group: { type: 'int', value: group },
    });
  });
}

/** A pooling node with TF's pool size, strides and padding as ONNX attributes. */
function emitPool(
  context: ConvertContext,
  op: 'MaxPool' | 'AveragePool',
  extra: OnnxAttributes = {},
): void {
  const { graph, layer } = context;
  const input = singleInput(context, [4]);
  requireChannelsLast(layer);
  const poolSize = configPair(layer, 'poolSize');
  const strides = configPair(layer, 'strides');
  graph.node(op, [input.name], context.output, {
    kernel_shape: { type: 'ints', value: poolSize },
    strides: { type: 'ints', value: strides },
    pads: {
      type: 'ints',
      value: tfPads(layer, spatialSize(layer, input.tfShape), poolSize, strides),
    },
    ...extra,
  });
}

/** MaxPooling2D: padded positions never win, in TF's 'same' and in ONNX's explicit pads alike. */
export function convertMaxPooling2d(context: ConvertContext): void {
  emitPool(context, 'MaxPool');
}

/**
 * AveragePooling2D: TF's 'same' averages over the real pixels only, which ONNX's
 * count_include_pad 0 (its default) does too.
 */
export function convertAveragePooling2d(context: ConvertContext): void {
  emitPool(context, 'AveragePool', { count_include_pad: { type: 'int', value: 0 } });
}

/** ZeroPadding2D [[top, bottom], [left, right]] → Pad with NCHW pads [0, 0, t, l, 0, 0, b, r]. */
export function convertZeroPadding2d(context: ConvertContext): void {
  const { graph, layer } = context;
  const input = singleInput(context, [4]);
  requireChannelsLast(layer);
  const padding = (layer.getConfig() as { padding?: unknown }).padding;
  const flat = Array.isArray(padding) ? padding.flat() : [];
  if (flat.length !== 4 || !flat.every((v) => Number.isInteger(v) && (v as number) >= 0)) {
    throw unsupported(layer, `padding ${JSON.stringify(padding)}`);
  }
  const [top = 0, bottom = 0, left = 0, right = 0] = flat as number[];
  const pads = graph.int64Tensor(`${layer.name}/pads`, [0, 0, top, left, 0, 0, bottom, right]);
  graph.node('Pad', [input.name, pads], context.output, {
    mode: { type: 'string', value: 'constant' },
  });
}

/** GlobalAveragePooling2D: [batch, C, H, W] → [batch, C, 1, 1] → [batch, C]. */
export function convertGlobalAveragePooling2d(context: ConvertContext): void {
  const { graph, layer } = context;
  const input = singleInput(context, [4]);
  requireChannelsLast(layer);
  const pooled = graph.node(
    'GlobalAveragePool',
    [input.name],
    graph.uniqueName(`${layer.name}/pooled`),
  );
  graph.node('Flatten', [pooled], context.output, { axis: { type: 'int', value: 1 } });
}
