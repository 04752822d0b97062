// Measures training speed on the wasm backend (Node, one thread, SIMD): per-layer timings of the
// gradient kernels against the forward convolutions of ResNet-18 at 64×64, batch 32, then whole
// forward / train-step throughput of both backbones with each kernel's share of a step.
// Opt-in, it takes minutes:
//   FACE_STUDIO_BENCH=1 npx vitest run src/ml/wasm-training/wasm-training.bench.test.ts
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, type BackboneName } from '../config';
import { report } from '../test-utils/report';
import { createTrainer } from '../trainer';
import { conv2dBackpropFilterImpl } from './conv2d-backprop-filter';
import { conv2dBackpropInputImpl, type BackpropInputMethod } from './conv2d-backprop-input';
import { gflops, instrumentWasmKernels, timeMs, timeOp } from './kernel-timing';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

const ENABLED = process.env.FACE_STUDIO_BENCH === '1';
const BATCH = 32;
const SIZE = 64;
/** As dev-lfw10to19, the PyTorch reference's data set. */
const CLASSES = 96;
const BACKBONES: BackboneName[] = ['resnet18', 'mobilefacenet'];

/** [name, input size, Ci, Co, kernel, stride, occurrences] of ResNet-18 (width 1) at 64×64. */
// prettier-ignore
const RESNET18_64: [string, number, number, number, number, number, number][] = [
  ['stem 7×7/2 3→64 @64', 64, 3, 64, 7, 2, 1],
  ['l1 3×3 64→64 @16', 16, 64, 64, 3, 1, 4],
  ['l2 3×3/2 64→128 @16', 16, 64, 128, 3, 2, 1],
  ['l2 3×3 128→128 @8', 8, 128, 128, 3, 1, 3],
  ['l2 1×1/2 64→128 @16', 16, 64, 128, 1, 2, 1],
  ['l3 3×3/2 128→256 @8', 8, 128, 256, 3, 2, 1],
  ['l3 3×3 256→256 @4', 4, 256, 256, 3, 1, 3],
  ['l3 1×1/2 128→256 @8', 8, 128, 256, 1, 2, 1],
  ['l4 3×3/2 256→512 @4', 4, 256, 512, 3, 2, 1],
  ['l4 3×3 512→512 @2', 2, 512, 512, 3, 1, 3],
  ['l4 1×1/2 256→512 @4', 4, 256, 512, 1, 2, 1],
];

/** The default training set-up at full width, 64×64, batch 32, as the PyTorch reference. */
function benchTrainer(backbone: BackboneName) {
  const config = {
    ...DEFAULT_CONFIG,
    backbone,
    widthMultiplier: 1,
    inputSize: SIZE as 64,
    embeddingDim: 512,
    batchSize: BATCH,
  };
  return createTrainer(config, CLASSES, { stepsPerEpoch: 10 });
}

/** Median ms of a train step (after a warm-up), on one fixed batch. */
function trainStepMs(backbone: BackboneName, repeats: number): number {
  const trainer = benchTrainer(backbone);
  const images = tf.randomUniform([BATCH, SIZE, SIZE, 3], 0, 255, 'float32', 1) as tf.Tensor4D;
  const labels = Array.from({ length: BATCH }, (_, i) => i % CLASSES);
  let step = 0;
  const ms = timeMs(() => {
    const { loss, correct } = trainer.trainStep(images, labels, step++);
    loss.dataSync();
    tf.dispose([loss, correct]);
  }, repeats);
  trainer.dispose();
  images.dispose();
  return ms;
}

const perSecond = (ms: number) => ((1000 * BATCH) / ms).toFixed(1);

beforeAll(async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});

