// The model-check page (model-check.html): plain TensorFlow.js in a fresh page, driven by the
// end-to-end tests through `window.modelCheck`. It loads an exported model with
// tf.loadLayersModel from a URL and embeds face crops the way metadata.json tells a user to;
// runs the pretrained face encoder on every backend for a parity check; and scores the encoder
// alone on a studio project file (`npm run eval -- --mode encoder-only`).

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { createFaceEncoder, FACE_ENCODER_INPUT } from '../ml/pretrained/face-encoder';
import { faceEncoderWeights } from '../faces/face-models';
import { startWasmBackend } from '../backends/wasm-backend';
import { decodeImages } from './decode-images';
import { encoderBaseline, type EncoderBaselineReport } from './encoder-baseline';

export interface EncoderRun {
  backend: string;
  /** [faces × 128] raw descriptors, or null when the backend could not run. */
  descriptors: number[] | null;
  msPerFace: number | null;
  error?: string;
}

/** An image file's bytes, as a test hands them over. */
export interface ImageBytes {
  bytes: number[];
  type: string;
}

export interface ModelCheck {
  /** The face encoder's descriptors of the same faces (resized to 150 px) on each backend. */
  encoderOnBackends(backends: string[], faces: ImageBytes[]): Promise<EncoderRun[]>;
  /**
   * Loads model.json (and the weights it names) from `modelUrl` and embeds each crop: decoded,
   * resized to the model's input (createImageBitmap, quality "high"), scaled as `range` says, and, with
   * `flipAverage`, summed with its mirror image's embedding; L2-normalised. [crops × D].
   */
  embedWithExportedModel(
    backend: string,
    modelUrl: string,
    crops: ImageBytes[],
    options: { range: [number, number]; flipAverage: boolean },
  ): Promise<number[][]>;
  /** The untrained encoder scored by folder-v1 on a studio dataset zip (encoder-baseline.ts). */
  encoderBaseline(
    backend: string,
    projectUrl: string,
    targetFar?: number,
    shots?: number[],
  ): Promise<EncoderBaselineReport>;
}

async function switchBackend(name: string): Promise<void> {
  const started = name === 'wasm' ? (await startWasmBackend(1)) > 0 : await tf.setBackend(name);
  if (!started) throw new Error(`the ${name} backend failed to start`);
  await tf.ready();
}

const modelCheck: ModelCheck = {
  async encoderOnBackends(backends, faces) {
    const runs: EncoderRun[] = [];
    for (const backend of backends) {
      try {
        await switchBackend(backend);
        // Decoded per backend from the same bytes: fromPixels and the resize are exact in float.
        const pixels = await decodeImages(faces, FACE_ENCODER_INPUT.size);
        const encoder = createFaceEncoder(await faceEncoderWeights(), { trainable: false });
        try {
          const warmUp = encoder.apply(pixels); // shader compiles, first allocations
          await warmUp.data();
          warmUp.dispose();
          const started = performance.now();
          const out = encoder.apply(pixels);
          const descriptors = Array.from(await out.data());
          const msPerFace = (performance.now() - started) / faces.length;
          out.dispose();
          runs.push({ backend, descriptors, msPerFace });
        } finally {
          pixels.dispose();
          encoder.dispose();
        }
      } catch (error) {
        runs.push({ backend, descriptors: null, msPerFace: null, error: String(error) });
      }
    }
    return runs;
  },

  async embedWithExportedModel(backend, modelUrl, crops, options) {
    await switchBackend(backend);
    const model = await tf.loadLayersModel(modelUrl);
    const size = model.inputs[0]?.shape[1];
    if (typeof size !== 'number') throw new Error('the model has no fixed input size');
    const pixels = await decodeImages(crops, size);
    const embeddings = tf.tidy(() => {
      const [low, high] = options.range;
      const x = tf.add(tf.mul(pixels, (high - low) / 255), low) as tf.Tensor4D;
      let out = model.predict(x) as tf.Tensor2D;
      if (options.flipAverage) out = tf.add(out, model.predict(tf.reverse(x, 2)) as tf.Tensor2D);
      return tf.div(out, tf.norm(out, 'euclidean', 1, true));
    });
    const rows = (await embeddings.array()) as number[][];
    tf.dispose([pixels, embeddings]);
    model.dispose();
    return rows;
  },

  async encoderBaseline(backend, projectUrl, targetFar, shots) {
    await switchBackend(backend);
    return encoderBaseline(projectUrl, targetFar, shots);
  },
};

(window as Window & { modelCheck?: ModelCheck }).modelCheck = modelCheck;
const output = document.getElementById('output');
if (output) output.textContent = `Ready: window.modelCheck (TensorFlow.js ${tf.version.tfjs}).`;
