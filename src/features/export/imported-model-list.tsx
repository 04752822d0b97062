// The imported models, one row each: what it is, its templates and threshold as metadata.json
// (once evaluated), and Delete (its files, evaluation and record go together).

import { useAppStore } from '../../store';
import { getEvaluation } from '../../storage/evaluation-repo';
import { describeImportedModel, type ImportedRunRecord } from '../../storage/run-records';
import { buildModelMetadata } from '../../transfer/model-metadata';
import { CROP_SIZE, FACE_TEMPLATE } from '../../vision/face-template';
import { APP_VERSION } from './app-version';
import { downloadText, formatSize } from '../../components/download-file';
import { runBaseName } from './export-names';

async function downloadTemplates(run: ImportedRunRecord): Promise<void> {
  const evaluation = await getEvaluation(run.id);
  const metadata = buildModelMetadata({
    run,
    evaluation,
    appVersion: APP_VERSION,
    cropSize: CROP_SIZE,
    template: FACE_TEMPLATE,
  });
  downloadText(
    JSON.stringify(metadata, null, 2),
    `${runBaseName(run)}-metadata.json`,
    'application/json',
  );
}

export function ImportedModelList({ runs }: { runs: readonly ImportedRunRecord[] }) {
  const removeRun = useAppStore((s) => s.removeRun);
  if (runs.length === 0) return null;
  return (
    <table className="runs" aria-label="Imported models">
      <thead>
        <tr>
          <th scope="col">Imported</th>
          <th scope="col">Model</th>
          <th scope="col">Size</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <td>{new Date(run.createdAt).toLocaleString()}</td>
            <td>{describeImportedModel(run)}</td>
            <td>{formatSize(run.sizeBytes)}</td>
            <td className="row">
              <button type="button" onClick={() => void downloadTemplates(run)}>
                Templates (JSON)
              </button>
              <button
                type="button"
                className="danger"
                aria-label={`Delete imported model ${run.name}`}
                onClick={() => void removeRun(run.id)}
              >
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
