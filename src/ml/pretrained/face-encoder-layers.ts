// Owns the pretrained face encoder as a plain tf.LayersModel, for export: the same network as
// face-encoder.ts (whose tf ops train and run in the studio) made only of standard layers
// (Conv2D, MaxPooling2D, AveragePooling2D, ZeroPadding2D, Add, ReLU, GlobalAveragePooling2D,
// Dense), so that tf.loadLayersModel reloads it with no custom class and the ONNX writer walks it.
//
// Folded, so that each of dlib's conv + "scale" pairs is one Conv2D with a bias:
//   (conv(x, k) + b) · s + t  =  conv(x, k·s) + (b·s + t)
// and the input normalisation (x − mean) / divisor into the first convolution (its padding is
// 'valid', so every output sees only real pixels):
//   conv((x − m) / d, k)  =  conv(x, k / d) − Σ k·m / d
// The channel zero-fill of a down block's shortcut is a fixed 1×1 convolution with an identity
// kernel (x·1 + 0·… is exact in floating point), its spatial zero-fill a ZeroPadding2D.
import * as tf from '@tensorflow/tfjs';
import { MlError } from '../ml-error';
import { FACE_ENCODER_BLOCKS, FACE_ENCODER_INPUT } from './face-encoder';

type Symbolic = tf.SymbolicTensor;
type WeightSource = Readonly<Record<string, tf.Tensor>>;

function weight(source: WeightSource, name: string): tf.Tensor {
  const value = source[name];
  if (value === undefined) {
    throw new MlError('invalid-argument', `face encoder weight ${name} is missing`);
  }
  return value;
}

/** The folded kernel [k, k, in, out] and bias [out] of one conv + scale pair. */
function foldedConv(source: WeightSource, prefix: string, normalise: boolean): tf.Tensor[] {
  return tf.tidy(() => {
    const kernel = weight(source, `${prefix}/conv/filters`); // [k, k, in, out]
    const bias = weight(source, `${prefix}/conv/bias`); // [out]
    const scale = weight(source, `${prefix}/scale/weights`); // [out]
    const shift = weight(source, `${prefix}/scale/biases`); // [out]
    let k = kernel;
    let b = bias;
    if (normalise) {
      const { meanRgb, divisor } = FACE_ENCODER_INPUT;
      const mean = tf.tensor4d([...meanRgb], [1, 1, 3, 1]); // broadcast over [k, k, in, out]
      b = tf.sub(bias, tf.div(tf.sum(tf.mul(kernel, mean), [0, 1, 2]), divisor)); // [out]
      k = tf.div(kernel, divisor);
    }
    return [tf.mul(k, scale), tf.add(tf.mul(b, scale), shift)];
  });
}

/** Applies a layer, sets its weights (then disposes them) and returns its output. */
function withWeights(
  layer: tf.layers.Layer,
  x: Symbolic | Symbolic[],
  weights: tf.Tensor[],
): Symbolic {
  const out = layer.apply(x) as Symbolic;
  layer.setWeights(weights);
  tf.dispose(weights);
  return out;
}

function convLayer(
  x: Symbolic,
  source: WeightSource,
  prefix: string,
  options: { strides: 1 | 2; padding: 'same' | 'valid'; relu: boolean; normalise?: boolean },
): Symbolic {
  const weights = foldedConv(source, prefix, options.normalise ?? false);
  const [kernelSize = 0, , , filters = 0] = (weights[0] as tf.Tensor).shape;
  const layer = tf.layers.conv2d({
    filters,
    kernelSize,
    strides: options.strides,
    padding: options.padding,
    activation: options.relu ? 'relu' : 'linear',
    name: prefix.replaceAll('/', '_'),
  });
  return withWeights(layer, x, weights);
}

