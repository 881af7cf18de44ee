import { isMap } from 'yaml';
import { CORRECT_THRESHOLD } from '../fraction.ts';
import type { Scoring } from '../types.ts';
import type { Located, MapView, YamlReader } from './yaml-reader.ts';

/** Shared by the question parsers: ids, uniqueness, fractions, scoring. */

const RE_WHITESPACE = /\s/u;

/** An id with where it was written (or defaulted), for duplicate reports. */
export interface IdAt {
  id: string;
  path: string;
  line: number;
}

/** Reads an optional `id` key, defaulting to `fallback`; ids are non-empty and without spaces. */
export function readId(view: MapView | undefined, fallback: string): string {
  const at = view?.get('id');
  if (!view || !at) return fallback;
  const id = view.reader.text(at, 'id');
  if (id === undefined) return fallback;
  if (id === '' || RE_WHITESPACE.test(id)) {
    view.reader.report(at.path, at.line, 'an id must be a non-empty text without spaces');
  }
  return id;
}

/** Reports every id used twice in one scope. */
export function checkUnique(reader: YamlReader, ids: readonly IdAt[]): void {
  const first = new Map<string, IdAt>();
  for (const entry of ids) {
    const earlier = first.get(entry.id);
    if (earlier) {
      reader.report(entry.path, entry.line, `duplicate id "${entry.id}" (already used by ${earlier.path})`);
    } else {
      first.set(entry.id, entry);
    }
  }
}

/** A `fraction` key within [min, 1], or `undefined` when absent or wrong. */
export function readFraction(view: MapView, min: -1 | 0): number | undefined {
  const fraction = view.number('fraction', 'fraction');
  if (fraction !== undefined && (fraction < min || fraction > 1)) {
    view.reader.report(view.pathOf('fraction'), view.lineOf('fraction'), `fraction must be between ${min} and 1`);
    return undefined;
  }
  return fraction;
}

/** Reports when none of a list of answers is worth full marks. */
export function requireFullMarks(view: MapView, key: string, fractions: readonly number[], what: string): void {
  if (fractions.length > 0 && !fractions.some((fraction) => fraction >= CORRECT_THRESHOLD)) {
    view.reader.report(view.pathOf(key), view.lineOf(key), `${what} needs an answer worth full marks (fraction 1)`);
  }
}

const SCORINGS: readonly Scoring[] = ['partial', 'all-or-nothing'];

/** The `scoring` key, `partial` by default. */
export function readScoring(view: MapView): Scoring {
  const scoring = view.text('scoring', 'scoring');
  if (scoring === undefined) return 'partial';
  if (!(SCORINGS as readonly string[]).includes(scoring)) {
    view.reader.report(view.pathOf('scoring'), view.lineOf('scoring'), `scoring must be "partial" or "all-or-nothing"`);
    return 'partial';
  }
  return scoring as Scoring;
}

/** A non-empty text under `key` of `view`. */
export function readNonEmptyText(view: MapView, key: string, what: string, required = true): string | undefined {
  const text = view.text(key, what, required);
  if (text !== undefined && text.trim() === '') {
    view.reader.report(view.pathOf(key), view.lineOf(key), `${what} must not be empty`);
  }
  return text;
}

/**
 * A list entry written either as a plain text or as a mapping with `keys`: returns the mapping
 * view (undefined for a plain text) and the text under `textKey`.
 */
export function readTextOrMapping(
  reader: YamlReader,
  at: Located,
  keys: readonly string[],
  textKey: string,
  what: string,
): { view?: MapView; text?: string } {
  if (isMap(reader.resolve(at.node))) {
    const view = reader.mapping(at, what);
    if (!view) return {};
    view.checkKeys(keys);
    return { view, text: readNonEmptyText(view, textKey, textKey) };
  }
  const text = reader.text(at, what);
  if (text !== undefined && text.trim() === '') reader.report(at.path, at.line, `${what} must not be empty`);
  return { text };
}
