// Owns the plain-data form of tensors for checkpoints ({name, shape, dtype, data}) and the named
// trainable parameters that the optimiser updates and the trainer saves.
import * as tf from '@tensorflow/tfjs';
import { MlError } from './ml-error';

/** A tensor as plain data: what a checkpoint stores and a structured clone can carry. */
export interface WeightRecord {
  name: string;
  shape: number[];
  dtype: 'float32';
  data: Float32Array;
}

/** A trainable variable under a stable name (independent of tfjs's global variable naming). */
export interface TrainableParam {
  name: string;
  variable: tf.Variable;
  /** Whether decoupled weight decay applies: kernels yes; BatchNorm, biases, PReLU slopes no. */
  decay: boolean;
}

export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** Reads tensors asynchronously (no dataSync, which stalls a GPU pipeline) into records. */
export async function readRecords(tensors: NamedTensor[]): Promise<WeightRecord[]> {
  return Promise.all(
    tensors.map(async ({ name, tensor }) => {
      const values = await tensor.data();
      // A copy, so the record owns its buffer even when the backend hands out a shared one.
      const data = Float32Array.from(values);
      return { name, shape: [...tensor.shape], dtype: 'float32' as const, data };
    }),
  );
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export interface NamedVariable {
  name: string;
  variable: tf.Variable;
}

/**
 * Throws unless every target finds a record of its name and shape, so that a checkpoint from
 * another architecture fails loudly instead of half-loading.
 */
export function checkRecords(
  records: readonly WeightRecord[],
  targets: readonly NamedVariable[],
  what: string,
): void {
  const byName = new Map(records.map((r) => [r.name, r]));
  for (const { name, variable } of targets) {
    const record = byName.get(name);
    if (record === undefined) {
      throw new MlError('state-mismatch', `${what}: the saved state has no weight "${name}"`);
    }
    if (!sameShape(record.shape, variable.shape)) {
      throw new MlError(
        'state-mismatch',
        `${what}: weight "${name}" has shape [${record.shape.join(', ')}] in the saved state ` +
          `but [${variable.shape.join(', ')}] in this model`,
      );
    }
    const size = record.shape.reduce((a, b) => a * b, 1);
    if (record.data.length !== size) {
      throw new MlError(
        'state-mismatch',
        `${what}: weight "${name}" holds ${record.data.length} values for ${size} elements`,
      );
    }
  }
}

/** Writes each record into the variable of the same name, after checking them all. */
export function assignRecords(
  records: readonly WeightRecord[],
  targets: readonly NamedVariable[],
  what: string,
): void {
  // Checked everything first, so a mismatch leaves the variables untouched.
  checkRecords(records, targets, what);
  const byName = new Map(records.map((r) => [r.name, r]));
  for (const { name, variable } of targets) {
    const record = byName.get(name) as WeightRecord;
    tf.tidy(() => variable.assign(tf.tensor(record.data, record.shape, 'float32')));
  }
}
