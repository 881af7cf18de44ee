import { blankNames } from '../blanks.ts';
import { CORRECT_THRESHOLD, snap } from '../fraction.ts';
import type {
  ClozeQuestionInput,
  MatchQuestionInput,
  MultipleQuestionInput,
  NumericAnswerInput,
  NumericQuestionInput,
  OrderQuestionInput,
  QuestionInput,
  SingleQuestionInput,
  TextQuestionInput,
} from '../input-types.ts';
import { unhandled } from '../never.ts';
import { normaliseQuestion } from '../normalise.ts';
import type { Question } from '../types.ts';
import { formatPath, isMapping } from './schema-kit.ts';
import type { DataPath } from './yaml-data.ts';

/**
 * The checks that tie several keys of a quiz file together: exactly one correct choice, an
 * answer worth full marks, ids unique in their scope, blanks both used and defined. They run
 * on questions of the right shape (the schema has passed them), so they read typed values; each
 * problem comes with the path it is about, which the caller turns into a line.
 */

export interface RuleIssue {
  path: DataPath;
  message: string;
}

type Report = (message: string, ...keys: (string | number)[]) => void;

/** What each type's checks report with, paths relative to the question. */
interface Checks {
  report: Report;
  /** Reports ids used twice among `ids`; `where(i)` is the path of the i-th. */
  unique(ids: readonly string[], where: (index: number) => DataPath): void;
  /** Reports ids used twice in the list at `keys` (their paths `[...keys, i, 'id']`). */
  uniqueIn(keys: DataPath, ids: readonly string[]): void;
}

/** `normaliseQuestion` keeps the type: the canonical form of an input of type T is a question of type T. */
const canonical = <I extends QuestionInput>(input: I) => normaliseQuestion(input) as Extract<Question, { type: I['type'] }>;

/** Reports every id used twice in one scope; `where` gives each id's path. */
function unique(ids: readonly string[], where: (index: number) => DataPath, report: (path: DataPath, message: string) => void): void {
  const first = new Map<string, number>();
  ids.forEach((id, index) => {
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, index);
    else report(where(index), `duplicate id "${id}" (already used by ${formatPath(where(earlier))})`);
  });
}

/** Reports when none of the answers is worth full marks. */
function fullMarks(fractions: readonly number[], what: string, report: Report, ...keys: (string | number)[]): void {
  if (fractions.length > 0 && !fractions.some((fraction) => fraction >= CORRECT_THRESHOLD)) {
    report(`${what} needs an answer worth full marks (fraction 1)`, ...keys);
  }
}

function choiceRules(input: SingleQuestionInput | MultipleQuestionInput, { report, uniqueIn }: Checks): void {
  const question = canonical(input);
  const choices = question.choices;
  const weighted = choices.some((choice) => choice.fraction !== undefined);
  input.choices.forEach((authored, i) => {
    const choice = choices[i];
    if (weighted && typeof authored !== 'string' && authored.correct !== undefined && choice && authored.correct !== choice.correct) {
      report(`correct: ${authored.correct} disagrees with fraction ${choice.fraction}`, 'choices', i, 'correct');
    }
  });
  uniqueIn(['choices'], choices.map((choice) => choice.id));
  if (choices.length < 2) report('a choice question needs at least two choices', 'choices');
  const correct = choices.filter((choice) => choice.correct).length;
  if (question.type === 'single' && correct !== 1) {
    report(
      weighted ? 'a single-choice question needs exactly one choice with fraction 1' : 'a single-choice question needs exactly one correct choice',
      'choices',
    );
  }
  if (question.type === 'multiple' && !weighted && correct === 0) {
    report('a multiple-choice question needs at least one correct choice', 'choices');
  }
  if (question.type === 'multiple' && weighted) {
    const total = snap(choices.reduce((sum, choice) => sum + Math.max(0, choice.fraction ?? 0), 0));
    if (total < CORRECT_THRESHOLD) {
      report(`the positive fractions must add up to 1, so that all the right choices earn full marks (they add up to ${total})`, 'choices');
    }
    if (input.type === 'multiple' && input.scoring === 'all-or-nothing') {
      report('all-or-nothing does not apply to choices with fractions: the fractions decide the score', 'scoring');
    }
  }
}

/** Where a numeric answer accepts values: exactly one of `answer` (with `tolerance`) and `range`. */
function numericTarget(value: { answer?: number; range?: unknown; tolerance?: number }, where: string, report: Report, ...keys: (string | number)[]): void {
  const hasAnswer = value.answer !== undefined;
  const hasRange = value.range !== undefined;
  if (hasAnswer && hasRange) report(`${where} takes answer (with tolerance) or range, not both`, ...keys, 'range');
  if (!hasAnswer && !hasRange) report(`missing: ${where} needs answer (with tolerance) or range`, ...keys, 'answer');
  if (hasRange && !hasAnswer && value.tolerance !== undefined) report('tolerance goes with answer, not with range', ...keys, 'tolerance');
}

