import {
  array,
  boolean,
  check,
  custom,
  finite,
  lazy,
  looseObject,
  number,
  pipe,
  rawCheck,
  regex,
  string,
  type BaseIssue,
  type GenericSchema,
  type ObjectEntries,
} from 'valibot';
import { ID_RULE, RE_ID } from '../blanks.ts';
import type { DataPath } from './yaml-data.ts';

/**
 * Valibot schemas that speak the quiz format's language: each names what it reads, so a problem
 * reads `points must be a number, got the text "many"` or `missing: prompt`, never a library's
 * message. Shared by the quiz file's schema and nothing else: saved sessions and GIFT metadata
 * come from JSON and say things differently.
 */

type Plain = Record<string, unknown>;

export const isMapping = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

/** How a value read from YAML looks, for messages: `nothing`, `a list`, `the text "x"`, `number 5`… */
export function kind(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

/** `<what> must be <expected>, got <what it is>`. */
const mustBe = (what: string, expected: string) => (issue: BaseIssue<unknown>) => `${what} must be ${expected}, got ${kind(issue.input)}`;

export const text = (what: string) => string(mustBe(what, 'a text'));

export const nonEmptyText = (what: string) => pipe(text(what), check((value) => value.trim() !== '', `${what} must not be empty`));

export const num = (what: string) => pipe(number(mustBe(what, 'a number')), finite(mustBe(what, 'a number')));

/** A number that `test` accepts; otherwise `<key> must be <rule> (got <value>)`. */
export const bounded = (key: string, test: (value: number) => boolean, rule: string) =>
  pipe(num(key), check(test, (issue) => `${key} must be ${rule} (got ${String(issue.input)})`));

export const bool = (what: string) => boolean(mustBe(what, 'true or false'));

export const list = <T extends GenericSchema>(item: T, what: string) => array(item, mustBe(what, 'a list'));

/** An id of the quiz format (see `RE_ID`): the message says what an id may contain. */
export const id = (what = 'id') =>
  pipe(text(what), regex(RE_ID, (issue) => `${JSON.stringify(issue.input)} is not an id: ${ID_RULE}`));

/** Levenshtein distance, to suggest the key an author probably meant. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** `unknown key "x"`, with the key the author probably meant, or the keys allowed there. */
export function unknownKey(key: string, allowed: readonly string[]): string {
  const near = allowed.filter((candidate) => distance(candidate.toLowerCase(), key.toLowerCase()) <= 2);
  const hint = near.length === 1 ? `did you mean "${near[0]}"?` : `expected one of: ${allowed.join(', ')}`;
  return `unknown key "${key}"; ${hint}`;
}

/** A check that reports every key of a mapping that `allowedFor` does not list (all of them, not only the first). */
export function knownKeys<T>(allowedFor: (value: Plain) => readonly string[] | undefined) {
  return rawCheck<T>(({ dataset, addIssue }) => {
    const value: unknown = dataset.value;
    if (!isMapping(value)) return;
    const allowed = allowedFor(value);
    if (!allowed) return;
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        addIssue({ message: unknownKey(key, allowed), path: [{ type: 'object', origin: 'key', input: value, key, value: value[key] }] });
      }
    }
  });
}

/** The entries of a mapping; `missing` says what a required key holds, for `missing: <it>`. */
export function entries<E extends ObjectEntries>(fields: E, missing: { [K in keyof E]?: string } = {}) {
  return looseObject(fields, (issue) => {
    const key = String(issue.path?.[0]?.key ?? '');
    return `missing: ${missing[key as keyof E] ?? key}`;
  });
}

/**
 * A mapping of `fields` and nothing else: reports what is not a mapping, each required key
 * that is missing and every unknown key.
 */
export function mapping<E extends ObjectEntries>(what: string, fields: E, missing: { [K in keyof E]?: string } = {}) {
  const allowed = Object.keys(fields);
  return pipe(
    custom<Plain>(isMapping, mustBe(what, 'a mapping (key: value lines)')),
    entries(fields, missing),
    knownKeys(() => allowed),
  );
}

/** A list entry written as its text alone or as a mapping (`- Ships` or `- { text: Ships, correct: true }`). */
export function textOrMapping<T extends GenericSchema>(what: string, asMapping: T) {
  return lazy((input) => (isMapping(input) ? asMapping : nonEmptyText(what)));
}

/** A valibot issue's path as keys and indexes. */
export function issueKeys(issue: BaseIssue<unknown>): (string | number)[] {
  return (issue.path ?? []).map((item) => item.key as string | number);
}

/** A path as the contract writes it: `questions[2].choices[0].id`. */
export function formatPath(path: DataPath): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
}
