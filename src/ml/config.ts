// Owns the training configuration: its type, the default a user starts from, the named presets,
// and the validation that refuses values the learning code cannot train with (with a reason).

/**
 * 'face-api-frozen' is the pretrained 128-d face encoder of face-api.js, kept frozen: only a
 * projection and the head train, on features computed once per image. 'face-api-finetune'
 * starts from the same weights and trains the whole encoder with them. 'imported-frozen' does
 * what 'face-api-frozen' does over a model the user imported (`encoderRunId`).
 */
export type BackboneName =
  'resnet18' | 'mobilefacenet' | 'face-api-frozen' | 'face-api-finetune' | 'imported-frozen';
export type HeadName = 'arcface' | 'softmax';
export type OptimizerName = 'sgd' | 'adam';
export type InputSize = 32 | 64 | 112 | 128;

/** The backbones any studio offers; 'imported-frozen' needs an imported model to name. */
export const BACKBONES: readonly BackboneName[] = [
  'face-api-frozen',
  'face-api-finetune',
  'resnet18',
  'mobilefacenet',
];
const ALL_BACKBONES: readonly BackboneName[] = [...BACKBONES, 'imported-frozen'];

/** The pretrained encoder's input side; its crops are resized to this, whatever `inputSize` says. */
export const PRETRAINED_INPUT_SIZE = 150;

/** True when the network starts from the pretrained face encoder (frozen or fine-tuned). */
export function usesPretrainedEncoder(config: Pick<TrainConfig, 'backbone'>): boolean {
  return config.backbone === 'face-api-frozen' || config.backbone === 'face-api-finetune';
}

/** The side the training images are decoded at for this configuration. */
export function imageSizeFor(config: Pick<TrainConfig, 'backbone' | 'inputSize'>): number {
  return usesPretrainedEncoder(config) ? PRETRAINED_INPUT_SIZE : config.inputSize;
}

/** True when the backbone is a pretrained encoder whose features are computed once per image. */
export function usesFrozenEncoder(config: Pick<TrainConfig, 'backbone'>): boolean {
  return config.backbone === 'face-api-frozen';
}

/** True when an imported model (an imported run) is the frozen encoder under the trained head. */
export function usesImportedEncoder(config: Pick<TrainConfig, 'backbone'>): boolean {
  return config.backbone === 'imported-frozen';
}
export const HEADS: readonly HeadName[] = ['arcface', 'softmax'];
export const OPTIMIZERS: readonly OptimizerName[] = ['sgd', 'adam'];
/** 32 exists for tests (tiny networks on a software GPU); the UI offers 64, 112 and 128. */
export const INPUT_SIZES: readonly InputSize[] = [32, 64, 112, 128];

export interface AugmentConfig {
  /** Random horizontal flip, one coin per image. */
  flip: boolean;
  /** Brightness factor drawn from [1 − b, 1 + b] per image (torchvision ColorJitter semantics). */
  brightness: number;
  /** Contrast factor drawn from [1 − c, 1 + c] per image, blended with the image's grey mean. */
  contrast: number;
}

export interface TrainConfig {
  backbone: BackboneName;
  /** Multiplies every channel count; 1 is the published network, 0.25 a quarter as wide. */
  widthMultiplier: number;
  inputSize: InputSize;
  embeddingDim: number;
  head: HeadName;
  /** ArcFace scale s (the norm the logits are stretched to). Ignored by the softmax head. */
  scale: number;
  /** ArcFace additive angular margin m, in radians. Ignored by the softmax head. */
  margin: number;
  labelSmoothing: number;
  optimizer: OptimizerName;
  learningRate: number;
  /** SGD momentum; Adam uses its own fixed betas (0.9, 0.999). */
  momentum: number;
  /** Decoupled weight decay (AdamW style) on kernels, not on BatchNorm, biases or PReLU slopes. */
  weightDecay: number;
  warmupEpochs: number;
  epochs: number;
  batchSize: number;
  augment: AugmentConfig;
  seed: number;
  /**
   * With 'imported-frozen' only: the imported run whose model is the frozen encoder. Its input
   * side and embedding length come from that model, so `inputSize` and `widthMultiplier` are
   * not used.
   */
  encoderRunId?: string;
}

/**
 * The from-scratch CNN's defaults: settings that train on a small data set. The PyTorch reference on
 * dev-lfw10to19 (96 people, 883 images, 64×64) measured AdamW 1e-3 with s = 32, m = 0.3 at 71 %
 * test top-1, while the seed's SGD 0.1 with s = 64, m = 0.5 collapsed to 3.6 %. Half width keeps
 * a browser run affordable without a GPU while leaving ResNet-18's depth intact.
 */
