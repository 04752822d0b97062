// Ways to add images besides dropping: pick files or a folder, choose who loose photos belong
// to (Unsorted by default: every face kept, to sort later), and what happens to photos in which
// no face is found.

import { useId, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { collectPicked } from './collect-files';

interface Props {
  /** The person loose photos go to, by name; '' for Unsorted. */
  looseTarget: string;
  onLooseTargetChange(name: string): void;
}

export function ImportControls({ looseTarget, onLooseTargetChange }: Props) {
  const id = useId();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const importFiles = useAppStore((s) => s.importFiles);
  const busy = useAppStore((s) => s.importProgress !== null);
  const noFacePolicy = useAppStore((s) => s.noFacePolicy);
  const setNoFacePolicy = useAppStore((s) => s.setNoFacePolicy);
  const people = useAppStore(
    useShallow((s) =>
      s.identities.filter((i) => !s.hiddenIdentityIds.includes(i.id)).map((i) => i.name),
    ),
  );

  const onPicked = (input: HTMLInputElement | null) => {
    if (!input?.files || input.files.length === 0) return;
    const collected = collectPicked(input.files);
    input.value = '';
    void importFiles(collected, { by: 'folder', loose: looseTarget || null });
  };

  return (
    <div className="import-controls">
      <div className="field">
        <label htmlFor={`${id}-target`}>Loose photos belong to</label>
        <select
          id={`${id}-target`}
          value={looseTarget}
          onChange={(e) => onLooseTargetChange(e.target.value)}
        >
          <option value="">Unsorted (sort them later)</option>
          {people.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-no-face`}>Photos with no face found</label>
        <select
          id={`${id}-no-face`}
          value={noFacePolicy}
          disabled={busy}
          onChange={(e) => setNoFacePolicy(e.target.value === 'centre' ? 'centre' : 'skip')}
        >
          <option value="skip">skip them</option>
          <option value="centre">keep the centre square</option>
        </select>
      </div>
      <div className="row">
        <button type="button" disabled={busy} onClick={() => filesInput.current?.click()}>
          Add photos…
        </button>
        <button type="button" disabled={busy} onClick={() => folderInput.current?.click()}>
          Add folder…
        </button>
      </div>
      <input
        ref={filesInput}
        type="file"
        multiple
        accept="image/jpeg,image/png,image/webp,image/gif,image/bmp,.jpg,.jpeg,.png,.webp,.gif,.bmp"
        hidden
        aria-label="Photo files"
        data-testid="file-input"
        onChange={(e) => onPicked(e.currentTarget)}
      />
      <input
        ref={folderInput}
        type="file"
        hidden
        aria-label="Photo folder"
        data-testid="folder-input"
        {...{ webkitdirectory: '', directory: '' }}
        onChange={(e) => onPicked(e.currentTarget)}
      />
    </div>
  );
}
