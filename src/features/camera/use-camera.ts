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
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [worker, setWorker] = useState<ImportPool | null>(null);
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const stop = useCallback(() => {
    setStream((current) => {
      for (const track of current?.getTracks() ?? []) track.stop();
      return null;
    });
    setWorker((current) => {
      current?.terminate();
      return null;
    });
  }, []);

  const start = useCallback(async () => {
    setProblem(null);
    setStarting(true);
    try {
      const opened = await openCamera();
      for (const track of opened.getVideoTracks()) {
        track.addEventListener('ended', () => {
          setProblem(CAMERA_LOST_MESSAGE);
          setStream(null);
        });
      }
      if (withWorker) setWorker((current) => current ?? createImportPool(1));
      setStream(opened);
    } catch (error) {
      setProblem(toAppError(error).message);
    } finally {
      setStarting(false);
    }
  }, [withWorker]);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.srcObject = stream;
    if (stream) void video.play().catch(() => undefined);
  }, [stream]);

  useEffect(() => stop, [stop]);

  return { videoRef, stream, worker, starting, problem, start, stop };
}
