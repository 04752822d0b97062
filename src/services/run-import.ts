// Runs one import: each file goes to the import workers, duplicates are found by content hash,
// finished images are written to storage in batches, and every skipped file gets its reason. A
// file for a person or for Strangers gives its largest face; a file for Unsorted gives every
// face, each its own image (imported-images.ts), all of one photo stored in the same batch with
// the photo.
// A storage failure (a full disk) stops the import; what was stored before it stays stored.
// Cancelling ends it at once, even while files are still being prepared.
// Dependencies are passed in, so this runs under Vitest without a browser.

import { AppError, toAppError, type ErrorCode, type SerializedError } from '../lib/errors';
import { STRANGERS_ID, UNSORTED_ID, type ImageRecord, type StoredImage } from '../storage/records';
import type { FaceSelection, NoFacePolicy } from '../domain/face-crop-outcome';
import type { PreparedImage } from '../faces/prepare-image';
import { imagesOfPhoto, noFaceCounts, type FaceCounts } from './imported-images';

export type { FaceCounts };

/** Where one file goes. */
export type ImportDestination =
  /** A person, by name (created when new): the largest face. */
  | { kind: 'person'; name: string }
  /** Unsorted: every face its own image, to sort later. */
  | { kind: 'unsorted' }
  /**
   * Strangers, people to be rejected: the largest face. `group` is one stranger's capture group
   * (shared by the photos of their folder, so they land in one part); null: a loose photo,
   * its own group.
   */
  | { kind: 'strangers'; group: string | null };

export interface ImportSource {
  file: Blob;
  /** Path relative to what was dropped, e.g. `people/Ada/1.jpg`, or just the file name. */
  path: string;
  to: ImportDestination;
  /** The folder the file sat in, if any (used to report folders without images). */
  folder: string | null;
}

export interface ImportRequest {
  sources: ImportSource[];
  /** What to do with an image in which no face is found: skip it, or keep its centred square. */
  noFace: NoFacePolicy;
  /** Folders that were dropped but held no files at all. */
  emptyFolders: string[];
}

export interface SkippedFile {
  path: string;
  code: ErrorCode;
  reason: string;
}

export interface ImportProgress {
  /** Files. */
  total: number;
  /** Files. */
  processed: number;
  /** Images stored: one per crop, so a group photo going to Unsorted adds several. */
  added: number;
  /** Files. */
  skipped: number;
}

export interface ImportSummary extends ImportProgress {
  faces: FaceCounts;
  skippedFiles: SkippedFile[];
  foldersWithoutImages: string[];
  identitiesCreated: string[];
  stopped: SerializedError | null;
  cancelled: boolean;
  seconds: number;
}

export interface ImportDeps {
  prepare(
    file: Blob,
    name: string,
    noFace: NoFacePolicy,
    faces: FaceSelection,
  ): Promise<PreparedImage>;
  /** Hashes already stored, each with a description of where (`Ada / 1.jpg`). */
  knownHashes: ReadonlyMap<string, string>;
  /** The id of the identity with this name, created if it does not exist yet. */
  identityIdFor(name: string): Promise<{ id: string; created: boolean }>;
  save(batch: readonly StoredImage[]): Promise<unknown>;
  onProgress(progress: ImportProgress): void;
  onSaved(records: readonly ImageRecord[]): void;
  concurrency: number;
  signal?: AbortSignal;
  batchSize?: number;
}

function displayPath(source: ImportSource): string {
  return source.path || 'unnamed file';
}

