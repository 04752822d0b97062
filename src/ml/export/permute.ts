// Owns the axis permutation of a row-major float array (a transpose), done in plain TypeScript:
// tf.transpose on the cpu backend took ~20 s for ResNet-18's kernels at width 1.

/** Returns the values of `shape` rearranged so that output axis i is input axis perm[i]. */
export function permute(
  values: Float32Array,
  shape: readonly number[],
  perm: readonly number[],
): { shape: number[]; values: Float32Array } {
  const rank = shape.length;
  if (perm.length !== rank || [...perm].sort((a, b) => a - b).some((axis, i) => axis !== i)) {
    throw new RangeError(`[${perm}] is not a permutation of ${rank} axes`);
  }
  const inputStrides = new Array<number>(rank).fill(1);
  for (let axis = rank - 2; axis >= 0; axis--) {
    inputStrides[axis] = (inputStrides[axis + 1] as number) * (shape[axis + 1] as number);
  }
  const outShape = perm.map((axis) => shape[axis] as number);
  // How far the input offset moves for one step along each output axis.
  const steps = perm.map((axis) => inputStrides[axis] as number);
  const out = new Float32Array(values.length);
  const index = new Array<number>(rank).fill(0);
  let offset = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = values[offset] as number;
    // Odometer: advance the last output axis, carrying into earlier ones.
    for (let axis = rank - 1; axis >= 0; axis--) {
      const next = (index[axis] as number) + 1;
      if (next < (outShape[axis] as number)) {
        index[axis] = next;
        offset += steps[axis] as number;
        break;
      }
      index[axis] = 0;
      offset -= (next - 1) * (steps[axis] as number);
    }
  }
  return { shape: outShape, values: out };
}
