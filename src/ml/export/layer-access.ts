// Owns typed reads of what a tf.layers layer holds: its serialised configuration fields and its
// weights by name (e.g. "kernel", "moving_mean"), as float32 values read from the model before
// the export (`readWeights`, asynchronously: a synchronous read blocks on WebGPU and goes
// through a canvas, the path that lost headless Chromium's software GPU in the bench).
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

type Variable = tf.layers.Layer['weights'][number];

/** Every weight of a model, read once, by variable: what the converters read the weights from. */
export type WeightSnapshot = ReadonlyMap<Variable, WeightValues>;

/** Copies every weight of `model` out (asynchronously; the variables are left untouched). */
export async function readWeights(model: tf.LayersModel): Promise<WeightSnapshot> {
  const variables = [...new Set(model.layers.flatMap((layer) => layer.weights))];
  const values = await Promise.all(
    variables.map(async (variable): Promise<WeightValues> => {
      const tensor = variable.read();
      return { shape: tensor.shape, values: Float32Array.from(await tensor.data()) };
    }),
  );
  return new Map(variables.map((variable, k) => [variable, values[k] as WeightValues]));
}

/** A layer and the model's weights read before the export. */
export interface WeightSource {
  layer: tf.layers.Layer;
  weights: WeightSnapshot;
}

/** The layer's weight whose name ends in `/<name>`, or undefined when the layer has none. */
export function findWeight(
  { layer, weights }: WeightSource,
  name: string,
  perm?: readonly number[],
): WeightValues | undefined {
  const variable = layer.weights.find((w) => w.originalName.split('/').pop() === name);
  if (variable === undefined) return undefined;
  const weight = weights.get(variable);
  if (weight === undefined) throw readError(layer, `weight "${name}" (not read before the export)`);
  return perm === undefined ? weight : permute(weight.values, weight.shape, perm);
}

export function requireWeight(
  source: WeightSource,
  name: string,
  perm?: readonly number[],
): WeightValues {
  const weight = findWeight(source, name, perm);
  if (weight === undefined) throw readError(source.layer, `weight "${name}"`);
  return weight;
}
