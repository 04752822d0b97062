import { describe, expect, it } from 'vitest';
import { nameProblem, normalizeName } from './identity-name';

const people = [
  { id: 'a', name: 'Ada Lovelace' },
  { id: 'b', name: 'Alan Turing' },
];

describe('identity names', () => {
  it('accepts a new free-text name', () => {
    expect(nameProblem('Grace Hopper', people)).toBeNull();
    expect(nameProblem('José Ñúñez 2', people)).toBeNull();
  });

  it('refuses empty and blank names', () => {
    expect(nameProblem('', people)).toMatch(/empty/);
    expect(nameProblem('   ', people)).toMatch(/empty/);
  });

  it('refuses duplicates regardless of case and spacing', () => {
    expect(nameProblem('ada lovelace', people)).toMatch(/already a person called “Ada Lovelace”/);
    expect(nameProblem('  Alan   Turing ', people)).toMatch(/already/);
  });

  it('lets a person keep their own name when renaming', () => {
    expect(nameProblem('ADA LOVELACE', people, 'a')).toBeNull();
  });

  it('refuses names that cannot be folder names and overly long names', () => {
    expect(nameProblem('a/b', people)).toMatch(/cannot contain/);
    expect(nameProblem('x'.repeat(81), people)).toMatch(/at most 80/);
  });

  it('normalises spacing', () => {
    expect(normalizeName('  Ada   Lovelace ')).toBe('Ada Lovelace');
  });
});
