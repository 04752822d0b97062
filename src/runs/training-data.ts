// The training worker's view of the dataset: reads people and images from IndexedDB itself and
// decodes a run's stored 128×128 crops to RGB pixels at the network's input size, kept in memory
// for the run. Which images a run uses, with which labels, is run-members.ts's to say.

import { AppError } from '../lib/errors';
import { listIdentities } from '../storage/identity-repo';
import { getCrops, listImages } from '../storage/image-repo';
import type { IdentityRecord, ImageRecord } from '../storage/records';
import type { ListedImage, RunMembers } from './run-members';
import { decodeCropPixels } from '../faces/crop-pixels';

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
        'An image was deleted while its crop was being read. Start again.',
      );
    await decodeCropPixels(blob, size, pixels, i * frame);
    if (progress && (i % 16 === 15 || i === items.length - 1)) await progress(i + 1, items.length);
  }
  return { pixels, labels, count: items.length };
}

/** The people and images stored now. */
export async function readDataset(): Promise<{
  identities: IdentityRecord[];
  images: ImageRecord[];
}> {
  const [identities, images] = await Promise.all([listIdentities(), listImages()]);
  return { identities, images };
}

/** Decodes a run's train and val images at the network's input size. */
export async function loadTrainingData(
  members: RunMembers,
  size: number,
  progress?: PrepareProgress,
): Promise<TrainingData> {
  const total = members.train.length + members.val.length;
  const train = await loadPixels(
    members.train,
    size,
    progress && ((done) => progress(done, total)),
  );
  const val = await loadPixels(
    members.val,
    size,
    progress && ((done) => progress(members.train.length + done, total)),
  );
  return { identities: members.identities, size, train, val };
}
