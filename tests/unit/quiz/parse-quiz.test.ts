import { describe, expect, it } from 'vitest';
import { parseQuizBank, QuizValidationError } from '../../../src/quiz/index.ts';
import { SAMPLE_YAML, sampleQuiz } from './sample-quiz.ts';

/** The error's message lines, or a failure when the text parses. */
function problems(text: string, fileName = 'quizzes/broken.yaml'): string[] {
  try {
    parseQuizBank(text, fileName);
  } catch (error) {
    expect(error).toBeInstanceOf(QuizValidationError);
    return (error as QuizValidationError).message.split('\n');
  }
  throw new Error('expected a QuizValidationError');
}

describe('parseQuizBank: a valid quiz', () => {
  it('reads every question type', () => {
    expect(sampleQuiz.questions.map((q) => q.type)).toEqual([
      'single', 'multiple', 'truefalse', 'numeric', 'text', 'order', 'match', 'cloze',
    ]);
    expect(sampleQuiz).toMatchObject({ id: 'traditional-review', after: 'traditional', pass: 0.7, penalty: 0.1 });
  });

  it('fills in the defaults: pass, shuffle, attempts, penalty, points, ids, scoring', () => {
    const quiz = parseQuizBank(
      `id: q
title: Defaults
questions:
  - id: one
    type: single
    prompt: Which?
    choices: [{ text: x, correct: true }, { text: y }]
  - id: two
    type: match
    prompt: Match
    pairs: [{ left: l1, right: r1 }, { left: l2, right: r2 }]
    distractors: [d1, d2]
  - id: three
    type: order
    prompt: Order
    items: [first, second]
`,
      'quizzes/q.yaml',
    );
    expect(quiz).toMatchObject({ pass: 0.7, shuffle: true, attempts: 0, penalty: 0 });
    expect(quiz.after).toBeUndefined();
    expect(quiz.questions[0]).toEqual({
      id: 'one',
      type: 'single',
      points: 1,
      prompt: 'Which?',
      choices: [
        { id: 'a', text: 'x', correct: true },
        { id: 'b', text: 'y', correct: false },
      ],
    });
    expect(quiz.questions[1]).toMatchObject({
      pairs: [{ id: 'a' }, { id: 'b' }],
      distractors: [{ id: 'x1', text: 'd1' }, { id: 'x2', text: 'd2' }],
    });
    expect(quiz.questions[2]).toMatchObject({ scoring: 'partial', items: [{ id: 'a', text: 'first' }, { id: 'b', text: 'second' }] });
  });

  it('normalises numeric answers into a list and keeps cloze blanks in text order', () => {
    const numeric = sampleQuiz.questions.find((q) => q.id === 'world-share');
    expect(numeric).toMatchObject({ answers: [{ answer: 50, tolerance: 0, fraction: 1 }] });
    const cloze = sampleQuiz.questions.find((q) => q.id === 'boards');
    expect(cloze).toMatchObject({
      text: 'Forging {{long}} boards, making up for {{weak}} boards.',
      blanks: [
        { id: 'long', kind: 'text', caseSensitive: false, answers: [{ text: 'long', fraction: 1 }] },
        { id: 'weak', kind: 'choice', answer: 'b', choices: [{ id: 'a', text: 'strong' }, { id: 'b', text: 'weak' }, { id: 'c', text: 'short' }] },
      ],
    });
  });

  it('takes unquoted numbers as texts where a text is expected', () => {
    const quiz = parseQuizBank(
      `id: q
title: Numbers as text
questions:
  - id: y
    type: text
    prompt: Year?
    answers: [2060, 1.50]
`,
      'q.yaml',
    );
    expect(quiz.questions[0]).toMatchObject({ answers: [{ text: '2060' }, { text: '1.50' }] });
  });

  it('derives correct from fractions in weighted questions', () => {
    const quiz = parseQuizBank(
      `id: q
title: W
questions:
  - id: m
    type: multiple
    prompt: p
    choices:
      - { text: a, fraction: 0.5 }
      - { text: b, fraction: 0.5, correct: true }
      - { text: c, fraction: -1 }
`,
      'q.yaml',
    );
    expect(quiz.questions[0]).toMatchObject({ choices: [{ correct: true }, { correct: true }, { correct: false }] });
  });
});

