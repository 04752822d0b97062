// Clustering on synthetic embeddings of known structure: well-separated people found exactly by
// every method, two look-alike people kept apart, near-duplicates together, outliers alone, a
// chain of close neighbours that single linkage strings into one group and average and complete
// linkage do not, the shape of the result (every row once, largest first, stable ties), and the
// time for 1,000 and 10,000 faces.
import { describe, expect, test } from 'vitest';
import { seededRandom } from '../../lib/seeded-random';
import { bcubed } from './bcubed';
import { clusterFaces, type ClusterMethod } from './cluster-faces';
import { report } from '../test-utils/report';
import {
  concatRows,
  greatCircleChain,
  randomUnit,
  syntheticPeople,
} from './test-utils/synthetic-embeddings';

const METHODS: ClusterMethod[] = [
  'average',
  'complete',
  'single',
  'mutual-knn',
  'chinese-whispers',
  'density',
];

function expectPartition(groups: number[][], count: number): void {
  const rows = groups.flat().sort((a, b) => a - b);
  expect(rows).toEqual(Array.from({ length: count }, (_, i) => i));
  for (let g = 1; g < groups.length; g++) {
    const [prev, next] = [groups[g - 1] as number[], groups[g] as number[]];
    expect(prev.length).toBeGreaterThanOrEqual(next.length);
    if (prev.length === next.length) expect(prev[0]).toBeLessThan(next[0] as number);
  }
}

function minPairSimilarity(x: Float32Array, dim: number, group: number[]): number {
  let least = Infinity;
  for (const i of group)
    for (const j of group) {
      if (j <= i) continue;
      let sim = 0;
      for (let d = 0; d < dim; d++) sim += (x[i * dim + d] as number) * (x[j * dim + d] as number);
      least = Math.min(least, sim);
    }
  return least;
}

describe('clusterFaces on separated people', () => {
  // Faces ~0.97 to their person's centre (~0.94 to each other); centres ~0 ± 0.09 apart.
  const people = syntheticPeople([12, 9, 9, 5, 2, 1, 1], { spread: 0.015 });

  test.each(METHODS.filter((m) => m !== 'density'))(
    '%s finds every person exactly, largest first',
    (method) => {
      const { groups } = clusterFaces(people.embeddings, people.dim, { method });
      expectPartition(groups, people.labels.length);
      expect(bcubed(groups, people.labels)).toEqual({ precision: 1, recall: 1, f1: 1 });
      expect(groups.map((g) => g.length)).toEqual([12, 9, 9, 5, 2, 1, 1]);
    },
  );

  test('density finds every person of at least minPoints faces; a pair is no cluster', () => {
    const { groups } = clusterFaces(people.embeddings, people.dim, { method: 'density' });
    expectPartition(groups, people.labels.length);
    expect(bcubed(groups, people.labels).precision).toBe(1);
    expect(groups.map((g) => g.length)).toEqual([12, 9, 9, 5, 1, 1, 1, 1]);
  });

  test('random outliers stay alone', () => {
    const random = seededRandom(9);
    const outliers = new Float32Array(20 * 128);
    for (let i = 0; i < 20; i++) outliers.set(randomUnit(128, random), i * 128);
    const x = concatRows(people.embeddings, outliers);
    const { groups } = clusterFaces(x, 128);
    const first = people.labels.length;
    for (const group of groups) {
      if (group.some((row) => row >= first)) expect(group).toHaveLength(1);
    }
    expect(groups.filter((g) => g.length > 1)).toHaveLength(5);
  });
});

describe('clusterFaces keeps look-alikes apart and duplicates together', () => {
  test('two people whose centres are 0.8 alike stay two groups', () => {
    const dim = 128;
    const random = seededRandom(3);
    const a = randomUnit(dim, random);
    const w = randomUnit(dim, random);
    const along = a.reduce((s, x, d) => s + x * (w[d] as number), 0);
    const perp = w.map((x, d) => x - along * (a[d] as number));
    const norm = Math.hypot(...perp);
    // b = 0.8·a + 0.6·(unit ⟂ a): cos(a, b) = 0.8.
    const b = a.map((x, d) => 0.8 * x + (0.6 * (perp[d] as number)) / norm);
    const rows: Float32Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 15; i++) {
      for (const [label, centre] of [a, b].entries()) {
        const noisy = centre.map(
          (x) =>
            x + 0.012 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()),
        );
        const n = Math.hypot(...noisy);
        rows.push(Float32Array.from(noisy, (x) => x / n));
        labels.push(label);
      }
    }
    const { groups } = clusterFaces(concatRows(...rows), dim);
    expect(bcubed(groups, labels).precision).toBe(1);
    expect(groups.slice(0, 2).map((g) => g.length)).toEqual([15, 15]);
  });

  test('exact and near duplicates of one face share a group', () => {
    const face = syntheticPeople([1], { seed: 4 }).embeddings;
    const near = syntheticPeople([3], { seed: 5, spread: 0.001 }).embeddings;
    const x = concatRows(face, face, face, near);
    const { groups } = clusterFaces(x, 128);
    expect(groups[0]).toEqual([0, 1, 2]);
    expect(groups[1]).toEqual([3, 4, 5]);
  });
});

describe('clusterFaces on a chain of close neighbours', () => {
  // Eight faces 15° apart on a great circle: neighbours cos 15° = 0.966, ends 105° apart.
  const chain = greatCircleChain(8, 15);

  test('single linkage strings the whole chain into one group', () => {
    const { groups } = clusterFaces(chain, 128, {
      method: 'single',
      threshold: 0.9,
      smoothing: false,
    });
    expect(groups).toHaveLength(1);
  });

  test.each(['average', 'complete'] as const)('%s linkage keeps distant links apart', (method) => {
    const { groups } = clusterFaces(chain, 128, { method, threshold: 0.9, smoothing: false });
    expectPartition(groups, 8);
    // Mean of a run of three: (2·cos 15° + cos 30°) / 3 = 0.933; of four: 0.889 < 0.9.
    for (const group of groups) {
      expect(group.length).toBeLessThanOrEqual(method === 'average' ? 3 : 2);
      if (group.length > 1) expect(minPairSimilarity(chain, 128, group)).toBeGreaterThan(0.86);
    }
  });
});

describe('clusterFaces at scale', () => {
  test('1,000 faces in well under a second or two', () => {
    const faces = syntheticPeople(
      Array.from({ length: 50 }, () => 20),
      { seed: 6, spread: 0.02 },
    );
    const started = performance.now();
    const { groups } = clusterFaces(faces.embeddings, faces.dim);
    const seconds = (performance.now() - started) / 1000;
    report(`clusterFaces: 1,000 synthetic faces in ${seconds.toFixed(2)} s`);
    expect(bcubed(groups, faces.labels).f1).toBe(1);
    expect(seconds).toBeLessThan(2);
  });

  test('10,000 faces, one block of similarities at a time', () => {
    const faces = syntheticPeople(
      Array.from({ length: 500 }, () => 20),
      { seed: 7, spread: 0.02 },
    );
    const started = performance.now();
    const { groups } = clusterFaces(faces.embeddings, faces.dim);
    const seconds = (performance.now() - started) / 1000;
    report(`clusterFaces: 10,000 synthetic faces in ${seconds.toFixed(2)} s`);
    expect(bcubed(groups, faces.labels).f1).toBe(1);
    expect(seconds).toBeLessThan(30);
  }, 60_000);
});
