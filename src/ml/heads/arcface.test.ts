// Checks the ArcFace head against hand-worked logits, the θ + m > π fallback, and its gradient
// (w.r.t. the embeddings and W) against central finite differences.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { softmaxCrossEntropy } from '../losses';
import { report } from '../test-utils/report';
import { arcFaceLogits, cosineSimilarity, createArcFaceHead } from './arcface';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// m = 0.5: cos m = 0.8775825619, sin m = 0.4794255386.
const COS_M = Math.cos(0.5);

// Two 2-d class directions and their opposite: W's columns are w0 = [1, 0], w1 = [0, 2] (its norm
// must not matter) and w2 = [−1, 0]. W is [D = 2, K = 3].
const W = [
  [1, 0, -1],
  [0, 2, 0],
];

describe('arcFaceLogits', () => {
  test('matches values worked out by hand (s = 10, m = 0.5)', async () => {
    // x = [3, 4] normalises to [0.6, 0.8]; cos θ against w0, w1, w2 = [0.6, 0.8, −0.6].
    // Row 0, label 0: sin θ0 = √(1 − 0.36) = 0.8,
    //   cos(θ0 + m) = 0.6·0.8775825619 − 0.8·0.4794255386 = 0.5265495371 − 0.3835404309
    //               = 0.1430091062            (θ0 = acos 0.6 = 0.927, θ0 + m = 1.427 < π)
    //   logits = 10·[0.1430091062, 0.8, −0.6] = [1.430091062, 8, −6].
    // Row 1, same x, label 2: cos θ2 = −0.6, sin θ2 = 0.8 (θ2 = 2.214, θ2 + m = 2.714 < π),
    //   cos(θ2 + m) = −0.6·0.8775825619 − 0.8·0.4794255386 = −0.910089968
    //   logits = [6, 8, −9.10089968].
    const x = tf.tensor2d([
      [3, 4],
      [3, 4],
    ]);
    const oneHot = tf.tensor2d([
      [1, 0, 0],
      [0, 0, 1],
    ]);
    const { logits, predictions } = arcFaceLogits(x, tf.tensor2d(W), oneHot, {
      scale: 10,
      margin: 0.5,
    });
    const got = (await logits.array()) as number[][];
    expect(got[0]?.[0]).toBeCloseTo(1.430091062, 4);
    expect(got[0]?.[1]).toBeCloseTo(8, 4);
    expect(got[0]?.[2]).toBeCloseTo(-6, 4);
    expect(got[1]?.[0]).toBeCloseTo(6, 4);
    expect(got[1]?.[1]).toBeCloseTo(8, 4);
    expect(got[1]?.[2]).toBeCloseTo(-9.10089968, 4);
    // The prediction logits carry no margin: s·cos θ.
    const plain = (await predictions.array()) as number[][];
    expect(plain[0]).toEqual([6, 8, -6].map((v) => expect.closeTo(v, 4)));
    // And the formula agrees with the definition cos(acos(c) + m).
    expect(got[0]?.[0]).toBeCloseTo(10 * Math.cos(Math.acos(0.6) + 0.5), 4);
  });

  test('uses cos θ − m·sin m where θ + m > π', async () => {
    // x = [−0.95, √0.0975] is a unit vector with cos θ0 = −0.95 against w0 = [1, 0]:
    //   θ0 = acos(−0.95) = 2.8240, θ0 + m = 3.3240 > π (equivalently cos θ0 < cos(π − m) = −0.8776).
    //   cos(θ0 + m) would be cos 3.3240 = −0.9834, larger than at θ0 + m = π: the logit would rise
    //   as the embedding moves away from its class. The fallback keeps it falling:
    //   cos θ0 − m·sin m = −0.95 − 0.5·0.4794255386 = −1.1897127693, logit −11.897127693.
    // The other classes keep s·cos θ: w1 → 10·0.3122498999 = 3.122498999, w2 → 10·0.95 = 9.5.
    const x = tf.tensor2d([[-0.95, Math.sqrt(0.0975)]]);
    const oneHot = tf.tensor2d([[1, 0, 0]]);
    const { logits } = arcFaceLogits(x, tf.tensor2d(W), oneHot, { scale: 10, margin: 0.5 });
    const [row] = (await logits.array()) as number[][];
    expect(row?.[0]).toBeCloseTo(-11.897127693, 4);
    expect(row?.[0]).not.toBeCloseTo(10 * Math.cos(Math.acos(-0.95) + 0.5), 2);
    expect(row?.[1]).toBeCloseTo(3.122498999, 4);
    expect(row?.[2]).toBeCloseTo(9.5, 4);
  });

  test('its loss gradient w.r.t. embeddings and W matches central finite differences', async () => {
    const margin = 0.5;
    const params = { scale: 4, margin };
    const smoothing = 0.1;
    // D = 4, K = 3, batch 3. Row 2 points nearly opposite its class (the fallback branch), rows 0
    // and 1 are ordinary; all cosines sit well away from the branch boundary cos = −cos m.
    const weight = tf.tensor2d([
      [0.9, -0.3, 0.2],
      [0.1, 0.8, -0.5],
      [-0.4, 0.2, 0.7],
      [0.3, 0.4, 0.1],
    ]); // [4, 3]
    const embeddings = tf.tensor2d([
      [0.5, 0.2, -0.1, 0.7],
      [-0.2, 0.9, 0.3, 0.1],
      [-0.25, 0.45, -0.7, -0.05],
    ]); // [3, 4]
    const oneHot = tf.tensor2d([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    const cos = (await cosineSimilarity(embeddings, weight).array()) as number[][];
    expect(cos[2]?.[2]).toBeLessThan(-COS_M - 0.02); // fallback branch exercised
    expect(cos[0]?.[0]).toBeGreaterThan(-COS_M + 0.02);
    expect(cos[1]?.[1]).toBeGreaterThan(-COS_M + 0.02);

    const lossOf = (x: tf.Tensor2D, w: tf.Tensor2D) =>
      softmaxCrossEntropy(arcFaceLogits(x, w, oneHot, params).logits, oneHot, smoothing);
    const [gradX, gradW] = tf.grads((x, w) => lossOf(x as tf.Tensor2D, w as tf.Tensor2D))([
      embeddings,
      weight,
    ]);

    const h = 1e-3;
    const numeric = async (which: 'x' | 'w', index: number): Promise<number> => {
      const evalAt = async (delta: number) => {
        const base = which === 'x' ? embeddings : weight;
        const values = base.dataSync().slice();
        values[index] = (values[index] as number) + delta;
        const moved = tf.tensor2d(values, base.shape);
        const loss =
          which === 'x' ? lossOf(moved, weight) : lossOf(embeddings, moved as tf.Tensor2D);
        return (await loss.data())[0] as number;
      };
      return ((await evalAt(h)) - (await evalAt(-h))) / (2 * h);
    };

    let worst = 0;
    for (const [which, grad] of [
      ['x', gradX],
      ['w', gradW],
    ] as const) {
      const analytic = await (grad as tf.Tensor).data();
      for (let i = 0; i < analytic.length; i++) {
        const estimate = await numeric(which, i);
        const a = analytic[i] as number;
        const error = Math.abs(a - estimate) / Math.max(1e-2, Math.abs(estimate));
        worst = Math.max(worst, error);
        expect(a).toBeCloseTo(estimate, 2);
      }
    }
    report(
      `ArcFace loss gradient vs finite differences: worst relative error ${worst.toExponential(2)}`,
    );
    // float32 central differences with h = 1e-3 are good to about 1e-3 relative here.
    expect(worst).toBeLessThan(2e-2);
  });

  test('gradients stay finite when an embedding coincides with its class centre', async () => {
    // cos θ = 1 gives sin θ = 0, where d sin/d cos is infinite without the floor.
    const x = tf.tensor2d([[1, 0]]);
    const w = tf.tensor2d(W);
    const oneHot = tf.tensor2d([[1, 0, 0]]);
    const [gx, gw] = tf.grads((a, b) =>
      softmaxCrossEntropy(
        arcFaceLogits(a as tf.Tensor2D, b as tf.Tensor2D, oneHot, { scale: 32, margin: 0.3 })
          .logits,
        oneHot,
        0.1,
      ),
    )([x, w]);
    for (const g of [gx, gw]) {
      expect(Array.from(await (g as tf.Tensor).data()).every(Number.isFinite)).toBe(true);
    }
  });
});

describe('createArcFaceHead', () => {
  test('owns W [embeddingDim, numClasses] and frees it on dispose', () => {
    const before = tf.memory().numTensors;
    const head = createArcFaceHead({
      embeddingDim: 8,
      numClasses: 5,
      scale: 32,
      margin: 0.3,
      seed: 1,
    });
    expect(head.params.map((p) => p.variable.shape)).toEqual([[8, 5]]);
    expect(tf.memory().numTensors).toBe(before + 1);
    head.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => head.forward(tf.zeros([1, 8]), tf.zeros([1, 5]))).toThrow(/disposed/);
  });
});
