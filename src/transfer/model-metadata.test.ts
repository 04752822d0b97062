import { describe, expect, it } from 'vitest';
import { CROP_SIZE, FACE_TEMPLATE } from '../vision/face-template';
import { buildModelMetadata, onnxMetadataProps } from './model-metadata';
import { sampleEvaluation, sampleRun } from '../storage/test-utils/run-fixtures';

const exportedAt = new Date('2026-02-03T04:05:06Z');

describe('model metadata', () => {
  it('describes the input, output and alignment the network needs', () => {
    const m = buildModelMetadata({
      run: sampleRun(),
      evaluation: undefined,
      appVersion: '1.2.3',
      cropSize: CROP_SIZE,
      template: FACE_TEMPLATE,
      exportedAt,
    });
    expect(m.format).toBe('face-studio-model');
    expect(m.appVersion).toBe('1.2.3');
    expect(m.exportedAt).toBe('2026-02-03T04:05:06.000Z');
    expect(m.input).toMatchObject({
      name: 'input',
      shape: [null, 32, 32, 3],
      size: 32,
      range: [-1, 1],
    });
    expect(m.output).toMatchObject({
      name: 'embedding',
      shape: [null, 4],
      dim: 4,
      flipAverage: false,
    });
    expect(m.alignment.cropSize).toBe(128);
    expect(m.alignment.template).toHaveLength(5);
    expect(m.alignment.template[0]?.x).toBeCloseTo(FACE_TEMPLATE[0].x, 7);
    expect(m.alignment.template[1]?.y).toBeCloseTo(FACE_TEMPLATE[1].y, 7);
    expect(m.backbone).toBe('resnet18');
    expect(m.identities).toEqual(['Ada', 'Grace, Admiral', 'Linus']);
  });

  it('without an evaluation: no templates, no threshold, training figures only', () => {
    const m = buildModelMetadata({
      run: sampleRun(),
      evaluation: undefined,
      appVersion: '1',
      cropSize: 128,
      template: FACE_TEMPLATE,
      exportedAt,
    });
    expect(m.templates).toEqual([]);
    expect(m.threshold).toBeNull();
    expect(m.thresholdChosenOnValidation).toBeNull();
    expect(m.metrics).toMatchObject({
      epochsTrained: 2,
      trainImages: 30,
      valImages: 9,
      finalTrainLoss: 1,
      finalValAccuracy: 0.5,
      evaluation: null,
    });
  });

  it('with an evaluation: each template named by its class, the threshold in use, NaN as null', () => {
    const m = buildModelMetadata({
      run: sampleRun(),
      evaluation: sampleEvaluation(),
      appVersion: '1',
      cropSize: 128,
      template: FACE_TEMPLATE,
      exportedAt,
    });
    expect(m.templates.map((t) => [t.index, t.name])).toEqual([
      [0, 'Ada'],
      [2, 'Linus'],
    ]);
    expect(m.templates[1]?.vector).toEqual([0, 0.6, 0.8, 0.12345679]);
    expect(m.threshold).toBe(0.45);
    expect(m.thresholdChosenOnValidation).toBe(0.41);
    expect(m.metrics.evaluation).toMatchObject({ top1: 0.8333333333, tarAtFar1e2: null, test: 6 });
    // The whole object survives JSON as it is.
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });

  it('puts the essentials and the whole metadata into ONNX metadata_props', () => {
    const m = buildModelMetadata({
      run: sampleRun(),
      evaluation: sampleEvaluation(),
      appVersion: '1',
      cropSize: 128,
      template: FACE_TEMPLATE,
      exportedAt,
    });
    const props = onnxMetadataProps(m);
    expect(props).toMatchObject({
      backbone: 'resnet18',
      input_size: '32',
      embedding_dim: '4',
      threshold: '0.45',
    });
    expect(JSON.parse(props.identities ?? '')).toEqual(m.identities);
    expect(JSON.parse(props.face_studio_metadata ?? '')).toEqual(m);
  });

  it('describes the pretrained encoder’s input: 150 px, values 0..255, flip-averaged', () => {
    const run = sampleRun();
    const m = buildModelMetadata({
      run: { ...run, config: { ...run.config, backbone: 'face-api-frozen' } },
      evaluation: undefined,
      appVersion: '1',
      cropSize: CROP_SIZE,
      template: FACE_TEMPLATE,
      exportedAt,
    });
    expect(m.input).toMatchObject({ shape: [null, 150, 150, 3], size: 150, range: [0, 255] });
    expect(m.output.flipAverage).toBe(true);
    expect(m.output.note).toMatch(/mirror image/);
    expect(m.alignment.steps).toMatch(/to 150×150 with a high-quality filter/);
    expect(m.alignment.steps).toMatch(/keep the values 0\.\.255/);
  });
});
