// The bar above the people while images are selected or changes can be undone: how many are
// selected, Move to (any person, a new person, Unsorted, Strangers), Open larger, Delete, Clear,
// and Undo and Redo of image changes; "New person" and "Delete" are drop targets for dragged
// images too.

import { useId, useState, type FormEvent } from 'react';
import { isAppError } from '../../lib/errors';
import { countImages } from '../../domain/label-changes';
import { STRANGERS_ID, UNSORTED_ID } from '../../storage/records';
import { useAppStore } from '../../store';
import { useImageDrop } from './use-image-drop';

const NEW_PERSON = '__new__';

export function SelectionBar() {
  const id = useId();
  const selected = useAppStore((s) => s.selection.ids);
  const identities = useAppStore((s) => s.identities);
  const hidden = useAppStore((s) => s.hiddenIdentityIds);
  const history = useAppStore((s) => s.labelHistory);
  const future = useAppStore((s) => s.labelFuture);
  const hasImages = useAppStore((s) => s.images.length > 0);
  const training = useAppStore((s) => s.activeRun !== null);
  const { moveImages, moveImagesToNewPerson, deleteImagesById, clearSelection, openImage } =
    useAppStore.getState();
  const undo = useAppStore((s) => s.undoLabelChange);
  const redo = useAppStore((s) => s.redoLabelChange);
  const [target, setTarget] = useState('');
  const [naming, setNaming] = useState<string[] | null>(null);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const people = identities.filter((i) => !hidden.includes(i.id));

  const newPersonDrop = useImageDrop((ids) => {
    setNaming(ids);
    setProblem(null);
  });
  const deleteDrop = useImageDrop((ids) => void deleteImagesById(ids).catch(() => undefined));

  const move = () => {
    if (target === NEW_PERSON) {
      setNaming([...selected]);
      setProblem(null);
    } else if (target) {
      // The picker starts again from "Move to…", so a later selection is never moved unasked.
      setTarget('');
      void moveImages(selected, target).catch(() => undefined);
    }
  };

  const createPerson = async (event: FormEvent) => {
    event.preventDefault();
    if (!naming) return;
    try {
      await moveImagesToNewPerson(naming, name);
      setNaming(null);
      setName('');
      setTarget('');
    } catch (error) {
      setProblem(isAppError(error) ? error.message : String(error));
    }
  };

  if (!hasImages && history.length === 0 && future.length === 0) return null;
  const none = selected.size === 0;
  const last = history.at(-1);
  const next = future.at(-1);

  return (
    <div className="selection-bar" role="region" aria-label="Selected images">
      <span className="selection-count" aria-live="polite">
        {selected.size > 0 ? `${countImages(selected.size)} selected` : 'No images selected'}
      </span>
      <label htmlFor={`${id}-to`} className="visually-hidden">
        Move the selected images to
      </label>
      <select
        id={`${id}-to`}
        value={target}
        disabled={none}
        onChange={(e) => setTarget(e.target.value)}
      >
        <option value="">Move to…</option>
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name}
          </option>
        ))}
        <option value={NEW_PERSON}>New person…</option>
        <option value={UNSORTED_ID}>Unsorted</option>
        <option value={STRANGERS_ID}>Strangers</option>
      </select>
      <button type="button" disabled={none || !target} onClick={move}>
        Move
      </button>
      <button
        type="button"
        disabled={selected.size !== 1}
        onClick={() => openImage([...selected][0] ?? null)}
      >
        Open larger
      </button>
      <button
        type="button"
        className="danger"
        disabled={none}
        onClick={() => void deleteImagesById(selected).catch(() => undefined)}
      >
        Delete selected
      </button>
      <button type="button" className="quiet" disabled={none} onClick={clearSelection}>
        Clear selection
      </button>
      <span className="drop-targets">
        <span
          className={`drop-target ${newPersonDrop.over ? 'drop-target-over' : ''}`}
          {...newPersonDrop.handlers}
        >
          New person
        </span>
        <span
          className={`drop-target drop-target-danger ${deleteDrop.over ? 'drop-target-over' : ''}`}
          {...deleteDrop.handlers}
        >
          Delete
        </span>
      </span>
      <span className="history-buttons">
        <button
          type="button"
          disabled={!last}
          title={last ? `Undo: ${last.message} (Ctrl+Z)` : 'Nothing to undo'}
          onClick={() => void undo().catch(() => undefined)}
        >
          Undo image change
        </button>
        <button
          type="button"
          disabled={!next}
          title={next ? `Redo: ${next.message} (Ctrl+Shift+Z)` : 'Nothing to redo'}
          onClick={() => void redo().catch(() => undefined)}
        >
          Redo image change
        </button>
      </span>
      {training && <span className="muted">A run is training: changes apply to the next run.</span>}
      {naming && (
        <form className="new-person-form" onSubmit={(e) => void createPerson(e)}>
          <label htmlFor={`${id}-name`}>Name the new person ({countImages(naming.length)})</label>
          <input
            id={`${id}-name`}
            value={name}
            autoFocus
            aria-invalid={problem !== null}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit">Create</button>
          <button type="button" className="quiet" onClick={() => setNaming(null)}>
            Cancel
          </button>
          {problem && (
            <p id={`${id}-problem`} className="field-error" role="alert">
              {problem}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
