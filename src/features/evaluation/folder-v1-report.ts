// The evaluation as one JSON object in the fields of DESIGN.md section 4 (protocol folder-v1),
// the same shape `npm run eval` prints and the PyTorch reference writes, so they compare line by line.

import {
  imageSizeFor,
  usesFrozenEncoder,
  usesImportedEncoder,
  usesPretrainedEncoder,
} from '../../ml/config';
import { openSetReportFields } from '../../ml/metrics/open-set-report';
import type { StoredEvaluation } from '../../storage/evaluation-repo';
import {
  isImportedRun,
  type ImportedRunRecord,
  type RunRecord,
  type TrainedRunRecord,
} from '../../storage/run-records';

const round = (v: number) => (Number.isFinite(v) ? Number(v.toFixed(4)) : null);

/**
 * `sourceNameOf` names a test image by the file it came from (image ids mean nothing outside the
 * studio); the report lists every test photo given the wrong person.
 */
export function folderV1Report(
  run: RunRecord,
  stored: StoredEvaluation,
  sourceNameOf: (imageId: string) => string | undefined = () => undefined,
) {
  const e = stored.evaluation;
  const truth = e.pca.labels; // the test labels, in the order of the predictions
  const misidentified = e.predictions.flatMap((predicted, i) => {
    if (predicted === truth[i]) return [];
    const id = stored.testImageIds[i] ?? '';
    return [
      {
        image: sourceNameOf(id) ?? id,
        person: stored.identities[truth[i] ?? -1] ?? '?',
        predicted: stored.identities[predicted] ?? '(none)',
      },
    ];
  });
  return {
    protocol: 'folder-v1',
    identities: e.identities,
    /** The run's people whose images were all deleted before this evaluation. */
    people_not_scored: stored.gone ?? [],
    train: e.counts.train,
    val: e.counts.val,
    test: e.counts.test,
    ...(isImportedRun(run) ? importedFields(run, stored) : trainedFields(run)),
    infer_img_per_s: Number(stored.inferImagesPerSecond.toFixed(1)),
    top1: round(e.top1),
    auc: round(e.auc),
    tar_at_far_1e2: round(e.tarAtFar1e2),
    tar_at_far_1e3: round(e.tarAtFar1e3),
    eer: round(e.eer),
    verif_bal_acc: round(e.verifBalAcc),
    threshold: round(e.threshold),
    misidentified,
    // Open set (issue 17); absent for evaluations stored before it existed.
    ...(e.openSet ? openSetReportFields(e.openSet) : {}),
  };
}

/** What a trained run adds: its network, settings and training speed. */
function trainedFields(run: TrainedRunRecord) {
  const frozen = usesFrozenEncoder(run.config);
  const pretrained = usesPretrainedEncoder(run.config);
  const overImported = usesImportedEncoder(run.config);
  const epochs = run.epochs;
  const trainSeconds = epochs.reduce((s, m) => s + m.seconds, 0);
  const trainImages = epochs.length * run.trainImages;
  return {
    // Over an imported model, images are fed at that model's side (its run's `size`).
    size: overImported ? null : imageSizeFor(run.config),
    epochs: epochs.length,
    backend: run.backend,
    train_img_per_s: trainSeconds > 0 ? Number((trainImages / trainSeconds).toFixed(2)) : null,
    mode: overImported
      ? 'imported-frozen'
      : frozen
        ? 'pretrained-frozen'
        : pretrained
          ? 'pretrained-finetune'
          : 'from-scratch',
    ...(overImported ? { encoder_run: run.config.encoderRunId ?? null } : {}),
    backbone: run.config.backbone,
    width: pretrained || overImported ? null : run.config.widthMultiplier,
    embedding_dim: run.config.embeddingDim,
    head: run.config.head,
    scale: run.config.scale,
    margin: run.config.margin,
    optimizer: run.config.optimizer,
    lr: run.config.learningRate,
    batch: run.config.batchSize,
    train_seconds: Number(trainSeconds.toFixed(1)),
    /** Reading and decoding the images, and (frozen encoder) computing their features once. */
    prepare_seconds:
      run.prepareSeconds === undefined ? null : Number(run.prepareSeconds.toFixed(1)),
    final_train_accuracy: round(epochs.at(-1)?.trainAccuracy ?? NaN),
    final_val_accuracy: round(epochs.at(-1)?.valAccuracy ?? NaN),
  };
}

/** What an imported model adds: where it came from and how it is fed; it trained elsewhere. */
function importedFields(run: ImportedRunRecord, stored: StoredEvaluation) {
  return {
    size: run.spec.size,
    epochs: null,
    backend: stored.backend,
    train_img_per_s: null,
    mode: 'imported',
    model: run.name,
    model_format: run.spec.format,
    backbone: run.backbone ?? null,
    embedding_dim: run.dim,
    input_range: run.spec.range,
    input_layout: run.spec.layout,
    input_channels: run.spec.channels,
    flip_average: run.spec.flipAverage,
  };
}
