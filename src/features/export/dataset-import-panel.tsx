// The import part of the Export screen: pick a dataset zip (exported here, or any ImageFolder
// zip) and add its people and images to the studio through the normal import path. A bad zip
// is refused with its reason before anything is written.

import { useState } from 'react';
import { toAppError } from '../../lib/errors';
import { useAppStore } from '../../store';
import {
  readZipForImport,
  restoreCaptureGroups,
  type ZipImportPlan,
  type ZipReadProgress,
} from '../../services/dataset-import';
import { FOLDERS_OR_UNSORTED } from '../../services/import-request';
import { ZipFileButton } from './zip-file-button';
import { TransferProgress, TransferStatus } from './transfer-feedback';

type Status =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string; progress: ZipReadProgress | null }
  | { kind: 'importing'; name: string }
  | { kind: 'done'; text: string; details: string[] }
  | { kind: 'failed'; text: string };

function outcome(
  plan: ZipImportPlan,
  added: number,
  skipped: number,
  skippedReasons: string[],
): { text: string; details: string[] } {
  const details: string[] = [];
  if (plan.alreadyStored > 0)
    details.push(
      `${plan.alreadyStored} image${plan.alreadyStored === 1 ? ' was' : 's were'} already in the studio.`,
    );
  if (plan.skippedFiles > 0)
    details.push(
      `${plan.skippedFiles} file${plan.skippedFiles === 1 ? '' : 's'} in the zip ${plan.skippedFiles === 1 ? 'is' : 'are'} not an image and ${plan.skippedFiles === 1 ? 'was' : 'were'} ignored.`,
    );
  details.push(...skippedReasons.slice(0, 10));
  if (skippedReasons.length > 10)
    details.push(`… and ${skippedReasons.length - 10} more skipped files.`);
  const people = plan.people.length;
  return {
    text: `Imported ${added} of ${plan.images} images of ${people} ${people === 1 ? 'person' : 'people'}; ${skipped + plan.alreadyStored} skipped.`,
    details,
  };
}

export function DatasetImportPanel() {
  const importFiles = useAppStore((s) => s.importFiles);
  const progress = useAppStore((s) => s.importProgress);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const busy = status.kind === 'reading' || status.kind === 'importing' || progress !== null;

  const importZip = async (file: File) => {
    setStatus({ kind: 'reading', name: file.name, progress: null });
    let plan: ZipImportPlan;
    try {
      // A pending delete becomes final first, so its images do not count as already stored.
      await useAppStore
        .getState()
        .dismissUndo()
        .catch(() => undefined);
      const storedIds = useAppStore.getState().images.map((image) => image.id);
      plan = await readZipForImport(file, storedIds, (p) =>
        setStatus({ kind: 'reading', name: file.name, progress: p }),
      );
    } catch (error) {
      setStatus({
        kind: 'failed',
        text: `${file.name} was not imported: ${toAppError(error).message}`,
      });
      return;
    }
    if (plan.collected.files.length === 0) {
      setStatus({ kind: 'done', ...outcome(plan, 0, 0, []) });
      return;
    }
    setStatus({ kind: 'importing', name: file.name });
    // Our own zip holds aligned crops: where the detector misses a face, the crop itself is kept.
    const summary = await importFiles(
      plan.collected,
      FOLDERS_OR_UNSORTED,
      plan.fromFaceStudio ? 'centre' : undefined,
    );
    if (!summary) {
      setStatus({ kind: 'failed', text: `${file.name} was not imported; see the message above.` });
      return;
    }
    try {
      if (
        (await restoreCaptureGroups(
          useAppStore.getState().images,
          plan.captureGroups,
          plan.splits,
        )) > 0
      )
        await useAppStore.getState().loadDataset();
    } catch (error) {
      useAppStore.getState().showNotice({ kind: 'error', text: toAppError(error).message });
    }
    const stopped = summary.stopped
      ? [`${summary.stopped.message} The ${summary.added} images stored before this are kept.`]
      : [];
    const reasons = [...stopped, ...summary.skippedFiles.map((f) => f.reason)];
    setStatus({ kind: 'done', ...outcome(plan, summary.added, summary.skipped, reasons) });
  };

  return (
    <section className="panel export-section" aria-label="Dataset import">
      <h2>Import a dataset</h2>
      <p className="muted">
        A zip exported here, or any zip in ImageFolder layout (&lt;person&gt;/&lt;image&gt;,
        optionally inside one top folder). People are added or merged by name; images already stored
        are found by their content and skipped.
      </p>
      <div className="export-buttons">
        <ZipFileButton
          label="Import dataset zip…"
          inputLabel="Dataset zip file"
          testId="dataset-zip-input"
          disabled={busy}
          primary
          onFile={(file) => void importZip(file)}
        />
      </div>
      {status.kind === 'reading' && (
        <TransferProgress
          label={`Checking and unpacking ${status.name}${status.progress ? `: image ${status.progress.read} of ${status.progress.total}` : '…'}`}
          done={status.progress?.read ?? 0}
          total={status.progress?.total ?? 1}
        />
      )}
      {status.kind === 'importing' && progress && (
        <TransferProgress
          label={`Importing ${progress.processed} of ${progress.total} images · ${progress.added} added · ${progress.skipped} skipped`}
          done={progress.processed}
          total={progress.total}
          onCancel={() => useAppStore.getState().cancelImport()}
          cancelLabel="Cancel import"
        />
      )}
      <TransferStatus
        testId="dataset-import-status"
        failure={status.kind === 'failed' ? status.text : null}
      >
        {status.kind === 'done' && (
          <>
            <p>{status.text}</p>
            {status.details.length > 0 && (
              <ul className="skipped">
                {status.details.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </TransferStatus>
    </section>
  );
}
