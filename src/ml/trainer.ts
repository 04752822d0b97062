// Owns one training session's model state: the backbone, the head and the optimiser built from a
// config, the train / evaluate / embed steps on tensors, state export and import, and disposal.
// With the pretrained encoder, the trainer also holds it: frozen ('face-api-frozen'), it trains on
// encoder features computed once per image (`encode`); fine-tuned ('face-api-finetune'), every
// encoder weight trains with the projection and head. Either way it embeds images end to end.
import * as tf from '@tensorflow/tfjs';
import { augmentBatch, normalize, resizeToInput } from './augment';
import { buildBackbone } from './backbones/build-backbone';
import {
  imageSizeFor,
  usesFrozenEncoder,
  usesPretrainedEncoder,
  validateConfig,
  type TrainConfig,
} from './config';
import { buildHead } from './heads/build-head';
import { l2Normalize } from './l2-normalize';
import { oneHotLabels, softmaxCrossEntropy } from './losses';
import { learningRateAt } from './lr-schedule';
import { countCorrect } from './accuracy';
import { MlError } from './ml-error';
import { createOptimizer } from './optimizer';
import { createFaceEncoder, FACE_ENCODER_INPUT, type FaceEncoder } from './pretrained/face-encoder';
import { seededRandom, type RandomSource } from '../lib/seeded-random';
import { deriveSeed } from './seeds';
import {
  assignRecords,
  checkRecords,
  readRecords,
  type NamedVariable,
  type TrainableParam,
  type WeightRecord,
} from './weight-records';

/** Images [batch, H, W, 3] with values in [0, 255], any numeric dtype; resized if H, W ≠ S. */
export type ImageBatch = tf.Tensor4D;
/** Frozen-encoder features [batch, 128], as `encode` returns them. */
export type FeatureBatch = tf.Tensor2D;
/** Class indices in [0, numClasses): an int32 tensor [batch] or plain numbers. */
export type LabelBatch = tf.Tensor1D | Int32Array | readonly number[];

export interface BatchResult {
  /** Mean loss over the batch. The caller owns it and reads it asynchronously, then disposes. */
  loss: tf.Scalar;
  /** Number of correct top-1 predictions in the batch (float32). Caller-owned like `loss`. */
  correct: tf.Scalar;
}

export interface StepResult extends BatchResult {
  learningRate: number;
}

export interface TrainerState {
  version: 1;
  /** Steps taken: the index of the next step. */
  step: number;
  /** Every backbone weight, BatchNorm moving statistics included, by layer weight name. */
  backbone: WeightRecord[];
  head: WeightRecord[];
  optimizer: WeightRecord[];
}

export interface TrainerOptions {
  /** Batches per epoch, so that warm-up and annealing (set in epochs) can be set in steps. */
  stepsPerEpoch: number;
  /** The pretrained encoder's decoded weights; required when the backbone starts from it. */
  encoderWeights?: tf.NamedTensorMap;
}

export interface Trainer {
  readonly config: TrainConfig;
  readonly numClasses: number;
  /**
   * The backbone as a Layers model (for saving as TF.js and walking for ONNX export); with the
   * pretrained encoder, only the projection that follows it.
   */
  readonly model: tf.LayersModel;
  /** The pretrained encoder (its variables hold the run's weights), or null from scratch. */
  readonly encoder: FaceEncoder | null;
  /** Steps taken so far (after importState: the saved count). */
  readonly step: number;
  readonly totalSteps: number;
  learningRateAt(step: number): number;
  /**
   * What trainStep and evaluateBatch take: images, or (frozen encoder) the features `encode`
   * made of them, augmented by the caller (e.g. features of flipped images).
   */
  readonly inputKind: 'images' | 'features';
  /** The side images are best given at: the network's input, or the encoder's (150). */
  readonly imageSize: number;
  /** Frozen encoder only: raw encoder features [batch, 128] of images; caller-owned. */
  encode(images: ImageBatch): FeatureBatch;
  /** One optimisation step (images: with augmentation); BatchNorm in training mode. */
  trainStep(inputs: ImageBatch | FeatureBatch, labels: LabelBatch, step: number): StepResult;
  /** Loss (with margin and smoothing, as in training) and correct count; no augmentation. */
  evaluateBatch(inputs: ImageBatch | FeatureBatch, labels: LabelBatch): BatchResult;
  /**
   * L2-normalised embeddings [batch, embeddingDim], BatchNorm in inference mode; with the frozen
   * encoder, of the image and its mirror image together.
   */
  embed(images: ImageBatch): tf.Tensor2D;
  exportState(): Promise<TrainerState>;
  importState(state: TrainerState): void;
  dispose(): void;
}

/** Kernels decay; BatchNorm gamma/beta, biases and PReLU slopes do not. */
function decays(weightName: string): boolean {
  return /\/(kernel|depthwise_kernel)$/.test(weightName);
}

function backboneParams(model: tf.LayersModel): TrainableParam[] {
  return model.trainableWeights.map((w) => ({
    name: w.originalName,
    variable: w.read() as tf.Variable,
    decay: decays(w.originalName),
  }));
}

