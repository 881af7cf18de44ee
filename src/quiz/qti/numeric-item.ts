import { clampFraction } from '../fraction.ts';
import { NUMERIC_SLACK, numericBounds } from '../numeric-bounds.ts';
import type { NumericQuestion } from '../types.ts';
import { Inexpressible, type Feedback, type ItemParts } from './item-parts.ts';
import type { Names } from './names.ts';
import { baseValue, condition, pointsOf, responseDeclaration, setScore, showFeedbackId, variable, whenAnswered, type Branch } from './processing.ts';
import { el, formatNumber, paragraphs, type XmlNode } from './xml.ts';

/** A numeric item: a float entry, each answer's bounds as gte/lte, the first that holds scores. */

/** `[lo, hi]` widened by the engine's relative slack, as float literals. */
function slackBounds(lo: number, hi: number): [number, number] {
  return [lo - NUMERIC_SLACK * Math.abs(lo), hi + NUMERIC_SLACK * Math.abs(hi)];
}

export function numericItem(question: NumericQuestion, names: Names): ItemParts {
  const { points, answers } = question;
  const feedback: Feedback[] = [];
  const branches = answers.map((answer, i): Branch => {
    const [lo, hi] = numericBounds(answer);
    if (![lo, hi, answer.fraction].every(Number.isFinite)) throw new Inexpressible('a numeric answer is not a finite number');
    const [low, high] = slackBounds(lo, hi);
    const then = [setScore(pointsOf(clampFraction(answer.fraction), points))];
    if (answer.feedback) {
      const id = names(`ANSWER_${i + 1}`);
      feedback.push({ id, text: answer.feedback });
      then.push(showFeedbackId(id));
    }
    const within = el(
      'and',
      {},
      el('gte', {}, variable('RESPONSE'), baseValue('float', low)),
      el('lte', {}, variable('RESPONSE'), baseValue('float', high)),
    );
    return { when: within, then };
  });
  const otherwise: XmlNode[] = [];
  if (question.otherFeedback) {
    const id = names('OTHER');
    otherwise.push(showFeedbackId(id));
    feedback.push({ id, text: question.otherFeedback });
  }
  const best = [...answers].sort((a, b) => b.fraction - a.fraction)[0];
  const correct = best === undefined || best.fraction <= 0 ? [] : ['range' in best ? (best.range[0] + best.range[1]) / 2 : best.answer];
  return {
    responses: [responseDeclaration('RESPONSE', 'single', 'float', correct.map(formatNumber))],
    body: [...paragraphs(question.prompt), el('p', {}, el('textEntryInteraction', { responseIdentifier: 'RESPONSE' }))],
    processing: branches.length > 0 ? whenAnswered('RESPONSE', [condition(branches, otherwise)]) : [],
    feedback,
  };
}

