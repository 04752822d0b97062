// Owns the ONNX graph under construction: the nodes in emission order, the initializers (weights
// and constants), and unique value names, so that converters only say what to add.
import { MlError } from '../ml-error';
import type { OnnxAttributeValue, OnnxNode, OnnxTensor } from './onnx-proto';

export type OnnxAttributes = Readonly<Record<string, OnnxAttributeValue>>;

export class OnnxGraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly used = new Set<string>();

  /** A value or node name not used before: `base`, else `base_1`, `base_2`, … */
  uniqueName(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Reserves a name chosen elsewhere (the graph's input and output). */
  reserve(name: string): string {
    if (this.used.has(name)) {
      throw new MlError('invalid-argument', `ONNX value name "${name}" is already used`);
    }
    this.used.add(name);
    return name;
  }

  /** Adds one node writing `output` (a reserved or fresh name) and returns that name. */
  node(
    opType: string,
    inputs: readonly string[],
    output: string,
    attributes: OnnxAttributes = {},
  ): string {
    this.nodes.push({
      opType,
      name: this.uniqueName(`${output}/${opType}`),
      inputs,
      outputs: [output],
      attributes,
    });
    return output;
  }

  /** Adds a float32 constant and returns its value name. */
  floatTensor(base: string, dims: readonly number[], data: Float32Array): string {
    const size = dims.reduce((n, d) => n * d, 1);
    if (size !== data.length) {
      throw new MlError(
        'invalid-argument',
        `initializer "${base}" has ${data.length} values for dims [${dims}]`,
      );
    }
    const name = this.uniqueName(base);
    this.initializers.push({ name, dims, dataType: 'float32', data });
    return name;
  }

  /** Adds an int64 constant (a shape, an axis list) and returns its value name. */
  int64Tensor(base: string, values: readonly number[]): string {
    const name = this.uniqueName(base);
    const data = BigInt64Array.from(values, (v) => BigInt(v));
    this.initializers.push({ name, dims: [values.length], dataType: 'int64', data });
    return name;
  }
}
