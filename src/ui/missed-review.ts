import { isCorrect, quizResult, triesAt, type Question, type Quiz } from '../quiz/index.ts';
import type { Translate } from '../i18n/strings.ts';
import { DATA, type QuizPayload } from '../shared/contract.ts';
import { html } from '../shared/html.ts';
import { hook } from './hooks.ts';
import { createProgressStore, type ProgressStore } from './progress-store.ts';
import { createQuizView } from './quiz-view.ts';

/** An in-memory storage: practice answers are not saved and do not change any score. */
function scratchStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
}

/** Questions the learner missed: the first try was not right, or the answer had to be shown. */
export function missedQuestions(quizzes: readonly Quiz[], store: ProgressStore, exceptQuiz: string): { quiz: Quiz; question: Question }[] {
  const sessions = store.sessions();
  return quizzes
    .filter((quiz) => quiz.id !== exceptQuiz)
    .flatMap((quiz) => {
      const session = sessions.find((s) => s.quizId === quiz.id);
      const shown = store.shown(quiz.id);
      quizResult(quiz, session); // validates the session against the quiz
      return quiz.questions
        .filter((question) => {
          const tries = session ? triesAt(session, question.id) : [];
          return shown.includes(question.id) || (tries.length > 0 && !isCorrect(tries[0]!.fraction));
        })
        .map((question) => ({ quiz, question }));
    });
}

/**
 * Retrieval practice at the end of the final review: the questions missed earlier come back,
 * copied from their own slides, graded on the spot, and kept apart from the scores.
 */
export function createMissedReview(root: ParentNode, opts: { payload: QuizPayload; store: ProgressStore; t: Translate }) {
  const slide = root.querySelector<HTMLElement>(hook(DATA.missedReview));
  const list = slide?.querySelector<HTMLElement>(hook(DATA.missedList));
  const finalQuiz = slide?.dataset[DATA.quizId] ?? '';
  if (!slide || !list) return { render() {}, destroy() {} };
  let view: ReturnType<typeof createQuizView> | undefined;
  let listed: string | undefined;

  const render = () => {
    const missed = missedQuestions(opts.payload.quizzes, opts.store, finalQuiz);
    // The same questions as last time: the practice stays as the learner left it (back from "Review the slide").
    const ids = JSON.stringify(missed.map(({ quiz, question }) => [quiz.id, question.id]));
    if (ids === listed) return;
    listed = ids;
    view?.destroy();
    view = undefined;
    if (missed.length === 0) {
      list.innerHTML = html`<p>${opts.t('review.none')}</p>`.toString();
      return;
    }
    // One practice quiz of copies; ids say where each came from, so copies never clash.
    const practice: Quiz = {
      id: 'missed-review',
      title: opts.t('review.title'),
      pass: 0,
      shuffle: true,
      attempts: 0,
      penalty: 0,
      questions: missed.map(({ quiz, question }) => ({ ...question, id: `${quiz.id}--${question.id}` })),
    };
    list.innerHTML = '';
    const stack = document.createElement('div');
    stack.dataset[DATA.practiceId] = practice.id;
    for (const { quiz, question } of missed) {
      const original = root.querySelector<HTMLFormElement>(`${hook(DATA.quizId, quiz.id)} form${hook(DATA.questionId, question.id)}`);
      if (!original) continue;
      const copy = original.cloneNode(true) as HTMLFormElement;
      const id = `${quiz.id}--${question.id}`;
      copy.dataset[DATA.questionId] = id;
      // Fresh names and ids, so the copy's radios and labels are its own.
      // References (`aria-describedby`, `aria-labelledby`) follow, so they point inside the copy.
      copy.querySelectorAll<HTMLElement>('[name], [id], label[for], [aria-describedby], [aria-labelledby]').forEach((el) => {
        for (const attr of ['name', 'id', 'for', 'aria-describedby', 'aria-labelledby']) {
          const value = el.getAttribute(attr);
          if (value) el.setAttribute(attr, value.split(/\s+/).map((v) => `review--${v}`).join(' '));
        }
      });
      const from = document.createElement('p');
      from.className = 'quiz-meta';
      from.textContent = opts.t('review.of', { quiz: quiz.title });
      const item = document.createElement('div');
      item.className = 'quiz-missed-item';
      item.append(from, copy);
      stack.append(item);
    }
    list.append(stack);
    view = createQuizView(list, {
      payload: { ...opts.payload, quizzes: [practice] },
      store: createProgressStore([practice], scratchStorage()),
      t: opts.t,
    });
  };
  render();
  return {
    render,
    destroy() {
      view?.destroy();
    },
  };
}
