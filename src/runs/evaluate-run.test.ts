import { describe, expect, it } from 'vitest';
import { evaluateFolderV1, matrixFromRows } from '../ml/metrics';
import { evaluateOpenSet } from '../ml/metrics/open-set-evaluation';
import { evaluationBuffers } from './evaluate-run';

/** Every typed array reachable from `value`. */
function typedArrays(value: unknown, out: ArrayBufferView[] = []): ArrayBufferView[] {
  if (ArrayBuffer.isView(value)) out.push(value);
  else if (value && typeof value === 'object')
    for (const child of Object.values(value)) typedArrays(child, out);
  return out;
}

describe('evaluationBuffers', () => {
  it('lists the buffer of every typed array of an evaluation with strangers, each once', () => {
    const row = (p: number, k: number) => [Math.cos(p + k * 0.1), Math.sin(p + k * 0.1), p * 0.1];
    const part = (n: number, offset: number) => ({
      embeddings: matrixFromRows(
        [0, 1, 2].flatMap((p) => Array.from({ length: n }, (_, k) => row(p * 2, k + offset))),
      ),
      labels: [0, 1, 2].flatMap((p) => Array<number>(n).fill(p)),
    });
    const parts = { train: part(6, 0), val: part(2, 6), test: part(2, 8) };
    const evaluation = {
      ...evaluateFolderV1(parts),
      openSet: evaluateOpenSet(
        {
          ...parts,
          valStrangers: matrixFromRows([row(7, 0), row(8, 1), row(9, 2)]),
          testStrangers: matrixFromRows([row(10, 0), row(11, 1)]),
        },
        { gallery: 'head', head: { data: new Float32Array(9).fill(0.5), dim: 3, classes: 3 } },
      ),
    };
    const buffers = evaluationBuffers({ evaluation });
    expect(new Set(buffers).size).toBe(buffers.length);
    const listed = new Set(buffers);
    const arrays = typedArrays(evaluation);
    expect(arrays.length).toBeGreaterThan(10);
    for (const array of arrays) expect(listed.has(array.buffer as ArrayBuffer)).toBe(true);
  });
});
