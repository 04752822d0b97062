// The running import's progress bar (with cancel) and the summary of the last import:
// how many images were added, how their faces were cropped (and how many went to Unsorted, and
// of those how many came from group photos, and how many to Strangers) and, for every skipped
// file, why.

import type { ImportSummary } from '../../services/run-import';
import { useAppStore } from '../../store';

export function ImportProgressBar() {
  const progress = useAppStore((s) => s.importProgress);
  const cancelImport = useAppStore((s) => s.cancelImport);
  if (!progress) return null;
  return (
    <section className="import-progress" aria-label="Import progress">
      <label htmlFor="import-progress-bar">
        Importing {progress.processed} of {progress.total} files · {progress.added} added ·{' '}
        {progress.skipped} skipped
      </label>
      <progress
        id="import-progress-bar"
        max={Math.max(1, progress.total)}
        value={progress.processed}
      />
      <button type="button" className="quiet" onClick={cancelImport}>
        Cancel import
      </button>
    </section>
  );
}

/** "3 faces to Unsorted (2 from group photos)". */
function unsortedText({ unsorted, unsortedFromGroups }: ImportSummary['faces']): string {
  const groups = unsortedFromGroups > 0 ? ` (${unsortedFromGroups} from group photos)` : '';
  return `${unsorted} face${unsorted === 1 ? '' : 's'} to Unsorted${groups}`;
}

export function ImportSummaryPanel() {
  const summary = useAppStore((s) => s.importSummary);
  const dismiss = useAppStore((s) => s.dismissSummary);
  if (!summary) return null;
  const rate = summary.seconds > 0 ? summary.processed / summary.seconds : 0;
  return (
    <section
      className={`import-summary ${summary.stopped ? 'failed' : ''}`}
      aria-label="Import summary"
      aria-live="polite"
    >
      <h2>
        Import {summary.stopped ? 'stopped' : summary.cancelled ? 'cancelled' : 'finished'}:{' '}
        {summary.added} added, {summary.skipped} skipped
      </h2>
      {summary.stopped && (
        <p className="field-error" role="alert">
          {summary.stopped.message} The {summary.added} images stored before this are kept.
        </p>
      )}
      <p className="muted">
        {summary.processed} files in {summary.seconds.toFixed(1)} s ({rate.toFixed(0)} per second)
        {summary.identitiesCreated.length > 0 &&
          ` · new people: ${summary.identitiesCreated.join(', ')}`}
      </p>
      <p className="muted" data-testid="face-counts">
        Faces: {summary.faces.aligned} aligned
        {summary.faces.severalFaces > 0 &&
          ` (${summary.faces.severalFaces} with several faces: the largest kept)`}
        {summary.faces.centred > 0 &&
          ` · ${summary.faces.centred} with no face found: centre square kept`}
        {summary.faces.skippedNoFace > 0 &&
          ` · ${summary.faces.skippedNoFace} with no face found: skipped`}
        {summary.faces.unsorted > 0 && ` · ${unsortedText(summary.faces)}`}
        {summary.faces.strangers > 0 &&
          ` · ${summary.faces.strangers} face${summary.faces.strangers === 1 ? '' : 's'} to Strangers`}
      </p>
      {summary.foldersWithoutImages.length > 0 && (
        <p className="warning">
          No images found in: {summary.foldersWithoutImages.map((f) => `“${f}”`).join(', ')}.
        </p>
      )}
      {summary.skippedFiles.length > 0 && (
        <details open={summary.skippedFiles.length <= 10}>
          <summary>Skipped files ({summary.skippedFiles.length})</summary>
          <ul className="skipped">
            {summary.skippedFiles.map((file, index) => (
              <li key={`${file.path}-${index}`} data-code={file.code}>
                {file.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <button type="button" className="quiet" onClick={dismiss}>
        Close summary
      </button>
    </section>
  );
}
