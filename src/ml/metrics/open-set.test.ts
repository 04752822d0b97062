import { describe, expect, it } from 'vitest';
import { matrixFromRows } from './embedding-matrix';
import { bestMatches, buildGallery, headGallery } from './galleries';
import { atTargetFar, evaluateOpenSet } from './open-set-evaluation';
import { enoughShots, learningCurve, trainSubset, type LearningPoint } from './learning-curve';
import {
  dirAtFar,
  openSetCurve,
  openSetFigures,
  openSetRatesAt,
  openSetScores,
  thresholdAtFar,
  type OpenSetScores,
} from './open-set';

// Hand-computed case: ten val strangers, four test strangers, five enrolled test probes of which
// the third is named as someone else.
const scores: OpenSetScores = {
  valStrangers: Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]),
  testStrangers: Float64Array.from([0.2, 0.5, 0.85, 0.92]),
  testEnrolled: Float64Array.from([0.99, 0.95, 0.91, 0.88, 0.97]),
  testCorrect: Uint8Array.from([1, 1, 0, 1, 1]),
};

describe('thresholdAtFar', () => {
  it('lets through at most ⌊far·n⌋ strangers, as few as that allows', () => {
    const t = thresholdAtFar(scores.valStrangers, 0.1);
    expect(t).toBeGreaterThan(0.9);
    expect(t).toBeLessThan(0.9 + 1e-12);
    expect(thresholdAtFar(scores.valStrangers, 0.05)).toBeGreaterThan(0.95);
    expect(thresholdAtFar(scores.valStrangers, 0)).toBeGreaterThan(0.95);
    expect(thresholdAtFar(scores.valStrangers, 0.3)).toBeGreaterThan(0.7);
    expect(thresholdAtFar(scores.valStrangers, 0.3)).toBeLessThan(0.71);
    expect(thresholdAtFar(scores.valStrangers, 1)).toBe(-Infinity);
    expect(thresholdAtFar(new Float64Array(0), 0.01)).toBeNaN();
    expect(() => thresholdAtFar(scores.valStrangers, 1.5)).toThrow(/not in 0..1/);
  });

  it('counts 1 % of 300 as 3 despite binary fractions', () => {
    const s = Float64Array.from({ length: 300 }, (_, i) => i / 300);
    const t = thresholdAtFar(s, 0.01);
    expect([...s].filter((v) => v >= t)).toHaveLength(3);
  });
});

describe('open-set rates on test', () => {
  it('splits enrolled probes into named, misidentified and rejected at a threshold', () => {
    const rates = openSetRatesAt(scores, thresholdAtFar(scores.valStrangers, 0.1));
    expect(rates.dir).toBeCloseTo(3 / 5, 12);
    expect(rates.misidentified).toBeCloseTo(1 / 5, 12);
    expect(rates.rejected).toBeCloseTo(1 / 5, 12);
    expect(rates.falseAlarms).toBe(1);
    expect(rates.far).toBeCloseTo(1 / 4, 12);
    expect(rates.enrolled).toBe(5);
    expect(rates.strangers).toBe(4);
  });

  it('reads DIR at FAR off the test strangers, at the best point allowed', () => {
    expect(dirAtFar(scores, 0.25)).toBeCloseTo(4 / 5, 12); // one false alarm allowed: 0.85 < t
    expect(dirAtFar(scores, 0.01)).toBeCloseTo(3 / 5, 12); // none: t above 0.92
    expect(dirAtFar({ ...scores, testStrangers: new Float64Array(0) }, 0.01)).toBeNaN();
  });

  it('draws DIR against FAR from no false alarm to all', () => {
    const curve = openSetCurve(scores);
    expect(curve.far).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(curve.dir.map((d) => Math.round(d * 10) / 10)).toEqual([0.6, 0.8, 0.8, 0.8, 0.8]);
    expect(curve.thresholds[4]).toBe(-Infinity);
  });

  it('has dirAtFar(x) as its best point with FAR at most x', () => {
    const s: OpenSetScores = {
      valStrangers: new Float64Array(0),
      testStrangers: Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]),
      testEnrolled: Float64Array.from([0.97, 0.92, 0.91, 0.85, 0.82, 0.75, 0.3]),
      testCorrect: Uint8Array.from([1, 1, 1, 1, 1, 1, 0]),
    };
    const curve = openSetCurve(s);
    for (const x of [0, 0.05, 0.1, 0.2, 0.35, 0.5, 1]) {
      const best = Math.max(...curve.dir.filter((_, i) => (curve.far[i] as number) <= x));
      expect(dirAtFar(s, x)).toBeCloseTo(best, 12);
    }
    expect(dirAtFar(s, 0.1)).toBeCloseTo(3 / 7, 12);
  });

  it('keeps at most about maxPoints of a long curve, both ends included, FAR rising', () => {
    const many: OpenSetScores = {
      ...scores,
      testStrangers: Float64Array.from({ length: 5000 }, (_, i) => i / 5000),
    };
    const curve = openSetCurve(many, 50);
    expect(curve.far.length).toBeLessThanOrEqual(52);
    expect(curve.far[0]).toBe(0);
    expect(curve.far[curve.far.length - 1]).toBe(1);
    for (let i = 1; i < curve.far.length; i++)
      expect(curve.far[i]).toBeGreaterThanOrEqual(curve.far[i - 1] as number);
  });

  it('gathers every figure for a target FAR; without strangers they are NaN', () => {
    const figures = openSetFigures(scores, 0.1);
    expect(figures.atThreshold.dir).toBeCloseTo(0.6, 12);
    expect(figures.dirAtFar1e2).toBeCloseTo(0.6, 12);
    const none = openSetFigures(
      { ...scores, valStrangers: new Float64Array(0), testStrangers: new Float64Array(0) },
      0.01,
    );
    expect(none.threshold).toBeNaN();
    expect(none.atThreshold.dir).toBeNaN();
    expect(none.curve.far).toEqual([]);
  });
});

