// Owns what every trainer is, whichever mode builds it: the Trainer interface the worker, the
// exporters and the tests use, the batches it takes, its step results and its saved state.
import type * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from './config';
import type { FaceEncoder } from './pretrained/face-encoder';
import type { WeightRecord } from './weight-records';

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
  /** The imported encoder's embedding length; required with the 'imported-frozen' backbone. */
  encoderDim?: number;
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
  /**
   * Only where `embed` flip-averages (the pretrained encoder): one of its two views, not
   * normalised [batch, embeddingDim]; `embed` is the L2-normalised sum of both views.
   */
  embedView?(images: ImageBatch, mirrored: boolean): tf.Tensor2D;
  exportState(): Promise<TrainerState>;
  importState(state: TrainerState): void;
  dispose(): void;
}
