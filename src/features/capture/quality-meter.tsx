// The live verdict on the camera picture: ready to capture, or what to fix (no face, more than
// one, too small, blurry, too dark), with the measured sharpness and brightness.

import { QUALITY_LIMITS, QUALITY_MESSAGES, type FrameQuality } from '../../vision/face-quality';

export function QualityMeter({ quality }: { quality: FrameQuality | null }) {
  if (!quality) return <p className="muted">Looking for a face…</p>;
  const ready = quality.issues.length === 0;
  return (
    <div
      className={`quality ${ready ? 'quality-ok' : 'quality-bad'}`}
      role="status"
      aria-label="Frame quality"
    >
      <strong>
        {ready
          ? 'Ready: one clear face'
          : quality.issues.map((issue) => QUALITY_MESSAGES[issue]).join(' · ')}
      </strong>
      {quality.issues[0] !== 'no-face' && (
        <span className="muted small">
          {' '}
          sharpness {quality.sharpness.toFixed(0)} (≥ {QUALITY_LIMITS.minSharpness}) · brightness{' '}
          {quality.brightness.toFixed(0)} (≥ {QUALITY_LIMITS.minBrightness}) · eyes{' '}
          {quality.eyeDistance.toFixed(0)} px apart (≥ {QUALITY_LIMITS.minEyeDistance})
        </span>
      )}
    </div>
  );
}
