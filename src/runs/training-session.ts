// One training run inside the worker: loads the data (for the frozen pretrained encoder: its
// features, computed once), builds the trainer, runs the epoch loop
// with pause / resume / stop between steps, streams new step points about four times a
// second, validates and checkpoints after every epoch, and stops safely when the loss stops
// being finite or the device fails. Cancellation and pausing are state of this object only.

import * as tf from '@tensorflow/tfjs';
import { AppError, toAppError } from '../lib/errors';
import { explainFailure } from './failure-message';
import { seededRandom, shuffled } from '../lib/seeded-random';
import type { Trainer } from '../ml/trainer';
import { imageSizeFor } from '../ml/config';
import { getCheckpoint, getRun, saveCheckpoint, saveRun } from '../storage/run-repo';
import type { RunRecord } from '../storage/run-records';
import { buildTrainer } from './build-trainer';
import { encodePixelSet, featureBatch, type FeatureSet } from './feature-set';
import { loadTrainingData, type PixelSet, type PrepareProgress } from './training-data';
import type {
  BackendName,
  EpochMetrics,
  FromTrainingWorker,
  PrepareStage,
  RunStart,
  StepPoint,
} from '../worker/training-protocol';

const PROGRESS_INTERVAL_MS = 250;

function batchTensors(set: PixelSet, indices: readonly number[], size: number) {
  const frame = size * size * 3;
  const pixels = new Uint8Array(indices.length * frame);
  indices.forEach((index, k) =>
    pixels.set(set.pixels.subarray(index * frame, (index + 1) * frame), k * frame),
  );
  const images = tf.tensor4d(pixels, [indices.length, size, size, 3], 'int32'); // [batch, S, S, 3] 0..255
  const labels = tf.tensor1d(
    Int32Array.from(indices, (i) => set.labels[i] as number),
    'int32',
  ); // [batch]
  return { images, labels };
}

/** What batches are drawn from: decoded images, or (frozen encoder) their features. */
type InputSet =
  { kind: 'images'; set: PixelSet; size: number } | { kind: 'features'; set: FeatureSet };

/** A batch of the set's rows; features are flipped per image by a coin seeded from the step. */
function batchOf(
  input: InputSet,
  indices: readonly number[],
  flip: { seed: number; step: number } | null,
) {
  if (input.kind === 'features') return featureBatch(input.set, indices, flip);
  const { images, labels } = batchTensors(input.set, indices, input.size);
  return { inputs: images, labels };
}

/** Thrown out of the preparation when the user stops the run before its first step. */
class StoppedWhilePreparing extends Error {}

export class TrainingSession {
  private paused: { resolve: () => void; promise: Promise<void> } | null = null;
  private stopped = false;

  constructor(
    private readonly start: RunStart,
    private readonly backend: BackendName,
    private readonly post: (message: FromTrainingWorker) => void,
  ) {}

  get runId(): string {
    return this.start.runId;
  }

  pause(): void {
    if (this.paused || this.stopped) return;
    let resolve = () => {};
    const promise = new Promise<void>((r) => (resolve = r));
    this.paused = { resolve, promise };
    this.post({ type: 'train/paused', runId: this.runId });
  }

  resume(): void {
    if (!this.paused) return;
    this.paused.resolve();
    this.paused = null;
    this.post({ type: 'train/resumed', runId: this.runId });
  }

  stop(): void {
    this.stopped = true;
    this.paused?.resolve();
  }

  /**
   * Reports a preparation stage about four times a second, holds while paused, and ends the
   * preparation when stopped, so Pause and Stop act within a batch of images.
   */
  private preparing(stage: PrepareStage): PrepareProgress {
    let lastPost = 0;
    return async (done, total) => {
      const now = performance.now();
      if (now - lastPost >= PROGRESS_INTERVAL_MS || done === total) {
        lastPost = now;
        this.post({ type: 'train/preparing', runId: this.runId, stage, done, total });
      }
      // On the CPU and WASM backends a tensor's data() resolves in a microtask: without this
      // macrotask the worker would never read the Pause or Stop message waiting in its queue.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.paused) await this.paused.promise;
      if (this.stopped) throw new StoppedWhilePreparing();
    };
  }

