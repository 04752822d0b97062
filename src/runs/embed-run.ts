// Embeds every image of the dataset's train, val and test parts with a finished run's last
// checkpoint, in the training worker, for the Evaluate screen (protocol folder-v1).

import * as tf from '@tensorflow/tfjs';
import { loadTrainedRun } from './build-trainer';
import { checkSamePeople, listTrainingImages, loadPixels, type ListedImage } from './training-data';
import type { BackendName, EmbeddedSplit, EmbeddedSplits } from '../worker/training-protocol';

const BATCH = 32;

export async function embedRun(runId: string, backend: BackendName): Promise<EmbeddedSplits> {
  const { run, trainer } = await loadTrainedRun(
    runId,
    'This run has no trained checkpoint to evaluate; train at least one epoch.',
  );
  const size = trainer.imageSize;
  try {
    const listed = await listTrainingImages();
    checkSamePeople(
      listed.identities,
      run.identities.map((i) => i.id),
    );
    let embedded = 0;
    const started = performance.now();
    const embedPart = async (items: ListedImage[]): Promise<EmbeddedSplit> => {
      const pixels = await loadPixels(items, size);
      const dim = run.config.embeddingDim;
      const out = new Float32Array(items.length * dim);
      const frame = size * size * 3;
      for (let start = 0; start < items.length; start += BATCH) {
        const count = Math.min(BATCH, items.length - start);
        const batch = tf.tensor4d(
          pixels.pixels.subarray(start * frame, (start + count) * frame),
          [count, size, size, 3],
          'int32',
        ); // [B, S, S, 3]
        const embedding = trainer.embed(batch); // [B, dim], unit length
        out.set(await embedding.data(), start * dim);
        batch.dispose();
        embedding.dispose();
      }
      embedded += items.length;
      return { embeddings: out, labels: pixels.labels, imageIds: items.map((i) => i.id) };
    };
    const train = await embedPart(listed.train);
    const val = await embedPart(listed.val);
    const test = await embedPart(listed.test);
    return {
      dim: run.config.embeddingDim,
      identities: run.identities.map((i) => i.name),
      train,
      val,
      test,
      imagesPerSecond: embedded / ((performance.now() - started) / 1000),
      backend,
    };
  } finally {
    trainer.dispose();
  }
}
