// Owns a run's epoch loop: shuffled batches drawn per epoch from a seed, a train step each with
// the worker's message queue given a turn and pause and stop honoured between steps, the loss
// read one step late so the device never idles, a stop when the loss stops being finite, new
// step points passed on about four times a second, and after every epoch a validation pass (which
// a stop cuts short), a checkpoint and a metrics row (via the RunRecorder).
import { AppError } from '../lib/errors';
import { yieldToQueue } from '../lib/yield-to-queue';
import { seededRandom, shuffled } from '../lib/seeded-random';
import { batchRanges, labelBatch, pixelBatch } from '../ml/pixel-batch';
import type { EpochMetrics, StepPoint } from '../ml/run-progress';
import type { Trainer } from '../ml/trainer';
import { featureBatch, type FeatureSet } from './feature-set';
import type { RunRecorder } from './run-recorder';
import type { PixelSet } from './training-data';

/** How often new step points (and preparation stages) are passed on: about four times a second. */
export const PROGRESS_INTERVAL_MS = 250;

/** What batches are drawn from: decoded images, or (frozen encoder) their features. */
export type InputSet =
  { kind: 'images'; set: PixelSet; size: number } | { kind: 'features'; set: FeatureSet };

/**
 * The user's hold on a run, looked at between steps, each time after the thread's task queue had
 * a turn (so a Pause or Stop message is read within a step on every backend).
 */
export interface RunControl {
  /** Resolves at once, or when a pause (or a request served meanwhile) ends, or on a stop. */
  whilePaused(): Promise<void>;
  /** True once the user asked the run to stop. */
  stopped(): boolean;
}

export interface EpochLoop {
  trainer: Trainer;
  train: InputSet;
  val: InputSet;
  /** The first epoch to run (0, or a resumed checkpoint's epoch count). */
  startEpoch: number;
  stepsPerEpoch: number;
  recorder: RunRecorder;
  control: RunControl;
  /** New step points, in order, about four times a second and at every epoch's end. */
  onProgress(points: StepPoint[]): void;
  /** An epoch's metrics, once its checkpoint and row are stored. */
  onEpoch(metrics: EpochMetrics): void;
}

/** A batch of the set's rows; features are flipped per image by a coin seeded from the step. */
function batchOf(
  input: InputSet,
  indices: readonly number[],
  flip: { seed: number; step: number } | null,
) {
  if (input.kind === 'features') return featureBatch(input.set, indices, flip);
  return {
    inputs: pixelBatch(input.set.pixels, input.size, indices), // [batch, S, S, 3] 0..255
    labels: labelBatch(input.set.labels, indices), // [batch]
  };
}

/** Gives the queue a turn, waits out a pause; true when the run is to stop. */
async function stopAsked(control: RunControl): Promise<boolean> {
  await yieldToQueue();
  await control.whilePaused();
  return control.stopped();
}

/**
 * Mean loss and accuracy over a set, in order, without augmentation: NaN for an empty set, and
 * when a stop cut the pass short (not measured, rather than measured on the first people only).
 */
async function validate(trainer: Trainer, input: InputSet, batchSize: number, control: RunControl) {
  let loss = 0;
  let correct = 0;
  const count = input.set.count;
  for (const { start, count: size } of batchRanges(count, batchSize)) {
    if (await stopAsked(control)) return { loss: NaN, accuracy: NaN };
    const indices = [...Array(size).keys()].map((k) => start + k);
    const { inputs, labels } = batchOf(input, indices, null);
    const result = trainer.evaluateBatch(inputs, labels);
    inputs.dispose();
    labels.dispose();
    const [l, c] = await Promise.all([result.loss.data(), result.correct.data()]);
    result.loss.dispose();
    result.correct.dispose();
    loss += (l[0] as number) * size;
    correct += c[0] as number;
  }
  return { loss: count ? loss / count : NaN, accuracy: count ? correct / count : NaN };
}

/** Runs the epochs from `startEpoch` to the config's last, or until stopped between steps. */
export async function runEpochs(loop: EpochLoop): Promise<'completed' | 'stopped'> {
  const { trainer, recorder, control, stepsPerEpoch } = loop;
  const { config } = trainer;
  let pending: StepPoint[] = [];
  let lastPost = performance.now();
  const flush = () => {
    if (pending.length === 0) return;
    loop.onProgress(pending);
    recorder.addSteps(pending);
    pending = [];
    lastPost = performance.now();
  };

  for (let epoch = loop.startEpoch; epoch < config.epochs; epoch++) {
    const started = performance.now();
    const order = shuffled(
      [...Array(loop.train.set.count).keys()],
      seededRandom(config.seed * 1000 + epoch),
    );
    let lossSum = 0;
    let correctSum = 0;
    let seen = 0;
    // Reading a step's loss is awaited one step later, so the device is never idle waiting.
    let inFlight: Promise<void> | null = null;
    for (let b = 0; b < stepsPerEpoch; b++) {
      if (await stopAsked(control)) {
        await inFlight;
        flush();
        return 'stopped';
      }
      const step = epoch * stepsPerEpoch + b;
      const indices = order.slice(b * config.batchSize, (b + 1) * config.batchSize);
      // A resumed run whose images were partly deleted keeps its schedule: its last steps of an
      // epoch may find no images left, and are skipped.
      if (indices.length === 0) continue;
      const { inputs, labels } = batchOf(
        loop.train,
        indices,
        config.augment.flip ? { seed: config.seed, step } : null,
      );
      let result: ReturnType<Trainer['trainStep']>;
      try {
        result = trainer.trainStep(inputs, labels, step);
      } finally {
        inputs.dispose();
        labels.dispose();
      }
      try {
        await inFlight;
      } catch (error) {
        result.loss.dispose();
        result.correct.dispose();
        throw error;
      }
      inFlight = Promise.all([result.loss.data(), result.correct.data()]).then(
        ([loss, correct]) => {
          result.loss.dispose();
          result.correct.dispose();
          const lossValue = loss[0] as number;
          if (!Number.isFinite(lossValue)) {
            throw new AppError(
              'worker-failed',
              `diverged: the loss became ${lossValue} at step ${step + 1}.`,
            );
          }
          lossSum += lossValue * indices.length;
          correctSum += correct[0] as number;
          seen += indices.length;
          pending.push({
            step,
            epoch,
            loss: lossValue,
            accuracy: (correct[0] as number) / indices.length,
            learningRate: result.learningRate,
          });
          if (performance.now() - lastPost > PROGRESS_INTERVAL_MS) flush();
        },
      );
    }
    await inFlight;
    flush();
    // A stop during validation still stores this epoch's checkpoint (its training is done) and
    // the loop ends at the next epoch's first step; the epoch's validation reads NaN.
    const val = await validate(trainer, loop.val, config.batchSize, control);
    const seconds = (performance.now() - started) / 1000;
    const metrics: EpochMetrics = {
      epoch: epoch + 1,
      trainLoss: lossSum / Math.max(1, seen),
      trainAccuracy: correctSum / Math.max(1, seen),
      valLoss: val.loss,
      valAccuracy: val.accuracy,
      learningRate: trainer.learningRateAt((epoch + 1) * stepsPerEpoch - 1),
      imagesPerSecond: seen / seconds,
      seconds,
      etaSeconds: seconds * (config.epochs - epoch - 1),
    };
    await recorder.endEpoch(metrics, await trainer.exportState());
    loop.onEpoch(metrics);
  }
  return 'completed';
}
