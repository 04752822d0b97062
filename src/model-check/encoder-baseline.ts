// Owns the untrained baseline of `npm run eval -- --mode encoder-only`: the pretrained face
// encoder alone, with no projection and no training, on the studio's own stored crops (read from
// a project file the studio saved, which keeps the Strangers too), embedded as the studio embeds
// them (resized to 150 px, face and mirror image summed, L2-normalised) and scored by the same
// code as every run: the people and parts a new run would take (runs/run-members.ts), folder-v1
// (one template a person from train, threshold from val) and the open-set figures against the
// Strangers collection split as the app splits it (runs/run-strangers.ts).

import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from '../ml/l2-normalize';
import { embeddingMatrix, evaluateFolderV1, type LabelledEmbeddings } from '../ml/metrics';
import { DEFAULT_TARGET_FAR, evaluateOpenSet } from '../ml/metrics/open-set-evaluation';
import { openSetReportFields } from '../ml/metrics/open-set-report';
import {
  createFaceEncoder,
  FACE_ENCODER_EMBEDDING_DIM,
  FACE_ENCODER_INPUT,
} from '../ml/pretrained/face-encoder';
import { newRunMembers, type ListedImage } from '../runs/run-members';
import { runStrangers } from '../runs/run-strangers';
import { openProjectZip } from '../transfer/project-file';
import { faceEncoderWeights } from '../faces/face-models';
import { decodeImages } from './decode-images';

export interface EncoderBaselineReport extends Partial<ReturnType<typeof openSetReportFields>> {
  mode: 'encoder-only';
  identities: number;
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

export async function encoderBaseline(
  projectUrl: string,
  targetFar = DEFAULT_TARGET_FAR,
  shots?: number[],
): Promise<EncoderBaselineReport> {
  const project = await openProjectZip(await (await fetch(projectUrl)).blob());
  const records = project.index.images.map((image) => image.record);
  const cropOf = new Map(project.index.images.map((image) => [image.record.id, image.crop]));
  const sourceOf = new Map(records.map((record) => [record.id, record.sourceName]));
  const members = newRunMembers(project.index.identities, records);
  const strangers = runStrangers(records);
  const dim = FACE_ENCODER_EMBEDDING_DIM;
  const encoder = createFaceEncoder(await faceEncoderWeights(), { trainable: false });
  const started = performance.now();
  let embedded = 0;
  const embed = async (items: ListedImage[]): Promise<LabelledEmbeddings> => {
    const data = new Float32Array(items.length * dim);
    for (let start = 0; start < items.length; start += BATCH) {
      const batch = items.slice(start, start + BATCH);
      const files = await Promise.all(
        batch.map(async (item) => ({
          bytes: await project.read(cropOf.get(item.id) as string),
          type: '',
        })),
      );
      const pixels = await decodeImages(files, FACE_ENCODER_INPUT.size);
      const out = tf.tidy(() =>
        l2Normalize(tf.add(encoder.apply(pixels), encoder.apply(tf.reverse(pixels, 2))), 1),
      );
      data.set(await out.data(), start * dim);
      tf.dispose([pixels, out]);
    }
    embedded += items.length;
    return { embeddings: embeddingMatrix(data, dim), labels: items.map((item) => item.label) };
  };
  let parts: { train: LabelledEmbeddings; val: LabelledEmbeddings; test: LabelledEmbeddings };
  let valStrangers: LabelledEmbeddings;
  let testStrangers: LabelledEmbeddings;
  try {
    parts = {
      train: await embed(members.train),
      val: await embed(members.val),
      test: await embed(members.test),
    };
    valStrangers = await embed(strangers.val);
    testStrangers = await embed(strangers.test);
  } finally {
    encoder.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  const e = evaluateFolderV1(parts);
  const openSet = evaluateOpenSet(
    { ...parts, valStrangers: valStrangers.embeddings, testStrangers: testStrangers.embeddings },
    { targetFar, ...(shots ? { shots } : {}) },
  );
  const name = (label: number) => members.identities[label]?.name ?? '(none)';
  return {
    mode: 'encoder-only',
    identities: members.identities.length,
    top1: e.top1,
    auc: e.auc,
    tar_at_far_1e2: e.tarAtFar1e2,
    tar_at_far_1e3: e.tarAtFar1e3,
    eer: e.eer,
    verif_bal_acc: e.verifBalAcc,
    threshold: e.threshold,
    counts: { train: e.counts.train, val: e.counts.val, test: e.counts.test },
    encode_seconds: Number(seconds.toFixed(1)),
    infer_img_per_s: Number((embedded / seconds).toFixed(1)),
    misidentified: members.test
      .map((item, i) => ({ item, predicted: e.predictions[i] ?? -1 }))
      .filter(({ item, predicted }) => predicted !== item.label)
      .map(({ item, predicted }) => ({
        image: sourceOf.get(item.id) ?? item.id,
        person: name(item.label),
        predicted: name(predicted),
      })),
    ...openSetReportFields(openSet),
  };
}
