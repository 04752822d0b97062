// Runs one import: each file goes to the import workers, duplicates are found by content hash,
// finished images are written to storage in batches, and every skipped file gets its reason.
// A storage failure (a full disk) stops the import; what was stored before it stays stored.
// Cancelling ends it at once, even while files are still being prepared.
// Dependencies are passed in, so this runs under Vitest without a browser.

import { AppError, toAppError, type ErrorCode, type SerializedError } from '../lib/errors';
import { newId } from '../lib/ids';
import type { ImageRecord, StoredImage } from '../storage/records';
import type { NoFacePolicy } from '../domain/face-crop-outcome';
import type { PreparedImage } from '../faces/prepare-image';

export interface ImportSource {
  file: Blob;
  /** Path relative to what was dropped, e.g. `people/Ada/1.jpg`, or just the file name. */
  path: string;
  /** The identity the image belongs to; null when it came without a folder and none was chosen. */
  identityName: string | null;
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
  total: number;
  processed: number;
  added: number;
  skipped: number;
}

/** How the stored crops of one import were made. */
export interface FaceCounts {
  /** One face found and aligned. */
  aligned: number;
  /** Several faces found; the largest was aligned (counted in `aligned` too). */
  severalFaces: number;
  /** No face found; the centred square was kept, as chosen. */
  centred: number;
  /** No face found; skipped, as chosen (counted in `skipped` too). */
  skippedNoFace: number;
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
  prepare(file: Blob, name: string, noFace: NoFacePolicy): Promise<PreparedImage>;
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
  const faces: FaceCounts = { aligned: 0, severalFaces: 0, centred: 0, skippedNoFace: 0 };
  const skip = (source: ImportSource, code: ErrorCode, reason: string) => {
    if (code === 'no-face') faces.skippedNoFace++;
    skippedFiles.push({ path: displayPath(source), code, reason });
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
    const name = source.identityName as string;
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
      personId = await identityId(name);
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
    seen.set(image.hash, `${name} / ${displayPath(source).split('/').pop() ?? ''}`);
    const record: ImageRecord = {
      id: newId('img'),
      identityId: personId,
      sourceName: displayPath(source),
      hash: image.hash,
      width: image.width,
      height: image.height,
      format: image.format,
      bytes: image.bytes,
      addedAt: Date.now(),
      captureGroup: newId('grp'),
      crop: image.face.kind,
      facesFound: image.face.faces,
    };
    if (image.face.kind === 'aligned') faces.aligned++;
    else faces.centred++;
    if (image.face.faces > 1) faces.severalFaces++;
    if (source.folder) foldersWithImage.add(source.folder);
    pending.push({ record, crop: image.crop, thumb: image.thumb });
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
      const prepared =
        source.identityName === null
          ? null
          : orCancelled(
              deps.prepare(source.file, displayPath(source), request.noFace).then(
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
        if (outcome === null) {
          skip(
            source,
            'no-identity',
            `${displayPath(source)}: no person chosen. Pick a person first, or drop a folder named after the person.`,
          );
        } else if ('error' in outcome) {
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
