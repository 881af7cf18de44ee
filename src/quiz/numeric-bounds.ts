import type { NumericAnswer } from './types.ts';

/**
 * Where a numeric answer accepts values, shared by grading and the QTI export: bounds included,
 * each widened by a relative slack so that a decimal typed on a bound counts despite binary
 * rounding (3.141 is inside 3.1415 ± 0.0005).
 */

/** Relative slack on numeric bounds. */
export const NUMERIC_SLACK = 1e-9;

/** The bounds of a numeric answer, `[answer − tolerance, answer + tolerance]` or its range. */
export function numericBounds(answer: NumericAnswer): [number, number] {
  return 'range' in answer ? answer.range : [answer.answer - answer.tolerance, answer.answer + answer.tolerance];
}

/** Whether `value` is inside the answer's bounds: `lo ≤ value ≤ hi`, each with the relative slack. */
export function withinAnswer(value: number, answer: NumericAnswer): boolean {
  const [lo, hi] = numericBounds(answer);
  const slack = (bound: number): number => NUMERIC_SLACK * Math.max(Math.abs(bound), Math.abs(value));
  return value >= lo - slack(lo) && value <= hi + slack(hi);
}
