// Owns the labelling worker's answers, from the embeddings of stored crops (crop-embedder.ts):
// groups of similar Unsorted faces (precision first: a group almost never mixes two people)
// with, for each face, the most similar person already named; and the images whose label looks
// wrong (most unlike their own person, most like another), each with the other person's face
// most like it, for the side-by-side review.

import { clusterFaces } from '../ml/labelling/cluster-faces';
import { bestMatches } from '../ml/labelling/best-matches';
import { rankSuspects } from '../ml/labelling/suspect-labels';
import { EMBEDDING_DIM, type CropEmbedder, type EmbedProgress } from './crop-embedder';

export interface LabelledImage {
  id: string;
  identityId: string;
}

export interface Suggestion {
  imageId: string;
  identityId: string;
  /** Cosine similarity of the face to the person's template (the mean of their faces). */
  similarity: number;
}

export interface FaceGroups {
  /** Unsorted image ids by group, largest first; a face like no other is a group of one. */
  groups: string[][];
  /** The most similar named person for each Unsorted face (none when nobody is named yet). */
  suggestions: Suggestion[];
  /** Embedding and clustering, in seconds. */
  seconds: number;
}

export interface SuspectLabel {
  imageId: string;
  identityId: string;
  /** Higher means more likely mislabelled: the look-alike's similarity minus the own person's. */
  score: number;
  /** Similarity to the own person's other images (their mean); NaN when it has no other image. */
  ownSimilarity: number;
  lookAlikeId: string;
  lookAlikeSimilarity: number;
  /** The look-alike's image most similar to this one, shown beside it. */
  lookAlikeImageId: string;
}

/** Index of each identity id, and the label of every image. */
function labelsOf(images: readonly LabelledImage[]): { people: string[]; labels: Int32Array } {
  const people = [...new Set(images.map((image) => image.identityId))];
  const index = new Map(people.map((id, i) => [id, i]));
  return { people, labels: Int32Array.from(images, (image) => index.get(image.identityId) ?? -1) };
}

function dot(a: Float32Array, i: number, b: Float32Array, j: number): number {
  let sum = 0;
  for (let d = 0; d < EMBEDDING_DIM; d++)
    sum += (a[i * EMBEDDING_DIM + d] as number) * (b[j * EMBEDDING_DIM + d] as number);
  return sum;
}

export async function groupFaces(
  embedder: CropEmbedder,
  unsorted: readonly string[],
  labelled: readonly LabelledImage[],
  progress: EmbedProgress,
): Promise<FaceGroups> {
  const started = performance.now();
  const total = unsorted.length + labelled.length;
  const faces = await embedder.embed(unsorted, (done) => progress(done, total));
  const named = await embedder.embed(
    labelled.map((image) => image.id),
    (done) => progress(unsorted.length + done, total),
  );
  const { groups } = clusterFaces(faces.vectors, EMBEDDING_DIM);
  const kept = new Map(labelled.map((image) => [image.id, image]));
  const namedImages = named.ids.map((id) => kept.get(id) as LabelledImage);
  const { people, labels } = labelsOf(namedImages);
  const suggestions =
    people.length === 0
      ? []
      : bestMatches(faces.vectors, named.vectors, labels, EMBEDDING_DIM).flatMap((match) =>
          match.label === null
            ? []
            : [
                {
                  imageId: faces.ids[match.index] as string,
                  identityId: people[match.label] as string,
                  similarity: match.similarity,
                },
              ],
        );
  return {
    groups: groups.map((group) => group.map((row) => faces.ids[row] as string)),
    suggestions,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Every labelled image, the most suspect first. */
export async function findSuspects(
  embedder: CropEmbedder,
  labelled: readonly LabelledImage[],
  progress: EmbedProgress,
): Promise<SuspectLabel[]> {
  const named = await embedder.embed(
    labelled.map((image) => image.id),
    progress,
  );
  const kept = new Map(labelled.map((image) => [image.id, image]));
  const images = named.ids.map((id) => kept.get(id) as LabelledImage);
  const { people, labels } = labelsOf(images);
  if (people.length < 2) return [];
  const ranked = rankSuspects(named.vectors, EMBEDDING_DIM, labels);
  const rowsOf = people.map(() => [] as number[]);
  labels.forEach((label, row) => rowsOf[label]?.push(row));
  return ranked.flatMap((suspect) => {
    const other = suspect.nearestOtherLabel;
    if (other === null) return [];
    // The look-alike's face most like this one, to show the two side by side.
    let best = -1;
    let bestSimilarity = -Infinity;
    for (const j of rowsOf[other] ?? []) {
      const similarity = dot(named.vectors, suspect.index, named.vectors, j);
      if (similarity > bestSimilarity) {
        bestSimilarity = similarity;
        best = j;
      }
    }
    return [
      {
        imageId: named.ids[suspect.index] as string,
        identityId: people[suspect.label] as string,
        score: suspect.score,
        ownSimilarity: suspect.ownSimilarity,
        lookAlikeId: people[other] as string,
        lookAlikeSimilarity: suspect.nearestOtherSimilarity,
        lookAlikeImageId: named.ids[best] as string,
      },
    ];
  });
}
