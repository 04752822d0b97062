// Owns "Group similar faces": clustering L2-normalised face embeddings into groups that almost
// never mix two people. Faces are first smoothed with their nearest look-alikes
// (neighbour-smoothing.ts), then the sparse k-nearest-neighbour graph is built block by block
// (never an n × n matrix) and clustered with the method chosen by measurement
// (measure-clustering.test.ts): average linkage with a stop threshold. The other methods stay
// selectable for that measurement.
import { agglomerate } from './agglomerative';
import { chineseWhispers } from './chinese-whispers';
import { densityClusters } from './density-clusters';
import { adjacency, undirectedEdges, type EdgeList } from './graph-edges';
import { groupsFromAssignment } from './groups';
import { smoothWithNeighbours, type NeighbourSmoothing } from './neighbour-smoothing';
import { checkEmbeddings, similarityGraph } from './similarity-graph';
import { UnionFind } from './union-find';

export type ClusterMethod =
  'average' | 'complete' | 'single' | 'mutual-knn' | 'chinese-whispers' | 'density';

export interface ClusterOptions {
  method?: ClusterMethod;
  /**
   * Cosine similarity at which faces (for average and complete linkage, groups) count as one
   * person, after smoothing. Defaults to `CLUSTER_THRESHOLDS[method]`, or
   * `UNSMOOTHED_CLUSTER_THRESHOLDS[method]` when smoothing is off.
   */
  threshold?: number;
  /** Neighbour smoothing before clustering; false clusters the embeddings as given. */
  smoothing?: NeighbourSmoothing | false;
  /** Neighbours each face keeps in the clustering graph (its k nearest above the threshold). */
  neighbours?: number;
  /** The density method's core size, the face itself included (Immich's "minimum faces"). */
  minPoints?: number;
  /** Chinese whispers' visiting order. */
  seed?: number;
}

export interface FaceClusters {
  /** Row indices; every row in exactly one group; largest first, singletons included. */
  groups: number[][];
}

/** The method "Group similar faces" uses: the best F1 at BCubed precision ≥ 0.98 measured. */
export const DEFAULT_CLUSTER_METHOD: ClusterMethod = 'average';

/** Each face adds its 5 nearest faces of similarity ≥ 0.93 to itself before clustering. */
export const DEFAULT_SMOOTHING: NeighbourSmoothing = { neighbours: 5, floor: 0.93 };

/**
 * Each method's best threshold at BCubed precision ≥ 0.98 with the default smoothing
 * (measure-clustering test; dev-lfw10to19 in the studio's framing, faces + mirror images).
 */
export const CLUSTER_THRESHOLDS: Readonly<Record<ClusterMethod, number>> = {
  average: 0.97,
  complete: 0.95,
  single: 0.98,
  'mutual-knn': 0.98,
  'chinese-whispers': 0.98,
  density: 0.98,
};

/** The same without smoothing. */
export const UNSMOOTHED_CLUSTER_THRESHOLDS: Readonly<Record<ClusterMethod, number>> = {
  average: 0.935,
  complete: 0.93,
  single: 0.96,
  'mutual-knn': 0.96,
  'chinese-whispers': 0.96,
  density: 0.96,
};

/** The default method's threshold: average similarity of two groups' faces, after smoothing. */
export const DEFAULT_CLUSTER_THRESHOLD = CLUSTER_THRESHOLDS[DEFAULT_CLUSTER_METHOD];

/** Enough for complete linkage to grow groups of dozens of faces; memory is n × k edges. */
export const DEFAULT_NEIGHBOURS = 32;
export const DEFAULT_MIN_POINTS = 3;

export function clusterFaces(
  embeddings: ArrayLike<number>,
  dim: number,
  options: ClusterOptions = {},
): FaceClusters {
  const count = checkEmbeddings(embeddings, dim);
  const method = options.method ?? DEFAULT_CLUSTER_METHOD;
  const smoothing = options.smoothing ?? DEFAULT_SMOOTHING;
  const threshold =
    options.threshold ?? (smoothing ? CLUSTER_THRESHOLDS : UNSMOOTHED_CLUSTER_THRESHOLDS)[method];
  const rows = smoothing ? smoothWithNeighbours(embeddings, dim, smoothing) : embeddings;
  // Every method joins faces only through pairs at or above the threshold (a group's mean or
  // least similarity reaches it only if some pair does), so the graph keeps nothing below it.
  const graph = similarityGraph(rows, dim, {
    neighbours: options.neighbours ?? DEFAULT_NEIGHBOURS,
    floor: threshold,
  });
  const edges = undirectedEdges(graph, method === 'mutual-knn' ? 'mutual' : 'either');
  const assignment = assign(method, rows, dim, count, edges, threshold, options);
  return { groups: groupsFromAssignment(assignment) };
}

function assign(
  method: ClusterMethod,
  rows: ArrayLike<number>,
  dim: number,
  count: number,
  edges: EdgeList,
  threshold: number,
  options: ClusterOptions,
): Int32Array {
  switch (method) {
    case 'average':
    case 'complete':
      return agglomerate(rows, dim, edges, method, threshold);
    case 'single':
    case 'mutual-knn': {
      const sets = new UnionFind(count);
      for (let e = 0; e < edges.a.length; e++)
        sets.union(edges.a[e] as number, edges.b[e] as number);
      return sets.roots();
    }
    case 'chinese-whispers':
      return chineseWhispers(adjacency(edges, count), { seed: options.seed ?? 42 });
    case 'density':
      return densityClusters(adjacency(edges, count), options.minPoints ?? DEFAULT_MIN_POINTS);
  }
}
