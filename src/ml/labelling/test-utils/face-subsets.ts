// Owns cutting labelled face sets for the labelling tests: the faces of chosen people (a small
// pile), and a large set made of noisy copies of a real one (for timing at 10,000 faces).
import { seededRandom } from '../../../lib/seeded-random';
import type { LabelledFaces } from './face-embeddings';

/** The rows of the given people, in their original order. */
export function subsetOfPeople(faces: LabelledFaces, people: readonly number[]): LabelledFaces {
  const { dim } = faces;
  const wanted = new Set(people);
  const rows = [...faces.labels.keys()].filter((i) => wanted.has(faces.labels[i] as number));
  const embeddings = new Float32Array(rows.length * dim);
  rows.forEach((row, i) =>
    embeddings.set(faces.embeddings.subarray(row * dim, (row + 1) * dim), i * dim),
  );
  return {
    embeddings,
    dim,
    labels: Int32Array.from(rows, (row) => faces.labels[row] as number),
    people: faces.people,
  };
}

/** `count` rows: the set's rows over and over, each copy moved by uniform noise of ±0.005 per value. */
export function withNoisyCopies(faces: LabelledFaces, count: number, seed = 11): LabelledFaces {
  const random = seededRandom(seed);
  const { dim } = faces;
  const n = faces.labels.length;
  const embeddings = new Float32Array(count * dim);
  const labels = new Int32Array(count);
  const row = new Float64Array(dim);
  for (let i = 0; i < count; i++) {
    const source = i % n;
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      row[d] = (faces.embeddings[source * dim + d] as number) + 0.01 * (random() - 0.5);
      norm += (row[d] as number) ** 2;
    }
    for (let d = 0; d < dim; d++) embeddings[i * dim + d] = (row[d] as number) / Math.sqrt(norm);
    labels[i] = faces.labels[source] as number;
  }
  return { embeddings, dim, labels, people: faces.people };
}