function backboneWeights(model: tf.LayersModel): NamedVariable[] {
  return model.weights.map((w) => ({ name: w.originalName, variable: w.read() as tf.Variable }));
}

export function createTrainer(
  config: TrainConfig,
  numClasses: number,
  options: TrainerOptions,
): Trainer {
  const issues = validateConfig(config);
  if (issues.length > 0) {
    const text = issues.map((i) => `${i.field} ${i.reason}`).join('; ');
    throw new MlError('invalid-config', `invalid training configuration: ${text}`);
  }
  if (!Number.isInteger(numClasses) || numClasses < 2) {
    throw new MlError('invalid-argument', `need at least two classes (got ${numClasses})`);
  }
  if (!Number.isInteger(options.stepsPerEpoch) || options.stepsPerEpoch < 1) {
    throw new MlError(
      'invalid-argument',
      `stepsPerEpoch must be ≥ 1 (got ${options.stepsPerEpoch})`,
    );
  }

  const frozen = usesFrozenEncoder(config);
  const pretrained = usesPretrainedEncoder(config);
  if (pretrained && !options.encoderWeights) {
    throw new MlError(
      'invalid-argument',
      'the pretrained encoder needs its weights (encoderWeights)',
    );
  }
  const encoder: FaceEncoder | null = pretrained
    ? createFaceEncoder(options.encoderWeights as tf.NamedTensorMap, { trainable: !frozen })
    : null;
  // A fine-tuned encoder's weights train and are saved with the backbone's, under "encoder/".
  const encoderWeights: NamedVariable[] =
    encoder && !frozen
      ? Object.entries(encoder.variableMap).map(([name, variable]) => ({
          name: `encoder/${name}`,
          variable,
        }))
      : [];
  const model = buildBackbone(config);
  const head = buildHead(config, numClasses);
  const encoderParams: TrainableParam[] = encoderWeights.map((w) => ({
    ...w,
    decay: /\/filters$/.test(w.name),
  }));
  const params = [...backboneParams(model), ...encoderParams, ...head.params];
  const allBackboneWeights = () => [...backboneWeights(model), ...encoderWeights];
  // variableGrads keys gradients by tfjs's variable name; the optimiser by our stable name.
  const nameOfVariable = new Map(params.map((p) => [p.variable.name, p.name]));
  const variables = params.map((p) => p.variable);
  const optimizer = createOptimizer(config.optimizer, params, {
    momentum: config.momentum,
    weightDecay: config.weightDecay,
  });
  const schedule = {
    baseLr: config.learningRate,
    warmupSteps: config.warmupEpochs * options.stepsPerEpoch,
    totalSteps: config.epochs * options.stepsPerEpoch,
  };
  let stepsTaken = 0;
  let disposed = false;

  const assertAlive = () => {
    if (disposed) throw new MlError('disposed', 'the trainer has been disposed');
  };

  const toLabels = (labels: LabelBatch, batchSize: number): tf.Tensor1D => {
    const tensor =
      labels instanceof tf.Tensor ? tf.cast(labels, 'int32') : tf.tensor1d([...labels], 'int32');
    if (tensor.shape[0] !== batchSize) {
      tensor.dispose();
      throw new MlError(
        'invalid-argument',
        `got ${String(tensor.shape[0])} labels for ${batchSize} images`,
      );
    }
    return tensor as tf.Tensor1D;
  };

  const forwardLoss = (embeddings: tf.Tensor2D, labels: tf.Tensor1D) => {
    const oneHot = oneHotLabels(labels, numClasses); // [batch, K]
    const { logits, predictions } = head.forward(embeddings, oneHot);
    return {
      loss: softmaxCrossEntropy(logits, oneHot, config.labelSmoothing),
      correct: countCorrect(predictions, labels),
    };
  };

  /** Raw encoder features [batch, 128] of images (0..255, any size). */
  const encodeImages = (images: ImageBatch): FeatureBatch => {
    if (!encoder)
      throw new MlError('invalid-argument', 'only a pretrained-encoder trainer encodes images');
    return encoder.apply(
      tf.cast(resizeToInput(images, FACE_ENCODER_INPUT.size), 'float32') as tf.Tensor4D,
    );
  };

  /**
   * Embeddings [batch, D] (not normalised) of a batch as trainStep and evaluateBatch take it;
   * with `random`, the images are augmented (flip, brightness, contrast) first.
   */
  const embeddingsOf = (
    inputs: ImageBatch | FeatureBatch,
    training: boolean,
    random: RandomSource | null,
  ): tf.Tensor2D => {
    if (frozen) return model.apply(inputs, { training }) as tf.Tensor2D; // features, augmented by the caller
    const images = inputs as ImageBatch;
    if (encoder) {
      if (!random) return model.apply(encodeImages(images), { training }) as tf.Tensor2D;
      const resized = resizeToInput(images, FACE_ENCODER_INPUT.size); // [batch, 150, 150, 3]
      // augmentBatch works in [-1, 1]; the encoder takes 0..255.
      const pixels = tf.mul(
        tf.add(augmentBatch(resized, config.augment, random), 1),
        127.5,
      ) as tf.Tensor4D;
      return model.apply(encoder.apply(pixels), { training }) as tf.Tensor2D;
    }
    const resized = resizeToInput(images, config.inputSize); // [batch, S, S, 3]
    const x = random ? augmentBatch(resized, config.augment, random) : normalize(resized); // in [-1, 1]
    return model.apply(x, { training }) as tf.Tensor2D;
  };

  return {
    config,
    numClasses,
    model,
    encoder,
    inputKind: frozen ? 'features' : 'images',
    imageSize: imageSizeFor(config),
    encode(images) {
      assertAlive();
      return tf.tidy(() => encodeImages(images));
    },
    get step() {
      return stepsTaken;
    },
    totalSteps: schedule.totalSteps,
    learningRateAt: (step) => learningRateAt(step, schedule),

    trainStep(inputs, labels, step) {
      assertAlive();
      const learningRate = learningRateAt(step, schedule);
      // Derived from (seed, step): a resumed run repeats the augmentations of an unbroken one.
      const random = seededRandom(deriveSeed(config.seed, step));
      // Kept past variableGrads' inner tidy; returned to (and owned by) the caller, or freed here
      // if the step throws (e.g. a backend without a gradient kernel).
      let correct: tf.Scalar | undefined;
      let result: BatchResult;
      try {
        result = tf.tidy(() => {
          const labelTensor = toLabels(labels, inputs.shape[0]); // [batch]
          const { value: loss, grads } = tf.variableGrads(() => {
            const embeddings = embeddingsOf(inputs, true, random); // [batch, D]
            const out = forwardLoss(embeddings, labelTensor);
            correct = tf.keep(out.correct);
            return out.loss;
          }, variables);
          const gradients = new Map<string, tf.Tensor>();
          for (const [variableName, gradient] of Object.entries(grads)) {
            const name = nameOfVariable.get(variableName);
            if (name !== undefined) gradients.set(name, gradient);
          }
          optimizer.applyGradients(gradients, learningRate);
          return { loss: loss as tf.Scalar, correct: correct as tf.Scalar };
        });
      } catch (error) {
        correct?.dispose();
        throw error;
      }
      stepsTaken = step + 1;
      return { ...result, learningRate };
    },

    evaluateBatch(inputs, labels) {
      assertAlive();
      return tf.tidy(() => {
        const labelTensor = toLabels(labels, inputs.shape[0]);
        const embeddings = embeddingsOf(inputs, false, null); // [batch, D]
        return forwardLoss(embeddings, labelTensor);
      });
    },

    embed(images) {
      assertAlive();
      return tf.tidy(() => {
        if (encoder) {
          // Flip-averaged: the image and its mirror, embedded and summed (measured on dev-lfw:
          // +1.5 points top-1 and +5 TAR@1e-2 for the cost of a second encoder pass), both in
          // one batch through the encoder.
          const batch = images.shape[0];
          const both = tf.concat([images, tf.reverse(images, 2)], 0) as ImageBatch; // [2·batch, …]
          const embedded = model.apply(encodeImages(both), { training: false }) as tf.Tensor2D;
          const [plain, mirrored] = tf.split(embedded, [batch, batch], 0) as tf.Tensor2D[];
          return l2Normalize(tf.add(plain as tf.Tensor2D, mirrored as tf.Tensor2D), 1);
        }
        return l2Normalize(embeddingsOf(images, false, null), 1);
      });
    },

    async exportState() {
      assertAlive();
      const [backbone, headRecords, optimizerRecords] = await Promise.all([
        readRecords(allBackboneWeights().map((w) => ({ name: w.name, tensor: w.variable }))),
        readRecords(head.params.map((p) => ({ name: p.name, tensor: p.variable }))),
        optimizer.exportState(),
      ]);
      return {
        version: 1,
        step: stepsTaken,
        backbone,
        head: headRecords,
        optimizer: optimizerRecords,
      };
    },

    importState(state) {
      assertAlive();
      if (state.version !== 1) {
        throw new MlError(
          'state-mismatch',
          `unknown trainer state version ${String(state.version)}`,
        );
      }
      if (!Number.isInteger(state.step) || state.step < 0) {
        throw new MlError('state-mismatch', `invalid step count ${String(state.step)}`);
      }
      const weights = allBackboneWeights();
      // Check both before the optimiser (which checks its own) writes, so a bad state changes nothing.
      checkRecords(state.backbone, weights, 'backbone');
      checkRecords(state.head, head.params, 'head');
      optimizer.importState(state.optimizer);
      assignRecords(state.backbone, weights, 'backbone');
      assignRecords(state.head, head.params, 'head');
      stepsTaken = state.step;
    },

    dispose() {
      if (disposed) return;
      disposed = true;
      encoder?.dispose();
      model.dispose();
      head.dispose();
      optimizer.dispose();
    },
  };
}
