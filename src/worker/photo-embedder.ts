// Embeds single photos for the Verify screen with a run's last checkpoint. The network of the
// last run asked for stays built, so a series of photos (or frames) is embedded without
// rebuilding it; it is disposed when another run is asked for or training starts.

import * as tf from '@tensorflow/tfjs';
import { AppError } from '../lib/errors';
import { createTrainer, type Trainer } from '../ml/trainer';
import { getCheckpoint, getRun } from '../storage/run-repo';
import { centredSquare } from '../vision/crop';
import { inspectImage, mimeType } from '../vision/image-format';

export class PhotoEmbedder {
  private loaded: { runId: string; trainer: Trainer; size: number } | null = null;

  private async trainerFor(runId: string): Promise<{ trainer: Trainer; size: number }> {
    if (this.loaded?.runId === runId) return this.loaded;
    this.dispose();
    const [run, checkpoint] = await Promise.all([getRun(runId), getCheckpoint(runId)]);
    if (!run || !checkpoint) throw new AppError('not-found', 'This run has no trained checkpoint.');
    const trainer = createTrainer(run.config, run.identities.length, { stepsPerEpoch: 1 });
    trainer.importState(checkpoint.state);
    this.loaded = { runId, trainer, size: run.config.inputSize };
    return this.loaded;
  }

  /** The photo's face crop (centred square until face detection exists), embedded. */
  async embed(runId: string, photo: Blob): Promise<Float32Array> {
    const { trainer, size } = await this.trainerFor(runId);
    const bytes = new Uint8Array(await photo.arrayBuffer());
    const info = inspectImage(bytes, 'The photo');
    const box = centredSquare(info.width, info.height);
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(new Blob([bytes], { type: mimeType(info.format) }), box.sx, box.sy, box.size, box.size, {
        resizeWidth: size,
        resizeHeight: size,
        resizeQuality: 'high',
      });
    } catch {
      throw new AppError('corrupt-image', 'The photo is damaged and cannot be decoded.');
    }
    const pixels = tf.tidy(() => tf.browser.fromPixels(bitmap).expandDims(0) as tf.Tensor4D); // [1, S, S, 3]
    bitmap.close();
    const embedding = trainer.embed(pixels); // [1, dim]
    pixels.dispose();
    const data = (await embedding.data()) as Float32Array;
    embedding.dispose();
    return data;
  }

  dispose(): void {
    this.loaded?.trainer.dispose();
    this.loaded = null;
  }
}
