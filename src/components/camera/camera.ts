// Owns the webcam: opening it with the reasons it can fail said the way a user can act on them
// (no camera, permission denied, in use by another program), grabbing a frame, and noticing
// when it goes away (unplugged) mid-use.

import { AppError } from '../../lib/errors';

export async function openCamera(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new AppError(
      'camera-unavailable',
      'This browser gives no access to a camera here (a camera needs a secure page: https or localhost).',
    );
  }
  try {
    return await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' },
      audio: false,
    });
  } catch (error) {
    throw cameraError(error);
  }
}

export function cameraError(error: unknown): AppError {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new AppError(
        'camera-denied',
        'Camera permission was denied. Allow the camera for this site (the icon in the address bar), then start it again.',
      );
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new AppError(
        'camera-unavailable',
        'No camera was found. Plug one in (or enable it), then start it again.',
      );
    case 'NotReadableError':
    case 'AbortError':
      return new AppError(
        'camera-busy',
        'The camera is in use by another program (a video call?) or could not start. Close that program, then start it again.',
      );
    default:
      return new AppError(
        'camera-unavailable',
        `The camera could not be started (${error instanceof Error ? error.message : String(error)}).`,
      );
  }
}

export const CAMERA_LOST_MESSAGE =
  'The camera stopped (unplugged or taken by another program). The frames kept before it stopped are stored.';

/** An error when the camera has gone (its track ended, or the video holds no frame). */
function ensureLive(video: HTMLVideoElement, stream: MediaStream): void {
  const live = stream.getVideoTracks().some((track) => track.readyState === 'live');
  if (!live || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA)
    throw new AppError('camera-lost', CAMERA_LOST_MESSAGE);
}

/** One frame of a playing video, or an error when the camera has gone. */
export async function grabFrame(
  video: HTMLVideoElement,
  stream: MediaStream,
): Promise<ImageBitmap> {
  ensureLive(video, stream);
  return createImageBitmap(video);
}

/**
 * The video's current frame for a worker to read: a VideoFrame where the browser has them (it
 * wraps the camera's own frame: on this machine, `createImageBitmap` of a 640×480 video took
 * about a tenth of the page's main thread during live Verify, and every read of that bitmap in
 * the worker copied it back from the GPU), else a bitmap. An error when the camera has gone.
 */
export async function grabLiveFrame(
  video: HTMLVideoElement,
  stream: MediaStream,
): Promise<VideoFrame | ImageBitmap> {
  ensureLive(video, stream);
  if (typeof VideoFrame === 'undefined') return createImageBitmap(video);
  try {
    return new VideoFrame(video);
  } catch {
    return createImageBitmap(video); // a frame the browser cannot wrap (none painted yet)
  }
}
