// Grouping and suspect labels on real faces: 20 people of dev-lfw10to19 (10 photos each, framed
// as the studio's aligned crops frame them) embedded by the real pretrained encoder in Node, as
// the studio embeds them (face + mirror image, L2-normalised). The targets: groups almost
// never mix two people (BCubed precision ≥ 0.98, F1 ≥ 0.95); with 5 % of labels flipped, the
// suspect ranking finds at least 90 % of them in its first 2 × flipped and separates them with
// ROC AUC ≥ 0.97. Skipped where the data set is absent.
import { beforeAll, describe, expect, test } from 'vitest';
import { lfwAvailable } from '../pretrained/test-utils/lfw-faces';
import { report } from '../test-utils/report';
import { bcubed } from './bcubed';
import { clusterFaces } from './cluster-faces';
import { rankSuspects } from './suspect-labels';
import { suspectMetrics, suspectScores } from './suspect-metrics';
import {
  createTestEncoder,
  embedLfw,
  lfwSelection,
  type LabelledFaces,
} from './test-utils/face-embeddings';
import { flipLabels } from './test-utils/flip-labels';

let faces: LabelledFaces;

describe.skipIf(!lfwAvailable())('on 200 real faces of 20 people', () => {
  beforeAll(async () => {
    const encoder = await createTestEncoder();
    faces = await embedLfw(encoder, lfwSelection(10, 20));
    encoder.dispose();
  }, 240_000);

  test('groups almost never mix two people', () => {
    const { groups } = clusterFaces(faces.embeddings, faces.dim);
    const score = bcubed(groups, faces.labels);
    report(`real-face groups: ${groups.length} ${JSON.stringify(score)}`);
    expect(score.precision).toBeGreaterThanOrEqual(0.98);
    expect(score.f1).toBeGreaterThanOrEqual(0.95);
  });

  test('flipped labels rank first', () => {
    const { labels, flipped } = flipLabels(faces.labels, 0.05);
    const ranked = rankSuspects(faces.embeddings, faces.dim, labels);
    const metrics = suspectMetrics(suspectScores(ranked, labels.length), flipped);
    report(`real-face suspects: ${JSON.stringify(metrics)}`);
    expect(metrics.recallAtTwiceFlipped).toBeGreaterThanOrEqual(0.9);
    expect(metrics.auc).toBeGreaterThanOrEqual(0.97);
  });
});
