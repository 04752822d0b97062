// Owns the fused optimizer-update kernel for the wasm backend: one parameter's Adam or SGD step
// in a single pass over the wasm heap (update-rules.ts), where the tensor-op rules take about 15
// kernels and as many passes over the parameter. A ResNet-18 step updates 11 M weights.
import * as tf from '@tensorflow/tfjs';
import { adamUpdate, sgdUpdate, type AdamStepOptions, type SgdStepOptions } from '../update-rules';
import { asHeapBackend, float32Views } from './wasm-heap';

/** The kernel's name; the optimiser runs it on any backend that registers it. */
export const OPTIMIZER_UPDATE = 'FaceStudioOptimizerUpdate';

export type OptimizerUpdateAttrs =
  ({ rule: 'adam' } & AdamStepOptions) | ({ rule: 'sgd' } & SgdStepOptions);

/**
 * Inputs: w, g and the slots (Adam: m, v; SGD: velocity), all float32 of w's shape.
 * Outputs: the new w and the new slots, in that order, in fresh buffers.
 */
export const optimizerUpdateConfig: tf.KernelConfig = {
  kernelName: OPTIMIZER_UPDATE,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const heap = asHeapBackend(backend);
    const update = attrs as unknown as OptimizerUpdateAttrs;
    const names = update.rule === 'adam' ? ['w', 'g', 'm', 'v'] : ['w', 'g', 'velocity'];
    const given = names.map((name) => {
      const info = inputs[name];
      if (info === undefined) throw new Error(`${OPTIMIZER_UPDATE} needs ${name}`);
      return info;
    });
    const w = given[0] as tf.TensorInfo;
    const size = (info: tf.TensorInfo) => tf.util.sizeFromShape(info.shape);
    if (given.some((info) => size(info) !== size(w))) {
      throw new Error(`${OPTIMIZER_UPDATE}: w, g and the slots differ in size`);
    }
    const outputs = [w, ...given.slice(2)].map(() => heap.makeOutput([...w.shape], 'float32'));
    const [wIn, g, ...slots] = float32Views(heap, given);
    const [wOut, ...slotsOut] = float32Views(heap, outputs);
    if (update.rule === 'adam') {
      adamUpdate(
        wIn as Float32Array,
        g as Float32Array,
        slots[0] as Float32Array,
        slots[1] as Float32Array,
        { w: wOut as Float32Array, m: slotsOut[0] as Float32Array, v: slotsOut[1] as Float32Array },
        update,
      );
    } else {
      sgdUpdate(
        wIn as Float32Array,
        g as Float32Array,
        slots[0] as Float32Array,
        { w: wOut as Float32Array, velocity: slotsOut[0] as Float32Array },
        update,
      );
    }
    return outputs;
  },
};
