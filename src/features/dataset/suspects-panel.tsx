// "Check labels": the images whose label looks wrong, most suspect first, found with the
// pretrained encoder before any run: each beside the face of the person it looks most like,
// with Move there, Keep the label, Delete and Open larger. Works on images of named people.

import { useMemo, useState } from 'react';
import { Thumb } from '../../components/thumb';
import { useAppStore } from '../../store';
import { LabelHelpProgressBar } from './label-help-progress';

const PAGE = 20;

export function SuspectsPanel() {
  const identities = useAppStore((s) => s.identities);
  const hidden = useAppStore((s) => s.hiddenIdentityIds);
  const images = useAppStore((s) => s.images);
  const suspects = useAppStore((s) => s.suspectLabels);
  const busy = useAppStore((s) => s.labelHelpProgress !== null);
  const { findSuspectLabels, moveImages, keepSuspectLabel, deleteImagesById, openImage } =
    useAppStore.getState();
  const [shown, setShown] = useState(PAGE);
  const [everything, setEverything] = useState(false);
  const people = identities.filter((i) => !hidden.includes(i.id));

  // Only suspects whose label is still the one judged (a move or a delete settles them).
  const current = useMemo(() => {
    const byId = new Map(images.map((image) => [image.id, image]));
    const names = new Map(people.map((p) => [p.id, p.name]));
    return (suspects ?? [])
      .filter((s) => byId.get(s.imageId)?.identityId === s.identityId && names.has(s.lookAlikeId))
      .map((s) => ({
        ...s,
        name: names.get(s.identityId) ?? '',
        lookAlike: names.get(s.lookAlikeId) ?? '',
        file: byId.get(s.imageId)?.sourceName ?? '',
      }));
  }, [suspects, images, people]);

  const likelyWrong = current.filter((s) => s.score > 0).length;
  const listed = everything ? current : current.slice(0, likelyWrong);
  if (people.length < 2) return null;
  return (
    <section className="suspects" aria-labelledby="suspects-heading">
      <div className="row">
        <h2 id="suspects-heading">Check labels</h2>
        <button type="button" disabled={busy} onClick={() => void findSuspectLabels()}>
          {suspects ? 'Look again' : 'Find suspect labels'}
        </button>
        <LabelHelpProgressBar task="suspects" />
      </div>
      {suspects === null ? (
        <p className="muted">
          The pretrained encoder ranks every image by how unlike its person and how like another it
          looks, so that wrong labels, wrong faces from group photos and non-faces are fixed before
          a run trains on them.
        </p>
      ) : (
        <>
          <p className="muted" data-testid="suspect-summary">
            {likelyWrong === 0
              ? 'No image looks more like another person than like its own.'
              : `${likelyWrong} image${likelyWrong === 1 ? ' looks' : 's look'} more like another person than like ${likelyWrong === 1 ? 'its' : 'their'} own, most suspect first.`}{' '}
            The score is how much more an image looks like the other person than like its own.
          </p>
          <ol className="suspect-list">
            {listed.slice(0, shown).map((s) => (
              <li key={s.imageId} className="suspect" data-source-name={s.file}>
                <figure>
                  <Thumb imageId={s.imageId} alt={`Labelled ${s.name}`} />
                  <figcaption>
                    {s.name}: {s.file.split('/').pop()}
                    <br />
                    <span className="muted">
                      own {Number.isNaN(s.ownSimilarity) ? '—' : s.ownSimilarity.toFixed(2)} · score{' '}
                      <span className="suspect-score">{s.score.toFixed(3)}</span>
                    </span>
                  </figcaption>
                </figure>
                <span aria-hidden="true">looks like</span>
                <figure>
                  <Thumb imageId={s.lookAlikeImageId} alt={`${s.lookAlike}, the most similar`} />
                  <figcaption>
                    {s.lookAlike}
                    <br />
                    <span className="muted">{s.lookAlikeSimilarity.toFixed(2)}</span>
                  </figcaption>
                </figure>
                <span className="suspect-actions">
                  <button
                    type="button"
                    onClick={() =>
                      void moveImages([s.imageId], s.lookAlikeId).catch(() => undefined)
                    }
                  >
                    Move to {s.lookAlike}
                  </button>
                  <button type="button" onClick={() => keepSuspectLabel(s.imageId)}>
                    Keep {s.name}
                  </button>
                  <button type="button" onClick={() => openImage(s.imageId)}>
                    Open
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => void deleteImagesById([s.imageId]).catch(() => undefined)}
                  >
                    Delete
                  </button>
                </span>
              </li>
            ))}
          </ol>
          {listed.length > shown && (
            <button type="button" className="link" onClick={() => setShown(shown + PAGE)}>
              Show more ({shown} of {listed.length})
            </button>
          )}
          {!everything && current.length > likelyWrong && (
            <button type="button" className="link" onClick={() => setEverything(true)}>
              Show the closest calls too (every image, ranked)
            </button>
          )}
        </>
      )}
    </section>
  );
}
