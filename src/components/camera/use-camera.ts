// Owns a camera's life on a screen (Capture, Verify): start and stop, the stream bound to the
// video element, optionally a capture worker (one import worker: face detection off the main
// thread), and the notice that the camera went away (a track that ends while in use).

import { useCallback, useEffect, useRef, useState } from 'react';
import { toAppError } from '../../lib/errors';
import { createImportPool, type ImportPool } from '../../worker/import-pool';
import { CAMERA_LOST_MESSAGE, openCamera } from './camera';

export interface Camera {
  videoRef: React.RefObject<HTMLVideoElement | null>;
  stream: MediaStream | null;
  worker: ImportPool | null;
  starting: boolean;
  problem: string | null;
  start(): Promise<void>;
  stop(): void;
}

export function useCamera({ withWorker }: { withWorker: boolean }): Camera {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  // The live stream and worker are kept in refs too, so that stopping (also on unmount) releases
  // them at once, whatever React does with pending state updates.
  const streamRef = useRef<MediaStream | null>(null);
  const workerRef = useRef<ImportPool | null>(null);
  const mounted = useRef(true);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [worker, setWorker] = useState<ImportPool | null>(null);
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const stop = useCallback(() => {
    for (const track of streamRef.current?.getTracks() ?? []) track.stop();
    streamRef.current = null;
    workerRef.current?.terminate();
    workerRef.current = null;
    if (mounted.current) {
      setStream(null);
      setWorker(null);
    }
  }, []);

  const start = useCallback(async () => {
    setProblem(null);
    setStarting(true);
    try {
      const opened = await openCamera();
      if (!mounted.current) {
        // The screen was left while the browser asked for permission: release the camera.
        for (const track of opened.getTracks()) track.stop();
        return;
      }
      for (const track of opened.getVideoTracks()) {
        track.addEventListener('ended', () => {
          if (streamRef.current !== opened) return;
          setProblem(CAMERA_LOST_MESSAGE);
          streamRef.current = null;
          setStream(null);
        });
      }
      streamRef.current = opened;
      if (withWorker && !workerRef.current) workerRef.current = createImportPool({ size: 1 });
      setWorker(workerRef.current);
      setStream(opened);
    } catch (error) {
      if (mounted.current) setProblem(toAppError(error).message);
    } finally {
      if (mounted.current) setStarting(false);
    }
  }, [withWorker]);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.srcObject = stream;
    if (stream) void video.play().catch(() => undefined);
  }, [stream]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      stop();
    };
  }, [stop]);

  return { videoRef, stream, worker, starting, problem, start, stop };
}
