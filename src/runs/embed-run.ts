// Embeds every image of a run's train, val and test parts (those it recorded that are still
// stored, with the labels it gave them) and the Strangers collection's val and test parts with
// its last checkpoint, in the training worker, for the Evaluate screen (protocol folder-v1 and
// its open-set figures).

import { batchRanges, pixelBatch } from '../ml/pixel-batch';
import { loadTrainedRun } from './build-trainer';
import { earlierRunMembers, type ListedImage } from './run-members';
import { runStrangers } from './run-strangers';
import { loadPixels, readDataset } from './training-data';
import type { BackendName } from '../ml/run-progress';
import type { HeadWeights } from '../ml/metrics/galleries';
import type { TrainerState } from '../ml/trainer-types';

/** One part's embeddings, in the order of its images. */
export interface EmbeddedSplit {
  /** [count, dim] row-major, L2-normalised. */
  embeddings: Float32Array;
  labels: Int32Array;
  imageIds: string[];
}

/** A run's embeddings of the train, val and test parts, with the people they name. */
export interface EmbeddedSplits {
  dim: number;
  identities: string[];
  /** The run's people none of whose images are left (deleted since): not scored. */
  gone: string[];
  train: EmbeddedSplit;
  val: EmbeddedSplit;
  test: EmbeddedSplit;
  /** The head's class weights ([dim, classes]), when the head has them. */
  head?: HeadWeights;
  /** The Strangers collection now, by part (labels -1). */
  strangers: { val: EmbeddedSplit; test: EmbeddedSplit };
  imagesPerSecond: number;
  backend: BackendName;
}

const BATCH = 32;

/**
 * The ArcFace head's weight matrix from a checkpoint ([dim, classes]): trained on cosines, its
 * columns are class centres. A softmax head's are not (logits xW + b), so it gives none.
 */
function headWeightsOf(state: TrainerState, dim: number): { head?: HeadWeights } {
  const weight = state.head.find((record) => record.name === 'arcface/weight');
  if (!weight || weight.shape.length !== 2 || weight.shape[0] !== dim) return {};
  return { head: { data: weight.data, dim, classes: weight.shape[1] as number } };
}

export async function embedRun(runId: string, backend: BackendName): Promise<EmbeddedSplits> {
  const { run, trainer, state } = await loadTrainedRun(
    runId,
    'This run has no trained checkpoint to evaluate; train at least one epoch.',
  );
  const size = trainer.imageSize;
  try {
    const { identities, images } = await readDataset();
    const listed = earlierRunMembers(run, identities, images);
    let embedded = 0;
    const started = performance.now();
    const embedPart = async (items: ListedImage[]): Promise<EmbeddedSplit> => {
      const pixels = await loadPixels(items, size);
      const dim = run.config.embeddingDim;
      const out = new Float32Array(items.length * dim);
      for (const rows of batchRanges(items.length, BATCH)) {
        const batch = pixelBatch(pixels.pixels, size, rows); // [B, S, S, 3]
        const embedding = trainer.embed(batch); // [B, dim], unit length
        out.set(await embedding.data(), rows.start * dim);
        batch.dispose();
        embedding.dispose();
      }
      embedded += items.length;
      return { embeddings: out, labels: pixels.labels, imageIds: items.map((i) => i.id) };
    };
    const train = await embedPart(listed.train);
    const val = await embedPart(listed.val);
    const test = await embedPart(listed.test);
    // A face the run knew as one of its people (moved to Strangers since) is no stranger to it.
    const known = new Set([...listed.train, ...listed.val, ...listed.test].map((item) => item.id));
    const strangerParts = runStrangers(images.filter((image) => !known.has(image.id)));
    const strangers = {
      val: await embedPart(strangerParts.val),
      test: await embedPart(strangerParts.test),
    };
    return {
      dim: run.config.embeddingDim,
      identities: listed.identities.map((i) => i.name),
      gone: listed.gone,
      train,
      val,
      test,
      strangers,
      ...headWeightsOf(state, run.config.embeddingDim),
      imagesPerSecond: embedded / ((performance.now() - started) / 1000),
      backend,
    };
  } finally {
    trainer.dispose();
  }
}
