import { shuffle } from './shuffle.ts';
import type { Question, Quiz } from './types.ts';
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

/** Tries before giving up on drawing an order that is not already the answer (1/2 per try for n = 2). */
const MAX_REDRAWS = 64;

/** The seed of a learner's question: the same learner sees the same order after a reload. */
export function questionSeed(learner: string, quizId: string, questionId: string): string {
  return `${learner}:${quizId}:${questionId}`;
}

/**
 * An order of the items that differs from the correct one when there are two or more:
 * redraws with derived seeds (uniform over the wrong orders), and rotates as a last resort.
 */
function scrambled(ids: readonly string[], seed: string): string[] {
  const isAnswer = (order: readonly string[]): boolean => order.every((id, i) => id === ids[i]);
  if (ids.length < 2) return [...ids];
  for (let draw = 0; draw < MAX_REDRAWS; draw++) {
    const order = shuffle(ids, draw === 0 ? seed : `${seed}:${draw}`);
    if (!isAnswer(order)) return order;
  }
  return [...ids.slice(1), ids[0] as string];
}

/**
 * The order a learner sees a question's choices, items, right-hand options and blank choices in,
 * seeded from `${learner}:${quizId}:${questionId}`. With the quiz's `shuffle: false` choices keep
 * their authored order, except where that order gives the answer away: order items are never
 * shown in the correct order, and match options are always shuffled (as in Moodle).
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
      return { type: 'order', items: scrambled(question.items.map((item) => item.id), seed) };
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
