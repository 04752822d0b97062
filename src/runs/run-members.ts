// Owns who and what a run trains on. A new run takes the dataset's people with images, in name
// order, and splits their images by folder-v1; the run records that list (each image with its
// class and part) and its steps per epoch when it starts. From then on the run is read from its
// record: renaming, merging, deleting or adding people, or moving an image to another person,
// never changes an earlier run's classes, labels, parts or learning-rate schedule. Its images
// that were deleted since are left out, and its people with no image left are named as gone.
// Runs recorded before the list was kept get theirs rebuilt from the images' stored parts.

import { AppError } from '../lib/errors';
import { MIN_IMAGES_FOR_SPLIT, splitByIdentity, type SplitPart } from '../ml/split';
import type { IdentityRecord, ImageRecord } from '../storage/records';
import type { RunImage, TrainedRunRecord } from '../storage/run-records';

export interface ListedImage {
  id: string;
  label: number;
}

/** A run's classes (in class-index order, named as they are now) and its images by part. */
export interface RunMembers {
  identities: { id: string; name: string }[];
  train: ListedImage[];
  val: ListedImage[];
  test: ListedImage[];
}

/** An earlier run's members today, and its people none of whose images are left. */
export interface EarlierRunMembers extends RunMembers {
  gone: string[];
}

/** The members of a new run; refuses data that cannot make a run, saying why. */
export function newRunMembers(
  identities: readonly IdentityRecord[],
  images: readonly ImageRecord[],
): RunMembers {
  const withImages = identities
    .filter((identity) => images.some((img) => img.identityId === identity.id))
    .sort((a, b) => a.name.localeCompare(b.name));
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
  const members: RunMembers = {
    identities: withImages.map(({ id, name }) => ({ id, name })),
    train: [],
    val: [],
    test: [],
  };
  const parts = splitByIdentity(images);
  withImages.forEach((identity, label) => {
    for (const img of images) {
      const part = img.identityId === identity.id ? parts.get(img.id) : undefined;
      if (part) members[part].push({ id: img.id, label });
    }
  });
  return members;
}

/**
 * Whom an imported model (trained on none of them) is scored on: the dataset's people as they
 * are now, split as a new run would be; people with too few images to split are left out and
 * named, as an earlier run's people with no image left are. Refuses fewer than two people.
 */
export function importedRunMembers(
  identities: readonly IdentityRecord[],
  images: readonly ImageRecord[],
): EarlierRunMembers {
  const count = (id: string) => images.filter((img) => img.identityId === id).length;
  const withImages = identities.filter((identity) => count(identity.id) > 0);
  const scored = withImages.filter((identity) => count(identity.id) >= MIN_IMAGES_FOR_SPLIT);
  if (scored.length < 2) {
    throw new AppError(
      'invalid-name',
      `Evaluating a model needs at least two people with ${MIN_IMAGES_FOR_SPLIT} or more images each (train, val and test); add people or images on the Dataset screen.`,
    );
  }
  const left = new Set(scored.map((identity) => identity.id));
  return {
    ...newRunMembers(scored, images),
    gone: withImages
      .filter((identity) => !left.has(identity.id))
      .map((identity) => identity.name)
      .sort((a, b) => a.localeCompare(b)),
  };
}

/** The list a run records at its start: every image with its class and part. */
export function recordedList(members: RunMembers): RunImage[] {
  const parts: SplitPart[] = ['train', 'val', 'test'];
  return parts.flatMap((part) => members[part].map(({ id, label }) => ({ id, label, part })));
}

/** Steps per epoch, fixed at a run's start so that a resumed run keeps its schedule. */
export function stepsPerEpochOf(trainImages: number, batchSize: number): number {
  return Math.max(1, Math.ceil(trainImages / batchSize));
}

/** The run's recorded steps per epoch (before they were recorded: from its train count). */
export function recordedStepsPerEpoch(run: TrainedRunRecord): number {
  return run.stepsPerEpoch ?? stepsPerEpochOf(run.trainImages, run.config.batchSize);
}

/**
 * The run's recorded images. A run recorded before the list was kept gets it rebuilt: the
 * images that existed when it started, of its people, in the parts stored for them (parts are
 * stored when a run starts, and never change after).
 */
export function recordedImages(run: TrainedRunRecord, images: readonly ImageRecord[]): RunImage[] {
  if (run.images) return run.images;
  const label = new Map(run.identities.map((identity, k) => [identity.id, k]));
  return images.flatMap((img) => {
    const k = label.get(img.identityId);
    return k !== undefined && img.split && img.addedAt <= run.createdAt
      ? [{ id: img.id, label: k, part: img.split }]
      : [];
  });
}

/** An earlier run's members as the dataset is now (for Resume and Evaluate). */
export function earlierRunMembers(
  run: TrainedRunRecord,
  identities: readonly IdentityRecord[],
  images: readonly ImageRecord[],
): EarlierRunMembers {
  const nameNow = new Map(identities.map((identity) => [identity.id, identity.name]));
  const present = new Set(images.map((img) => img.id));
  const members: EarlierRunMembers = {
    identities: run.identities.map(({ id, name }) => ({ id, name: nameNow.get(id) ?? name })),
    train: [],
    val: [],
    test: [],
    gone: [],
  };
  const kept = new Set<number>();
  for (const { id, label, part } of recordedImages(run, images)) {
    if (!present.has(id)) continue;
    members[part].push({ id, label });
    kept.add(label);
  }
  members.gone = members.identities.flatMap((identity, k) => (kept.has(k) ? [] : [identity.name]));
  return members;
}
