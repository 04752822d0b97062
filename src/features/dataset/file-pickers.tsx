// The two "add" buttons of a place that takes photos (files, or a whole folder), each with its
// hidden file input; what is picked is collected (relative paths kept) and handed on.
import { useRef } from 'react';
import type { CollectedFiles } from '../../services/import-request';
import { collectPicked } from './collect-files';

const ACCEPT =
  'image/jpeg,image/png,image/webp,image/gif,image/bmp,.jpg,.jpeg,.png,.webp,.gif,.bmp';

interface Props {
  busy: boolean;
  buttons: { files: string; folder: string };
  /** Accessible names of the inputs (tests set files on them). */
  inputs: { files: string; folder: string };
  testIds: { files: string; folder: string };
  onPicked(collected: CollectedFiles): void;
}

export function FilePickers({ busy, buttons, inputs, testIds, onPicked }: Props) {
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const picked = (input: HTMLInputElement) => {
    if (!input.files || input.files.length === 0) return;
    const collected = collectPicked(input.files);
    input.value = '';
    onPicked(collected);
  };
  return (
    <>
      <button type="button" disabled={busy} onClick={() => filesInput.current?.click()}>
        {buttons.files}
      </button>
      <button type="button" disabled={busy} onClick={() => folderInput.current?.click()}>
        {buttons.folder}
      </button>
      <input
        ref={filesInput}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        aria-label={inputs.files}
        data-testid={testIds.files}
        onChange={(e) => picked(e.currentTarget)}
      />
      <input
        ref={folderInput}
        type="file"
        hidden
        aria-label={inputs.folder}
        data-testid={testIds.folder}
        {...{ webkitdirectory: '', directory: '' }}
        onChange={(e) => picked(e.currentTarget)}
      />
    </>
  );
}
