import fc from 'fast-check';
import type {
  Choice,
  ClozeQuestion,
  MatchQuestion,
  MultipleQuestion,
  NumericAnswer,
  NumericQuestion,
  OrderQuestion,
  Question,
  QuestionBase,
  Response,
  SingleQuestion,
  TextAnswer,
  TextQuestion,
  TrueFalseQuestion,
} from '../../../src/quiz/index.ts';
import { letterId } from '../../../src/quiz/index.ts';

/**
 * fast-check generators of valid questions (canonical form) and of responses of valid shape.
 * Texts mix GIFT's special characters, wildcards, full-width and non-Latin letters.
 */

const CHARS = [...'abcxyzAB019 ', ...'~=#{}:\\*%[]->_.', ...'ＡＢ１ßé中文'];
const CLOZE_CHARS = CHARS.filter((ch) => ch !== '{' && ch !== '}');

/** A text as GIFT keeps it: trimmed, not empty. */
const text = (chars = CHARS, maxLength = 12): fc.Arbitrary<string> =>
  fc
    .string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** An answer text GIFT can hold: no "->", which would read as a matching pair. */
const answerText = text().filter((s) => !s.includes('->'));

/** Characters of ids: Latin, Han and Cyrillic letters, digits of two scripts, and `_ . : -`. */
export const ID_CHARS = [...'abcxyzAZ', ...'年份问题中文', ...'абвгдЖЯ', ...'0129', ...'٣४', ...'_.:-'];

/** An id of the quiz format (`RE_ID`): any of `ID_CHARS`, at least one. */
export const unicodeId = fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 1, maxLength: 8 });

/** `n` distinct ids: the defaults (a, b, c…) half of the time, generated ones otherwise. */
const idsFor = (n: number): fc.Arbitrary<string[]> =>
  fc.oneof(fc.constant(Array.from({ length: n }, (_, i) => letterId(i))), fc.uniqueArray(unicodeId, { minLength: n, maxLength: n }));

const id = unicodeId;
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
const points = fc.constantFrom(1, 1, 2, 0.5, 3);
const credit = fc.constantFrom(0, 0.1, 0.25, 1 / 3, 0.3333333, 0.5, 0.9);

/** Removes undefined fields, as the parsers never write them. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const base: fc.Arbitrary<QuestionBase> = fc
  .record({ id, points, prompt: text(), explanation: maybe(text()), hint: maybe(text()) })
  .map(defined);

const choiceIds = (n: number): string[] => Array.from({ length: n }, (_, i) => letterId(i));

const single: fc.Arbitrary<SingleQuestion> = fc
  .record({ base, texts: fc.array(text(), { minLength: 2, maxLength: 5 }), right: fc.nat(), weights: fc.option(fc.array(fc.constantFrom(-1, -0.5, 0, 0.5, 1 / 3))), feedback: fc.array(maybe(text()), { minLength: 5, maxLength: 5 }) })
  .chain((drawn) => idsFor(drawn.texts.length).map((ids) => ({ ...drawn, ids })))
  .map(({ base: b, texts, right, weights, feedback, ids }) => {
    const r = right % texts.length;
    const choices = texts.map((t, i): Choice => {
      const fraction = weights ? (i === r ? 1 : (weights[i] ?? 0)) : undefined;
      return defined({ id: ids[i] as string, text: t, correct: i === r, fraction, feedback: feedback[i] });
    });
    return { ...b, type: 'single', choices };
  });

const multiple: fc.Arbitrary<MultipleQuestion> = fc
  .record({
    base,
    flags: fc.array(fc.boolean(), { minLength: 2, maxLength: 6 }).filter((f) => f.some(Boolean)),
    weighted: fc.boolean(),
    penalties: fc.array(fc.constantFrom(-1, -0.5, -1 / 3, 0), { minLength: 6, maxLength: 6 }),
    scoring: fc.constantFrom('partial' as const, 'all-or-nothing' as const),
    texts: fc.array(text(), { minLength: 6, maxLength: 6 }),
  })
  .chain((drawn) => idsFor(drawn.flags.length).map((ids) => ({ ...drawn, ids })))
  .map(({ base: b, flags, weighted, penalties, scoring, texts, ids }) => {
    const right = flags.filter(Boolean).length;
    const choices = flags.map((correct, i): Choice =>
      defined({ id: ids[i] as string, text: texts[i] as string, correct, fraction: weighted ? (correct ? 1 / right : penalties[i]) : undefined }),
    );
    return { ...b, type: 'multiple', choices, scoring: weighted ? 'partial' : scoring };
  });

const trueFalse: fc.Arbitrary<TrueFalseQuestion> = fc
  .record({ base, answer: fc.boolean(), feedbackTrue: maybe(text()), feedbackFalse: maybe(text()) })
  .map(({ base: b, ...rest }) => defined({ ...b, type: 'truefalse' as const, ...rest }));

const number = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));

/** Where a numeric answer accepts values; its fraction comes later. */
type NumericTarget = { answer: number; tolerance: number } | { range: [number, number] };

