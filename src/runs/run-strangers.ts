// The strangers an evaluation scores a run against: the Strangers collection as it is now (not
// as it was when the run started: strangers are never trained on, so adding some later only
// sharpens the open-set figures), split into val and test by ml/split.ts strangerParts.
import { splitItemOf, strangerParts } from '../ml/split';
import { STRANGERS_ID, type ImageRecord } from '../storage/records';
import type { ListedImage } from './run-members';

export interface RunStrangers {
  val: ListedImage[];
  test: ListedImage[];
}

/** Strangers carry no class: their label is -1, and nothing reads it. */
export const STRANGER_LABEL = -1;

export function runStrangers(images: readonly ImageRecord[]): RunStrangers {
  const strangers = images.filter((image) => image.identityId === STRANGERS_ID);
  const parts = strangerParts(strangers.map(splitItemOf));
  const out: RunStrangers = { val: [], test: [] };
  for (const image of strangers) {
    const part = parts.get(image.id);
    if (part) out[part].push({ id: image.id, label: STRANGER_LABEL });
  }
  return out;
}
