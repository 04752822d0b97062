// One training run inside the worker: loads the data (for a frozen encoder, the pretrained one or
// an imported model: its features, computed once), builds the trainer, hands it to the epoch loop (epoch-loop.ts) with
// the run's record keeper (idb-run-recorder.ts), posts what happens to the main thread, and ends
// the run as completed, stopped or failed (explained). Pause, resume, stop and requests served
// while it trains are held by its RunHold (run-hold.ts); the loop and the preparation look at it
// between steps and batches, after giving the worker's message queue a turn.

import { AppError, toAppError } from '../lib/errors';
import { yieldToQueue } from '../lib/yield-to-queue';
import { explainFailure } from './failure-message';
import type { Trainer } from '../ml/trainer';
import { imageSizeFor, usesImportedEncoder } from '../ml/config';
import { buildTrainer } from './build-trainer';
import type { FaceEmbedder } from './face-embedder';
import { embedderCropEncoder, encodePixelSet, trainerCropEncoder } from './feature-set';
import type { OnnxSessionFactory } from './imported-embedder';
import { importedEncoderRun, loadImportedModel } from './imported-encoder';
import { PROGRESS_INTERVAL_MS, runEpochs, type InputSet } from './epoch-loop';
import { createIdbRunRecorder } from './idb-run-recorder';
import { RunHold } from './run-hold';
import type { ResumePoint, RunRecorder } from './run-recorder';
import {
  earlierRunMembers,
  newRunMembers,
  recordedImages,
  recordedList,
  recordedStepsPerEpoch,
  stepsPerEpochOf,
} from './run-members';
import { loadTrainingData, readDataset, type PrepareProgress } from './training-data';
import type { BackendName } from '../ml/run-progress';
import type { PrepareStage, RunStart, TrainingSessionMessage } from './session-messages';

/** Thrown out of the preparation when the user stops the run before its first step. */
class StoppedWhilePreparing extends Error {}

export class TrainingSession {
  private readonly hold = new RunHold();

  constructor(
    private readonly start: RunStart,
    private readonly backend: BackendName,
    private readonly post: (message: TrainingSessionMessage) => void,
    /** Runs an imported encoder's ONNX model, when the run trains over one. */
    private readonly onnx: OnnxSessionFactory,
  ) {}

  get runId(): string {
    return this.start.runId;
  }

  pause(): void {
    if (this.hold.pause()) this.post({ type: 'train/paused', runId: this.runId });
  }

  resume(): void {
    if (this.hold.resume()) this.post({ type: 'train/resumed', runId: this.runId });
  }

  stop(): void {
    this.hold.stop();
  }

  /**
   * Serves a request (a Verify photo) while the run trains: the run waits between steps until it
   * settles, so it is answered within a step instead of sharing the thread with the epoch.
   */
  serve<T>(work: Promise<T>): Promise<T> {
    return this.hold.serve(work);
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
      await yieldToQueue(); // lets a Pause or Stop waiting in the worker's queue be read
      await this.hold.whilePaused();
      if (this.hold.stopped()) throw new StoppedWhilePreparing();
    };
  }

  async run(): Promise<void> {
    const { runId, config } = this.start;
    const recorder: RunRecorder = createIdbRunRecorder(runId);
    let trainer: Trainer | null = null;
    let encoder: FaceEmbedder | null = null;
    try {
      const resumed: ResumePoint | undefined = this.start.resume
        ? await recorder.resumePoint()
        : undefined;
      const preparing = performance.now();
      // Over an imported model, images are decoded at its side and embedded by it once.
      encoder = usesImportedEncoder(config)
        ? await loadImportedModel(await importedEncoderRun(config), this.onnx)
        : null;
      const listedSize = encoder ? encoder.imageSize : imageSizeFor(config);
      const dataset = await readDataset();
      // A resumed run goes on with its own people, images and schedule; a new one takes the
      // dataset as it is now.
      const members = resumed
        ? earlierRunMembers(resumed.run, dataset.identities, dataset.images)
        : newRunMembers(dataset.identities, dataset.images);
      if (members.train.length === 0) {
        throw new AppError(
          'not-found',
          'All of the images this run trained on have been deleted, so it cannot go on. Start a new run.',
        );
      }
      const stepsPerEpoch = resumed
        ? recordedStepsPerEpoch(resumed.run)
        : stepsPerEpochOf(members.train.length, config.batchSize);
      const data = await loadTrainingData(members, listedSize, this.preparing('reading'));
      await this.preparing('building')(0, 0);
      trainer = await buildTrainer(config, data.identities.length, stepsPerEpoch);
      let inputs: { train: InputSet; val: InputSet };
      if (trainer.inputKind === 'features') {
        // Each image once, and once more mirrored for flip augmentation; the decoded pixels are
        // then let go, since only the features are used for the rest of the run.
        const passes = config.augment.flip ? 2 : 1;
        const total = data.train.count * passes + data.val.count;
        const encoding = this.preparing('encoding');
        const encode = encoder ? embedderCropEncoder(encoder) : trainerCropEncoder(trainer);
        const train = await encodePixelSet(
          encode,
          listedSize,
          data.train,
          config.augment.flip,
          (done) => encoding(done, total),
        );
        const val = await encodePixelSet(encode, listedSize, data.val, false, (done) =>
          encoding(data.train.count * passes + done, total),
        );
        encoder?.dispose();
        encoder = null;
        data.train.pixels = new Uint8Array(0);
        data.val.pixels = new Uint8Array(0);
        inputs = { train: { kind: 'features', set: train }, val: { kind: 'features', set: val } };
      } else {
        inputs = {
          train: { kind: 'images', set: data.train, size: listedSize },
          val: { kind: 'images', set: data.val, size: listedSize },
        };
      }
      if (resumed) trainer.importState(resumed.checkpoint.state);
      if (this.hold.stopped()) throw new StoppedWhilePreparing(); // asked after the last progress check
      const startEpoch = resumed?.checkpoint.epoch ?? 0;
      await recorder.begin({
        config,
        identities: data.identities,
        images: resumed ? recordedImages(resumed.run, dataset.images) : recordedList(members),
        stepsPerEpoch,
        trainImages: data.train.count,
        valImages: data.val.count,
        prepareSeconds: (performance.now() - preparing) / 1000,
        backend: this.backend,
        resumed: resumed?.run,
      });
      this.post({
        type: 'train/started',
        runId,
        identities: data.identities.map((i) => i.name),
        trainImages: data.train.count,
        valImages: data.val.count,
        startEpoch,
        totalSteps: trainer.totalSteps,
      });

      const outcome = await runEpochs({
        trainer,
        ...inputs,
        startEpoch,
        stepsPerEpoch,
        recorder,
        control: this.hold,
        onProgress: (points) => this.post({ type: 'train/progress', runId, points }),
        onEpoch: (metrics) => this.post({ type: 'train/epoch', runId, metrics }),
      });
      await recorder.finish(outcome);
      this.post({ type: 'train/done', runId, outcome });
    } catch (error) {
      if (error instanceof StoppedWhilePreparing) {
        // Nothing of this start was stored; a resumed run keeps its record and checkpoint as they were.
        this.post({ type: 'train/done', runId, outcome: 'stopped' });
        return;
      }
      const message = explainFailure(toAppError(error, 'worker-failed'));
      await recorder.fail(message);
      this.post({ type: 'train/done', runId, outcome: 'failed', error: message });
    } finally {
      encoder?.dispose();
      trainer?.dispose();
    }
  }
}