const numericAnswer: fc.Arbitrary<NumericTarget> = fc.oneof<fc.Arbitrary<NumericTarget>[]>(
  fc.record({ answer: number, tolerance: fc.constantFrom(0, 0.5, 0.0005, 1, 10) }),
  fc.tuple(number, number).map(([a, b]) => ({ range: [Math.min(a, b), Math.max(a, b)] as [number, number] })),
);

const numeric: fc.Arbitrary<NumericQuestion> = fc
  .record({
    base,
    first: numericAnswer,
    more: fc.array(fc.record({ target: numericAnswer, fraction: credit, feedback: maybe(text()) }), { maxLength: 2 }),
    otherFeedback: maybe(text()),
  })
  .map(({ base: b, first, more, otherFeedback }) =>
    defined({
      ...b,
      type: 'numeric' as const,
      answers: [{ ...first, fraction: 1 }, ...more.map(({ target, fraction, feedback }) => defined({ ...target, fraction, feedback }))],
      otherFeedback,
    }),
  );

const textAnswers: fc.Arbitrary<TextAnswer[]> = fc
  .tuple(answerText, fc.array(fc.record({ text: answerText, fraction: credit, feedback: maybe(answerText) }), { maxLength: 2 }))
  .map(([first, more]) => [{ text: first, fraction: 1 }, ...more.map(defined)]);

const textQuestion: fc.Arbitrary<TextQuestion> = fc
  .record({ base, answers: textAnswers, caseSensitive: fc.boolean() })
  .map(({ base: b, ...rest }) => ({ ...b, type: 'text', ...rest }));

const order: fc.Arbitrary<OrderQuestion> = fc
  .record({ base, texts: fc.array(text(), { minLength: 2, maxLength: 6 }), scoring: fc.constantFrom('partial' as const, 'all-or-nothing' as const) })
  .chain((drawn) => idsFor(drawn.texts.length).map((ids) => ({ ...drawn, ids })))
  .map(({ base: b, texts, scoring, ids }) => ({ ...b, type: 'order', items: texts.map((t, i) => ({ id: ids[i] as string, text: t })), scoring }));

const match: fc.Arbitrary<MatchQuestion> = fc
  .record({
    base,
    pairs: fc.array(fc.tuple(text().filter((s) => !s.includes('->')), text()), { minLength: 2, maxLength: 5 }),
    distractors: fc.array(text(), { maxLength: 2 }),
  })
  // Pairs and distractors share one scope of ids.
  .chain((drawn) =>
    fc
      .oneof(
        fc.constant([...drawn.pairs.map((_, i) => letterId(i)), ...drawn.distractors.map((_, i) => `x${i + 1}`)]),
        fc.uniqueArray(unicodeId, { minLength: drawn.pairs.length + drawn.distractors.length, maxLength: drawn.pairs.length + drawn.distractors.length }),
      )
      .map((ids) => ({ ...drawn, ids })),
  )
  .map(({ base: b, pairs, distractors, ids }) => ({
    ...b,
    type: 'match',
    pairs: pairs.map(([left, right], i) => ({ id: ids[i] as string, left, right })),
    distractors: distractors.map((t, i) => ({ id: ids[pairs.length + i] as string, text: t })),
  }));

/** One-blank clozes, which GIFT holds as a missing word. */
const cloze: fc.Arbitrary<ClozeQuestion> = fc
  .record({
    base,
    before: fc.string({ unit: fc.constantFrom(...CLOZE_CHARS), maxLength: 10 }),
    after: fc.string({ unit: fc.constantFrom(...CLOZE_CHARS), maxLength: 10 }),
    name: fc.oneof(fc.constantFrom('a', 'blank', 'year'), unicodeId),
    blank: fc.oneof(
      fc.record({ kind: fc.constant('text' as const), answers: textAnswers, caseSensitive: fc.boolean() }),
      fc
        .record({ kind: fc.constant('choice' as const), texts: fc.array(text(), { minLength: 2, maxLength: 4 }), right: fc.nat(), partial: fc.option(credit, { nil: undefined }) })
        .chain((drawn) => idsFor(drawn.texts.length).map((ids) => ({ ...drawn, ids }))),
    ),
    promptless: fc.boolean(),
  })
  .map(({ base: b, before, after, name, blank, promptless }): ClozeQuestion => {
    const question = { ...b, type: 'cloze' as const, prompt: promptless ? '' : b.prompt, text: `${before}{{${name}}}${after}`.trim() };
    if (blank.kind === 'text') return { ...question, blanks: [{ id: name, kind: 'text', answers: blank.answers, caseSensitive: blank.caseSensitive }] };
    const right = blank.right % blank.texts.length;
    const choices = blank.texts.map((t, i) => defined({ id: blank.ids[i] as string, text: t, fraction: i === (right + 1) % blank.texts.length ? blank.partial : undefined }));
    return { ...question, blanks: [{ id: name, kind: 'choice', choices, answer: blank.ids[right] as string }] };
  });

