// The model part of the Export screen: pick a trained run and download its network as TF.js
// (a zip of model.json, weights.bin and metadata.json) or ONNX, both written in the training
// worker, its metadata alone, and its training log as CSV (per step, per epoch) or JSON.

import { useId, useState } from 'react';
import { useAppStore } from '../../store';
import { toAppError } from '../../lib/errors';
import { getEvaluation } from '../../storage/evaluation-repo';
import { describeRun, type TrainedRunRecord } from '../../storage/run-records';
import { buildModelMetadata, modelInputOf } from '../../transfer/model-metadata';
import { epochsCsv, stepsCsv, trainingLogJson } from '../../transfer/training-log';
import { CROP_SIZE, FACE_TEMPLATE } from '../../vision/face-template';
import type { ModelFormat } from '../../worker/training-protocol';
import { APP_VERSION } from './app-version';
import { downloadBlob, downloadText, formatSize } from '../../components/download-file';
import { runBaseName } from './export-names';
import { useStoredEvaluation } from './use-stored-evaluation';
import { describeNetwork, usesImportedEncoder } from '../../ml/config';
import { TransferStatus } from './transfer-feedback';

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; text: string }
  | { kind: 'done'; text: string }
  | { kind: 'failed'; text: string };

const FORMAT_LABEL: Record<ModelFormat, string> = { tfjs: 'TF.js model', onnx: 'ONNX model' };

async function metadataFor(run: TrainedRunRecord) {
  const evaluation = await getEvaluation(run.id).catch(() => undefined);
  return buildModelMetadata({
    run,
    evaluation,
    appVersion: APP_VERSION,
    cropSize: CROP_SIZE,
    template: FACE_TEMPLATE,
  });
}

export function ModelExportPanel({
  runs,
  training,
}: {
  runs: readonly TrainedRunRecord[];
  training: boolean;
}) {
  const id = useId();
  const exportModelFile = useAppStore((s) => s.exportModel);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const run = runs.find((r) => r.id === chosenId) ?? runs[0];
  const evaluation = useStoredEvaluation(run?.id);

  if (!run) {
    return (
      <section className="panel" aria-label="Model export">
        <h2>Model</h2>
        <p className="muted">
          No trained run yet. Train a model on the Train screen (at least one epoch), then export it
          here.
        </p>
      </section>
    );
  }
  const overImported = usesImportedEncoder(run.config);
  const input = modelInputOf(run.config);
  const busy = status.kind === 'busy';
  const base = runBaseName(run);

  const exportModel = async (format: ModelFormat) => {
    const started = performance.now();
    setStatus({ kind: 'busy', text: `Writing the ${FORMAT_LABEL[format]}…` });
    try {
      const file = await exportModelFile(run.id, format, await metadataFor(run), base);
      downloadBlob(
        new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mimeType }),
        file.fileName,
      );
      const seconds = (performance.now() - started) / 1000;
      setStatus({
        kind: 'done',
        text: `Saved ${file.fileName} (${formatSize(file.bytes.length)}) in ${seconds.toFixed(1)} s.`,
      });
    } catch (error) {
      setStatus({ kind: 'failed', text: toAppError(error).message });
    }
  };

  const exportText = async (
    make: () => string | Promise<string>,
    fileName: string,
    mimeType: string,
  ) => {
    try {
      const text = await make();
      downloadText(text, fileName, mimeType);
      setStatus({
        kind: 'done',
        text: `Saved ${fileName} (${formatSize(new Blob([text]).size)}).`,
      });
    } catch (error) {
      setStatus({ kind: 'failed', text: toAppError(error).message });
    }
  };

  return (
    <section className="panel export-section" aria-label="Model export">
      <h2>Model</h2>
      <div className="row">
        <label htmlFor={`${id}-run`}>Run</label>
        <select id={`${id}-run`} value={run.id} onChange={(e) => setChosenId(e.target.value)}>
          {runs.map((r) => (
            <option key={r.id} value={r.id}>
              {describeRun(r)}
            </option>
          ))}
        </select>
      </div>
      {overImported ? (
        <p className="muted" data-testid="model-export-over-imported">
          This run trains a projection and head over an imported model, which runs outside TF.js:
          the two cannot be written as one model file. Its training log is below; the imported
          model’s own file is the one you imported.
        </p>
      ) : (
        <>
          <p className="muted">
            The embedding network ({describeNetwork(run.config)}): input “input” [batch,{' '}
            {input.size}, {input.size}, 3],{' '}
            {input.range[0] === 0 ? 'RGB values 0..255' : 'RGB scaled to [-1, 1]'}; output
            “embedding” [batch, {run.config.embeddingDim}]
            {input.flipAverage &&
              '; to match the studio, add the output for the mirror image of the face, then normalise (metadata output.flipAverage)'}
            . metadata.json holds the face alignment template, the people, their templates and the
            threshold.
          </p>
          {evaluation === null && (
            <p className="muted">
              This run is not evaluated yet: evaluate it on the Evaluate screen to include the
              people’s templates and the threshold.
            </p>
          )}
          {evaluation && (
            <p className="muted">
              Evaluated: the templates of {evaluation.evaluation.templates.classes.length} people
              and the threshold {evaluation.threshold.toFixed(3)} are included.
            </p>
          )}
          {training && <p className="warning">Model export waits until training stops.</p>}
          <div className="export-buttons">
            <button
              type="button"
              className="primary"
              disabled={busy || training}
              onClick={() => void exportModel('tfjs')}
            >
              Download TF.js model
            </button>
            <button
              type="button"
              disabled={busy || training}
              onClick={() => void exportModel('onnx')}
            >
              Download ONNX model
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void exportText(
                  async () => JSON.stringify(await metadataFor(run), null, 2),
                  `${base}-metadata.json`,
                  'application/json',
                )
              }
            >
              Download metadata (JSON)
            </button>
          </div>
        </>
      )}
      <div className="export-buttons">
        <span className="muted">
          Training log ({run.steps.length} steps, {run.epochs.length} epochs):
        </span>
        {[
          {
            label: 'Steps (CSV)',
            make: () => stepsCsv(run),
            file: `${base}-steps.csv`,
            type: 'text/csv',
          },
          {
            label: 'Epochs (CSV)',
            make: () => epochsCsv(run),
            file: `${base}-epochs.csv`,
            type: 'text/csv',
          },
          {
            label: 'Log (JSON)',
            make: () => trainingLogJson(run, APP_VERSION),
            file: `${base}-log.json`,
            type: 'application/json',
          },
        ].map((log) => (
          <button
            key={log.label}
            type="button"
            disabled={busy}
            onClick={() => void exportText(log.make, log.file, log.type)}
          >
            {log.label}
          </button>
        ))}
      </div>
      <TransferStatus
        testId="model-export-status"
        failure={status.kind === 'failed' ? status.text : null}
      >
        {(status.kind === 'busy' || status.kind === 'done') && <p>{status.text}</p>}
      </TransferStatus>
    </section>
  );
}
