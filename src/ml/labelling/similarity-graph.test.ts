// The block-by-block nearest-neighbour graph against a brute-force search over every pair, for
// block sizes that do and do not divide the row count, and the undirected forms built from it.
import { describe, expect, test } from 'vitest';
import { seededRandom } from '../../lib/seeded-random';
import { adjacency, undirectedEdges } from './graph-edges';
import { similarityGraph, type SimilarityGraph } from './similarity-graph';
import { randomUnit, syntheticPeople } from './test-utils/synthetic-embeddings';

function bruteForce(x: Float32Array, dim: number, k: number, floor: number): [number, number][][] {
  const count = x.length / dim;
  const lists: [number, number][][] = [];
  for (let i = 0; i < count; i++) {
    const list: [number, number][] = [];
    for (let j = 0; j < count; j++) {
      if (j === i) continue;
      let sim = 0;
      for (let d = 0; d < dim; d++) sim += (x[i * dim + d] as number) * (x[j * dim + d] as number);
      if (sim >= floor) list.push([j, sim]);
    }
    list.sort((p, q) => q[1] - p[1] || p[0] - q[0]);
    lists.push(list.slice(0, k));
  }
  return lists;
}

function listsOf(graph: SimilarityGraph): [number, number][][] {
  return Array.from({ length: graph.count }, (_, i) => {
    const out: [number, number][] = [];
    for (let e = graph.offsets[i] as number; e < (graph.offsets[i + 1] as number); e++) {
      out.push([graph.neighbours[e] as number, graph.similarities[e] as number]);
    }
    return out;
  });
}

function expectSameLists(actual: [number, number][][], expected: [number, number][][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((list, i) => {
    const want = expected[i] as [number, number][];
    expect(
      list.map(([j]) => j),
      `row ${i}`,
    ).toEqual(want.map(([j]) => j));
    list.forEach(([, sim], r) => expect(sim).toBeCloseTo((want[r] as [number, number])[1], 9));
  });
}

describe('similarityGraph', () => {
  const { embeddings, dim } = syntheticPeople([9, 7, 5, 3, 1, 1], { dim: 16, spread: 0.15 });

  test.each([1, 5, 7, 26, 256])('matches brute force with blocks of %i rows', (blockSize) => {
    const graph = similarityGraph(embeddings, dim, { neighbours: 4, floor: 0.3, blockSize });
    expectSameLists(listsOf(graph), bruteForce(embeddings, dim, 4, 0.3));
  });

  test('keeps every neighbour above the floor when k exceeds them, and none below it', () => {
    const graph = similarityGraph(embeddings, dim, { neighbours: 100, floor: 0.5, blockSize: 8 });
    expectSameLists(listsOf(graph), bruteForce(embeddings, dim, 100, 0.5));
    expect(Math.min(...graph.similarities)).toBeGreaterThanOrEqual(0.5);
  });

  test('random directions in 128 dims: the same neighbours as brute force', () => {
    const random = seededRandom(5);
    const rows = 300;
    const x = new Float32Array(rows * 128);
    for (let i = 0; i < rows; i++) x.set(randomUnit(128, random), i * 128);
    const graph = similarityGraph(x, 128, { neighbours: 6, floor: -1, blockSize: 64 });
    expectSameLists(listsOf(graph), bruteForce(x, 128, 6, -1));
  });

  test('handles no rows, one row and k = 0', () => {
    expect(similarityGraph(new Float32Array(0), 4, { neighbours: 3, floor: 0 }).count).toBe(0);
    const one = similarityGraph(new Float32Array([1, 0, 0, 0]), 4, { neighbours: 3, floor: 0 });
    expect(Array.from(one.offsets)).toEqual([0, 0]);
    const none = similarityGraph(embeddings, dim, { neighbours: 0, floor: -1 });
    expect(none.neighbours.length).toBe(0);
  });

  test('refuses values that are not whole rows', () => {
    expect(() => similarityGraph(new Float32Array(5), 4, { neighbours: 1, floor: 0 })).toThrow(
      /rows of 4/,
    );
  });
});

describe('undirectedEdges and adjacency', () => {
  // Three directions at 0°, 20° and 50°: 0–1 similar (cos 20°), 1–2 less (cos 30°), 0–2 least.
  // With k = 1, row 0 keeps 1, row 1 keeps 0 and row 2 keeps 1.
  const at = (degrees: number) => [
    Math.cos((degrees * Math.PI) / 180),
    Math.sin((degrees * Math.PI) / 180),
  ];
  const x = new Float32Array([...at(0), ...at(20), ...at(50)]);
  const graph = similarityGraph(x, 2, { neighbours: 1, floor: -1 });

  test('"either" keeps a pair one side keeps, once; "mutual" only pairs both keep', () => {
    const either = undirectedEdges(graph, 'either');
    expect(Array.from(either.a)).toEqual([0, 1]);
    expect(Array.from(either.b)).toEqual([1, 2]);
    const mutual = undirectedEdges(graph, 'mutual');
    expect(Array.from(mutual.a)).toEqual([0]);
    expect(Array.from(mutual.b)).toEqual([1]);
  });

  test('adjacency lists each edge from both ends', () => {
    const adj = adjacency(undirectedEdges(graph, 'either'), 3);
    expect(Array.from(adj.offsets)).toEqual([0, 1, 3, 4]);
    expect(Array.from(adj.neighbours)).toEqual([1, 0, 2, 1]);
  });
});
