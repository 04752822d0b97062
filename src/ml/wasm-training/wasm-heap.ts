// Owns the small view of tfjs-backend-wasm that kernels written in JavaScript need: allocating an
// output on the wasm heap and reading or writing a tensor's bytes there in place.
import * as tf from '@tensorflow/tfjs';

/** The public BackendWasm methods these kernels use (tfjs types a KernelFunc's backend as {}). */
export interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
}

export const asHeapBackend = (backend: unknown) => backend as WasmHeapBackend;

/**
 * Float32 views of `infos` on the heap. Take them after every output is allocated: an allocation
 * may grow the heap, which replaces its buffer and leaves earlier views detached (empty), or, on
 * the threaded build's shared memory, looking at the old, shorter buffer.
 */
export function float32Views(backend: WasmHeapBackend, infos: readonly tf.TensorInfo[]) {
  return infos.map((info) => {
    if (info.dtype !== 'float32') throw new Error(`expected a float32 tensor (got ${info.dtype})`);
    return backend.typedArrayFromHeap(info) as Float32Array;
  });
}
