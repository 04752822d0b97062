import { describe, expect, it } from 'vitest';
import { matrixFromRows, type LabelledEmbeddings } from './embedding-matrix';
import { evaluateFolderV1 } from './evaluate-folder-v1';
import { MetricsError } from './metrics-error';
import { pairCount } from './pairs';
import { ratesAtThreshold } from './threshold';
import { clusteredSplits, type ClusterSpec } from './test-utils/test-embeddings';

function splits(spec: ClusterSpec) {
  const [train, val, test] = clusteredSplits(spec) as [
    LabelledEmbeddings,
    LabelledEmbeddings,
    LabelledEmbeddings,
  ];
  return { train, val, test };
}

// Expected values: these very embeddings (written out as JSON) scored by
// ../shared/reference/folder_v1.py `score` with numpy 1.24 / scikit-learn 1.2, plus the same
// expressions unrounded (its TAR@FAR 1e-3 being np.interp(1e-3, fpr, tpr) like its 1e-2).
const REFERENCE = {
  // 8 identities, 16-d, 48/24/24 images; test image 1 is a copy of test image 0 (22 tied pairs)
  small: {
    spec: { classes: 8, dim: 16, perClass: [6, 3, 3], noise: 0.9, seed: 5 },
    top1: 1,
    auc: 0.9705687830687831,
    tarAtFar1e2: 0.2916666666666667,
    tarAtFar1e3: 0.16666666666666666,
    verifBalAcc: 0.9345238095238095,
    threshold: 0.4151924792924275,
  },
  // 24 identities, 32-d, 120/96/72 images: 4560 distinct val scores, so the reference keeps every
  // second one as a threshold candidate
  larger: {
    spec: { classes: 24, dim: 32, perClass: [5, 4, 3], noise: 1.2, seed: 6 },
    top1: 0.9722222222222222,
    auc: 0.968722043299338,
    tarAtFar1e2: 0.6666666666666666,
    tarAtFar1e3: 0.2361111111111111,
    verifBalAcc: 0.8998590982286634,
    threshold: 0.2180516467355405,
  },
};

describe('evaluateFolderV1', () => {
  it('reproduces the reference scorer on the same embeddings', () => {
    for (const [name, want] of Object.entries(REFERENCE)) {
      const input = splits(want.spec);
      if (name === 'small') input.test.embeddings.data.copyWithin(16, 0, 16);
      const got = evaluateFolderV1(input);
      expect(got.top1, name).toBeCloseTo(want.top1, 12);
      expect(got.auc, name).toBeCloseTo(want.auc, 12);
      expect(got.tarAtFar1e2, name).toBeCloseTo(want.tarAtFar1e2, 12);
      expect(got.tarAtFar1e3, name).toBeCloseTo(want.tarAtFar1e3, 12);
      expect(got.verifBalAcc, name).toBeCloseTo(want.verifBalAcc, 12);
      expect(got.threshold, name).toBeCloseTo(want.threshold, 12);
    }
  });

  it('returns charts and tables consistent with its own figures', () => {
    const input = splits(REFERENCE.larger.spec);
    const got = evaluateFolderV1(input, { hardestCount: 5 });
    const testPairs = pairCount(72);
    expect(got.protocol).toBe('folder-v1');
    expect(got.identities).toBe(24);
    expect(got.counts).toEqual({
      train: 120,
      val: 96,
      test: 72,
      valPairs: pairCount(96),
      testSamePairs: 72,
      testDifferentPairs: testPairs - 72,
    });
    expect(got.status).toEqual({ val: 'ok', test: 'ok' });
    expect(got.eer).toBeGreaterThan(0);
    expect(got.eer).toBeLessThan(0.5);

    expect(got.roc.far.length).toBeLessThanOrEqual(200);
    expect(got.histogram.same.reduce((a, b) => a + b)).toBe(72);
    expect(got.histogram.different.reduce((a, b) => a + b)).toBe(testPairs - 72);
    const confusionTotal = got.confusion.counts.flat().reduce((a, b) => a + b);
    const diagonal = got.confusion.counts.reduce((sum, row, r) => sum + row[r]!, 0);
    expect(confusionTotal).toBe(72);
    expect(diagonal / 72).toBe(got.top1);
    expect(got.predictions.length).toBe(72);
    expect(got.pca.x.length).toBe(72);
    expect(got.pca.labels).toEqual(Array.from(input.test.labels));
    expect(got.pca.explainedVariance[0]).toBeGreaterThanOrEqual(got.pca.explainedVariance[1]);
    expect(got.templates.classes.length).toBe(24);

    // hardest different pair scores highest of all different pairs, and is a different pair
    const top = got.hardest.different[0]!;
    expect(input.test.labels[top.first]).not.toBe(input.test.labels[top.second]);
    expect(top.score).toBe(got.testScores.different.at(-1));
    expect(got.hardest.same[0]!.score).toBe(got.testScores.same[0]);
    expect(got.hardest.same.length).toBe(5);

    // what the slider uses gives back the reported balanced accuracy at the chosen threshold
    expect(ratesAtThreshold(got.testScores, got.threshold).balancedAccuracy).toBe(got.verifBalAcc);
  });

  it('gives NaN with a reason, not an exception, when a split has no same-person pairs', () => {
    const one = (labels: number[], rows: number[][]): LabelledEmbeddings => ({
      embeddings: matrixFromRows(rows, 2),
      labels,
    });
    const train = one(
      [0, 1],
      [
        [1, 0],
        [0, 1],
      ],
    );
    const got = evaluateFolderV1({
      train,
      val: one(
        [0, 1],
        [
          [1, 0.1],
          [0.1, 1],
        ],
      ),
      test: one(
        [0, 1, 1],
        [
          [1, 0.2],
          [0.2, 1],
          [0.3, 1],
        ],
      ),
    });
    expect(got.status.val).toBe('no-same-pairs');
    expect(got.threshold).toBeNaN();
    expect(got.verifBalAcc).toBeNaN();
    expect(got.top1).toBe(1);
    expect(got.auc).toBe(1);

    const empty = evaluateFolderV1({ train, val: one([], []), test: one([], []) });
    expect(empty.status).toEqual({ val: 'no-pairs', test: 'no-pairs' });
    for (const v of [empty.top1, empty.auc, empty.tarAtFar1e2, empty.eer, empty.threshold])
      expect(v).toBeNaN();
    expect(empty.roc.far).toEqual([]);
  });

  it('reports a diverged model as a typed error', () => {
    const input = splits(REFERENCE.small.spec);
    input.test.embeddings.data[5] = NaN;
    expect(() => evaluateFolderV1(input)).toThrow(MetricsError);
  });
});
