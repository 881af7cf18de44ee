/**
 * QTI identifiers: every id of the quiz becomes an XML NCName, plainly ASCII and unique in its
 * scope, so any id the quiz format allows (年份, a.b, q:1) makes a valid package.
 */

const RE_NOT_NAME_CHAR = /[^A-Za-z0-9._-]+/g;
const RE_NAME_START = /^[A-Za-z_]/;
const RE_COMBINING_MARKS = /\p{M}+/gu;

/** Hands out identifiers unique in one scope (an item, the package). */
export type Names = (raw: string) => string;

/** An id made safe as an XML NCName, plainly ASCII: `é` → `e`, other characters → `_`. */
export function ncName(raw: string): string {
  const ascii = raw.normalize('NFKD').replace(RE_COMBINING_MARKS, '').replace(RE_NOT_NAME_CHAR, '_');
  return RE_NAME_START.test(ascii) ? ascii : `_${ascii}`;
}

/** Hands out NCNames unique within one scope (an item, the package), keeping ids as written where it can. */
export function createNames(reserved: Iterable<string> = []): Names {
  const used = new Set(reserved);
  return (raw: string): string => {
    const base = ncName(raw);
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    return name;
  };
}

/** Variables every item declares, and the feedback id of the explanation: no choice may take them. */
export const RESERVED = ['RESPONSE', 'SCORE', 'MAXSCORE', 'FEEDBACK', 'EXPLANATION', 'completionStatus', 'numAttempts', 'duration'];

