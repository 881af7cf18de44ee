/**
 * The one rule for cloze blanks, used by parsing, grading, GIFT, QTI, the slide renderer and
 * the print pages: `{{name}}`, spaces allowed inside the braces, the name an id of the quiz
 * format (letters or digits of any script, `_`, `-`, `.`, `:`), so `{{年份}}` and `{{a.b}}` are blanks.
 */

/** An id of the quiz format: quiz, question, choice, item, pair and blank ids alike. */
export const RE_ID = /^[\p{L}\p{N}_.:-]+$/u;

/** A blank in a cloze text; group 1 is its name. Global: use with `matchAll` or `replace`. */
export const RE_BLANK = /\{\{\s*([\p{L}\p{N}_.:-]+)\s*\}\}/gu;

/** The names of a text's blanks, in order of appearance (a name used twice appears twice). */
export function blankNames(text: string): string[] {
  return [...text.matchAll(RE_BLANK)].map((m) => m[1]!);
}

/** Replaces each blank of `text` with what `fill(name, index)` returns (index: order of appearance). */
export function replaceBlanks(text: string, fill: (name: string, index: number) => string): string {
  let index = 0;
  return text.replace(RE_BLANK, (_, name: string) => fill(name, index++));
}
