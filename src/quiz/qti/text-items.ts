import { clampFraction } from '../fraction.ts';
import { matchesAnswer, normaliseText } from '../text-match.ts';
import type { TextAnswer, TextQuestion } from '../types.ts';
import { fillWildcards, hasWildcard, WILDCARD, wildcardPieces } from '../wildcard.ts';
import type { Feedback, ItemParts } from './item-parts.ts';
import type { Names } from './names.ts';
import { addScore, baseValue, condition, pointsOf, responseDeclaration, setScore, showFeedbackId, variable, whenAnswered, type Branch } from './processing.ts';
import { el, paragraphs, type XmlNode } from './xml.ts';

/**
 * Typed answers: exact answers as stringMatch, wildcard answers (see `wildcard.ts`) as an XML
 * Schema patternMatch, tried in order as the engine does. Shared by text questions and text blanks.
 */

// Metacharacters of XML Schema regular expressions outside a character class (no anchors there).
const RE_XSD_META = /[\\.?*+()|[\]{}]/g;

/** The plainest text an answer accepts: wildcards left empty, or filled where a gap needs something. */
function plainTyping(answer: TextAnswer, caseSensitive: boolean): string {
  const fill = (filler: string): string => fillWildcards(normaliseText(answer.text, true), filler);
  const empty = fill('');
  return matchesAnswer(empty, answer.text, caseSensitive) ? empty : fill('x');
}

/**
 * One literal character as an XML Schema regex atom; case-insensitively `[aA]`. Reports
 * letters whose other case is several letters (`ß`/`SS`), which a class cannot say.
 */
function regexChar(ch: string, caseSensitive: boolean, approximate: (why: string) => void): string {
  if (/\s/.test(ch)) return '\\s+';
  const escaped = ch.replace(RE_XSD_META, '\\$&');
  if (caseSensitive) return escaped;
  const forms = [ch, ch.toLowerCase(), ch.toUpperCase()];
  if (forms.some((form) => [...form].length !== 1)) approximate(`"${ch}" changes length when its case changes`);
  const variants = [...new Set(forms.filter((form) => [...form].length === 1))];
  return variants.length > 1 ? `[${variants.join('')}]` : escaped;
}

/** A wildcard answer as a whole-string XML Schema pattern (patternMatch is case-sensitive). */
function answerPattern(text: string, caseSensitive: boolean, approximate: (why: string) => void): string {
  const body = wildcardPieces(normaliseText(text, true))
    .map((piece) => (piece === WILDCARD ? '.*' : [...piece].map((ch) => regexChar(ch, caseSensitive, approximate)).join('')))
    .join('');
  // The engine trims and joins runs of white space; the pattern lets them be.
  return `\\s*${body}\\s*`;
}

/** Condition that `response` matches one accepted text, as the engine's `matchesAnswer` does. */
function textCondition(response: string, answer: TextAnswer, caseSensitive: boolean, approximate: (why: string) => void): XmlNode {
  if (hasWildcard(normaliseText(answer.text, true))) {
    return el('patternMatch', { pattern: answerPattern(answer.text, caseSensitive, approximate) }, variable(response));
  }
  const literal = fillWildcards(normaliseText(answer.text, true), '');
  return el('stringMatch', { caseSensitive }, variable(response), baseValue('string', literal));
}

/**
 * Accepted texts in order, the first that matches counts: `credit(fraction)` gives the rules
 * that award it. Shared by text questions and text blanks.
 */
export function textRules(
  response: string,
  answers: readonly TextAnswer[],
  caseSensitive: boolean,
  names: Names,
  feedbackPrefix: string,
  credit: (fraction: number) => XmlNode[],
  approximate: (why: string) => void,
): { rules: XmlNode[]; feedback: Feedback[] } {
  const feedback: Feedback[] = [];
  const branches = answers.map((answer, i): Branch => {
    const then = credit(clampFraction(answer.fraction));
    if (answer.feedback) {
      const id = names(`${feedbackPrefix}ANSWER_${i + 1}`);
      feedback.push({ id, text: answer.feedback });
      then.push(showFeedbackId(id));
    }
    // A branch with no rule would be empty; a no-op keeps it valid and still stops the search.
    if (then.length === 0) then.push(addScore(baseValue('float', 0)));
    return { when: textCondition(response, answer, caseSensitive, approximate), then };
  });
  return { rules: branches.length > 0 ? whenAnswered(response, [condition(branches)]) : [], feedback };
}

/** The first full-credit answer (else the best), as a learner would type it. */
export function correctText(answers: readonly TextAnswer[], caseSensitive: boolean): string[] {
  const best = answers.find((a) => a.fraction >= 1) ?? [...answers].sort((a, b) => b.fraction - a.fraction)[0];
  return best === undefined || best.fraction <= 0 ? [] : [plainTyping(best, caseSensitive)];
}

export function textItem(question: TextQuestion, names: Names): ItemParts {
  const reasons = new Set<string>();
  const { rules, feedback } = textRules(
    'RESPONSE',
    question.answers,
    question.caseSensitive,
    names,
    '',
    (fraction) => [setScore(pointsOf(fraction, question.points))],
    (why) => reasons.add(why),
  );
  return {
    responses: [responseDeclaration('RESPONSE', 'single', 'string', correctText(question.answers, question.caseSensitive))],
    body: [...paragraphs(question.prompt), el('p', {}, el('textEntryInteraction', { responseIdentifier: 'RESPONSE' }))],
    processing: rules,
    feedback,
    approximated: reasons.size > 0 ? `case-insensitive matching: ${[...reasons].join('; ')}` : undefined,
  };
}

