import { grade } from './grade.ts';
import { matchesAnswer } from './text-match.ts';
import { fillWildcards } from './wildcard.ts';
import type { NumericAnswer, Question, Response, TextAnswer } from './types.ts';
import { unhandled } from './never.ts';

/** Words for true and false in the learner's language. */
export interface TruthWords {
  true: string;
  false: string;
}

/** Texts a person could type that an answer accepts: wildcards dropped, or filled where a gap needs something. */
function typings(answer: TextAnswer, caseSensitive = false): string[] {
  return [fillWildcards(answer.text, ''), fillWildcards(answer.text, 'x')].filter((text) => matchesAnswer(text, answer.text, caseSensitive));
}

/** The plainest text an answer accepts. */
function typed(answer: TextAnswer, caseSensitive = false): string {
  return typings(answer, caseSensitive)[0] ?? answer.text;
}

/** Values a numeric answer accepts, the plainest first. */
function candidates(answer: NumericAnswer): number[] {
  return 'range' in answer ? [(answer.range[0] + answer.range[1]) / 2, ...answer.range] : [answer.answer, answer.answer - answer.tolerance, answer.answer + answer.tolerance];
}

/**
 * The right answer in words, for speaker notes, answer keys and "Show answer".
 * @example answerText(question) // "More than 80%"
 */
export function answerText(question: Question, words: TruthWords = { true: 'True', false: 'False' }): string {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.choices.filter((c) => c.correct).map((c) => c.text).join('; ');
    case 'truefalse':
      return question.answer ? words.true : words.false;
    case 'numeric':
      return question.answers
        .filter((a) => a.fraction === 1)
        .map((a) => ('range' in a ? `${a.range[0]}–${a.range[1]}` : a.tolerance ? `${a.answer} ± ${a.tolerance}` : String(a.answer)))
        .join(' or ');
    case 'text':
      // The quiz's own answers: one taken from a translation (`lang`) is accepted, not shown.
      return question.answers.filter((a) => a.fraction === 1 && !a.lang).map((a) => fillWildcards(a.text, '…')).join(' / ');
    case 'order':
      return question.items.map((item, n) => `${n + 1}. ${item.text}`).join('; ');
    case 'match':
      return question.pairs.map((p) => `${p.left} → ${p.right}`).join('; ');
    case 'cloze':
      return question.blanks
        .map((b) => {
          if (b.kind === 'choice') return b.choices.find((c) => c.id === b.answer)?.text ?? '';
          const best = b.answers.find((a) => a.fraction === 1 && !a.lang);
          return best ? typed(best, b.caseSensitive) : '';
        })
        .join('; ');
    default:
      return unhandled(question, 'question type');
  }
}

/**
 * A response that earns full marks: what "Show answer" fills in.
 * @example grade(question, correctResponse(question)).fraction // 1
 */
export function correctResponse(question: Question): Response {
  switch (question.type) {
    case 'single':
      return { choice: question.choices.find((c) => c.correct)!.id };
    case 'multiple':
      return {
        choices: question.choices.filter((c) => (c.fraction === undefined ? c.correct : c.fraction > 0)).map((c) => c.id),
      };
    case 'truefalse':
      return { value: question.answer };
    case 'numeric': {
      // An earlier answer worth less may cover the same value: take a value that earns full marks.
      const values = question.answers.filter((a) => a.fraction === 1).flatMap(candidates);
      return { value: values.find((value) => grade(question, { value }).fraction === 1) ?? values[0]! };
    }
    case 'text': {
      // An earlier answer worth less may accept the same text: take a text that earns full marks.
      const texts = question.answers.filter((a) => a.fraction === 1).flatMap((a) => typings(a, question.caseSensitive));
      return { text: texts.find((text) => grade(question, { text }).fraction === 1) ?? texts[0]! };
    }
    case 'order':
      return { order: question.items.map((item) => item.id) };
    case 'match':
      // Two pairs may share a right side; the learner sees it once, under the first pair's id.
      return { matches: Object.fromEntries(question.pairs.map((p) => [p.id, question.pairs.find((q) => q.right === p.right)!.id])) };
    case 'cloze':
      return {
        blanks: Object.fromEntries(
          question.blanks.map((b) => [b.id, b.kind === 'choice' ? b.answer : typed(b.answers.find((a) => a.fraction === 1)!, b.caseSensitive)]),
        ),
      };
    default:
      return unhandled(question, 'question type');
  }
}

/** A quotation in quotation marks, unless it already starts with one (sources often do). */
export function quoted(text: string): string {
  return /^["“‘']/.test(text) ? text : `“${text}”`;
}