export const DEFAULT_CONFIG: TrainConfig = {
  backbone: 'resnet18',
  widthMultiplier: 0.5,
  inputSize: 64,
  embeddingDim: 256,
  head: 'arcface',
  scale: 32,
  margin: 0.3,
  labelSmoothing: 0.1,
  optimizer: 'adam',
  learningRate: 1e-3,
  momentum: 0.9,
  weightDecay: 5e-4,
  warmupEpochs: 1,
  epochs: 30,
  batchSize: 32,
  augment: { flip: true, brightness: 0.2, contrast: 0.2 },
  seed: 42,
};

export type PresetName = 'pretrained' | 'finetune' | 'scratch' | 'seed' | 'quick';

export interface Preset {
  label: string;
  description: string;
  config: TrainConfig;
}

export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  // Chosen on validation in a grid over dim, s, m, lr, epochs and flip (dev-lfw10to19, 5 seeds):
  // settings barely matter (test top-1 0.92–0.95 over the grid); flipped copies help a little.
  pretrained: {
    label: 'Recommended: pretrained encoder',
    description:
      'face-api.js’s pretrained 128-d face encoder, frozen, with a trained projection and ArcFace head: ' +
      'features are computed once per image, so a run takes seconds to a minute, even without a GPU.',
    config: {
      ...DEFAULT_CONFIG,
      backbone: 'face-api-frozen',
      embeddingDim: 128,
      scale: 16,
      margin: 0.5,
      epochs: 20,
      batchSize: 64,
      learningRate: 3e-3,
      warmupEpochs: 1,
      augment: { flip: true, brightness: 0, contrast: 0 },
    },
  },
  // Every encoder weight trains too (5.6 M parameters): 8.7 images/s on WASM here (883 photos ×
  // 5 epochs in 507 s). Measured with --split on dev-lfw10to19: top-1 0.948, AUC 0.985, TAR@1e-2
  // 0.906, below the frozen mode's 0.990 / 0.990 / 0.979; a low learning rate limits the damage.
  finetune: {
    label: 'Fine-tune the encoder',
    description:
      'The pretrained face encoder trained as a whole with the projection and ArcFace head, at a low learning rate: ' +
      'minutes, not seconds, and on dev-lfw10to19 it scored below the frozen encoder (test top-1 0.95 against 0.99). For experiments and larger data sets.',
    config: {
      ...DEFAULT_CONFIG,
      backbone: 'face-api-finetune',
      embeddingDim: 128,
      scale: 16,
      margin: 0.5,
      epochs: 5,
      batchSize: 16,
      learningRate: 1e-4,
      warmupEpochs: 1,
      augment: { flip: true, brightness: 0.2, contrast: 0.2 },
    },
  },
  scratch: {
    label: 'From scratch',
    description: 'ResNet-18 at half width, 64×64, ArcFace s=32 m=0.3, Adam 1e-3, 30 epochs.',
    config: DEFAULT_CONFIG,
  },
  seed: {
    label: 'Seed design',
    description:
      'The seed article exactly: ResNet-18, 128×128, ArcFace s=64 m=0.5, SGD 0.1, 50 epochs. ' +
      'Collapses on small data sets; kept for comparison.',
    config: {
      ...DEFAULT_CONFIG,
      backbone: 'resnet18',
      widthMultiplier: 1,
      inputSize: 128,
      embeddingDim: 512,
      head: 'arcface',
      scale: 64,
      margin: 0.5,
      labelSmoothing: 0.1,
      optimizer: 'sgd',
      learningRate: 0.1,
      momentum: 0.9,
      weightDecay: 5e-4,
      // The seed's CosineAnnealingLR has no warm-up.
      warmupEpochs: 0,
      epochs: 50,
      batchSize: 32,
    },
  },
  // Measured in Node on the tfjs cpu backend (2 shared cores): one batch of 32 takes ~56 s
  // (0.6 img/s; in a profiled tiny network ~70 % of a step is Conv2DBackpropFilter), so
  // "minutes" needs a real GPU or the wasm training kernels of issue 4.
  quick: {
    label: 'Quick',
    description:
      'A quarter-width ResNet-18 at 64×64 for 10 epochs: minutes on a laptop GPU, slow on CPU.',
    config: {
      ...DEFAULT_CONFIG,
      widthMultiplier: 0.25,
      embeddingDim: 128,
      epochs: 10,
    },
  },
};

