import { expect, type Locator, type Page } from '@playwright/test';
import type { QuizPayload } from '../../src/shared/contract.ts';
import { correctResponse, type Question, type Quiz, type Response } from '../../src/quiz/index.ts';
import { showSlide } from './helpers.ts';

/** The quizzes as the page carries them. */
export async function readQuizzes(page: Page): Promise<QuizPayload> {
  return JSON.parse((await page.locator('#kit-quizzes').textContent())!) as QuizPayload;
}

export const questionSlide = (quizId: string, questionId: string) => `quiz-${quizId}--${questionId}`;

/** Shows a question's slide and returns its form, found by its data hook. */
export async function openQuestion(page: Page, quiz: Quiz, question: Question): Promise<Locator> {
  await showSlide(page, questionSlide(quiz.id, question.id));
  return page.locator(`[data-quiz-id="${quiz.id}"] form[data-question-id="${question.id}"]`);
}

/** A response that is surely wrong (or at best partly right), built from the question. */
export function wrongResponse(question: Question): Response {
  switch (question.type) {
    case 'single': return { choice: question.choices.find((c) => !c.correct)!.id };
    case 'multiple': return { choices: [question.choices.find((c) => !c.correct)?.id ?? question.choices[0]!.id] };
    case 'truefalse': return { value: !question.answer };
    case 'numeric': return { value: -987654 };
    case 'text': return { text: 'zzz not an answer' };
    case 'order': return { order: [...question.items.map((i) => i.id)].reverse() };
    case 'match': return { matches: Object.fromEntries(question.pairs.map((p, i) => [p.id, question.pairs[(i + 1) % question.pairs.length]!.id])) };
    case 'cloze': return { blanks: Object.fromEntries(question.blanks.map((b) => [b.id, b.kind === 'choice' ? b.choices.find((c) => c.id !== b.answer)!.id : 'zzz'])) };
  }
}

/** Enters a response through the controls a learner uses: radios, boxes, inputs, selects, move buttons. */
export async function enter(form: Locator, question: Question, response: Response): Promise<void> {
  const r = response as unknown as Record<string, any>;
  switch (question.type) {
    case 'single':
      await form.getByRole('radio').and(form.locator(`[value="${r.choice}"]`)).check();
      break;
    case 'multiple':
      for (const box of await form.getByRole('checkbox').all()) {
        const value = await box.getAttribute('value');
        if ((r.choices as string[]).includes(value!)) await box.check();
        else await box.uncheck();
      }
      break;
    case 'truefalse':
      await form.getByRole('radio', { name: r.value ? 'True' : 'False', exact: true }).check();
      break;
    case 'numeric':
      await form.getByRole('textbox', { name: 'Your answer' }).fill(String(r.value));
      break;
    case 'text':
      await form.getByRole('textbox', { name: 'Your answer' }).fill(r.text);
      break;
    case 'order': {
      // Move each item up until it sits where the response puts it, with the Move buttons.
      const target = r.order as string[];
      for (let position = 0; position < target.length; position++) {
        for (;;) {
          const ids = await form.locator('.quiz-order > li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.itemId!));
          const at = ids.indexOf(target[position]!);
          if (at === position) break;
          await form.locator(`li[data-item-id="${target[position]}"]`).getByRole('button', { name: /up$/ }).click();
        }
      }
      break;
    }
    case 'match':
      for (const pair of question.pairs) {
        await form.locator(`[data-pair-id="${pair.id}"]`).getByRole('combobox').selectOption(r.matches[pair.id] ?? '');
      }
      break;
    case 'cloze':
      for (const blank of question.blanks) {
        const control = form.locator(`[data-blank-id="${blank.id}"]`);
        if (blank.kind === 'choice') await control.selectOption(r.blanks[blank.id]);
        else await control.fill(r.blanks[blank.id]);
      }
      break;
  }
}

/** Answers a question right through the page, checks it, and waits for the verdict. */
export async function answerRight(page: Page, quiz: Quiz, question: Question): Promise<Locator> {
  const form = await openQuestion(page, quiz, question);
  await enter(form, question, correctResponse(question));
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(form).toHaveAttribute('data-result', 'correct');
  return form;
}

/** The parts of an answered question (controls, buttons, feedback) stay inside the slide's frame. */
export async function expectInsideSlide(form: Locator): Promise<void> {
  const outside = await form.evaluate((el) => {
    const frame = el.closest('section')!.getBoundingClientRect();
    // A feedback column that scrolls (a long explanation) must itself fit; what is inside it is reached by scrolling.
    const feedback = el.querySelector<HTMLElement>('.quiz-feedback');
    const scrolls = !!feedback && feedback.scrollHeight > feedback.clientHeight + 1 && getComputedStyle(feedback).overflowY === 'auto';
    const parts = [...el.querySelectorAll<HTMLElement>(scrolls ? 'fieldset, .quiz-actions, .quiz-feedback' : 'fieldset, .quiz-actions, .quiz-feedback > *')];
    return parts
      .filter((part) => {
        const box = part.getBoundingClientRect();
        return box.height > 0 && (box.bottom > frame.bottom + 1 || box.right > frame.right + 1);
      })
      .map((part) => `${part.className || part.tagName}: "${(part.textContent ?? '').slice(0, 40)}"`);
  });
  expect(outside).toEqual([]);
}