/** A cloze with several blanks: valid here, though GIFT cannot hold it. */
const multiCloze: fc.Arbitrary<ClozeQuestion> = fc
  .record({ base, blanks: fc.array(textAnswers, { minLength: 2, maxLength: 3 }) })
  .chain((drawn) => fc.uniqueArray(unicodeId, { minLength: drawn.blanks.length, maxLength: drawn.blanks.length }).map((names) => ({ ...drawn, names })))
  .map(({ base: b, blanks, names }) => ({
    ...b,
    type: 'cloze',
    text: names.map((name) => `part {{${name}}}`).join(' '),
    blanks: blanks.map((answers, i) => ({ id: names[i] as string, kind: 'text' as const, answers, caseSensitive: false })),
  }));

/** Questions of every type GIFT can hold, so that `parseGift(toGift(q))` must grade as `q`. */
export const giftQuestion: fc.Arbitrary<Question> = fc.oneof(single, multiple, trueFalse, numeric, textQuestion, match, cloze);

/** Questions of every type. */
export const anyQuestion: fc.Arbitrary<Question> = fc.oneof(giftQuestion, order, multiCloze);

/** A typed text near an accepted answer: itself with stars filled, changed case and spacing, or anything. */
function textNear(answers: readonly TextAnswer[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...answers.map((a) => fillStars(a.text))).chain((t) =>
      fc.constantFrom(t, t.toUpperCase(), ` ${t}  `, t.replace(/ /g, '   ')),
    ),
    fc.string({ maxLength: 8 }),
    text(),
  );
}

/** A text matching a pattern: each wildcard filled with "x", `\*` made a star. */
export function fillStars(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\' && pattern[i + 1] === '*') {
      out += '*';
      i++;
    } else {
      out += pattern[i] === '*' ? 'x' : pattern[i];
    }
  }
  return out;
}

/** Values around every bound of the answers, and others. */
function valueNear(answers: readonly NumericAnswer[]): fc.Arbitrary<number> {
  const bounds = answers.flatMap((a) => ('range' in a ? a.range : [a.answer - a.tolerance, a.answer, a.answer + a.tolerance]));
  return fc.oneof(fc.constantFrom(...bounds), fc.constantFrom(...bounds).map((b) => b + 1e-6), number);
}

/** Responses of valid shape for a question (right, wrong, partial, empty). */
export function responseFor(question: Question): fc.Arbitrary<Response> {
  switch (question.type) {
    case 'single':
      return fc.constantFrom(...question.choices.map((c) => c.id)).map((choice) => ({ choice }));
    case 'multiple':
      return fc.subarray(question.choices.map((c) => c.id)).map((choices) => ({ choices }));
    case 'truefalse':
      return fc.boolean().map((value) => ({ value }));
    case 'numeric':
      return valueNear(question.answers).map((value) => ({ value }));
    case 'text':
      return textNear(question.answers).map((t) => ({ text: t }));
    case 'order':
      return fc.shuffledSubarray(question.items.map((i) => i.id), { minLength: question.items.length }).map((o) => ({ order: o }));
    case 'match': {
      const rights = [...question.pairs.map((p) => p.id), ...question.distractors.map((d) => d.id)];
      return fc
        .subarray(question.pairs.map((p) => p.id))
        .chain((lefts) => fc.tuple(...lefts.map((left) => fc.constantFrom(...rights).map((right) => [left, right] as const))))
        .map((entries) => ({ matches: Object.fromEntries(entries) }));
    }
    case 'cloze':
      return fc
        .tuple(
          ...question.blanks.map((blank) =>
            blank.kind === 'text'
              ? textNear(blank.answers).map((value) => [blank.id, value] as const)
              : fc.constantFrom('', ...blank.choices.map((c) => c.id)).map((value) => [blank.id, value] as const),
          ),
        )
        .map((entries) => ({ blanks: Object.fromEntries(entries) }));
  }
}

/** A response that earns full marks. */
export function correctResponse(question: Question): Response {
  switch (question.type) {
    case 'single':
      return { choice: (question.choices.find((c) => (c.fraction ?? (c.correct ? 1 : 0)) === 1) as Choice).id };
    case 'multiple':
      return { choices: question.choices.filter((c) => c.correct).map((c) => c.id) };
    case 'truefalse':
      return { value: question.answer };
    case 'numeric': {
      const first = question.answers[0] as NumericAnswer;
      return { value: 'range' in first ? (first.range[0] + first.range[1]) / 2 : first.answer };
    }
    case 'text':
      return { text: fillStars((question.answers[0] as TextAnswer).text) };
    case 'order':
      return { order: question.items.map((i) => i.id) };
    case 'match':
      return { matches: Object.fromEntries(question.pairs.map((p) => [p.id, p.id])) };
    case 'cloze':
      return {
        blanks: Object.fromEntries(
          question.blanks.map((b) => [b.id, b.kind === 'text' ? fillStars((b.answers[0] as TextAnswer).text) : b.answer]),
        ),
      };
  }
}
