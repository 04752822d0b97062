// The demonstration set shipped in public/sample-faces: a manifest of files fetched from the
// app's own origin and handed to the normal import path, as if the user had dropped them.

import { AppError } from '../../lib/errors';
import type { CollectedFiles } from '../../services/import-request';

interface SampleManifest {
  source: string;
  files: string[];
}

export async function fetchSampleFaces(
  base = `${import.meta.env.BASE_URL}sample-faces/`,
): Promise<CollectedFiles> {
  const response = await fetch(`${base}manifest.json`);
  if (!response.ok)
    throw new AppError('not-found', 'The sample faces are missing from this build of Face Studio.');
  const manifest = (await response.json()) as SampleManifest;
  const files = await Promise.all(
    manifest.files.map(async (path) => {
      const file = await fetch(`${base}${encodeURI(path)}`);
      if (!file.ok) throw new AppError('not-found', `Sample image ${path} is missing.`);
      return { file: await file.blob(), path };
    }),
  );
  return { files, emptyFolders: [] };
}
