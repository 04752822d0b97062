// Owns timing the face pipeline on the active backend as import and Capture run it (detector,
// landmarks, and the retry on a border where a face is cropped tight), and as live Verify follows
// a face from frame to frame (near its last box): one bundled sample face,
// scaled up and placed in a 640×480 grey frame like a webcam picture.

import { findFaces, findFacesNear } from '../faces/face-crop';
import type { BackendName } from '../worker/training-protocol';
import type { DetectorBenchResult } from './bench-protocol';

async function webcamLikeFrame(): Promise<ImageBitmap> {
  const response = await fetch(`${import.meta.env.BASE_URL}sample-faces/Person%2001/01.png`);
  const face = await createImageBitmap(await response.blob());
  const canvas = new OffscreenCanvas(640, 480);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.fillStyle = '#8a8a8a';
  context.fillRect(0, 0, 640, 480);
  context.drawImage(face, 220, 90, face.width * 2.2, face.height * 2.2);
  face.close();
  return canvas.transferToImageBitmap();
}

export async function timeDetector(
  backend: BackendName,
  detail: string,
  frames: number,
): Promise<DetectorBenchResult> {
  const result: DetectorBenchResult = {
    bench: 'detect',
    backend,
    backend_detail: detail,
    frames,
    faces_found: 0,
    ms_per_frame: null,
    followed_ms_per_frame: null,
  };
  try {
    const frame = await webcamLikeFrame();
    await findFaces(frame); // loads the weights and compiles the kernels
    const started = performance.now();
    for (let k = 0; k < frames; k++)
      result.faces_found += (await findFaces(frame)).length > 0 ? 1 : 0;
    result.ms_per_frame = Number(((performance.now() - started) / frames).toFixed(1));
    // Live Verify's frames after the first: the face looked for near its last box.
    const [face] = await findFaces(frame);
    if (face) {
      await findFacesNear(frame, face.box);
      const following = performance.now();
      for (let k = 0; k < frames; k++) await findFacesNear(frame, face.box);
      result.followed_ms_per_frame = Number(((performance.now() - following) / frames).toFixed(1));
    }
    frame.close();
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  return result;
}
