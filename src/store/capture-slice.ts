// Webcam enrolment's one action: a burst for a person, named or new. The screen brings the
// camera (grab a frame, have it judged); this slice names the person, knows which frames are
// already stored, and stores every kept frame through the add-images service.

import type { StateCreator } from 'zustand';
import type { FrameAnalysis } from '../faces/analyse-frame';
import { addImages } from '../services/add-images';
import { runBurst, type BurstProgress, type BurstSummary } from '../services/run-burst';
import type { AppState } from './index';

export interface BurstRequest<Frame> {
  personName: string;
  count: number;
  intervalMs: number;
  grab(): Promise<Frame>;
  analyse(frame: Frame): Promise<FrameAnalysis>;
  onProgress(progress: BurstProgress): void;
  signal: AbortSignal;
}

export interface CaptureSlice {
  captureBurst<Frame>(request: BurstRequest<Frame>): Promise<BurstSummary>;
}

export const createCaptureSlice: StateCreator<AppState, [], [], CaptureSlice> = (_set, get) => ({
  async captureBurst(request) {
    const { id: identityId } = await get().ensureIdentity(request.personName);
    const knownHashes = new Set(get().images.map((image) => image.hash));
    return runBurst(
      { count: request.count, intervalMs: request.intervalMs },
      {
        identityId,
        knownHashes,
        grab: request.grab,
        analyse: request.analyse,
        save: addImages,
        onSaved: (records) => get().imagesStored(records),
        onProgress: request.onProgress,
        wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        signal: request.signal,
      },
    );
  },
});
