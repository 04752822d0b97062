// Owns metadata.json of an exported model: everything a program outside the studio needs to
// use the network as the studio does (input size and scaling, the face alignment template,
// who each template is, the threshold) and what it was trained and measured with. Pure data
// in, plain JSON-ready data out, so it is built on the page and written by the worker.

import { templatesInUse, thresholdInUse } from '../ml/metrics/verify-settings';
import { PRETRAINED_INPUT_SIZE, usesPretrainedEncoder, type TrainConfig } from '../ml/config';
import type { StoredEvaluation } from '../storage/evaluation-repo';
import {
  isImportedRun,
  isTrainedRun,
  type ImportedRunRecord,
  type RunRecord,
  type TrainedRunRecord,
} from '../storage/run-records';
import type { FivePoints } from '../vision/face-template';

export const MODEL_METADATA_FORMAT = 'face-studio-model';
export const MODEL_METADATA_VERSION = 1;
/** The names the ONNX file gives its tensors (src/ml/export/onnx-export.ts); TF.js has one of each. */
export const MODEL_INPUT_NAME = 'input';
export const MODEL_OUTPUT_NAME = 'embedding';

export interface ModelInput {
  /** The side S of the network's [batch, S, S, 3] input. */
  size: number;
  range: [number, number];
  normalisation: string;
  /**
   * True for the pretrained encoder: the studio embeds a face and its mirror image, adds the two
   * raw outputs and L2-normalises the sum; its templates and threshold were computed that way.
   */
  flipAverage: boolean;
}

/** What the exported network takes, and how the studio feeds it, for a run's configuration. */
export function modelInputOf(config: Pick<TrainConfig, 'backbone' | 'inputSize'>): ModelInput {
  if (usesPretrainedEncoder(config)) {
    return {
      size: PRETRAINED_INPUT_SIZE,
      range: [0, 255],
      normalisation: 'RGB pixel values 0..255 as they are (the network subtracts its own mean)',
      flipAverage: true,
    };
  }
  return {
    size: config.inputSize,
    range: [-1, 1],
    normalisation: 'RGB pixel / 127.5 - 1 (mean 0.5, std 0.5 per channel on [0, 1])',
    flipAverage: false,
  };
}

export interface ModelTemplate {
  /** The person's class index in the network's training (its row in `identities`). */
  index: number;
  name: string;
  /** Unit length: the normalised mean of the person's normalised train embeddings. */
  vector: number[];
}

export interface ModelMetadata {
  format: typeof MODEL_METADATA_FORMAT;
  version: typeof MODEL_METADATA_VERSION;
  appVersion: string;
  exportedAt: string;
  runId: string;
  backbone: string;
  input: {
    name: string;
    /** [batch, S, S, 3] (NHWC) or [batch, 3, S, S] (NCHW); batch is free. */
    shape: [null, number, number, 3] | [null, 3, number, number];
    size: number;
    range: [number, number];
    normalisation: string;
    /** Absent in files written before imported models: NHWC. */
    layout?: 'NHWC' | 'NCHW';
    /** Absent in files written before imported models: RGB. */
    channels?: 'RGB' | 'BGR';
  };
  output: {
    name: string;
    shape: [null, number];
    dim: number;
    /** See ModelInput.flipAverage. */
    flipAverage: boolean;
    note: string;
  };
  alignment: {
    cropSize: number;
    /** Eye centres, nose tip, mouth corners in unit coordinates of the square crop ("left" is the image's left). */
    template: { x: number; y: number }[];
    points: string[];
    steps: string;
  };
  /** Class index → person, as the network was trained. */
  identities: string[];
  /** From the stored evaluation; empty when the run was not evaluated. */
  templates: ModelTemplate[];
  /** Cosine similarity at or above which two faces are the same person; null if not evaluated. */
  threshold: number | null;
  thresholdChosenOnValidation: number | null;
  /** The training configuration; null for a model imported from elsewhere. */
  config: TrainConfig | null;
  metrics: {
    epochsTrained: number;
    trainImages: number;
    valImages: number;
    finalTrainLoss: number | null;
    finalTrainAccuracy: number | null;
    finalValAccuracy: number | null;
    evaluation: {
      protocol: 'folder-v1';
      top1: number | null;
      auc: number | null;
      tarAtFar1e2: number | null;
      tarAtFar1e3: number | null;
      eer: number | null;
      verificationBalancedAccuracy: number | null;
      test: number;
    } | null;
  };
}

export interface ModelMetadataInput {
  run: RunRecord;
  evaluation: StoredEvaluation | undefined;
  appVersion: string;
  cropSize: number;
  template: FivePoints;
  exportedAt?: Date;
}

const finite = (value: number | undefined): number | null =>
  value !== undefined && Number.isFinite(value) ? value : null;

/** float32 precision is all the network has; more digits only make the file larger. */
const round = (value: number): number => Number(value.toPrecision(8));

function templatesOf(evaluation: StoredEvaluation | undefined): ModelTemplate[] {
  if (!evaluation) return [];
  const { classes, data, dim } = templatesInUse(evaluation.evaluation);
  return classes.map((label, row) => ({
    index: label,
    name: evaluation.identities[label] ?? `class ${label}`,
    vector: Array.from(data.subarray(row * dim, (row + 1) * dim), round),
  }));
}

