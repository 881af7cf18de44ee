import { describe, expect, it } from 'vitest';
import { grade, normaliseQuestion, normaliseQuiz, ResponseError, type Question } from '../../../src/quiz/index.ts';
import { quizWith, sampleQuestion, sampleQuiz } from './sample-quiz.ts';

/** Grades a response that TypeScript would reject: wrong shapes must fail at run time too. */
const gradeUntyped = (question: Question, response: unknown) => grade(question, response as never);

const only = (yaml: string): Question => quizWith(yaml).questions[0] as Question;

describe('single', () => {
  const q = sampleQuestion('traditional-share', 'single');

  it('gives 1 for the correct choice, with its feedback', () => {
    expect(grade(q, { choice: 'b' })).toEqual({
      fraction: 1,
      score: 1,
      maxScore: 1,
      correct: true,
      feedback: ["Yes: 'accounting for more than 80% of the manufacturing industry'."],
    });
  });

  it('gives 0 for another choice, and shows that choice’s feedback', () => {
    expect(grade(q, { choice: 'a' })).toMatchObject({ fraction: 0, score: 0, correct: false, feedback: ['No: far more.'] });
    expect(grade(q, { choice: 'c' }).feedback).toEqual([]);
  });

  it('uses weights when given, never going below 0', () => {
    const weighted = only(`  - id: w
    type: single
    points: 2
    prompt: p
    choices:
      - { text: right, fraction: 1 }
      - { text: close, fraction: 0.5 }
      - { text: bad, fraction: -1 }
`);
    expect(grade(weighted, { choice: 'b' })).toMatchObject({ fraction: 0.5, score: 1, maxScore: 2, correct: false });
    expect(grade(weighted, { choice: 'c' })).toMatchObject({ fraction: 0, score: 0 });
    expect(grade(weighted, { choice: 'a' })).toMatchObject({ fraction: 1, score: 2, correct: true });
  });

  it('rejects unknown choice ids, naming the question', () => {
    expect(() => grade(q, { choice: 'z' })).toThrow(ResponseError);
    expect(() => grade(q, { choice: 'z' })).toThrow('question "traditional-share": unknown choice id "z" (expected one of a, b, c)');
  });

  it('rejects responses of the wrong shape with a clear error, never a TypeError', () => {
    for (const response of [undefined, null, 42, 'b', [], {}, { choice: 1 }, { choice: null }, { choices: ['b'] }]) {
      expect(() => gradeUntyped(q, response)).toThrow(ResponseError);
    }
    expect(() => gradeUntyped(q, {})).toThrow('the response has no "choice"');
    expect(() => gradeUntyped(q, { choice: 1 })).toThrow('"choice" must be a string');
  });

  it('does not take inherited properties for answers', () => {
    expect(() => gradeUntyped(q, Object.create({ choice: 'b' }))).toThrow(ResponseError);
  });
});

