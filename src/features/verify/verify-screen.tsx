// The Verify screen (live demo): drop or pick a photo, or use the webcam; the face is found and
// aligned as on import, and the evaluated run's network names the person by comparing the photo with every person's template, or says "unknown" below the
// threshold chosen on the Evaluate screen. "Verify as" answers accept or reject for one person.

import { AnswerNote } from './answer-note';
import { templatesInUse } from '../../ml/metrics/verify-settings';
import { useEffect, useId, useState } from 'react';
import { DropZone } from '../../components/drop-zone';
import { toAppError } from '../../lib/errors';
import { rankTemplates, type RankedMatch } from '../../ml/metrics/identification';
import { useAppStore } from '../../store';
import { MatchResult } from './match-result';
import type { PhotoEmbedding } from '../../runs/photo-embedder';
import { WebcamVerify } from './webcam-verify';
import { canEmbed, describeRun } from '../../storage/run-records';

export function VerifyScreen() {
  const id = useId();
  const embedPhoto = useAppStore((s) => s.embedPhoto);
  const runs = useAppStore((s) => s.runs);
  const runId = useAppStore((s) => s.evaluationRunId);
  const stored = useAppStore((s) => s.evaluation);
  const select = useAppStore((s) => s.selectEvaluationRun);
  const [photoUrl, setPhotoUrl] = useState<string | null>(null);
  const [result, setResult] = useState<{
    ranking: RankedMatch[];
    ms: number;
    faces: number;
    timing: PhotoEmbedding['timing'];
  } | null>(null);
  const [cropUrl, setCropUrl] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [verifyAs, setVerifyAs] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [source, setSource] = useState<'photo' | 'webcam'>('photo');
  const trained = runs.filter(canEmbed);

  useEffect(() => () => void (photoUrl && URL.revokeObjectURL(photoUrl)), [photoUrl]);
  useEffect(() => () => void (cropUrl && URL.revokeObjectURL(cropUrl)), [cropUrl]);
  useEffect(() => {
    const first = trained[0];
    if (!runId && first) void select(first.id);
  }, [runId, trained, select]);

  const check = async (photo: Blob | undefined) => {
    // One photo at a time: a drop while one is checked waits for the user to drop it again.
    if (!photo || !runId || !stored || busy) return;
    setPhotoUrl(URL.createObjectURL(photo));
    setProblem(null);
    setResult(null);
    setCropUrl(null);
    setBusy(true);
    try {
      const started = performance.now();
      const { embedding, crop, face, timing } = await embedPhoto(runId, photo);
      setCropUrl(crop ? URL.createObjectURL(crop) : null);
      setResult({
        ranking: rankTemplates(templatesInUse(stored.evaluation), embedding),
        ms: performance.now() - started,
        faces: face.faces,
        timing,
      });
    } catch (error) {
      setProblem(toAppError(error).message);
    } finally {
      setBusy(false);
    }
  };

  if (trained.length === 0)
    return (
      <p className="panel">No trained run yet. Train a model, evaluate it, then try it here.</p>
    );
  return (
    <DropZone
      onDropData={(data) => void check(data.files[0])}
      hint="Drop a photo to recognise the person"
    >
      <section className="panel row" aria-label="Model">
        <label htmlFor={`${id}-run`}>Run</label>
        <select id={`${id}-run`} value={runId ?? ''} onChange={(e) => void select(e.target.value)}>
          {trained.map((run) => (
            <option key={run.id} value={run.id}>
              {describeRun(run)}
            </option>
          ))}
        </select>
        {stored && (
          <>
            <label htmlFor={`${id}-as`}>Verify as</label>
            <select
              id={`${id}-as`}
              value={verifyAs ?? ''}
              onChange={(e) => setVerifyAs(e.target.value === '' ? null : Number(e.target.value))}
            >
              <option value="">anyone (identify)</option>
              {stored.identities.map((name, label) => (
                <option key={name} value={label}>
                  {name}
                </option>
              ))}
            </select>
            <span className="row" role="radiogroup" aria-label="Source">
              <label>
                <input
                  type="radio"
                  name={`${id}-source`}
                  checked={source === 'photo'}
                  onChange={() => setSource('photo')}
                />{' '}
                Photo
              </label>
              <label>
                <input
                  type="radio"
                  name={`${id}-source`}
                  checked={source === 'webcam'}
                  onChange={() => setSource('webcam')}
                />{' '}
                Webcam
              </label>
            </span>
          </>
        )}
      </section>
      {!stored ? (
        <p className="panel" role="status">
          Evaluate this run first (Evaluate screen): Verify compares photos with the person
          templates and the threshold chosen there.
        </p>
      ) : source === 'webcam' && runId ? (
        <WebcamVerify runId={runId} stored={stored} verifyAs={verifyAs} />
      ) : (
        <div className="verify-body">
          <AnswerNote stored={stored} />
          <div className="panel photo-panel">
            <label htmlFor={`${id}-photo`}>Photo to check (or drop one anywhere here)</label>
            <input
              id={`${id}-photo`}
              type="file"
              accept="image/*"
              disabled={busy}
              onChange={(e) => void check(e.currentTarget.files?.[0])}
            />
            {photoUrl && (
              <img src={photoUrl} alt="The photo being checked" className="verify-photo" />
            )}
            {cropUrl && (
              <figure className="verify-crop">
                <img
                  src={cropUrl}
                  alt="The aligned face the network compared"
                  width={96}
                  height={96}
                />
                <figcaption className="muted small">
                  The face the network saw
                  {result && result.faces > 1 ? ` (the largest of ${result.faces} faces)` : ''}
                </figcaption>
              </figure>
            )}
          </div>
          <div>
            {busy && <p role="status">Looking…</p>}
            {problem && (
              <p className="field-error" role="alert">
                {problem}
              </p>
            )}
            {result && (
              <MatchResult
                ranking={result.ranking}
                identities={stored.identities}
                threshold={stored.threshold}
                verifyAs={verifyAs}
                milliseconds={result.ms}
                timing={result.timing}
              />
            )}
          </div>
        </div>
      )}
    </DropZone>
  );
}
