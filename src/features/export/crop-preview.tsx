// One aligned face crop of the dataset shown as an imported model will see it: resized to its
// input side with the studio's filter and in its colour order (a BGR model sees red and blue
// swapped), so a wrong setting shows before the model is added.

import { useEffect, useRef, useState } from 'react';
import { getCrops } from '../../storage/image-repo';
import type { ImportedModelSpec } from '../../ml/imported/imported-model-spec';

const SHOWN = 128;

export function CropPreview({
  imageId,
  spec,
}: {
  imageId: string | undefined;
  spec: ImportedModelSpec;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [missing, setMissing] = useState(false);
  const { size, channels } = spec;
  useEffect(() => {
    let live = true;
    void (async () => {
      const crop = imageId ? (await getCrops([imageId]))[0] : undefined;
      const target = canvas.current;
      if (!live || !target) return;
      if (!crop || size < 1) {
        setMissing(true);
        return;
      }
      setMissing(false);
      const bitmap = await createImageBitmap(crop, {
        resizeWidth: size,
        resizeHeight: size,
        resizeQuality: 'high',
      });
      target.width = size;
      target.height = size;
      const context = target.getContext('2d');
      if (!context || !live) return bitmap.close();
      context.drawImage(bitmap, 0, 0);
      bitmap.close();
      if (channels === 'BGR') {
        const pixels = context.getImageData(0, 0, size, size);
        const { data } = pixels;
        for (let i = 0; i < data.length; i += 4) {
          const red = data[i] as number;
          data[i] = data[i + 2] as number;
          data[i + 2] = red;
        }
        context.putImageData(pixels, 0, 0);
      }
    })();
    return () => {
      live = false;
    };
  }, [imageId, size, channels]);
  return (
    <figure className="crop-preview">
      {missing ? (
        <p className="muted">Add photos of people to see a face as the model will.</p>
      ) : (
        <canvas
          ref={canvas}
          style={{ width: SHOWN, height: SHOWN }}
          role="img"
          aria-label={`A face crop as the model sees it: ${size}×${size}, ${channels}`}
        />
      )}
      <figcaption className="muted">
        As the model sees it: {size}×{size} {channels}, values {spec.range[0]} … {spec.range[1]},{' '}
        {spec.layout}
        {spec.flipAverage ? ', and mirrored' : ''}.
      </figcaption>
    </figure>
  );
}
