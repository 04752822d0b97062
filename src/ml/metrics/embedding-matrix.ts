// The one shape every metric reads: N embeddings of D dims stored row-major in a flat typed array,
// exactly what a tfjs `dataSync()` of a [N, D] tensor returns, so nothing is copied on the way in.
import { MetricsError } from './metrics-error';

export interface EmbeddingMatrix {
  /** [count, dim] row-major */
  readonly data: Float32Array | Float64Array;
  readonly count: number;
  readonly dim: number;
}

/** One split of a data set: embeddings and their class indices (non-negative integers). */
export interface LabelledEmbeddings {
  readonly embeddings: EmbeddingMatrix;
  readonly labels: ArrayLike<number>;
}

export function embeddingMatrix(data: Float32Array | Float64Array, dim: number): EmbeddingMatrix {
  if (!Number.isInteger(dim) || dim <= 0 || data.length % dim !== 0) {
    throw new MetricsError(
      'metrics-invalid-input',
      `An embedding matrix of ${data.length} values cannot have rows of ${dim} dims.`,
    );
  }
  return { data, count: data.length / dim, dim };
}

/** Stacks rows of equal length; `dim` must be given when there are no rows. */
export function matrixFromRows(rows: readonly ArrayLike<number>[], dim?: number): EmbeddingMatrix {
  const d = dim ?? rows[0]?.length ?? 0;
  if (d <= 0) {
    throw new MetricsError('metrics-invalid-input', 'An empty embedding matrix needs its dim.');
  }
  const data = new Float64Array(rows.length * d);
  rows.forEach((row, i) => {
    if (row.length !== d) {
      throw new MetricsError('metrics-invalid-input', `Row ${i} has ${row.length} dims, not ${d}.`);
    }
    for (let k = 0; k < d; k++) data[i * d + k] = row[k] as number;
  });
  return { data, count: rows.length, dim: d };
}

/** Throws unless there is one integer label >= 0 per embedding. */
export function checkLabelled(split: LabelledEmbeddings, name: string): void {
  const { embeddings, labels } = split;
  if (embeddings.data.length !== embeddings.count * embeddings.dim) {
    throw new MetricsError(
      'metrics-invalid-input',
      `The ${name} embeddings hold ${embeddings.data.length} values, not ${embeddings.count}×${embeddings.dim}.`,
    );
  }
  if (labels.length !== embeddings.count) {
    throw new MetricsError(
      'metrics-invalid-input',
      `The ${name} split has ${embeddings.count} embeddings but ${labels.length} labels.`,
    );
  }
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    if (!Number.isInteger(label) || label < 0) {
      throw new MetricsError(
        'metrics-invalid-input',
        `Label ${i} of the ${name} split is ${label}.`,
      );
    }
  }
}
