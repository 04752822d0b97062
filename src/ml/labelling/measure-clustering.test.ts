// Owns the measurement that chose the clustering method, smoothing and threshold. Embeds all of
// dev-lfw10to19 (cap 20 per person, folder-v1's seeded pick; every person has ≤ 19) in the
// studio's framing and, for comparison, as lfw-faces.ts's centre crop, and ORL (every person,
// the whole image), as the studio embeds (face + mirror image, L2-normalised). Prints, per data
// set, smoothing, method and threshold: groups, singletons, BCubed P/R/F1 and seconds; the best
// F1 at precision ≥ 0.98 per method; the default on small piles of 3–6 people; the effect of the
// smoothing's k and floor and of the graph's k; and every method's time on 10,000 faces.
// Opt-in, it takes about ten minutes:
//   FACE_STUDIO_MEASURE=1 npx vitest run src/ml/labelling/measure-clustering.test.ts
// FACE_STUDIO_MEASURE_CACHE=<dir> keeps the embeddings there between runs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { seededRandom, shuffled } from '../../lib/seeded-random';
import { lfwAvailable } from '../pretrained/test-utils/lfw-faces';
import { orlAvailable } from '../test-utils/orl-faces';
import { report } from '../test-utils/report';
import { bcubed } from './bcubed';
import { clusterFaces, type ClusterMethod, type ClusterOptions } from './cluster-faces';
import {
  createTestEncoder,
  embedLfw,
  embedOrl,
  lfwSelection,
  orlPeopleAvailable,
  type LabelledFaces,
} from './test-utils/face-embeddings';
import { subsetOfPeople, withNoisyCopies } from './test-utils/face-subsets';

const ENABLED = process.env.FACE_STUDIO_MEASURE === '1';
const CACHE = process.env.FACE_STUDIO_MEASURE_CACHE;
const PRECISION_TARGET = 0.98;

const METHODS: ClusterMethod[] = [
  'average',
  'complete',
  'single',
  'mutual-knn',
  'chinese-whispers',
  'density',
];
const THRESHOLDS = Array.from({ length: 20 }, (_, i) => Math.round(900 + 5 * i) / 1000);

interface Row {
  data: string;
  method: string;
  threshold: number;
  groups: number;
  singletons: number;
  precision: number;
  recall: number;
  f1: number;
  seconds: number;
}

async function cached(name: string, embed: () => Promise<LabelledFaces>): Promise<LabelledFaces> {
  const file = CACHE ? join(CACHE, `${name}.json`) : undefined;
  if (file && existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as {
      embeddings: number[];
      dim: number;
      labels: number[];
      people: string[];
    };
    return {
      ...saved,
      embeddings: Float32Array.from(saved.embeddings),
      labels: Int32Array.from(saved.labels),
    };
  }
  const faces = await embed();
  if (file && CACHE) {
    mkdirSync(CACHE, { recursive: true });
    const plain = { ...faces, embeddings: [...faces.embeddings], labels: [...faces.labels] };
    writeFileSync(file, JSON.stringify(plain));
  }
  return faces;
}

function measure(data: string, faces: LabelledFaces, options: ClusterOptions, name?: string): Row {
  const started = performance.now();
  const { groups } = clusterFaces(faces.embeddings, faces.dim, options);
  const seconds = (performance.now() - started) / 1000;
  const { precision, recall, f1 } = bcubed(groups, faces.labels);
  const smoothing = options.smoothing === false ? 'no smoothing' : 'smoothed';
  return {
    data,
    method: name ?? `${options.method ?? 'default'}, ${smoothing}`,
    threshold: options.threshold ?? NaN,
    groups: groups.length,
    singletons: groups.filter((g) => g.length === 1).length,
    precision,
    recall,
    f1,
    seconds,
  };
}

function table(rows: Row[]): string {
  const head = '| data | method | threshold | groups | singletons | P | R | F1 | s |';
  const rule = '| --- | --- | --- | --- | --- | --- | --- | --- | --- |';
  const lines = rows.map(
    (r) =>
      `| ${r.data} | ${r.method} | ${r.threshold.toFixed(3)} | ${r.groups} | ${r.singletons} | ` +
      `${r.precision.toFixed(3)} | ${r.recall.toFixed(3)} | ${r.f1.toFixed(3)} | ${r.seconds.toFixed(2)} |`,
  );
  return [head, rule, ...lines].join('\n');
}

