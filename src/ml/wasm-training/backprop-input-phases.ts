// Owns the phase formulation of conv2d's input gradient: for stride s, the s² interleaved
// phases of dx are each a stride-1 convolution of dy with a sub-filter, which XNNPACK runs.
import * as tf from '@tensorflow/tfjs';

/** One output phase along one axis: which filter taps feed it and where its first row lands. */
interface Phase {
  /** Filter taps r, r + s, r + 2s, … (r < s) that reach the rows of this phase. */
  firstTap: number;
  taps: number;
  /** Padding before dy for a stride-1 correlation with the reversed sub-filter. */
  padBefore: number;
  /** First dx row of this phase, in [0, s): the phases interleave in this order. */
  firstRow: number;
}

/**
 * Along one axis, dx[h] = Σ_{i, y : y·s + i − t = h} dy[y] · w[i]. Rows with (h + t) mod s = r
 * only see taps i ≡ r (mod s): dx[s·q + r − t] = Σ_m dy[q − m] · w[r + s·m], a stride-1
 * correlation of dy with that sub-filter reversed, for q from ceil((t − r)/s).
 */
function phasesAlongAxis(kernel: number, stride: number, padTop: number): Phase[] {
  const phases: Phase[] = [];
  for (let r = 0; r < stride; r++) {
    const taps = r < kernel ? Math.ceil((kernel - r) / stride) : 0;
    const firstQ = Math.ceil((padTop - r) / stride);
    phases.push({
      firstTap: r,
      taps,
      padBefore: taps - 1 - firstQ,
      firstRow: stride * firstQ + r - padTop,
    });
  }
  return phases.sort((a, b) => a.firstRow - b.firstRow);
}

/**
 * dx [B, H, W, Ci] for dy [B, Ho, Wo, Co] and filter [kh, kw, Ci, Co]. Suits layers whose
 * filter is small against their activations: every sub-filter is made afresh (a transpose and a
 * gather of the filter, and XNNPACK packs it), about 80 ns per filter element in all.
 */
export function backpropInputByPhases(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  info: tf.backend_util.Conv2DInfo,
): tf.Tensor4D {
  const { inHeight, inWidth, inChannels, outChannels, padInfo } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  // Every phase yields ceil(H / s) rows; rows past H (odd sizes) are computed and cropped.
  const rowsPerPhase = Math.ceil(inHeight / sh);
  const colsPerPhase = Math.ceil(inWidth / sw);
  // Taps as rows of [kh·kw, Co, Ci]: one transpose swaps in/out channels for every phase, and a
  // gather of rows picks and reverses a phase's taps in one copy (wasm's GatherV2, Reverse and
  // StridedSlice all cost ~30–100 ns per element; this runs on the filter only).
  const taps = tf.transpose(tf.reshape(filter, [kh * kw, inChannels, outChannels]), [0, 2, 1]);

  const parts: (tf.Tensor4D | undefined)[][] = [];
  for (const rp of phasesAlongAxis(kh, sh, padInfo.top)) {
    const row: (tf.Tensor4D | undefined)[] = [];
    for (const cp of phasesAlongAxis(kw, sw, padInfo.left)) {
      if (rp.taps === 0 || cp.taps === 0) {
        row.push(undefined); // no tap reaches these rows: zeros
        continue;
      }
      // Taps r + s·(taps − 1 − m): the phase's sub-filter, reversed, as correlate() wants it.
      const indices: number[] = [];
      for (let m = 0; m < rp.taps; m++) {
        for (let n = 0; n < cp.taps; n++) {
          const i = rp.firstTap + sh * (rp.taps - 1 - m);
          const j = cp.firstTap + sw * (cp.taps - 1 - n);
          indices.push(i * kw + j);
        }
      }
      const subFilter = tf.reshape(tf.gather(taps, indices), [
        rp.taps,
        cp.taps,
        outChannels,
        inChannels,
      ]) as tf.Tensor4D; // [taps_h, taps_w, Co, Ci]
      row.push(correlate(dy, subFilter, rp.padBefore, cp.padBefore, rowsPerPhase, colsPerPhase));
    }
    parts.push(row);
  }
  return interleave(parts, inHeight, inWidth);
}

/**
 * 'valid' stride-1 convolution of dy seen with `before` zero rows above (negative: rows dropped)
 * and as many below as `outRows` outputs need; the padding goes to XNNPACK, not through tf.pad.
 */
function correlate(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  before: number,
  left: number,
  outRows: number,
  outCols: number,
): tf.Tensor4D {
  const [fh, fw] = filter.shape;
  let source = dy;
  if (before < 0 || left < 0) {
    source = tf.slice(dy, [0, Math.max(0, -before), Math.max(0, -left), 0]);
  }
  const top = Math.max(0, before);
  const leftPad = Math.max(0, left);
  const [, h, w] = source.shape;
  const after = outRows + fh - 1 - top - h;
  const right = outCols + fw - 1 - leftPad - w;
  if (after < 0 || right < 0) {
    source = tf.slice(
      source,
      [0, 0, 0, 0],
      [-1, h + Math.min(0, after), w + Math.min(0, right), -1],
    );
  }
  const pad: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [top, Math.max(0, after)],
    [leftPad, Math.max(0, right)],
    [0, 0],
  ];
  return tf.conv2d(source, filter, 1, pad);
}

/**
 * parts[a][b] [B, Q, P, C] hold dx rows a, a + sh, … and cols b, b + sw, … (undefined: zeros).
 * Each is spread onto the full grid with zeros between (a pad of [B, Q, 1, P, 1, C] to
 * [B, Q, sh, P, sw, C], which XNNPACK runs) and the phases are added: stacking them on an inner
 * axis instead measured ~50 ns per element on wasm.
 */
function interleave(
  parts: (tf.Tensor4D | undefined)[][],
  height: number,
  width: number,
): tf.Tensor4D {
  const sh = parts.length;
  const sw = parts[0]?.length ?? 1;
  let woven: tf.Tensor4D | undefined;
  for (let a = 0; a < sh; a++) {
    for (let b = 0; b < sw; b++) {
      const part = parts[a]?.[b];
      if (part === undefined) continue;
      const [batch, q, p, channels] = part.shape;
      const spread =
        sh === 1 && sw === 1
          ? part
          : (tf.reshape(
              tf.pad(tf.reshape(part, [batch, q, 1, p, 1, channels]), [
                [0, 0],
                [0, 0],
                [a, sh - 1 - a],
                [0, 0],
                [b, sw - 1 - b],
                [0, 0],
              ]),
              [batch, q * sh, p * sw, channels],
            ) as tf.Tensor4D);
      woven = woven === undefined ? spread : tf.add(woven, spread);
    }
  }
  if (woven === undefined) throw new Error('a convolution with no filter taps');
  if (woven.shape[1] === height && woven.shape[2] === width) return woven;
  return tf.slice(woven, [0, 0, 0, 0], [-1, height, width, -1]);
}