/** How an imported model is fed, in the same words as a trained one's. */
function importedInputOf(run: ImportedRunRecord): ModelInput {
  const { size, range, flipAverage, channels } = run.spec;
  return {
    size,
    range,
    normalisation: `${channels} pixel values mapped linearly from 0..255 to ${range[0]}..${range[1]}`,
    flipAverage,
  };
}

export function buildModelMetadata(input: ModelMetadataInput): ModelMetadata {
  const { run, evaluation } = input;
  const imported = isImportedRun(run) ? run : null;
  const trained = isTrainedRun(run) ? run : null;
  const { size, range, normalisation, flipAverage } = imported
    ? importedInputOf(imported)
    : modelInputOf((trained as TrainedRunRecord).config);
  const layout = imported?.spec.layout ?? 'NHWC';
  const dim = imported ? imported.dim : (trained as TrainedRunRecord).config.embeddingDim;
  const last = trained?.epochs.at(-1);
  const e = evaluation?.evaluation;
  return {
    format: MODEL_METADATA_FORMAT,
    version: MODEL_METADATA_VERSION,
    appVersion: input.appVersion,
    exportedAt: (input.exportedAt ?? new Date()).toISOString(),
    runId: run.id,
    backbone: imported ? (imported.backbone ?? imported.name) : (trained?.config.backbone ?? ''),
    input: {
      name: imported?.spec.inputName ?? MODEL_INPUT_NAME,
      shape: layout === 'NHWC' ? [null, size, size, 3] : [null, 3, size, size],
      size,
      range,
      normalisation,
      layout,
      channels: imported?.spec.channels ?? 'RGB',
    },
    output: {
      name: imported?.spec.outputName ?? MODEL_OUTPUT_NAME,
      shape: [null, dim],
      dim,
      flipAverage,
      note: flipAverage
        ? 'Raw embedding, not L2-normalised. As the studio does: run the face and its mirror image (flipped left-right), add the two outputs, L2-normalise the sum, then compare by cosine similarity (dot product).'
        : 'Raw embedding, not L2-normalised: normalise it, then compare by cosine similarity (dot product).',
    },
    alignment: {
      cropSize: input.cropSize,
      template: input.template.map((p) => ({ x: round(p.x), y: round(p.y) })),
      points: ['left eye', 'right eye', 'nose tip', 'mouth left', 'mouth right'],
      steps: `Find the face's five points, map them onto template × ${input.cropSize} with a similarity transform (rotation, scale, shift), draw a ${input.cropSize}×${input.cropSize} crop (grey #808080 outside the photo), resize it to ${size}×${size} with a high-quality filter as the studio does (in a browser: createImageBitmap(crop, { resizeWidth: ${size}, resizeHeight: ${size}, resizeQuality: 'high' })), ${range[0] === 0 && range[1] === 255 ? 'keep the values 0..255' : `scale 0..255 to [${range[0]}, ${range[1]}]`}${layout === 'NCHW' ? ', channels first (NCHW)' : ''}${imported?.spec.channels === 'BGR' ? ', in BGR order' : ''}.`,
    },
    // An imported model has no classes of its own: the people are those it was evaluated on.
    identities: trained
      ? trained.identities.map((identity) => identity.name)
      : (evaluation?.identities ?? []),
    templates: templatesOf(evaluation),
    threshold: finite(evaluation?.threshold),
    thresholdChosenOnValidation: finite(e && thresholdInUse(e)),
    config: trained?.config ?? null,
    metrics: {
      epochsTrained: trained?.epochs.length ?? 0,
      trainImages: trained?.trainImages ?? e?.counts.train ?? 0,
      valImages: trained?.valImages ?? e?.counts.val ?? 0,
      finalTrainLoss: finite(last?.trainLoss),
      finalTrainAccuracy: finite(last?.trainAccuracy),
      finalValAccuracy: finite(last?.valAccuracy),
      evaluation: e
        ? {
            protocol: 'folder-v1',
            top1: finite(e.top1),
            auc: finite(e.auc),
            tarAtFar1e2: finite(e.tarAtFar1e2),
            tarAtFar1e3: finite(e.tarAtFar1e3),
            eer: finite(e.eer),
            verificationBalancedAccuracy: finite(e.verifBalAcc),
            test: e.counts.test,
          }
        : null,
    },
  };
}

/** Key-value pairs for the ONNX file's metadata_props: the essentials flat, everything as JSON. */
export function onnxMetadataProps(metadata: ModelMetadata): Record<string, string> {
  return {
    backbone: metadata.backbone,
    input_size: String(metadata.input.size),
    normalisation: metadata.input.normalisation,
    embedding_dim: String(metadata.output.dim),
    identities: JSON.stringify(metadata.identities),
    threshold: metadata.threshold === null ? '' : String(metadata.threshold),
    app_version: metadata.appVersion,
    face_studio_metadata: JSON.stringify(metadata),
  };
}
