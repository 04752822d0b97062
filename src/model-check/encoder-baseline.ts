// Owns the untrained baseline of `npm run eval -- --mode encoder-only`: the pretrained face
// encoder alone, with no projection and no training, on the studio's own stored crops (a dataset
// zip exported by the studio, with its manifest's parts), embedded as the studio embeds them
// (resized to 150 px, face and mirror image summed, L2-normalised) and scored by the same
// folder-v1 code as every run: one template per person from the train part, threshold from val.

import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import { l2Normalize } from '../ml/l2-normalize';
import { embeddingMatrix, evaluateFolderV1, type LabelledEmbeddings } from '../ml/metrics';
import {
  createFaceEncoder,
  FACE_ENCODER_EMBEDDING_DIM,
  FACE_ENCODER_INPUT,
} from '../ml/pretrained/face-encoder';
import { parseManifest } from '../transfer/dataset-manifest';
import { faceEncoderWeights } from '../faces/face-models';
import { decodeImages } from './decode-images';

export interface EncoderBaselineReport {
  mode: 'encoder-only';
  top1: number;
  auc: number;
  tar_at_far_1e2: number;
  tar_at_far_1e3: number;
  eer: number;
  verif_bal_acc: number;
  threshold: number;
  counts: { train: number; val: number; test: number };
  /** Decoding and encoding every image and its mirror image. */
  encode_seconds: number;
  infer_img_per_s: number;
  /** Test images given the wrong person, in the Evaluate report's form. */
  misidentified: { image: string; person: string; predicted: string }[];
}

const BATCH = 16;

export async function encoderBaseline(zipUrl: string): Promise<EncoderBaselineReport> {
  const zip = unzipSync(new Uint8Array(await (await fetch(zipUrl)).arrayBuffer()));
  const manifestBytes = zip['manifest.json'];
  if (!manifestBytes) throw new Error('the dataset zip has no manifest.json');
  const manifest = parseManifest(manifestBytes);
  const dim = FACE_ENCODER_EMBEDDING_DIM;
  const labelOf = new Map(manifest.identities.map((identity, index) => [identity.name, index]));
  const encoder = createFaceEncoder(await faceEncoderWeights(), { trainable: false });
  const started = performance.now();
  const parts: Record<'train' | 'val' | 'test', LabelledEmbeddings> = {} as never;
  const testImages = manifest.images.filter((image) => image.split === 'test');
  try {
    for (const part of ['train', 'val', 'test'] as const) {
      const images = manifest.images.filter((image) => image.split === part);
      const data = new Float32Array(images.length * dim);
      for (let start = 0; start < images.length; start += BATCH) {
        const batch = images.slice(start, start + BATCH);
        const pixels = await decodeImages(
          batch.map((image) => ({ bytes: zip[image.path] as Uint8Array, type: '' })),
          FACE_ENCODER_INPUT.size,
        );
        const embedded = tf.tidy(() =>
          l2Normalize(tf.add(encoder.apply(pixels), encoder.apply(tf.reverse(pixels, 2))), 1),
        );
        data.set(await embedded.data(), start * dim);
        tf.dispose([pixels, embedded]);
      }
      const labels = images.map((image) => labelOf.get(image.identity) ?? -1);
      parts[part] = { embeddings: embeddingMatrix(data, dim), labels };
    }
  } finally {
    encoder.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  const e = evaluateFolderV1(parts);
  const total = e.counts.train + e.counts.val + e.counts.test;
  return {
    mode: 'encoder-only',
    top1: e.top1,
    auc: e.auc,
    tar_at_far_1e2: e.tarAtFar1e2,
    tar_at_far_1e3: e.tarAtFar1e3,
    eer: e.eer,
    verif_bal_acc: e.verifBalAcc,
    threshold: e.threshold,
    counts: { train: e.counts.train, val: e.counts.val, test: e.counts.test },
    encode_seconds: Number(seconds.toFixed(1)),
    infer_img_per_s: Number((total / seconds).toFixed(1)),
    misidentified: testImages
      .map((image, i) => ({ image, predicted: e.predictions[i] ?? -1 }))
      .filter(({ image, predicted }) => predicted !== labelOf.get(image.identity))
      .map(({ image, predicted }) => ({
        image: image.path,
        person: image.identity,
        predicted: manifest.identities[predicted]?.name ?? '(none)',
      })),
  };
}
