// The Dataset screen's per-person summaries (identity-summaries.ts), recomputed only when the
// dataset changes, each person's the same object as before when their images did not change (so
// their card is not drawn again).

import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { summarizerKeepingUnchanged, type IdentitySummary } from '../../domain/identity-summaries';

export function useIdentitySummaries(): IdentitySummary[] {
  const { identities, images, hidden } = useAppStore(
    useShallow((s) => ({
      identities: s.identities,
      images: s.images,
      hidden: s.hiddenIdentityIds,
    })),
  );
  const [summarize] = useState(summarizerKeepingUnchanged);
  return useMemo(
    () => summarize(identities, images, hidden),
    [summarize, identities, images, hidden],
  );
}
