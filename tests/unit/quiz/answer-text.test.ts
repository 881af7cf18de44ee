import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerText, correctResponse, grade, parseQuizBank, quoted } from '../../../src/quiz/index.ts';
import { anyQuestion } from './arbitraries.ts';

describe('correctResponse (what "Show answer" fills in)', () => {
  it('always earns full marks', () => {
    fc.assert(fc.property(anyQuestion, (question) => grade(question, correctResponse(question)).fraction === 1), { numRuns: 400 });
  });

  it('fills a wildcard gap with something when the pattern needs it, and skips a partial answer that covers the value', () => {
    const quiz = parseQuizBank(
      [
        'id: q',
        'title: Q',
        'questions:',
        '  - id: gap',
        '    type: text',
        '    prompt: Name it',
        '    answers: ["carbon * peaking"]',
        '  - id: partial-first',
        '    type: numeric',
        '    prompt: How much?',
        '    answers:',
        '      - { range: [70, 80], fraction: 0.5 }',
        '      - { answer: 80, tolerance: 5 }',
        '  - id: partial-text-first',
        '    type: text',
        '    prompt: Which?',
        '    answers: [{ text: "carbon peak", fraction: 0.5 }, "carbon peak*"]',
      ].join('\n'),
      'quizzes/q.yaml',
    );
    for (const question of quiz.questions) expect(grade(question, correctResponse(question)).fraction, question.id).toBe(1);
  });
});

describe('answerText', () => {
  it('says the answer in words for each kind of question', () => {
    const quiz = parseQuizBank(
      [
        'id: q',
        'title: Q',
        'questions:',
        '  - { id: a, type: single, prompt: P, choices: [{ text: "About half" }, { text: "More than 80%", correct: true }] }',
        '  - { id: b, type: truefalse, prompt: P, answer: false }',
        '  - { id: c, type: numeric, prompt: P, answer: 80, tolerance: 0.5 }',
        '  - { id: d, type: text, prompt: P, answers: ["carbon peak*"] }',
        '  - { id: e, type: order, prompt: P, items: [{ text: One }, { text: Two }] }',
        '  - { id: f, type: match, prompt: P, pairs: [{ left: L1, right: R1 }, { left: L2, right: R2 }] }',
      ].join('\n'),
      'quizzes/q.yaml',
    );
    expect(quiz.questions.map((q) => answerText(q, { true: 'Vrai', false: 'Faux' }))).toEqual([
      'More than 80%',
      'Faux',
      '80 ± 0.5',
      'carbon peak…',
      '1. One; 2. Two',
      'L1 → R1; L2 → R2',
    ]);
  });

  it('quotes a source once', () => {
    expect(quoted('accounting for more than 80%')).toBe('“accounting for more than 80%”');
    expect(quoted('“increasing variety”')).toBe('“increasing variety”');
  });
});
