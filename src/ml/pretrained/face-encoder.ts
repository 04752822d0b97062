// Owns the pretrained 128-d face encoder: face-api.js's FaceRecognitionNet (a port of dlib's
// ResNet-34-style face descriptor) rebuilt from plain tf ops over tf.Variables, so that it runs
// frozen as a feature extractor or is fine-tuned as a whole.
import * as tf from '@tensorflow/tfjs';
import { PRETRAINED_INPUT_SIZE } from '../config';
import { MlError } from '../ml-error';

/**
 * What the encoder expects: 150×150 RGB (not BGR) floats in 0..255, a face aligned and cropped as
 * dlib's / face-api's 150-px chips are. apply() itself computes (x − meanRgb) / divisor, as
 * face-api does (dlib's own input layer divides by 256, face-api by 255; we match face-api, whose
 * descriptors and 0.6 threshold users know).
 */
export const FACE_ENCODER_INPUT = {
  size: PRETRAINED_INPUT_SIZE,
  channels: 'rgb',
  valueRange: [0, 255],
  meanRgb: [122.782, 117.001, 104.298],
  divisor: 255,
} as const;

export const FACE_ENCODER_EMBEDDING_DIM = 128;

export interface FaceEncoderOptions {
  /** False freezes every variable (feature extraction); true lets optimisers update them all. */
  trainable: boolean;
}

export interface FaceEncoder {
  readonly inputSize: number;
  readonly embeddingDim: number;
  /** Every parameter, in face-api's manifest order. */
  readonly variables: tf.Variable[];
  /** The same variables by face-api weight name (e.g. `conv64_1/conv2/scale/weights`). */
  readonly variableMap: Readonly<Record<string, tf.Variable>>;
  /**
   * [batch, 150, 150, 3] RGB 0..255 → [batch, 128], the raw descriptor exactly as face-api's
   * computeFaceDescriptor returns it: NOT L2-normalised (dlib trained it with a metric loss on
   * euclidean distance, threshold 0.6; on LFW faces the norms are ~1.35–1.45).
   */
  apply(x: tf.Tensor4D): tf.Tensor2D;
  dispose(): void;
}

interface ConvLayer {
  filters: tf.Variable; // [k, k, in, out]
  bias: tf.Variable; // [out]
  scaleWeights: tf.Variable; // [out]
  scaleBiases: tf.Variable; // [out]
}

interface ResidualBlock {
  /** Down blocks halve the resolution (stride-2 valid conv) and average-pool the shortcut. */
  down: boolean;
  conv1: ConvLayer;
  conv2: ConvLayer;
}

/**
 * dlib's body: 3 residual blocks at 32 channels, 4 at 64, 3 at 128 and 4 at 256; the first block
 * at 64, 128 and 256 and the very last one are down blocks.
 */
export const FACE_ENCODER_BLOCKS: readonly (readonly [name: string, down: boolean])[] = [
  ['conv32_1', false],
  ['conv32_2', false],
  ['conv32_3', false],
  ['conv64_down', true],
  ['conv64_1', false],
  ['conv64_2', false],
  ['conv64_3', false],
  ['conv128_down', true],
  ['conv128_1', false],
  ['conv128_2', false],
  ['conv256_down', true],
  ['conv256_1', false],
  ['conv256_2', false],
  ['conv256_down_out', true],
];

function applyConvLayer(
  x: tf.Tensor4D,
  layer: ConvLayer,
  strides: 1 | 2,
  padding: 'same' | 'valid',
  withRelu: boolean,
): tf.Tensor4D {
  // conv + bias, then dlib's affine "scale" layer (its frozen BatchNorm), in face-api's op order so
  // that float rounding matches it too.
  const conv = tf.add(tf.conv2d(x, layer.filters as tf.Tensor4D, strides, padding), layer.bias);
  const scaled = tf.add(tf.mul(conv, layer.scaleWeights), layer.scaleBiases) as tf.Tensor4D;
  return withRelu ? tf.relu(scaled) : scaled;
}

