// Owns "Suspect labels": ranks every labelled image by how unlike its own person it looks. An
// image's own similarity is leave-one-out, to the template of its person's OTHER images (their
// sum minus the image, renormalised), so an image never vouches for itself; it is set against
// the best template of any other person. score = nearestOtherSimilarity − ownSimilarity: above 0
// the image looks more like someone else than like the rest of its own person.
// Memory is persons × dim; time images × persons × dim.
import { nearestTemplate, personSums } from './person-templates';

export interface Suspect {
  index: number;
  label: number;
  /** Higher = more likely mislabelled. NaN only when there is nothing to compare with at all. */
  score: number;
  /** Cosine to the template of the person's other images; NaN when it is their only image. */
  ownSimilarity: number;
  /** The most similar other person; null when there is no other person. */
  nearestOtherLabel: number | null;
  nearestOtherSimilarity: number;
  /** Images of this image's person, the image included (1: nothing to leave one out of). */
  personImages: number;
}

export interface SuspectOptions {
  /** Keep only this many of the most suspect images. */
  top?: number;
}

/**
 * All images, most suspect first (ties by index; NaN scores last).
 *
 * A person's only image has no own template: its ownSimilarity is NaN, and it is scored against
 * the median ownSimilarity of all images that have one (1 when none has), the similarity a
 * typical image has to its own person, so that it rises when it looks like another person more
 * than images usually look like their own. With no other person, the other similarity counts
 * as 0, so the images least like their own person come first.
 */
export function rankSuspects(
  embeddings: ArrayLike<number>,
  dim: number,
  labels: ArrayLike<number>,
  options: SuspectOptions = {},
): Suspect[] {
  const persons = personSums(embeddings, dim, labels);
  const count = labels.length;
  const suspects: Suspect[] = [];
  const left = new Float64Array(dim);
  for (let index = 0; index < count; index++) {
    const label = labels[index] as number;
    const slot = persons.slotOf.get(label) as number;
    const personImages = persons.counts[slot] as number;
    let ownSimilarity = NaN;
    if (personImages > 1) {
      let dot = 0;
      let norm = 0;
      for (let d = 0; d < dim; d++) {
        const x = embeddings[index * dim + d] as number;
        const rest = (persons.sums[slot * dim + d] as number) - x;
        left[d] = rest;
        dot += x * rest;
        norm += rest * rest;
      }
      ownSimilarity = norm > 0 ? dot / Math.sqrt(norm) : 0;
    }
    const other = nearestTemplate(persons, embeddings, index, slot);
    suspects.push({
      index,
      label,
      score: NaN,
      ownSimilarity,
      nearestOtherLabel: other.slot < 0 ? null : (persons.labels[other.slot] as number),
      nearestOtherSimilarity: other.similarity,
      personImages,
    });
  }
  const typicalOwn = median(suspects.map((s) => s.ownSimilarity).filter((s) => !Number.isNaN(s)));
  for (const suspect of suspects) {
    const other = suspect.nearestOtherLabel === null ? 0 : suspect.nearestOtherSimilarity;
    const own = Number.isNaN(suspect.ownSimilarity) ? typicalOwn : suspect.ownSimilarity;
    suspect.score =
      suspect.nearestOtherLabel === null && suspect.personImages === 1 ? NaN : other - own;
  }
  suspects.sort(bySuspicion);
  return options.top === undefined ? suspects : suspects.slice(0, options.top);
}

/** Most suspect first; NaN scores last; ties by index. */
export function bySuspicion(
  a: { score: number; index: number },
  b: { score: number; index: number },
): number {
  const an = Number.isNaN(a.score);
  const bn = Number.isNaN(b.score);
  if (an || bn) return an === bn ? a.index - b.index : an ? 1 : -1;
  return b.score - a.score || a.index - b.index;
}

function median(values: number[]): number {
  if (values.length === 0) return 1;
  const sorted = values.sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