describe.skipIf(!ENABLED)('wasm training benchmark (FACE_STUDIO_BENCH=1)', () => {
  test('ResNet-18 per layer: forward conv vs the gradient kernels (fastest of 5)', () => {
    const totals = { forward: 0, filter: 0, inputBuiltIn: 0, input: 0 };
    for (const [name, size, ci, co, k, s, count] of RESNET18_64) {
      const out = Math.ceil(size / s);
      const flops = 2 * BATCH * out * out * k * k * ci * co;
      const x = tf.randomNormal([BATCH, size, size, ci]) as tf.Tensor4D;
      const w = tf.randomNormal([k, k, ci, co]) as tf.Tensor4D;
      const dy = tf.randomNormal([BATCH, out, out, co]) as tf.Tensor4D;
      const shape: [number, number, number, number] = [BATCH, size, size, ci];
      const filterAttrs: tf.Conv2DBackpropFilterAttrs = {
        strides: s,
        pad: 'same',
        dataFormat: 'NHWC',
        filterShape: [k, k, ci, co],
      };
      const inputAttrs: tf.Conv2DBackpropInputAttrs = {
        strides: s,
        pad: 'same',
        dataFormat: 'NHWC',
        inputShape: shape,
      };
      const forward = timeOp(() => tf.conv2d(x, w, s, 'same'), 5);
      const filter = timeOp(() => conv2dBackpropFilterImpl(x, dy, filterAttrs), 5);
      // tf.conv2dTranspose runs the registered Conv2DBackpropInput: still the built-in here.
      const inputBuiltIn = timeOp(() => tf.conv2dTranspose(dy, w, shape, s, 'same'), 5);
      const method = (m: BackpropInputMethod) =>
        timeOp(() => conv2dBackpropInputImpl(dy, w, inputAttrs, m), 5);
      const [input, phases, gemm, image] = [
        method('auto'),
        method('phases'),
        method('gemm'),
        method('filterImage'),
      ];
      tf.dispose([x, w, dy]);
      report(
        `${name} ×${count}: forward ${forward.toFixed(1)} ms (${gflops(flops, forward)} GFLOP/s); ` +
          `backprop-filter ${filter.toFixed(1)} ms (${gflops(flops, filter)}); backprop-input ` +
          `built-in ${inputBuiltIn.toFixed(1)} ms (${gflops(flops, inputBuiltIn)}), replacement ` +
          `${input.toFixed(1)} ms (${gflops(flops, input)}) [phases ${phases.toFixed(1)}, ` +
          `gemm ${gemm.toFixed(1)}, filter-image ${image.toFixed(1)}]`,
      );
      totals.forward += count * forward;
      totals.filter += count * filter;
      totals.inputBuiltIn += count * inputBuiltIn;
      totals.input += count * input;
    }
    report(
      `ResNet-18 convolutions, batch ${BATCH} @${SIZE}, summed over layers: forward ` +
        `${totals.forward.toFixed(0)} ms, backprop-filter ${totals.filter.toFixed(0)} ms, ` +
        `backprop-input built-in ${totals.inputBuiltIn.toFixed(0)} ms, replacement ` +
        `${totals.input.toFixed(0)} ms`,
    );
    expect(totals.filter).toBeGreaterThan(0);
  });

  test('train step with only the missing kernels added (built-ins kept)', () => {
    for (const backbone of BACKBONES) {
      const ms = trainStepMs(backbone, 3);
      report(
        `${backbone} @${SIZE} batch ${BATCH}, built-ins: train step ${ms.toFixed(0)} ms, ${perSecond(ms)} images/s`,
      );
      expect(ms).toBeGreaterThan(0);
    }
  });

  test('forward and train step with the replacements, and where a step spends its time', () => {
    registerWasmTrainingKernels({ replaceSlowBuiltIns: true });
    for (const backbone of BACKBONES) {
      const trainer = benchTrainer(backbone);
      const inputs = tf.randomUniform([BATCH, SIZE, SIZE, 3], -1, 1) as tf.Tensor4D;
      const forwardMs = timeMs(
        () =>
          tf.tidy(() => trainer.model.apply(inputs, { training: false }) as tf.Tensor).dispose(),
        5,
      );
      trainer.dispose();
      inputs.dispose();
      const stepMs = trainStepMs(backbone, 7);

      const { tallies, restore } = instrumentWasmKernels();
      const profiledMs = trainStepMs(backbone, 3);
      restore();
      report(
        `${backbone} @${SIZE} batch ${BATCH}, wasm (Node, 1 thread, SIMD), replacements: forward ` +
          `${forwardMs.toFixed(0)} ms (${perSecond(forwardMs)} images/s); train step ` +
          `${stepMs.toFixed(0)} ms (${perSecond(stepMs)} images/s); profiled step ${profiledMs.toFixed(0)} ms`,
      );
      // 1 warm-up + 3 timed steps were tallied.
      const steps = 4;
      const rows = [...tallies.entries()].sort((a, b) => b[1].ms - a[1].ms);
      const kernelMs = rows.reduce((a, [, t]) => a + t.ms / steps, 0);
      report(
        `  kernels ${kernelMs.toFixed(0)} ms per step; the rest is engine, tape and JavaScript`,
      );
      for (const [name, t] of rows.slice(0, 12)) {
        const ms = t.ms / steps;
        const rate = t.flops > 0 ? `, ${gflops(t.flops, t.ms)} GFLOP/s` : '';
        report(
          `  ${name}: ${ms.toFixed(1)} ms/step (${((100 * ms) / kernelMs).toFixed(1)} % of kernel time), ` +
            `${t.calls / steps} calls${rate}`,
        );
      }
      expect(stepMs).toBeGreaterThan(0);
    }
  });
});
