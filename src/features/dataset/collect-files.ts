// Reads what the user dropped or picked into a flat list of files with relative paths,
// walking whole folders (drag and drop gives FileSystemEntry trees; a folder picker gives
// files with webkitRelativePath).

import type { CollectedFile, CollectedFiles } from '../../services/import-request';

function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    // readEntries returns at most ~100 entries per call; call until it returns none.
    const readBatch = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          readBatch();
        }
      }, reject);
    readBatch();
  });
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, prefix: string, out: CollectedFiles): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    out.files.push({ file: await fileOf(entry as FileSystemFileEntry), path });
    return;
  }
  if (entry.isDirectory) {
    const children = await readAllEntries((entry as FileSystemDirectoryEntry).createReader());
    if (children.length === 0) out.emptyFolders.push(path);
    for (const child of children) await walk(child, path, out);
  }
}

/**
 * Collects files from a drop. Must be called synchronously inside the drop handler: the
 * DataTransfer's items are only readable during the event, so entries are taken first.
 */
export function collectDropped(dataTransfer: DataTransfer): Promise<CollectedFiles> {
  const entries: FileSystemEntry[] = [];
  const looseFiles: File[] = [];
  for (const item of Array.from(dataTransfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) looseFiles.push(file);
    }
  }
  return (async () => {
    const out: CollectedFiles = {
      files: looseFiles.map((file) => ({ file, path: file.name })),
      emptyFolders: [],
    };
    for (const entry of entries) await walk(entry, '', out);
    return out;
  })();
}

/** Files from an `<input type="file">`, with or without `webkitdirectory`. */
export function collectPicked(list: FileList): CollectedFiles {
  const files: CollectedFile[] = Array.from(list, (file) => ({
    file,
    path: file.webkitRelativePath || file.name,
  }));
  return { files, emptyFolders: [] };
}
