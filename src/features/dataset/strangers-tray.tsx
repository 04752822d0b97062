// The Strangers section: faces of people the studio should answer "unknown" for, kept apart from
// people and from Unsorted (never a class, never trained on; only val and test). Files dropped
// here or picked with its buttons go to Strangers (a folder per stranger keeps their photos in
// one capture group); "Add sample strangers" adds the ORL people the sample faces do not use.
// Its thumbnails are selected and dragged like any others; images dragged onto it become
// strangers.

import { useMemo } from 'react';
import { toAppError } from '../../lib/errors';
import { naturalOrder } from '../../lib/natural-order';
import { countParts, splitItemOf, strangerParts } from '../../ml/split';
import type { ImportTarget } from '../../services/import-request';
import { STRANGERS_ID, type ImageRecord } from '../../storage/records';
import { useAppStore } from '../../store';
import { FilePickers } from './file-pickers';
import { fetchSampleStrangers } from './sample-faces';
import { ThumbGrid } from './thumb-grid';
import { useImageDrop } from './use-image-drop';

export const TO_STRANGERS: ImportTarget = { by: 'strangers' };

/** Marks the element whose dropped files go to Strangers (read by the screen's drop zone). */
export const STRANGERS_DROP_ATTRIBUTE = 'data-strangers-drop';

/** Strangers' images in the order shown: by source name (so a stranger's photos sit together). */
export function strangersInOrder(images: readonly ImageRecord[]): ImageRecord[] {
  return images
    .filter((image) => image.identityId === STRANGERS_ID)
    .sort((a, b) => naturalOrder(a.sourceName, b.sourceName) || a.id.localeCompare(b.id));
}

export function StrangersTray() {
  const images = useAppStore((s) => s.images);
  const strangers = useMemo(() => strangersInOrder(images), [images]);
  // The parts the open-set evaluation uses: val and test only, each stranger's folder in one.
  const parts = useMemo(() => strangerParts(strangers.map(splitItemOf)), [strangers]);
  const counts = countParts(parts.values());
  const importFiles = useAppStore((s) => s.importFiles);
  const busy = useAppStore((s) => s.importProgress !== null);
  const moveImages = useAppStore((s) => s.moveImages);
  const selectImages = useAppStore((s) => s.selectImages);
  const showNotice = useAppStore((s) => s.showNotice);
  const drop = useImageDrop((ids) => void moveImages(ids, STRANGERS_ID).catch(() => undefined));

  const addSamples = () => {
    // The samples are cropped faces already: where the detector misses one, keep the centre.
    fetchSampleStrangers()
      .then((collected) => importFiles(collected, TO_STRANGERS, 'centre'))
      .catch((error: unknown) => showNotice({ kind: 'error', text: toAppError(error).message }));
  };

  const count = strangers.length;
  return (
    <section
      className={`strangers-tray ${drop.over ? 'drop-target-over' : ''}`}
      aria-labelledby="strangers-heading"
      {...{ [STRANGERS_DROP_ATTRIBUTE]: '' }}
      {...drop.handlers}
    >
      <header className="card-header">
        <h2 id="strangers-heading">Strangers</h2>
        <span className="count" data-testid="strangers-count">
          {count} face{count === 1 ? '' : 's'}
        </span>
      </header>
      <p>
        Faces of people the studio should answer “unknown” for; used only to measure and set the
        threshold, never trained on.
      </p>
      <p className="muted">
        {count === 0
          ? 'Drop photos or folders of strangers here, a folder per stranger (their photos then stay together in val or in test), or add the sample strangers.'
          : 'Each stranger is in val or in test, never in both; drag faces here to make them strangers, or from here onto a person.'}
      </p>
      {count > 0 && (
        <>
          <p className="split" aria-label="Split of the strangers">
            <span className="part part-val">val {counts.val}</span>
            <span className="part part-test">test {counts.test}</span>
          </p>
          <ThumbGrid
            images={strangers}
            label="Strangers' faces"
            ownerName="Strangers"
            partOf={(id) => parts.get(id)}
            firstPage={40}
          />
          <button
            type="button"
            className="link"
            onClick={() => selectImages(strangers.map((image) => image.id))}
          >
            Select all {count} strangers
          </button>
        </>
      )}
      <div className="row">
        <FilePickers
          busy={busy}
          buttons={{ files: 'Add strangers’ photos…', folder: 'Add folder of strangers…' }}
          inputs={{ files: 'Files of strangers', folder: 'Folder of strangers' }}
          testIds={{ files: 'strangers-file-input', folder: 'strangers-folder-input' }}
          onPicked={(collected) => void importFiles(collected, TO_STRANGERS)}
        />
        <button type="button" disabled={busy} onClick={addSamples}>
          Add sample strangers
        </button>
      </div>
    </section>
  );
}
