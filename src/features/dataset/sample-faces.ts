// The demonstration sets shipped in public/: the sample faces (ORL s1–s8, eight people) and the
// sample strangers (ORL s9–s16, eight other people to be rejected). Each is a manifest of files
// fetched from the app's own origin and handed to the normal import path, as if the user had
// dropped them.

import { AppError } from '../../lib/errors';
import type { CollectedFiles } from '../../services/import-request';

interface SampleManifest {
  source: string;
  files: string[];
}

async function fetchSampleSet(base: string, what: string): Promise<CollectedFiles> {
  const response = await fetch(`${base}manifest.json`);
  if (!response.ok)
    throw new AppError('not-found', `The ${what} are missing from this build of Face Studio.`);
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

/** Eight people, a folder each ("Person 01/01.png"): import them by folder. */
export function fetchSampleFaces(
  base = `${import.meta.env.BASE_URL}sample-faces/`,
): Promise<CollectedFiles> {
  return fetchSampleSet(base, 'sample faces');
}

/** Eight strangers, a folder each ("Stranger 01/01.png"): import them into Strangers. */
export function fetchSampleStrangers(
  base = `${import.meta.env.BASE_URL}sample-strangers/`,
): Promise<CollectedFiles> {
  return fetchSampleSet(base, 'sample strangers');
}
