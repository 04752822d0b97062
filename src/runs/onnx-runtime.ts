// Owns starting onnxruntime-web in the training worker for imported ONNX models: its WebAssembly
// file is served from the app's own origin (bundled by Vite, never fetched from a CDN), on one
// thread so it does not compete with TF.js's threads, and only loaded when an ONNX model is used.

import type { OnnxSessionFactory } from './imported-embedder';

export const webOnnxSessions: OnnxSessionFactory = async (bytes) => {
  const [ort, { default: wasmUrl }] = await Promise.all([
    import('onnxruntime-web/wasm'),
    import('onnxruntime-web/ort-wasm-simd-threaded.wasm?url'),
  ]);
  ort.env.wasm.wasmPaths = { wasm: wasmUrl };
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  return { session, tensor: (data, dims) => new ort.Tensor('float32', data, dims) };
};
