/**
 * Gives every quiz slide its behaviour, putting together the controls (`quiz-controls.ts`), the
 * feedback (`quiz-feedback.ts`) and focus (`quiz-focus.ts`): the learner's choice order, Check /
 * Try again / Hint / Show answer, the session advanced by the engine and saved, and the score on
 * the quiz's first slide.
 */
import {
  createSession,
  grade,
  presentedOrder,
  quizResult,
  ResponseError,
  SessionError,
  submitTry,
  triesAt,
  triesLeft,
  type GradeResult,
  type Question,
  type Quiz,
  type Session,
} from '../quiz/index.ts';
import type { Translate } from '../i18n/strings.ts';
import { ACTION, DATA, type QuizPayload } from '../shared/contract.ts';
import type { ProgressStore } from './progress-store.ts';
import { formatScore, pluralOf } from './format.ts';
import { actionButton, arrange, moveItem, offer, readResponse, setHint, setLocked, writeResponse } from './quiz-controls.ts';
import { clearVerdicts, feedbackMarkup, isOver, markChoices, markPairs, missingMarkup, retryLabel, verdictOf } from './quiz-feedback.ts';
import { bindArrowKeys, focusFirstControl, hasFocus, keepFocus } from './quiz-focus.ts';
import { html, type SafeHtml } from '../shared/html.ts';
import { cls, hook } from './hooks.ts';

/** Where a question lives in the page and what it is. */
export interface MountedQuestion {
  quiz: Quiz;
  question: Question;
  form: HTMLFormElement;
  /** Shows the answer, as "Show answer" and the presenter's key do. */
  reveal(): void;
  /** Shows what is saved for this question. */
  restore(): void;
}

export interface QuizViewOptions {
  payload: QuizPayload;
  store: ProgressStore;
  t: Translate;
  now?: () => Date;
}