describe('parseQuizBank: validation messages', () => {
  it('formats the contract example: a single without exactly one correct choice', () => {
    const text = SAMPLE_YAML.replace('        correct: true\n        feedback: "Yes', '        feedback: "Yes');
    expect(problems(text, 'quizzes/traditional.yaml')).toEqual([
      'quizzes/traditional.yaml:10: questions[0].choices: a single-choice question needs exactly one correct choice',
    ]);
  });

  it('lists every problem, not only the first, sorted by line', () => {
    expect(
      problems(`id: broken
title: Broken
pass: 1.5
colour: red
questions:
  - id: a
    type: single
    prompt: Which?
    choises: []
  - id: a
    type: multiple
    prompt: Which?
    choices: [{ text: x }, { text: y }]
  - id: n
    type: numeric
    prompt: How many?
    answer: 4
    tolerance: -1
  - id: r
    type: numeric
    prompt: Range?
    range: [85, 75]
  - id: o
    type: order
    prompt: Order?
    items: [only]
  - id: m
    type: match
    prompt: Match?
    pairs: [{ left: a, right: b }]
  - id: c
    type: cloze
    text: "Carbon {{peak}} in the {{field}}"
    blanks:
      peak: { answers: [peaking] }
      unused: { answers: [x] }
  - id: s
    type: singel
    prompt: p
  - id: t
    type: truefalse
`),
    ).toEqual([
      'quizzes/broken.yaml:3: pass: pass must be between 0 and 1 (got 1.5)',
      'quizzes/broken.yaml:4: colour: unknown key "colour"; expected one of: id, title, after, pass, shuffle, attempts, penalty, own, questions',
      'quizzes/broken.yaml:6: questions[0].choices: missing: choices (a list of { text, correct })',
      'quizzes/broken.yaml:9: questions[0].choises: unknown key "choises"; did you mean "choices"?',
      'quizzes/broken.yaml:10: questions[1].id: duplicate id "a" (already used by questions[0].id)',
      'quizzes/broken.yaml:13: questions[1].choices: a multiple-choice question needs at least one correct choice',
      'quizzes/broken.yaml:18: questions[2].tolerance: tolerance must not be negative (got -1)',
      'quizzes/broken.yaml:22: questions[3].range: the range is empty: its minimum 85 is above its maximum 75',
      'quizzes/broken.yaml:26: questions[4].items: an order question needs at least two items',
      'quizzes/broken.yaml:30: questions[5].pairs: a match question needs at least two pairs',
      'quizzes/broken.yaml:33: questions[6].text: blank "field" is used in the text but not defined in blanks',
      'quizzes/broken.yaml:36: questions[6].blanks.unused: blank "unused" is defined but not used in the text',
      'quizzes/broken.yaml:38: questions[7].type: unknown type "singel"; expected one of: single, multiple, truefalse, numeric, text, order, match, cloze',
      'quizzes/broken.yaml:40: questions[8].prompt: missing: prompt',
      'quizzes/broken.yaml:40: questions[8].answer: missing: answer: true or false',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const [first] = problems('id: x\ntitle: T\nquestions:\n  - id: a\n   type: single\n');
    expect(first).toMatch(/^quizzes\/broken\.yaml:5: YAML syntax: /);
  });

  it('reports duplicate keys as YAML errors', () => {
    const lines = problems('id: x\ntitle: T\ntitle: U\nquestions: []\n');
    expect(lines[0]).toMatch(/^quizzes\/broken\.yaml:3: YAML syntax: Map keys must be unique/);
  });

  it('reports an empty file and a file that is not a mapping', () => {
    expect(problems('')).toEqual(['quizzes/broken.yaml:1: the file is empty; expected a quiz with id, title and questions']);
    expect(problems('- a\n- b\n')).toEqual(['quizzes/broken.yaml:1: a quiz file must be a mapping (key: value lines), got a list']);
  });

  it('reports missing and wrongly typed fields', () => {
    expect(
      problems(`id: q
questions:
  - type: text
    prompt: 42
    points: many
    answers: yes
`),
    ).toEqual([
      'quizzes/broken.yaml:1: title: missing: title',
      'quizzes/broken.yaml:3: questions[0].id: missing: id: a question id, unique within the quiz',
      'quizzes/broken.yaml:5: questions[0].points: points must be a number, got the text "many"',
      'quizzes/broken.yaml:6: questions[0].answers: answers (a list of accepted texts) must be a list, got the text "yes"',
    ]);
  });

  it('checks single and multiple choice rules with fractions', () => {
    expect(
      problems(`id: q
title: T
questions:
  - id: s
    type: single
    prompt: p
    choices:
      - { text: a, fraction: 0.5 }
      - { text: b, fraction: 0.5 }
  - id: m
    type: multiple
    prompt: p
    choices:
      - { text: a, fraction: 0.5 }
      - { text: b, fraction: -2 }
      - { text: c, correct: true }
`),
    ).toEqual([
      'quizzes/broken.yaml:7: questions[0].choices: a single-choice question needs exactly one choice with fraction 1',
      'quizzes/broken.yaml:13: questions[1].choices: the positive fractions must add up to 1, so that all the right choices earn full marks (they add up to 0.5)',
      'quizzes/broken.yaml:15: questions[1].choices[1].fraction: fraction must be between -1 and 1',
      'quizzes/broken.yaml:16: questions[1].choices[2].correct: correct: true disagrees with fraction 0',
    ]);
  });

  it('checks numeric and text answers need full marks, and cloze choice answers', () => {
    expect(
      problems(`id: q
title: T
questions:
  - id: n
    type: numeric
    prompt: p
    answers:
      - { answer: 1, fraction: 0.5 }
  - id: t
    type: text
    prompt: p
    answers: [{ text: x, fraction: 0.5 }, "", { text: y, fraction: 0.5 }]
  - id: t2
    type: text
    prompt: p
    answers: [{ text: x, fraction: 0.5 }]
  - id: c
    type: cloze
    text: "{{a}}"
    blanks:
      a: { choices: [x, y], answer: z }
`),
    ).toEqual([
      'quizzes/broken.yaml:7: questions[0].answers: a numeric question needs an answer worth full marks (fraction 1)',
      'quizzes/broken.yaml:12: questions[1].answers[1]: an accepted answer must not be empty',
      'quizzes/broken.yaml:16: questions[2].answers: a text question needs an answer worth full marks (fraction 1)',
      'quizzes/broken.yaml:21: questions[3].blanks.a.answer: answer "z" is not one of the choice ids (a, b)',
    ]);
  });

  it('exposes issues with path, message and line', () => {
    try {
      parseQuizBank('id: q\ntitle: T\nquestions: []\n', 'q.yaml');
      expect.unreachable();
    } catch (error) {
      expect((error as QuizValidationError).issues).toEqual([
        { path: 'questions', line: 3, message: 'a quiz needs at least one question' },
      ]);
      expect((error as QuizValidationError).fileName).toBe('q.yaml');
    }
  });
});

describe('parseQuizBank: ids', () => {
  const ID_RULE = 'an id is one or more letters or digits (of any script), "_", "-", "." or ":"';

  it('refuses a choice id that is markup, at its line, saying what an id may contain', () => {
    const lines = problems(`id: q
title: T
questions:
  - id: q1
    type: single
    prompt: Which?
    choices:
      - { text: Right, correct: true }
      - id: 'a"><img/src=x/onerror=alert(1)>'
        text: Wrong
`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^quizzes\/broken\.yaml:9: questions\[0\]\.choices\[1\]\.id: "a\\"><img\/src=x\/onerror=alert\(1\)>" is not an id: /);
    expect(lines[0]).toContain(ID_RULE);
  });

  it('checks every kind of id: quiz, question, choice, item, pair, distractor, blank name and blank choice', () => {
    const lines = problems(`id: my quiz
title: T
questions:
  - id: "q 1"
    type: single
    prompt: p
    choices: [{ id: "x/y", text: a, correct: true }, b]
  - id: o
    type: order
    prompt: p
    items: [{ id: "<b>", text: one }, two]
  - id: m
    type: match
    prompt: p
    pairs: [{ id: "a&b", left: l, right: r }, { left: k, right: s }]
    distractors: [{ id: "x'1", text: z }]
  - id: c
    type: cloze
    text: "{{ok}}"
    blanks:
      ok: { choices: [{ id: "c d", text: x }, y], answer: b }
      "not a name": { answers: [x] }
`);
    // "<line> <path>" of each id refused.
    const refused = lines.flatMap((line) => /^quizzes\/broken\.yaml:(\d+): (.*?): ".*" is not an id: /.exec(line)?.slice(1).join(' ') ?? []);
    expect(refused).toEqual([
      '1 id',
      '4 questions[0].id',
      '7 questions[0].choices[0].id',
      '11 questions[1].items[0].id',
      '15 questions[2].pairs[0].id',
      '16 questions[2].distractors[0].id',
      '21 questions[3].blanks.ok.choices[0].id',
      '22 questions[3].blanks.not a name',
    ]);
  });

  it('accepts ids and blank names in any script, with _ . : -', () => {
    const quiz = parseQuizBank(
      `id: 复习-1
title: T
questions:
  - id: 年份.q_1
    type: cloze
    text: "In {{年份}}, {{a.b}} and {{ Σ:1 }}."
    blanks:
      年份: { answers: ["2023"] }
      a.b: { choices: [{ id: 选项-一, text: x }, { id: "2", text: y }], answer: 2 }
      "Σ:1": { answers: [z] }
`,
      'quizzes/unicode.yaml',
    );
    const [question] = quiz.questions;
    expect(quiz.id).toBe('复习-1');
    expect(question).toMatchObject({ id: '年份.q_1', blanks: [{ id: '年份' }, { id: 'a.b', answer: '2', choices: [{ id: '选项-一' }, { id: '2' }] }, { id: 'Σ:1' }] });
  });
});