/** Zero-fills the channels from `from` up to `to` with a fixed identity 1×1 convolution. */
function widenChannels(x: Symbolic, from: number, to: number, name: string): Symbolic {
  const layer = tf.layers.conv2d({ filters: to, kernelSize: 1, useBias: false, name });
  const identity = tf.tidy(() => tf.eye(from, to).reshape([1, 1, from, to]));
  return withWeights(layer, x, [identity]);
}

/** A symbolic [batch, H, W, C] tensor's fixed H, W, C. */
function spatialShape(x: Symbolic): [number, number, number] {
  const [, height, width, channels] = x.shape;
  if (typeof height !== 'number' || typeof width !== 'number' || typeof channels !== 'number') {
    throw new MlError(
      'invalid-argument',
      `expected a fixed [batch, H, W, C], got [${x.shape.join(', ')}]`,
    );
  }
  return [height, width, channels];
}

function block(x: Symbolic, source: WeightSource, name: string, down: boolean): Symbolic {
  const [height, width, channels] = spatialShape(x);
  let out: Symbolic;
  let shortcut = x;
  if (!down) {
    out = convLayer(x, source, `${name}/conv1`, { strides: 1, padding: 'same', relu: true });
    out = convLayer(out, source, `${name}/conv2`, { strides: 1, padding: 'same', relu: false });
  } else {
    out = convLayer(x, source, `${name}/conv1`, { strides: 2, padding: 'valid', relu: true });
    out = convLayer(out, source, `${name}/conv2`, { strides: 1, padding: 'same', relu: false });
    shortcut = tf.layers
      .averagePooling2d({ poolSize: 2, strides: 2, padding: 'valid', name: `${name}_pool` })
      .apply(x) as Symbolic; // [b, ⌊H/2⌋, ⌊W/2⌋, C]
    const [oh, ow, oc] = spatialShape(out);
    const ph = Math.floor(height / 2);
    const pw = Math.floor(width / 2);
    if (oh !== ph || ow !== pw) {
      const padding: [[number, number], [number, number]] = [
        [0, ph - oh],
        [0, pw - ow],
      ];
      out = tf.layers.zeroPadding2d({ padding, name: `${name}_fill` }).apply(out) as Symbolic;
    }
    if (oc !== channels) shortcut = widenChannels(shortcut, channels, oc, `${name}_widen`);
  }
  const sum = tf.layers.add({ name: `${name}_add` }).apply([out, shortcut]) as Symbolic;
  return tf.layers.reLU({ name: `${name}_relu` }).apply(sum) as Symbolic;
}

/** The encoder's output [batch, 128] on an input [batch, 150, 150, 3] of RGB 0..255. */
export function applyFaceEncoderLayers(input: Symbolic, source: WeightSource): Symbolic {
  let out = convLayer(input, source, 'conv32_down', {
    strides: 2,
    padding: 'valid',
    relu: true,
    normalise: true,
  }); // [b, 72, 72, 32]
  out = tf.layers
    .maxPooling2d({ poolSize: 3, strides: 2, padding: 'valid', name: 'conv32_pool' })
    .apply(out) as Symbolic; // [b, 35, 35, 32]
  for (const [name, down] of FACE_ENCODER_BLOCKS) out = block(out, source, name, down);
  out = tf.layers.globalAveragePooling2d({ name: 'encoder_pool' }).apply(out) as Symbolic; // [b, 256]
  const fc = weight(source, 'fc'); // [256, 128]
  const dense = tf.layers.dense({ units: fc.shape[1] ?? 0, useBias: false, name: 'encoder_fc' });
  return withWeights(dense, out, [tf.clone(fc)]); // [b, 128]
}

/** The encoder alone as a model: [batch, 150, 150, 3] RGB 0..255 → [batch, 128]. */
export function buildFaceEncoderModel(source: WeightSource): tf.LayersModel {
  const { size } = FACE_ENCODER_INPUT;
  const input = tf.input({ shape: [size, size, 3], name: 'input' });
  const output = applyFaceEncoderLayers(input, source);
  return tf.model({ inputs: input, outputs: output, name: 'face_encoder' });
}
