import { describe, expect, it } from 'vitest';
import {
  blankNames,
  grade,
  parseGift,
  parseGiftWithReport,
  parseQuizBank,
  toGiftWithReport,
  toQti,
  type ClozeQuestion,
  type Question,
} from '../../../src/quiz/index.ts';

/**
 * Issue 11: ids reach the slides as attributes, so they are letters or digits of any script and
 * `_ . : -`, checked wherever they enter (quiz files, GIFT metadata), and a blank named in
 * Chinese or with a dot is a blank everywhere: parsing, grading, GIFT and QTI.
 */

const MARKUP_ID = 'a"><img/src=x/onerror=alert(1)>';

describe('ids from GIFT // @kit metadata', () => {
  it('refuses a choice id that is markup, at the comment’s line, keeping the default ids', () => {
    const gift = `// @kit ${JSON.stringify({ ids: { choices: [MARKUP_ID, 'b'] } })}\n::Share:: Which share? {=More than 80% ~About half}\n`;
    const report = parseGiftWithReport(gift);
    const [question] = report.questions;
    expect(question?.type === 'single' && question.choices.map((c) => c.id)).toEqual(['a', 'b']);
    expect(report.ignored).toEqual([{ line: 1, message: expect.stringContaining(`${JSON.stringify(MARKUP_ID)} is not an id`) }]);
    expect(report.ignored[0]?.message).toMatch(/^\/\/ @kit ids\.choices\[0\]: .*letters or digits \(of any script\)/);
  });

  it('refuses a question id, a blank name and ids for another number of choices, each with its line', () => {
    const gift = [
      '// @kit {"id":"x y","points":-1}',
      '::First:: Pick one. {=A ~B}',
      '',
      '// @kit {"ids":{"blank":"<b>"}}',
      '::Gap:: Carbon {=peaking ~falling} in industry.',
      '',
      '// @kit {"ids":{"choices":["p","q","r"]}}',
      '::Third:: Pick again. {=A ~B}',
    ].join('\n');
    const report = parseGiftWithReport(gift);
    expect(report.questions.map((q) => q.id)).toEqual(['first', 'gap', 'third']);
    expect(report.questions[0]?.points).toBe(1);
    expect((report.questions[1] as ClozeQuestion).blanks[0]?.id).toBe('a');
    expect(report.ignored.map((issue) => [issue.line, issue.message.split(':')[0]])).toEqual([
      [1, '// @kit id'],
      [1, '// @kit points'],
      [4, '// @kit ids.blank'],
      [7, '// @kit ids.choices'],
    ]);
  });

  it('still reads metadata that is right beside a field that is not', () => {
    const [question] = parseGift('// @kit {"id":"ok-1","hint":7,"slide":"traditional/weight"}\n::T:: Q? {=A ~B}\n');
    expect(question).toMatchObject({ id: 'ok-1', slide: 'traditional/weight' });
    expect(question?.hint).toBeUndefined();
  });
});

describe('cloze blanks named in any script or with a dot', () => {
  const quiz = parseQuizBank(
    `id: unicode-review
title: Unicode blanks
questions:
  - id: 年份-问题
    type: cloze
    prompt: Complete.
    text: "The press conference was in {{年份}}; the plan covers {{a.b}} areas."
    blanks:
      年份: { answers: ["2023"] }
      a.b: { choices: [three, four, five], answer: b }
  - id: one-blank
    type: cloze
    text: "Carbon {{峰值.1}} in the industrial field."
    blanks:
      峰值.1: { answers: [peaking] }
`,
    'quizzes/unicode.yaml',
  );
  const [two, one] = quiz.questions as [ClozeQuestion, ClozeQuestion];

  it('parses, and blankNames finds them', () => {
    expect(blankNames(two.text)).toEqual(['年份', 'a.b']);
    expect(two.blanks.map((b) => b.id)).toEqual(['年份', 'a.b']);
    expect(blankNames(one.text)).toEqual(['峰值.1']);
  });

  it('grades them', () => {
    expect(grade(two, { blanks: { 年份: '2023', 'a.b': 'b' } })).toMatchObject({ fraction: 1, parts: { 年份: 1, 'a.b': 1 } });
    expect(grade(two, { blanks: { 年份: '2022', 'a.b': 'b' } })).toMatchObject({ fraction: 0.5, parts: { 年份: 0, 'a.b': 1 } });
    expect(grade(one, { blanks: { '峰值.1': ' Peaking ' } }).fraction).toBe(1);
  });

  it('survives GIFT: the one-blank cloze comes back with its blank name and grades the same', () => {
    const { text, skipped } = toGiftWithReport(quiz);
    expect(skipped.map((note) => note.id)).toEqual(['年份-问题']); // GIFT's missing word holds one blank
    const [back] = parseGift(text) as Question[];
    expect(back).toEqual({ ...one, title: 'one-blank' });
    expect(grade(back as ClozeQuestion, { blanks: { '峰值.1': 'peaking' } }).fraction).toBe(1);
  });

  it('survives QTI: one interaction per blank, in place, with no raw {{…}} left', () => {
    const { files, skipped } = toQti([quiz]);
    expect(skipped).toEqual([]);
    const items = Object.entries(files).filter(([path]) => path.startsWith('items/'));
    expect(items).toHaveLength(2);
    for (const [, xml] of items) expect(xml).not.toContain('{{');
    const twoBlanks = items.find(([, xml]) => xml.includes('The press conference'))?.[1] ?? '';
    expect(twoBlanks).toMatch(/was in <textEntryInteraction responseIdentifier="[^"]+"\/>; the plan covers <inlineChoiceInteraction /);
    const declared = [...twoBlanks.matchAll(/<responseDeclaration identifier="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(declared).size).toBe(2);
  });
});
