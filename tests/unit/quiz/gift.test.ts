import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  grade,
  GiftParseError,
  parseGift,
  parseGiftWithReport,
  toGift,
  toGiftWithReport,
  type Question,
} from '../../../src/quiz/index.ts';
import { quizWith, sampleQuiz } from './sample-quiz.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/gift/${name}`, import.meta.url), 'utf8');

/** The questions of a fixture, by id. */
function questions(name: string): Record<string, Question> {
  return Object.fromEntries(parseGift(fixture(name)).map((q) => [q.id, q]));
}

const gradeAny = (question: Question | undefined, response: unknown) => grade(question as Question, response as never);

/** The parse error's issues, or a failure when the text parses. */
function giftIssues(text: string): { line: number; message: string }[] {
  try {
    parseGift(text);
  } catch (error) {
    expect(error).toBeInstanceOf(GiftParseError);
    return (error as GiftParseError).issues;
  }
  throw new Error('expected a GiftParseError');
}

describe('parseGift: Moodle’s documented forms', () => {
  it('reads multiple choice, and a missing word as a one-blank cloze', () => {
    const q = questions('multiple-choice.gift');
    expect(Object.keys(q)).toEqual(['q1', 'q2', 'q3']);
    expect(q['q1']).toMatchObject({ type: 'single', prompt: 'Which sector did the minister call the foundation of the real economy?' });
    expect(gradeAny(q['q1'], { choice: 'b' }).fraction).toBe(1);
    expect(gradeAny(q['q2'], { choice: 'c' }).fraction).toBe(1);
    expect(q['q3']).toMatchObject({
      type: 'cloze',
      text: 'Traditional industries are the {{a}} of the modern industrial system.',
      blanks: [{ id: 'a', kind: 'choice', answer: 'a', choices: [{ text: 'foundation' }, { text: 'roof' }, { text: 'decoration' }] }],
    });
    expect(gradeAny(q['q3'], { blanks: { a: 'a' } }).fraction).toBe(1);
    expect(gradeAny(q['q3'], { blanks: { a: 'b' } }).fraction).toBe(0);
  });

  it('reads missing words: choice and short answers as a one-blank cloze, other types with "_____"', () => {
    const q = questions('missing-word.gift');
    expect(q['lifeblood']).toMatchObject({
      type: 'cloze',
      prompt: '',
      text: 'Manufacturing is the {{a}} of the national economy.',
      blanks: [{ id: 'a', kind: 'choice', answer: 'b' }],
    });
    expect(gradeAny(q['lifeblood'], { blanks: { a: 'b' } }).correct).toBe(true);
    expect(q['concentration']).toMatchObject({ type: 'cloze', blanks: [{ id: 'a', kind: 'text' }] });
    expect(gradeAny(q['concentration'], { blanks: { a: ' Concentration ' } }).fraction).toBe(1);
    expect(q['share']).toMatchObject({ type: 'numeric', prompt: 'Traditional industries account for more than _____ percent of manufacturing.' });
  });

  it('reads weights: multiple answers without "=", negative weights, 33.33333% ×3', () => {
    const q = questions('weights.gift');
    expect(q['two-projects']).toMatchObject({ type: 'multiple', choices: [{ fraction: 0.5 }, { fraction: 0.5 }, { fraction: -1 }, { fraction: -1 }] });
    expect(gradeAny(q['two-projects'], { choices: ['a', 'b'] }).fraction).toBe(1);
    expect(gradeAny(q['two-projects'], { choices: ['a', 'c'] }).fraction).toBe(0);
    expect(gradeAny(q['three-equal-parts'], { choices: ['a', 'b', 'c'] })).toMatchObject({ correct: true });
    expect(gradeAny(q['partly-right'], { choice: 'b' })).toMatchObject({ fraction: 0.5, feedback: ['Close, but the text says more than half.'] });
    expect(q['partly-right']?.type).toBe('single');
  });

  it('reads true/false with the feedback for a wrong and a right answer', () => {
    const q = questions('truefalse.gift');
    expect(q['share-of-traditional-industries']).toMatchObject({ type: 'truefalse', answer: true });
    const stable = q['proportion-of-manufacturing'];
    expect(stable).toMatchObject({ answer: false });
    expect(gradeAny(stable, { value: true })).toMatchObject({ fraction: 0, feedback: ['No: it says keep it "basically stable".'] });
    expect(gradeAny(stable, { value: false })).toMatchObject({ fraction: 1, feedback: ['Right: the aim is to keep it basically stable.'] });
    expect(gradeAny(q['frontier'], { value: false }).feedback).toEqual(['It is: "comprehensively promote the research and development of 6G technology".']);
    expect(q['future']).toMatchObject({ answer: false });
  });

  it('reads short answers, case-insensitive, with weights and wildcards', () => {
    const q = questions('short-answer.gift');
    expect(q['dual']).toMatchObject({ type: 'text', caseSensitive: false });
    expect(gradeAny(q['dual'], { text: 'Circulation' }).fraction).toBe(1);
    expect(gradeAny(q['ministry'], { text: 'miit' }).fraction).toBe(1);
    expect(gradeAny(q['ministry'], { text: 'industry' })).toMatchObject({ fraction: 0.5, feedback: ['Half marks: and Information Technology?'] });
    expect(gradeAny(q['wildcard'], { text: 'Increasing variety, improving quality, and creating brand' }).fraction).toBe(1);
  });

  it('reads numerical answers: exact, tolerance, range, several with weights, "~#" for others', () => {
    const q = questions('numerical.gift');
    expect(q['share']).toMatchObject({ type: 'numeric', answers: [{ answer: 80, tolerance: 0, fraction: 1 }] });
    expect(gradeAny(q['pi'], { value: 3.141 }).fraction).toBe(1);
    expect(q['range']).toMatchObject({ answers: [{ range: [3, 5] }] });
    expect(gradeAny(q['range'], { value: 5 }).fraction).toBe(1);
    expect(gradeAny(q['year'], { value: 2023 })).toMatchObject({ fraction: 1, feedback: ['Right: March 1, 2023.'] });
    expect(gradeAny(q['year'], { value: 2024 })).toMatchObject({ fraction: 0.5, feedback: ['Close: it was held in 2023.'] });
    expect(gradeAny(q['year'], { value: 1999 })).toMatchObject({ fraction: 0, feedback: ['The conference took place in 2023.'] });
  });

  it('reads matching, an empty left side being a distractor x1', () => {
    const q = questions('matching.gift')['focus-areas'];
    expect(q).toMatchObject({
      type: 'match',
      pairs: [{ id: 'a', left: 'Traditional industries', right: 'transform and upgrade' }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
      distractors: [{ id: 'x1', text: 'close down' }],
      explanation: 'The four focus areas of the modern industrial system.',
    });
    expect(gradeAny(q, { matches: { a: 'a', b: 'b', c: 'x1', d: 'd' } }).fraction).toBe(0.75);
  });

  it('reads per-answer feedback and general feedback', () => {
    const q = questions('feedback.gift');
    expect(q['lifeblood']).toMatchObject({
      prompt: 'Manufacturing is called the lifeblood of the',
      explanation: 'Manufacturing is "the foundation of the real economy, the lifeblood of the national economy".',
    });
    expect(gradeAny(q['lifeblood'], { choice: 'b' }).feedback).toEqual(['Not quite: the text speaks of the national economy.']);
    expect(q['boards']).toMatchObject({ type: 'text', explanation: '锻长板、补短板: build on strengths, shore up weaknesses.' });
    expect(gradeAny(q['boards'], { text: 'boards' }).feedback).toEqual(['Right.']);
  });

  it('reads titles as slug ids, numbers untitled questions by position, applies $CATEGORY, skips comments', () => {
    const list = parseGift(fixture('titles-comments-category.gift'));
    expect(list.map((q) => [q.id, q.title, q.category])).toEqual([
      ['emerging-pillars', 'Emerging: pillars', '$course$/Modern industrial system/Emerging industries'],
      ['q2', undefined, '$course$/Modern industrial system/Emerging industries'],
      ['future-plan', 'Future plan', '$course$/Modern industrial system/Future industries'],
    ]);
    expect(list[2]?.prompt).toBe('The ministry will study and formulate an action plan for future industrial development.');
  });

  it('drops [html], [moodle], [plain] and [markdown] prefixes', () => {
    const q = questions('format-prefixes.gift');
    expect(q['markdown']?.prompt).toBe('Is **manufacturing** the *foundation* of the real economy?');
    expect(q['html']).toMatchObject({ prompt: 'Which <b>two</b> words describe the manufacturing system?', choices: [{ text: 'Large scale' }, {}, {}] });
    expect(q['plain']?.prompt).toBe('Robot + what kind of action?');
    expect(q['moodle']).toMatchObject({ type: 'numeric', prompt: 'How many focus areas?' });
  });

  it('reads escapes \\~ \\= \\# \\{ \\} \\: \\\\ and \\n', () => {
    const q = questions('escapes.gift');
    expect(q['escapes-all-of-them']).toMatchObject({
      title: 'Escapes: all of them',
      prompt: 'Which formula is written with escapes: $\\frac{a}{b}$ = a : b?\nPick one.',
      choices: [{ text: 'a = b # c', feedback: 'Right: {braces} and ~tilde.', correct: true }, { text: 'a \\ b' }],
    });
    expect(gradeAny(q['wildcard-star'], { text: '3*4' }).fraction).toBe(1);
    expect(gradeAny(q['wildcard-star'], { text: '3x4' }).fraction).toBe(0);
  });

  it('leaves out descriptions and essays, reporting their line, title and reason', () => {
    const report = parseGiftWithReport(fixture('description-essay.gift'));
    expect(report.questions.map((q) => q.id)).toEqual(['kept']);
    expect(report.skipped).toEqual([
      { line: 3, title: 'Intro', reason: 'description (no answers in braces): nothing to grade' },
      { line: 5, title: 'Essay', reason: 'essay (empty braces {}): graded by hand, not here' },
    ]);
  });
});

describe('parseGift: Moodle’s order of type decisions', () => {
  const typeOf = (answers: string): string => (parseGift(`Q? {${answers}}`)[0] as Question).type;

  it('decides #, ~, = with ->, T/F, else short answer', () => {
    expect(typeOf('#5')).toBe('numeric');
    expect(typeOf('~a =b')).toBe('single');
    expect(typeOf('~%50%a ~%50%b')).toBe('multiple');
    expect(typeOf('=a -> b =c -> d')).toBe('match');
    expect(typeOf('=a -> b ~c')).toBe('single');
    expect(['T', 'TRUE', 'F', 'FALSE', 'T#wrong#right'].map(typeOf)).toEqual(Array(5).fill('truefalse'));
    expect(typeOf('=T')).toBe('text');
    expect(typeOf('true')).toBe('text');
    expect(typeOf('=a =b')).toBe('text');
  });

  it('takes an answer written without "=" as a short answer (as Moodle does)', () => {
    expect(parseGift('Capital of China? {Beijing}')[0]).toMatchObject({ type: 'text', answers: [{ text: 'Beijing', fraction: 1 }] });
  });

  it('makes a missing-word short answer a cloze with one text blank', () => {
    expect(parseGift('Two plus {=two =2} equals four.')[0]).toMatchObject({
      type: 'cloze',
      prompt: '',
      text: 'Two plus {{a}} equals four.',
      blanks: [{ id: 'a', kind: 'text', answers: [{ text: 'two' }, { text: '2' }] }],
    });
  });

  it('dedupes ids from repeated titles', () => {
    expect(parseGift('::Same:: A {T}\n\n::Same:: B {F}').map((q) => q.id)).toEqual(['same', 'same-2']);
  });
});

describe('parseGift: errors name the line and what was expected', () => {
  it('reports a missing closing brace', () => {
    expect(giftIssues('// intro\n\n::Open:: Where? {\n=here\n~there\n')).toEqual([
      { line: 3, message: 'expected "}" to close the answers opened with "{"' },
    ]);
  });

  it('collects every problem, each with its line', () => {
    const text = [
      '::Bad number:: How many? {#four}',
      '',
      '::No arrow:: Match {=a -> b =c}',
      '',
      '::Good:: Fine {T}',
      '',
      '::Unclosed title Where? {T}',
      '',
      'Stray } brace {T}',
      '',
      'Weights {~%50%a ~%20%b}',
    ].join('\n');
    expect(giftIssues(text)).toEqual([
      { line: 1, message: 'expected an answer as a number (like 1822, 3.14 or -0.5), found "four"' },
      { line: 3, message: 'expected "left -> right" in a matching pair' },
      { line: 7, message: 'expected "::" to close the question title' },
      { line: 9, message: 'expected "{" before "}" (write a literal brace as \\})' },
      { line: 11, message: 'expected the positive weights to add up to 100% (they add up to 70%), or one answer marked "="' },
    ]);
  });

  it('formats the message as file:line: message, or line N: message without a file', () => {
    expect(() => parseGift('Q {#x}')).toThrow(/^line 1: expected an answer as a number/);
    try {
      parseGift('Q {#1..x}', 'import/q.gift');
      expect.unreachable();
    } catch (error) {
      expect((error as GiftParseError).message).toBe('import/q.gift:1: expected a maximum as a number (like 1822, 3.14 or -0.5), found "x"');
      expect((error as GiftParseError).line).toBe(1);
    }
  });

  it('rejects a short answer without a full-credit answer, a single answer, an empty range', () => {
    expect(giftIssues('Q {=%50%a}')[0]?.message).toMatch(/expected an answer worth 100%/);
    expect(giftIssues('Q {~a}')[0]?.message).toMatch(/expected at least two answers/);
    expect(giftIssues('Q {#5..1}')[0]?.message).toBe('expected min..max with min ≤ max, found 5..1');
    expect(giftIssues('Q {#5:-1}')[0]?.message).toBe('expected a tolerance of 0 or more, found -1');
    expect(giftIssues('Q {=a -> b}')[0]?.message).toMatch(/at least two pairs/);
  });
});

describe('toGift', () => {
  it('writes Markdown texts with [markdown], maths as Moodle\'s \\(…\\), and escapes special characters', () => {
    const quiz = quizWith(`  - id: braces
    type: single
    title: "Fractions: {a} over {b}"
    prompt: "Is $\\\\frac{a}{b}$ = a ~ b # c?\\nSay."
    choices:
      - { text: "yes", correct: true, feedback: "Right: a\\\\b" }
      - { text: "%5% no" }
    explanation: "#1"
`);
    expect(toGift(quiz)).toBe(
      '// @kit {"id":"braces"}\n' +
        '::Fractions\\: \\{a\\} over \\{b\\}::[markdown]Is \\\\\\\\(\\\\\\\\frac\\{a\\}\\{b\\}\\\\\\\\) \\= a \\~ b \\# c?\\nSay.{\n' +
        '\t=yes#Right\\: a\\\\b\n' +
        '\t~[markdown]%5% no\n' +
        '\t####\\#1\n' +
        '}\n',
    );
    const [back] = parseGift(toGift(quiz));
    expect(back).toEqual({ ...quiz.questions[0], title: 'Fractions: {a} over {b}' });
  });

  it('reads back every GIFT-expressible question of the sample quiz, grading as before', () => {
    const { text, skipped, approximated } = toGiftWithReport(sampleQuiz);
    expect(skipped).toEqual([{ id: 'focus-order', reason: 'GIFT has no ordering question' }, { id: 'boards', reason: "GIFT's missing word holds one blank; this cloze has 2" }]);
    expect(approximated).toEqual([]);
    expect(text).toContain('// skipped question "focus-order": GIFT has no ordering question');
    const back = Object.fromEntries(parseGift(text).map((q) => [q.id, q]));
    const responses: Record<string, unknown[]> = {
      'traditional-share': [{ choice: 'a' }, { choice: 'b' }],
      advantages: [{ choices: [] }, { choices: ['a', 'b', 'c'] }, { choices: ['a', 'b', 'd'] }],
      'stable-share': [{ value: true }, { value: false }],
      'world-share': [{ value: 50 }, { value: 49 }],
      carbon: [{ text: 'peaking' }, { text: 'peak' }, { text: 'no' }],
      fields: [{ matches: { a: 'a', b: 'x1' } }],
    };
    for (const [id, list] of Object.entries(responses)) {
      const original = sampleQuiz.questions.find((q) => q.id === id) as Question;
      for (const response of list) expect(gradeAny(back[id], response)).toEqual(gradeAny(original, response));
    }
  });

  it('carries custom ids, points, hints and rules in a // @kit comment', () => {
    const quiz = quizWith(`  - id: cities
    type: multiple
    scoring: all-or-nothing
    points: 2
    hint: "Two of them."
    prompt: "Which fields are frontier fields?"
    choices:
      - { id: robots, text: Humanoid robots, correct: true }
      - { id: meta, text: Metaverse, correct: true }
      - { id: coal, text: Coal }
  - id: word
    type: text
    caseSensitive: true
    prompt: "Abbreviation of the ministry?"
    answers: [MIIT]
`);
    const report = toGiftWithReport(quiz);
    expect(report.text).toContain('// @kit {"points":2,"hint":"Two of them.","scoring":"all-or-nothing","ids":{"choices":["robots","meta","coal"]}}');
    expect(report.approximated.map((note) => note.id)).toEqual(['cities', 'word']);
    const back = parseGift(report.text);
    expect(back.map((q) => ({ ...q, title: undefined }))).toEqual(quiz.questions.map((q) => ({ ...q, title: undefined })));
  });

  it('writes a one-blank cloze as a missing word, even with the blank at the end', () => {
    const quiz = quizWith(`  - id: end
    type: cloze
    prompt: Complete.
    text: "The future industry is an important {{point}}"
    blanks:
      point: { choices: [starting point, end point], answer: a }
`);
    const text = toGift(quiz);
    expect(text).toContain('{=starting point ~end point}\\n');
    expect(parseGift(text)).toEqual([{ ...quiz.questions[0], title: 'end' }]);
  });
});