export async function runImport(request: ImportRequest, deps: ImportDeps): Promise<ImportSummary> {
  const started = performance.now();
  const { sources } = request;
  const batchSize = deps.batchSize ?? 24;
  const seen = new Map(deps.knownHashes);
  const skippedFiles: SkippedFile[] = [];
  const identitiesCreated: string[] = [];
  // Promises, not ids: lanes asking for the same new person at once must create it only once.
  const identityIds = new Map<string, Promise<string>>();
  const foldersWithImage = new Set<string>();
  let added = 0;
  let processed = 0;
  let stopped: AppError | null = null;
  let pending: StoredImage[] = [];

  const progress = () =>
    deps.onProgress({ total: sources.length, processed, added, skipped: skippedFiles.length });
  const faces: FaceCounts = noFaceCounts();
  const skip = (source: ImportSource, code: ErrorCode, reason: string) => {
    if (code === 'no-face') faces.skippedNoFace++;
    const path = displayPath(source);
    // The summary shows the reason alone, so it names the file even when the browser's own
    // message does not (a file gone before it was read: "A requested file … could not be found").
    const named = reason.startsWith(path) ? reason : `${path}: ${reason}`;
    skippedFiles.push({ path, code, reason: named });
  };
  const halted = () => stopped !== null || deps.signal?.aborted === true;

  const identityId = (name: string): Promise<string> => {
    let id = identityIds.get(name);
    if (!id) {
      id = deps.identityIdFor(name).then((result) => {
        if (result.created) identitiesCreated.push(name);
        return result.id;
      });
      identityIds.set(name, id);
    }
    return id;
  };

  const flush = async () => {
    if (pending.length === 0 || stopped) return;
    const batch = pending;
    pending = [];
    try {
      await deps.save(batch);
      added += batch.length;
      deps.onSaved(batch.map((item) => item.record));
    } catch (error) {
      stopped = toAppError(error, 'storage-failed');
      for (const item of batch) seen.delete(item.record.hash);
    }
  };

  const accept = async (source: ImportSource, image: PreparedImage) => {
    const { to } = source;
    const where = seen.get(image.hash);
    if (where !== undefined) {
      if (source.folder) foldersWithImage.add(source.folder);
      skip(
        source,
        'duplicate-image',
        `${displayPath(source)}: the same image is already stored (${where}).`,
      );
      return;
    }
    let personId: string;
    try {
      personId =
        to.kind === 'person'
          ? await identityId(to.name)
          : to.kind === 'strangers'
            ? STRANGERS_ID
            : UNSORTED_ID;
    } catch (error) {
      const appError = toAppError(error, 'invalid-name');
      if (appError.code === 'quota-exceeded' || appError.code === 'storage-failed')
        stopped = appError;
      else
        skip(
          source,
          appError.code,
          `${displayPath(source)}: the folder name cannot name a person. ${appError.message}`,
        );
      return;
    }
    const owner =
      to.kind === 'person' ? to.name : to.kind === 'strangers' ? 'Strangers' : 'Unsorted';
    seen.set(image.hash, `${owner} / ${displayPath(source).split('/').pop() ?? ''}`);
    if (source.folder) foldersWithImage.add(source.folder);
    // A photo's crops go into one batch, so its faces and its photo are stored together.
    const group = to.kind === 'strangers' ? to.group : null;
    pending.push(...imagesOfPhoto(image, personId, displayPath(source), faces, group));
    if (pending.length >= batchSize) await flush();
  };

  // A file's outcome, or 'cancelled' as soon as the import is: no lane keeps waiting on a file
  // that never finishes. Each file's listener goes when the file settles, so a long import
  // does not keep every finished file's crop alive through the signal.
  const orCancelled = <T>(work: Promise<T>): Promise<T | 'cancelled'> => {
    const signal = deps.signal;
    if (!signal) return work;
    if (signal.aborted) return Promise.resolve('cancelled');
    return new Promise((resolve) => {
      const onAbort = () => resolve('cancelled');
      signal.addEventListener('abort', onAbort, { once: true });
      void work.then((outcome) => {
        signal.removeEventListener('abort', onAbort);
        resolve(outcome);
      });
    });
  };

  // Files are prepared in parallel but accepted in their sorted order, so which of two
  // identical files is kept (the first) does not depend on which worker finished first.
  let next = 0;
  let acceptedUpTo: Promise<void> = Promise.resolve();
  const lane = async () => {
    while (next < sources.length && !halted()) {
      const source = sources[next++] as ImportSource;
      const selection: FaceSelection = source.to.kind === 'unsorted' ? 'every' : 'largest';
      const prepared = orCancelled(
        deps.prepare(source.file, displayPath(source), request.noFace, selection).then(
          (image) => ({ image }),
          (error: unknown) => ({ error: toAppError(error, 'corrupt-image') }),
        ),
      );
      const previous = acceptedUpTo;
      const turn = (async () => {
        const outcome = await prepared;
        await previous;
        // A file still in work when the import was cancelled (its worker ended, or still busy)
        // was not processed: neither counted nor reported as skipped.
        if (outcome === 'cancelled' || deps.signal?.aborted) return;
        if ('error' in outcome) {
          skip(source, outcome.error.code, outcome.error.message);
        } else if (!halted()) {
          await accept(source, outcome.image);
        }
        processed++;
        progress();
      })();
      acceptedUpTo = turn;
      await turn;
    }
  };
  progress();
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency) }, lane));
  await flush();

  const folders = new Set<string>(request.emptyFolders);
  // A stopped or cancelled import did not look at every folder, so only report the ones it did.
  if (!halted()) for (const source of sources) if (source.folder) folders.add(source.folder);
  const foldersWithoutImages = [...folders].filter((f) => !foldersWithImage.has(f)).sort();
  const finalStop = stopped as AppError | null;
  return {
    total: sources.length,
    processed,
    added,
    skipped: skippedFiles.length,
    skippedFiles,
    faces,
    foldersWithoutImages,
    identitiesCreated,
    stopped: finalStop ? finalStop.toJSON() : null,
    cancelled: deps.signal?.aborted === true && finalStop === null,
    seconds: (performance.now() - started) / 1000,
  };
}
