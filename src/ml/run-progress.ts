// The figures a training run reports as it goes and keeps in its record: which TF.js backend it
// runs on, a point every few steps, and a row per epoch. Named here, in a module that imports
// nothing, so the worker protocol and the stored run records can both use them.

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface StepPoint {
  step: number;
  epoch: number;
  loss: number;
  accuracy: number;
  learningRate: number;
}

export interface EpochMetrics {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  valLoss: number;
  valAccuracy: number;
  learningRate: number;
  imagesPerSecond: number;
  seconds: number;
  etaSeconds: number;
}
