// Test data of stored runs: a small finished run and its stored evaluation, and an imported
// model's run with its files.

import { DEFAULT_CONFIG } from '../../ml/config';
import type { StoredEvaluation } from '../evaluation-repo';
import {
  isTrainedRun,
  type ImportedModelRecord,
  type ImportedRunRecord,
  type RunRecord,
  type TrainedRunRecord,
} from '../run-records';

export function sampleRun(overrides: Partial<TrainedRunRecord> = {}): TrainedRunRecord {
  const epochs = [0, 1].map((epoch) => ({
    epoch,
    trainLoss: 2 - epoch,
    trainAccuracy: 0.4 + epoch * 0.2,
    valLoss: 2.5 - epoch,
    valAccuracy: epoch === 0 ? NaN : 0.5,
    learningRate: 0.01 / (epoch + 1),
    imagesPerSecond: 100,
    seconds: 1.5,
    etaSeconds: 0,
  }));
  const steps = Array.from({ length: 6 }, (_, step) => ({
    step,
    epoch: Math.floor(step / 3),
    loss: 3 - step * 0.1,
    accuracy: step / 10,
    learningRate: 0.01,
  }));
  return {
    id: 'run_test',
    createdAt: Date.UTC(2026, 0, 2, 3, 4, 5),
    updatedAt: Date.UTC(2026, 0, 2, 3, 5, 0),
    config: { ...DEFAULT_CONFIG, inputSize: 32, embeddingDim: 4, epochs: 2 },
    identities: [
      { id: 'p1', name: 'Ada' },
      { id: 'p2', name: 'Grace, Admiral' },
      { id: 'p3', name: 'Linus' },
    ],
    trainImages: 30,
    valImages: 9,
    backend: 'wasm',
    status: 'completed',
    epochs,
    steps,
    ...overrides,
  };
}

/** An evaluation whose templates exist for classes 0 and 2 only (class 1 had no train image). */
export function sampleEvaluation(): StoredEvaluation {
  const evaluation = {
    protocol: 'folder-v1',
    identities: 3,
    counts: { train: 30, val: 9, test: 6, valPairs: 36, testSamePairs: 3, testDifferentPairs: 12 },
    top1: 0.8333333333,
    auc: 0.9,
    tarAtFar1e2: NaN,
    tarAtFar1e3: 0.1,
    eer: 0.2,
    threshold: 0.41,
    valBalAcc: 0.8,
    verifBalAcc: 0.75,
    templates: {
      classes: [0, 2],
      dim: 4,
      data: Float64Array.from([1, 0, 0, 0, 0, 0.6, 0.8, 0.123456789012]),
    },
  };
  return {
    runId: 'run_test',
    createdAt: Date.UTC(2026, 0, 2, 4),
    evaluation: evaluation as unknown as StoredEvaluation['evaluation'],
    identities: ['Ada', 'Grace, Admiral', 'Linus'],
    testImageIds: [],
    backend: 'wasm',
    inferImagesPerSecond: 500,
    threshold: 0.45,
  };
}

/** A stored run read back as a trained one (tests of trained runs: fails loudly otherwise). */
export function asTrained(run: RunRecord | undefined): TrainedRunRecord | undefined {
  if (run && !isTrainedRun(run)) throw new Error(`run ${run.id} is not a trained run`);
  return run;
}

/** An imported TF.js model's run (its files: sampleImportedModel). */
export function sampleImportedRun(overrides: Partial<ImportedRunRecord> = {}): ImportedRunRecord {
  return {
    kind: 'imported',
    id: 'run_imported',
    createdAt: Date.UTC(2026, 0, 3),
    updatedAt: Date.UTC(2026, 0, 3, 1),
    name: 'facenet',
    spec: {
      format: 'tfjs',
      inputName: 'input',
      outputName: 'embedding',
      size: 112,
      range: [-1, 1],
      layout: 'NHWC',
      channels: 'RGB',
      flipAverage: true,
    },
    dim: 4,
    sizeBytes: 300,
    backbone: 'resnet18',
    status: 'completed',
    ...overrides,
  };
}

/** The bytes of an imported model's files by name: model.json, weights with every byte value, and a file name no zip entry could have. */
export function sampleModelBytes(): Map<string, Uint8Array> {
  return new Map([
    [
      'model.json',
      new TextEncoder().encode('{"weightsManifest":[{"paths":["group1-shard1of1.bin"]}]}'),
    ],
    ['group1-shard1of1.bin', Uint8Array.from({ length: 256 }, (_, i) => 255 - i)],
    ['../metadata (1).json', new TextEncoder().encode('{"format":"face-studio-model"}')],
  ]);
}

export function sampleImportedModel(runId = 'run_imported'): ImportedModelRecord {
  return {
    runId,
    format: 'tfjs',
    files: [...sampleModelBytes()].map(([name, bytes]) => ({
      name,
      data: new Blob([bytes as Uint8Array<ArrayBuffer>]),
    })),
  };
}
