// Owns which network an export writes: the trainer's own model for a backbone trained from
// scratch; for a pretrained-encoder run, one Layers model made of the encoder (in its export
// form, with the run's weights, fine-tuned or not) followed by a copy of the trained projection,
// so that the TF.js and ONNX writers see a single image → embedding network either way.
import * as tf from '@tensorflow/tfjs';
import { MlError } from '../ml-error';
import { applyFaceEncoderLayers } from '../pretrained/face-encoder-layers';
import { FACE_ENCODER_INPUT } from '../pretrained/face-encoder';
import type { Trainer } from '../trainer';

export interface ExportNetwork {
  /** Images [batch, S, S, 3] → raw embeddings [batch, D]. */
  model: tf.LayersModel;
  /** Frees what this export built (never the trainer's own model). */
  dispose(): void;
}

/** A fresh layer of the same class and config, applied to `x`, holding `layer`'s weight values. */
function copyLayer(layer: tf.layers.Layer, x: tf.SymbolicTensor): tf.SymbolicTensor {
  const registered = tf.serialization.SerializationMap.getMap().classNameMap[layer.getClassName()];
  if (!registered)
    throw new MlError('invalid-argument', `layer class ${layer.getClassName()} is unknown`);
  const [layerClass, fromConfig] = registered;
  const copy = fromConfig(layerClass, layer.getConfig()) as unknown as tf.layers.Layer;
  const out = copy.apply(x) as tf.SymbolicTensor;
  try {
    copy.setWeights(layer.getWeights());
  } catch (error) {
    copy.dispose();
    throw error;
  }
  return out;
}

/**
 * The projection that follows the encoder is a chain of layers (Dense, BatchNormalization): each
 * is copied onto the encoder's output, so the export owns its weights and may dispose them.
 */
function withPretrainedEncoder(trainer: Trainer): ExportNetwork {
  const encoder = trainer.encoder;
  if (!encoder) throw new MlError('invalid-argument', 'this run has no pretrained encoder');
  const { size } = FACE_ENCODER_INPUT;
  const input = tf.input({ shape: [size, size, 3], name: 'input' });
  let out = applyFaceEncoderLayers(input, encoder.variableMap); // [batch, 128]
  try {
    for (const layer of trainer.model.layers) {
      if (layer.getClassName() === 'InputLayer') continue;
      if (layer.inboundNodes.length !== 1 || layer.inboundNodes[0]?.inputTensors.length !== 1) {
        throw new MlError(
          'invalid-argument',
          `projection layer ${layer.name} is not a simple chain`,
        );
      }
      out = copyLayer(layer, out);
    }
  } catch (error) {
    // The layers made so far hold copies of the weights: a model over them frees them all.
    tf.model({ inputs: input, outputs: out }).dispose();
    throw error;
  }
  const model = tf.model({
    inputs: input,
    outputs: out,
    name: `face_studio_${trainer.config.backbone.replaceAll('-', '_')}`,
  });
  return { model, dispose: () => model.dispose() };
}

export function exportNetworkOf(trainer: Trainer): ExportNetwork {
  if (trainer.encoder) return withPretrainedEncoder(trainer);
  return { model: trainer.model, dispose: () => undefined };
}
