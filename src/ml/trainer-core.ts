// Owns what the three trainer modes share once a mode has built its input pipeline: the head,
// the optimiser and learning-rate schedule over every trainable weight, the train / evaluate /
// embed steps, state export and import, and disposal. A mode only says how its inputs become
// embeddings (see InputPipeline); everything that learns from those embeddings lives here.
import * as tf from '@tensorflow/tfjs';
import { warmBatchNorm } from './batch-norm-warm-up';
import type { TrainConfig } from './config';
import { buildHead } from './heads/build-head';
import { oneHotLabels, softmaxCrossEntropy } from './losses';
import { learningRateAt } from './lr-schedule';
import { countCorrect } from './accuracy';
import { MlError } from './ml-error';
import { createOptimizer } from './optimizer';
import type { FaceEncoder } from './pretrained/face-encoder';
import type { RandomSource } from '../lib/seeded-random';
import { seededRandom } from '../lib/seeded-random';
import { deriveSeed } from './seeds';
import {
  assignRecords,
  checkRecords,
  readRecords,
  type NamedVariable,
  type TrainableParam,
} from './weight-records';
import type {
  BatchResult,
  FeatureBatch,
  ImageBatch,
  LabelBatch,
  Trainer,
  TrainerOptions,
} from './trainer-types';

/**
 * One mode's input side: what it takes, the Layers model between input and embedding, and how a
 * batch becomes embeddings. Every method is called inside the core's tf.tidy.
 */
export interface InputPipeline {
  readonly inputKind: Trainer['inputKind'];
  readonly imageSize: number;
  /** The Layers model that trains: the whole backbone, or the projection after the encoder. */
  readonly model: tf.LayersModel;
  readonly encoder: FaceEncoder | null;
  /** Trainable weights outside `model`, saved with the backbone's (a fine-tuned encoder's). */
  readonly extraParams: readonly TrainableParam[];
  /**
   * Embeddings [batch, D] (not normalised) of a batch as trainStep and evaluateBatch take it;
   * with `random`, augmented first (images only: features come augmented by the caller).
   */
  embeddings(
    inputs: ImageBatch | FeatureBatch,
    training: boolean,
    random: RandomSource | null,
  ): tf.Tensor2D;
  /** L2-normalised embeddings [batch, D] of images, BatchNorm in inference mode. */
  embed(images: ImageBatch): tf.Tensor2D;
  /** Where `embed` flip-averages: one view of it, not normalised (see Trainer.embedView). */
  embedView?(images: ImageBatch, mirrored: boolean): tf.Tensor2D;
  /** Raw encoder features [batch, 128] of images, or a refusal without an encoder. */
  encode(images: ImageBatch): FeatureBatch;
  /** Frees what the pipeline holds besides `model` (the encoder). */
  dispose(): void;
}

/** Kernels decay; BatchNorm gamma/beta, biases and PReLU slopes do not. */
function decays(weightName: string): boolean {
  return /\/(kernel|depthwise_kernel)$/.test(weightName);
}

function modelParams(model: tf.LayersModel): TrainableParam[] {
  return model.trainableWeights.map((w) => ({
    name: w.originalName,
    variable: w.read() as tf.Variable,
    decay: decays(w.originalName),
  }));
}

function modelWeights(model: tf.LayersModel): NamedVariable[] {
  return model.weights.map((w) => ({ name: w.originalName, variable: w.read() as tf.Variable }));
}

function toLabels(labels: LabelBatch, batchSize: number): tf.Tensor1D {
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
}

/** A Trainer over a mode's input pipeline; the head is built here, after the pipeline's model. */
export function assembleTrainer(
  config: TrainConfig,
  numClasses: number,
  options: TrainerOptions,
  pipeline: InputPipeline,
): Trainer {
  const { model } = pipeline;
  const head = buildHead(config, numClasses);
  const params = [...modelParams(model), ...pipeline.extraParams, ...head.params];
  const backboneWeights = () => [...modelWeights(model), ...pipeline.extraParams];
  // variableGrads keys gradients by tfjs's variable name; the optimiser by our stable name.
  const nameOfVariable = new Map(params.map((p) => [p.variable.name, p.name]));
  const variables = params.map((p) => p.variable);
  // Short runs' BatchNorm statistics: the batches' own, not the initial 0 and 1.
  const warmStep = warmBatchNorm(model);
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

  const forwardLoss = (embeddings: tf.Tensor2D, labels: tf.Tensor1D) => {
    const oneHot = oneHotLabels(labels, numClasses); // [batch, K]
    const { logits, predictions } = head.forward(embeddings, oneHot);
    return {
      loss: softmaxCrossEntropy(logits, oneHot, config.labelSmoothing),
      correct: countCorrect(predictions, labels),
    };
  };

  return {
    config,
    numClasses,
    model,
    encoder: pipeline.encoder,
    inputKind: pipeline.inputKind,
    imageSize: pipeline.imageSize,
    encode(images) {
      assertAlive();
      return tf.tidy(() => pipeline.encode(images));
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
        result = warmStep(step, () =>
          tf.tidy(() => {
            const labelTensor = toLabels(labels, inputs.shape[0]); // [batch]
            const { value: loss, grads } = tf.variableGrads(() => {
              const embeddings = pipeline.embeddings(inputs, true, random); // [batch, D]
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
          }),
        );
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
        const embeddings = pipeline.embeddings(inputs, false, null); // [batch, D]
        return forwardLoss(embeddings, labelTensor);
      });
    },

    embed(images) {
      assertAlive();
      return tf.tidy(() => pipeline.embed(images));
    },

    embedView: pipeline.embedView
      ? (images, mirrored) => {
          assertAlive();
          return tf.tidy(() => pipeline.embedView?.(images, mirrored) as tf.Tensor2D);
        }
      : undefined,

    async exportState() {
      assertAlive();
      const [backbone, headRecords, optimizerRecords] = await Promise.all([
        readRecords(backboneWeights().map((w) => ({ name: w.name, tensor: w.variable }))),
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
      const weights = backboneWeights();
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
      pipeline.dispose();
      model.dispose();
      head.dispose();
      optimizer.dispose();
    },
  };
}
