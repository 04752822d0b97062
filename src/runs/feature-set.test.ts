// encodePixelSet: every image encoded once (and once mirrored with flip), progress told after
// every encoder pass, and a stop thrown from progress leaves no tensor behind; an imported
// model's embedder (mirrored in bytes) gives what the trainer's encoder (mirrored as a tensor) does.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Trainer } from '../ml/trainer';
import type { FaceEmbedder } from './face-embedder';
import { embedderCropEncoder, encodePixelSet, trainerCropEncoder } from './feature-set';
import type { PixelSet } from './training-data';

/** A stand-in encoder: per image, the mean pixel value and the top-left pixel's red. */
function fakeTrainer(): Trainer {
  return {
    imageSize: 2,
    encode: (images: tf.Tensor4D) =>
      tf.tidy(() =>
        tf.stack(
          [
            tf.mean(images, [1, 2, 3]),
            tf.mean(tf.slice(images, [0, 0, 0, 0], [-1, 1, 1, 1]), [1, 2, 3]),
          ],
          1,
        ),
      ),
  } as unknown as Trainer;
}

function pixelSet(count: number): PixelSet {
  const pixels = new Uint8Array(count * 2 * 2 * 3);
  for (let i = 0; i < count; i++) pixels.fill(i, i * 12, i * 12 + 12);
  for (let i = 0; i < count; i++) pixels[i * 12] = 200; // top-left red: changes when mirrored
  return { pixels, labels: Int32Array.from({ length: count }, (_, i) => i % 3), count };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('encodePixelSet', () => {
  test('encodes each image and its mirror, telling progress per pass', async () => {
    const seen: [number, number][] = [];
    const set = await encodePixelSet(
      trainerCropEncoder(fakeTrainer()),
      2,
      pixelSet(20),
      true,
      async (done, total) => {
        seen.push([done, total]);
      },
    );
    expect(set.count).toBe(20);
    expect(set.dim).toBe(2);
    expect(set.features[5 * 2]).toBeCloseTo((200 + 5 * 11) / 12, 4);
    expect(set.features[5 * 2 + 1]).toBe(200); // top-left pixel of image 5
    expect(set.flipped?.[5 * 2 + 1]).toBe(5); // mirrored: the top-left is now an ordinary pixel
    expect(seen.at(-1)).toEqual([40, 40]);
    expect(seen.map(([done]) => done)).toEqual([8, 16, 24, 32, 36, 40]);
  });

  test('a stop thrown from progress ends the work with no tensor left', async () => {
    const before = tf.memory().numTensors;
    let calls = 0;
    const stop = new Error('stopped');
    await expect(
      encodePixelSet(trainerCropEncoder(fakeTrainer()), 2, pixelSet(20), true, async () => {
        if (++calls === 3) throw stop;
      }),
    ).rejects.toBe(stop);
    expect(calls).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('an imported model encodes the same rows, mirrored in bytes as the trainer mirrors tensors', async () => {
    // The same stand-in as fakeTrainer, computed on the bytes.
    const embedder: FaceEmbedder = {
      imageSize: 2,
      dim: 2,
      embed: (rgb, count) =>
        Promise.resolve(
          Float32Array.from({ length: count * 2 }, (_, k) => {
            const image = rgb.subarray(Math.floor(k / 2) * 12, Math.floor(k / 2) * 12 + 12);
            return k % 2 === 0 ? image.reduce((a, b) => a + b, 0) / 12 : (image[0] as number);
          }),
        ),
      dispose: () => undefined,
    };
    const fromTrainer = await encodePixelSet(
      trainerCropEncoder(fakeTrainer()),
      2,
      pixelSet(20),
      true,
    );
    const fromModel = await encodePixelSet(embedderCropEncoder(embedder), 2, pixelSet(20), true);
    expect(Array.from(fromModel.features)).toEqual(
      Array.from(fromTrainer.features).map((v) => expect.closeTo(v, 4)),
    );
    expect(Array.from(fromModel.flipped ?? [])).toEqual(
      Array.from(fromTrainer.flipped ?? []).map((v) => expect.closeTo(v, 4)),
    );
  });
});
