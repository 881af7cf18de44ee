import { WILDCARD, wildcardPieces, type WildcardPiece } from './wildcard.ts';

const RE_WHITESPACE = /\s+/gu;
/** Scripts written without spaces between words (Chinese, Japanese kana), and their punctuation. */
const UNSPACED = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f`;
/** A space beside a character of those scripts: typed or not, it is the same answer. */
const RE_UNSPACED_GAP = new RegExp(String.raw`\s+(?=[${UNSPACED}])|(?<=[${UNSPACED}])\s+`, 'gu');

/**
 * Normalises a text for comparison: Unicode NFKC (full-width `ＡＢ１` is `AB1`, `，` is `,`),
 * trimmed, runs of white space made one space, no space at all next to Chinese or Japanese
 * (`国内 大循环` is `国内大循环`, `6G 技术` is `6G技术`), and case folded unless `caseSensitive`.
 */
export function normaliseText(text: string, caseSensitive = false): string {
  const spaced = text.normalize('NFKC').trim().replace(RE_WHITESPACE, ' ').replace(RE_UNSPACED_GAP, '');
  return caseSensitive ? spaced : foldCase(spaced);
}

/**
 * Approximates Unicode case folding: upper-casing first maps `ß` to `SS` and final `ς` to
 * `Σ`, so both spellings compare equal once lower-cased; NFKC again tidies what that splits.
 */
function foldCase(text: string): string {
  return text.toUpperCase().toLowerCase().normalize('NFKC');
}

/**
 * Whether `text` matches an accepted `answer` once both are normalised: `*` in the answer
 * matches any run of characters, possibly empty, and `\*` is a literal star.
 * @example matchesAnswer(' Carbon  Peaking ', 'carbon *') // true
 */
export function matchesAnswer(text: string, answer: string, caseSensitive = false): boolean {
  const subject = [...normaliseText(text, caseSensitive)];
  // One entry per code point, so a star's run is counted in characters, not UTF-16 units.
  const pattern = wildcardPieces(normaliseText(answer, caseSensitive)).flatMap((piece) => (piece === WILDCARD ? [WILDCARD] : [...piece]));
  return globMatch(subject, pattern);
}

/**
 * Linear-backtracking wildcard match over code points: on a mismatch it
 * resumes after the last star, which is O(n·m) at worst, unlike a backtracking regex.
 */
function globMatch(subject: string[], pattern: WildcardPiece[]): boolean {
  let s = 0;
  let p = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (s < subject.length) {
    if (p < pattern.length && pattern[p] !== WILDCARD && pattern[p] === subject[s]) {
      s++;
      p++;
    } else if (p < pattern.length && pattern[p] === WILDCARD) {
      starAt = p++;
      resumeAt = s;
    } else if (starAt >= 0) {
      p = starAt + 1;
      s = ++resumeAt;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === WILDCARD) p++;
  return p === pattern.length;
}
