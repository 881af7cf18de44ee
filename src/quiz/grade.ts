import { ResponseError } from './errors.ts';
import { clampFraction, isCorrect, snap } from './fraction.ts';
import {
  describe,
  expectKnownId,
  expectNoRepeats,
  expectRecord,
  expectString,
  expectStringArray,
  ownValue,
  responseField,
} from './response-shape.ts';
import { withinAnswer } from './numeric-bounds.ts';
import { matchesAnswer } from './text-match.ts';
import type {
  Choice,
  ClozeBlank,
  ClozeQuestion,
  GradeResult,
  MatchQuestion,
  MultipleQuestion,
  NumericQuestion,
  OrderQuestion,
  Question,
  ResponseFor,
  SingleQuestion,
  TextAnswer,
  TextQuestion,
  TrueFalseQuestion,
} from './types.ts';
import { unhandled } from './never.ts';

/** What each type's grader works out before the common rules (clamping, score, threshold). */
interface Marking {
  fraction: number;
  feedback: (string | undefined)[];
  parts?: Record<string, number>;
}

/**
 * Grades one response to one question, in canonical form (from `parseQuizBank`, `parseGift` or
 * `normaliseQuestion`). Pure: same inputs, same result.
 * Throws `ResponseError` for a response of the wrong shape (unknown id, missing field, wrong type).
 * @example grade(question, { choice: 'b' }) // { fraction: 1, score: 1, maxScore: 1, correct: true, feedback: [...] }
 */
export function grade<Q extends Question>(question: Q, response: ResponseFor<Q>): GradeResult {
  const marking = mark(question, response);
  const fraction = clampFraction(marking.fraction);
  return {
    fraction,
    score: snap(fraction * question.points),
    maxScore: question.points,
    correct: isCorrect(fraction),
    feedback: marking.feedback.filter((text): text is string => Boolean(text)),
    ...(marking.parts ? { parts: marking.parts } : {}),
  };
}

function mark(question: Question, response: unknown): Marking {
  switch (question.type) {
    case 'single':
      return markSingle(question, response);
    case 'multiple':
      return markMultiple(question, response);
    case 'truefalse':
      return markTrueFalse(question, response);
    case 'numeric':
      return markNumeric(question, response);
    case 'text':
      return markText(question, response);
    case 'order':
      return markOrder(question, response);
    case 'match':
      return markMatch(question, response);
    case 'cloze':
      return markCloze(question, response);
    default:
      return unhandled(question, 'question type');
  }
}

/** Weighted choice questions (any `fraction:` given) follow Moodle's sum rule. */
function isWeighted(choices: readonly Choice[]): boolean {
  return choices.some((choice) => choice.fraction !== undefined);
}

function markSingle(question: SingleQuestion, response: unknown): Marking {
  const id = expectString(question.id, responseField(question.id, response, 'choice', '{ choice: "a" }'), '"choice"');
  const ids = question.choices.map((choice) => choice.id);
  expectKnownId(question.id, id, ids, 'choice id');
  const chosen = question.choices.find((choice) => choice.id === id) as Choice;
  return { fraction: chosen.fraction ?? (chosen.correct ? 1 : 0), feedback: [chosen.feedback] };
}

function markMultiple(question: MultipleQuestion, response: unknown): Marking {
  const picked = expectStringArray(
    question.id,
    responseField(question.id, response, 'choices', '{ choices: ["a", "c"] }'),
    '"choices"',
  );
  const ids = question.choices.map((choice) => choice.id);
  picked.forEach((id) => expectKnownId(question.id, id, ids, 'choice id'));
  expectNoRepeats(question.id, picked, '"choices"');
  const chosen = question.choices.filter((choice) => picked.includes(choice.id));
  const feedback = chosen.map((choice) => choice.feedback);

  if (isWeighted(question.choices)) {
    return { fraction: chosen.reduce((sum, choice) => sum + (choice.fraction ?? 0), 0), feedback };
  }
  const right = question.choices.filter((choice) => choice.correct).length;
  const wrong = question.choices.length - right;
  const hits = chosen.filter((choice) => choice.correct).length;
  const misses = chosen.length - hits;
  if (question.scoring === 'all-or-nothing') {
    return { fraction: hits === right && misses === 0 ? 1 : 0, feedback };
  }
  return { fraction: hits / right - (wrong > 0 ? misses / wrong : 0), feedback };
}

function markTrueFalse(question: TrueFalseQuestion, response: unknown): Marking {
  const value = responseField(question.id, response, 'value', '{ value: true }');
  if (typeof value !== 'boolean') {
    throw new ResponseError(question.id, `"value" must be true or false, got ${describe(value)}`);
  }
  return {
    fraction: value === question.answer ? 1 : 0,
    feedback: [value ? question.feedbackTrue : question.feedbackFalse],
  };
}

function markNumeric(question: NumericQuestion, response: unknown): Marking {
  const value = responseField(question.id, response, 'value', '{ value: 80 }');
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ResponseError(question.id, `"value" must be a finite number, got ${describe(value)}`);
  }
  const hit = question.answers.find((answer) => withinAnswer(value, answer));
  return hit
    ? { fraction: hit.fraction, feedback: [hit.feedback] }
    : { fraction: 0, feedback: [question.otherFeedback] };
}

