// Owns the converters of the non-spatial layers (BatchNormalization, ReLU, PReLU, Activation,
// Add, Flatten, Dense) and the table from a TF.js layer class name to its converter.
import {
  configNumber,
  configNumbers,
  configString,
  findWeight,
  requireWeight,
} from './layer-access';
import {
  emitActivation,
  emitClip,
  singleInput,
  unsupported,
  withActivation,
  type ConvertContext,
  type LayerConverter,
} from './converter-context';
import {
  convertAveragePooling2d,
  convertConv2d,
  convertDepthwiseConv2d,
  convertGlobalAveragePooling2d,
  convertMaxPooling2d,
  convertZeroPadding2d,
} from './conv-converters';

/** Inference-form BatchNorm over the channel axis: NCHW's axis 1, or the features of [batch, C]. */
function convertBatchNormalization(context: ConvertContext): void {
  const { graph, layer } = context;
  const input = singleInput(context, [2, 4]);
  const rank = input.tfShape.length;
  const axis = configNumbers(layer, 'axis');
  if (axis.length !== 1 || ((axis[0] ?? 0) + rank) % rank !== rank - 1) {
    throw unsupported(layer, `normalisation over axis ${axis.join(', ')} (only the channel axis)`);
  }
  const mean = requireWeight(context, 'moving_mean');
  const variance = requireWeight(context, 'moving_variance');
  const channels = mean.values.length;
  const gamma = findWeight(context, 'gamma')?.values ?? new Float32Array(channels).fill(1);
  const beta = findWeight(context, 'beta')?.values ?? new Float32Array(channels);
  const constant = (name: string, values: Float32Array) =>
    graph.floatTensor(`${layer.name}/${name}`, [channels], values);
  graph.node(
    'BatchNormalization',
    [
      input.name,
      constant('gamma', gamma),
      constant('beta', beta),
      constant('moving_mean', mean.values),
      constant('moving_variance', variance.values),
    ],
    context.output,
    { epsilon: { type: 'float', value: configNumber(layer, 'epsilon') } },
  );
}

function convertReLU(context: ConvertContext): void {
  const input = singleInput(context, [2, 4]);
  const maxValue = (context.layer.getConfig() as { maxValue?: unknown }).maxValue;
  if (maxValue === undefined || maxValue === null) {
    context.graph.node('Relu', [input.name], context.output);
  } else if (typeof maxValue === 'number') {
    emitClip(context, input.name, context.output, 0, maxValue);
  } else {
    throw unsupported(context.layer, `maxValue ${String(maxValue)}`);
  }
}

/**
 * PReLU: TF's alpha has the input's shape without the batch, with shared axes of size 1
 * ([1, 1, C] for sharedAxes [1, 2]); in NCHW it becomes [C, 1, 1], which ONNX broadcasts.
 */
function convertPReLU(context: ConvertContext): void {
  const { graph, layer } = context;
  const input = singleInput(context, [2, 4]);
  const alpha = requireWeight(context, 'alpha', input.tfShape.length === 4 ? [2, 0, 1] : undefined);
  const slope = graph.floatTensor(`${layer.name}/alpha`, alpha.shape, alpha.values);
  graph.node('PRelu', [input.name, slope], context.output);
}

function convertActivation(context: ConvertContext): void {
  const input = singleInput(context, [2, 4]);
  emitActivation(context, configString(context.layer, 'activation'), input.name, context.output);
}

function convertAdd(context: ConvertContext): void {
  const names = context.inputs.map((input) => input.name);
  if (names.length < 2) throw unsupported(context.layer, `${names.length} inputs`);
  context.graph.node(names.length === 2 ? 'Add' : 'Sum', names, context.output);
}

/**
 * Flatten: TF flattens NHWC in (h, w, c) order, so an NCHW value goes back to NHWC first unless
 * its height and width are 1 (after a global depthwise convolution), where both orders agree.
 */
function convertFlatten(context: ConvertContext): void {
  const { graph, layer } = context;
  const input = singleInput(context, [2, 4]);
  let source = input.name;
  const [, height, width] = input.tfShape;
  if (input.tfShape.length === 4 && !(height === 1 && width === 1)) {
    source = graph.node('Transpose', [source], graph.uniqueName(`${layer.name}/nhwc`), {
      perm: { type: 'ints', value: [0, 2, 3, 1] },
    });
  }
  // Shape [0, -1]: keep the batch dimension, put everything else in the second.
  graph.node(
    'Reshape',
    [source, graph.int64Tensor(`${layer.name}/shape`, [0, -1])],
    context.output,
  );
}

/** Dense on [batch, in]: Gemm(x, kernel [in, units], bias [units]). */
function convertDense(context: ConvertContext): void {
  const { graph, layer } = context;
  const input = singleInput(context, [2]);
  const kernel = requireWeight(context, 'kernel');
  const inputs = [
    input.name,
    graph.floatTensor(`${layer.name}/kernel`, kernel.shape, kernel.values),
  ];
  const bias = findWeight(context, 'bias');
  if (bias !== undefined) {
    inputs.push(graph.floatTensor(`${layer.name}/bias`, bias.shape, bias.values));
  }
  withActivation(context, configString(layer, 'activation', 'linear'), (output) => {
    graph.node('Gemm', inputs, output);
  });
}

/** Every layer class the exporter understands, besides InputLayer (the graph's input). */
export const LAYER_CONVERTERS: Readonly<Record<string, LayerConverter>> = {
  Conv2D: convertConv2d,
  DepthwiseConv2D: convertDepthwiseConv2d,
  MaxPooling2D: convertMaxPooling2d,
  AveragePooling2D: convertAveragePooling2d,
  ZeroPadding2D: convertZeroPadding2d,
  GlobalAveragePooling2D: convertGlobalAveragePooling2d,
  BatchNormalization: convertBatchNormalization,
  ReLU: convertReLU,
  PReLU: convertPReLU,
  Activation: convertActivation,
  Add: convertAdd,
  Flatten: convertFlatten,
  Dense: convertDense,
};