describe('multiple', () => {
  // 3 correct (a, b, d) and 2 incorrect (c, e)
  const q = sampleQuestion('advantages', 'multiple');

  it('gives partial credit hits/C − wrongPicks/W', () => {
    expect(grade(q, { choices: ['a', 'b', 'd'] }).fraction).toBe(1);
    expect(grade(q, { choices: ['a', 'b'] }).fraction).toBeCloseTo(2 / 3, 12);
    expect(grade(q, { choices: ['a', 'b', 'd', 'c'] }).fraction).toBe(0.5);
    // 1/3 − 1/2 is below 0: clamped
    expect(grade(q, { choices: ['a', 'c'] }).fraction).toBe(0);
    expect(grade(q, { choices: ['c', 'e'] }).fraction).toBe(0);
  });

  it('accepts an empty answer, worth 0', () => {
    expect(grade(q, { choices: [] })).toMatchObject({ fraction: 0, score: 0, correct: false });
  });

  it('has no penalty term when every choice is correct', () => {
    const allRight = only(`  - id: m
    type: multiple
    prompt: p
    choices: [{ text: x, correct: true }, { text: y, correct: true }]
`);
    expect(grade(allRight, { choices: ['a'] }).fraction).toBe(0.5);
  });

  it('grades all-or-nothing as 1 only for exactly the correct set', () => {
    const strict = only(`  - id: m
    type: multiple
    scoring: all-or-nothing
    prompt: p
    choices: [{ text: x, correct: true }, { text: y, correct: true }, { text: z }]
`);
    expect(grade(strict, { choices: ['b', 'a'] }).fraction).toBe(1);
    expect(grade(strict, { choices: ['a'] }).fraction).toBe(0);
    expect(grade(strict, { choices: ['a', 'b', 'c'] }).fraction).toBe(0);
  });

  it('sums weights with negative ones and clamps to [0, 1] (Moodle)', () => {
    const weighted = only(`  - id: m
    type: multiple
    prompt: p
    choices:
      - { text: a, fraction: 0.5, feedback: fa }
      - { text: b, fraction: 0.5, feedback: fb }
      - { text: c, fraction: -1, feedback: fc }
      - { text: d, fraction: -0.25 }
`);
    expect(grade(weighted, { choices: ['a'] }).fraction).toBe(0.5);
    expect(grade(weighted, { choices: ['a', 'b'] }).fraction).toBe(1);
    expect(grade(weighted, { choices: ['a', 'b', 'd'] }).fraction).toBe(0.75);
    expect(grade(weighted, { choices: ['a', 'c'] }).fraction).toBe(0);
    expect(grade(weighted, { choices: ['c', 'b', 'a'] }).feedback).toEqual(['fa', 'fb', 'fc']);
  });

  it('counts three weights of 33.33333% as correct (Moodle’s 0.999999 threshold)', () => {
    const thirds = only(`  - id: m
    type: multiple
    prompt: p
    choices:
      - { text: a, fraction: 0.3333333 }
      - { text: b, fraction: 0.3333333 }
      - { text: c, fraction: 0.3333333 }
      - { text: d, fraction: -1 }
`);
    const result = grade(thirds, { choices: ['a', 'b', 'c'] });
    expect(result.fraction).toBeCloseTo(0.9999999, 12);
    expect(result.correct).toBe(true);
    expect(grade(thirds, { choices: ['a', 'b'] }).correct).toBe(false);
  });

  it('rejects unknown, repeated and non-string ids', () => {
    expect(() => grade(q, { choices: ['a', 'z'] })).toThrow('unknown choice id "z"');
    expect(() => grade(q, { choices: ['a', 'a'] })).toThrow('lists "a" twice');
    expect(() => gradeUntyped(q, { choices: 'a' })).toThrow('"choices" must be an array');
    expect(() => gradeUntyped(q, { choices: [1] })).toThrow('"choices"[0] must be a string');
  });
});

describe('truefalse', () => {
  const q = sampleQuestion('stable-share', 'truefalse');

  it('gives 1 when equal, with the feedback of the value chosen', () => {
    expect(grade(q, { value: true })).toMatchObject({ fraction: 1, correct: true, feedback: [] });
    expect(grade(q, { value: false })).toMatchObject({
      fraction: 0,
      feedback: ["It does: 'keep the proportion of manufacturing industry basically stable'."],
    });
  });

  it('rejects non-booleans', () => {
    expect(() => gradeUntyped(q, { value: 'true' })).toThrow('"value" must be true or false');
    expect(() => gradeUntyped(q, { value: 1 })).toThrow(ResponseError);
  });
});

