/**
 * The question a live class is on, on a student's phone: the deck's own form (sent by the
 * server) made to work with the self-study deck's code (`quiz-controls.ts`, `quiz-focus.ts`,
 * `quiz-feedback.ts`), less what a live class does not have (Hint, Try again, Show answer: the
 * teacher leads), with Send answer instead of Check, and the reveal shown with the deck's feedback.
 */
import type { QuestionType, Quiz, Response } from '../../quiz/index.ts';
import type { AskedQuestion, Revealed } from '../../shared/classroom.ts';
import type { StringKey, Translate } from '../../i18n/strings.ts';
import { ACTION, CLASS, DATA, attr, questionSlideId, type QuizPayload } from '../../shared/contract.ts';
import { html, raw, type SafeHtml } from '../../shared/html.ts';
import { cls, hook } from '../hooks.ts';
import { actionButton, arrange, moveItem, readResponse, setLocked, writeResponse } from '../quiz-controls.ts';
import { answerMarkup, clearVerdicts, feedbackMarkup, markChoices, markPairs, missingMarkup, verdictOf } from '../quiz-feedback.ts';
import { bindArrowKeys, hasFocus, keepFocus } from '../quiz-focus.ts';

/** What the question says under its Send button, besides the deck's own verdicts. */
export type QuestionState = 'answering' | 'sending' | 'sent' | 'closed';

/** Where answering stands, as a line in the feedback region (the theme colours it by `data-verdict`), with the icons the deck's fonts already draw. */
const STATE_LINES: Record<Exclude<QuestionState, 'answering'>, { icon: string; key: StringKey }> = {
  sending: { icon: '…', key: 'classroom.student.sending' },
  sent: { icon: '✓', key: 'classroom.student.sent' },
  closed: { icon: '!', key: 'classroom.student.closed' },
};

const stateLine = (state: string, icon: string, words: string) =>
  html`<p class="${CLASS.quizVerdict}" ${raw(attr(DATA.verdict))}="${state}" tabindex="-1"><span aria-hidden="true">${icon}</span> ${words}</p>`;

/**
 * The reveal ends the question for now: `feedbackMarkup` gives the explanation and the source once
 * no try is left (≤ 0) and counts tries only when the count is finite; whether another try comes
 * is the teacher's call, so the page says no count at all.
 */
const REVEALED = -Infinity;

/** The words of the deck that name its Check button, said with the classroom's Send answer instead. */
const SEND_WORDS: Partial<Record<StringKey, StringKey>> = {
  'quiz.answerFirst': 'classroom.student.answerFirst',
  'quiz.moveFirst': 'classroom.student.moveFirst',
};

/** The form in the server's markup: the deck renders `<form class="quiz-question" data-question-type=…>`. */
function formOf(slot: HTMLElement, markup: string): HTMLFormElement {
  // Rendered by the deck's build and sent by our server: trusted markup, as the deck's own slides are.
  slot.innerHTML = markup;
  const form = slot.querySelector<HTMLFormElement>(`form${cls('quizQuestion')}`) ?? slot.querySelector('form');
  if (!form) throw new Error('the question arrived without its form');
  return form;
}

/**
 * Leaves the Send button and a feedback region: Hint, Try again and Show answer belong to
 * self-study. The feedback region is added should the server send the form without it.
 */
function fitForClass(form: HTMLFormElement, t: Translate): { send: HTMLButtonElement; feedback: HTMLElement } {
  for (const action of [ACTION.hint, ACTION.retry, ACTION.show]) actionButton(form, action)?.remove();
  form.querySelector(cls('quizHint'))?.remove();
  let send = actionButton(form, ACTION.check);
  if (!send) {
    const actions = form.ownerDocument.createElement('div');
    actions.className = CLASS.quizActions;
    actions.innerHTML = html`<button type="submit" ${raw(attr(DATA.action))}="${ACTION.check}"></button>`.toString();
    form.append(actions);
    send = actionButton(form, ACTION.check)!;
  }
  send.textContent = t('classroom.student.send');
  let feedback = form.querySelector<HTMLElement>(cls('quizFeedback'));
  if (!feedback) {
    feedback = form.ownerDocument.createElement('div');
    feedback.className = CLASS.quizFeedback;
    feedback.setAttribute('role', 'status');
    feedback.setAttribute('aria-live', 'polite');
    feedback.setAttribute('aria-atomic', 'true');
    form.append(feedback);
  }
  return { send, feedback };
}

/** A quiz around the revealed question, as the deck's feedback code takes it. */
const quizOf = (revealed: Revealed): Quiz => ({ ...revealed.quiz, shuffle: false, questions: [revealed.question] });

/** The payload the deck's feedback code reads: the texts and the answer of this question only; no slide links (students do not open the deck). */
const payloadOf = (revealed: Revealed): QuizPayload => ({
  quizzes: [],
  html: revealed.html,
  answers: { [questionSlideId(revealed.quiz.id, revealed.question.id)]: revealed.answer },
  slides: {},
});

export interface StudentQuestionOptions {
  t: Translate;
  /** The learner pressed Send answer with a readable answer. */
  onSend(response: Response): void;
}

/**
 * Puts the question's own ids back into a form that named them by codes (the server's, so the
 * answer could not be read from the markup): choices, order items, options, and the controls'
 * values. What is checked or selected stays so.
 */
