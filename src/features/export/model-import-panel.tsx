// The import part of the Export screen for models: open an embedding model trained elsewhere
// (ONNX, or TF.js model.json with its weights, or the studio's own exports), see what it
// declares, set how it is fed (filled from its metadata.json when it has one) with a face crop
// shown as it will see it, and add it as an imported run that Evaluate and Verify use like a
// trained one. The imported models are listed here, to download their templates or delete them.

import { useId, useMemo, useRef, useState } from 'react';
import { toAppError } from '../../lib/errors';
import type { ImportedModelSpec } from '../../ml/imported/imported-model-spec';
import { specProblem } from '../../ml/imported/imported-model-spec';
import { useAppStore } from '../../store';
import { isImportedRun } from '../../storage/run-records';
import type { ChosenFile, ModelInspection } from '../../worker/training-protocol';
import { CropPreview } from './crop-preview';
import { formatSize } from '../../components/download-file';
import { ImportedModelList } from './imported-model-list';
import { ModelSpecForm } from './model-spec-form';
import { TransferStatus } from './transfer-feedback';

const ACCEPT = '.onnx,.json,.bin,.zip';

type Step =
  | { kind: 'idle' }
  | { kind: 'reading'; names: string }
  | {
      kind: 'inspected';
      files: ChosenFile[];
      inspection: ModelInspection;
      spec: ImportedModelSpec;
      name: string;
    }
  | { kind: 'adding'; names: string }
  | { kind: 'done'; text: string }
  | { kind: 'failed'; text: string };

export function ModelImportPanel({ training }: { training: boolean }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const inspectModel = useAppStore((s) => s.inspectModel);
  const importModel = useAppStore((s) => s.importModel);
  const runs = useAppStore((s) => s.runs);
  const images = useAppStore((s) => s.images);
  const identities = useAppStore((s) => s.identities);
  // A face of a person (not Unsorted, not a stranger) to preview the model's input with.
  const previewImage = useMemo(() => {
    const people = new Set(identities.map((person) => person.id));
    return images.find((image) => people.has(image.identityId))?.id;
  }, [images, identities]);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const busy = step.kind === 'reading' || step.kind === 'adding';
  const imported = runs.filter(isImportedRun);

  const picked = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const files = Array.from(list, (file) => ({ name: file.name, data: file as Blob }));
    if (input.current) input.current.value = '';
    const names = files.map((file) => file.name).join(', ');
    setStep({ kind: 'reading', names });
    try {
      const inspection = await inspectModel(files);
      setStep({
        kind: 'inspected',
        files,
        inspection,
        spec: inspection.spec,
        name: inspection.name,
      });
    } catch (error) {
      setStep({ kind: 'failed', text: `${names} was not imported: ${toAppError(error).message}` });
    }
  };

  const add = async (files: ChosenFile[], spec: ImportedModelSpec, name: string) => {
    setStep({ kind: 'adding', names: name });
    const started = performance.now();
    try {
      const run = await importModel(files, spec, name);
      const seconds = (performance.now() - started) / 1000;
      setStep({
        kind: 'done',
        text: `Added ${run.name}: it gives a ${run.dim}-d embedding (checked in ${seconds.toFixed(1)} s). Evaluate it on the Evaluate screen, or try it on Verify.`,
      });
    } catch (error) {
      setStep({ kind: 'failed', text: `${name} was not added: ${toAppError(error).message}` });
    }
  };

  const problem = step.kind === 'inspected' ? specProblem(step.spec) : null;
  return (
    <section className="panel export-section" aria-label="Model import">
      <h2>Import a model</h2>
      <p className="muted">
        Bring a face-embedding model trained elsewhere (PyTorch, InsightFace, the studio’s own
        trainer/) to evaluate it on your people and use it in Verify: one .onnx file, or a TF.js
        model.json chosen with its weight files, or the studio’s TF.js zip. A metadata.json chosen
        with it sets how it is fed. It stays on this machine.
      </p>
      <div className="export-buttons">
        <button
          type="button"
          className="primary"
          disabled={busy || training}
          onClick={() => input.current?.click()}
        >
          Choose model files…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          hidden
          aria-label="Model files"
          data-testid="model-import-input"
          onChange={(e) => void picked(e.currentTarget.files)}
        />
      </div>
      {training && <p className="warning">Model import waits until training stops.</p>}
      {step.kind === 'inspected' && (
        <div className="model-import-form">
          <p>
            {step.inspection.name}: {step.inspection.format === 'onnx' ? 'ONNX' : 'TF.js'} model,{' '}
            {formatSize(step.inspection.sizeBytes)}.{' '}
            {step.inspection.fromMetadata
              ? 'Its metadata set the fields below.'
              : 'It has no Face Studio metadata: check each field below.'}
          </p>
          <div className="row">
            <ModelSpecForm
              inspection={step.inspection}
              spec={step.spec}
              name={step.name}
              disabled={busy}
              onSpec={(spec) => setStep({ ...step, spec })}
              onName={(name) => setStep({ ...step, name })}
            />
            <CropPreview imageId={previewImage} spec={step.spec} />
          </div>
          {problem && <p className="field-error">{problem}</p>}
          <div className="export-buttons">
            <button
              type="button"
              className="primary"
              aria-describedby={`${id}-status`}
              disabled={problem !== null || training}
              onClick={() => void add(step.files, step.spec, step.name)}
            >
              Add model
            </button>
            <button type="button" className="quiet" onClick={() => setStep({ kind: 'idle' })}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <div id={`${id}-status`}>
        <TransferStatus
          testId="model-import-status"
          failure={step.kind === 'failed' ? step.text : null}
        >
          {step.kind === 'reading' && `Reading ${step.names}…`}
          {step.kind === 'adding' && `Checking ${step.names} on two faces and storing it…`}
          {step.kind === 'done' && step.text}
        </TransferStatus>
      </div>
      <ImportedModelList runs={imported} />
    </section>
  );
}
