// Owns UnsortedSegmentSum for the wasm backend (what the gradient of tf.gather runs): a 0/1
// segment-membership matrix times the data, one matrix product XNNPACK runs.
import * as tf from '@tensorflow/tfjs';
import { runWithTensors } from './kernel-bridge';

/**
 * out[s, …] = Σ_{n : ids[n] = s} x[n, …]. ids outside [0, numSegments) contribute nothing, as in
 * TensorFlow. Costs numSegments·N·R multiply-adds (R = values per row), so it suits the
 * gradients of gathers from tables of moderate size, which is what training uses it for.
 */
export function unsortedSegmentSumImpl(
  x: tf.Tensor, // [...ids.shape, ...rest]
  segmentIds: tf.Tensor, // int32, a prefix of x's shape
  numSegments: number,
): tf.Tensor {
  const n = segmentIds.size;
  const rest = x.shape.slice(segmentIds.shape.length);
  const rowSize = rest.reduce((a, b) => a * b, 1);
  const segments = tf.reshape(tf.range(0, numSegments, 1, 'int32'), [numSegments, 1]);
  const membership = tf.cast(
    tf.equal(segments, tf.reshape(tf.cast(segmentIds, 'int32'), [1, n])),
    'float32',
  ); // [S, N]
  const rows = tf.reshape(tf.cast(x, 'float32'), [n, rowSize]); // [N, R]
  const sums = tf.reshape(tf.matMul(membership, rows), [numSegments, ...rest]); // [S, ...rest]
  return x.dtype === 'float32' ? sums : tf.cast(sums, x.dtype);
}

export const unsortedSegmentSumConfig: tf.KernelConfig = {
  kernelName: tf.UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, segmentIds } = inputs as unknown as tf.UnsortedSegmentSumInputs;
    if (x === undefined || segmentIds === undefined) {
      throw new Error('UnsortedSegmentSum needs x and segmentIds');
    }
    const { numSegments } = attrs as unknown as tf.UnsortedSegmentSumAttrs;
    return runWithTensors(backend, { x, segmentIds }, (t) =>
      unsortedSegmentSumImpl(t.x, t.segmentIds, numSegments),
    );
  },
};
