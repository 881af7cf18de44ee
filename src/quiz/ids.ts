/** The default id of the item at `index`: a, b, …, z, aa, ab, … (like spreadsheet columns). */
export function letterId(index: number): string {
  let id = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    id = String.fromCharCode(97 + ((n - 1) % 26)) + id;
  }
  return id;
}

/** The default id of the `index`-th match distractor: x1, x2, … */
export function distractorId(index: number): string {
  return `x${index + 1}`;
}

const RE_COMBINING_MARKS = /\p{M}+/gu;
const RE_NOT_WORD = /[^\p{L}\p{N}]+/gu;
const RE_EDGE_DASHES = /^-+|-+$/g;

/**
 * A title's slug, used as a question id: lower case, accents dropped, runs of anything but
 * letters and digits made one `-`. Letters of any script are kept, so Chinese titles work.
 * @example slugify('Q1: Traditional industries') // 'q1-traditional-industries'
 */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(RE_COMBINING_MARKS, '')
    .toLowerCase()
    .replace(RE_NOT_WORD, '-')
    .replace(RE_EDGE_DASHES, '');
}
