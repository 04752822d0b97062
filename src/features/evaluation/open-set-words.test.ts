import { describe, expect, it } from 'vitest';
import type { LearningPoint } from '../../ml/metrics/learning-curve';
import {
  farLabel,
  farResolution,
  learningCurveSentence,
  parseShots,
  thresholdDriftNote,
} from './open-set-words';

const point = (shots: number, dir: number, top1 = 1): LearningPoint => ({
  shots,
  photosPerPerson: Number.isFinite(shots) ? shots : 9.5,
  dirAtFar: dir,
  dir,
  far: 0.01,
  top1,
});

describe('open-set words', () => {
  it('says where more photos stop helping, or that every photo still helps', () => {
    expect(
      learningCurveSentence(
        [point(1, 0.6), point(3, 0.9), point(5, 0.955), point(Infinity, 0.96)],
        0.01,
      ),
    ).toBe(
      'From 5 photos a person on, more photos add less than 1 point: DIR at FAR 1 % is 95.5 % with 5 and 96.0 % with all of them.',
    );
    expect(learningCurveSentence([point(1, 0.6), point(Infinity, 0.9)], 0.01)).toMatch(
      /^Every photo still helps: with all of them \(9.5 a person on average\) DIR at FAR 1 % is 90.0 %/,
    );
    expect(learningCurveSentence([point(1, NaN, 0.99), point(Infinity, NaN, 0.995)], 0.01)).toMatch(
      /^From 1 photo a person on, .* top-1 is 99.0 %/,
    );
    expect(learningCurveSentence([point(Infinity, 0.9)], 0.01)).toMatch(/so there is no curve/);
  });

  it('reads the learning curve points and refuses what is not a count', () => {
    expect(parseShots('1, 2 3,5,10')).toEqual([1, 2, 3, 5, 10]);
    expect(parseShots('10 5 5')).toEqual([5, 10]);
    expect(parseShots('')).toMatch(/at least one/);
    expect(parseShots('1, two')).toMatch(/“two” is not a whole number/);
    expect(parseShots('0')).toMatch(/“0”/);
  });

  it('names FAR targets and what FAR 0.1 % means with few strangers', () => {
    expect(farLabel(0.01)).toBe('1 %');
    expect(farLabel(0.001)).toBe('0.1 %');
    expect(farResolution(60)).toBe(
      'With 60 test stranger photos one false alarm is 1.67 %, so FAR 0.1 % means none at all.',
    );
    expect(farResolution(0)).toBe('');
  });

  it('warns when test strangers get through far more often than the target', () => {
    expect(thresholdDriftNote(0.058, 0.01, 11)).toMatch(
      /^On test strangers this threshold gave a name to 5.8 %, not the 1 % aimed at/,
    );
    expect(thresholdDriftNote(0.015, 0.01, 3)).toBe('');
    expect(thresholdDriftNote(0.5, 0.01, 1)).toBe('');
  });
});
