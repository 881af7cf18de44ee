import { describe, expect, it } from 'vitest';
import { formatScore, pluralOf } from '../../../src/ui/format.ts';

describe('scores as a learner reads them', () => {
  it('rounds to two decimals at most, without trailing zeros', () => {
    expect(formatScore(8 / 3)).toBe('2.67');
    expect(formatScore(2.5)).toBe('2.5');
    expect(formatScore(9)).toBe('9');
    expect(formatScore(0.1 + 0.2)).toBe('0.3');
    expect(formatScore(-0.001)).toBe('0');
  });

  it('knows that 1 is singular', () => {
    expect(pluralOf(1)).toBe('one');
    expect(pluralOf(2)).toBe('other');
    expect(pluralOf(0)).toBe('other');
  });
});
