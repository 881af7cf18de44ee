// @vitest-environment jsdom
/** Multiple-choice feedback is read in the order the choices are on screen, not the file's. */
import { ENGLISH } from '../../../src/i18n/english.ts';
import { describe, expect, it } from 'vitest';
import { createStrings } from '../../../src/i18n/strings.ts';
import { grade, parseQuizBank, presentedOrder } from '../../../src/quiz/index.ts';
import type { QuizPayload } from '../../../src/shared/contract.ts';
import { feedbackMarkup } from '../../../src/ui/quiz-feedback.ts';

const t = createStrings(ENGLISH);
const quiz = parseQuizBank(`id: m
title: M
questions:
  - id: q
    type: multiple
    prompt: "Which?"
    choices:
      - { id: a, text: "A", correct: true, feedback: "FB-A" }
      - { id: b, text: "B", feedback: "FB-B" }
      - { id: c, text: "C", correct: true, feedback: "FB-C" }
      - { id: d, text: "D", feedback: "FB-D" }
`, 'quizzes/m.yaml');
const payload = { quizzes: [quiz], slides: {}, html: {}, answers: {} } as unknown as QuizPayload;

describe('multiple-choice feedback', () => {
  it('lists the feedback of the ticked choices in the order they are on screen', () => {
    const question = quiz.questions[0]!;
    const result = grade(question, { choices: ['a', 'b', 'c', 'd'] });
    expect(result.feedback).toEqual(['FB-A', 'FB-B', 'FB-C', 'FB-D']); // the engine keeps the file's order
    for (const learner of ['alice', 'bob', 'carol']) {
      const order = presentedOrder(quiz, question, learner);
      if (order.type !== 'multiple') throw new Error('not multiple');
      const div = document.createElement('div');
      div.innerHTML = feedbackMarkup({ quiz, question, result, tries: 1, left: Infinity, choiceOrder: order.choices }, payload, t).toString();
      const shown = [...div.querySelectorAll('.quiz-choice-feedback')].map((el) => el.textContent!.trim());
      expect(shown).toEqual(order.choices.map((id) => `FB-${id.toUpperCase()}`));
    }
  });
});
