// The Capture screen (webcam enrolment): pick or name a person, start the camera, watch the live
// face box and quality meter, and capture a burst; only frames with one clear face are kept,
// aligned and stored like imported images, all in one capture group. Kept and dropped frames
// are counted with their reasons; a camera that fails says why, and kept frames stay stored.

import { useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { toAppError } from '../../lib/errors';
import { useAppStore } from '../../store';
import type { FaceBox } from '../../vision/face-detector';
import type { FrameQuality } from '../../vision/face-quality';
import { grabFrame } from '../../components/camera/camera';
import { BurstReport } from './burst-report';
import { QualityMeter } from './quality-meter';
import type { BurstProgress, BurstSummary } from '../../services/run-burst';
import { useCamera } from '../../components/camera/use-camera';

const PREVIEW_INTERVAL_MS = 300;

export function CaptureScreen() {
  const id = useId();
  const camera = useCamera({ withWorker: true });
  const people = useAppStore(
    useShallow((s) =>
      s.identities.filter((i) => !s.hiddenIdentityIds.includes(i.id)).map((i) => i.name),
    ),
  );
  const captureBurst = useAppStore((s) => s.captureBurst);
  const [person, setPerson] = useState('');
  const [count, setCount] = useState(30);
  const [interval, setIntervalMs] = useState(200);
  const [quality, setQuality] = useState<FrameQuality | null>(null);
  const [boxes, setBoxes] = useState<{ boxes: FaceBox[]; width: number; height: number } | null>(
    null,
  );
  const [progress, setProgress] = useState<BurstProgress | null>(null);
  const [summary, setSummary] = useState<BurstSummary | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const bursting = useRef<AbortController | null>(null);
  const { stream, worker, videoRef } = camera;

  // The live preview: judge a frame every few hundred ms while no burst runs.
  useEffect(() => {
    if (!stream || !worker || progress) return;
    let cancelled = false;
    const tick = async () => {
      const video = videoRef.current;
      if (cancelled || !video) return;
      try {
        const frame = await grabFrame(video, stream);
        const size = { width: frame.width, height: frame.height };
        const analysis = await worker.analyse(frame, false);
        if (cancelled) return;
        setQuality(analysis.quality);
        setBoxes({ boxes: analysis.boxes, ...size });
      } catch {
        // The camera is warming up or has gone; the track's own event reports a loss.
      }
      if (!cancelled) timer = window.setTimeout(() => void tick(), PREVIEW_INTERVAL_MS);
    };
    let timer = window.setTimeout(() => void tick(), PREVIEW_INTERVAL_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [stream, worker, videoRef, progress]);

  const capture = async () => {
    const video = videoRef.current;
    const name = person.trim();
    if (!stream || !worker || !video) return;
    if (!name) {
      setProblem('Choose a person, or type a new name, before capturing.');
      return;
    }
    setProblem(null);
    setSummary(null);
    const controller = new AbortController();
    bursting.current = controller;
    try {
      setProgress({ count, taken: 0, kept: 0, dropped: {} });
      const result = await captureBurst({
        personName: name,
        count,
        intervalMs: interval,
        grab: () => grabFrame(video, stream),
        analyse: async (frame) => {
          const analysis = await worker.analyse(frame, true);
          setQuality(analysis.quality);
          setBoxes({ boxes: analysis.boxes, width: video.videoWidth, height: video.videoHeight });
          return analysis;
        },
        onProgress: setProgress,
        signal: controller.signal,
      });
      setSummary(result);
    } catch (error) {
      setProblem(toAppError(error).message);
    } finally {
      bursting.current = null;
      setProgress(null);
    }
  };

  const live = stream !== null;
  return (
    <div className="capture">
      <section className="panel row" aria-label="Who is in front of the camera">
        <label htmlFor={`${id}-person`}>Person</label>
        <input
          id={`${id}-person`}
          list={`${id}-people`}
          value={person}
          placeholder="choose or type a new name"
          onChange={(e) => setPerson(e.target.value)}
          disabled={progress !== null}
        />
        <datalist id={`${id}-people`}>
          {people.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {!live ? (
          <button type="button" onClick={() => void camera.start()} disabled={camera.starting}>
            {camera.starting ? 'Starting…' : 'Start camera'}
          </button>
        ) : (
          <button
            type="button"
            className="quiet"
            onClick={camera.stop}
            disabled={progress !== null}
          >
            Stop camera
          </button>
        )}
      </section>
      {(camera.problem || problem) && (
        <p className="field-error panel" role="alert">
          {camera.problem ?? problem}
        </p>
      )}
      <div className="capture-body">
        <div className="panel camera-view">
          <div className="video-frame">
            <video ref={videoRef} muted playsInline aria-label="Camera preview" />
            {live && boxes && (
              <svg
                className="face-boxes"
                viewBox={`0 0 ${boxes.width} ${boxes.height}`}
                preserveAspectRatio="xMidYMid meet"
                aria-hidden="true"
              >
                {boxes.boxes.map((box, index) => (
                  <rect
                    key={index}
                    x={box.x}
                    y={box.y}
                    width={box.width}
                    height={box.height}
                    className={index === 0 ? 'box-main' : 'box-other'}
                  />
                ))}
              </svg>
            )}
            {!live && (
              <p className="muted camera-off">The camera is off. Nothing leaves this browser.</p>
            )}
          </div>
          {live && <QualityMeter quality={quality} />}
        </div>
        <div className="panel burst">
          <h2>Burst</h2>
          <p className="muted small">
            Turn the head slowly while it runs: varied angles recognise better.
          </p>
          <div className="row">
            <label htmlFor={`${id}-count`}>Frames</label>
            <input
              id={`${id}-count`}
              type="number"
              min={1}
              max={300}
              value={count}
              onChange={(e) => setCount(Math.max(1, Math.min(300, Number(e.target.value) || 1)))}
              disabled={progress !== null}
            />
            <label htmlFor={`${id}-interval`}>Every (ms)</label>
            <input
              id={`${id}-interval`}
              type="number"
              min={50}
              max={5000}
              step={50}
              value={interval}
              onChange={(e) =>
                setIntervalMs(Math.max(50, Math.min(5000, Number(e.target.value) || 200)))
              }
              disabled={progress !== null}
            />
          </div>
          {progress ? (
            <button type="button" className="quiet" onClick={() => bursting.current?.abort()}>
              Stop burst
            </button>
          ) : (
            <button type="button" onClick={() => void capture()} disabled={!live}>
              Capture burst
            </button>
          )}
          <BurstReport progress={progress} summary={summary} />
        </div>
      </div>
    </div>
  );
}
