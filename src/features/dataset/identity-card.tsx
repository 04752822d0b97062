// One person's card: name, image count, a warning under 20 images, the train/val/test split,
// thumbnails (each marked with its split part, and noted when no face or several were found)
// and the edit actions.

import { useState } from 'react';
import type { IdentityRecord, ImageRecord } from '../../storage/records';
import { MIN_IMAGES_FOR_SPLIT } from '../../ml/split';
import { IdentityActions } from './identity-actions';
import { Thumb } from '../../components/thumb';
import {
  RECOMMENDED_IMAGES,
  evaluationGap,
  type IdentitySummary,
} from '../../domain/identity-summaries';

const PREVIEW_COUNT = 12;

/** What a thumbnail should say about its crop: no face found (centre kept), or several faces. */
function faceNote(image: ImageRecord): string | null {
  if (image.crop === 'centre')
    return image.facesFound === 0 ? 'no face found: centre square kept' : null;
  return (image.facesFound ?? 1) > 1
    ? `${image.facesFound} faces found: the largest was kept`
    : null;
}

export function IdentityCard({
  summary,
  others,
}: {
  summary: IdentitySummary;
  others: readonly IdentityRecord[];
}) {
  const { identity, images, counts, parts } = summary;
  const gap = evaluationGap(summary);
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? images : images.slice(0, PREVIEW_COUNT);
  const headingId = `person-${identity.id}`;

  return (
    <article className="identity-card" aria-labelledby={headingId}>
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
        <ul className="thumbs" aria-label={`Images of ${identity.name}`}>
          {shown.map((image) => (
            <li
              key={image.id}
              className={`thumb part-${parts.get(image.id) ?? 'train'}`}
              title={`${image.sourceName} · ${parts.get(image.id) ?? 'train'}${faceNote(image) ? ` · ${faceNote(image)}` : ''}`}
            >
              <Thumb imageId={image.id} alt={`${identity.name}: ${image.sourceName}`} />
              {faceNote(image) && (
                <span className="face-note">
                  {image.crop === 'centre' ? 'no face' : `${image.facesFound} faces`}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {images.length > PREVIEW_COUNT && (
        <button type="button" className="link" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer' : `Show all ${images.length}`}
        </button>
      )}
      <IdentityActions identity={identity} others={others} />
    </article>
  );
}