describe('galleries', () => {
  const train = {
    embeddings: matrixFromRows([
      [1, 0],
      [0.6, 0.8],
      [0, 1],
    ]),
    labels: [0, 0, 1],
  };
  const query = matrixFromRows([[0.6, 0.8]]);

  it('scores a person by the class mean, the closest photo or the mean of the closest three', () => {
    const mean = bestMatches(buildGallery(train, 'mean'), query);
    expect(mean.predicted[0]).toBe(0);
    expect(mean.best[0]).toBeCloseTo(
      1.6 * 0.6 * (1 / Math.hypot(1.6, 0.8)) + 0.8 * 0.8 * (1 / Math.hypot(1.6, 0.8)),
      12,
    );
    const max = bestMatches(buildGallery(train, 'max'), query);
    expect(max.best[0]).toBeCloseTo(1, 12);
    expect(max.predicted[0]).toBe(0);
    // Class 0: (1 + 0.6) / 2 = 0.8; class 1: 0.8. A tie keeps the first class.
    const top3 = bestMatches(buildGallery(train, 'top3'), query);
    expect(top3.best[0]).toBeCloseTo(0.8, 12);
    expect(top3.predicted[0]).toBe(0);
  });

  it('takes a head’s class weights (columns of [dim, classes]) as templates', () => {
    // Column 0 = (2, 0), column 1 = (0, 3), column 2 = (1, 1): unit length after normalising.
    const head = { data: Float64Array.from([2, 0, 1, 0, 3, 1]), dim: 2, classes: 3 };
    const gallery = headGallery(head, [0, 1]);
    expect(Array.from(gallery.rows)).toEqual([1, 0, 0, 1]);
    const m = bestMatches(gallery, query);
    expect(m.predicted[0]).toBe(1);
    expect(m.best[0]).toBeCloseTo(0.8, 12);
    expect(() => headGallery(head, [3])).toThrow(/no class 3/);
  });

  it('names nobody from an empty gallery', () => {
    const empty = buildGallery({
      embeddings: { data: new Float64Array(0), count: 0, dim: 2 },
      labels: [],
    });
    const m = bestMatches(empty, query);
    expect(m.predicted[0]).toBe(-1);
    expect(m.best[0]).toBe(-Infinity);
  });
});

/** People on a circle, each photo a noisy copy of its person; strangers elsewhere on it. */
function syntheticPeople(seed: number) {
  let state = seed;
  const noise = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31 - 0.5;
  };
  const dim = 8;
  const centre = (p: number) =>
    Array.from(
      { length: dim },
      (_, k) => Math.cos(p * 1.7 + k * (p + 1)) + (k === p % dim ? 2 : 0),
    );
  const photos = (person: number, n: number, spread: number) =>
    Array.from({ length: n }, () => centre(person).map((v) => v + spread * noise()));
  const part = (people: number[], n: number) => ({
    embeddings: matrixFromRows(people.flatMap((p) => photos(p, n, 2.5))),
    labels: people.flatMap((p) => Array<number>(n).fill(p)),
  });
  const enrolled = [0, 1, 2, 3, 4, 5];
  return {
    train: part(enrolled, 10),
    val: part(enrolled, 3),
    test: part(enrolled, 3),
    valStrangers: matrixFromRows([10, 11, 12].flatMap((p) => photos(p, 5, 2.5))),
    testStrangers: matrixFromRows([13, 14, 15].flatMap((p) => photos(p, 5, 2.5))),
  };
}

