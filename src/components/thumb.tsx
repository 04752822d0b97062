// One stored thumbnail, read from IndexedDB and shown through an object URL that is released
// when the thumbnail leaves the page.

import { useEffect, useState } from 'react';
import { getThumb } from '../storage/image-repo';

export function Thumb({ imageId, alt }: { imageId: string; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let live = true;
    void getThumb(imageId).then((blob) => {
      if (!live || !blob) return;
      objectUrl = URL.createObjectURL(blob);
      setUrl(objectUrl);
    });
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [imageId]);
  return url ? (
    <img src={url} alt={alt} width={64} height={64} />
  ) : (
    <span className="thumb-placeholder" role="img" aria-label={alt} />
  );
}
