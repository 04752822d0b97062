// How the studio's RGB crops become an imported model's input: value range, channel order,
// layout and mirroring on a 2×2 crop computed by hand; and the settings it refuses.
import { describe, expect, it } from 'vitest';
import {
  inputShape,
  modelInput,
  normaliseRows,
  specProblem,
  type ImportedModelSpec,
} from './imported-model-spec';

const spec = (overrides: Partial<ImportedModelSpec> = {}): ImportedModelSpec => ({
  format: 'onnx',
  inputName: 'input',
  outputName: 'embedding',
  size: 2,
  range: [0, 255],
  layout: 'NHWC',
  channels: 'RGB',
  flipAverage: false,
  ...overrides,
});

// One 2×2 crop: pixel (y, x) has R = 10·(2y + x) + 1, G = R + 1, B = R + 2.
const crop = Uint8Array.from([1, 2, 3, 11, 12, 13, 21, 22, 23, 31, 32, 33]);

describe('modelInput', () => {
  it('keeps NHWC RGB bytes as they are in 0…255', () => {
    expect(Array.from(modelInput(crop, 1, spec()))).toEqual(Array.from(crop));
    expect(inputShape(spec(), 5)).toEqual([5, 2, 2, 3]);
  });

  it('scales to −1…1 and 0…1', () => {
    const minusOne = modelInput(
      Uint8Array.from([0, 255, 51]),
      1,
      spec({ size: 1, range: [-1, 1] }),
    );
    expect(Array.from(minusOne)).toEqual([-1, 1, expect.closeTo(-0.6, 6)]);
    const unit = modelInput(Uint8Array.from([0, 255, 51]), 1, spec({ size: 1, range: [0, 1] }));
    expect(Array.from(unit)).toEqual([0, 1, expect.closeTo(0.2, 6)]);
  });

  it('writes NCHW planes, in BGR order when asked', () => {
    const nchw = modelInput(crop, 1, spec({ layout: 'NCHW' }));
    expect(Array.from(nchw)).toEqual([1, 11, 21, 31, 2, 12, 22, 32, 3, 13, 23, 33]);
    expect(inputShape(spec({ layout: 'NCHW' }), 4)).toEqual([4, 3, 2, 2]);
    const bgr = modelInput(crop, 1, spec({ layout: 'NCHW', channels: 'BGR' }));
    expect(Array.from(bgr)).toEqual([3, 13, 23, 33, 2, 12, 22, 32, 1, 11, 21, 31]);
  });

  it('mirrors left-right', () => {
    const mirrored = modelInput(crop, 1, spec(), true);
    expect(Array.from(mirrored)).toEqual([11, 12, 13, 1, 2, 3, 31, 32, 33, 21, 22, 23]);
  });

  it('refuses fewer bytes than the crops need', () => {
    expect(() => modelInput(crop, 2, spec())).toThrow(RangeError);
  });
});

describe('settings', () => {
  it('names what is wrong', () => {
    expect(specProblem(spec({ size: 112 }))).toBeNull();
    expect(specProblem(spec({ size: 8 }))).toMatch(/from 16 to 512/);
    expect(specProblem(spec({ size: 112.5 }))).toMatch(/whole number/);
    expect(specProblem(spec({ size: 112, range: [1, 1] }))).toMatch(/two different/);
    expect(specProblem(spec({ size: 112, outputName: '' }))).toMatch(/output/);
  });

  it('normalises rows, a zero row stays zero', () => {
    const rows = Array.from(normaliseRows(Float32Array.from([3, 4, 0, 0]), 2));
    expect(rows).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6), 0, 0]);
  });
});
