// The Dataset screen's per-person summaries (identity-summaries.ts), recomputed only when the
// dataset changes.

import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { summarizeIdentities, type IdentitySummary } from '../../domain/identity-summaries';

export function useIdentitySummaries(): IdentitySummary[] {
  const { identities, images, hidden } = useAppStore(
    useShallow((s) => ({
      identities: s.identities,
      images: s.images,
      hidden: s.hiddenIdentityIds,
    })),
  );
  return useMemo(
    () => summarizeIdentities(identities, images, hidden),
    [identities, images, hidden],
  );
}