function numericRules(input: NumericQuestionInput, { report }: Checks): void {
  // The schema reads every key as optional; which ones go together is checked here.
  const authored = input as { answer?: number; range?: unknown; tolerance?: number; answers?: NumericAnswerInput[] };
  if (authored.answers === undefined) {
    numericTarget(authored, 'a numeric question', report);
    return;
  }
  for (const key of ['answer', 'range', 'tolerance'] as const) {
    if (authored[key] !== undefined) report(`${key} goes inside answers when answers is given`, key);
  }
  authored.answers.forEach((answer, i) => numericTarget(answer as { answer?: number; range?: unknown }, 'a numeric answer', report, 'answers', i));
  if (authored.answers.length === 0) report('a numeric question needs at least one answer', 'answers');
  fullMarks(canonical(input).answers.map((answer) => answer.fraction), 'a numeric question', report, 'answers');
}

function textRules(input: TextQuestionInput, { report }: Checks): void {
  if (input.answers.length === 0) report('a text question needs at least one accepted answer', 'answers');
  fullMarks(canonical(input).answers.map((answer) => answer.fraction), 'a text question', report, 'answers');
}

function orderRules(input: OrderQuestionInput, { report, uniqueIn }: Checks): void {
  const { items } = canonical(input);
  uniqueIn(['items'], items.map((item) => item.id));
  if (items.length < 2) report('an order question needs at least two items', 'items');
}

function matchRules(input: MatchQuestionInput, { report, unique }: Checks): void {
  const { pairs, distractors } = canonical(input);
  // Pairs and distractors are options of one list, so their ids share one scope.
  unique(
    [...pairs.map((pair) => pair.id), ...distractors.map((d) => d.id)],
    (i) => (i < pairs.length ? ['pairs', i, 'id'] : ['distractors', i - pairs.length, 'id']),
  );
  if (pairs.length < 2) report('a match question needs at least two pairs', 'pairs');
}

function clozeRules(input: ClozeQuestionInput, { report, uniqueIn }: Checks): void {
  const used = blankNames(input.text);
  const defined = Array.isArray(input.blanks) ? input.blanks.map((blank) => blank.id) : Object.keys(input.blanks);
  if (used.length === 0) report('a cloze text needs at least one {{blank}}', 'text');
  used
    .filter((name, index) => used.indexOf(name) !== index)
    .forEach((name) => report(`blank "${name}" is used more than once; each blank takes one answer`, 'text'));
  used
    .filter((name) => !defined.includes(name))
    .forEach((name) => report(`blank "${name}" is used in the text but not defined in blanks`, 'text'));
  defined
    .filter((name) => !used.includes(name))
    .forEach((name) => report(`blank "${name}" is defined but not used in the text`, 'blanks', name));

  for (const blank of canonical(input).blanks) {
    if (blank.kind === 'choice') {
      const choiceIds = blank.choices.map((choice) => choice.id);
      uniqueIn(['blanks', blank.id, 'choices'], choiceIds);
      if (blank.choices.length < 2) report(`blank "${blank.id}" needs at least two choices`, 'blanks', blank.id, 'choices');
      if (choiceIds.length > 0 && !choiceIds.includes(blank.answer)) {
        report(`answer "${blank.answer}" is not one of the choice ids (${choiceIds.join(', ')})`, 'blanks', blank.id, 'answer');
      }
    } else {
      if (blank.answers.length === 0) report(`blank "${blank.id}" needs at least one accepted answer`, 'blanks', blank.id, 'answers');
      fullMarks(blank.answers.map((answer) => answer.fraction), `blank "${blank.id}"`, report, 'blanks', blank.id, 'answers');
    }
  }
}

/** The checks of one question of the right shape at `at` (e.g. `['questions', 2]`). */
export function questionRules(input: QuestionInput, at: DataPath): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const reportAt = (path: DataPath, message: string): void => void issues.push({ path, message });
  const checks: Checks = {
    report: (message, ...keys) => reportAt([...at, ...keys], message),
    unique: (ids, where) => unique(ids, (i) => [...at, ...where(i)], reportAt),
    uniqueIn: (keys, ids) => unique(ids, (i) => [...at, ...keys, i, 'id'], reportAt),
  };
  switch (input.type) {
    case 'single':
    case 'multiple':
      choiceRules(input, checks);
      break;
    case 'numeric':
      numericRules(input, checks);
      break;
    case 'text':
      textRules(input, checks);
      break;
    case 'order':
      orderRules(input, checks);
      break;
    case 'match':
      matchRules(input, checks);
      break;
    case 'cloze':
      clozeRules(input, checks);
      break;
    case 'truefalse':
      break;
    default:
      return unhandled(input, 'question type');
  }
  return issues;
}

/** Checks across the questions of a quiz, whatever their shape: question ids are unique. */
export function quizRules(questions: readonly unknown[]): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const withIds = questions.flatMap((question, index) =>
    isMapping(question) && typeof question['id'] === 'string' ? [{ id: question['id'], index }] : [],
  );
  unique(
    withIds.map((entry) => entry.id),
    (i) => ['questions', withIds[i]?.index ?? i, 'id'],
    (path, message) => issues.push({ path, message }),
  );
  return issues;
}
