import { QuizValidationError } from '../errors.ts';
import { readBlanks, readNumericAnswers, readTextAnswers } from './parse-answers.ts';
import { readChoiceScoring, readChoices, readItems, readPairs } from './parse-choices.ts';
import { checkUnique, readId, readNonEmptyText, readScoring, type IdAt } from './parse-common.ts';
import { QUESTION_LEVELS, type Question, type QuestionBase, type QuestionLevel, type QuestionType, type Quiz } from '../types.ts';
import { YamlReader, type Located, type MapView } from './yaml-reader.ts';

const QUIZ_KEYS = ['id', 'title', 'after', 'pass', 'shuffle', 'attempts', 'penalty', 'questions'];

const COMMON_KEYS = ['id', 'type', 'points', 'prompt', 'explanation', 'hint', 'slide', 'source', 'objective', 'level', 'title', 'category'];

/** Keys each question type adds to the common ones. */
const TYPE_KEYS: Record<QuestionType, readonly string[]> = {
  single: ['choices'],
  multiple: ['choices', 'scoring'],
  truefalse: ['answer', 'feedbackTrue', 'feedbackFalse'],
  numeric: ['answer', 'tolerance', 'range', 'answers', 'otherFeedback'],
  text: ['answers', 'caseSensitive'],
  order: ['items', 'scoring'],
  match: ['pairs', 'distractors'],
  cloze: ['text', 'blanks'],
};

const TYPES = Object.keys(TYPE_KEYS) as QuestionType[];

/** Optional text fields every question may have. */
const OPTIONAL_TEXTS = ['explanation', 'hint', 'slide', 'source', 'objective', 'title', 'category'] as const;

/** A number under `key` within [min, max], or `fallback` when absent (or wrong, after reporting). */
function readBounded(view: MapView, key: string, fallback: number, check: (n: number) => boolean, rule: string): number {
  const value = view.number(key, key);
  if (value === undefined) return fallback;
  if (!check(value)) {
    view.reader.report(view.pathOf(key), view.lineOf(key), `${key} must be ${rule} (got ${value})`);
    return fallback;
  }
  return value;
}

function readBase(view: MapView, type: QuestionType): QuestionBase {
  const base: QuestionBase = {
    id: view.has('id') ? readId(view, '') : (view.missing('id', 'id: a question id, unique within the quiz') ?? ''),
    points: readBounded(view, 'points', 1, (n) => n > 0, 'a positive number'),
    prompt: (type === 'cloze' ? view.text('prompt', 'prompt') : readNonEmptyText(view, 'prompt', 'prompt')) ?? '',
  };
  for (const key of OPTIONAL_TEXTS) {
    const value = view.text(key, key);
    if (value !== undefined) base[key] = value;
  }
  const level = view.text('level', 'level');
  if (level !== undefined) {
    if ((QUESTION_LEVELS as readonly string[]).includes(level)) base.level = level as QuestionLevel;
    else view.reader.report(view.pathOf('level'), view.lineOf('level'), `level must be one of ${QUESTION_LEVELS.join(', ')} (got "${level}")`);
  }
  return base;
}

/** The type-specific part of a question; `base` carries the common fields. */
function readTyped(view: MapView, type: QuestionType, base: QuestionBase): Question {
  switch (type) {
    case 'single':
      return { ...base, type, choices: readChoices(view, type) };
    case 'multiple': {
      const choices = readChoices(view, type);
      return { ...base, type, choices, scoring: readChoiceScoring(view, choices) };
    }
    case 'truefalse': {
      const answer = view.require('answer', 'answer: true or false');
      const question: Question = { ...base, type, answer: (answer && view.reader.boolean(answer, 'answer')) ?? false };
      const feedbackTrue = view.text('feedbackTrue', 'feedbackTrue');
      const feedbackFalse = view.text('feedbackFalse', 'feedbackFalse');
      if (feedbackTrue !== undefined) question.feedbackTrue = feedbackTrue;
      if (feedbackFalse !== undefined) question.feedbackFalse = feedbackFalse;
      return question;
    }
    case 'numeric': {
      const question: Question = { ...base, type, answers: readNumericAnswers(view) };
      const otherFeedback = view.text('otherFeedback', 'otherFeedback');
      if (otherFeedback !== undefined) question.otherFeedback = otherFeedback;
      return question;
    }
    case 'text':
      return {
        ...base,
        type,
        answers: readTextAnswers(view, 'a text question'),
        caseSensitive: view.boolean('caseSensitive', 'caseSensitive') ?? false,
      };
    case 'order':
      return { ...base, type, items: readItems(view), scoring: readScoring(view) };
    case 'match':
      return { ...base, type, ...readPairs(view) };
    case 'cloze': {
      const text = readNonEmptyText(view, 'text', 'text: the cloze text with {{blanks}}');
      return { ...base, type, text: text ?? '', blanks: readBlanks(view, text) };
    }
  }
}

