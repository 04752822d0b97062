// Owns live Verify's half-price embedding. Where a network averages a crop's embedding with its
// mirror image's (the pretrained encoder), a frame that shows the same face as the last one
// embeds one view only, the other view than the last frame's, and adds that frame's view: half
// the network's work per frame, and for a face held still exactly the flip-averaged embedding.
// A new face (none recent, or a box elsewhere) is embedded from both views of its own frame, and so
// is a face in the same place whose view is unlike the same view two frames back (someone else
// stepped in: their view is never summed with the last person's).

import { cosineSimilarity, l2Normalize } from '../ml/metrics/vector-ops';
import { boxOverlap } from '../vision/box-overlap';
import type { FaceBox } from '../vision/face-detector';

/** One view of a crop [dim], not normalised: the crop's (`mirrored` false) or its mirror's. */
export type EmbedView = (rgb: Uint8Array, mirrored: boolean) => Promise<Float32Array>;

/** A view is paired with the next frame's only this soon after it. */
export const PAIR_WITHIN_MS = 1000;
/** ...and only when their face boxes overlap this much (intersection over union). */
export const SAME_FACE_OVERLAP = 0.5;
/**
 * ...and only when the new view's cosine similarity to the same view of the frame before last is
 * at least this. The same face a frame or two apart gives near-identical views; another person's
 * are far below (a guess on the safe side: a face that fails it only costs its frame both views).
 */
export const SAME_VIEW_SIMILARITY = 0.8;

interface View {
  vector: Float32Array;
  mirrored: boolean;
  box: FaceBox;
  at: number;
}

/** The unit-length sum of two views (vector-ops' normalisation: a zero sum stays zero). */
export function normalizedSum(a: Float32Array, b: Float32Array): Float32Array {
  return Float32Array.from(l2Normalize(a.map((value, i) => value + (b[i] as number))));
}

export class LiveViews {
  /** The last frame's view. */
  private last: View | null = null;
  /** The view before it (the other orientation): what the next frame's view is compared with. */
  private before: View | null = null;

  /** The unit-length embedding of a live frame's face crop `rgb`, found at `box`. */
  async embed(
    embedView: EmbedView,
    rgb: Uint8Array,
    box: FaceBox,
    now = performance.now(),
  ): Promise<Float32Array> {
    const { last, before } = this;
    this.forget(); // a failure below starts afresh
    if (last && now - last.at < PAIR_WITHIN_MS && boxOverlap(last.box, box) >= SAME_FACE_OVERLAP) {
      const mirrored = !last.mirrored;
      const vector = await embedView(rgb, mirrored);
      const sameFace =
        before !== null && cosineSimilarity(vector, before.vector) >= SAME_VIEW_SIMILARITY;
      if (sameFace) {
        this.before = last;
        this.last = { vector, mirrored, box, at: now };
        return normalizedSum(vector, last.vector);
      }
      const other = await embedView(rgb, !mirrored);
      this.before = { vector, mirrored, box, at: now };
      this.last = { vector: other, mirrored: !mirrored, box, at: now };
      return normalizedSum(vector, other);
    }
    const plain = await embedView(rgb, false);
    const mirror = await embedView(rgb, true);
    this.before = { vector: plain, mirrored: false, box, at: now };
    this.last = { vector: mirror, mirrored: true, box, at: now };
    return normalizedSum(plain, mirror);
  }

  /** The face was lost (or the network changed): the next frame starts afresh. */
  forget(): void {
    this.last = null;
    this.before = null;
  }
}
