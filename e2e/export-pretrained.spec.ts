// A run on the pretrained encoder leaves the studio and works without it: train the recommended
// mode on the sample faces, evaluate, download the TF.js model, the ONNX file and the dataset
// zip; then, in a fresh page outside the studio (model-check.html, another browser context),
// load model.json over HTTP with plain tf.loadLayersModel, embed the dataset's crops as
// metadata.json says, and rebuild the studio's templates of every person from them.

import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import * as ort from 'onnxruntime-web';
import { join } from 'node:path';
import { tempDir } from './fixtures';
import { callModelCheck, imageBytes, openModelCheck } from './model-check';
import { loadSampleFaces, trainAndEvaluate } from './training-helpers';

interface Metadata {
  identities: string[];
  input: { size: number; range: [number, number] };
  output: { dim: number; flipAverage: boolean };
  templates: { name: string; vector: number[] }[];
}

async function download(page: Page, button: string): Promise<Uint8Array> {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 180_000 }),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const path = join(tempDir('export-pretrained'), file.suggestedFilename());
  await file.saveAs(path);
  return new Uint8Array(readFileSync(path));
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const dot = (a: readonly number[], b: readonly number[]) =>
  a.reduce((sum, v, i) => sum + v * (b[i] ?? NaN), 0);

test('a pretrained-encoder run exports, and a fresh page reproduces its templates', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(420_000);
  await loadSampleFaces(page);
  await trainAndEvaluate(page, 3);
  await page.getByRole('tab', { name: 'Export' }).click();
  const panel = page.getByRole('region', { name: 'Model export' });
  await expect(panel).toContainText('[batch, 150, 150, 3], RGB values 0..255');

  const tfjsZip = unzipSync(await download(page, 'Download TF.js model'));
  const metadata = JSON.parse(text(tfjsZip['metadata.json'])) as Metadata;
  expect(metadata.input).toMatchObject({ size: 150, range: [0, 255] });
  expect(metadata.output).toMatchObject({ dim: 128, flipAverage: true });
  expect(metadata.templates).toHaveLength(8);
  const modelJson = text(tfjsZip['model.json']);
  const weights = tfjsZip['weights.bin'] as Uint8Array;
  console.log(
    `pretrained TF.js export: model.json ${modelJson.length} B, weights.bin ${weights.length} B`,
  );

  // ONNX and the TF.js files, run in Node on the same input, give the same embedding.
  const onnx = await download(page, 'Download ONNX model');
  const pixels = Float32Array.from(
    { length: 150 * 150 * 3 },
    (_, i) => 127.5 + 120 * Math.sin(i / 7),
  );
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(onnx);
  const onnxOut = (
    await session.run({ input: new ort.Tensor('float32', pixels, [1, 150, 150, 3]) })
  ).embedding?.data as Float32Array;
  await session.release();
  await tf.setBackend('cpu');
  const parsed = JSON.parse(modelJson) as tf.io.ModelJSON;
  const nodeModel = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: parsed.modelTopology,
      weightSpecs: parsed.weightsManifest[0]?.weights,
      weightData: weights.slice().buffer,
    }),
  );
  const nodeOut = (
    nodeModel.predict(tf.tensor4d(pixels, [1, 150, 150, 3])) as tf.Tensor
  ).dataSync();
  const onnxDiff = Math.max(...Array.from(nodeOut, (v, i) => Math.abs(v - (onnxOut[i] ?? NaN))));
  console.log(
    `pretrained export: |TF.js − ONNX| max ${onnxDiff.toExponential(2)} over ${onnxOut.length} values`,
  );
  expect(onnxOut).toHaveLength(128);
  expect(onnxDiff).toBeLessThan(1e-4);

  const dataset = unzipSync(await download(page, 'Download dataset (zip)'));
  const manifest = JSON.parse(text(dataset['manifest.json'])) as {
    identities: { name: string; folder: string }[];
    images: { path: string; identity: string; split: string }[];
  };

  // A fresh page in another browser context: TF.js loads the model from a URL, as on a user's site.
  const context = await browser.newContext({ baseURL });
  await context.route('**/exported/*', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop() ?? '';
    const body =
      name === 'model.json' ? modelJson : name === 'weights.bin' ? Buffer.from(weights) : null;
    return body === null
      ? route.fulfill({ status: 404 })
      : route.fulfill({
          body,
          contentType: name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        });
  });
  const fresh = await context.newPage();
  await openModelCheck(fresh);
  let worst = 1;
  for (const template of metadata.templates) {
    const folder = manifest.identities.find((identity) => identity.name === template.name)?.folder;
    const train = manifest.images.filter(
      (image) => image.path.startsWith(`${folder}/`) && image.split === 'train',
    );
    expect(train.length, template.name).toBeGreaterThan(0);
    const crops = train.map((image) => imageBytes(dataset[image.path] as Uint8Array, image.path));
    const embeddings = await callModelCheck(
      fresh,
      'embedWithExportedModel',
      'wasm',
      '/exported/model.json',
      crops,
      {
        range: metadata.input.range,
        flipAverage: metadata.output.flipAverage,
      },
    );
    // The template: the normalised mean of the person's normalised train embeddings.
    const mean = template.vector.map((_, d) =>
      embeddings.reduce((sum, row) => sum + (row[d] ?? NaN), 0),
    );
    const norm = Math.hypot(...mean);
    const cosine = dot(
      mean.map((v) => v / norm),
      template.vector,
    );
    worst = Math.min(worst, cosine);
  }
  console.log(
    `fresh page: the 8 rebuilt templates match the studio's with cosine similarity ≥ ${worst.toFixed(7)} (1 − cos ≤ ${(1 - worst).toExponential(1)})`,
  );
  expect(worst).toBeGreaterThan(0.9999);
  await context.close();
});
