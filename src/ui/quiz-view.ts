import {
  grade,
  presentedOrder,
  quizResult,
  ResponseError,
  createSession,
  submitTry,
  triesAt,
  triesLeft,
  type GradeResult,
  type Question,
  type Quiz,
  type Response,
  type Session,
  answerText,
  correctResponse,
  quoted,
  tryCredit,
} from '../quiz/index.ts';
import type { Translate } from '../i18n/strings.ts';
import type { QuizPayload } from '../shared/contract.ts';
import type { ProgressStore } from './progress-store.ts';
import { escapeHtml } from '../shared/escape-html.ts';

type Verdict = 'correct' | 'partial' | 'incorrect';
const ICONS: Record<Verdict | 'shown', string> = { correct: '✓', partial: '◐', incorrect: '✗', shown: '➜' };


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

/** Reads what the learner has entered, or says what is missing; never a silent zero. */
function readResponse(question: Question, form: HTMLFormElement, t: Translate): Response | { missing: string } {
  const all = <E extends Element>(selector: string) => [...form.querySelectorAll<E>(selector)];
  const answerFirst = { missing: t('quiz.answerFirst') };
  switch (question.type) {
    case 'single': {
      const choice = all<HTMLInputElement>('input[type=radio]').find((i) => i.checked)?.value;
      return choice ? { choice } : answerFirst;
    }
    case 'multiple': {
      const choices = all<HTMLInputElement>('input[type=checkbox]').filter((i) => i.checked).map((i) => i.value);
      return choices.length ? { choices } : answerFirst;
    }
    case 'truefalse': {
      const value = all<HTMLInputElement>('input[type=radio]').find((i) => i.checked)?.value;
      return value ? { value: value === 'true' } : answerFirst;
    }
    case 'numeric': {
      const text = form.querySelector<HTMLInputElement>('input[type=text]')!.value.trim();
      if (!text) return answerFirst;
      // People type "80 %", "1,5" or "１２": read them as the number they mean.
      const cleaned = text.normalize('NFKC').replace(/\s|%$/g, '').replace(/^([+-]?\d+),(\d+)$/, '$1.$2');
      const value = Number(cleaned);
      return cleaned !== '' && Number.isFinite(value) ? { value } : { missing: t('quiz.enterNumber') };
    }
    case 'text': {
      const text = form.querySelector<HTMLInputElement>('input[type=text]')!.value;
      return text.trim() ? { text } : answerFirst;
    }
    case 'order':
      return { order: all<HTMLLIElement>('.quiz-order > li').map((li) => li.dataset.itemId!) };
    case 'match': {
      const matches: Record<string, string> = {};
      for (const row of all<HTMLElement>('.quiz-match-row')) {
        const value = row.querySelector('select')!.value;
        if (value) matches[row.dataset.pairId!] = value;
      }
      return Object.keys(matches).length ? { matches } : answerFirst;
    }
    case 'cloze': {
      const blanks: Record<string, string> = {};
      for (const control of all<HTMLInputElement | HTMLSelectElement>('[data-blank-id]')) {
        if (control.value.trim()) blanks[control.dataset.blankId!] = control.value;
      }
      return Object.keys(blanks).length ? { blanks } : answerFirst;
    }
  }
}

/** Puts a response back into the controls (a reload, or "Show answer"). */
function writeResponse(question: Question, form: HTMLFormElement, response: Response): void {
  const r = response as unknown as Partial<Record<string, unknown>>;
  const byValue = (value: string) => form.querySelector<HTMLInputElement>(`input[value="${CSS.escape(value)}"]`);
  switch (question.type) {
    case 'single':
      if (typeof r.choice === 'string') byValue(r.choice)!.checked = true;
      break;
    case 'multiple':
      form.querySelectorAll<HTMLInputElement>('input[type=checkbox]').forEach((i) => (i.checked = (r.choices as string[]).includes(i.value)));
      break;
    case 'truefalse':
      byValue(String(r.value))!.checked = true;
      break;
    case 'numeric':
      form.querySelector<HTMLInputElement>('input[type=text]')!.value = String(r.value);
      break;
    case 'text':
      form.querySelector<HTMLInputElement>('input[type=text]')!.value = String(r.text);
      break;
    case 'order': {
      const list = form.querySelector('.quiz-order')!;
      for (const id of r.order as string[]) {
        const li = list.querySelector(`li[data-item-id="${CSS.escape(id)}"]`);
        if (li) list.append(li);
      }
      break;
    }
    case 'match':
      for (const row of form.querySelectorAll<HTMLElement>('.quiz-match-row')) {
        row.querySelector('select')!.value = (r.matches as Record<string, string>)[row.dataset.pairId!] ?? '';
      }
      break;
    case 'cloze':
      for (const control of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-blank-id]')) {
        control.value = (r.blanks as Record<string, string>)[control.dataset.blankId!] ?? '';
      }
      break;
  }
}

