// The project part of the Export screen: save the whole studio (people, images, runs with their
// checkpoints and evaluations, imported models with their files, settings) as one file, and open
// such a file into this studio, merged with what is here. A bad or newer file is refused before
// anything is written.

import { useState } from 'react';
import { toAppError } from '../../lib/errors';
import { useAppStore } from '../../store';
import { listRuns } from '../../storage/run-repo';
import { openProjectZip } from '../../transfer/project-file';
import { APP_VERSION } from './app-version';
import { downloadBlob, formatSize } from '../../components/download-file';
import { projectFileName } from './export-names';
import { exportProjectFile } from '../../services/project-export';
import { importProject } from '../../services/project-import';
import { ZipFileButton } from './zip-file-button';
import { TransferProgress, TransferStatus } from './transfer-feedback';

type Status =
  | { kind: 'idle' }
  | { kind: 'running'; text: string; done: number; total: number }
  | { kind: 'done'; text: string }
  | { kind: 'failed'; text: string };

/** " (2 Unsorted, 80 strangers)" of the images saved, or '' when there are neither. */
function imagesNote(unsorted: number, strangers: number): string {
  const parts = [
    ...(unsorted > 0 ? [`${unsorted} Unsorted`] : []),
    ...(strangers > 0 ? [`${strangers} stranger${strangers === 1 ? '' : 's'}`] : []),
  ];
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** " (1 imported model)" of the runs saved, or '' when there are none. */
function modelsNote(importedModels: number): string {
  return importedModels > 0
    ? ` (${importedModels} imported model${importedModels === 1 ? '' : 's'})`
    : '';
}

export function ProjectPanel({ training }: { training: boolean }) {
  const importing = useAppStore((s) => s.importProgress !== null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const busy = status.kind === 'running' || importing || training;

  const save = async () => {
    setStatus({ kind: 'running', text: 'Saving the project', done: 0, total: 1 });
    try {
      const store = useAppStore.getState();
      await store.dismissUndo().catch(() => undefined);
      const { identities, images, noFacePolicy } = useAppStore.getState();
      const result = await exportProjectFile({
        identities,
        images,
        settings: { noFacePolicy },
        appVersion: APP_VERSION,
        onProgress: (done, total) =>
          setStatus({ kind: 'running', text: 'Saving the project', done, total }),
      });
      const fileName = projectFileName();
      downloadBlob(result.blob, fileName);
      setStatus({
        kind: 'done',
        text: `Saved ${fileName}: ${result.people} people, ${result.images} images${imagesNote(result.unsorted, result.strangers)}, ${result.photos} source photos, ${result.runs} run${result.runs === 1 ? '' : 's'}${modelsNote(result.importedModels)}, ${formatSize(result.blob.size)} in ${result.seconds.toFixed(1)} s.`,
      });
    } catch (error) {
      setStatus({ kind: 'failed', text: toAppError(error).message });
    }
  };

  const open = async (file: File) => {
    setStatus({ kind: 'running', text: `Checking ${file.name}`, done: 0, total: 1 });
    try {
      const project = await openProjectZip(file);
      const store = useAppStore.getState();
      await store.dismissUndo().catch(() => undefined);
      const summary = await importProject(project, {
        identityIdFor: (name) => useAppStore.getState().ensureIdentity(name),
        storedImages: useAppStore.getState().images,
        storedRunIds: new Set((await listRuns()).map((run) => run.id)),
        onProgress: (done, total) =>
          setStatus({ kind: 'running', text: `Opening ${file.name}`, done, total }),
      });
      if (project.index.settings.noFacePolicy)
        store.setNoFacePolicy(project.index.settings.noFacePolicy);
      await Promise.all([store.loadDataset(), store.loadRuns()]);
      const skipped =
        summary.imagesSkipped + summary.runsSkipped > 0
          ? ` Already here: ${summary.imagesSkipped} images, ${summary.runsSkipped} runs.`
          : '';
      setStatus({
        kind: 'done',
        text: `Opened ${file.name}: ${summary.people} people (${summary.peopleCreated} new), ${summary.imagesAdded} images and ${summary.runsAdded} runs added in ${summary.seconds.toFixed(1)} s.${skipped}`,
      });
    } catch (error) {
      setStatus({
        kind: 'failed',
        text: `${file.name} was not opened: ${toAppError(error).message}`,
      });
    }
  };

  return (
    <section className="panel export-section" aria-label="Project file">
      <h2>Project</h2>
      <p className="muted">
        The whole studio as one file — people, images (Unsorted and strangers too) with their source
        photos, runs with their checkpoints and evaluations, imported models with their files,
        settings — to move it to another browser or keep a backup. Opening a project merges it with
        what is here.
      </p>
      {training && (
        <p className="warning">Saving or opening a project waits until training stops.</p>
      )}
      <div className="export-buttons">
        <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
          Download project file
        </button>
        <ZipFileButton
          label="Open project file…"
          inputLabel="Project file"
          testId="project-file-input"
          disabled={busy}
          onFile={(file) => void open(file)}
        />
      </div>
      {status.kind === 'running' && (
        <TransferProgress
          label={`${status.text}: ${status.done} of ${status.total}…`}
          done={status.done}
          total={status.total}
        />
      )}
      <TransferStatus
        testId="project-status"
        failure={status.kind === 'failed' ? status.text : null}
      >
        {status.kind === 'done' && <p>{status.text}</p>}
      </TransferStatus>
    </section>
  );
}
