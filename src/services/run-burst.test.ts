// One capture burst with a fake camera and worker: kept frames are stored at once in one capture
// group, dropped frames are counted by reason (and duplicates), and a camera lost mid-burst
// stops it with the frames kept so far stored.
import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import type { ImageRecord, StoredImage } from '../storage/records';
import type { QualityIssue } from '../vision/face-quality';
import type { FrameAnalysis } from '../faces/analyse-frame';
import { runBurst, type BurstDeps } from './run-burst';

const blob = new Blob(['x']);

/** Frames are strings: "ok:<hash>" passes, "<issue>" fails that check, "lost" is an unplugged camera. */
function analysis(frame: string): FrameAnalysis {
  const quality = {
    issues: [] as QualityIssue[],
    sharpness: 200,
    brightness: 120,
    eyeDistance: 40,
  };
  if (frame.startsWith('ok:')) {
    return {
      boxes: [],
      quality,
      kept: {
        hash: frame.slice(3),
        crop: blob,
        thumb: blob,
        width: 640,
        height: 480,
        bytes: 1,
        faces: 1,
      },
    };
  }
  return { boxes: [], quality: { ...quality, issues: [frame as QualityIssue] }, kept: null };
}

function deps(frames: string[], overrides: Partial<BurstDeps<string>> = {}) {
  const saved: StoredImage[] = [];
  const records: ImageRecord[] = [];
  let next = 0;
  const d: BurstDeps<string> = {
    identityId: 'id-ada',
    knownHashes: new Set(['stored']),
    grab: async () => {
      const frame = frames[next++] ?? 'no-face';
      if (frame === 'lost') throw new AppError('camera-lost', 'The camera stopped.');
      return frame;
    },
    analyse: async (frame) => analysis(frame),
    save: async (batch) => void saved.push(...batch),
    onSaved: (batch) => void records.push(...batch),
    onProgress: () => undefined,
    wait: async () => undefined,
    ...overrides,
  };
  return { d, saved, records };
}

describe('runBurst', () => {
  it('keeps the frames that pass, in one capture group, and counts the dropped by reason', async () => {
    const { d, saved } = deps(['ok:a', 'blurry', 'ok:b', 'no-face', 'ok:a', 'ok:stored']);
    const summary = await runBurst({ count: 6, intervalMs: 0 }, d);
    expect(summary.kept).toBe(2);
    expect(summary.taken).toBe(6);
    expect(summary.dropped).toEqual({ blurry: 1, 'no-face': 1, duplicate: 2 });
    expect(new Set(saved.map((s) => s.record.captureGroup))).toEqual(
      new Set([summary.captureGroup]),
    );
    expect(
      saved.every((s) => s.record.identityId === 'id-ada' && s.record.crop === 'aligned'),
    ).toBe(true);
  });

  it('stops when the camera is lost and keeps what was stored before', async () => {
    const { d, saved } = deps(['ok:a', 'ok:b', 'lost', 'ok:c']);
    const summary = await runBurst({ count: 4, intervalMs: 0 }, d);
    expect(summary.stopped?.code).toBe('camera-lost');
    expect(summary.kept).toBe(2);
    expect(saved).toHaveLength(2);
  });

  it('stops on a full disk without counting the unsaved frame as kept', async () => {
    const { d } = deps(['ok:a', 'ok:b'], {
      save: async () => {
        throw new AppError('quota-exceeded', 'The disk is full.');
      },
    });
    const summary = await runBurst({ count: 2, intervalMs: 0 }, d);
    expect(summary.stopped?.code).toBe('quota-exceeded');
    expect(summary.kept).toBe(0);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const { d } = deps(['ok:a', 'ok:b', 'ok:c'], {
      onProgress: (p) => p.taken === 1 && controller.abort(),
      signal: controller.signal,
    });
    const summary = await runBurst({ count: 3, intervalMs: 0 }, d);
    expect(summary.cancelled).toBe(true);
    expect(summary.taken).toBe(1);
  });
});
