import { check, custom, length, lazy, literal, minLength, optional, picklist, pipe, record, unknown, variant, type GenericSchema, type ObjectEntries } from 'valibot';
import { QUESTION_LEVELS, type QuestionType } from '../types.ts';
import {
  bool,
  bounded,
  entries,
  id,
  isMapping,
  kind,
  knownKeys,
  list,
  mapping,
  nonEmptyText,
  num,
  text,
  textOrMapping,
} from './schema-kit.ts';

/**
 * The shape of a quiz file (`QuizInput`) as valibot schemas: keys, types, ranges and ids, each
 * problem in the contract's words. What ties several keys together (exactly one correct choice,
 * blanks used and defined, ids unique…) is checked afterwards, on questions of the right shape,
 * in `quiz-rules.ts`. The schemas are built on first use: code that never reads a quiz file
 * (the browser) does not build them.
 */

/** Keys whose plain values are numbers or true/false; any other plain scalar is read as text, as written. */
const VALUE_KEYS: ReadonlySet<string> = new Set([
  'pass',
  'shuffle',
  'own',
  'attempts',
  'penalty',
  'points',
  'tolerance',
  'range',
  'fraction',
  'correct',
  'caseSensitive',
  'answer',
]);

/** A blank's `answer` beside its `choices` is a choice id (`answer: 2` is the id "2"); elsewhere `answer` is a number or true/false. */
export const isValueKey = (key: string, siblings: readonly string[]): boolean =>
  VALUE_KEYS.has(key) && !(key === 'answer' && siblings.includes('choices'));

const between = (min: number) => (n: number) => n >= min && n <= 1;

/** A `fraction` key within [min, 1]. */
const fraction = (min: -1 | 0) => pipe(num('fraction'), check(between(min), `fraction must be between ${min} and 1`));

const scoring = () => picklist(['partial', 'all-or-nothing'], 'scoring must be "partial" or "all-or-nothing"');

const tolerance = () =>
  pipe(num('tolerance'), check((n: number) => n >= 0, (issue) => `tolerance must not be negative (got ${String(issue.input)})`));

/** `[min, max]` with min ≤ max. Valibot reads it as a list of numbers; the checks make it a pair. */
const range = () =>
  pipe(
    list(num('a range bound'), 'range'),
    length(2, (issue) => `range must be [min, max], got ${(issue.input as unknown[]).length} values`),
    check(
      (bounds) => (bounds[0] as number) <= (bounds[1] as number),
      (issue) => {
        const [min, max] = issue.input as number[];
        return `the range is empty: its minimum ${min} is above its maximum ${max}`;
      },
    ),
  ) as unknown as GenericSchema<unknown, [number, number]>;

const feedback = () => optional(text('feedback'));

/** The fields every question has; a cloze may leave its prompt out and say everything in `text`. */
function baseFields<T extends QuestionType>(type: T) {
  return {
    id: id(),
    type: literal(type),
    points: optional(bounded('points', (n) => n > 0, 'a positive number')),
    prompt: type === 'cloze' ? optional(text('prompt')) : nonEmptyText('prompt'),
    explanation: optional(text('explanation')),
    hint: optional(text('hint')),
    slide: optional(text('slide')),
    source: optional(text('source')),
    objective: optional(text('objective')),
    level: optional(picklist(QUESTION_LEVELS, (issue) => `level must be one of ${QUESTION_LEVELS.join(', ')} (got ${kind(issue.input)})`)),
    title: optional(text('title')),
    category: optional(text('category')),
  };
}

/** One question type's mapping: the common fields and its own; `missing` says what a required key holds. */
function question<T extends QuestionType, E extends ObjectEntries>(type: T, fields: E, missing: Partial<Record<keyof E, string>> = {}) {
  return entries({ ...baseFields(type), ...fields }, { id: 'id: a question id, unique within the quiz', prompt: 'prompt', ...missing });
}

function choices() {
  const choice = mapping('a choice', { id: optional(id()), text: nonEmptyText('text'), correct: optional(bool('correct')), fraction: optional(fraction(-1)), feedback: feedback() });
  return list(textOrMapping('a choice', choice), CHOICES);
}

const CHOICES = 'choices (a list of { text, correct })';
const TEXT_ANSWERS = 'answers (a list of accepted texts)';

function textAnswers() {
  const answer = mapping('an accepted answer', { text: nonEmptyText('text'), fraction: optional(fraction(0)), feedback: feedback() });
  return list(textOrMapping('an accepted answer', answer), TEXT_ANSWERS);
}

function numericAnswers() {
  const answer = mapping('a numeric answer', {
    answer: optional(num('answer')),
    tolerance: optional(tolerance()),
    range: optional(range()),
    fraction: optional(fraction(0)),
    feedback: feedback(),
  });
  return list(answer, 'answers (a list of { answer, tolerance } or { range })');
}

