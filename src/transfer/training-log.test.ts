import { describe, expect, it } from 'vitest';
import { EPOCH_COLUMNS, STEP_COLUMNS, epochsCsv, stepsCsv, trainingLogJson } from './training-log';
import { sampleRun } from '../storage/test-utils/run-fixtures';

const lines = (csv: string) => csv.split('\r\n').filter((line) => line !== '');

describe('training log files', () => {
  it('has a header and one row per step', () => {
    const run = sampleRun();
    const rows = lines(stepsCsv(run));
    expect(rows[0]).toBe('step,epoch,loss,accuracy,learning_rate');
    expect(rows).toHaveLength(1 + run.steps.length);
    expect(rows[3]).toBe('2,0,2.8,0.2,0.01');
    expect(STEP_COLUMNS).toHaveLength(5);
  });

  it('has a header and one row per epoch, with an empty field for a missing figure', () => {
    const run = sampleRun();
    const rows = lines(epochsCsv(run));
    expect(rows[0]).toBe(
      'epoch,train_loss,train_accuracy,val_loss,val_accuracy,learning_rate,images_per_second,seconds',
    );
    expect(rows).toHaveLength(1 + run.epochs.length);
    expect(rows[1]).toBe('0,2,0.4,2.5,,0.01,100,1.5');
    expect(rows[1]?.split(',')).toHaveLength(EPOCH_COLUMNS.length);
  });

  it('writes the JSON log with the settings, people and both tables, NaN as null', () => {
    const run = sampleRun();
    const log = JSON.parse(trainingLogJson(run, '9.9.9')) as Record<string, unknown>;
    expect(log.format).toBe('face-studio-training-log');
    expect(log.appVersion).toBe('9.9.9');
    expect(log.identities).toEqual(['Ada', 'Grace, Admiral', 'Linus']);
    expect(log.config).toEqual(run.config);
    expect(log.steps).toHaveLength(6);
    const epochs = log.epochs as { valAccuracy: number | null }[];
    expect(epochs[0]?.valAccuracy).toBeNull();
    expect(epochs[1]?.valAccuracy).toBe(0.5);
    expect(log.createdAt).toBe('2026-01-02T03:04:05.000Z');
  });
});
