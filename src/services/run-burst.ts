// Owns one capture burst: take `count` frames `intervalMs` apart, have each judged (and, if it
// passes, encoded) by the capture worker, and store every kept frame at once, so frames kept
// before a failure (the camera unplugged, a full disk) stay stored. All frames of a burst share
// one capture group, so the train/val/test split keeps them together. Dependencies are passed
// in, so this runs under Vitest without a camera.

import { AppError, toAppError, type SerializedError } from '../lib/errors';
import { newId } from '../lib/ids';
import type { ImageRecord, StoredImage } from '../storage/records';
import type { QualityIssue } from '../vision/face-quality';
import type { FrameAnalysis } from '../faces/analyse-frame';

export type DropReason = QualityIssue | 'duplicate';

export interface BurstProgress {
  count: number;
  taken: number;
  kept: number;
  dropped: Partial<Record<DropReason, number>>;
}

export interface BurstSummary extends BurstProgress {
  stopped: SerializedError | null;
  cancelled: boolean;
  captureGroup: string;
}

export interface BurstDeps<Frame> {
  identityId: string;
  /** Hashes already stored; a frame identical to one is dropped as a duplicate. */
  knownHashes: ReadonlySet<string>;
  grab(): Promise<Frame>;
  analyse(frame: Frame): Promise<FrameAnalysis>;
  save(batch: readonly StoredImage[]): Promise<unknown>;
  onSaved(records: readonly ImageRecord[]): void;
  onProgress(progress: BurstProgress): void;
  wait(ms: number): Promise<void>;
  signal?: AbortSignal;
}

export async function runBurst<Frame>(
  options: { count: number; intervalMs: number },
  deps: BurstDeps<Frame>,
): Promise<BurstSummary> {
  const captureGroup = newId('grp');
  const started = new Date();
  const seen = new Set(deps.knownHashes);
  const progress: BurstProgress = { count: options.count, taken: 0, kept: 0, dropped: {} };
  const drop = (reason: DropReason) =>
    (progress.dropped[reason] = (progress.dropped[reason] ?? 0) + 1);
  let stopped: AppError | null = null;
  for (let i = 0; i < options.count && !deps.signal?.aborted; i++) {
    const next = i + 1 < options.count ? deps.wait(options.intervalMs) : Promise.resolve();
    try {
      const analysis = await deps.analyse(await deps.grab());
      progress.taken++;
      const frame = analysis.kept;
      if (!frame) {
        drop(analysis.quality.issues[0] ?? 'no-face');
      } else if (seen.has(frame.hash)) {
        drop('duplicate');
      } else {
        seen.add(frame.hash);
        const record: ImageRecord = {
          id: newId('img'),
          identityId: deps.identityId,
          sourceName: `webcam ${started.toISOString().slice(0, 19).replace('T', ' ')} #${i + 1}`,
          hash: frame.hash,
          width: frame.width,
          height: frame.height,
          format: 'jpeg',
          bytes: frame.bytes,
          addedAt: Date.now(),
          captureGroup,
          crop: 'aligned',
          facesFound: frame.faces,
        };
        await deps.save([{ record, crop: frame.crop, thumb: frame.thumb }]);
        deps.onSaved([record]);
        progress.kept++;
      }
    } catch (error) {
      stopped = toAppError(error, 'camera-lost');
      break;
    } finally {
      deps.onProgress({ ...progress, dropped: { ...progress.dropped } });
    }
    await next;
  }
  return {
    ...progress,
    stopped: stopped ? stopped.toJSON() : null,
    cancelled: deps.signal?.aborted === true && !stopped,
    captureGroup,
  };
}
