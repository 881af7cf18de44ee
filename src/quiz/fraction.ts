/** Moodle's threshold: a fraction at or above it counts as correct, so 3 × 33.33333% is correct. */
export const CORRECT_THRESHOLD = 0.999999;

/**
 * Removes floating-point noise from sums and differences of fractions, so that
 * 1 − 3 × 0.1 is 0.7 and (1/7) × 7 is 1, while a value such as 1/3 is kept exactly.
 */
export function snap(value: number): number {
  const onGrid = Math.round(value * 1e9) / 1e9;
  return Math.abs(value - onGrid) < 1e-12 ? onGrid : value;
}

/** Clamps to [0, 1] after removing floating-point noise: fractions never leave that interval. */
export function clampFraction(value: number): number {
  return Math.min(1, Math.max(0, snap(value)));
}

/** Whether a fraction counts as a correct answer (Moodle's 0.999999 threshold). */
export function isCorrect(fraction: number): boolean {
  return fraction >= CORRECT_THRESHOLD;
}
