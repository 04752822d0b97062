// Owns typed reads of what a tf.layers layer holds: its serialised configuration fields and its
// weights by name (e.g. "kernel", "moving_mean"), copied out as float32 values.
import type * as tf from '@tensorflow/tfjs';
import { MlError } from '../ml-error';
import { permute } from './permute';

function readError(layer: tf.layers.Layer, what: string): MlError {
  return new MlError(
    'invalid-argument',
    `ONNX export cannot read ${what} of ${layer.getClassName()} layer "${layer.name}"`,
  );
}

function field(layer: tf.layers.Layer, key: string): unknown {
  return (layer.getConfig() as Record<string, unknown>)[key];
}

export function configString(layer: tf.layers.Layer, key: string, fallback?: string): string {
  const value = field(layer, key) ?? fallback;
  if (typeof value !== 'string') throw readError(layer, `config "${key}"`);
  return value;
}

export function configNumber(layer: tf.layers.Layer, key: string, fallback?: number): number {
  const value = field(layer, key) ?? fallback;
  if (typeof value !== 'number') throw readError(layer, `config "${key}"`);
  return value;
}

/** A pair such as kernelSize or strides; tf.layers stores a single number for both axes too. */
export function configPair(layer: tf.layers.Layer, key: string): [number, number] {
  const value = field(layer, key);
  if (typeof value === 'number') return [value, value];
  if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number')) {
    return [value[0] as number, value[1] as number];
  }
  throw readError(layer, `config "${key}"`);
}

export function configNumbers(layer: tf.layers.Layer, key: string): number[] {
  const value = field(layer, key) ?? [];
  if (typeof value === 'number') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return value as number[];
  throw readError(layer, `config "${key}"`);
}

export interface WeightValues {
  shape: number[];
  values: Float32Array;
}

/** The layer's weight whose name ends in `/<name>`, or undefined when the layer has none. */
export function findWeight(
  layer: tf.layers.Layer,
  name: string,
  perm?: readonly number[],
): WeightValues | undefined {
  const variable = layer.weights.find((w) => w.originalName.split('/').pop() === name);
  if (variable === undefined) return undefined;
  // Reading synchronously keeps the exporter a plain function; on WebGPU it costs one readback
  // per weight, which an export (a one-off) can afford. The copy leaves the variable untouched.
  const tensor = variable.read();
  const values = Float32Array.from(tensor.dataSync());
  const { shape } = tensor;
  return perm === undefined ? { shape, values } : permute(values, shape, perm);
}

export function requireWeight(
  layer: tf.layers.Layer,
  name: string,
  perm?: readonly number[],
): WeightValues {
  const weight = findWeight(layer, name, perm);
  if (weight === undefined) throw readError(layer, `weight "${name}"`);
  return weight;
}
