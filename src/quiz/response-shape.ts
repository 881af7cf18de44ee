import { ResponseError } from './errors.ts';

/**
 * Checks on untrusted responses (they come from the UI, from saved sessions, from JSON):
 * each failure is a `ResponseError` naming the question and the fault, never a TypeError.
 */

type Plain = Record<string, unknown>;

/** How a value looks, for error messages: `null`, `an array`, `a number (42)`, … */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function' || typeof value === 'symbol') return `a ${typeof value}`;
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return `a ${typeof value} (${shown})`;
}

/** A JSON-style object: not null, not an array. */
export function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The response as an object having `key`; `example` shows the expected shape. */
export function responseField(questionId: string, response: unknown, key: string, example: string): unknown {
  if (!isPlainObject(response)) {
    throw new ResponseError(questionId, `expected a response like ${example}, got ${describe(response)}`);
  }
  if (ownValue(response, key) === undefined) {
    throw new ResponseError(questionId, `the response has no "${key}" (expected ${example})`);
  }
  return response[key];
}

/** `value` as a string, or a `ResponseError` naming `what`. */
export function expectString(questionId: string, value: unknown, what: string): string {
  if (typeof value !== 'string') {
    throw new ResponseError(questionId, `${what} must be a string, got ${describe(value)}`);
  }
  return value;
}

/** `value` as an array of strings (ids), or a `ResponseError` naming `what`. */
export function expectStringArray(questionId: string, value: unknown, what: string): string[] {
  if (!Array.isArray(value)) {
    throw new ResponseError(questionId, `${what} must be an array of ids, got ${describe(value)}`);
  }
  value.forEach((entry, i) => expectString(questionId, entry, `${what}[${i}]`));
  return value as string[];
}

/** `value` as an object whose values are strings, or a `ResponseError` naming `what`. */
export function expectRecord(questionId: string, value: unknown, what: string): Record<string, string> {
  if (!isPlainObject(value)) {
    throw new ResponseError(questionId, `${what} must be an object of ids, got ${describe(value)}`);
  }
  for (const [key, entry] of Object.entries(value)) {
    expectString(questionId, entry, `${what}.${key}`);
  }
  return value as Record<string, string>;
}

/** Throws unless `id` is one of `known`; `what` names the kind of id ("choice id"). */
export function expectKnownId(questionId: string, id: string, known: readonly string[], what: string): void {
  if (!known.includes(id)) {
    throw new ResponseError(
      questionId,
      `unknown ${what} ${JSON.stringify(id)} (expected one of ${known.join(', ')})`,
    );
  }
}

/** Throws when an id is listed twice. */
export function expectNoRepeats(questionId: string, ids: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new ResponseError(questionId, `${what} lists ${JSON.stringify(id)} twice`);
    seen.add(id);
  }
}

/** `record[key]` if it is the record's own property (never something inherited like `constructor`). */
export function ownValue<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