describe('numeric', () => {
  const pi = only(`  - id: pi
    type: numeric
    prompt: pi
    answer: 3.1415
    tolerance: 0.0005
`);

  it('includes both bounds, with a relative slack for decimals typed on a bound', () => {
    expect(grade(pi, { value: 3.141 }).fraction).toBe(1);
    expect(grade(pi, { value: 3.142 }).fraction).toBe(1);
    expect(grade(pi, { value: 3.1415 }).fraction).toBe(1);
    expect(grade(pi, { value: 3.1409 }).fraction).toBe(0);
    expect(grade(pi, { value: 3.1421 }).fraction).toBe(0);
  });

  it('needs the exact value without tolerance', () => {
    const q = sampleQuestion('world-share', 'numeric');
    expect(grade(q, { value: 50 }).fraction).toBe(1);
    expect(grade(q, { value: 50.001 }).fraction).toBe(0);
  });

  it('counts a range, bounds included', () => {
    const q = only(`  - id: r
    type: numeric
    prompt: p
    range: [75, 85]
`);
    expect([74.99, 75, 80, 85, 85.01].map((value) => grade(q, { value }).fraction)).toEqual([0, 1, 1, 1, 0]);
  });

  it('counts a bound reached only through binary rounding (1.1 − 0.1)', () => {
    const q = only(`  - id: r
    type: numeric
    prompt: p
    answer: 1.1
    tolerance: 0.1
`);
    expect(grade(q, { value: 1 }).fraction).toBe(1);
    expect(grade(q, { value: 1.2 }).fraction).toBe(1);
  });

  it('takes the first matching answer of a list, with its fraction and feedback', () => {
    const q = only(`  - id: year
    type: numeric
    prompt: p
    otherFeedback: "It was 2023."
    answers:
      - { answer: 2023, feedback: exact }
      - { answer: 2023, tolerance: 1, fraction: 0.5, feedback: close }
      - { range: [2000, 2030], fraction: 0.25 }
`);
    expect(grade(q, { value: 2023 })).toMatchObject({ fraction: 1, feedback: ['exact'] });
    expect(grade(q, { value: 2022 })).toMatchObject({ fraction: 0.5, feedback: ['close'] });
    expect(grade(q, { value: 2010 })).toMatchObject({ fraction: 0.25, feedback: [] });
    expect(grade(q, { value: 1990 })).toMatchObject({ fraction: 0, feedback: ['It was 2023.'] });
  });

  it('rejects values that are not finite numbers', () => {
    for (const value of ['3.14', Number.NaN, Number.POSITIVE_INFINITY, null]) {
      expect(() => gradeUntyped(pi, { value })).toThrow('"value" must be a finite number');
    }
  });
});

describe('text', () => {
  const q = sampleQuestion('carbon', 'text');

  it('normalises: NFKC, trim, white space, case', () => {
    expect(grade(q, { text: '  PEAKING ' }).fraction).toBe(1);
    expect(grade(q, { text: 'ｐｅａｋｉｎｇ' }).fraction).toBe(1);
  });

  it('takes the fraction of the first answer that matches, in order', () => {
    expect(grade(q, { text: 'peaked' })).toMatchObject({ fraction: 0.5, feedback: ['Nearly: the word is peaking.'] });
    expect(grade(q, { text: 'peaking' })).toMatchObject({ fraction: 1, feedback: [] });
  });

  it('gives 0 for an empty or unmatched answer', () => {
    expect(grade(q, { text: '' }).fraction).toBe(0);
    expect(grade(q, { text: 'neutrality' }).fraction).toBe(0);
  });

  it('matches full-width characters as their ASCII forms', () => {
    const ab1 = only(`  - id: t
    type: text
    prompt: p
    answers: [AB1]
`);
    expect(grade(ab1, { text: 'ＡＢ１' }).fraction).toBe(1);
    expect(grade(ab1, { text: ' a  b1 ' }).fraction).toBe(0);
  });

  it('treats * as any run of characters and \\* as a star', () => {
    const q2 = only(`  - id: t
    type: text
    prompt: p
    answers: ["carbon *", '3\\*4']
`);
    expect(grade(q2, { text: 'Carbon  Peaking' }).fraction).toBe(1);
    expect(grade(q2, { text: 'carbon' }).fraction).toBe(0);
    expect(grade(q2, { text: '3*4' }).fraction).toBe(1);
    expect(grade(q2, { text: '3x4' }).fraction).toBe(0);
  });

  it('respects caseSensitive: true', () => {
    const q2 = only(`  - id: t
    type: text
    caseSensitive: true
    prompt: p
    answers: [MIIT]
`);
    expect(grade(q2, { text: ' MIIT ' }).fraction).toBe(1);
    expect(grade(q2, { text: 'miit' }).fraction).toBe(0);
  });

  it('rejects a non-string text', () => {
    expect(() => gradeUntyped(q, { text: 42 })).toThrow('"text" must be a string');
  });
});

