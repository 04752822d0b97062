// Ways to add images besides dropping: pick files or a folder, choose who loose photos belong
// to (Unsorted by default: every face kept, to sort later), and what happens to photos in which
// no face is found.

import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { FilePickers } from './file-pickers';

interface Props {
  /** The person loose photos go to, by name; '' for Unsorted. */
  looseTarget: string;
  onLooseTargetChange(name: string): void;
}

export function ImportControls({ looseTarget, onLooseTargetChange }: Props) {
  const id = useId();
  const importFiles = useAppStore((s) => s.importFiles);
  const busy = useAppStore((s) => s.importProgress !== null);
  const noFacePolicy = useAppStore((s) => s.noFacePolicy);
  const setNoFacePolicy = useAppStore((s) => s.setNoFacePolicy);
  const people = useAppStore(
    useShallow((s) =>
      s.identities.filter((i) => !s.hiddenIdentityIds.includes(i.id)).map((i) => i.name),
    ),
  );

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
        <FilePickers
          busy={busy}
          buttons={{ files: 'Add photos…', folder: 'Add folder…' }}
          inputs={{ files: 'Photo files', folder: 'Photo folder' }}
          testIds={{ files: 'file-input', folder: 'folder-input' }}
          onPicked={(collected) =>
            void importFiles(collected, { by: 'folder', loose: looseTarget || null })
          }
        />
      </div>
    </div>
  );
}