describe('learning curve', () => {
  const input = syntheticPeople(7);

  it('takes nested seeded subsets of train only, at most k a person', () => {
    const two = trainSubset(input.train, 2, 42);
    const five = trainSubset(input.train, 5, 42);
    expect(two.labels).toHaveLength(12);
    expect(five.labels).toHaveLength(30);
    const rows = (s: typeof two) =>
      Array.from({ length: s.embeddings.count }, (_, i) =>
        Array.from(s.embeddings.data.subarray(i * 8, i * 8 + 8)).join(','),
      );
    const inTrain = new Set(
      rows({
        ...input.train,
        embeddings: {
          ...input.train.embeddings,
          data: Float64Array.from(input.train.embeddings.data),
        },
      }),
    );
    const fiveRows = new Set(rows(five));
    for (const row of rows(two)) {
      expect(fiveRows.has(row)).toBe(true);
      expect(inTrain.has(row)).toBe(true);
    }
    expect(rows(trainSubset(input.train, 2, 42))).toEqual(rows(two));
    expect(rows(trainSubset(input.train, 2, 43))).not.toEqual(rows(two));
  });

  it('has a point per shot count below the largest train size, then all', () => {
    const curve = learningCurve(input, { targetFar: 0.1, seed: 42, shots: [1, 2, 3, 5, 10, 20] });
    expect(curve.map((p) => p.shots)).toEqual([1, 2, 3, 5, Infinity]);
    expect(curve.map((p) => p.photosPerPerson)).toEqual([1, 2, 3, 5, 10]);
    for (const point of curve) {
      expect(point.dir).toBeGreaterThanOrEqual(0);
      expect(point.dir).toBeLessThanOrEqual(point.top1);
    }
    const all = curve[curve.length - 1] as LearningPoint;
    const one = curve[0] as LearningPoint;
    expect(all.top1).toBeGreaterThanOrEqual(one.top1);
  });

  it('names where more photos stop helping', () => {
    const point = (shots: number, dir: number): LearningPoint => ({
      shots,
      photosPerPerson: shots,
      dirAtFar: dir,
      dir,
      far: 0.01,
      top1: 1,
    });
    const curve = [
      point(1, 0.5),
      point(2, 0.8),
      point(3, 0.945),
      point(5, 0.95),
      point(Infinity, 0.952),
    ];
    expect(enoughShots(curve)).toBe(3);
    expect(enoughShots(curve, 0.0025)).toBe(5);
    expect(enoughShots(curve, 0.001)).toBe(Infinity);
    expect(enoughShots([point(Infinity, 1)])).toBeUndefined();
  });
});

describe('openSetScores', () => {
  it('scores strangers ascending and marks which enrolled probes are named right', () => {
    const input = syntheticPeople(3);
    const s = openSetScores(input);
    expect(s.valStrangers).toHaveLength(15);
    for (let i = 1; i < s.testStrangers.length; i++)
      expect(s.testStrangers[i]).toBeGreaterThanOrEqual(s.testStrangers[i - 1] as number);
    expect(s.testEnrolled).toHaveLength(18);
    expect(s.testCorrect.every((c) => c === 0 || c === 1)).toBe(true);
  });
});

describe('evaluateOpenSet', () => {
  it('compares every gallery, and reads again at another target FAR as if evaluated at it', () => {
    const input = syntheticPeople(11);
    const at10 = evaluateOpenSet(input, { targetFar: 0.1 });
    expect(at10.galleries.map((g) => g.kind)).toEqual(['mean', 'max', 'top3']);
    expect(at10.counts).toEqual({ valStrangers: 15, testStrangers: 15 });
    const fresh = evaluateOpenSet(input, { targetFar: 0.2 });
    const moved = atTargetFar(at10, 0.2);
    expect(moved.figures).toEqual(fresh.figures);
    expect(moved.learningCurve).toEqual(fresh.learningCurve);
    expect(moved.figures.threshold).toBeLessThanOrEqual(at10.figures.threshold);
    expect(at10.gallery).toBe('mean');
    expect(at10.galleries).toHaveLength(3);
  });

  it('uses a trained head as the gallery when asked and given one, and compares it too', () => {
    const input = syntheticPeople(5);
    const dim = input.train.embeddings.dim;
    // A head whose class c column is person c's first train photo.
    const classes = 16;
    const data = new Float64Array(dim * classes);
    for (let c = 0; c < 6; c++)
      for (let k = 0; k < dim; k++)
        data[k * classes + c] = input.train.embeddings.data[c * 10 * dim + k] as number;
    const withHead = evaluateOpenSet(input, { gallery: 'head', head: { data, dim, classes } });
    expect(withHead.gallery).toBe('head');
    expect(withHead.galleries.map((g) => g.kind)).toEqual(['mean', 'max', 'top3', 'head']);
    expect(withHead.templates.classes).toEqual([0, 1, 2, 3, 4, 5]);
    const first = Array.from(input.train.embeddings.data.subarray(0, dim));
    const norm = Math.hypot(...first);
    expect(withHead.templates.data[0]).toBeCloseTo((first[0] as number) / norm, 12);
    expect(evaluateOpenSet(input, { gallery: 'head' }).gallery).toBe('mean');
  });
});