describe('order', () => {
  const q = sampleQuestion('focus-order', 'order');
  const right = ['traditional', 'advantageous', 'emerging', 'future'];

  it('gives the share of item pairs in the right relative order', () => {
    expect(grade(q, { order: right }).fraction).toBe(1);
    expect(grade(q, { order: [...right].reverse() }).fraction).toBe(0);
    // one adjacent swap breaks 1 of the 6 pairs
    expect(grade(q, { order: ['advantageous', 'traditional', 'emerging', 'future'] }).fraction).toBeCloseTo(5 / 6, 12);
  });

  it('gives all-or-nothing 1 only for the exact order', () => {
    const strict = only(`  - id: o
    type: order
    scoring: all-or-nothing
    prompt: p
    items: [one, two, three]
`);
    expect(grade(strict, { order: ['a', 'b', 'c'] }).fraction).toBe(1);
    expect(grade(strict, { order: ['a', 'c', 'b'] }).fraction).toBe(0);
  });

  it('needs every item exactly once', () => {
    expect(() => grade(q, { order: right.slice(1) })).toThrow('missing traditional');
    expect(() => grade(q, { order: [...right, 'future'] })).toThrow('twice');
    expect(() => grade(q, { order: ['x', ...right.slice(1)] })).toThrow('unknown item id "x"');
  });
});

describe('match', () => {
  const q = sampleQuestion('fields', 'match');

  it('gives correct matches / pairs, with parts for review', () => {
    expect(grade(q, { matches: { a: 'a', b: 'b', c: 'c' } })).toMatchObject({ fraction: 1, parts: { a: 1, b: 1, c: 1 } });
    const partial = grade(q, { matches: { a: 'a', b: 'x1', c: 'b' } });
    expect(partial.fraction).toBeCloseTo(1 / 3, 12);
    expect(partial.parts).toEqual({ a: 1, b: 0, c: 0 });
  });

  it('counts unanswered left sides as wrong', () => {
    expect(grade(q, { matches: { a: 'a' } }).fraction).toBeCloseTo(1 / 3, 12);
    expect(grade(q, { matches: {} }).fraction).toBe(0);
  });

  it('accepts either pair when two pairs share a right side', () => {
    const shared = only(`  - id: m
    type: match
    prompt: p
    pairs:
      - { left: High-speed rail, right: advantageous }
      - { left: Ships, right: advantageous }
      - { left: 6G, right: future }
`);
    expect(grade(shared, { matches: { a: 'b', b: 'a', c: 'c' } }).fraction).toBe(1);
  });

  it('rejects unknown ids on either side', () => {
    expect(() => grade(q, { matches: { z: 'a' } })).toThrow('unknown left pair id "z"');
    expect(() => grade(q, { matches: { a: 'x9' } })).toThrow('unknown right-side id "x9"');
    expect(() => gradeUntyped(q, { matches: [['a', 'a']] })).toThrow('"matches" must be an object');
  });
});

