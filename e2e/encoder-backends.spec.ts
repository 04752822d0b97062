// The pretrained face encoder gives the same descriptors on every backend the browser has
// (CPU, WebAssembly, WebGL, WebGPU; here WebGL and WebGPU run on SwiftShader), for real LFW
// faces, and its weights come from the app's own origin.

import { expect, test } from '@playwright/test';
import { lfwFolder } from './fixtures';
import { callModelCheck, imageFile, openModelCheck } from './model-check';
import { TEST_PAGES_URL } from './servers';

const BACKENDS = ['cpu', 'wasm', 'webgl', 'webgpu'];
// Measured here: at most 3.3e-7 apart on descriptors up to 0.35; a real GPU may round more.
const TOLERANCE = 1e-4;

test('the face encoder gives the same descriptors on cpu, wasm, webgl and webgpu', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const origin = new URL(TEST_PAGES_URL).origin;
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await openModelCheck(page);
  const faces = [
    imageFile(`${lfwFolder('Abdullah_Gul')}/Abdullah_Gul_0001.jpg`),
    imageFile(`${lfwFolder('Adrien_Brody')}/Adrien_Brody_0001.jpg`),
  ];
  const runs = await callModelCheck(page, 'encoderOnBackends', BACKENDS, faces);
  const reference = runs.find((run) => run.backend === 'cpu')?.descriptors;
  expect(reference, 'the cpu backend always runs').toHaveLength(2 * 128);
  const ref = reference as number[];
  const scale = Math.max(...ref.map(Math.abs));
  for (const run of runs) {
    const maxDiff = run.descriptors
      ? Math.max(...run.descriptors.map((v, i) => Math.abs(v - (ref[i] ?? NaN))))
      : null;
    console.log(
      `face encoder on ${run.backend}: ` +
        (run.descriptors
          ? `max |Δ| vs cpu ${maxDiff?.toExponential(2)} (max |value| ${scale.toFixed(3)}), ${run.msPerFace?.toFixed(0)} ms per face`
          : `did not run: ${run.error}`),
    );
    // WebGPU on SwiftShader may fail to start on a machine without one; every other must run.
    if (run.backend !== 'webgpu')
      expect(run.descriptors, `${run.backend}: ${run.error}`).not.toBeNull();
    if (maxDiff !== null) expect(maxDiff, run.backend).toBeLessThan(TOLERANCE);
  }
  expect(
    requests.filter(
      (url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'),
    ),
  ).toEqual([]);
  expect(requests.some((url) => url.includes('face_recognition_model'))).toBe(true);
});
