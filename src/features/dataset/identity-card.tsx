// One person's card: name, image count, a warning under 20 images, the train/val/test split,
// thumbnails to select and drag (each marked with its split part and how its face was found),
// the edit actions, and a drop target: images dragged onto it move to this person. Drawn again
// only when this person's summary or the list of people changes (an import touches a few cards).

import { memo, useMemo } from 'react';
import type { IdentityRecord } from '../../storage/records';
import { MIN_IMAGES_FOR_SPLIT } from '../../ml/split';
import { useAppStore } from '../../store';
import { IdentityActions } from './identity-actions';
import { ThumbGrid } from './thumb-grid';
import { useImageDrop } from './use-image-drop';
import {
  RECOMMENDED_IMAGES,
  evaluationGap,
  type IdentitySummary,
} from '../../domain/identity-summaries';

const PREVIEW_COUNT = 12;

export const IdentityCard = memo(function IdentityCard({
  summary,
  people,
}: {
  summary: IdentitySummary;
  /** Everyone shown (this person too): whom this one can be merged into. */
  people: readonly IdentityRecord[];
}) {
  const { identity, images, counts, parts } = summary;
  const others = useMemo(() => people.filter((p) => p.id !== identity.id), [people, identity.id]);
  const gap = evaluationGap(summary);
  const headingId = `person-${identity.id}`;
  const moveImages = useAppStore((s) => s.moveImages);
  const selectImages = useAppStore((s) => s.selectImages);
  const drop = useImageDrop((ids) => void moveImages(ids, identity.id).catch(() => undefined));

  return (
    <article
      className={`identity-card ${drop.over ? 'drop-target-over' : ''}`}
      aria-labelledby={headingId}
      data-person-name={identity.name}
      {...drop.handlers}
    >
      <header className="card-header">
        <h3 id={headingId}>{identity.name}</h3>
        <span className="count">
          {images.length} image{images.length === 1 ? '' : 's'}
        </span>
      </header>
      {images.length < RECOMMENDED_IMAGES && (
        <p className="warning">
          {images.length === 0 ? 'No images yet.' : `Only ${images.length}:`} {RECOMMENDED_IMAGES}{' '}
          or more recognise better.
        </p>
      )}
      {images.length >= MIN_IMAGES_FOR_SPLIT ? (
        <>
          <p className="split" aria-label={`Split for ${identity.name}`}>
            <span className="part part-train">train {counts.train}</span>
            <span className="part part-val">val {counts.val}</span>
            <span className="part part-test">test {counts.test}</span>
          </p>
          {gap && <p className="warning">Cannot be evaluated: {gap}.</p>}
        </>
      ) : (
        <p className="split split-missing">
          Needs {MIN_IMAGES_FOR_SPLIT} images to split into train, val and test.
        </p>
      )}
      {images.length > 0 && (
        <>
          <ThumbGrid
            images={images}
            label={`Images of ${identity.name}`}
            ownerName={identity.name}
            partOf={(id) => parts.get(id)}
            firstPage={PREVIEW_COUNT}
          />
          <button
            type="button"
            className="link"
            onClick={() => selectImages(images.map((image) => image.id))}
          >
            Select all {images.length}
          </button>
        </>
      )}
      <IdentityActions identity={identity} others={others} />
    </article>
  );
});
