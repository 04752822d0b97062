// Owns the interface every classification head (ArcFace, softmax) offers the trainer.
import type * as tf from '@tensorflow/tfjs';
import type { TrainableParam } from '../weight-records';

export interface HeadOutput {
  /** The logits the loss is computed on (with ArcFace: the margin on the true class). */
  logits: tf.Tensor2D; // [batch, numClasses]
  /** The logits a prediction is read from (with ArcFace: s·cos θ, no margin). */
  predictions: tf.Tensor2D; // [batch, numClasses]
}

export interface ClassifierHead {
  readonly kind: 'arcface' | 'softmax';
  readonly numClasses: number;
  /** The head's variables under stable names, for the optimiser and checkpoints. */
  readonly params: readonly TrainableParam[];
  /** embeddings [batch, embeddingDim], oneHot [batch, numClasses] (float32). */
  forward(embeddings: tf.Tensor2D, oneHot: tf.Tensor2D): HeadOutput;
  dispose(): void;
}