function applyBlock(x: tf.Tensor4D, block: ResidualBlock): tf.Tensor4D {
  if (!block.down) {
    let out = applyConvLayer(x, block.conv1, 1, 'same', true);
    out = applyConvLayer(out, block.conv2, 1, 'same', false);
    return tf.relu(tf.add(out, x));
  }
  let out = applyConvLayer(x, block.conv1, 2, 'valid', true); // [b, ⌊(H-3)/2⌋+1, …, C']
  out = applyConvLayer(out, block.conv2, 1, 'same', false);
  let shortcut = tf.avgPool(x, 2, 2, 'valid'); // [b, ⌊H/2⌋, ⌊W/2⌋, C]
  // dlib's add_prev adds tensors of different shapes by zero-filling the smaller one: at 8→3 and
  // 4→1 the conv path is a pixel short of the pooled one, and the shortcut lacks the new channels.
  const [, ph = 0, pw = 0, pc = 0] = shortcut.shape;
  const [, oh = 0, ow = 0, oc = 0] = out.shape;
  if (ph !== oh || pw !== ow) {
    out = tf.pad(out, [
      [0, 0],
      [0, ph - oh],
      [0, pw - ow],
      [0, 0],
    ]);
  }
  if (pc !== oc) {
    shortcut = tf.pad(shortcut, [
      [0, 0],
      [0, 0],
      [0, 0],
      [0, oc - pc],
    ]);
  }
  return tf.relu(tf.add(shortcut, out));
}

/**
 * Builds the encoder from face-api's weight names (decodeFaceApiWeights). The variables hold
 * their own references to the values; the caller still owns and may dispose `weights`.
 */
export function createFaceEncoder(
  weights: tf.NamedTensorMap,
  options: FaceEncoderOptions,
): FaceEncoder {
  const variables: tf.Variable[] = [];
  const variableMap: Record<string, tf.Variable> = {};

  function take(name: string, rank: number): tf.Variable {
    const value = weights[name];
    if (value === undefined || value.rank !== rank || value.dtype !== 'float32') {
      tf.dispose(variables);
      const found = value ? `rank ${value.rank} ${value.dtype}` : 'missing';
      throw new MlError(
        'invalid-argument',
        `face encoder weight ${name} is ${found}, expected rank ${rank} float32`,
      );
    }
    // No name: tf registers variable names globally, and two encoders may coexist.
    const variable = tf.variable(value, options.trainable);
    variables.push(variable);
    variableMap[name] = variable;
    return variable;
  }

  function convLayer(prefix: string): ConvLayer {
    return {
      filters: take(`${prefix}/conv/filters`, 4),
      bias: take(`${prefix}/conv/bias`, 1),
      scaleWeights: take(`${prefix}/scale/weights`, 1),
      scaleBiases: take(`${prefix}/scale/biases`, 1),
    };
  }

  const stem = convLayer('conv32_down');
  const blocks: ResidualBlock[] = FACE_ENCODER_BLOCKS.map(([name, down]) => ({
    down,
    conv1: convLayer(`${name}/conv1`),
    conv2: convLayer(`${name}/conv2`),
  }));
  const fc = take('fc', 2); // [256, 128]
  let disposed = false;

  function apply(x: tf.Tensor4D): tf.Tensor2D {
    if (disposed) throw new MlError('disposed', 'the face encoder has been disposed');
    const { size } = FACE_ENCODER_INPUT;
    const [, height, width, channels] = x.shape;
    if (height !== size || width !== size || channels !== 3) {
      throw new MlError(
        'invalid-argument',
        `face encoder input must be [batch, ${size}, ${size}, 3], got [${x.shape.join(', ')}]`,
      );
    }
    return tf.tidy(() => {
      const mean = tf.tensor1d([...FACE_ENCODER_INPUT.meanRgb]); // [3]
      const centred = tf.sub(tf.cast(x, 'float32'), mean);
      const input = tf.div(centred, FACE_ENCODER_INPUT.divisor) as tf.Tensor4D; // [b, 150, 150, 3]
      let out = applyConvLayer(input, stem, 2, 'valid', true); // [b, 72, 72, 32]
      out = tf.maxPool(out, 3, 2, 'valid'); // [b, 35, 35, 32]
      // → [b,35,35,32] → conv64_down [b,17,17,64] → conv128_down [b,8,8,128]
      // → conv256_down [b,4,4,256] (conv path zero-padded from 3×3) → conv256_down_out [b,2,2,256]
      for (const block of blocks) out = applyBlock(out, block);
      const pooled = tf.mean(out, [1, 2]) as tf.Tensor2D; // [b, 256]
      return tf.matMul(pooled, fc as tf.Tensor2D); // [b, 128]
    });
  }

  return {
    inputSize: FACE_ENCODER_INPUT.size,
    embeddingDim: FACE_ENCODER_EMBEDDING_DIM,
    variables,
    variableMap,
    apply,
    dispose() {
      if (disposed) return;
      disposed = true;
      tf.dispose(variables);
    },
  };
}
