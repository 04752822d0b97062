// One image shown larger: the 128×128 crop the network trains on, who it belongs to, its
// train/val/test part, the file it came from and how its face was found; with the source photo,
// when it was kept, and a box where the face was found in it.

import { useEffect, useMemo, useRef, useState } from 'react';
import { getCrops, getPhoto } from '../../storage/image-repo';
import { collectionName } from '../../domain/collections';
import { useAppStore } from '../../store';
import { faceNote } from './face-note';
import { summarizeIdentities } from '../../domain/identity-summaries';

function useBlobUrl(load: () => Promise<Blob | undefined>, key: string | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!key) return;
    let live = true;
    let objectUrl: string | null = null;
    void load().then((blob) => {
      if (!live || !blob) return;
      objectUrl = URL.createObjectURL(blob);
      setUrl(objectUrl);
    });
    return () => {
      live = false;
      setUrl(null);
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` names what `load` reads
  }, [key]);
  return url;
}

export function ImageDetail() {
  const imageId = useAppStore((s) => s.openImageId);
  const openImage = useAppStore((s) => s.openImage);
  const image = useAppStore((s) => s.images.find((i) => i.id === s.openImageId) ?? null);
  const identities = useAppStore((s) => s.identities);
  const images = useAppStore((s) => s.images);
  const dialog = useRef<HTMLDialogElement>(null);
  const cropUrl = useBlobUrl(async () => (await getCrops([imageId ?? '']))[0], imageId);
  const photoKey = image?.photoKey ?? null;
  const photoUrl = useBlobUrl(() => getPhoto(photoKey ?? ''), photoKey);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (image && !element.open) element.showModal();
    if (!image && element.open) element.close();
  }, [image]);

  const person = image
    ? (collectionName(image.identityId) ??
      identities.find((i) => i.id === image.identityId)?.name ??
      '')
    : '';
  // The image's part, from its person's split alone (only while an image is open).
  const part = useMemo(() => {
    const identity = identities.find((i) => i.id === image?.identityId);
    if (!image || !identity) return undefined;
    const own = images.filter((i) => i.identityId === identity.id);
    return summarizeIdentities([identity], own, [])[0]?.parts.get(image.id);
  }, [image, identities, images]);
  const note = image ? faceNote(image) : null;

  return (
    <dialog
      ref={dialog}
      className="image-detail"
      aria-labelledby="image-detail-title"
      onClose={() => openImage(null)}
    >
      {image && (
        <>
          <h2 id="image-detail-title">
            {person}: {image.sourceName.split('/').pop()}
          </h2>
          <div className="image-detail-body">
            <figure>
              {cropUrl ? (
                <img
                  src={cropUrl}
                  alt={`The face crop of ${image.sourceName}`}
                  width={256}
                  height={256}
                />
              ) : (
                <span className="thumb-placeholder large" />
              )}
              <figcaption>What the network sees (128×128)</figcaption>
            </figure>
            {photoKey && (
              <figure>
                <div className="source-photo">
                  {photoUrl && (
                    <img
                      src={photoUrl}
                      alt={`The photo ${image.sourceName}`}
                      style={{ aspectRatio: `${image.width} / ${image.height}` }}
                    />
                  )}
                  {image.faceBox && (
                    <span
                      className="face-box"
                      aria-hidden="true"
                      style={{
                        left: `${(100 * image.faceBox.x) / image.width}%`,
                        top: `${(100 * image.faceBox.y) / image.height}%`,
                        width: `${(100 * image.faceBox.width) / image.width}%`,
                        height: `${(100 * image.faceBox.height) / image.height}%`,
                      }}
                    />
                  )}
                </div>
                <figcaption>
                  The photo{image.faceBox ? ', where the face was found' : ''}
                </figcaption>
              </figure>
            )}
            <dl>
              <dt>Person</dt>
              <dd>{person}</dd>
              {part && (
                <>
                  <dt>Part</dt>
                  <dd>{part}</dd>
                </>
              )}
              <dt>File</dt>
              <dd>{image.sourceName}</dd>
              <dt>Original</dt>
              <dd>
                {image.width}×{image.height} {image.format}
              </dd>
              <dt>Face</dt>
              <dd>
                {note ?? (image.crop === 'aligned' ? 'one face found, aligned' : 'centre square')}
              </dd>
            </dl>
          </div>
          <form method="dialog">
            <button type="submit" autoFocus>
              Close
            </button>
          </form>
        </>
      )}
    </dialog>
  );
}
