/**
 * The one rule for cloze blanks, used by parsing, grading, GIFT, QTI, the slide renderer and
 * the print pages: `{{name}}`, spaces allowed inside the braces, the name an id of the quiz
 * format (letters or digits of any script, `_`, `-`, `.`, `:`), so `{{年份}}` and `{{a.b}}` are blanks.
 */

/** One character of an id: a letter or digit of any script, `_`, `.`, `:` or `-`. */
const ID_CHAR = String.raw`[\p{L}\p{N}_.:-]`;

/** An id of the quiz format: quiz, question, choice, item, pair and blank ids alike. */
export const RE_ID = new RegExp(`^${ID_CHAR}+$`, 'u');

/** What an id may contain, in words, for error messages. */
export const ID_RULE = 'an id is one or more letters or digits (of any script), "_", "-", "." or ":", like q1, a.b or 年份';

/** A blank in a cloze text; group 1 is its name. Global: use with `matchAll` or `replace`. */
export const RE_BLANK = new RegExp(String.raw`\{\{\s*(${ID_CHAR}+)\s*\}\}`, 'gu');

/** The names of a text's blanks, in order of appearance (a name used twice appears twice). */
export function blankNames(text: string): string[] {
  return [...text.matchAll(RE_BLANK)].map((m) => m[1]!);
}

/** Replaces each blank of `text` with what `fill(name, index)` returns (index: order of appearance). */
export function replaceBlanks(text: string, fill: (name: string, index: number) => string): string {
  let index = 0;
  return text.replace(RE_BLANK, (_, name: string) => fill(name, index++));
}

/**
 * The text cut at its blanks: literal text at even indices, blank names at odd ones, so
 * `splitBlanks('a {{x}} b')` is `['a ', 'x', ' b']` (like `String.split` with a capture group).
 */
export function splitBlanks(text: string): string[] {
  return text.split(RE_BLANK);
}

/** How a blank named `name` is written in a cloze text. */
export function writeBlank(name: string): string {
  return `{{${name}}}`;
}
