import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGift, parseQuizBank, toQuizYaml, type Quiz } from '../../../src/quiz/index.ts';
import { anyQuestion } from './arbitraries.ts';

const quizOf = (questions: Quiz['questions']): Quiz => ({ id: 'q', title: 'A quiz', after: 'traditional', pass: 0.7, shuffle: true, attempts: 2, penalty: 0.1, questions });

describe('toQuizYaml', () => {
  it('writes YAML that parseQuizBank reads back to the same quiz', () => {
    fc.assert(
      fc.property(fc.uniqueArray(anyQuestion, { selector: (q) => q.id, minLength: 1, maxLength: 4 }), (questions) => {
        const quiz = quizOf(questions);
        expect(parseQuizBank(toQuizYaml(quiz), 'quizzes/q.yaml')).toEqual(quiz);
      }),
      { numRuns: 300 },
    );
  });

  it('turns an imported GIFT bank into a quiz file', () => {
    const questions = parseGift('::Share:: Traditional industries are what share of manufacturing? {=More than 80% ~About half#No: more than 80%.}\n\n::Rail:: High-speed rail is a distinctive advantage. {T}\n');
    const yaml = toQuizYaml(quizOf(questions));
    expect(yaml).toContain('prompt: "Traditional industries are what share of manufacturing?"');
    expect(parseQuizBank(yaml, 'quizzes/imported.yaml').questions.map((q) => q.type)).toEqual(['single', 'truefalse']);
  });
});
