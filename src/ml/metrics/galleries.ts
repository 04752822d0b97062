// Galleries: how a person's enrolment (train) embeddings become the scores a query is named by.
// 'mean' is folder-v1's class template (the normalised mean, one vector a person); 'max' keeps
// every enrolment embedding and scores a person by the closest one; 'top3' by the mean of the
// three closest (fewer when the person has fewer); 'head' takes a trained ArcFace head's class
// weights as the templates (what the network was pulled towards). Open-set recognition then
// takes each query's best person and its score; below a threshold the answer is "unknown".
import { checkLabelled, type EmbeddingMatrix, type LabelledEmbeddings } from './embedding-matrix';
import { MetricsError } from './metrics-error';
import { classTemplates } from './templates';
import { normalizeRows } from './vector-ops';

export type GalleryKind = 'mean' | 'max' | 'top3' | 'head';
/** The kinds built from enrolment photos alone ('head' needs a trained head). */
export const GALLERY_KINDS: readonly Exclude<GalleryKind, 'head'>[] = ['mean', 'max', 'top3'];

/** A classifier head's weight matrix, [dim, classes] row-major (as tf stores `arcface/weight`). */
export interface HeadWeights {
  readonly data: Float32Array | Float64Array;
  readonly dim: number;
  readonly classes: number;
}

export interface Gallery {
  readonly kind: GalleryKind;
  /** Labels in ascending order. */
  readonly classes: number[];
  readonly dim: number;
  /** Unit rows: one a class for 'mean', every enrolment embedding otherwise. */
  readonly rows: Float64Array;
  /** The class index (into `classes`) of each row. */
  readonly rowClass: Int32Array;
}

/** Each query's best person: its label (-1 with an empty gallery) and its cosine score. */
export interface BestMatches {
  readonly best: Float64Array;
  readonly predicted: Int32Array;
}

/** One template a class: column c of the head's weights, normalised. */
export function headGallery(head: HeadWeights, classes: readonly number[]): Gallery {
  const { dim } = head;
  const rows = new Float64Array(classes.length * dim);
  classes.forEach((label, c) => {
    if (!(label >= 0 && label < head.classes)) {
      throw new MetricsError('metrics-invalid-input', `The head has no class ${label}.`);
    }
    for (let k = 0; k < dim; k++) rows[c * dim + k] = head.data[k * head.classes + label] as number;
  });
  return {
    kind: 'head',
    classes: [...classes],
    dim,
    rows: normalizeRows({ data: rows, count: classes.length, dim }, 'head weight')
      .data as Float64Array,
    rowClass: Int32Array.from(classes, (_, c) => c),
  };
}

export function buildGallery(
  train: LabelledEmbeddings,
  kind: Exclude<GalleryKind, 'head'> = 'mean',
): Gallery {
  checkLabelled(train, 'train');
  if (kind === 'mean') {
    const templates = classTemplates(train);
    return {
      kind,
      classes: templates.classes,
      dim: templates.dim,
      rows: templates.data,
      rowClass: Int32Array.from(templates.classes, (_, c) => c),
    };
  }
  const unit = normalizeRows(train.embeddings, 'train embedding');
  const classes = [...new Set(Array.from(train.labels))].sort((a, b) => a - b);
  const index = new Map(classes.map((label, c) => [label, c]));
  return {
    kind,
    classes,
    dim: train.embeddings.dim,
    rows: Float64Array.from(unit.data),
    rowClass: Int32Array.from(train.labels, (label) => index.get(label) as number),
  };
}

/** The best person of every query (rows need not be unit length: they are normalised here). */
export function bestMatches(gallery: Gallery, queries: EmbeddingMatrix): BestMatches {
  const { count, dim } = queries;
  if (count > 0 && dim !== gallery.dim) {
    throw new MetricsError(
      'metrics-invalid-input',
      `Queries of ${dim} dims, a gallery of ${gallery.dim}.`,
    );
  }
  const unit = normalizeRows(queries, 'query embedding').data;
  const n = gallery.classes.length;
  const rows = gallery.rowClass.length;
  const best = new Float64Array(count).fill(-Infinity);
  const predicted = new Int32Array(count).fill(-1);
  const rowScores = new Float64Array(rows);
  const classScore = new Float64Array(n);
  const top = gallery.kind === 'top3' ? 3 : 1;
  // The rows of each class, once.
  const rowsOf = Array.from({ length: n }, () => [] as number[]);
  for (let r = 0; r < rows; r++) (rowsOf[gallery.rowClass[r] as number] as number[]).push(r);
  for (let q = 0; q < count; q++) {
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let k = 0; k < dim; k++)
        s += (unit[q * dim + k] as number) * (gallery.rows[r * dim + k] as number);
      rowScores[r] = s;
    }
    if (gallery.kind === 'mean' || gallery.kind === 'head')
      classScore.set(rowScores.subarray(0, n));
    else {
      for (let c = 0; c < n; c++) {
        const scores = (rowsOf[c] as number[]).map((r) => rowScores[r] as number);
        scores.sort((a, b) => b - a);
        const used = scores.slice(0, top);
        classScore[c] = used.reduce((sum, v) => sum + v, 0) / used.length;
      }
    }
    for (let c = 0; c < n; c++) {
      // Strictly greater, so equal scores keep the first class (numpy's argmax).
      if ((classScore[c] as number) > (best[q] as number)) {
        best[q] = classScore[c] as number;
        predicted[q] = gallery.classes[c] as number;
      }
    }
  }
  return { best, predicted };
}
