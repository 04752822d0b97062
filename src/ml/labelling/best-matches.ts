// Owns "suggest a person for each unsorted face": for every unsorted embedding, the labelled
// person whose template (the normalised mean of their embeddings) is most similar, and that
// cosine similarity, which the screen compares with its acceptance threshold.
import { MlError } from '../ml-error';
import { nearestTemplate, personSums } from './person-templates';
import { checkEmbeddings } from './similarity-graph';

export interface BestMatch {
  /** The unsorted face's row. */
  index: number;
  /** The best person's label; null when nobody is labelled yet. */
  label: number | null;
  /** Cosine similarity to that person's template; NaN when nobody is labelled. */
  similarity: number;
}

/** One match per unsorted row, in row order. Rows are unit vectors of `dim` values. */
export function bestMatches(
  unsortedEmbeddings: ArrayLike<number>,
  labelledEmbeddings: ArrayLike<number>,
  labels: ArrayLike<number>,
  dim: number,
): BestMatch[] {
  const count = checkEmbeddings(unsortedEmbeddings, dim);
  if (labelledEmbeddings.length !== labels.length * dim) {
    throw new MlError(
      'invalid-argument',
      `${labelledEmbeddings.length} labelled values are not ${labels.length} rows of ${dim}.`,
    );
  }
  const persons = personSums(labelledEmbeddings, dim, labels);
  return Array.from({ length: count }, (_, index) => {
    const { slot, similarity } = nearestTemplate(persons, unsortedEmbeddings, index, -1);
    return { index, label: slot < 0 ? null : (persons.labels[slot] as number), similarity };
  });
}
