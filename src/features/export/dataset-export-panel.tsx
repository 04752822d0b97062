// The dataset part of the Export screen: download every person's aligned face crops as one
// ImageFolder zip with manifest.json (splits, capture groups, hashes), with a progress bar and
// a cancel button while it is written. Unsorted images (no person yet) and strangers (never a
// person) are left out, and it says so.

import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { toAppError } from '../../lib/errors';
import { STRANGERS_ID, UNSORTED_ID } from '../../storage/records';
import { useAppStore } from '../../store';
import type { ZipWriteProgress } from '../../transfer/dataset-zip-writer';
import { APP_VERSION } from './app-version';
import { exportDatasetZip } from '../../services/dataset-export';
import { downloadBlob, formatSize } from '../../components/download-file';
import { datasetFileName } from './export-names';
import { TransferProgress, TransferStatus } from './transfer-feedback';

type Status =
  | { kind: 'idle' }
  | { kind: 'running'; progress: ZipWriteProgress }
  | { kind: 'done'; text: string }
  | { kind: 'failed'; text: string };

/**
 * " 3 Unsorted images are left out: … 80 strangers are left out: …", or '' when there are
 * neither.
 */
function leftOutNote(unsorted: number, strangers: number): string {
  const notes: string[] = [];
  if (unsorted > 0) {
    const images = unsorted === 1 ? '1 Unsorted image is' : `${unsorted} Unsorted images are`;
    notes.push(`${images} left out: they belong to no person yet`);
  }
  if (strangers > 0) {
    const faces = strangers === 1 ? '1 stranger is' : `${strangers} strangers are`;
    notes.push(`${faces} left out: they are never a person`);
  }
  if (notes.length === 0) return '';
  const kept = notes.length === 1 ? 'keeps them' : 'keeps both';
  return ` ${notes.join('. ')} (the project file ${kept}).`;
}

export function DatasetExportPanel() {
  const { identities, images, hidden, importing } = useAppStore(
    useShallow((s) => ({
      identities: s.identities,
      images: s.images,
      hidden: s.hiddenIdentityIds,
      importing: s.importProgress !== null,
    })),
  );
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const people = identities.filter((identity) => !hidden.includes(identity.id));
  const peopleIds = new Set(people.map((p) => p.id));
  const visibleImages = images.filter((image) => peopleIds.has(image.identityId));
  const unsorted = images.filter((image) => image.identityId === UNSORTED_ID);
  const strangers = images.filter((image) => image.identityId === STRANGERS_ID);

  const run = async () => {
    const abort = new AbortController();
    controller.current = abort;
    setStatus({ kind: 'running', progress: { written: 0, total: visibleImages.length } });
    let last = 0;
    try {
      const result = await exportDatasetZip({
        identities: people,
        images: [...visibleImages, ...unsorted, ...strangers],
        appVersion: APP_VERSION,
        signal: abort.signal,
        onProgress: (progress) => {
          // Thousands of images should not mean thousands of renders.
          const now = performance.now();
          if (now - last > 100 || progress.written === progress.total) {
            last = now;
            setStatus({ kind: 'running', progress });
          }
        },
      });
      const fileName = datasetFileName();
      downloadBlob(result.blob, fileName);
      const missing =
        result.missing > 0
          ? ` ${result.missing} image${result.missing === 1 ? '' : 's'} had no stored crop and were left out.`
          : '';
      setStatus({
        kind: 'done',
        text: `Saved ${fileName}: ${result.people} people, ${result.images} images, ${formatSize(result.blob.size)} in ${result.seconds.toFixed(1)} s.${missing}${leftOutNote(result.unsortedLeftOut, result.strangersLeftOut)}`,
      });
    } catch (error) {
      setStatus(
        abort.signal.aborted
          ? { kind: 'idle' }
          : { kind: 'failed', text: toAppError(error).message },
      );
    } finally {
      controller.current = null;
    }
  };

  return (
    <section className="panel export-section" aria-label="Dataset export">
      <h2>Dataset</h2>
      <p className="muted">
        Every person’s aligned 128×128 face crops as a zip in ImageFolder layout
        (&lt;person&gt;/&lt;image&gt;.jpg) with manifest.json: the train/val/test split, capture
        groups and SHA-256 of each image. torchvision.datasets.ImageFolder reads it as it is.
      </p>
      <div className="export-buttons">
        <button
          type="button"
          className="primary"
          disabled={status.kind === 'running' || importing || visibleImages.length === 0}
          onClick={() => void run()}
        >
          Download dataset (zip)
        </button>
        <span className="muted">
          {people.length} {people.length === 1 ? 'person' : 'people'} · {visibleImages.length} image
          {visibleImages.length === 1 ? '' : 's'}
          {unsorted.length + strangers.length > 0 &&
            `.${leftOutNote(unsorted.length, strangers.length)}`}
        </span>
      </div>
      {status.kind === 'running' && (
        <TransferProgress
          label={`Writing image ${status.progress.written} of ${status.progress.total}…`}
          done={status.progress.written}
          total={status.progress.total}
          onCancel={() => controller.current?.abort()}
          cancelLabel="Cancel export"
        />
      )}
      <TransferStatus
        testId="dataset-export-status"
        failure={status.kind === 'failed' ? status.text : null}
      >
        {status.kind === 'done' && <p>{status.text}</p>}
      </TransferStatus>
    </section>
  );
}
