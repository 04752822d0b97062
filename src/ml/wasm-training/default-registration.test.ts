// Checks training on wasm with the default registration (only the missing kernels added, every
// built-in kept): one step of each backbone gives cpu's loss and leaks nothing.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { seededRandom } from '../../lib/seeded-random';
import { report } from '../test-utils/report';
import { tinyConfig } from '../test-utils/tiny-config';
import { createTrainer, type TrainerState } from '../trainer';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels';

const LABELS = [0, 1, 2, 3, 3, 2, 1, 0];

beforeAll(() => {
  registerWasmTrainingKernels();
});

async function stepLoss(
  backend: 'cpu' | 'wasm',
  backbone: 'resnet18' | 'mobilefacenet',
  start?: TrainerState,
): Promise<{ loss: number; leaked: number; state: TrainerState }> {
  await tf.setBackend(backend);
  const trainer = createTrainer(tinyConfig(backbone), 4, { stepsPerEpoch: 2 });
  if (start !== undefined) trainer.importState(start);
  const state = await trainer.exportState();
  const random = seededRandom(5);
  const x = tf.tensor4d(
    Float32Array.from({ length: LABELS.length * 32 * 32 * 3 }, () => random() * 255),
    [LABELS.length, 32, 32, 3],
  );
  const tensors = tf.memory().numTensors;
  const { loss, correct } = trainer.trainStep(x, LABELS, 0);
  const value = (await loss.data())[0] as number;
  tf.dispose([loss, correct]);
  const leaked = tf.memory().numTensors - tensors;
  trainer.dispose();
  x.dispose();
  return { loss: value, leaked, state };
}

test.each(['resnet18', 'mobilefacenet'] as const)(
  '%s trains on wasm as on cpu',
  async (backbone) => {
    const cpu = await stepLoss('cpu', backbone);
    const wasm = await stepLoss('wasm', backbone, cpu.state);
    const error = Math.abs(wasm.loss - cpu.loss) / Math.abs(cpu.loss);
    report(`${backbone}, default registration: loss relative error ${error.toExponential(2)}`);
    expect(wasm.leaked).toBe(0);
    expect(error).toBeLessThan(1e-5);
  },
);
