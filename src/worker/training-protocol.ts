// The typed protocol between the page and the training worker. Every run message carries its
// run id, so late messages from an old run are dropped; errors cross as {code, message}.
// Requests (a Verify photo, an export, an evaluation) carry a request id and are answered once,
// by an 'answer' or a 'failed' message with that id (see request-bridge.ts).

import type { SerializedError } from '../lib/errors';
import type { BackendName, EpochMetrics, StepPoint } from '../ml/run-progress';
import type { ModelMetadata } from '../transfer/model-metadata';
import type { BackendChoice, BackendReport } from '../backends/choose-backend';
import type { ExportedFile, ModelFormat } from '../runs/model-export';
import type { PhotoEmbedding } from '../runs/photo-embedder';
import type { OpenSetRequest, RunEvaluation } from '../runs/evaluate-run';
import type { ChosenFile, ModelInspection } from '../runs/model-import';
import type { ImportedModelSpec } from '../ml/imported/imported-model-spec';
import type { ImportedRunRecord } from '../storage/run-records';
import type {
  PrepareStage,
  RunOutcome,
  RunStart,
  TrainingSessionMessage,
} from '../runs/session-messages';

export type { BackendName, EpochMetrics, OpenSetRequest, RunEvaluation, StepPoint };

export type { BackendChoice, BackendReport, ExportedFile, ModelFormat, PhotoEmbedding };
export type { ChosenFile, ImportedModelSpec, ImportedRunRecord, ModelInspection };
export type { PrepareStage, RunOutcome, RunStart, TrainingSessionMessage };

export type ToTrainingWorker =
  /** `wasmThreads` caps WebAssembly's threads (1 after a threaded start failed). */
  | { type: 'init'; backend: BackendChoice; wasmThreads?: number }
  | ({ type: 'train/start' } & RunStart)
  | { type: 'train/pause'; runId: string }
  | { type: 'train/resume'; runId: string }
  | { type: 'train/stop'; runId: string }
  /** Embeds the run's train, val and test photos and computes folder-v1 on them. */
  | { type: 'evaluate/run'; requestId: number; runId: string; options: OpenSetRequest }
  /** A photo file, or a decoded webcam frame (transferred). */
  /** `live`: a frame of a video, whose face is looked for near the last frame's first. */
  | {
      type: 'embed/photo';
      requestId: number;
      runId: string;
      photo: Blob | ImageBitmap | VideoFrame;
      live: boolean;
    }
  | {
      type: 'export/model';
      requestId: number;
      runId: string;
      format: ModelFormat;
      metadata: ModelMetadata;
      baseName: string;
    }
  /** Reads an embedding model's files (ONNX, TF.js) and says what it declares. */
  | { type: 'model/inspect'; requestId: number; files: ChosenFile[] }
  /** Checks the model with these settings and stores it as an imported run. */
  | {
      type: 'model/import';
      requestId: number;
      files: ChosenFile[];
      spec: ImportedModelSpec;
      name: string;
    };

/** The messages the worker answers once, by request id. */
export type TrainingRequest = Extract<ToTrainingWorker, { requestId: number }>;
export type TrainingRequestKind = TrainingRequest['type'];

/** What each request answers. */
export interface TrainingAnswers {
  'embed/photo': PhotoEmbedding;
  'export/model': ExportedFile;
  'evaluate/run': RunEvaluation;
  'model/inspect': ModelInspection;
  'model/import': ImportedRunRecord;
}

/** The answer to one request, its kind named so a mixed-up id is caught (one variant a kind). */
export type TrainingAnswer = {
  [K in TrainingRequestKind]: {
    type: 'answer';
    kind: K;
    requestId: number;
    result: TrainingAnswers[K];
  };
}[TrainingRequestKind];

export type FromTrainingWorker =
  | { type: 'ready'; report: BackendReport }
  /** A run's progress, as the training session posts it (runs/session-messages.ts). */
  | TrainingSessionMessage
  | TrainingAnswer
  | { type: 'failed'; requestId: number; error: SerializedError }
  | { type: 'error'; runId?: string; error: SerializedError };

/** What the worker says unasked (backend, run progress, errors): every message but answers. */
export type TrainingEvent = Exclude<FromTrainingWorker, { requestId: number }>;
