// Owns the order in which the exporter visits a model: every layer call (a layer and one of its
// inbound nodes) that the model's output depends on, inputs before the calls that read them.
import type * as tf from '@tensorflow/tfjs';
import { MlError } from '../ml-error';

export interface LayerCall {
  layer: tf.layers.Layer;
  inputs: readonly tf.SymbolicTensor[];
  outputs: readonly tf.SymbolicTensor[];
}

/**
 * Walks back from the outputs through each tensor's source node. Following the tensors rather
 * than `model.layers` keeps only this model's calls of a layer that is also used elsewhere (a
 * backbone inside a training model gains inbound nodes there).
 */
export function orderLayerCalls(model: tf.LayersModel): LayerCall[] {
  const ordered: LayerCall[] = [];
  const visited = new Set<string>();
  // An explicit stack instead of recursion; an entry is pushed again as `expanded` beneath its
  // inputs, so that it is emitted after them (post-order). A DAG never reaches a call twice on
  // one path, so a call already visited can be skipped.
  const stack = model.outputs.map((tensor) => ({ tensor, expanded: false })).reverse();
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { sourceLayer: layer, nodeIndex } = entry.tensor;
    const node = layer.inboundNodes[nodeIndex];
    if (node === undefined) {
      throw new MlError('invalid-argument', `layer "${layer.name}" has no node ${nodeIndex}`);
    }
    const isInput = layer.getClassName() === 'InputLayer';
    const call = { layer, inputs: isInput ? [] : node.inputTensors, outputs: node.outputTensors };
    if (entry.expanded) {
      ordered.push(call);
      continue;
    }
    const key = `${layer.name}#${nodeIndex}`;
    if (visited.has(key)) continue;
    visited.add(key);
    if (isInput) {
      // An input layer's node lists its own tensor as input: nothing comes before it.
      ordered.push(call);
      continue;
    }
    stack.push({ tensor: entry.tensor, expanded: true });
    for (const input of [...node.inputTensors].reverse())
      stack.push({ tensor: input, expanded: false });
  }
  return ordered;
}
