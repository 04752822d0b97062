// The typed protocol between the page and the training worker. Every run message carries its
// run id, so late messages from an old run are dropped; errors cross as {code, message}.

import type { SerializedError } from '../lib/errors';
import type { TrainConfig } from '../ml/config';
import type { BackendName, EpochMetrics, StepPoint } from '../ml/run-progress';
import type { ModelMetadata } from '../transfer/model-metadata';
import type { BackendChoice, BackendReport } from '../backends/choose-backend';
import type { ExportedFile, ModelFormat } from '../runs/model-export';
import type { PhotoEmbedding } from '../runs/photo-embedder';

export type { BackendName, EpochMetrics, StepPoint };

export type { BackendChoice, BackendReport, ExportedFile, ModelFormat, PhotoEmbedding };

export interface RunStart {
  runId: string;
  config: TrainConfig;
  /** Resume from the run's last checkpoint instead of starting afresh. */
  resume: boolean;
}

export type ToTrainingWorker =
  /** `wasmThreads` caps WebAssembly's threads (1 after a threaded start failed). */
  | { type: 'init'; backend: BackendChoice; wasmThreads?: number }
  | ({ type: 'train/start' } & RunStart)
  | { type: 'train/pause'; runId: string }
  | { type: 'train/resume'; runId: string }
  | { type: 'train/stop'; runId: string }
  | { type: 'evaluate/start'; runId: string }
  /** A photo file, or a decoded webcam frame (transferred). */
  | { type: 'embed/photo'; requestId: number; runId: string; photo: Blob | ImageBitmap }
  | {
      type: 'export/model';
      requestId: number;
      runId: string;
      format: ModelFormat;
      metadata: ModelMetadata;
      baseName: string;
    };

export type RunOutcome = 'completed' | 'stopped' | 'failed';

/**
 * Before the first step: reading and decoding the images, building the network (and loading the
 * pretrained encoder's weights), then (frozen encoder) computing the images' features.
 */
export type PrepareStage = 'reading' | 'building' | 'encoding';

export type FromTrainingWorker =
  | { type: 'ready'; report: BackendReport }
  | {
      type: 'train/started';
      runId: string;
      identities: string[];
      trainImages: number;
      valImages: number;
      startEpoch: number;
      totalSteps: number;
    }
  | { type: 'train/preparing'; runId: string; stage: PrepareStage; done: number; total: number }
  | { type: 'train/progress'; runId: string; points: StepPoint[] }
  | { type: 'train/epoch'; runId: string; metrics: EpochMetrics }
  | { type: 'train/paused'; runId: string }
  | { type: 'train/resumed'; runId: string }
  | { type: 'train/done'; runId: string; outcome: RunOutcome; error?: SerializedError }
  | { type: 'evaluate/embeddings'; runId: string; result: EmbeddedSplits }
  | { type: 'evaluate/failed'; runId: string; error: SerializedError }
  | { type: 'embed/result'; requestId: number; result: PhotoEmbedding }
  | { type: 'embed/failed'; requestId: number; error: SerializedError }
  | { type: 'export/result'; requestId: number; file: ExportedFile }
  | { type: 'export/failed'; requestId: number; error: SerializedError }
  | { type: 'error'; runId?: string; error: SerializedError };

export interface EmbeddedSplit {
  /** [count, dim] row-major, L2-normalised. */
  embeddings: Float32Array;
  labels: Int32Array;
  imageIds: string[];
}

export interface EmbeddedSplits {
  dim: number;
  identities: string[];
  train: EmbeddedSplit;
  val: EmbeddedSplit;
  test: EmbeddedSplit;
  imagesPerSecond: number;
  backend: BackendName;
}