/** Per method (and smoothing), the row with the best F1 among those with precision ≥ target. */
function bestPerMethod(rows: Row[]): Row[] {
  const names = [...new Set(rows.map((r) => r.method))];
  return names.flatMap((name) => {
    const ok = rows.filter((r) => r.method === name && r.precision >= PRECISION_TARGET);
    const best = ok.sort((a, b) => b.f1 - a.f1)[0];
    return best ? [best] : [];
  });
}

/** Mean and worst BCubed precision and mean F1 of the default over piles of 3–6 people. */
function piles(data: string, faces: LabelledFaces, options: ClusterOptions, count = 40): string {
  const people = [...new Set(faces.labels)];
  let precision = 0;
  let f1 = 0;
  let worst = 1;
  for (let s = 0; s < count; s++) {
    const pick = shuffled(people, seededRandom(100 + s)).slice(0, 3 + (s % 4));
    const pile = subsetOfPeople(faces, pick);
    const result = bcubed(clusterFaces(pile.embeddings, pile.dim, options).groups, pile.labels);
    precision += result.precision / count;
    f1 += result.f1 / count;
    worst = Math.min(worst, result.precision);
  }
  return `${data}, ${count} piles of 3–6 people, ${JSON.stringify(options)}: mean P ${precision.toFixed(3)}, worst P ${worst.toFixed(3)}, mean F1 ${f1.toFixed(3)}`;
}

describe.skipIf(!ENABLED || !lfwAvailable() || !orlAvailable())('clustering measured', () => {
  test('every method, smoothing and threshold on dev-lfw10to19 and ORL', async () => {
    const encoder = await createTestEncoder();
    const started = performance.now();
    const data: [string, LabelledFaces][] = [
      ['lfw', await cached('lfw-studio', () => embedLfw(encoder, lfwSelection(20)))],
      [
        'lfw-centre',
        await cached('lfw-centre', () => embedLfw(encoder, lfwSelection(20), 'centre')),
      ],
      ['orl', await cached('orl', () => embedOrl(encoder, orlPeopleAvailable()))],
    ];
    encoder.dispose();
    for (const [name, faces] of data)
      report(`${name}: ${faces.labels.length} faces of ${faces.people.length} people`);
    report(`embedded in ${((performance.now() - started) / 1000).toFixed(0)} s`);

    const rows: Row[] = [];
    for (const [name, faces] of data)
      for (const smoothing of [undefined, false] as const)
        for (const method of METHODS)
          for (const threshold of THRESHOLDS)
            rows.push(measure(name, faces, { method, threshold, smoothing }));
    report(`\nAll runs:\n${table(rows)}`);
    for (const [name] of data) {
      const best = bestPerMethod(rows.filter((r) => r.data === name));
      report(`\nBest F1 at BCubed precision ≥ ${PRECISION_TARGET}, ${name}:\n${table(best)}`);
    }

    const [lfw, centre, orl] = data.map(([, faces]) => faces) as LabelledFaces[];
    if (!lfw || !centre || !orl) throw new Error('three data sets embedded');
    const defaults = [
      measure('lfw', lfw, {}, 'default'),
      measure('lfw-centre', centre, {}, 'default'),
      measure('orl', orl, {}, 'default'),
    ];
    report(`\nThe defaults:\n${table(defaults)}`);
    report(`\n${piles('lfw', lfw, {})}`);
    report(piles('lfw', lfw, { smoothing: false }));
    report(piles('orl', orl, {}));

    const smoothingGrid = [3, 5, 8].flatMap((neighbours) =>
      [0.9, 0.93, 0.95].flatMap((floor) =>
        [0.96, 0.965, 0.97, 0.975].map((threshold) =>
          measure(
            'lfw',
            lfw,
            { smoothing: { neighbours, floor }, threshold },
            `average, smoothing k ${neighbours} floor ${floor}`,
          ),
        ),
      ),
    );
    report(`\nAverage linkage with other smoothings:\n${table(smoothingGrid)}`);
    const graphK = [4, 8, 16, 32, 64].map((k) =>
      measure('lfw', lfw, { neighbours: k }, `default, graph k = ${k}`),
    );
    report(`\nThe default with other graph k:\n${table(graphK)}`);
    const minPoints = [2, 4].map((m) =>
      measure('lfw', lfw, { method: 'density', minPoints: m }, `density, minPoints ${m}`),
    );
    report(`\nDensity with other minPoints:\n${table(minPoints)}`);

    const large = withNoisyCopies(lfw, 10_000);
    const scale = METHODS.map((method) => measure('10,000 faces', large, { method }));
    report(`\n10,000 faces (each LFW face ~8 times with noise; times only):\n${table(scale)}`);
    expect(defaults[0]?.precision).toBeGreaterThanOrEqual(PRECISION_TARGET);
  }, 3_600_000);
});
