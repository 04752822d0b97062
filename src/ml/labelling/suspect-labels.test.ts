// Suspect ranking on hand-worked vectors (leave-one-out own similarity, the best other person,
// a person's only image, a data set of one person) and on synthetic people with 5 % of the labels
// moved to a wrong person, which must rank first.
import { describe, expect, test } from 'vitest';
import { report } from '../test-utils/report';
import { rankSuspects } from './suspect-labels';
import { suspectMetrics, suspectScores } from './suspect-metrics';
import { flipLabels } from './test-utils/flip-labels';
import { syntheticPeople } from './test-utils/synthetic-embeddings';

const X = [1, 0, 0];
const Y = [0, 1, 0];

describe('rankSuspects on hand-worked vectors', () => {
  // Person 0: x, x, y (the y is misfiled); person 1: y, y.
  const rows = new Float32Array([...X, ...X, ...Y, ...Y, ...Y]);
  const labels = [0, 0, 0, 1, 1];

  test('scores leave-one-out own similarity against the best other person', () => {
    const ranked = rankSuspects(rows, 3, labels);
    expect(ranked.map((s) => s.index)).toEqual([2, 3, 4, 0, 1]);
    const [misfiled, y1] = ranked;
    // Row 2: its person's other images are x, x → template x, own 0; person 1 is y → 1.
    expect(misfiled).toMatchObject({ label: 0, nearestOtherLabel: 1, personImages: 3 });
    expect(misfiled?.ownSimilarity).toBeCloseTo(0, 12);
    expect(misfiled?.nearestOtherSimilarity).toBeCloseTo(1, 12);
    expect(misfiled?.score).toBeCloseTo(1, 12);
    // Row 3: own template y → 1; person 0's template is (2x + y)/√5 → 1/√5.
    expect(y1?.ownSimilarity).toBeCloseTo(1, 12);
    expect(y1?.nearestOtherSimilarity).toBeCloseTo(1 / Math.sqrt(5), 12);
    expect(y1?.score).toBeCloseTo(1 / Math.sqrt(5) - 1, 12);
    // Row 0: own template (x + y)/√2 → 1/√2; person 1 → 0.
    expect(ranked[3]?.score).toBeCloseTo(-1 / Math.sqrt(2), 12);
  });

  test('a person’s only image: own NaN, scored against the median own similarity', () => {
    // Person 2 has one image, y: it looks exactly like person 1.
    const ranked = rankSuspects(new Float32Array([...rows, ...Y]), 3, [...labels, 2]);
    const lone = ranked.find((s) => s.index === 5);
    expect(lone?.ownSimilarity).toBeNaN();
    expect(lone?.personImages).toBe(1);
    expect(lone?.nearestOtherLabel).toBe(1);
    // Own similarities: rows 0, 1 → 1/√2, row 2 → 0, rows 3, 4 → 1; the median is 1/√2.
    expect(lone?.score).toBeCloseTo(1 - 1 / Math.sqrt(2), 12);
    expect(ranked[0]?.index).toBe(2);
    expect(ranked[1]?.index).toBe(5);
  });

  test('one person only: the images least like the rest come first', () => {
    const ranked = rankSuspects(new Float32Array([...X, ...X, ...Y]), 3, [4, 4, 4]);
    expect(ranked.map((s) => s.index)).toEqual([2, 0, 1]);
    expect(ranked[0]?.nearestOtherLabel).toBeNull();
    expect(ranked[0]?.score).toBeCloseTo(0, 12);
    expect(ranked[0]?.nearestOtherSimilarity).toBeNaN();
    expect(ranked[1]?.score).toBeCloseTo(-1 / Math.sqrt(2), 12);
  });

  test('a single image has nothing to compare with: NaN, ranked last; top keeps the first', () => {
    expect(rankSuspects(new Float32Array(X), 3, [0])[0]?.score).toBeNaN();
    expect(rankSuspects(rows, 3, labels, { top: 2 }).map((s) => s.index)).toEqual([2, 3]);
  });

  test('refuses labels that do not match the rows', () => {
    expect(() => rankSuspects(rows, 3, [0, 1])).toThrow(/5 embeddings but 2 labels/);
  });
});

describe('rankSuspects on synthetic people with 5 % of labels flipped', () => {
  test('finds the flipped images first', () => {
    const people = syntheticPeople(
      Array.from({ length: 20 }, (_, i) => 6 + (i % 7)),
      { spread: 0.04, seed: 12 },
    );
    const { labels, flipped } = flipLabels(people.labels, 0.05, 3);
    const ranked = rankSuspects(people.embeddings, people.dim, labels);
    const metrics = suspectMetrics(suspectScores(ranked, labels.length), flipped);
    report(`synthetic suspects: ${JSON.stringify(metrics)}`);
    expect(metrics.flipped).toBe(Math.round(0.05 * labels.length));
    expect(metrics.recallAtFlipped).toBe(1);
    expect(metrics.auc).toBe(1);
  });

  test('10,000 images of 500 people in a few seconds', () => {
    const people = syntheticPeople(
      Array.from({ length: 500 }, () => 20),
      { seed: 13 },
    );
    const { labels, flipped } = flipLabels(people.labels, 0.05, 4);
    const started = performance.now();
    const ranked = rankSuspects(people.embeddings, people.dim, labels);
    const seconds = (performance.now() - started) / 1000;
    report(`rankSuspects: 10,000 images of 500 people in ${seconds.toFixed(2)} s`);
    expect(suspectMetrics(suspectScores(ranked, labels.length), flipped).recallAtFlipped).toBe(1);
    expect(seconds).toBeLessThan(15);
  }, 60_000);
});
