// The typed protocol between the page and the labelling worker, which embeds stored crops with
// the pretrained encoder and answers: groups of similar Unsorted faces with a suggested person
// for each, and the labels most likely wrong. Requests carry an id, report progress while the
// crops are embedded, can be cancelled, and are answered once ('answer' or 'failed').

import type { SerializedError } from '../lib/errors';
import type { FaceGroups, LabelledImage, SuspectLabel } from '../labelling/labelling-jobs';

export type { FaceGroups, LabelledImage, SuspectLabel };

export type ToLabellingWorker =
  /** Groups `unsorted` faces, and suggests for each the most similar of `labelled`'s people. */
  | { type: 'group'; requestId: number; unsorted: string[]; labelled: LabelledImage[] }
  /** Ranks `labelled` images by how unlike their own person they look. */
  | { type: 'suspects'; requestId: number; labelled: LabelledImage[] }
  | { type: 'cancel'; requestId: number };

export type LabellingRequest = Exclude<ToLabellingWorker, { type: 'cancel' }>;

export interface LabellingAnswers {
  group: FaceGroups;
  suspects: SuspectLabel[];
}

export type FromLabellingWorker =
  | { type: 'progress'; requestId: number; done: number; total: number }
  | {
      [K in keyof LabellingAnswers]: {
        type: 'answer';
        kind: K;
        requestId: number;
        result: LabellingAnswers[K];
      };
    }[keyof LabellingAnswers]
  | { type: 'failed'; requestId: number; error: SerializedError };
