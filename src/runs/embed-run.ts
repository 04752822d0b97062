// Embeds every image of a run's train, val and test parts (a trained run's: those it recorded
// that are still stored, with the labels it gave them; an imported model's: the dataset's now)
// and the Strangers collection's val and test parts with the run's embedder, in the training worker, for the Evaluate screen (protocol folder-v1 and
// its open-set figures).

import { batchRanges } from '../ml/pixel-batch';
import type { IdentityRecord, ImageRecord } from '../storage/records';
import { isImportedRun, isTrainedRun, type RunRecord } from '../storage/run-records';
import type { OnnxSessionFactory } from './imported-embedder';
import {
  earlierRunMembers,
  importedRunMembers,
  type EarlierRunMembers,
  type ListedImage,
} from './run-members';
import { loadRunEmbedder } from './run-embedder';
import { runStrangers } from './run-strangers';
import { loadPixels, readDataset } from './training-data';
import type { BackendName } from '../ml/run-progress';
import type { HeadWeights } from '../ml/metrics/galleries';

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
 * Whom and what the run is scored on: a trained run's recorded people and parts; an imported
 * model, which was trained on none of them, the dataset's people and split as they are now.
 */
function membersOf(
  run: RunRecord,
  dataset: { identities: IdentityRecord[]; images: ImageRecord[] },
): EarlierRunMembers {
  if (isTrainedRun(run)) return earlierRunMembers(run, dataset.identities, dataset.images);
  return importedRunMembers(dataset.identities, dataset.images);
}

export async function embedRun(
  runId: string,
  backend: BackendName,
  onnx: OnnxSessionFactory,
): Promise<EmbeddedSplits> {
  const { run, embedder, head } = await loadRunEmbedder(
    runId,
    'This run has no trained checkpoint to evaluate; train at least one epoch.',
    onnx,
  );
  const size = embedder.imageSize;
  const dim = embedder.dim;
  try {
    const dataset = await readDataset();
    const listed = membersOf(run, dataset);
    let embedded = 0;
    const started = performance.now();
    // A batch at a time: an imported model's input may be large (224×224 and more).
    const embedPart = async (items: ListedImage[]): Promise<EmbeddedSplit> => {
      const out = new Float32Array(items.length * dim);
      for (const rows of batchRanges(items.length, BATCH)) {
        const batch = items.slice(rows.start, rows.start + rows.count);
        const pixels = await loadPixels(batch, size);
        out.set(await embedder.embed(pixels.pixels, rows.count), rows.start * dim);
      }
      embedded += items.length;
      return {
        embeddings: out,
        labels: Int32Array.from(items, (item) => item.label),
        imageIds: items.map((i) => i.id),
      };
    };
    const train = await embedPart(listed.train);
    const val = await embedPart(listed.val);
    const test = await embedPart(listed.test);
    // A face the run knew as one of its people (moved to Strangers since) is no stranger to it.
    const known = new Set([...listed.train, ...listed.val, ...listed.test].map((item) => item.id));
    const strangerParts = runStrangers(dataset.images.filter((image) => !known.has(image.id)));
    const strangers = {
      val: await embedPart(strangerParts.val),
      test: await embedPart(strangerParts.test),
    };
    return {
      dim,
      identities: listed.identities.map((i) => i.name),
      gone: listed.gone,
      train,
      val,
      test,
      strangers,
      ...(head ? { head } : {}),
      imagesPerSecond: embedded / ((performance.now() - started) / 1000),
      // An ONNX model runs in onnxruntime-web's WebAssembly, whatever TF.js runs on.
      backend: isImportedRun(run) && run.spec.format === 'onnx' ? 'wasm' : backend,
    };
  } finally {
    embedder.dispose();
  }
}