function readQuestion(reader: YamlReader, at: Located): Question | undefined {
  const view = reader.mapping(at, 'a question');
  if (!view) return undefined;
  const typeName = view.text('type', `type: one of ${TYPES.join(', ')}`, true);
  if (typeName === undefined) return undefined;
  if (!(TYPES as string[]).includes(typeName)) {
    reader.report(view.pathOf('type'), view.lineOf('type'), `unknown type "${typeName}"; expected one of: ${TYPES.join(', ')}`);
    return undefined;
  }
  const type = typeName as QuestionType;
  view.checkKeys([...COMMON_KEYS, ...TYPE_KEYS[type]]);
  return readTyped(view, type, readBase(view, type));
}

function readQuiz(reader: YamlReader): Quiz | undefined {
  if (reader.root === null) {
    if (reader.issues.length === 0) reader.report('', 1, 'the file is empty; expected a quiz with id, title and questions');
    return undefined;
  }
  const view = reader.mapping({ path: '', node: reader.root, line: reader.lineOf(reader.root) }, 'a quiz file');
  if (!view) return undefined;
  view.checkKeys(QUIZ_KEYS);
  const quiz: Quiz = {
    id: readNonEmptyText(view, 'id', 'id: a quiz id, unique across quizzes') ?? '',
    title: readNonEmptyText(view, 'title', 'title') ?? '',
    pass: readBounded(view, 'pass', 0.7, (n) => n >= 0 && n <= 1, 'between 0 and 1'),
    shuffle: view.boolean('shuffle', 'shuffle') ?? true,
    attempts: readBounded(view, 'attempts', 0, (n) => Number.isInteger(n) && n >= 0, 'a whole number, 0 or more'),
    penalty: readBounded(view, 'penalty', 0, (n) => n >= 0 && n <= 1, 'between 0 and 1'),
    questions: [],
  };
  const after = view.text('after', 'after');
  if (after !== undefined) quiz.after = after;

  const located = view.list('questions', 'questions: a list of questions', true) ?? [];
  if (view.has('questions') && located.length === 0) {
    reader.report(view.pathOf('questions'), view.lineOf('questions'), 'a quiz needs at least one question');
  }
  const ids: IdAt[] = [];
  for (const at of located) {
    const question = readQuestion(reader, at);
    if (question) {
      quiz.questions.push(question);
      ids.push({ id: question.id, path: `${at.path}.id`, line: at.line });
    }
  }
  checkUnique(reader, ids);
  return quiz;
}

/**
 * Reads one quiz file. Returns the typed quiz with defaults filled in (pass 0.7, shuffle true,
 * attempts 0, penalty 0, points 1, ids a, b, c, …), or throws `QuizValidationError` listing
 * every problem as `<fileName>:<line>: <path>: <message>`.
 * @example parseQuizBank(readFileSync(file, 'utf8'), 'quizzes/traditional.yaml')
 */
export function parseQuizBank(text: string, fileName: string): Quiz {
  const reader = new YamlReader(text);
  const quiz = readQuiz(reader);
  if (reader.issues.length > 0 || !quiz) {
    const issues = [...reader.issues].sort((a, b) => a.line - b.line);
    throw new QuizValidationError(fileName, issues);
  }
  return quiz;
}