export interface ConfigIssue {
  field: string;
  reason: string;
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function checkRange(
  issues: ConfigIssue[],
  field: string,
  value: unknown,
  min: number,
  max: number,
  options: { integer?: boolean; minExclusive?: boolean; maxExclusive?: boolean } = {},
): void {
  if (options.integer ? isInteger(value) : isFiniteNumber(value)) {
    const n = value as number;
    const lowOk = options.minExclusive ? n > min : n >= min;
    const highOk = options.maxExclusive ? n < max : n <= max;
    if (lowOk && highOk) return;
  }
  const kind = options.integer ? 'a whole number' : 'a number';
  const low = options.minExclusive ? `greater than ${min}` : `at least ${min}`;
  const high = options.maxExclusive ? `less than ${max}` : `at most ${max}`;
  issues.push({ field, reason: `must be ${kind} ${low} and ${high} (got ${String(value)})` });
}

function checkChoice<T>(issues: ConfigIssue[], field: string, value: T, choices: readonly T[]) {
  if (!choices.includes(value)) {
    issues.push({
      field,
      reason: `must be one of ${choices.join(', ')} (got ${String(value)})`,
    });
  }
}

/** Returns every problem with `config`; an empty list means it can be trained. */
export function validateConfig(config: TrainConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  checkChoice(issues, 'backbone', config.backbone, ALL_BACKBONES);
  if (usesImportedEncoder(config) !== (typeof config.encoderRunId === 'string')) {
    issues.push({
      field: 'encoderRunId',
      reason: usesImportedEncoder(config)
        ? 'must name the imported model that is the encoder'
        : 'applies to the imported-frozen backbone only',
    });
  }
  // Below 1/16 the narrowest layers of ResNet-18 would have fewer than 4 channels.
  checkRange(issues, 'widthMultiplier', config.widthMultiplier, 1 / 16, 2);
  checkChoice(issues, 'inputSize', config.inputSize, INPUT_SIZES);
  checkRange(issues, 'embeddingDim', config.embeddingDim, 2, 2048, { integer: true });
  checkChoice(issues, 'head', config.head, HEADS);
  checkRange(issues, 'scale', config.scale, 0, 128, { minExclusive: true });
  // With m ≥ π/2 even a perfectly aligned embedding gets cos(θ + m) ≤ 0: nothing can be learned.
  checkRange(issues, 'margin', config.margin, 0, Math.PI / 2, { maxExclusive: true });
  checkRange(issues, 'labelSmoothing', config.labelSmoothing, 0, 1, { maxExclusive: true });
  checkChoice(issues, 'optimizer', config.optimizer, OPTIMIZERS);
  checkRange(issues, 'learningRate', config.learningRate, 0, 10, { minExclusive: true });
  checkRange(issues, 'momentum', config.momentum, 0, 1, { maxExclusive: true });
  checkRange(issues, 'weightDecay', config.weightDecay, 0, 0.1);
  checkRange(issues, 'epochs', config.epochs, 1, 1000, { integer: true });
  checkRange(issues, 'warmupEpochs', config.warmupEpochs, 0, 100, { integer: true });
  // Only once epochs is itself valid, so one wrong value gives one reason.
  if (isInteger(config.warmupEpochs) && isInteger(config.epochs) && config.epochs >= 1) {
    if (config.warmupEpochs >= config.epochs) {
      issues.push({
        field: 'warmupEpochs',
        reason: `must be fewer than the ${config.epochs} epochs, or nothing is left to anneal`,
      });
    }
  }
  // BatchNorm in training mode needs at least two images to estimate a variance.
  checkRange(issues, 'batchSize', config.batchSize, 2, 512, { integer: true });
  const augment = config.augment as AugmentConfig | undefined;
  if (augment === undefined || augment === null || typeof augment !== 'object') {
    issues.push({ field: 'augment', reason: 'must be an object {flip, brightness, contrast}' });
  } else {
    if (typeof augment.flip !== 'boolean') {
      issues.push({ field: 'augment.flip', reason: 'must be true or false' });
    }
    checkRange(issues, 'augment.brightness', augment.brightness, 0, 1, { maxExclusive: true });
    checkRange(issues, 'augment.contrast', augment.contrast, 0, 1, { maxExclusive: true });
  }
  checkRange(issues, 'seed', config.seed, 0, 2 ** 32 - 1, { integer: true });
  return issues;
}

/**
 * What the Train screen starts from. Measured on dev-lfw10to19 with the reference's split (wasm):
 * the frozen pretrained encoder with a trained projection and head reached test top-1 0.990 and
 * AUC 0.990 in about a minute; from scratch, the PyTorch reference reaches 0.708 / 0.849.
 */
export const RECOMMENDED_CONFIG: TrainConfig = PRESETS.pretrained.config;

/** The network of a configuration in a few words, for run lists and pickers. */
export function describeNetwork(config: TrainConfig): string {
  if (usesImportedEncoder(config)) return `imported encoder (frozen) → ${config.embeddingDim}-d`;
  if (usesPretrainedEncoder(config)) {
    return `pretrained encoder${usesFrozenEncoder(config) ? '' : ' (fine-tuned)'} → ${config.embeddingDim}-d`;
  }
  return `${config.backbone} ×${config.widthMultiplier}, ${config.inputSize}px`;
}
