// @vitest-environment jsdom
/**
 * Feedback in stages (issue 12): while tries remain, a wrong try says its verdict, the chosen
 * choice's feedback, the hint and the tries left, and nothing that gives the answer away; the
 * explanation and the source come once the question is over (right, tries spent, answer shown).
 * The same holds after a reload and in the missed-question review.
 */
import { ENGLISH } from '../../../src/i18n/english.ts';
import { describe, expect, it } from 'vitest';
import { createMarkdown } from '../../../src/deck/render-markdown.ts';
import { renderQuizStack, type QuizRenderContext } from '../../../src/deck/render-quiz.ts';
import { createStrings } from '../../../src/i18n/strings.ts';
import { createSession, grade, parseQuizBank, submitTry, type Quiz } from '../../../src/quiz/index.ts';
import { attr, DATA, type QuizPayload } from '../../../src/shared/contract.ts';
import { createMissedReview } from '../../../src/ui/missed-review.ts';
import { createProgressStore } from '../../../src/ui/progress-store.ts';
import { feedbackMarkup, isOver } from '../../../src/ui/quiz-feedback.ts';
import { createQuizView } from '../../../src/ui/quiz-view.ts';

const t = createStrings(ENGLISH);
const AT = new Date('2026-03-01T09:00:00Z');

const quizText = (attempts: number, id = 'review') => `id: ${id}
title: Review
shuffle: false
attempts: ${attempts}
penalty: 0.5
questions:
  - id: share
    type: single
    prompt: "What share of manufacturing?"
    choices:
      - { id: quarter, text: "A quarter", feedback: "Far more than a quarter." }
      - { id: most, text: "More than 80%", correct: true, feedback: "Yes." }
      - { id: half, text: "About half", feedback: "More than half." }
    explanation: "EXPLAINED: the minister says more than 80%."
    hint: "HINTED: think of the biggest part."
    source: "accounting for more than 80% of the manufacturing industry"
    slide: traditional/weight
`;

const wrong = { choice: 'quarter' };
const right = { choice: 'most' };

function payloadOf(quiz: Quiz): QuizPayload {
  return { quizzes: [quiz], html: {}, slides: { 'traditional/weight': { href: '#/traditional--weight', title: 'More than 80%' } }, answers: {} };
}

/** The feedback's text for a try graded `fraction`, with `tries` made and `left` still allowed. */
function said(quiz: Quiz, response: typeof wrong | undefined, tries: number, left: number): string {
  const question = quiz.questions[0]!;
  const result = response ? grade(question, response) : undefined;
  const div = document.createElement('div');
  div.innerHTML = feedbackMarkup({ quiz, question, result, tries, left }, payloadOf(quiz), t).toString();
  return div.textContent ?? '';
}