export function uncode(form: HTMLFormElement, codes: Readonly<Record<string, string>>): void {
  const id = (value: string | undefined) => (value !== undefined && Object.hasOwn(codes, value) ? codes[value] : undefined);
  for (const el of form.querySelectorAll<HTMLElement>(`${hook(DATA.choiceId)}, ${hook(DATA.itemId)}`)) {
    for (const name of [DATA.choiceId, DATA.itemId] as const) {
      const real = id(el.dataset[name]);
      if (real !== undefined) el.dataset[name] = real;
    }
  }
  for (const control of form.querySelectorAll<HTMLInputElement | HTMLOptionElement>('input[value], option[value]')) {
    const real = id(control.value);
    if (real !== undefined) control.value = real;
  }
}

/** Puts `asked` into `slot` and makes it work; `show`, `reveal` and `newTry` follow the room. */
export function mountQuestion(slot: HTMLElement, asked: AskedQuestion, { t, onSend }: StudentQuestionOptions) {
  const form = formOf(slot, asked.form);
  const type = (form.dataset[DATA.questionType] ?? form.querySelector<HTMLElement>(hook(DATA.questionType))?.dataset[DATA.questionType]) as QuestionType;
  const { send, feedback } = fitForClass(form, t);
  const say = (markup: SafeHtml) => (feedback.innerHTML = markup.toString());
  const classT: Translate = (key, params) => t(SEND_WORDS[key] ?? key, params);
  let tryNumber = asked.try;
  arrange(asked.presentation, form);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (send.hidden) return;
    const response = readResponse(type, form, classT);
    if ('missing' in response) return say(missingMarkup(response.missing));
    // The list starts in a wrong order: sent before anything moved, it is not an answer yet.
    if ('order' in response && asked.presentation.type === 'order' && response.order.join('\u0000') === asked.presentation.items.join('\u0000')) {
      return say(missingMarkup(classT('quiz.moveFirst')));
    }
    onSend(response);
  };
  const onClick = (event: Event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button');
    if (!button?.dataset[DATA.move]) return;
    const moved = moveItem(button);
    button.focus();
    if (moved) feedback.textContent = t('quiz.moved', { item: moved.text, position: moved.position, total: moved.total });
  };
  form.addEventListener('submit', onSubmit);
  form.addEventListener('click', onClick);
  const unbindKeys = bindArrowKeys(form);

  /** Where answering stands: the controls locked once an answer is on its way, and a line that says so. */
  const show = (state: QuestionState) => {
    const hadFocus = hasFocus(form);
    const answering = state === 'answering';
    setLocked(form, !answering);
    send.hidden = !answering;
    if (answering) {
      // Keep a "type a number" or a new try's words; clear a state line that no longer holds.
      if (feedback.querySelector(['sending', 'sent', 'closed'].map((state) => hook(DATA.verdict, state)).join(', '))) say(html``);
    } else {
      const line = STATE_LINES[state];
      say(stateLine(state, line.icon, t(line.key)));
    }
    keepFocus(form, hadFocus);
  };

  return {
    form,
    quiz: asked.quiz,
    question: asked.question,
    get try() {
      return tryNumber;
    },
    show,
    /** The answer the server has, put in the controls (after a reload the form starts empty). */
    write(response: Response) {
      writeResponse(type, form, response);
    },
    /** The server refused the answer: its reason in words; the controls open again when sending again can help. */
    refuse(words: string, canSendAgain: boolean) {
      show(canSendAgain ? 'answering' : 'closed');
      say(missingMarkup(words));
    },
    /** A new try of the same question: the controls open again with the last answer in them. */
    newTry(next: AskedQuestion) {
      tryNumber = next.try;
      delete form.dataset[DATA.result];
      delete form.dataset[DATA.answerShown];
      clearVerdicts(form);
      show('answering');
      say(stateLine('new-try', '➜', t('classroom.student.newTry', { n: next.try })));
    },
    /** The teacher revealed the answer: the verdict and feedback as the deck shows them, or the answer and the explanation to one who did not answer. */
    reveal(revealed: Revealed, answered: Response | undefined) {
      const quiz = quizOf(revealed);
      const payload = payloadOf(revealed);
      const { question, result } = revealed;
      if (answered) writeResponse(type, form, answered);
      // What is in the controls was never sent: it is no answer to mark.
      else form.reset();
      // The form named its choices by codes until now; the deck's marking needs the question's ids.
      uncode(form, revealed.codes);
      setLocked(form, true);
      send.hidden = true;
      form.dataset[DATA.result] = result ? verdictOf(result) : 'incorrect';
      if (!result) form.dataset[DATA.answerShown] = 'true';
      markChoices(form, question, true, t);
      markPairs(form, question, t);
      const choiceOrder = asked.presentation.type === 'single' || asked.presentation.type === 'multiple' ? asked.presentation.choices.map((c) => (Object.hasOwn(revealed.codes, c) ? revealed.codes[c]! : c)) : undefined;
      const feedbackHtml = feedbackMarkup({ quiz, question, result, tries: tryNumber, left: REVEALED, choiceOrder }, payload, t);
      say(
        html`${!result && html`<p class="student-not-answered">${t('classroom.student.notAnswered')}</p>`}${feedbackHtml}${
          result && !result.correct && html`<p class="student-answer"><strong>${t('quiz.theAnswer')}</strong> ${answerMarkup(payload, quiz, question, t)}</p>`
        }${revealed.slideTitle && html`<p class="quiz-link">${t('classroom.student.learnMore', { title: revealed.slideTitle })}</p>`}`,
      );
      // The answer in words belongs right under the verdict, before the choices' feedback.
      const verdict = feedback.querySelector(cls('quizVerdict'));
      const answer = feedback.querySelector('.student-answer');
      if (verdict && answer) verdict.after(answer);
    },
    destroy() {
      form.removeEventListener('submit', onSubmit);
      form.removeEventListener('click', onClick);
      unbindKeys();
    },
  };
}

export type StudentQuestion = ReturnType<typeof mountQuestion>;
