// Owns BCubed precision, recall and F1 (Bagga & Baldwin 1998; Amigó et al. 2009) of predicted
// groups against true labels: per item, the share of its group that has its label (precision)
// and the share of its label's items that are in its group (recall), averaged over all items.
import { MlError } from '../ml-error';

export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
}

/** `groups` must hold every index of `labels` exactly once. NaN for no items. */
export function bcubed(groups: readonly (readonly number[])[], labels: ArrayLike<number>): BCubed {
  const count = labels.length;
  const seen = new Uint8Array(count);
  const labelSize = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const label = labels[i] as number;
    labelSize.set(label, (labelSize.get(label) ?? 0) + 1);
  }
  let precision = 0;
  let recall = 0;
  for (const group of groups) {
    const inGroup = new Map<number, number>();
    for (const row of group) {
      if (!Number.isInteger(row) || row < 0 || row >= count || seen[row]) {
        throw new MlError('invalid-argument', `Row ${row} is out of range or in two groups.`);
      }
      seen[row] = 1;
      const label = labels[row] as number;
      inGroup.set(label, (inGroup.get(label) ?? 0) + 1);
    }
    // Every item of label L in this group scores |group ∩ L| / |group| and |group ∩ L| / |L|.
    for (const [label, shared] of inGroup) {
      precision += (shared * shared) / group.length;
      recall += (shared * shared) / (labelSize.get(label) as number);
    }
  }
  const missing = seen.indexOf(0);
  if (missing >= 0) throw new MlError('invalid-argument', `Row ${missing} is in no group.`);
  precision /= count;
  recall /= count;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}
