import { describe, expect, it } from 'vitest';
import { evaluateFolderV1 } from './evaluate-folder-v1';
import { matrixFromRows } from './embedding-matrix';
import { evaluateOpenSet } from './open-set-evaluation';
import { hasStrangers, templatesInUse, thresholdInUse } from './verify-settings';

const row = (p: number, k: number) => [Math.cos(p + k * 0.1), Math.sin(p + k * 0.1), p * 0.1];
const part = (n: number, offset: number) => ({
  embeddings: matrixFromRows(
    [0, 1, 2].flatMap((p) => Array.from({ length: n }, (_, k) => row(p * 2, k + offset))),
  ),
  labels: [0, 1, 2].flatMap((p) => Array<number>(n).fill(p)),
});
const parts = { train: part(6, 0), val: part(2, 6), test: part(2, 8) };

describe('what Verify answers with', () => {
  it('an evaluation stored before open-set figures existed: its pair threshold and class means', () => {
    const stored = evaluateFolderV1(parts); // no openSet field, as stored by the previous version
    expect(hasStrangers(stored)).toBe(false);
    expect(thresholdInUse(stored)).toBe(stored.threshold);
    expect(templatesInUse(stored)).toBe(stored.templates);
  });

  it('with strangers: the open-set threshold and the gallery in use', () => {
    const openSet = evaluateOpenSet({
      ...parts,
      valStrangers: matrixFromRows([row(7, 0), row(8, 1), row(9, 2)]),
      testStrangers: matrixFromRows([row(10, 0), row(11, 1)]),
    });
    const evaluation = { ...evaluateFolderV1(parts), openSet };
    expect(hasStrangers(evaluation)).toBe(true);
    expect(thresholdInUse(evaluation)).toBe(openSet.figures.threshold);
    expect(templatesInUse(evaluation)).toBe(openSet.templates);
  });
});
