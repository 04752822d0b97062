// Owns the per-person sums of embeddings that suspect ranking and best matches share: one sum
// vector and one count per label, and each person's template, the sum scaled to unit length (the
// direction of the mean of the person's unit rows, folder-v1's class template). Memory is
// persons × dim, never images × images.
import { MlError } from '../ml-error';
import { checkEmbeddings } from './similarity-graph';

export interface PersonSums {
  /** The distinct labels in order of first appearance; slot p holds labels[p]. */
  readonly labels: number[];
  readonly slotOf: ReadonlyMap<number, number>;
  /** [persons, dim] Σ of each person's rows */
  readonly sums: Float64Array;
  /** [persons] images per person */
  readonly counts: Int32Array;
  /** [persons, dim] unit rows: each sum scaled to length 1 (a zero sum stays zero) */
  readonly templates: Float64Array;
  readonly dim: number;
}

export function personSums(
  embeddings: ArrayLike<number>,
  dim: number,
  labels: ArrayLike<number>,
): PersonSums {
  const count = checkEmbeddings(embeddings, dim);
  if (labels.length !== count) {
    throw new MlError('invalid-argument', `${count} embeddings but ${labels.length} labels.`);
  }
  const slotOf = new Map<number, number>();
  const order: number[] = [];
  for (let i = 0; i < count; i++) {
    const label = labels[i] as number;
    if (!slotOf.has(label)) {
      slotOf.set(label, order.length);
      order.push(label);
    }
  }
  const sums = new Float64Array(order.length * dim);
  const counts = new Int32Array(order.length);
  for (let i = 0; i < count; i++) {
    const slot = slotOf.get(labels[i] as number) as number;
    counts[slot] = (counts[slot] as number) + 1;
    for (let d = 0; d < dim; d++) {
      sums[slot * dim + d] = (sums[slot * dim + d] as number) + (embeddings[i * dim + d] as number);
    }
  }
  const templates = new Float64Array(sums.length);
  for (let p = 0; p < order.length; p++) {
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += (sums[p * dim + d] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm > 0)
      for (let d = 0; d < dim; d++) templates[p * dim + d] = (sums[p * dim + d] as number) / norm;
  }
  return { labels: order, slotOf, sums, counts, templates, dim };
}

/** The most similar template to row `row` of `x`, skipping slot `skip` (-1 skips none). */
export function nearestTemplate(
  persons: PersonSums,
  x: ArrayLike<number>,
  row: number,
  skip: number,
): { slot: number; similarity: number } {
  const { dim, templates } = persons;
  let slot = -1;
  let similarity = NaN;
  for (let p = 0; p < persons.labels.length; p++) {
    if (p === skip) continue;
    let sim = 0;
    for (let d = 0; d < dim; d++)
      sim += (x[row * dim + d] as number) * (templates[p * dim + d] as number);
    if (slot < 0 || sim > similarity) {
      slot = p;
      similarity = sim;
    }
  }
  return { slot, similarity };
}