/** Puts choices, items and options in the learner's own seeded order. */
function arrange(quiz: Quiz, question: Question, form: HTMLFormElement, learner: string): void {
  const order = presentedOrder(quiz, question, learner);
  const reorder = (parent: Element | null, selector: (id: string) => string, ids: string[]) => {
    if (!parent) return;
    for (const id of ids) {
      const el = parent.querySelector(selector(id));
      if (el) parent.append(el);
    }
  };
  if (order.type === 'single' || order.type === 'multiple') reorder(form.querySelector('.quiz-choices'), (id) => `[data-choice-id="${CSS.escape(id)}"]`, order.choices);
  if (order.type === 'order') reorder(form.querySelector('.quiz-order'), (id) => `li[data-item-id="${CSS.escape(id)}"]`, order.items);
  if (order.type === 'match') {
    const keep = new Set(order.right);
    for (const select of form.querySelectorAll('select')) {
      for (const option of [...select.options]) if (option.value && !keep.has(option.value)) option.remove();
      reorder(select, (id) => `option[value="${CSS.escape(id)}"]`, order.right);
    }
  }
  if (order.type === 'cloze') {
    for (const [blank, ids] of Object.entries(order.blanks)) {
      reorder(form.querySelector(`select[data-blank-id="${CSS.escape(blank)}"]`), (id) => `option[value="${CSS.escape(id)}"]`, ids);
    }
  }
}

function verdictOf(result: GradeResult): Verdict {
  return result.correct ? 'correct' : result.fraction > 0 ? 'partial' : 'incorrect';
}

/**
 * Gives every quiz slide its behaviour: the learner's choice order, Check / Try again /
 * Hint / Show answer, feedback announced in a live region with the explanation and a link
 * back to the slide that teaches it, and progress saved and restored.
 */
