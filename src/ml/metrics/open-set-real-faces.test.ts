// Open-set figures on real faces: 40 people of dev-lfw10to19 (10 photos each, at the studio's
// framing) embedded by the pretrained encoder alone in Node. The first 24 are enrolled and split
// by folder-v1; the other 16 are strangers, split by strangerParts (a stranger in one part only).
// This is the untrained baseline every trained run must beat; the figures are reported, and the
// bounds sit a little under what was measured so that a real regression fails. Skipped where the
// data set is absent.
import { beforeAll, describe, expect, test } from 'vitest';
import { lfwAvailable } from '../pretrained/test-utils/lfw-faces';
import { createTestEncoder, embedLfw, lfwSelection } from '../labelling/test-utils/face-embeddings';
import { report } from '../test-utils/report';
import { splitIdentity, strangerParts, type SplitItem } from '../split';
import { embeddingMatrix, type LabelledEmbeddings } from './embedding-matrix';
import { evaluateOpenSet, type OpenSetEvaluation } from './open-set-evaluation';

const ENROLLED = 24;
let evaluation: OpenSetEvaluation;

describe.skipIf(!lfwAvailable())('open set on 400 real faces, 24 enrolled and 16 strangers', () => {
  beforeAll(async () => {
    const encoder = await createTestEncoder();
    const selection = lfwSelection(10, 40);
    const faces = await embedLfw(encoder, selection);
    encoder.dispose();
    const dim = faces.dim;
    const items: (SplitItem & { row: number; label: number })[] = selection.paths.map(
      (path, row) => ({
        id: String(row),
        sortKey: path,
        group: `${faces.labels[row]}-${row}`,
        row,
        label: faces.labels[row] as number,
      }),
    );
    const rows = { train: [] as number[], val: [] as number[], test: [] as number[] };
    for (let person = 0; person < ENROLLED; person++) {
      const own = items.filter((item) => item.label === person);
      for (const [id, part] of splitIdentity(own)) rows[part].push(Number(id));
    }
    const strangerRows = { val: [] as number[], test: [] as number[] };
    const strangers = items
      .filter((item) => item.label >= ENROLLED)
      .map((item) => ({ ...item, group: `stranger-${item.label}` }));
    for (const [id, part] of strangerParts(strangers)) strangerRows[part].push(Number(id));
    const take = (list: number[]): LabelledEmbeddings => {
      const data = new Float32Array(list.length * dim);
      list.forEach((row, i) =>
        data.set(faces.embeddings.subarray(row * dim, (row + 1) * dim), i * dim),
      );
      return {
        embeddings: embeddingMatrix(data, dim),
        labels: list.map((row) => faces.labels[row] as number),
      };
    };
    evaluation = evaluateOpenSet({
      train: take(rows.train),
      val: take(rows.val),
      test: take(rows.test),
      valStrangers: take(strangerRows.val).embeddings,
      testStrangers: take(strangerRows.test).embeddings,
    });
  }, 240_000);

  test('the encoder alone keeps most strangers out and names most enrolled faces', () => {
    const { figures, counts, galleries, learningCurve } = evaluation;
    report(
      `real-face open set (encoder alone): ${JSON.stringify({
        counts,
        threshold: figures.threshold,
        dirAtFar1e2: figures.dirAtFar1e2,
        dirAtFar1e3: figures.dirAtFar1e3,
        atThreshold: figures.atThreshold,
        galleries,
        learningCurve,
      })}`,
    );
    expect(counts.valStrangers + counts.testStrangers).toBe(160);
    expect(figures.dirAtFar1e2).toBeGreaterThanOrEqual(0.7);
    expect(figures.atThreshold.far).toBeLessThanOrEqual(0.1);
    // More enrolment photos never hurt much, and one photo is clearly worse than all.
    const first = learningCurve[0];
    const all = learningCurve[learningCurve.length - 1];
    expect(first?.shots).toBe(1);
    expect(all?.top1 ?? 0).toBeGreaterThan(first?.top1 ?? 1);
  });
});
