import { blankNames } from './blanks.ts';
import { CORRECT_THRESHOLD } from './fraction.ts';
import { distractorId, letterId } from './ids.ts';
import type {
  ChoiceInput,
  ClozeBlankInput,
  ClozeChoiceInput,
  ClozeQuestionInput,
  ItemInput,
  NumericAnswerInput,
  NumericQuestionInput,
  QuestionBaseInput,
  QuestionInput,
  QuizInput,
  TextAnswerInput,
} from './input-types.ts';
import { unhandled } from './never.ts';
import type {
  Choice,
  ClozeBlank,
  ClozeChoice,
  MatchDistractor,
  NumericAnswer,
  OrderItem,
  Question,
  QuestionBase,
  Quiz,
  TextAnswer,
} from './types.ts';

/**
 * The one place where authored shapes (`QuizInput`, `QuestionInput`) become the canonical
 * model: defaults filled in, shorthands expanded, ids given. `parseQuizBank` ends here, and so
 * should any code that builds questions by hand. Only known fields are copied; optional ones
 * only when given, so a canonical question comes back deeply equal.
 */

/** Copies the optional fields that are set, so the result says only what was given. */
function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
}

const OPTIONAL_BASE = ['explanation', 'hint', 'slide', 'source', 'objective', 'level', 'title', 'category'] as const;

function base(input: QuestionBaseInput): QuestionBase {
  return { id: input.id, points: input.points ?? 1, prompt: input.prompt ?? '', ...pick(input, OPTIONAL_BASE) };
}

/** A list entry written as its text alone, as a mapping; every other field of these shapes is optional. */
const entry = <T extends { text: string }>(value: string | T): T => (typeof value === 'string' ? ({ text: value } as T) : value);

function item(value: ItemInput, index: number, defaultId: (i: number) => string = letterId): OrderItem & MatchDistractor {
  const written = entry(value);
  return { id: written.id ?? defaultId(index), text: written.text };
}

/**
 * Choices of a `single` or `multiple` question. Unweighted, `correct: true` marks the right ones;
 * weighted (any `fraction`), every choice has a fraction (default 0) and `correct` follows from
 * it: 1 for `single`, above 0 for `multiple`.
 */
function choices(list: readonly ChoiceInput[], type: 'single' | 'multiple'): Choice[] {
  const written = list.map(entry);
  const weighted = written.some((choice) => choice.fraction !== undefined);
  return written.map((authored, index): Choice => {
    const id = authored.id ?? letterId(index);
    const feedback = pick(authored, ['feedback']);
    if (!weighted) return { id, text: authored.text, correct: authored.correct === true, ...feedback };
    const fraction = authored.fraction ?? 0;
    const correct = type === 'single' ? fraction >= CORRECT_THRESHOLD : fraction > 0;
    return { id, text: authored.text, correct, fraction, ...feedback };
  });
}

function textAnswers(list: readonly TextAnswerInput[]): TextAnswer[] {
  return list.map((value) => {
    const answer = entry(value);
    return { text: answer.text, fraction: answer.fraction ?? 1, ...pick(answer, ['feedback']) };
  });
}

function numericAnswer(answer: NumericAnswerInput): NumericAnswer {
  const rest = { fraction: answer.fraction ?? 1, ...pick(answer, ['feedback']) };
  return 'range' in answer
    ? { range: [answer.range[0], answer.range[1]], ...rest }
    : { answer: answer.answer, tolerance: answer.tolerance ?? 0, ...rest };
}

function numericAnswers(input: NumericQuestionInput): NumericAnswer[] {
  if ('answers' in input) return input.answers.map(numericAnswer);
  // The one answer written on the question itself.
  return [numericAnswer('range' in input ? { range: input.range } : { answer: input.answer, ...pick(input, ['tolerance']) })];
}

function clozeChoice(value: ClozeChoiceInput, index: number): ClozeChoice {
  const choice = entry(value);
  return { id: choice.id ?? letterId(index), text: choice.text, ...pick(choice, ['fraction', 'feedback']) };
}

function clozeBlank(id: string, blank: ClozeBlankInput): ClozeBlank {
  if ('choices' in blank) return { id, kind: 'choice', choices: blank.choices.map(clozeChoice), answer: blank.answer };
  return { id, kind: 'text', answers: textAnswers(blank.answers), caseSensitive: blank.caseSensitive === true };
}

/** The blanks in order of first use in the text; the canonical list is taken as it is. */
function clozeBlanks(input: ClozeQuestionInput): ClozeBlank[] {
  if (Array.isArray(input.blanks)) return input.blanks.map((b) => clozeBlank(b.id, b));
  const defined = input.blanks;
  return [...new Set(blankNames(input.text))]
    .filter((name) => Object.hasOwn(defined, name))
    .map((name) => clozeBlank(name, defined[name] as ClozeBlankInput));
}

/**
 * A question in canonical form: points 1, ids a, b, c… (distractors x1, x2…), scoring `partial`,
 * fractions 1 and case-insensitive texts unless given, `answer:`/`range:` made a list of one.
 * @example grade(normaliseQuestion({ id: 'pi', type: 'numeric', prompt: 'π?', answer: 3.14, tolerance: 0.01 }), { value: 3.141 })
 */
export function normaliseQuestion(input: QuestionInput): Question {
  switch (input.type) {
    case 'single':
      return { ...base(input), type: 'single', choices: choices(input.choices, 'single') };
    case 'multiple':
      return { ...base(input), type: 'multiple', choices: choices(input.choices, 'multiple'), scoring: input.scoring ?? 'partial' };
    case 'truefalse':
      return { ...base(input), type: 'truefalse', answer: input.answer, ...pick(input, ['feedbackTrue', 'feedbackFalse']) };
    case 'numeric':
      return { ...base(input), type: 'numeric', answers: numericAnswers(input), ...pick(input, ['otherFeedback']) };
    case 'text':
      return { ...base(input), type: 'text', answers: textAnswers(input.answers), caseSensitive: input.caseSensitive === true };
    case 'order':
      return { ...base(input), type: 'order', items: input.items.map((value, i) => item(value, i)), scoring: input.scoring ?? 'partial' };
    case 'match':
      return {
        ...base(input),
        type: 'match',
        pairs: input.pairs.map((pair, i) => ({ id: pair.id ?? letterId(i), left: pair.left, right: pair.right })),
        distractors: (input.distractors ?? []).map((value, i) => item(value, i, distractorId)),
      };
    case 'cloze':
      return { ...base(input), type: 'cloze', text: input.text, blanks: clozeBlanks(input) };
    default:
      return unhandled(input, 'question type');
  }
}

/** A quiz in canonical form: pass 0.7, shuffle true, attempts 0, penalty 0 unless given, every question normalised. */
export function normaliseQuiz(input: QuizInput): Quiz {
  return {
    id: input.id,
    title: input.title,
    ...pick(input, ['after']),
    pass: input.pass ?? 0.7,
    shuffle: input.shuffle ?? true,
    attempts: input.attempts ?? 0,
    penalty: input.penalty ?? 0,
    ...(input.own ? { own: true } : {}),
    questions: input.questions.map(normaliseQuestion),
  };
}
