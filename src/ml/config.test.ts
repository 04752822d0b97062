// Checks the configuration: defaults and presets are valid, the seed preset is the seed's exact
// settings, and invalid values are refused with the field and a reason.
import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, PRESETS, validateConfig, type TrainConfig } from './config';

describe('presets', () => {
  test('every preset and the default validate', () => {
    expect(validateConfig(DEFAULT_CONFIG)).toEqual([]);
    for (const preset of Object.values(PRESETS)) expect(validateConfig(preset.config)).toEqual([]);
  });

  test('the default is the setting measured to train on small data, not the seed', () => {
    expect(DEFAULT_CONFIG).toMatchObject({
      optimizer: 'adam',
      learningRate: 1e-3,
      scale: 32,
      margin: 0.3,
      weightDecay: 5e-4,
      inputSize: 64,
      head: 'arcface',
      labelSmoothing: 0.1,
    });
  });

  test('seed is the seed design exactly', () => {
    expect(PRESETS.seed.config).toMatchObject({
      backbone: 'resnet18',
      widthMultiplier: 1,
      inputSize: 128,
      embeddingDim: 512,
      head: 'arcface',
      scale: 64,
      margin: 0.5,
      optimizer: 'sgd',
      learningRate: 0.1,
      momentum: 0.9,
      weightDecay: 5e-4,
      labelSmoothing: 0.1,
      batchSize: 32,
      epochs: 50,
    });
  });

  test('quick is a small network at 64×64', () => {
    const quick = PRESETS.quick.config;
    expect(quick.inputSize).toBe(64);
    expect(quick.widthMultiplier).toBeLessThan(DEFAULT_CONFIG.widthMultiplier);
    expect(quick.epochs).toBeLessThanOrEqual(10);
  });
});

describe('validateConfig', () => {
  const withChange = (change: Partial<TrainConfig>) =>
    validateConfig({ ...DEFAULT_CONFIG, ...change });
  const fields = (change: Partial<TrainConfig>) => withChange(change).map((i) => i.field);

  test.each<[Partial<TrainConfig>, string]>([
    [{ backbone: 'vgg' as never }, 'backbone'],
    [{ widthMultiplier: 0 }, 'widthMultiplier'],
    [{ inputSize: 100 as never }, 'inputSize'],
    [{ embeddingDim: 1.5 }, 'embeddingDim'],
    [{ head: 'cosface' as never }, 'head'],
    [{ scale: 0 }, 'scale'],
    [{ margin: -0.1 }, 'margin'],
    [{ margin: 2 }, 'margin'],
    [{ labelSmoothing: 1 }, 'labelSmoothing'],
    [{ optimizer: 'rmsprop' as never }, 'optimizer'],
    [{ learningRate: 0 }, 'learningRate'],
    [{ learningRate: Number.NaN }, 'learningRate'],
    [{ momentum: 1 }, 'momentum'],
    [{ weightDecay: -1e-4 }, 'weightDecay'],
    [{ epochs: 0 }, 'epochs'],
    [{ warmupEpochs: 30 }, 'warmupEpochs'],
    [{ batchSize: 1 }, 'batchSize'],
    [{ augment: { flip: true, brightness: 1.5, contrast: 0.2 } }, 'augment.brightness'],
    [{ augment: { flip: true, brightness: 0.2, contrast: -0.2 } }, 'augment.contrast'],
    [{ seed: -1 }, 'seed'],
  ])('refuses %o in %s with a reason', (change, field) => {
    const issues = withChange(change);
    expect(issues.map((i) => i.field)).toEqual([field]);
    expect(issues[0]?.reason).toMatch(/must/);
  });

  test('reports every problem at once', () => {
    expect(fields({ epochs: 0, batchSize: 0, scale: -1 }).sort()).toEqual(
      ['batchSize', 'epochs', 'scale'].sort(),
    );
  });

  test('the reason names the bound and the value', () => {
    expect(withChange({ batchSize: 1 })[0]?.reason).toBe(
      'must be a whole number at least 2 and at most 512 (got 1)',
    );
  });
});