export function createQuizView(root: ParentNode, { payload, store, t, now = () => new Date() }: QuizViewOptions) {
  const mounted: MountedQuestion[] = [];
  const cleanups: (() => void)[] = [];
  const sessions = new Map<string, Session>();
  const sessionOf = (quiz: Quiz) => sessions.get(quiz.id) ?? store.session(quiz) ?? createSession(quiz, store.learner, now());

  /** An element of a quiz: in a stack, on one of its slides (the scroll view splits stacks), or in a practice list. */
  const within = <E extends Element>(quizId: string, selector: string) => root.querySelector<E>(`:is(${hook(DATA.quizId, quizId)}, ${hook(DATA.practiceId, quizId)}) ${selector}`);

  const updateScore = (quiz: Quiz) => {
    const target = within<HTMLElement>(quiz.id, hook(DATA.quizScore));
    if (!target) return;
    const result = quizResult(quiz, sessions.get(quiz.id));
    const started = result.questions.some((q) => q.tries > 0);
    target.textContent = started
      ? `${t(pluralOf(result.maxScore) === 'one' ? 'quiz.scoreOne' : 'quiz.score', { score: formatScore(result.score), max: formatScore(result.maxScore), share: Math.round(result.share * 100) })} · ${t(result.passed ? 'quiz.passed' : 'quiz.notPassed')}`
      : '';
  };

  const listen = (target: EventTarget, type: string, handler: (event: Event) => void) => {
    target.addEventListener(type, handler);
    cleanups.push(() => target.removeEventListener(type, handler));
  };

  function mountQuestion(quiz: Quiz, question: Question, form: HTMLFormElement): MountedQuestion {
    const feedback = form.querySelector<HTMLElement>(cls('quizFeedback'));
    const say = (markup: SafeHtml) => {
      if (feedback) feedback.innerHTML = markup.toString();
    };

    /** Back to the unanswered form. */
    const clear = () => {
      form.reset();
      delete form.dataset[DATA.result];
      delete form.dataset[DATA.answerShown];
      say(html``);
      clearVerdicts(form);
      setLocked(form, false);
      setHint(form, 'closed');
      offer(form, { check: true, retry: false, show: false });
    };

    /** Shows the outcome of a try (or of the answer shown) in the form and the live region. */
    const show = (result: GradeResult | undefined) => {
      const shownAnswer = !result;
      const verdict = result ? verdictOf(result) : 'incorrect';
      form.dataset[DATA.result] = verdict;
      if (shownAnswer) form.dataset[DATA.answerShown] = 'true';
      markChoices(form, question, shownAnswer, t);
      const session = sessionOf(quiz);
      const left = triesLeft(quiz, session, question.id);
      const tries = triesAt(session, question.id).length;
      const order = presentedOrder(quiz, question, store.learner);
      const choiceOrder = order.type === 'single' || order.type === 'multiple' ? order.choices : undefined;
      say(feedbackMarkup({ quiz, question, result, tries, left, choiceOrder }, payload, t));
      const retry = actionButton(form, ACTION.retry);
      if (retry) retry.textContent = retryLabel(quiz, tries, t);
      markPairs(form, question, t);
      const done = shownAnswer || verdict === 'correct';
      // While tries remain the feedback says the hint; once the question is over the explanation
      // does, and a hint would only be noise.
      setHint(form, isOver({ result, left }) ? 'over' : 'in-feedback');
      setLocked(form, true);
      offer(form, {
        check: false,
        retry: !done && left > 0,
        // With unlimited tries the answer can be shown after any wrong try; otherwise once they are spent.
        show: !done && (left === 0 || !Number.isFinite(left)),
      });
    };

    /**
     * Shows the answer in the feedback ("The answer: 90") and marks the right choices, leaving
     * what the learner (or the room) entered in place: overwriting "70" with "90" would hide the
     * very answer the learner should compare with the right one.
     */
    const reveal = (hadFocus = false) => {
      store.markShown(quiz.id, question.id);
      show(undefined);
      keepFocus(form, hadFocus);
    };

    listen(form, 'submit', (event) => {
      event.preventDefault();
      const hadFocus = hasFocus(form);
      const response = readResponse(question.type, form, t);
      if ('missing' in response) return say(missingMarkup(response.missing));
      // The list starts in a wrong order: checked before anything moved, it is not an answer yet.
      if ('order' in response && (sessionOf(quiz).progress[question.id]?.tries.length ?? 0) === 0) {
        const start = presentedOrder(quiz, question, store.learner);
        if (start.type === 'order' && start.items.join('\u0000') === response.order.join('\u0000')) return say(missingMarkup(t('quiz.moveFirst')));
      }
      let session: Session;
      try {
        session = submitTry(quiz, sessionOf(quiz), question.id, response, now());
      } catch (error) {
        if (!(error instanceof ResponseError || error instanceof SessionError)) throw error;
        return say(missingMarkup(error instanceof ResponseError ? t('quiz.answerFirst') : error.message));
      }
      sessions.set(quiz.id, session);
      // Graded and shown even when it cannot be saved (storage full): the store says so itself.
      store.save(session);
      show(grade(question, response));
      keepFocus(form, hadFocus);
      updateScore(quiz);
    });

    listen(form, 'click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button');
      if (!button || button.type === 'submit') return;
      const action = button.dataset[DATA.action];
      if (action === ACTION.retry) {
        setLocked(form, false);
        delete form.dataset[DATA.result];
        say(html``);
        clearVerdicts(form);
        // The hint the feedback gave stays in view for the next try.
        setHint(form, 'open');
        offer(form, { check: true, retry: false, show: false });
        focusFirstControl(form);
      } else if (action === ACTION.show) reveal(hasFocus(form));
      else if (action === ACTION.hint) setHint(form, button.getAttribute('aria-expanded') === 'true' ? 'closed' : 'open');
      else if (button.dataset[DATA.move]) {
        const moved = moveItem(button);
        button.focus();
        if (moved && feedback) feedback.textContent = t('quiz.moved', { item: moved.text, position: moved.position, total: moved.total });
      }
    });
    cleanups.push(bindArrowKeys(form));

    /** Back to what is saved: the last try shown as it was, a shown answer still shown. */
    const restore = () => {
      clear();
      arrange(presentedOrder(quiz, question, store.learner), form);
      const tries = triesAt(sessionOf(quiz), question.id);
      const shown = store.shown(quiz.id).includes(question.id);
      if (tries.length) {
        const last = tries.at(-1)!.response;
        let result: GradeResult;
        try {
          result = grade(question, last as never);
        } catch {
          // The store checks saved answers against the quiz; should one slip through, this
          // question starts afresh (or with its answer shown) rather than stopping every quiz of the deck.
          if (shown) reveal();
          return;
        }
        writeResponse(question.type, form, last);
        if (!shown) return show(result);
      }
      if (shown) reveal();
    };
    restore();
    return { quiz, question, form, reveal: () => reveal(), restore };
  }

  for (const quiz of payload.quizzes) {
    sessions.set(quiz.id, sessionOf(quiz));
    for (const question of quiz.questions) {
      const form = within<HTMLFormElement>(quiz.id, `form${hook(DATA.questionId, question.id)}`);
      if (form) mounted.push(mountQuestion(quiz, question, form));
    }
    const reset = within(quiz.id, hook(DATA.action, ACTION.resetQuiz));
    if (reset)
      listen(reset, 'click', () => {
        if (!confirm(t('quiz.resetConfirm', { title: quiz.title }))) return;
        store.resetQuiz(quiz.id);
        sessions.set(quiz.id, createSession(quiz, store.learner, now()));
        for (const m of mounted.filter((m) => m.quiz === quiz)) m.restore();
        updateScore(quiz);
      });
    updateScore(quiz);
  }

  return {
    questions: mounted,
    /** The question on a slide, if the slide is a question slide. */
    questionOn(slide: Element | undefined): MountedQuestion | undefined {
      return mounted.find((m) => slide?.contains(m.form));
    },
    /** Shows what the store holds now (after a reset or a loaded file). */
    refresh() {
      for (const quiz of payload.quizzes) {
        sessions.set(quiz.id, store.session(quiz) ?? createSession(quiz, store.learner, now()));
        updateScore(quiz);
      }
      for (const m of mounted) m.restore();
    },
    destroy() {
      cleanups.splice(0).forEach((cleanup) => cleanup());
    },
  };
}