/** A list entry with an optional id: an order item or a match distractor. */
const idText = (what: string) => textOrMapping(what, mapping(what, { id: optional(id()), text: nonEmptyText('text') }));

/** A cloze blank: chosen from a list when it has `choices`, typed in otherwise. */
function blank() {
  const choice = mapping('a choice', { id: optional(id()), text: nonEmptyText('text'), fraction: optional(fraction(0)), feedback: feedback() });
  const fromList = mapping(
    'a blank',
    { choices: list(textOrMapping('a choice', choice), 'choices'), answer: text('answer') },
    { answer: 'answer: the id of the right choice' },
  );
  const typedIn = mapping('a blank', { answers: textAnswers(), caseSensitive: optional(bool('caseSensitive')) }, { answers: TEXT_ANSWERS });
  return lazy((input) => (isMapping(input) && 'choices' in input ? fromList : typedIn));
}

function blanks() {
  return pipe(
    custom<Record<string, unknown>>(isMapping, (issue) => `blanks must be a mapping of blank names, got ${kind(issue.input)}`),
    record(id('a blank name'), blank()),
  );
}

/** Every question type's schema: a type missing here fails to compile. */
function questionTypes() {
  return {
    single: question('single', { choices: choices() }, { choices: CHOICES }),
    multiple: question('multiple', { choices: choices(), scoring: optional(scoring()) }, { choices: CHOICES }),
    truefalse: question(
      'truefalse',
      { answer: bool('answer'), feedbackTrue: optional(text('feedbackTrue')), feedbackFalse: optional(text('feedbackFalse')) },
      { answer: 'answer: true or false' },
    ),
    numeric: question('numeric', {
      answer: optional(num('answer')),
      tolerance: optional(tolerance()),
      range: optional(range()),
      answers: optional(numericAnswers()),
      otherFeedback: optional(text('otherFeedback')),
    }),
    text: question('text', { answers: textAnswers(), caseSensitive: optional(bool('caseSensitive')) }, { answers: TEXT_ANSWERS }),
    order: question('order', { items: list(idText('an item'), 'items (in the correct order)'), scoring: optional(scoring()) }, { items: 'items (in the correct order)' }),
    match: question(
      'match',
      { pairs: list(mapping('a pair', { id: optional(id()), left: nonEmptyText('left'), right: nonEmptyText('right') }), 'pairs (a list of { left, right })'), distractors: optional(list(idText('a distractor'), 'distractors (a list of texts)')) },
      { pairs: 'pairs (a list of { left, right })' },
    ),
    cloze: question(
      'cloze',
      { text: nonEmptyText('text'), blanks: blanks() },
      { text: 'text: the cloze text with {{blanks}}', blanks: 'blanks: the answers of each {{blank}} of text' },
    ),
  } satisfies Record<QuestionType, unknown>;
}

export interface QuizSchemas {
  /** The quiz file without its questions, which are read one by one (`question`) so each is checked on its own. */
  quiz: GenericSchema;
  question: GenericSchema;
  /** The question types, in the order of the format. */
  types: QuestionType[];
}

function build(): QuizSchemas {
  const byType = questionTypes();
  const types = Object.keys(byType) as QuestionType[];
  const expected = `one of ${types.join(', ')}`;
  const quiz = mapping(
    'a quiz file',
    {
      id: id(),
      title: nonEmptyText('title'),
      after: optional(text('after')),
      pass: optional(bounded('pass', between(0), 'between 0 and 1')),
      shuffle: optional(bool('shuffle')),
      attempts: optional(bounded('attempts', (n) => Number.isInteger(n) && n >= 0, 'a whole number, 0 or more')),
      penalty: optional(bounded('penalty', between(0), 'between 0 and 1')),
      own: optional(bool('own')),
      questions: pipe(list(unknown(), 'questions'), minLength(1, 'a quiz needs at least one question')),
    },
    { id: 'id: a quiz id, unique across quizzes', title: 'title', questions: 'questions: a list of questions' },
  );
  const question = pipe(
    custom<Record<string, unknown>>(isMapping, (issue) => `a question must be a mapping (key: value lines), got ${kind(issue.input)}`),
    variant(
      'type',
      types.map((type) => byType[type]),
      (issue) =>
        issue.input === undefined
          ? `missing: type: ${expected}`
          : typeof issue.input === 'string'
            ? `unknown type "${issue.input}"; expected ${expected.replace('one of', 'one of:')}`
            : `type must be ${expected}, got ${kind(issue.input)}`,
    ),
    knownKeys((value) => {
      const type = value['type'];
      return typeof type === 'string' && Object.hasOwn(byType, type) ? Object.keys(byType[type as QuestionType].entries) : undefined;
    }),
  );
  return { quiz, question: question as GenericSchema, types };
}

let built: QuizSchemas | undefined;

/** The quiz file's schemas, built once. */
export function quizSchemas(): QuizSchemas {
  built ??= build();
  return built;
}
