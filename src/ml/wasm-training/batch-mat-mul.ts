// Owns a fast BatchMatMul for the wasm backend when an operand is transposed (every dense and
// ArcFace gradient): the built-in runs XNNPACK only for untransposed, unbatched operands and a
// scalar loop otherwise (~80 ns per output element for a 512×512 weight gradient). Transposing
// the operand first (~2 ns per element) puts the product back on XNNPACK.
import * as tf from '@tensorflow/tfjs';
import { runWithTensors, transposeMatrix } from './kernel-bridge';

/** Whether the product can go to XNNPACK after explicit transposes: one matrix each side. */
export function canTransposeFirst(
  aShape: readonly number[],
  bShape: readonly number[],
  transposeA: boolean,
  transposeB: boolean,
): boolean {
  const single = (shape: readonly number[]) =>
    shape.length === 2 || (shape.length === 3 && shape[0] === 1);
  return (transposeA || transposeB) && single(aShape) && single(bShape);
}

export function batchMatMulConfig(builtIn: tf.KernelConfig | undefined): tf.KernelConfig {
  return {
    kernelName: tf.BatchMatMul,
    backendName: 'wasm',
    // The built-in binds its wasm function at backend set-up, which then only knows this config.
    setupFunc: builtIn?.setupFunc,
    kernelFunc: (args) => {
      const { a, b } = args.inputs as unknown as tf.BatchMatMulInputs;
      const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
      if (a === undefined || b === undefined) throw new Error('BatchMatMul needs a and b');
      const floats = a.dtype === 'float32' && b.dtype === 'float32';
      if (floats && canTransposeFirst(a.shape, b.shape, transposeA, transposeB)) {
        return runWithTensors(args.backend, { a, b }, (t) => {
          const matrix = (x: tf.Tensor, transpose: boolean) => {
            const [rows = 1, cols = 1] = x.shape.slice(-2);
            const m = tf.reshape(x, [rows, cols]) as tf.Tensor2D;
            return transpose ? transposeMatrix(m) : m;
          };
          const product = tf.matMul(matrix(t.a, transposeA), matrix(t.b, transposeB)); // [M, N]
          // The built-in's output rank: the larger input rank ([M, N] or [1, M, N]).
          return Math.max(t.a.rank, t.b.rank) === 2
            ? product
            : tf.reshape(product, [1, ...product.shape]);
        });
      }
      if (builtIn === undefined) throw new Error('wasm BatchMatMul: no kernel to fall back to');
      return builtIn.kernelFunc(args);
    },
  };
}
