// The Export screen: take a trained network (TF.js, ONNX, metadata, training log) and the
// dataset (ImageFolder zip) out of the studio, bring an embedding model trained elsewhere in, bring a dataset zip back in, and save or open
// the whole project as one file.

import { useAppStore } from '../../store';
import { isTrainedRun } from '../../storage/run-records';
import { DatasetExportPanel } from './dataset-export-panel';
import { DatasetImportPanel } from './dataset-import-panel';
import { ModelExportPanel } from './model-export-panel';
import { ModelImportPanel } from './model-import-panel';
import { ProjectPanel } from './project-panel';

export function ExportScreen() {
  const runs = useAppStore((s) => s.runs);
  const training = useAppStore((s) => s.activeRun !== null);
  const trained = runs.filter(isTrainedRun).filter((run) => run.epochs.length > 0);
  return (
    <div className="export-screen">
      <ModelExportPanel runs={trained} training={training} />
      <ModelImportPanel training={training} />
      <DatasetExportPanel />
      <DatasetImportPanel />
      <ProjectPanel training={training} />
    </div>
  );
}
