// The training worker's view of the dataset: reads people and images from IndexedDB itself,
// applies the folder-v1 split, checks that the data can be trained on, and decodes the stored
// 128×128 crops to RGB pixels at the network's input size, kept in memory for the run.

import { AppError } from '../lib/errors';
import { MIN_IMAGES_FOR_SPLIT, splitByIdentity } from '../ml/split';
import { listIdentities } from '../storage/identity-repo';
import { getCrops, listImages } from '../storage/image-repo';

export interface PixelSet {
  /** [count, size, size, 3] RGB bytes, row-major. */
  pixels: Uint8Array;
  labels: Int32Array;
  count: number;
}

export interface TrainingData {
  identities: { id: string; name: string }[];
  size: number;
  train: PixelSet;
  val: PixelSet;
}

export interface ListedImage {
  id: string;
  label: number;
}

interface Listed {
  identities: { id: string; name: string }[];
  train: ListedImage[];
  val: ListedImage[];
  test: ListedImage[];
}

/** Who and what the run trains on; refuses data that cannot make a run, saying why. */
export async function listTrainingImages(): Promise<Listed> {
  const [identities, images] = await Promise.all([listIdentities(), listImages()]);
  const withImages = identities.filter((identity) =>
    images.some((img) => img.identityId === identity.id),
  );
  if (withImages.length < 2) {
    throw new AppError(
      'invalid-name',
      'Training needs at least two people with images: a face is recognised by telling people apart.',
    );
  }
  const tooSmall = withImages.filter(
    (identity) =>
      images.filter((img) => img.identityId === identity.id).length < MIN_IMAGES_FOR_SPLIT,
  );
  if (tooSmall.length > 0) {
    throw new AppError(
      'invalid-name',
      `Every person needs at least ${MIN_IMAGES_FOR_SPLIT} images to split into train, val and test. Too few: ${tooSmall
        .map((i) => i.name)
        .join(', ')}. Add images, merge or delete them.`,
    );
  }
  const listed: Listed = {
    identities: withImages.map(({ id, name }) => ({ id, name })),
    train: [],
    val: [],
    test: [],
  };
  const parts = splitByIdentity(images);
  withImages.forEach((identity, label) => {
    const own = images.filter((img) => img.identityId === identity.id);
    for (const img of own) {
      const part = parts.get(img.id);
      if (part === 'train') listed.train.push({ id: img.id, label });
      if (part === 'val') listed.val.push({ id: img.id, label });
      if (part === 'test') listed.test.push({ id: img.id, label });
    }
  });
  return listed;
}

/** Decodes a stored crop, resized to size×size, into `out` at `offset` as RGB bytes. */
export async function decodeCropPixels(
  blob: Blob,
  size: number,
  out: Uint8Array,
  offset: number,
): Promise<void> {
  const bitmap = await createImageBitmap(blob, {
    resizeWidth: size,
    resizeHeight: size,
    resizeQuality: 'high',
  });
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new AppError('worker-failed', 'This browser cannot draw images in a worker.');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const rgba = context.getImageData(0, 0, size, size).data;
  for (let p = 0, q = offset; p < rgba.length; p += 4, q += 3) {
    out[q] = rgba[p] as number;
    out[q + 1] = rgba[p + 1] as number;
    out[q + 2] = rgba[p + 2] as number;
  }
}

/**
 * Told how far a long preparation is (images done of total); it may wait (a pause) or throw
 * (a stop) to hold or end the work between images.
 */
export type PrepareProgress = (done: number, total: number) => Promise<void>;

export async function loadPixels(
  items: ListedImage[],
  size: number,
  progress?: PrepareProgress,
): Promise<PixelSet> {
  const frame = size * size * 3;
  const pixels = new Uint8Array(items.length * frame);
  const labels = Int32Array.from(items, (item) => item.label);
  const blobs = await getCrops(items.map((item) => item.id));
  for (let i = 0; i < items.length; i++) {
    const blob = blobs[i];
    if (!blob)
      throw new AppError(
        'not-found',
        'An image disappeared while training started: the dataset changed. Start again.',
      );
    await decodeCropPixels(blob, size, pixels, i * frame);
    if (progress && (i % 16 === 15 || i === items.length - 1)) await progress(i + 1, items.length);
  }
  return { pixels, labels, count: items.length };
}

/** Refuses to go on when the people differ from those a run was trained on. */
export function checkSamePeople(now: readonly { id: string }[], expected: readonly string[]): void {
  if (now.length !== expected.length || now.some((identity, k) => identity.id !== expected[k])) {
    throw new AppError(
      'invalid-name',
      'The people in the dataset changed since this run was trained, so it cannot go on. Start a new run.',
    );
  }
}

export async function loadTrainingData(
  size: number,
  expectedIdentities?: readonly string[],
  progress?: PrepareProgress,
): Promise<TrainingData> {
  const listed = await listTrainingImages();
  if (expectedIdentities) checkSamePeople(listed.identities, expectedIdentities);
  const total = listed.train.length + listed.val.length;
  const train = await loadPixels(listed.train, size, progress && ((done) => progress(done, total)));
  const val = await loadPixels(
    listed.val,
    size,
    progress && ((done) => progress(listed.train.length + done, total)),
  );
  return { identities: listed.identities, size, train, val };
}
