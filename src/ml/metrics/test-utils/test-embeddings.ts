// Test-only: reproducible clustered embeddings (one random centre per class plus uniform noise),
// so metric tests can use data shaped like a real split without any model.
import { seededRandom } from '../../../lib/seeded-random';
import type { LabelledEmbeddings } from '../embedding-matrix';

export interface ClusterSpec {
  readonly classes: number;
  readonly dim: number;
  /** per-class image counts for each split, in order */
  readonly perClass: readonly number[];
  /** noise amplitude relative to the unit-ish spread of the centres */
  readonly noise: number;
  readonly seed: number;
}

export function clusteredSplits(spec: ClusterSpec): LabelledEmbeddings[] {
  const random = seededRandom(spec.seed);
  const { classes, dim } = spec;
  const centres = Float64Array.from({ length: classes * dim }, () => random() * 2 - 1);
  return spec.perClass.map((n) => {
    const data = new Float32Array(classes * n * dim);
    const labels: number[] = [];
    for (let c = 0; c < classes; c++) {
      for (let i = 0; i < n; i++) {
        const row = labels.length;
        labels.push(c);
        for (let k = 0; k < dim; k++) {
          data[row * dim + k] = (centres[c * dim + k] as number) + spec.noise * (random() * 2 - 1);
        }
      }
    }
    return { embeddings: { data, count: labels.length, dim }, labels };
  });
}
