// Before a run starts, names the people it could not evaluate and why (too few images, or no
// val or test images), so nobody is left out of Evaluate silently.

import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { evaluationGaps, summarizeIdentities } from '../../domain/identity-summaries';
import { useAppStore } from '../../store';

export function EvaluationGapsNote() {
  const { identities, images, hidden } = useAppStore(
    useShallow((s) => ({
      identities: s.identities,
      images: s.images,
      hidden: s.hiddenIdentityIds,
    })),
  );
  const gaps = useMemo(
    () => evaluationGaps(summarizeIdentities(identities, images, hidden)),
    [identities, images, hidden],
  );
  if (gaps.length === 0) return null;
  return (
    <section className="panel warning-panel" aria-label="People who cannot be evaluated">
      <p>
        Before you train: {gaps.length === 1 ? 'one person' : `${gaps.length} people`} cannot be
        evaluated.
      </p>
      <ul>
        {gaps.map((gap) => (
          <li key={gap.name}>
            <strong>{gap.name}</strong> {gap.reason}.
          </li>
        ))}
      </ul>
    </section>
  );
}