export function createQuizView(root: ParentNode, { payload, store, t, now = () => new Date() }: QuizViewOptions) {
  const mounted: MountedQuestion[] = [];
  const html = (text: string | undefined) => (text ? (payload.html[text] ?? `<p>${escapeHtml(text)}</p>`) : '');
  const sessions = new Map<string, Session>();
  const sessionOf = (quiz: Quiz) => sessions.get(quiz.id) ?? store.session(quiz) ?? createSession(quiz, store.learner, now());

  /** An element of a quiz: in a stack, on one of its slides (the scroll view splits stacks), or in a practice list. */
  const within = <E extends Element>(quizId: string, selector: string) =>
    root.querySelector<E>(`:is([data-quiz-id="${CSS.escape(quizId)}"], [data-practice-id="${CSS.escape(quizId)}"]) ${selector}`);

  const updateScore = (quiz: Quiz) => {
    const target = within<HTMLElement>(quiz.id, '[data-quiz-score]');
    if (!target) return;
    const result = quizResult(quiz, sessions.get(quiz.id));
    const started = result.questions.some((q) => q.tries > 0);
    target.textContent = started
      ? `${t('quiz.score', { score: result.score, max: result.maxScore, share: Math.round(result.share * 100) })} · ${t(result.passed ? 'quiz.passed' : 'quiz.notPassed')}`
      : '';
  };

  for (const quiz of payload.quizzes) {
    sessions.set(quiz.id, sessionOf(quiz));
    for (const question of quiz.questions) {
      const form = within<HTMLFormElement>(quiz.id, `form[data-question-id="${CSS.escape(question.id)}"]`);
      if (form) mounted.push(mountQuestion(quiz, question, form));
    }
    within(quiz.id, '[data-action="reset-quiz"]')?.addEventListener('click', () => {
      if (!confirm(t('quiz.resetConfirm', { title: quiz.title }))) return;
      store.resetQuiz(quiz.id);
      sessions.set(quiz.id, createSession(quiz, store.learner, now()));
      for (const m of mounted.filter((m) => m.quiz === quiz)) m.restore();
      updateScore(quiz);
    });
    updateScore(quiz);
  }

  function resetForm(form: HTMLFormElement) {
    form.reset();
    delete form.dataset.result;
    delete form.dataset.answerShown;
    form.querySelector('.quiz-feedback')!.innerHTML = '';
    clearVerdicts(form);
    setLocked(form, false);
    buttons(form, { check: true, retry: false, show: false });
  }

  /** Takes away the verdicts of choices: their data attribute and the words and icon that say it. */
  function clearVerdicts(form: HTMLFormElement) {
    form.querySelectorAll<HTMLElement>('[data-verdict]').forEach((el) => delete el.dataset.verdict);
    form.querySelectorAll('.quiz-choice-mark').forEach((mark) => mark.remove());
  }

  /** A choice's verdict in words and an icon as well as colour: "✓ Right", "✗ Wrong". */
  function markChoice(label: HTMLElement, verdict: 'right' | 'wrong' | undefined) {
    label.querySelector('.quiz-choice-mark')?.remove();
    if (!verdict) {
      delete label.dataset.verdict;
      return;
    }
    label.dataset.verdict = verdict;
    const mark = document.createElement('span');
    mark.className = 'quiz-choice-mark';
    mark.innerHTML = `<span aria-hidden="true">${verdict === 'right' ? ICONS.correct : ICONS.incorrect}</span> `;
    mark.append(t(verdict === 'right' ? 'quiz.choiceRight' : 'quiz.choiceWrong'));
    label.append(mark);
  }

  /**
   * After Check or Show answer the button pressed is hidden and the controls are locked, so focus
   * would fall back to the page: move it to what comes next (Try again, Show answer), or else to
   * the verdict, which the live region also announces.
   */
  function keepFocus(form: HTMLFormElement, hadFocus: boolean) {
    const active = document.activeElement as HTMLElement | null;
    if (!hadFocus || (active && form.contains(active) && !active.hidden && !(active as HTMLButtonElement).disabled && active.getClientRects().length > 0)) return;
    const next = [...form.querySelectorAll<HTMLButtonElement>('.quiz-actions [data-action="retry"], .quiz-actions [data-action="show"]')].find((b) => !b.hidden);
    const verdict = form.querySelector<HTMLElement>('.quiz-feedback .quiz-verdict');
    if (verdict) verdict.tabIndex = -1;
    // The slide view must not scroll under its slides; the scroll view may bring the verdict into view.
    (next ?? verdict)?.focus({ preventScroll: !document.querySelector('.reveal-viewport.reveal-scroll') });
  }

  function setLocked(form: HTMLFormElement, locked: boolean) {
    form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>('fieldset input, fieldset select, fieldset button').forEach((el) => (el.disabled = locked));
  }

  function buttons(form: HTMLFormElement, show: { check: boolean; retry: boolean; show: boolean }) {
    const get = (action: string) => form.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
    get('check').hidden = !show.check;
    get('retry').hidden = !show.retry;
    get('show').hidden = !show.show;
  }

  function mountQuestion(quiz: Quiz, question: Question, form: HTMLFormElement): MountedQuestion {
    const feedback = form.querySelector<HTMLElement>('.quiz-feedback')!;
    const link = () => {
      const slide = question.slide ? payload.slides[question.slide] : undefined;
      return slide ? `<p class="quiz-link"><a href="${slide.href}">${escapeHtml(t('quiz.learnMore', { title: slide.title }))}</a></p>` : '';
    };

    /** Shows the outcome of a try (or of the answer shown) in the form and the live region. */
    const show = (result: GradeResult | undefined, shownAnswer = false) => {
      const verdict = result ? verdictOf(result) : 'incorrect';
      form.dataset.result = verdict;
      if (shownAnswer) form.dataset.answerShown = 'true';
      // Chosen choices say whether they were right, in text and icon as well as colour.
      form.querySelectorAll<HTMLElement>('[data-choice-id]').forEach((label) => {
        const input = label.querySelector('input')!;
        const choice = 'choices' in question ? question.choices.find((c) => c.id === input.value) : undefined;
        const right = question.type === 'truefalse' ? String(question.answer) === input.value : !!choice?.correct;
        markChoice(label, input.checked || shownAnswer ? (right ? 'right' : input.checked ? 'wrong' : undefined) : undefined);
      });
      const session = sessions.get(quiz.id)!;
      const left = triesLeft(quiz, session, question.id);
      const tries = triesAt(session, question.id).length;
      const credit = Math.max(0, 1 - quiz.penalty * tries);
      const headline = shownAnswer
        ? `<p class="quiz-verdict" data-verdict="shown"><span aria-hidden="true">${ICONS.shown}</span> ${escapeHtml(t('quiz.result.shown'))}</p><p><strong>${escapeHtml(t('quiz.theAnswer'))}</strong> ${escapeHtml(answerText(question, { true: t('quiz.true'), false: t('quiz.false') }))}</p>`
        : `<p class="quiz-verdict" data-verdict="${verdict}"><span aria-hidden="true">${ICONS[verdict]}</span> ${escapeHtml(t(`quiz.result.${verdict}`))} · ${escapeHtml(t('quiz.points', { score: +(tryCredit(result!.fraction, tries, quiz.penalty) * question.points).toFixed(2), max: question.points }))}</p>`;
      const parts = [
        headline,
        ...(shownAnswer ? [] : (result?.feedback ?? []).map((f) => `<div class="quiz-choice-feedback">${html(f)}</div>`)),
        question.explanation ? `<div class="quiz-explanation"><strong>${escapeHtml(t('quiz.why'))}</strong> ${html(question.explanation)}</div>` : '',
        question.source ? `<p class="quiz-source"><strong>${escapeHtml(t('quiz.source'))}</strong> ${escapeHtml(quoted(question.source))}</p>` : '',
        link(),
        !shownAnswer && verdict !== 'correct' && Number.isFinite(left) ? `<p class="quiz-tries">${escapeHtml(left > 0 ? t('quiz.triesLeft', { n: left }) : t('quiz.noTriesLeft'))}</p>` : '',
      ];
      feedback.innerHTML = parts.join('');
      const retry = form.querySelector<HTMLButtonElement>('[data-action="retry"]')!;
      retry.textContent = quiz.penalty > 0 ? t('quiz.tryAgainPenalty', { credit: Math.round(credit * 100) }) : t('quiz.tryAgain');
      const done = shownAnswer || verdict === 'correct';
      setLocked(form, true);
      buttons(form, {
        check: false,
        retry: !done && left > 0,
        // With unlimited tries the answer can be shown after any wrong try; otherwise once they are spent.
        show: !done && (left === 0 || !Number.isFinite(left)),
      });
    };

    const reveal = (hadFocus = false) => {
      const response = correctResponse(question);
      setLocked(form, false);
      writeResponse(question, form, response);
      store.markShown(quiz.id, question.id);
      show(undefined, true);
      keepFocus(form, hadFocus);
    };

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const hadFocus = form.contains(document.activeElement);
      const response = readResponse(question, form, t);
      if ('missing' in response) {
        feedback.innerHTML = `<p class="quiz-verdict" data-verdict="missing"><span aria-hidden="true">!</span> ${escapeHtml(response.missing)}</p>`;
        return;
      }
      let session = sessions.get(quiz.id)!;
      try {
        session = submitTry(quiz, session, question.id, response, now());
      } catch (error) {
        const message = error instanceof ResponseError ? t('quiz.answerFirst') : String((error as Error).message);
        feedback.innerHTML = `<p class="quiz-verdict" data-verdict="missing"><span aria-hidden="true">!</span> ${escapeHtml(message)}</p>`;
        return;
      }
      sessions.set(quiz.id, session);
      store.save(session);
      show(grade(question, response));
      keepFocus(form, hadFocus);
      updateScore(quiz);
    });

    // Arrow keys move between choices, as they do between radio buttons; Home and End too.
    form.addEventListener('keydown', (event) => {
      const target = event.target as HTMLElement;
      if (!target.matches('input[type=checkbox]')) return;
      const boxes = [...form.querySelectorAll<HTMLInputElement>('input[type=checkbox]:not(:disabled)')];
      const at = boxes.indexOf(target as HTMLInputElement);
      const next = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: boxes.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      boxes[(next + boxes.length) % boxes.length]?.focus();
    });

    form.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button');
      if (!button || button.type === 'submit') return;
      const action = button.dataset.action;
      if (action === 'retry') {
        setLocked(form, false);
        delete form.dataset.result;
        feedback.innerHTML = '';
        clearVerdicts(form);
        buttons(form, { check: true, retry: false, show: false });
        form.querySelector<HTMLElement>('fieldset input, fieldset select, fieldset button')?.focus();
      } else if (action === 'show') reveal(form.contains(document.activeElement));
      else if (action === 'hint') {
        const hint = form.querySelector<HTMLElement>('.quiz-hint')!;
        hint.hidden = !hint.hidden;
        button.setAttribute('aria-expanded', String(!hint.hidden));
      } else if (button.dataset.move) moveItem(button);
    });

    const moveItem = (button: HTMLButtonElement) => {
      const li = button.closest('li')!;
      const list = li.parentElement!;
      const up = button.dataset.move === 'up';
      const sibling = up ? li.previousElementSibling : li.nextElementSibling;
      if (!sibling) return;
      if (up) list.insertBefore(li, sibling);
      else list.insertBefore(sibling, li);
      button.focus();
      const items = [...list.children];
      const text = li.querySelector('.quiz-order-text')!.textContent ?? '';
      feedback.textContent = t('quiz.moved', { item: text, position: items.indexOf(li) + 1, total: items.length });
    };

    /** Back to what is saved: the last try shown as it was, a shown answer still shown. */
    const restore = () => {
      resetForm(form);
      arrange(quiz, question, form, store.learner);
      const tries = triesAt(sessions.get(quiz.id)!, question.id);
      if (store.shown(quiz.id).includes(question.id)) reveal();
      else if (tries.length) {
        const last = tries.at(-1)!.response;
        writeResponse(question, form, last);
        show(grade(question, last));
      }
    };
    restore();
    return { quiz, question, form, reveal: () => reveal(), restore };
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
  };
}
