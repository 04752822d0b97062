// Owns the ResNet-18 backbone: torchvision's ResNet-18 body without its classifier (BasicBlocks
// 2-2-2-2), global average pooling, then Linear → embedding and BatchNorm, as the seed design.
import * as tf from '@tensorflow/tfjs';
import { createSeedSequence } from '../seeds';
import {
  add,
  applyLayer,
  batchNorm,
  conv,
  embeddingHead,
  relu,
  scaledChannels,
  type BackboneOptions,
  type Symbolic,
} from './layer-helpers';

const STAGE_CHANNELS = [64, 128, 256, 512] as const;
const BLOCKS_PER_STAGE = 2;

/**
 * conv3×3(stride) → BN → ReLU → conv3×3 → BN, plus the input (through a strided 1×1 conv + BN
 * when the shape changes), then ReLU: torchvision's BasicBlock.
 */
function basicBlock(
  x: Symbolic,
  filters: number,
  strides: number,
  name: string,
  nextSeed: () => number,
): Symbolic {
  const inputChannels = x.shape[3];
  let y = conv(x, { filters, kernelSize: 3, strides, name: `${name}_conv1`, seed: nextSeed() });
  y = relu(batchNorm(y, `${name}_bn1`), `${name}_relu1`);
  y = conv(y, { filters, kernelSize: 3, name: `${name}_conv2`, seed: nextSeed() });
  y = batchNorm(y, `${name}_bn2`);
  let shortcut = x;
  if (strides !== 1 || inputChannels !== filters) {
    shortcut = conv(x, {
      filters,
      kernelSize: 1,
      strides,
      name: `${name}_down_conv`,
      seed: nextSeed(),
    });
    shortcut = batchNorm(shortcut, `${name}_down_bn`);
  }
  return relu(add(y, shortcut, `${name}_add`), `${name}_relu2`);
}

/** Input [null, size, size, 3] in [-1, 1]; output [null, embeddingDim] (not normalised). */
export function buildResNet18(options: BackboneOptions): tf.LayersModel {
  const { inputSize, widthMultiplier, embeddingDim } = options;
  const nextSeed = createSeedSequence(options.seed);
  const input = tf.input({ shape: [inputSize, inputSize, 3], name: 'image' }); // [batch, S, S, 3]

  // Stem: 7×7 stride 2 then 3×3 max-pool stride 2, a quarter of the resolution. At 64×64 input
  // the stages then run at 16, 8, 4 and 2 pixels, as in the PyTorch reference at 64×64.
  const stemFilters = scaledChannels(STAGE_CHANNELS[0], widthMultiplier);
  let x = conv(input, {
    filters: stemFilters,
    kernelSize: 7,
    strides: 2,
    name: 'stem_conv',
    seed: nextSeed(),
  }); // [batch, S/2, S/2, C0]
  x = relu(batchNorm(x, 'stem_bn'), 'stem_relu');
  x = applyLayer(
    tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same', name: 'stem_pool' }),
    x,
  ); // [batch, S/4, S/4, C0]

  STAGE_CHANNELS.forEach((channels, stage) => {
    const filters = scaledChannels(channels, widthMultiplier);
    for (let block = 0; block < BLOCKS_PER_STAGE; block++) {
      const strides = stage > 0 && block === 0 ? 2 : 1;
      x = basicBlock(x, filters, strides, `layer${stage + 1}_${block}`, nextSeed);
    }
  }); // [batch, S/32, S/32, C3]

  x = applyLayer(tf.layers.globalAveragePooling2d({ name: 'pool' }), x); // [batch, C3]
  const embedding = embeddingHead(x, embeddingDim, nextSeed()); // [batch, embeddingDim]
  return tf.model({ inputs: input, outputs: embedding, name: 'resnet18' });
}
