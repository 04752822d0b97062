// Class templates: one unit vector per identity, the normalised mean of its normalised train
// embeddings (folder-v1 step 5, the reference's `tmpl`). Stored with a run and used by Verify.
import { checkLabelled, type LabelledEmbeddings } from './embedding-matrix';
import { normalizeRows } from './vector-ops';

export interface ClassTemplates {
  /** Class labels in ascending order; row c of `data` is the template of `classes[c]`. */
  readonly classes: number[];
  /** [classes.length, dim] row-major, unit rows */
  readonly data: Float64Array;
  readonly dim: number;
}

/**
 * Only classes that have train embeddings get a template. The reference builds one for every
 * class index and a class without train images gets a NaN row, which numpy's argmax then picks
 * for every query; skipping it is the deliberate difference (it never happens with the folder-v1
 * split of identities of five or more images).
 */
export function classTemplates(train: LabelledEmbeddings): ClassTemplates {
  checkLabelled(train, 'train');
  const { count, dim } = train.embeddings;
  const unit = normalizeRows(train.embeddings, 'train embedding');
  const classes = [...new Set(Array.from(train.labels))].sort((a, b) => a - b);
  const row = new Map(classes.map((label, c) => [label, c]));
  const sums = new Float64Array(classes.length * dim);
  const sizes = new Float64Array(classes.length);
  for (let i = 0; i < count; i++) {
    const c = row.get(train.labels[i] as number) as number;
    sizes[c] = (sizes[c] as number) + 1;
    for (let k = 0; k < dim; k++) {
      sums[c * dim + k] = (sums[c * dim + k] as number) + (unit.data[i * dim + k] as number);
    }
  }
  for (let c = 0; c < classes.length; c++) {
    for (let k = 0; k < dim; k++)
      sums[c * dim + k] = (sums[c * dim + k] as number) / (sizes[c] as number);
  }
  // The mean of unit vectors is shorter than one; cosine ranking needs it back on the sphere.
  const data = normalizeRows({ data: sums, count: classes.length, dim }, 'template')
    .data as Float64Array;
  return { classes, data, dim };
}
