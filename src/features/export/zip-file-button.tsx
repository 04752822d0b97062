// A button that opens the file picker for one .zip (a dataset or a project file) and hands the
// chosen file on; the picker is reset so the same file can be chosen again.

import { useRef } from 'react';

interface Props {
  label: string;
  /** The hidden input's accessible name (tests set files on it). */
  inputLabel: string;
  testId: string;
  disabled: boolean;
  primary?: boolean;
  onFile(file: File): void;
}

export function ZipFileButton({
  label,
  inputLabel,
  testId,
  disabled,
  primary = false,
  onFile,
}: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className={primary ? 'primary' : undefined}
        disabled={disabled}
        onClick={() => input.current?.click()}
      >
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept=".zip,application/zip"
        hidden
        aria-label={inputLabel}
        data-testid={testId}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
