const RE_WHITESPACE = /\s+/gu;

/**
 * Normalises a text for comparison: Unicode NFKC, trimmed, runs of white space made one
 * space, and case folded unless `caseSensitive`. So full-width `ＡＢ１` equals `ab1`.
 */
export function normaliseText(text: string, caseSensitive = false): string {
  const spaced = text.normalize('NFKC').trim().replace(RE_WHITESPACE, ' ');
  return caseSensitive ? spaced : foldCase(spaced);
}

/**
 * Approximates Unicode case folding: upper-casing first maps `ß` to `SS` and final `ς` to
 * `Σ`, so both spellings compare equal once lower-cased; NFKC again tidies what that splits.
 */
function foldCase(text: string): string {
  return text.toUpperCase().toLowerCase().normalize('NFKC');
}

/** A pattern's pieces: literal runs, and `null` for each unescaped `*`. */
type Token = string | null;

function tokenise(pattern: string): Token[] {
  const tokens: Token[] = [];
  let literal = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && pattern[i + 1] === '*') {
      literal += '*';
      i++;
    } else if (ch === '*') {
      tokens.push(...(literal ? [literal] : []), null);
      literal = '';
    } else {
      literal += ch;
    }
  }
  if (literal) tokens.push(literal);
  return tokens;
}

/**
 * Whether `text` matches an accepted `answer` once both are normalised: `*` in the answer
 * matches any run of characters, possibly empty, and `\*` is a literal star.
 * @example matchesAnswer(' Carbon  Peaking ', 'carbon *') // true
 */
export function matchesAnswer(text: string, answer: string, caseSensitive = false): boolean {
  const subject = [...normaliseText(text, caseSensitive)];
  const pattern: (string | null)[] = tokenise(normaliseText(answer, caseSensitive)).flatMap(
    (token) => (token === null ? [null] : [...token]),
  );
  return globMatch(subject, pattern);
}

/**
 * Linear-backtracking wildcard match over code points (`null` = star): on a mismatch it
 * resumes after the last star, which is O(n·m) at worst, unlike a backtracking regex.
 */
function globMatch(subject: string[], pattern: (string | null)[]): boolean {
  let s = 0;
  let p = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (s < subject.length) {
    if (p < pattern.length && pattern[p] !== null && pattern[p] === subject[s]) {
      s++;
      p++;
    } else if (p < pattern.length && pattern[p] === null) {
      starAt = p++;
      resumeAt = s;
    } else if (starAt >= 0) {
      p = starAt + 1;
      s = ++resumeAt;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === null) p++;
  return p === pattern.length;
}