  async run(): Promise<void> {
    const { runId, config } = this.start;
    let trainer: Trainer | null = null;
    let record: RunRecord | null = null;
    try {
      const previous = this.start.resume ? await getRun(runId) : undefined;
      const checkpoint = this.start.resume ? await getCheckpoint(runId) : undefined;
      if (this.start.resume && (!previous || !checkpoint)) {
        throw new AppError('not-found', 'This run has no checkpoint to resume from.');
      }
      const preparing = performance.now();
      const listedSize = imageSizeFor(config);
      const data = await loadTrainingData(
        listedSize,
        previous?.identities.map((i) => i.id),
        this.preparing('reading'),
      );
      const stepsPerEpoch = Math.ceil(data.train.count / config.batchSize);
      await this.preparing('building')(0, 0);
      trainer = await buildTrainer(config, data.identities.length, stepsPerEpoch);
      let inputs: { train: InputSet; val: InputSet };
      if (trainer.inputKind === 'features') {
        // Each image once, and once more mirrored for flip augmentation; the decoded pixels are
        // then let go, since only the features are used for the rest of the run.
        const passes = config.augment.flip ? 2 : 1;
        const total = data.train.count * passes + data.val.count;
        const encoding = this.preparing('encoding');
        const train = await encodePixelSet(trainer, data.train, config.augment.flip, (done) =>
          encoding(done, total),
        );
        const val = await encodePixelSet(trainer, data.val, false, (done) =>
          encoding(data.train.count * passes + done, total),
        );
        data.train.pixels = new Uint8Array(0);
        data.val.pixels = new Uint8Array(0);
        inputs = { train: { kind: 'features', set: train }, val: { kind: 'features', set: val } };
      } else {
        inputs = {
          train: { kind: 'images', set: data.train, size: listedSize },
          val: { kind: 'images', set: data.val, size: listedSize },
        };
      }
      if (checkpoint) trainer.importState(checkpoint.state);
      if (this.stopped) throw new StoppedWhilePreparing(); // asked after the last progress check
      const prepareSeconds = (performance.now() - preparing) / 1000;
      const startEpoch = checkpoint?.epoch ?? 0;
      record = previous
        ? { ...previous, status: 'running', backend: this.backend, prepareSeconds }
        : {
            id: runId,
            createdAt: Date.now(),
            updatedAt: Date.now(),
            config,
            identities: data.identities,
            trainImages: data.train.count,
            valImages: data.val.count,
            prepareSeconds,
            backend: this.backend,
            status: 'running',
            epochs: [],
            steps: [],
          };
      await saveRun(record);
      this.post({
        type: 'train/started',
        runId,
        identities: data.identities.map((i) => i.name),
        trainImages: data.train.count,
        valImages: data.val.count,
        startEpoch,
        totalSteps: trainer.totalSteps,
      });

      const outcome = await this.epochs(trainer, record, inputs, startEpoch, stepsPerEpoch);
      record.status = outcome;
      await saveRun(record);
      this.post({ type: 'train/done', runId, outcome });
    } catch (error) {
      if (error instanceof StoppedWhilePreparing) {
        // Nothing of this start was stored; a resumed run keeps its record and checkpoint as they were.
        this.post({ type: 'train/done', runId, outcome: 'stopped' });
        return;
      }
      const appError = toAppError(error, 'worker-failed');
      const message = explainFailure(appError);
      if (record) {
        record.status = 'failed';
        record.error = message;
        await saveRun(record).catch(() => undefined);
      }
      this.post({ type: 'train/done', runId, outcome: 'failed', error: message });
    } finally {
      trainer?.dispose();
    }
  }

  private async epochs(
    trainer: Trainer,
    record: RunRecord,
    data: { train: InputSet; val: InputSet },
    startEpoch: number,
    stepsPerEpoch: number,
  ): Promise<'completed' | 'stopped'> {
    const { config, runId } = this.start;
    let pending: StepPoint[] = [];
    let lastPost = performance.now();
    const flush = () => {
      if (pending.length === 0) return;
      this.post({ type: 'train/progress', runId, points: pending });
      record.steps.push(...pending);
      pending = [];
      lastPost = performance.now();
    };

    for (let epoch = startEpoch; epoch < config.epochs; epoch++) {
      const started = performance.now();
      const order = shuffled(
        [...Array(data.train.set.count).keys()],
        seededRandom(config.seed * 1000 + epoch),
      );
      let lossSum = 0;
      let correctSum = 0;
      let seen = 0;
      // Reading a step's loss is awaited one step later, so the device is never idle waiting.
      let inFlight: Promise<void> | null = null;
      for (let b = 0; b < stepsPerEpoch; b++) {
        if (this.paused) await this.paused.promise;
        if (this.stopped) {
          await inFlight;
          flush();
          return 'stopped';
        }
        const step = epoch * stepsPerEpoch + b;
        const indices = order.slice(b * config.batchSize, (b + 1) * config.batchSize);
        const { inputs, labels } = batchOf(
          data.train,
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
      const val = await this.validate(trainer, data.val, config.batchSize);
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
      record.epochs.push(metrics);
      await saveCheckpoint({
        runId,
        epoch: epoch + 1,
        state: await trainer.exportState(),
        savedAt: Date.now(),
      });
      await saveRun(record);
      this.post({ type: 'train/epoch', runId, metrics });
    }
    return 'completed';
  }

  private async validate(trainer: Trainer, input: InputSet, batchSize: number) {
    let loss = 0;
    let correct = 0;
    const count = input.set.count;
    for (let start = 0; start < count; start += batchSize) {
      const indices = [...Array(Math.min(batchSize, count - start)).keys()].map((k) => start + k);
      const { inputs, labels } = batchOf(input, indices, null);
      const result = trainer.evaluateBatch(inputs, labels);
      inputs.dispose();
      labels.dispose();
      const [l, c] = await Promise.all([result.loss.data(), result.correct.data()]);
      result.loss.dispose();
      result.correct.dispose();
      loss += (l[0] as number) * indices.length;
      correct += c[0] as number;
    }
    return { loss: count ? loss / count : NaN, accuracy: count ? correct / count : NaN };
  }
}
