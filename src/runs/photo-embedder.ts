// Embeds single photos for the Verify screen with a run's embedder (a trained run's last
// checkpoint, or an imported model). A photo goes through the same face crop as an imported
// image (face-crop.ts: found, aligned, 128×128 JPEG) and is resized to the network's input as
// training data is; a live frame (a VideoFrame, of which only the part around the last face is
// read where that suffices (faces/live-frame.ts), or a bitmap) has its crop read straight from
// its canvas (no JPEG: measured, the same person named on every check of a minute of live
// Verify). The network of the last run asked for stays built, so a series of photos (or frames)
// is embedded without rebuilding it; it is disposed when another run is asked for or training
// starts. Live frames are followed: a frame's face is placed by the landmark net alone in the
// box the last frame's moved to (two frames in three; no detector), or looked for near the last
// frame's box first, about half the detector's work; and where the network averages a crop with
// its mirror image (the pretrained encoder), a frame that follows the same face embeds one view
// only, alternately the crop and its mirror, and adds the last frame's other view: half the
// network's work, the same sum for a face held still.

import { AppError } from '../lib/errors';
import { CROP_SIZE } from '../vision/face-template';
import type { FaceEmbedder } from './face-embedder';
import type { OnnxSessionFactory } from './imported-embedder';
import { loadRunEmbedder } from './run-embedder';
import { cropFace, followFace, type FaceCrop } from '../faces/face-crop';
import { LiveFrameReader } from '../faces/live-frame';
import { decodeImageFile, encodeSquare } from '../faces/image-codec';
import { cropCanvasPixels, decodeCropPixels } from '../faces/crop-pixels';
import type { CropOutcome } from '../domain/face-crop-outcome';
import type { DetectedFace } from '../vision/face-detector';
import { LiveViews } from './live-views';

async function decodePhoto(photo: Blob): Promise<ImageBitmap> {
  return (await decodeImageFile(new Uint8Array(await photo.arrayBuffer()), 'The photo')).image;
}

/** Whether `photo` is a video frame (browsers without VideoFrame send bitmaps). */
function isVideoFrame(photo: Blob | ImageBitmap | VideoFrame): photo is VideoFrame {
  return typeof VideoFrame !== 'undefined' && photo instanceof VideoFrame;
}

/** A Verify photo: its face crop (what the network saw), how it was found, and its embedding. */
export interface PhotoEmbedding {
  embedding: Float32Array;
  /** The crop as a JPEG, as stored crops are; null for a live frame (read from its canvas). */
  crop: Blob | null;
  face: CropOutcome;
  /** Where the time went, in ms: decoding the photo and finding and aligning its face (with the
   *  crop's JPEG), and the network (with reading the crop at its input size). */
  timing: { findMs: number; embedMs: number };
  /** What was read of the photo or frame: a live frame's part around the last face, or all. */
  read: 'part' | 'whole';
}

/** A live frame's face is looked for near the last one's when that was found this recently. */
const FOLLOW_MS = 1000;
/**
 * Frames in a row whose face is followed by the landmark net alone before the detector looks
 * again (near the last box): it confirms a face is there and re-centres the box.
 */
const FOLLOWED_RUN = 2;

export class PhotoEmbedder {
  private loaded: { runId: string; embedder: FaceEmbedder } | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** The face of the last live frame (followed from there), and how many frames in a row were
   *  followed without a detector. */
  private lastFace: { face: DetectedFace; at: number; followed: number } | null = null;
  /** Live frames' views, where the network averages a crop with its mirror image. */
  private readonly liveViews = new LiveViews();
  /** Reads live frames, only the part around the last face where that suffices. */
  private readonly liveFrames = new LiveFrameReader();

  constructor(private readonly onnx: OnnxSessionFactory) {}

  private async embedderFor(runId: string): Promise<FaceEmbedder> {
    if (this.loaded?.runId === runId) return this.loaded.embedder;
    this.dispose();
    const { embedder } = await loadRunEmbedder(
      runId,
      'This run has no trained checkpoint.',
      this.onnx,
    );
    this.loaded = { runId, embedder };
    return embedder;
  }

  /**
   * The largest face of a photo file or a webcam frame, aligned and embedded; no face is an
   * error. Requests run one at a time, so one never disposes the network another is using.
   * `live`: a frame of a video; its face is followed from the last live frame's (by its
   *  landmarks alone, or looked for near its box first).
   */
  embed(
    runId: string,
    photo: Blob | ImageBitmap | VideoFrame,
    live = false,
  ): Promise<PhotoEmbedding> {
    const result = this.queue.then(() => this.embedNow(runId, photo, live));
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async embedNow(
    runId: string,
    photo: Blob | ImageBitmap | VideoFrame,
    live: boolean,
  ): Promise<PhotoEmbedding> {
    let embedder: FaceEmbedder;
    try {
      embedder = await this.embedderFor(runId);
    } catch (error) {
      if (!(photo instanceof Blob)) photo.close();
      throw error;
    }
    const started = performance.now();
    let canvas: OffscreenCanvas;
    let face: PhotoEmbedding['face'];
    let read: PhotoEmbedding['read'] = 'whole';
    try {
      const last = live && this.lastFace;
      const fresh = last && performance.now() - last.at < FOLLOW_MS ? last : null;
      // Followed by its landmarks alone while that holds, looked for with a detector near its
      // last box every FOLLOWED_RUN + 1 frames (or when it could not be followed).
      const follow = fresh !== null && fresh.followed < FOLLOWED_RUN;
      let found: FaceCrop;
      let followed = false;
      if (isVideoFrame(photo)) {
        const frame = await this.liveFrames.faceCrop(photo, fresh && { face: fresh.face, follow });
        found = frame.crop;
        followed = frame.followed;
        read = frame.read;
      } else {
        const image = photo instanceof Blob ? await decodePhoto(photo) : photo;
        try {
          const followedFace = follow && fresh ? await followFace(image, fresh.face) : null;
          followed = followedFace !== null;
          found = followedFace ?? (await cropFace(image, 'skip', 'The photo', fresh?.face.box));
        } finally {
          image.close();
        }
      }
      face = found.outcome;
      if (live && found.face)
        this.lastFace = {
          face: found.face,
          at: performance.now(),
          followed: followed ? (fresh?.followed ?? 0) + 1 : 0,
        };
      canvas = found.canvas;
    } catch (error) {
      if (live) {
        this.lastFace = null;
        this.liveViews.forget();
      }
      if (error instanceof AppError && error.code === 'no-face') {
        throw new AppError(
          'no-face',
          'No face found in this photo. Try one where the face is clearly visible and not too small.',
        );
      }
      throw error;
    }
    // A photo's crop goes through the JPEG a stored crop does; a live frame's is read directly.
    const crop = live ? null : await encodeSquare(canvas, CROP_SIZE);
    const found = performance.now();
    const size = embedder.imageSize;
    const rgb = new Uint8Array(size * size * 3);
    if (crop) await decodeCropPixels(crop, size, rgb, 0);
    else cropCanvasPixels(canvas, size, rgb, 0);
    let embedding: Float32Array;
    if (live && embedder.embedView && face.kind === 'aligned')
      embedding = await this.liveViews.embed(embedder.embedView.bind(embedder), rgb, face.box);
    else {
      if (live) this.liveViews.forget();
      embedding = await embedder.embed(rgb, 1);
    }
    const timing = { findMs: found - started, embedMs: performance.now() - found };
    return { embedding, crop, face, timing, read };
  }

  dispose(): void {
    this.loaded?.embedder.dispose();
    this.loaded = null;
    this.liveViews.forget();
  }
}
