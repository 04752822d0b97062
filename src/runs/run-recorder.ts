// Owns what a training run keeps of itself, as an interface: the record a resumed run goes on
// from, the record as it starts, its step history, a checkpoint and metrics row per epoch, and how
// it ended. The epoch loop and the session speak only to this, so tests can hand them a fake;
// idb-run-recorder.ts stores it all in IndexedDB.
import type { SerializedError } from '../lib/errors';
import type { TrainConfig } from '../ml/config';
import type { BackendName, EpochMetrics, StepPoint } from '../ml/run-progress';
import type { TrainerState } from '../ml/trainer';
import type { CheckpointRecord, RunImage, TrainedRunRecord } from '../storage/run-records';

/** A stored run and its last checkpoint, which a resumed start goes on from. */
export interface ResumePoint {
  run: TrainedRunRecord;
  checkpoint: CheckpointRecord;
}

/** What a run is, known once its data is ready and its trainer built. */
export interface RunBeginning {
  config: TrainConfig;
  identities: { id: string; name: string }[];
  /** Every image of the run with its label and part, and its steps per epoch (kept on resume). */
  images: RunImage[];
  stepsPerEpoch: number;
  trainImages: number;
  valImages: number;
  /** Seconds spent reading, decoding and (frozen encoder) encoding before the first step. */
  prepareSeconds: number;
  backend: BackendName;
  /** The run being resumed: its record goes on, with this start's backend and preparation time. */
  resumed?: TrainedRunRecord;
}

export interface RunRecorder {
  /** The run and checkpoint to resume from; refuses (not-found) a run that has no checkpoint. */
  resumePoint(): Promise<ResumePoint>;
  /** Stores the run as running. Nothing is stored before this. */
  begin(beginning: RunBeginning): Promise<void>;
  /** New step points for the run's history, stored with the next epoch or the end. */
  addSteps(points: readonly StepPoint[]): void;
  /** A finished epoch: its checkpoint (the trainer's state after it), then its metrics row. */
  endEpoch(metrics: EpochMetrics, state: TrainerState): Promise<void>;
  /** Stores how the run ended. */
  finish(outcome: 'completed' | 'stopped'): Promise<void>;
  /**
   * Stores the failure on a begun run (before `begin`, nothing is stored). Never throws: it is
   * called while a failure is already being reported.
   */
  fail(error: SerializedError): Promise<void>;
}