describe('cloze', () => {
  const q = sampleQuestion('boards', 'cloze');

  it('gives correct blanks / blanks', () => {
    expect(grade(q, { blanks: { long: 'Long', weak: 'b' } })).toMatchObject({ fraction: 1, parts: { long: 1, weak: 1 } });
    expect(grade(q, { blanks: { long: 'short', weak: 'b' } }).fraction).toBe(0.5);
    expect(grade(q, { blanks: { long: 'long' } }).fraction).toBe(0.5);
    expect(grade(q, { blanks: { weak: '' } }).fraction).toBe(0);
  });

  it('gives a text blank its answer’s fraction, and shows per-part feedback in blank order', () => {
    const partial = only(`  - id: c
    type: cloze
    text: "Carbon {{word}} and {{pick}}"
    blanks:
      word: { answers: [peaking, { text: "peak*", fraction: 0.5, feedback: nearly }] }
      pick: { choices: [{ text: green, feedback: yes }, { text: grey, feedback: no }], answer: a }
`);
    const result = grade(partial, { blanks: { pick: 'b', word: 'peaked' } });
    expect(result.fraction).toBe(0.25);
    expect(result.feedback).toEqual(['nearly', 'no']);
  });

  it('rejects unknown blanks and unknown choice ids', () => {
    expect(() => grade(q, { blanks: { nope: 'x' } })).toThrow('unknown blank "nope"');
    expect(() => grade(q, { blanks: { weak: 'z' } })).toThrow('unknown choice id for blank "weak" "z"');
    expect(() => gradeUntyped(q, { blanks: { long: 3 } })).toThrow('"blanks".long must be a string');
  });
});

describe('score', () => {
  it('is fraction × points, with maxScore the points', () => {
    const q = only(`  - id: s
    type: truefalse
    points: 3
    prompt: p
    answer: false
`);
    expect(grade(q, { value: false })).toMatchObject({ score: 3, maxScore: 3 });
    expect(grade(q, { value: true })).toMatchObject({ score: 0, maxScore: 3 });
  });
});

describe('questions built in code, as authored', () => {
  it('grades the YAML shape with defaults left out, once normalised', () => {
    const pi = normaliseQuestion({ id: 'pi', type: 'numeric', prompt: 'pi', answer: 3.1415, tolerance: 0.0005 });
    expect(grade(pi, { value: 3.141 })).toEqual({ fraction: 1, score: 1, maxScore: 1, correct: true, feedback: [] });
    const text = normaliseQuestion({ id: 't', type: 'text', prompt: 'p', answers: ['peaking', { text: 'peak*', fraction: 0.5 }] });
    expect(grade(text, { text: 'Peaked' }).fraction).toBe(0.5);
    const single = normaliseQuestion({ id: 's', type: 'single', prompt: 'p', choices: [{ text: 'x' }, { text: 'y', correct: true }] });
    expect(grade(single, { choice: 'b' }).fraction).toBe(1);
    const order = normaliseQuestion({ id: 'o', type: 'order', prompt: 'p', items: ['one', 'two', 'three'] });
    expect(grade(order, { order: ['a', 'c', 'b'] }).fraction).toBeCloseTo(2 / 3, 12);
    const match = normaliseQuestion({ id: 'm', type: 'match', prompt: 'p', pairs: [{ left: 'l', right: 'r' }, { left: 'k', right: 's' }], distractors: ['z'] });
    expect(grade(match, { matches: { a: 'x1', b: 'b' } }).fraction).toBe(0.5);
    const cloze = normaliseQuestion({
      id: 'c',
      type: 'cloze',
      text: '{{x}} and {{y}}',
      blanks: { y: { choices: ['p', 'q'], answer: 'b' }, x: { answers: ['long'] } },
    });
    expect(grade(cloze, { blanks: { x: 'long', y: 'b' } })).toMatchObject({ fraction: 1, parts: { x: 1, y: 1 } });
  });

  it('leaves a canonical question as it is', () => {
    for (const question of sampleQuiz.questions) expect(normaliseQuestion(question)).toEqual(question);
    expect(normaliseQuiz(sampleQuiz)).toEqual(sampleQuiz);
  });
});
