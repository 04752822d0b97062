// Owns the optimisers: SGD with momentum and Adam, both with decoupled weight decay (AdamW
// style, on kernels only), a learning rate given per step, and state as plain records. Where the
// backend has the fused optimizer-update kernel (wasm), each parameter takes one kernel.
import * as tf from '@tensorflow/tfjs';
import { MlError } from './ml-error';
import { OPTIMIZER_UPDATE, type OptimizerUpdateAttrs } from './wasm-training/optimizer-update';
import type { OptimizerName } from './config';
import {
  assignRecords,
  readRecords,
  type TrainableParam,
  type WeightRecord,
} from './weight-records';

export interface OptimizerOptions {
  /** SGD momentum μ. */
  momentum: number;
  /** Decoupled decay λ: w ← w − lr·λ·w, on params whose `decay` is true. */
  weightDecay: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export interface Optimizer {
  readonly kind: OptimizerName;
  /** Updates taken so far (Adam's bias correction uses it). */
  readonly iterations: number;
  /** Applies one update; `gradients` are keyed by TrainableParam.name. Disposes nothing given. */
  applyGradients(gradients: ReadonlyMap<string, tf.Tensor>, learningRate: number): void;
  /** Slot variables and the iteration count as records (the count as a 1-element record). */
  exportState(): Promise<WeightRecord[]>;
  importState(records: readonly WeightRecord[]): void;
  dispose(): void;
}

const ITERATIONS_RECORD = 'optimizer/iterations';

interface Slot {
  name: string;
  variable: tf.Variable;
}

function createSlots(params: readonly TrainableParam[], slotName: string): Slot[] {
  return params.map((p) => ({
    name: `optimizer/${p.name}/${slotName}`,
    // Made inside tidy so the zeros the variable is initialised from are freed (tidy keeps variables).
    variable: tf.tidy(() => tf.variable(tf.zerosLike(p.variable), false)),
  }));
}

/**
 * One parameter's update; returns the new value. Runs inside the caller's tidy, so every
 * intermediate is freed, and the assigned tensors are kept by their variables.
 */
type UpdateRule = (
  param: TrainableParam,
  gradient: tf.Tensor,
  slots: tf.Variable[],
  learningRate: number,
  iteration: number,
) => tf.Tensor;

/** Decoupled decay's factor on w, the AdamW/SGDW formulation: 1 − lr·λ, or 1 without decay. */
function decayFactor(param: TrainableParam, learningRate: number, weightDecay: number): number {
  return param.decay && weightDecay !== 0 ? 1 - learningRate * weightDecay : 1;
}

/** Applies decoupled decay first: w·(1 − lr·λ). */
function decayed(param: TrainableParam, learningRate: number, weightDecay: number): tf.Tensor {
  const factor = decayFactor(param, learningRate, weightDecay);
  return factor === 1 ? param.variable : tf.mul(param.variable, factor);
}

export function createOptimizer(
  kind: OptimizerName,
  params: readonly TrainableParam[],
  options: OptimizerOptions,
): Optimizer {
  const { momentum, weightDecay } = options;
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const epsilon = options.epsilon ?? 1e-8;

  // SGD keeps one velocity per parameter; Adam its first and second moments.
  const slotNames = kind === 'sgd' ? ['velocity'] : ['m', 'v'];
  const slotSets = slotNames.map((s) => createSlots(params, s));

  // PyTorch's SGD: v ← μ·v + g; w ← w − lr·v (with decay decoupled).
  const sgdRule: UpdateRule = (param, gradient, [velocity], learningRate) => {
    const v = velocity as tf.Variable;
    const newVelocity = tf.add(tf.mul(v, momentum), gradient);
    v.assign(newVelocity);
    return tf.sub(decayed(param, learningRate, weightDecay), tf.mul(newVelocity, learningRate));
  };

  // Adam with bias correction; `iteration` counts from 1.
  const adamRule: UpdateRule = (param, gradient, [m, v], learningRate, iteration) => {
    const first = m as tf.Variable;
    const second = v as tf.Variable;
    const newFirst = tf.add(tf.mul(first, beta1), tf.mul(gradient, 1 - beta1));
    const newSecond = tf.add(tf.mul(second, beta2), tf.mul(tf.square(gradient), 1 - beta2));
    first.assign(newFirst);
    second.assign(newSecond);
    const firstHat = tf.div(newFirst, 1 - beta1 ** iteration);
    const secondHat = tf.div(newSecond, 1 - beta2 ** iteration);
    const update = tf.div(firstHat, tf.add(tf.sqrt(secondHat), epsilon));
    return tf.sub(decayed(param, learningRate, weightDecay), tf.mul(update, learningRate));
  };

  const rule = kind === 'sgd' ? sgdRule : adamRule;

  /** The same step as `rule`, in one kernel that writes the new weight and slots. */
  const fusedStep = (
    param: TrainableParam,
    gradient: tf.Tensor,
    slots: tf.Variable[],
    learningRate: number,
  ): void => {
    const factor = decayFactor(param, learningRate, weightDecay);
    const attrs: OptimizerUpdateAttrs =
      kind === 'sgd'
        ? { rule: 'sgd', learningRate, decayFactor: factor, momentum }
        : {
            rule: 'adam',
            learningRate,
            decayFactor: factor,
            beta1,
            beta2,
            epsilon,
            iteration: iterations,
          };
    const inputs: tf.NamedTensorMap =
      kind === 'sgd'
        ? { w: param.variable, g: gradient, velocity: slots[0] as tf.Variable }
        : {
            w: param.variable,
            g: gradient,
            m: slots[0] as tf.Variable,
            v: slots[1] as tf.Variable,
          };
    const [weight, ...next] = tf
      .engine()
      .runKernel(OPTIMIZER_UPDATE, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
    param.variable.assign(weight as tf.Tensor);
    next.forEach((value, k) => (slots[k] as tf.Variable).assign(value));
  };
  let iterations = 0;
  let disposed = false;

  const allSlots = (): Slot[] => slotSets.flat();

  return {
    kind,
    get iterations() {
      return iterations;
    },
    applyGradients(gradients, learningRate) {
      if (disposed) throw new MlError('disposed', 'the optimiser has been disposed');
      if (!(learningRate >= 0) || !Number.isFinite(learningRate)) {
        throw new MlError('invalid-argument', `learning rate must be ≥ 0 (got ${learningRate})`);
      }
      iterations += 1;
      const fused = tf.getKernel(OPTIMIZER_UPDATE, tf.getBackend()) !== undefined;
      tf.tidy(() => {
        params.forEach((param, index) => {
          // A parameter the loss does not reach (no gradient) is left as it is, slots included.
          const gradient = gradients.get(param.name);
          if (gradient === undefined) return;
          const slots = slotSets.map((set) => (set[index] as Slot).variable);
          if (fused && gradient.dtype === 'float32')
            fusedStep(param, gradient, slots, learningRate);
          else param.variable.assign(rule(param, gradient, slots, learningRate, iterations));
        });
      });
    },
    async exportState() {
      const slots = await readRecords(
        allSlots().map((s) => ({ name: s.name, tensor: s.variable })),
      );
      const count: WeightRecord = {
        name: ITERATIONS_RECORD,
        shape: [],
        dtype: 'float32',
        data: Float32Array.of(iterations),
      };
      return [count, ...slots];
    },
    importState(records) {
      if (disposed) throw new MlError('disposed', 'the optimiser has been disposed');
      const count = records.find((r) => r.name === ITERATIONS_RECORD);
      const value = count?.data[0];
      if (value === undefined || !Number.isInteger(value) || value < 0) {
        throw new MlError('state-mismatch', 'optimiser state: no valid iteration count');
      }
      assignRecords(records, allSlots(), `optimiser state (${kind})`);
      iterations = value;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const slot of allSlots()) slot.variable.dispose();
    },
  };
}
