// Owns a zero-copy Identity for the wasm backend: the built-in copies the whole buffer, and a
// train step runs Identity hundreds of times (tfjs's gradient bookkeeping and tf.layers clone
// tensors: 676 calls per ResNet-18 step, 1699 per MobileFaceNet step). Sharing the buffer, as
// the cpu backend's Identity and the wasm backend's own Reshape do, is safe: no wasm kernel
// writes into its inputs, and a buffer is freed when its last holder lets go.
import * as tf from '@tensorflow/tfjs';

export function identityConfig(builtIn: tf.KernelConfig | undefined): tf.KernelConfig {
  return {
    kernelName: tf.Identity,
    backendName: 'wasm',
    setupFunc: builtIn?.setupFunc,
    kernelFunc: (args) => {
      const { x } = args.inputs as unknown as tf.IdentityInputs;
      if (x === undefined) throw new Error('Identity needs x');
      if (x.dtype === 'string') {
        if (builtIn === undefined) throw new Error('wasm Identity: no kernel for strings');
        return builtIn.kernelFunc(args);
      }
      (args.backend as tf.KernelBackend).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  };
}
