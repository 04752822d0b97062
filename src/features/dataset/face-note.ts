// What a thumbnail says about how its face was found: none (centre square kept), several (the
// largest kept, or which one of them this crop is, for photos sorted face by face).

import type { ImageRecord } from '../../storage/records';

/** The long note (a thumbnail's tooltip, the larger view), or null when one face was found. */
export function faceNote(image: ImageRecord): string | null {
  if (image.crop === 'centre')
    return image.facesFound === 0 ? 'no face found: centre square kept' : null;
  const faces = image.facesFound ?? 1;
  if (faces <= 1) return null;
  return image.faceIndex !== undefined
    ? `face ${image.faceIndex + 1} of ${faces} in the photo`
    : `${faces} faces found: the largest was kept`;
}

/** The few words written on the thumbnail itself. */
export function shortFaceNote(image: ImageRecord): string | null {
  if (!faceNote(image)) return null;
  if (image.crop === 'centre') return 'no face';
  return image.faceIndex !== undefined
    ? `${image.faceIndex + 1}/${image.facesFound}`
    : `${image.facesFound} faces`;
}