describe('feedbackMarkup: what a try says, in stages', () => {
  const quiz = parseQuizBank(quizText(2), 'quizzes/review.yaml');

  it('a wrong try with a try left: verdict, points, the choice’s feedback, the hint, the slide and the tries left; no explanation, source or answer', () => {
    const text = said(quiz, wrong, 1, 1);
    expect(text).toContain('Not correct');
    expect(text).toContain('0 of 1 point');
    expect(text).toContain('Far more than a quarter.');
    expect(text).toContain('Hint: HINTED');
    expect(text).toContain('Review the slide: More than 80%');
    expect(text).toContain('Tries left: 1');
    for (const gone of ['EXPLAINED', 'Why:', 'In the source:', 'accounting for more than 80%', 'The answer:']) expect(text).not.toContain(gone);
  });

  it('the last wrong try ends the question: the explanation and the source, no hint', () => {
    const text = said(quiz, wrong, 2, 0);
    expect(text).toContain('Why: EXPLAINED');
    expect(text).toContain('In the source: “accounting for more than 80% of the manufacturing industry”');
    expect(text).toContain('No tries left.');
    expect(text).not.toContain('HINTED');
  });

  it('a right try, and the answer shown, end the question at once', () => {
    expect(said(quiz, right, 1, 1)).toContain('Why: EXPLAINED');
    const shown = said(quiz, undefined, 1, 1);
    expect(shown).toContain('Answer shown');
    expect(shown).toContain('The answer: More than 80%');
    expect(shown).toContain('Why: EXPLAINED');
  });

  it('with unlimited tries (attempts: 0) a wrong try never ends the question: no explanation until right or shown', () => {
    const unlimited = parseQuizBank(quizText(0), 'quizzes/review.yaml');
    for (const tries of [1, 5]) {
      const text = said(unlimited, wrong, tries, Infinity);
      expect(text).toContain('Hint: HINTED');
      expect(text).not.toContain('EXPLAINED');
      expect(text).not.toContain('Tries left');
    }
    expect(said(unlimited, right, 3, Infinity)).toContain('EXPLAINED');
    expect(said(unlimited, undefined, 3, Infinity)).toContain('EXPLAINED');
  });

  it('isOver: right, tries spent, or answer shown', () => {
    const question = quiz.questions[0]!;
    expect(isOver({ result: grade(question, wrong), left: 1 })).toBe(false);
    expect(isOver({ result: grade(question, wrong), left: Infinity })).toBe(false);
    expect(isOver({ result: grade(question, wrong), left: 0 })).toBe(true);
    expect(isOver({ result: grade(question, right), left: 1 })).toBe(true);
    expect(isOver({ result: undefined, left: 1 })).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Through the runtime, in a DOM

function memory() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
}

function mount(quiz: Quiz, extra = '') {
  const payload = payloadOf(quiz);
  const ctx: QuizRenderContext = { md: createMarkdown({ root: process.cwd() }), t, issues: [], slides: payload.slides, html: payload.html, answers: payload.answers };
  document.body.innerHTML = `<div class="reveal"><div class="slides">${renderQuizStack({ quiz, file: 'quizzes/review.yaml' }, ctx)}${extra}</div></div>`;
  return payload;
}

const form = (root: ParentNode = document) => root.querySelector<HTMLFormElement>('form[data-question-id]')!;
const button = (f: HTMLFormElement, action: string) => f.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
const feedbackText = (f: HTMLFormElement) => f.querySelector('.quiz-feedback')!.textContent ?? '';
const pick = (f: HTMLFormElement, id: string) => {
  f.querySelectorAll<HTMLInputElement>('input[type=radio]').forEach((i) => (i.checked = i.value === id));
  f.requestSubmit();
};
const marks = (f: HTMLFormElement) => [...f.querySelectorAll<HTMLElement>('[data-choice-id]')].filter((l) => l.dataset.verdict).map((l) => `${l.dataset.choiceId}:${l.dataset.verdict}`);

/** What a learner sees of a question: the feedback's parts, the hint and the buttons offered. */
function stage(f: HTMLFormElement) {
  const hint = f.querySelector<HTMLElement>('.quiz-hint')!;
  return {
    explained: feedbackText(f).includes('EXPLAINED'),
    sourced: feedbackText(f).includes('In the source:'),
    hintInFeedback: feedbackText(f).includes('Hint: HINTED'),
    hintPanel: !hint.hidden,
    hintButton: !button(f, 'hint').hidden,
    retry: !button(f, 'retry').hidden,
    show: !button(f, 'show').hidden,
  };
}

describe('the question on its slide, in stages', () => {
  it('two tries: the first wrong try shows the hint and marks only the choice picked; Try again keeps the hint open; the second ends the question', () => {
    const quiz = parseQuizBank(quizText(2), 'quizzes/review.yaml');
    const payload = mount(quiz);
    createQuizView(document, { payload, store: createProgressStore([quiz], memory()), t, now: () => AT });
    const f = form();
    pick(f, 'quarter');
    expect(f.dataset.result).toBe('incorrect');
    expect(stage(f)).toEqual({ explained: false, sourced: false, hintInFeedback: true, hintPanel: false, hintButton: false, retry: true, show: false });
    // Only the choice picked says it is wrong; nothing points at the right one.
    expect(marks(f)).toEqual(['quarter:wrong']);
    expect(feedbackText(f)).toContain('Tries left: 1');

    button(f, 'retry').click();
    expect(stage(f)).toMatchObject({ hintPanel: true, hintButton: true, retry: false });
    expect(button(f, 'hint').getAttribute('aria-expanded')).toBe('true');

    pick(f, 'half');
    expect(stage(f)).toMatchObject({ explained: true, sourced: true, hintInFeedback: false, retry: false, show: true });
    expect(feedbackText(f)).toContain('No tries left.');
  });

  it('one try (the final review): a wrong answer ends the question and explains it', () => {
    const quiz = parseQuizBank(quizText(1), 'quizzes/review.yaml');
    const payload = mount(quiz);
    createQuizView(document, { payload, store: createProgressStore([quiz], memory()), t, now: () => AT });
    const f = form();
    pick(f, 'quarter');
    expect(stage(f)).toMatchObject({ explained: true, sourced: true, hintInFeedback: false, retry: false, show: true });
  });

  it('unlimited tries: Show answer is offered after a wrong try, without the explanation; showing it explains', () => {
    const quiz = parseQuizBank(quizText(0), 'quizzes/review.yaml');
    const payload = mount(quiz);
    createQuizView(document, { payload, store: createProgressStore([quiz], memory()), t, now: () => AT });
    const f = form();
    pick(f, 'quarter');
    expect(stage(f)).toMatchObject({ explained: false, sourced: false, hintInFeedback: true, retry: true, show: true });
    button(f, 'show').click();
    expect(f.dataset.answerShown).toBe('true');
    expect(stage(f)).toMatchObject({ explained: true, sourced: true, hintInFeedback: false });
    expect(feedbackText(f)).toContain('The answer: More than 80%');
  });

  it('progress reloaded in the middle of a question shows the same stage: hint, tries left, no explanation', () => {
    const quiz = parseQuizBank(quizText(2), 'quizzes/review.yaml');
    const payload = mount(quiz);
    const storage = memory();
    const store = createProgressStore([quiz], storage);
    store.save(submitTry(quiz, createSession(quiz, store.learner, AT), 'share', wrong, AT));
    createQuizView(document, { payload, store: createProgressStore([quiz], storage), t, now: () => AT });
    const f = form();
    expect(f.dataset.result).toBe('incorrect');
    expect(stage(f)).toEqual({ explained: false, sourced: false, hintInFeedback: true, hintPanel: false, hintButton: false, retry: true, show: false });
    expect(feedbackText(f)).toContain('Tries left: 1');
    expect(marks(f)).toEqual(['quarter:wrong']);
  });

  it('the missed-question review follows the same rule: a wrong practice try hints, and explains only once right or shown', () => {
    const quiz = parseQuizBank(quizText(2), 'quizzes/review.yaml');
    const missedSlide = `<section ${attr(DATA.missedReview)} ${attr(DATA.quizId)}="final"><div ${attr(DATA.missedList)}></div></section>`;
    const payload = mount(quiz, missedSlide);
    const storage = memory();
    const store = createProgressStore([quiz], storage);
    store.save(submitTry(quiz, createSession(quiz, store.learner, AT), 'share', wrong, AT));
    createQuizView(document, { payload, store, t, now: () => AT });
    createMissedReview(document, { payload, store, t });
    const copy = form(document.querySelector(`[${attr(DATA.missedList)}]`)!);
    expect(copy.dataset.questionId).toBe('review--share');
    // The copy starts unanswered, whatever the original shows.
    expect(copy.dataset.result).toBeUndefined();
    expect(feedbackText(copy)).toBe('');
    pick(copy, 'half');
    expect(stage(copy)).toMatchObject({ explained: false, sourced: false, hintInFeedback: true, retry: true, show: true });
    button(copy, 'retry').click();
    pick(copy, 'most');
    expect(copy.dataset.result).toBe('correct');
    expect(stage(copy)).toMatchObject({ explained: true, sourced: true });
  });
});
