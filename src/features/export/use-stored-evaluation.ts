// Whether a run has a stored evaluation (whose templates and threshold go into metadata.json),
// read from IndexedDB when the run changes.

import { useEffect, useState } from 'react';
import { getEvaluation, type StoredEvaluation } from '../../storage/evaluation-repo';

export function useStoredEvaluation(
  runId: string | undefined,
): StoredEvaluation | null | undefined {
  const [found, setFound] = useState<{ runId: string; evaluation: StoredEvaluation | null } | null>(
    null,
  );
  useEffect(() => {
    if (!runId) return;
    let live = true;
    void getEvaluation(runId)
      .catch(() => undefined)
      .then((evaluation) => {
        if (live) setFound({ runId, evaluation: evaluation ?? null });
      });
    return () => {
      live = false;
    };
  }, [runId]);
  // undefined while loading (or for another run than the one asked for).
  return found && found.runId === runId ? found.evaluation : undefined;
}
