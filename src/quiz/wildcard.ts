/**
 * The one reading of wildcards in accepted answers, used by grading, the QTI export and the
 * answer texts shown to people: `*` matches any run of characters (possibly none), `\*` is a
 * literal star, and every other character stands for itself (a lone `\` included).
 */

/** A piece of an accepted answer: a literal run of text, or `WILDCARD` for an unescaped `*`. */
export type WildcardPiece = string | typeof WILDCARD;

/** Stands for an unescaped `*` among the pieces of an answer. */
export const WILDCARD = null;

/**
 * Splits an accepted answer into literal runs and wildcards; literal runs are never empty.
 * @example wildcardPieces('carbon \\* *') // ['carbon * ', WILDCARD]
 */
export function wildcardPieces(answer: string): WildcardPiece[] {
  const pieces: WildcardPiece[] = [];
  let literal = '';
  for (let i = 0; i < answer.length; i++) {
    const ch = answer[i] as string;
    if (ch === '\\' && answer[i + 1] === '*') {
      literal += '*';
      i++;
    } else if (ch === '*') {
      if (literal) pieces.push(literal);
      pieces.push(WILDCARD);
      literal = '';
    } else {
      literal += ch;
    }
  }
  if (literal) pieces.push(literal);
  return pieces;
}

/** Whether an accepted answer has a wildcard (`*`, not `\*`). */
export function hasWildcard(answer: string): boolean {
  return wildcardPieces(answer).includes(WILDCARD);
}

/**
 * The answer's text with each wildcard replaced by `fill` and `\*` made a plain star.
 * @example fillWildcards('carbon *', '…') // 'carbon …'
 */
export function fillWildcards(answer: string, fill: string): string {
  return wildcardPieces(answer)
    .map((piece) => piece ?? fill)
    .join('');
}
