// The Dataset screen: add people and images (drop, pick, or the sample set), watch the import,
// sort Unsorted faces and fix labels image by image (select, drag, Move to, Delete, Undo and
// Redo), review each person's images and their train/val/test split, and keep the strangers
// (faces to be rejected, never a person) apart.

import { useMemo, useState } from 'react';
import { DropZone } from '../../components/drop-zone';
import { toAppError } from '../../lib/errors';
import { FOLDERS_OR_UNSORTED } from '../../services/import-request';
import { useAppStore } from '../../store';
import { AddPersonForm } from './add-person-form';
import { collectDropped } from './collect-files';
import { IdentityCard } from './identity-card';
import { ImageDetail } from './image-detail';
import { SelectionBar } from './selection-bar';
import { SuspectsPanel } from './suspects-panel';
import { UnsortedTray } from './unsorted-tray';
import { useLabelShortcuts } from './use-label-shortcuts';
import { ImportControls } from './import-controls';
import { ImportProgressBar, ImportSummaryPanel } from './import-status';
import { fetchSampleFaces } from './sample-faces';
import { StorageMeter } from './storage-meter';
import { STRANGERS_DROP_ATTRIBUTE, StrangersTray, TO_STRANGERS } from './strangers-tray';
import { useIdentitySummaries } from './use-identity-summaries';
import { visibleIdentities } from '../../domain/identity-summaries';
import { STRANGERS_ID, UNSORTED_ID } from '../../storage/records';

export function DatasetScreen() {
  const status = useAppStore((s) => s.datasetStatus);
  const importFiles = useAppStore((s) => s.importFiles);
  const showNotice = useAppStore((s) => s.showNotice);
  const busy = useAppStore((s) => s.importProgress !== null);
  const summaries = useIdentitySummaries();
  // One list for every card (whom a person can be merged into), new only when the people change.
  const identities = useAppStore((s) => s.identities);
  const hidden = useAppStore((s) => s.hiddenIdentityIds);
  const people = useMemo(() => visibleIdentities(identities, hidden), [identities, hidden]);
  const [looseTarget, setLooseTarget] = useState('');
  const totalImages = summaries.reduce((n, s) => n + s.images.length, 0);

  const unsortedCount = useAppStore(
    (s) => s.images.filter((i) => i.identityId === UNSORTED_ID).length,
  );
  const hasUnsorted = unsortedCount > 0;
  const strangersCount = useAppStore(
    (s) => s.images.filter((i) => i.identityId === STRANGERS_ID).length,
  );
  useLabelShortcuts();

  const onDrop = (dataTransfer: DataTransfer, droppedOn: Element | null) => {
    // Files dropped onto a person's card are theirs, onto Strangers strangers; elsewhere,
    // folders name their people.
    const card = droppedOn?.closest<HTMLElement>('[data-person-name]');
    const person = card?.dataset.personName;
    const toStrangers = droppedOn?.closest(`[${STRANGERS_DROP_ATTRIBUTE}]`) != null;
    collectDropped(dataTransfer)
      .then((collected) =>
        importFiles(
          collected,
          person
            ? { by: 'person', name: person }
            : toStrangers
              ? TO_STRANGERS
              : { by: 'folder', loose: looseTarget || null },
        ),
      )
      .catch((error: unknown) => showNotice({ kind: 'error', text: toAppError(error).message }));
  };

  const loadSample = () => {
    fetchSampleFaces()
      .then((collected) => importFiles(collected, FOLDERS_OR_UNSORTED, 'centre'))
      .catch((error: unknown) => showNotice({ kind: 'error', text: toAppError(error).message }));
  };

  if (status === 'loading') return <p className="muted">Loading your dataset…</p>;

  return (
    <DropZone onDropData={onDrop} hint="Drop photos or folders to import them">
      <section className="dataset-top" aria-label="Add people and images">
        <AddPersonForm />
        <ImportControls looseTarget={looseTarget} onLooseTargetChange={setLooseTarget} />
        <div className="drop-hint">
          <strong>Drop photos or folders anywhere here.</strong>
          <span className="muted">
            A folder’s name becomes the person (e.g. people/Ada/1.jpg → Ada); loose photos go to
            Unsorted, every face its own image, to sort with Group similar faces; photos dropped
            onto a person’s card are theirs, onto Strangers strangers. JPEG, PNG, WebP, GIF, BMP.
          </span>
        </div>
      </section>
      <ImportProgressBar />
      <ImportSummaryPanel />
      <div className="dataset-stats">
        <h2>
          {summaries.length} {summaries.length === 1 ? 'person' : 'people'} · {totalImages} image
          {totalImages === 1 ? '' : 's'}
          {hasUnsorted && ` · ${unsortedCount} unsorted`}
          {strangersCount > 0 && ` · ${strangersCount} strangers`}
        </h2>
        <StorageMeter />
      </div>
      <SelectionBar />
      {(hasUnsorted || summaries.length > 0) && <UnsortedTray />}
      <SuspectsPanel />
      {summaries.length === 0 && !hasUnsorted && strangersCount === 0 ? (
        <div className="empty-state">
          <p>No people yet. Drop a folder of photos per person, or start with the sample faces.</p>
          <button type="button" className="primary" disabled={busy} onClick={loadSample}>
            Load sample faces
          </button>
        </div>
      ) : (
        <div className="identity-grid">
          {summaries.map((summary) => (
            <IdentityCard key={summary.identity.id} summary={summary} people={people} />
          ))}
        </div>
      )}
      <StrangersTray />
      <ImageDetail />
    </DropZone>
  );
}