/** The first accepted answer, in order, that `text` matches. */
function firstMatch(text: string, answers: readonly TextAnswer[], caseSensitive: boolean): TextAnswer | undefined {
  return answers.find((answer) => matchesAnswer(text, answer.text, caseSensitive));
}

function markText(question: TextQuestion, response: unknown): Marking {
  const text = expectString(question.id, responseField(question.id, response, 'text', '{ text: "…" }'), '"text"');
  const hit = firstMatch(text, question.answers, question.caseSensitive);
  return { fraction: hit?.fraction ?? 0, feedback: [hit?.feedback] };
}

function markOrder(question: OrderQuestion, response: unknown): Marking {
  const order = expectStringArray(
    question.id,
    responseField(question.id, response, 'order', '{ order: ["c", "a", "b"] }'),
    '"order"',
  );
  const ids = question.items.map((item) => item.id);
  order.forEach((id) => expectKnownId(question.id, id, ids, 'item id'));
  expectNoRepeats(question.id, order, '"order"');
  if (order.length !== ids.length) {
    const missing = ids.filter((id) => !order.includes(id));
    throw new ResponseError(question.id, `"order" must list every item once; missing ${missing.join(', ')}`);
  }
  const rank = new Map(ids.map((id, index) => [id, index]));
  let inOrder = 0;
  let pairs = 0;
  for (let i = 0; i < order.length; i++) {
    for (let j = i + 1; j < order.length; j++) {
      pairs++;
      if ((rank.get(order[i] as string) ?? 0) < (rank.get(order[j] as string) ?? 0)) inOrder++;
    }
  }
  if (question.scoring === 'all-or-nothing') return { fraction: inOrder === pairs ? 1 : 0, feedback: [] };
  return { fraction: pairs === 0 ? 1 : inOrder / pairs, feedback: [] };
}

function markMatch(question: MatchQuestion, response: unknown): Marking {
  const matches = expectRecord(
    question.id,
    responseField(question.id, response, 'matches', '{ matches: { a: "b" } }'),
    '"matches"',
  );
  const leftIds = question.pairs.map((pair) => pair.id);
  // Each option's right-hand text: a pair's right side, or a distractor.
  const rightText = new Map<string, string>([
    ...question.pairs.map((pair): [string, string] => [pair.id, pair.right]),
    ...question.distractors.map((d): [string, string] => [d.id, d.text]),
  ]);
  for (const [left, right] of Object.entries(matches)) {
    expectKnownId(question.id, left, leftIds, 'left pair id');
    expectKnownId(question.id, right, [...rightText.keys()], 'right-side id');
  }
  // Compare texts, not ids: two pairs may share a right side (Moodle allows it).
  const parts: Record<string, number> = {};
  for (const pair of question.pairs) {
    const chosen = ownValue(matches, pair.id);
    parts[pair.id] = chosen !== undefined && rightText.get(chosen) === pair.right ? 1 : 0;
  }
  const earned = Object.values(parts).reduce((sum, credit) => sum + credit, 0);
  return { fraction: earned / question.pairs.length, feedback: [], parts };
}

function markBlank(question: ClozeQuestion, blank: ClozeBlank, value: string | undefined): Marking {
  if (blank.kind === 'text') {
    const hit = value === undefined ? undefined : firstMatch(value, blank.answers, blank.caseSensitive);
    return { fraction: hit?.fraction ?? 0, feedback: [hit?.feedback] };
  }
  // An empty value is an unanswered list (a select left on its blank option).
  if (value === undefined || value === '') return { fraction: 0, feedback: [] };
  const ids = blank.choices.map((choice) => choice.id);
  expectKnownId(question.id, value, ids, `choice id for blank "${blank.id}"`);
  const chosen = blank.choices.find((choice) => choice.id === value) as (typeof blank.choices)[number];
  const credit = chosen.id === blank.answer ? 1 : clampFraction(chosen.fraction ?? 0);
  return { fraction: credit, feedback: [chosen.feedback] };
}

function markCloze(question: ClozeQuestion, response: unknown): Marking {
  const filled = expectRecord(
    question.id,
    responseField(question.id, response, 'blanks', '{ blanks: { name: "…" } }'),
    '"blanks"',
  );
  const blankIds = question.blanks.map((blank) => blank.id);
  Object.keys(filled).forEach((id) => expectKnownId(question.id, id, blankIds, 'blank'));
  const parts: Record<string, number> = {};
  const feedback: (string | undefined)[] = [];
  for (const blank of question.blanks) {
    const marking = markBlank(question, blank, ownValue(filled, blank.id));
    parts[blank.id] = clampFraction(marking.fraction);
    feedback.push(...marking.feedback);
  }
  const earned = Object.values(parts).reduce((sum, credit) => sum + credit, 0);
  return { fraction: earned / question.blanks.length, feedback, parts };
}
