// The edit controls of one person's card: rename (inline, with the reason when a name is
// refused), merge into another person (the list of people filled only when the picker opens), and
// delete (undoable from the notice bar).

import { useId, useState, type FormEvent } from 'react';
import { isAppError } from '../../lib/errors';
import type { IdentityRecord } from '../../storage/records';
import { useAppStore } from '../../store';

interface Props {
  identity: IdentityRecord;
  others: readonly IdentityRecord[];
}

export function IdentityActions({ identity, others }: Props) {
  const renameIdentity = useAppStore((s) => s.renameIdentity);
  const mergeIdentities = useAppStore((s) => s.mergeIdentities);
  const deleteIdentity = useAppStore((s) => s.deleteIdentity);
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(identity.name);
  const [problem, setProblem] = useState<string | null>(null);
  const [mergeTarget, setMergeTarget] = useState('');
  // The merge list is filled when the picker is about to open (pointer down or focus), not at
  // every drawing of every card: with 96 people that was 9,000 options, drawn again on each card
  // whenever an import added a person.
  const [choosing, setChoosing] = useState(false);
  const id = useId();
  const listed = choosing ? others : others.filter((other) => other.id === mergeTarget);

  const submitRename = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await renameIdentity(identity.id, draft);
      setRenaming(false);
      setProblem(null);
    } catch (error) {
      setProblem(isAppError(error) ? error.message : String(error));
    }
  };

  if (renaming) {
    return (
      <form className="rename-form" onSubmit={(e) => void submitRename(e)}>
        <label htmlFor={`${id}-name`}>New name for {identity.name}</label>
        <input
          id={`${id}-name`}
          value={draft}
          autoFocus
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit">Save</button>
        <button
          type="button"
          className="quiet"
          onClick={() => {
            setRenaming(false);
            setProblem(null);
            setDraft(identity.name);
          }}
        >
          Cancel
        </button>
        {problem && (
          <p id={`${id}-problem`} className="field-error" role="alert">
            {problem}
          </p>
        )}
      </form>
    );
  }

  return (
    <div className="card-actions">
      <button
        type="button"
        onClick={() => {
          setDraft(identity.name);
          setRenaming(true);
        }}
        aria-label={`Rename ${identity.name}`}
      >
        Rename
      </button>
      {others.length > 0 && (
        <span className="merge">
          <label htmlFor={`${id}-merge`} className="visually-hidden">
            Merge {identity.name} into
          </label>
          <select
            id={`${id}-merge`}
            value={mergeTarget}
            onPointerDown={() => setChoosing(true)}
            onFocus={() => setChoosing(true)}
            onBlur={() => setChoosing(false)}
            onChange={(e) => setMergeTarget(e.target.value)}
          >
            <option value="">Merge into…</option>
            {listed.map((other) => (
              <option key={other.id} value={other.id}>
                {other.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={!mergeTarget}
            aria-label={`Merge ${identity.name} into the chosen person`}
            onClick={() => void mergeIdentities(identity.id, mergeTarget).catch(() => undefined)}
          >
            Merge
          </button>
        </span>
      )}
      <button
        type="button"
        className="danger"
        aria-label={`Delete ${identity.name}`}
        onClick={() => void deleteIdentity(identity.id).catch(() => undefined)}
      >
        Delete
      </button>
    </div>
  );
}
