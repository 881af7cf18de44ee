// @vitest-environment jsdom
/**
 * The quiz slides as the build renders them and the runtime drives them, in a DOM (jsdom): ids
 * of any script reach attributes escaped and come back intact, and cloze blanks of any name
 * become controls that can be answered.
 */
import { ENGLISH } from '../../../src/i18n/english.ts';
import { describe, expect, it } from 'vitest';
import { createMarkdown } from '../../../src/deck/render-markdown.ts';
import { renderQuizStack, type QuizRenderContext } from '../../../src/deck/render-quiz.ts';
import { createStrings } from '../../../src/i18n/strings.ts';
import type { Quiz } from '../../../src/quiz/index.ts';
import type { QuizPayload } from '../../../src/shared/contract.ts';
import { createProgressStore } from '../../../src/ui/progress-store.ts';
import { createQuizView } from '../../../src/ui/quiz-view.ts';

const EVIL = 'a"><img/src=x/onerror=alert(1)>';

/**
 * A quiz object as the renderer receives it. The parser refuses such ids; the renderer must be
 * safe without relying on that, so the quiz is built by hand.
 */
const quiz: Quiz = {
  id: 'q"z',
  title: 'Review',
  pass: 0.7,
  shuffle: false,
  attempts: 0,
  penalty: 0,
  questions: [
    {
      id: `pick${EVIL}`,
      type: 'single',
      points: 1,
      prompt: 'Which?',
      choices: [
        { id: EVIL, text: 'HHI rises by $2 s_i s_j$', correct: true },
        { id: `b'<script>alert(2)</script>`, text: 'Another', correct: false },
      ],
    },
    {
      id: 'rank',
      type: 'order',
      points: 1,
      prompt: 'Order',
      scoring: 'partial',
      items: [
        { id: `i${EVIL}`, text: 'first' },
        { id: 'ii', text: 'second' },
      ],
    },
    {
      id: 'pairs',
      type: 'match',
      points: 1,
      prompt: 'Match',
      pairs: [
        { id: `p${EVIL}`, left: 'one', right: '1' },
        { id: 'q', left: 'two', right: '2' },
      ],
      distractors: [{ id: `x${EVIL}`, text: '3' }],
    },
    {
      id: 'gap',
      type: 'cloze',
      points: 1,
      prompt: '',
      text: 'In {{年份}} the share was {{a.b}}; _a_b_ stays text.',
      blanks: [
        { id: '年份', kind: 'text', answers: [{ text: '2024', fraction: 1 }], caseSensitive: false },
        { id: 'a.b', kind: 'choice', choices: [{ id: 'low', text: 'low' }, { id: EVIL, text: 'high' }], answer: EVIL },
      ],
    },
  ],
};

function render(): QuizPayload {
  const payload: QuizPayload = { quizzes: [quiz], html: {}, slides: {}, answers: {} };
  const ctx: QuizRenderContext = { md: createMarkdown({ root: process.cwd() }), t: createStrings(ENGLISH), issues: [], slides: payload.slides, html: payload.html, answers: payload.answers };
  document.body.innerHTML = `<div class="reveal"><div class="slides">${renderQuizStack({ quiz, file: 'quizzes/q.yaml' }, ctx)}</div></div>`;
  expect(ctx.issues).toEqual([]);
  return payload;
}

function memory() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
}

const formOf = (id: string) => [...document.querySelectorAll<HTMLFormElement>('form')].find((f) => f.dataset.questionId === id)!;

describe('render-quiz', () => {
  it('puts ids into attributes escaped: a choice id never becomes live markup', () => {
    render();
    expect(document.querySelectorAll('img, script')).toHaveLength(0);
    const form = formOf(`pick${EVIL}`);
    expect([...form.querySelectorAll<HTMLElement>('[data-choice-id]')].map((l) => l.dataset.choiceId)).toEqual([EVIL, `b'<script>alert(2)</script>`]);
    expect([...form.querySelectorAll('input')].map((i) => i.value)).toEqual([EVIL, `b'<script>alert(2)</script>`]);
    expect(document.querySelector('section.quiz-stack')!.getAttribute('data-quiz-id')).toBe('q"z');
    expect([...document.querySelectorAll<HTMLElement>('[data-item-id]')].map((li) => li.dataset.itemId)).toEqual([`i${EVIL}`, 'ii']);
    expect([...document.querySelectorAll<HTMLOptionElement>('[data-pair-id] option')].map((o) => o.value)).toContain(`x${EVIL}`);
  });

  it('shows an input or a list for blanks named in any script or with a dot', () => {
    render();
    const form = formOf('gap');
    const blanks = [...form.querySelectorAll<HTMLElement>('[data-blank-id]')];
    expect(blanks.map((b) => [b.tagName, b.dataset.blankId])).toEqual([['INPUT', '年份'], ['SELECT', 'a.b']]);
    expect(form.textContent).not.toContain('{{');
    expect(form.querySelector('.quiz-cloze')!.innerHTML).toContain('<em>a_b</em>');
  });

  it('is answered through the runtime: the ids come back intact and grade right', () => {
    const payload = render();
    createQuizView(document, { payload, store: createProgressStore([quiz], memory()), t: createStrings(ENGLISH), now: () => new Date('2026-03-01T09:00:00Z') });

    const gap = formOf('gap');
    gap.querySelector<HTMLInputElement>('[data-blank-id="年份"]')!.value = ' 2024 ';
    gap.querySelector<HTMLSelectElement>('select')!.value = EVIL;
    gap.requestSubmit();
    expect(gap.dataset.result).toBe('correct');

    const pick = formOf(`pick${EVIL}`);
    [...pick.querySelectorAll<HTMLInputElement>('input')].find((i) => i.value === EVIL)!.checked = true;
    pick.requestSubmit();
    expect(pick.dataset.result).toBe('correct');
    expect(pick.querySelector('.quiz-feedback')!.textContent).toContain('Correct');
  });

  it('typesets the maths of an answer wherever it is shown: notes and "Show answer"', () => {
    const payload = render();
    const pick = formOf(`pick${EVIL}`);
    const notes = pick.closest('section')!.querySelector('aside.notes')!;
    expect(notes.querySelector('.katex')).not.toBeNull();
    expect(notes.textContent).not.toContain('$');

    createQuizView(document, { payload, store: createProgressStore([quiz], memory()), t: createStrings(ENGLISH), now: () => new Date('2026-03-01T09:00:00Z') });
    pick.querySelector<HTMLButtonElement>('[data-action="show"]')!.hidden = false;
    pick.querySelector<HTMLButtonElement>('[data-action="show"]')!.click();
    const feedback = pick.querySelector('.quiz-feedback')!;
    expect(feedback.textContent).toContain('HHI rises by');
    expect(feedback.querySelector('.katex')).not.toBeNull();
    expect(feedback.textContent).not.toContain('$2 s_i');
  });
});
