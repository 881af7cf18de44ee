import { clampFraction } from './fraction.ts';

/**
 * The credit of the k-th try (k = 1, 2, …) with `penalty` p: max(0, fraction − p·(k − 1)).
 * @example tryCredit(1, 3, 0.1) // 0.8
 */
export function tryCredit(fraction: number, tryNumber: number, penalty: number): number {
  if (!Number.isInteger(tryNumber) || tryNumber < 1) {
    throw new RangeError(`tryNumber counts from 1, got ${tryNumber}`);
  }
  return clampFraction(fraction - penalty * (tryNumber - 1));
}

/** The best credit over a question's tries, in the order they were made (0 with no tries). */
export function bestCredit(fractions: readonly number[], penalty: number): number {
  return fractions.reduce((best, fraction, index) => Math.max(best, tryCredit(fraction, index + 1, penalty)), 0);
}

/** Tries still allowed after `used` tries with `attempts` per question (0 = unlimited: Infinity). */
export function remainingTries(attempts: number, used: number): number {
  return attempts === 0 ? Infinity : Math.max(0, attempts - used);
}
