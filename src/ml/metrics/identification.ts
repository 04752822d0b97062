// Identification by the nearest class template (cosine): predictions, top-1 accuracy, the
// confusion matrix, and every query's templates ranked — the Evaluate screen's identification half
// and the Verify screen's "best match and the next ones".
import { checkLabelled, type LabelledEmbeddings } from './embedding-matrix';
import { MetricsError } from './metrics-error';
import type { ClassTemplates } from './templates';
import { l2Normalize, normalizeRows } from './vector-ops';

export interface RankedMatch {
  readonly label: number;
  readonly score: number;
}

export interface ConfusionMatrix {
  /** Row and column order: the union of template classes and query labels, ascending. */
  readonly classes: number[];
  /** counts[trueRow][predictedColumn] */
  readonly counts: number[][];
}

export interface Identification {
  /** Correct / queries; NaN when there is no query or no template to compare with. */
  readonly top1: number;
  /** Predicted label per query, -1 when there is no template. */
  readonly predictions: Int32Array;
  /** [queries, templates.classes.length] cosine of each query with each template */
  readonly scores: Float64Array;
  /** [queries, templates.classes.length] template rows by descending score (ties: class order) */
  readonly ranking: Int32Array;
  readonly confusion: ConfusionMatrix;
}

function templateScores(
  templates: ClassTemplates,
  unitQuery: Float64Array,
  out: Float64Array,
  at: number,
): void {
  const { dim, classes } = templates;
  for (let c = 0; c < classes.length; c++) {
    let s = 0;
    for (let k = 0; k < dim; k++)
      s += (unitQuery[k] as number) * (templates.data[c * dim + k] as number);
    out[at + c] = s;
  }
}

function rankRow(scores: Float64Array, at: number, n: number): number[] {
  const order = Array.from({ length: n }, (_, c) => c);
  // Stable sort, so equal scores keep class order: the first of them is numpy's argmax.
  return order.sort((a, b) => (scores[at + b] as number) - (scores[at + a] as number));
}

/** All templates ranked for one embedding (Verify: best match first). */
export function rankTemplates(
  templates: ClassTemplates,
  embedding: ArrayLike<number>,
): RankedMatch[] {
  if (embedding.length !== templates.dim) {
    throw new MetricsError(
      'metrics-invalid-input',
      `An embedding of ${embedding.length} dims cannot be compared with templates of ${templates.dim}.`,
    );
  }
  const n = templates.classes.length;
  const scores = new Float64Array(n);
  templateScores(templates, l2Normalize(embedding), scores, 0);
  return rankRow(scores, 0, n).map((c) => ({
    label: templates.classes[c] as number,
    score: scores[c] as number,
  }));
}

export function identify(templates: ClassTemplates, queries: LabelledEmbeddings): Identification {
  checkLabelled(queries, 'query');
  const { count, dim } = queries.embeddings;
  if (count > 0 && dim !== templates.dim) {
    throw new MetricsError(
      'metrics-invalid-input',
      `Queries of ${dim} dims, templates of ${templates.dim}.`,
    );
  }
  const n = templates.classes.length;
  const unit = normalizeRows(queries.embeddings, 'query embedding');
  const scores = new Float64Array(count * n);
  const ranking = new Int32Array(count * n);
  const predictions = new Int32Array(count).fill(-1);
  const classes = [...new Set([...templates.classes, ...Array.from(queries.labels)])].sort(
    (a, b) => a - b,
  );
  const index = new Map(classes.map((label, c) => [label, c]));
  const counts = classes.map(() => new Array<number>(classes.length).fill(0));
  let correct = 0;
  for (let q = 0; q < count; q++) {
    templateScores(
      templates,
      unit.data.subarray(q * dim, (q + 1) * dim) as Float64Array,
      scores,
      q * n,
    );
    if (n === 0) continue;
    const order = rankRow(scores, q * n, n);
    ranking.set(order, q * n);
    const predicted = templates.classes[order[0] as number] as number;
    const truth = queries.labels[q] as number;
    predictions[q] = predicted;
    if (predicted === truth) correct++;
    const row = counts[index.get(truth) as number] as number[];
    const col = index.get(predicted) as number;
    row[col] = (row[col] as number) + 1;
  }
  const top1 = count === 0 || n === 0 ? NaN : correct / count;
  return { top1, predictions, scores, ranking, confusion: { classes, counts } };
}
