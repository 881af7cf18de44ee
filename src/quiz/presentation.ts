import { shuffle } from './shuffle.ts';
import { grade } from './grade.ts';
import type { OrderQuestion, Question, Quiz } from './types.ts';
import { unhandled } from './never.ts';

/** The order in which a learner sees the parts of a question: lists of ids, never texts. */
export type Presentation =
  | { type: 'single' | 'multiple'; choices: string[] }
  | { type: 'order'; items: string[] }
  /** `right` holds one id per distinct right-hand text (pairs and distractors). */
  | { type: 'match'; left: string[]; right: string[] }
  /** Choice order per choice blank, keyed by blank id. */
  | { type: 'cloze'; blanks: Record<string, string[]> }
  | { type: 'truefalse' | 'numeric' | 'text' };

/** Seeded draws tried for a starting order that earns nothing, before the lowest-earning one is taken. */
const MAX_DRAWS = 32;

/** The seed of a learner's question: the same learner sees the same order after a reload. */
export function questionSeed(learner: string, quizId: string, questionId: string): string {
  return `${learner}:${quizId}:${questionId}`;
}

/**
 * The order an order question starts in: never the answer, never simply the answer reversed (a
 * learner would soon learn to flip every list), and earning as little as possible if checked as
 * it is. Tries shuffles seeded `${seed}`, `${seed}#1`, `${seed}#2`… (deterministic: the same
 * seed always gives the same order) and takes the first that grades 0, else the lowest-grading
 * draw. Under partial scoring few orders grade 0, so the view also refuses a Check before any
 * item has moved. `shuffle` itself stays an unbiased Fisher–Yates; only the choice among its
 * draws is here.
 * @example startingOrder(question, 'alice:review:focus-order') // ['emerging', 'traditional', 'future', 'advantageous']
 */
export function startingOrder(question: OrderQuestion, seed: string): string[] {
  const ids = question.items.map((item) => item.id);
  if (ids.length < 2) return ids;
  if (ids.length === 2) return [...ids].reverse();
  const reversed = [...ids].reverse().join('\u0000');
  const credit = (order: string[]) => grade(question, { order }).fraction;
  let best: string[] | undefined;
  let bestCredit = Infinity;
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const order = shuffle(ids, draw === 0 ? seed : `${seed}#${draw}`);
    if (order.join('\u0000') === reversed) continue;
    const earned = credit(order);
    if (earned === 0) return order;
    if (earned < bestCredit) [best, bestCredit] = [order, earned];
  }
  return best ?? [...ids.slice(1), ids[0]!];
}

/**
 * The order a learner sees a question's choices, items, right-hand options and blank choices in,
 * seeded from `${learner}:${quizId}:${questionId}`. With the quiz's `shuffle: false` choices keep
 * their authored order, except where that order gives the answer away: order items start in an order that earns
 * nothing ({@link startingOrder}), and match options are always shuffled (as in Moodle).
 * @example presentedOrder(quiz, quiz.questions[0], 'alice') // { type: 'single', choices: ['c', 'a', 'b'] }
 */
export function presentedOrder(quiz: Quiz, question: Question, learner: string): Presentation {
  const seed = questionSeed(learner, quiz.id, question.id);
  const arrange = (ids: string[], salt = ''): string[] => (quiz.shuffle ? shuffle(ids, seed + salt) : ids);
  switch (question.type) {
    case 'single':
    case 'multiple':
      return { type: question.type, choices: arrange(question.choices.map((choice) => choice.id)) };
    case 'order':
      return { type: 'order', items: startingOrder(question, seed) };
    case 'match': {
      const options = [
        ...question.pairs.map((pair) => ({ id: pair.id, text: pair.right })),
        ...question.distractors,
      ];
      // Two pairs may share a right side: the learner sees it once.
      const distinct = options.filter((option, i) => options.findIndex((o) => o.text === option.text) === i);
      return {
        type: 'match',
        left: arrange(question.pairs.map((pair) => pair.id)),
        right: shuffle(distinct.map((option) => option.id), `${seed}:right`),
      };
    }
    case 'cloze': {
      const blanks: Record<string, string[]> = {};
      for (const blank of question.blanks) {
        if (blank.kind === 'choice') blanks[blank.id] = arrange(blank.choices.map((c) => c.id), `:${blank.id}`);
      }
      return { type: 'cloze', blanks };
    }
    case 'truefalse':
    case 'numeric':
    case 'text':
      return { type: question.type };
    default:
      return unhandled(question, 'question type');
  }
}
