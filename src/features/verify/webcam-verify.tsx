// Verify live from the webcam: frames are embedded one after another in the training worker
// (found, aligned and embedded as any photo; the next frame already waiting there, as
// frame-pipeline.ts keeps it) and compared with the templates; the best match,
// the next ones and the frames per second update as the person moves. No face in view, or a
// camera that fails, is said plainly.

import { templatesInUse } from '../../ml/metrics/verify-settings';
import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store';
import { AppError, toAppError } from '../../lib/errors';
import { rankTemplates, type RankedMatch } from '../../ml/metrics/identification';
import type { StoredEvaluation } from '../../storage/evaluation-repo';
import { grabLiveFrame } from '../../components/camera/camera';
import { useCamera } from '../../components/camera/use-camera';
import { MatchResult } from './match-result';
import { runFramePipeline } from './frame-pipeline';
import type { PhotoEmbedding } from '../../runs/photo-embedder';

interface Props {
  runId: string;
  stored: StoredEvaluation;
  verifyAs: number | null;
}

const FPS_WINDOW = 10;

export function WebcamVerify({ runId, stored, verifyAs }: Props) {
  const embedPhoto = useAppStore((s) => s.embedPhoto);
  const camera = useCamera({ withWorker: false });
  const [result, setResult] = useState<{
    ranking: RankedMatch[];
    ms: number;
    timing: PhotoEmbedding['timing'];
  } | null>(null);
  const [noFace, setNoFace] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [fps, setFps] = useState<number | null>(null);
  const times = useRef<number[]>([]);
  const { stream, videoRef } = camera;

  useEffect(() => {
    if (!stream) return;
    times.current = [];
    return runFramePipeline<VideoFrame | ImageBitmap, PhotoEmbedding>({
      grab: async () => {
        const video = videoRef.current;
        if (!video || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return null;
        return grabLiveFrame(video, stream);
      },
      process: (frame) => embedPhoto(runId, frame, true),
      discard: (frame) => frame.close(),
      deliver: (outcome, grabbedAt) => {
        if (outcome.ok) {
          const { embedding, timing } = outcome.value;
          setResult({
            ranking: rankTemplates(templatesInUse(stored.evaluation), embedding),
            ms: performance.now() - grabbedAt,
            timing,
          });
          setNoFace(false);
        } else if (outcome.error instanceof AppError && outcome.error.code === 'no-face') {
          setNoFace(true);
        } else {
          // The pipeline ends: what is on screen must not look live any more.
          setProblem(
            `${toAppError(outcome.error).message} Stop and start the webcam to try again.`,
          );
          setResult(null);
          setFps(null);
          return false;
        }
        const stamps = [...times.current, performance.now()].slice(-FPS_WINDOW);
        times.current = stamps;
        if (stamps.length > 1)
          setFps(
            ((stamps.length - 1) * 1000) / ((stamps.at(-1) as number) - (stamps[0] as number)),
          );
        return true;
      },
    });
  }, [stream, videoRef, runId, stored, embedPhoto]);

  const live = stream !== null;
  return (
    <div className="panel webcam-verify">
      <div className="row">
        {!live ? (
          <button
            type="button"
            onClick={() => {
              setProblem(null);
              void camera.start();
            }}
            disabled={camera.starting}
          >
            {camera.starting ? 'Starting…' : 'Start webcam'}
          </button>
        ) : (
          <button type="button" className="quiet" onClick={camera.stop}>
            Stop webcam
          </button>
        )}
        {live && fps !== null && (
          <span data-testid="verify-fps">{fps.toFixed(1)} frames per second</span>
        )}
      </div>
      {(camera.problem || problem) && (
        <p className="field-error" role="alert">
          {camera.problem ?? problem}
        </p>
      )}
      <div className="video-frame small-video">
        <video ref={videoRef} muted playsInline aria-label="Webcam preview" />
        {!live && (
          <p className="muted camera-off">
            Webcam off. Frames are compared inside this browser only.
          </p>
        )}
      </div>
      {live && noFace && <p role="status">No face in view: face the camera.</p>}
      {live && result && !noFace && (
        <MatchResult
          ranking={result.ranking}
          identities={stored.identities}
          threshold={stored.threshold}
          verifyAs={verifyAs}
          milliseconds={result.ms}
          live
          timing={result.timing}
        />
      )}
    </div>
  );
}
