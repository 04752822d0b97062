// "Group similar faces" in the Unsorted tray: runs the grouping in the labelling worker (with
// progress and Cancel), shows the groups of faces still unsorted, largest first, each with its
// suggested person, and accepts every suggestion at or above a similarity in one step.

import { useId, useMemo, useState } from 'react';
import { countImages } from '../../domain/label-changes';
import { groupsStillUnsorted } from '../../domain/face-groups';
import { SUGGESTION_THRESHOLD } from '../../domain/label-suggestions';
import { UNSORTED_ID, type ImageRecord } from '../../storage/records';
import { useAppStore } from '../../store';
import { FaceGroupCard, type GroupSuggestion } from './face-group-card';
import { LabelHelpProgressBar } from './label-help-progress';

export function FaceGroupsPanel() {
  const id = useId();
  const images = useAppStore((s) => s.images);
  const identities = useAppStore((s) => s.identities);
  const faceGroups = useAppStore((s) => s.faceGroups);
  const busy = useAppStore((s) => s.labelHelpProgress !== null);
  const groupUnsorted = useAppStore((s) => s.groupUnsorted);
  const acceptSuggestions = useAppStore((s) => s.acceptSuggestions);
  const [threshold, setThreshold] = useState(SUGGESTION_THRESHOLD);

  const view = useMemo(() => {
    const unsorted = new Map(
      images.filter((i) => i.identityId === UNSORTED_ID).map((i) => [i.id, i]),
    );
    const names = new Map(identities.map((i) => [i.id, i.name]));
    const suggestions = new Map(
      (faceGroups?.suggestions ?? [])
        .filter((s) => names.has(s.identityId))
        .map((s) => [s.imageId, s]),
    );
    const groups = groupsStillUnsorted(faceGroups?.groups ?? [], unsorted);
    const suggestionOf = (group: readonly ImageRecord[]): GroupSuggestion | null => {
      const votes = new Map<string, number[]>();
      for (const image of group) {
        const s = suggestions.get(image.id);
        if (s) votes.set(s.identityId, [...(votes.get(s.identityId) ?? []), s.similarity]);
      }
      const best = [...votes].sort((a, b) => b[1].length - a[1].length)[0];
      if (!best) return null;
      const [identityId, similarities] = best;
      const mean = similarities.reduce((a, b) => a + b, 0) / similarities.length;
      // Suggested only when most of the group's faces are that similar to the person.
      const close = similarities.filter((s) => s >= threshold).length;
      if (close * 2 <= group.length) return null;
      return { identityId, name: names.get(identityId) ?? '', similarity: mean };
    };
    const acceptable = [...suggestions.values()].filter(
      (s) => unsorted.has(s.imageId) && s.similarity >= threshold,
    ).length;
    return { groups, suggestionOf, acceptable, unsortedCount: unsorted.size };
  }, [images, identities, faceGroups, threshold]);

  return (
    <div className="label-help" aria-label="Group similar faces" role="group">
      <div className="row">
        <button
          type="button"
          disabled={busy || view.unsortedCount === 0}
          onClick={() => void groupUnsorted()}
        >
          {faceGroups ? 'Group again' : 'Group similar faces'}
        </button>
        <LabelHelpProgressBar task="group" />
      </div>
      {faceGroups && (
        <>
          <p className="muted">
            {view.groups.length} group{view.groups.length === 1 ? '' : 's'} of similar faces
            (largest first); faces like no other stay in the list below. Grouped in{' '}
            {faceGroups.seconds.toFixed(1)} s.
          </p>
          {faceGroups.suggestions.length > 0 && (
            <div className="row">
              <label htmlFor={`${id}-threshold`}>Suggestions at or above similarity</label>
              <input
                id={`${id}-threshold`}
                type="number"
                min={0}
                max={1}
                step={0.01}
                value={threshold}
                onChange={(e) => setThreshold(Number(e.target.value))}
              />
              <button
                type="button"
                disabled={view.acceptable === 0}
                onClick={() => void acceptSuggestions(threshold).catch(() => undefined)}
              >
                Accept {countImages(view.acceptable)} suggested
              </button>
            </div>
          )}
          <div className="face-groups">
            {view.groups.map((group, index) => (
              <FaceGroupCard
                key={group[0]?.id}
                index={index}
                images={group}
                suggestion={view.suggestionOf(group)}
              />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
