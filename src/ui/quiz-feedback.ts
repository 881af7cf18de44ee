/**
 * What a question says after a try or with the answer shown: the verdict in words, an icon and
 * colour, the points after the penalty, the choice's feedback and a link back to the slide that
 * teaches it; while tries remain, the hint and the tries left; once the question is over, the
 * explanation and the source.
 */
import { answerText, grade, quoted, tryCredit, type GradeResult, type Question, type Quiz } from '../quiz/index.ts';
import type { Translate } from '../i18n/strings.ts';
import { CLASS, DATA, attr, questionSlideId, textKey, type QuizPayload } from '../shared/contract.ts';
import { cls, hook } from './hooks.ts';
import { html, raw, type SafeHtml } from '../shared/html.ts';
import { formatScore, pluralOf } from './format.ts';

export type Verdict = 'correct' | 'partial' | 'incorrect';
const ICONS: Record<Verdict | 'shown' | 'missing', string> = { correct: '✓', partial: '◐', incorrect: '✗', shown: '➜', missing: '!' };
const MARK_CLASS = 'quiz-choice-mark';

/** The right answer in words as the build rendered it (maths typeset), or as plain text. */
export function answerMarkup(payload: QuizPayload, quiz: Quiz, question: Question, t: Translate): SafeHtml {
  const rendered = payload.answers[questionSlideId(quiz.id, question.id)];
  // Rendered at build time from the author's Markdown, which shows raw HTML as text.
  return rendered === undefined ? html`${answerText(question, { true: t('quiz.true'), false: t('quiz.false') })}` : raw(rendered);
}

/** The verdict of a graded try (the engine decides what counts as correct). */
export function verdictOf(result: GradeResult): Verdict {
  return result.correct ? 'correct' : result.fraction > 0 ? 'partial' : 'incorrect';
}

/** Renders the quiz texts the build rendered (Markdown and maths), or the text itself, escaped. */
export function markdown(payload: QuizPayload, text: string | undefined): SafeHtml {
  if (!text) return html``;
  const rendered = payload.html[textKey(text)];
  // Rendered at build time from the author's Markdown, which shows raw HTML as text.
  return rendered === undefined ? html`<p>${text}</p>` : raw(rendered);
}

const verdictLine = (verdict: Verdict | 'shown' | 'missing', words: string, extra?: string) =>
  html`<p class="${CLASS.quizVerdict}" ${attr(DATA.verdict)}="${verdict}"><span aria-hidden="true">${ICONS[verdict]}</span> ${words}${extra ? ` · ${extra}` : ''}</p>`;

/** "Answer the question first", "Type a number": said in the feedback region, nothing graded. */
export const missingMarkup = (message: string): SafeHtml => verdictLine('missing', message);

export interface Outcome {
  quiz: Quiz;
  question: Question;
  /** The try graded, or nothing when the answer was shown. */
  result?: GradeResult;
  /** Tries made so far (the graded one included). */
  tries: number;
  /** Tries still allowed (Infinity when unlimited). */
  left: number;
  /** Choice ids in the order the learner sees them, so their feedback is listed in that order. */
  choiceOrder?: readonly string[];
}

/**
 * The feedback texts of a try, those of choices in the order the choices are on screen (the
 * engine gives them in the order the file lists them; reading them in another order than the
 * boxes ticked is confusing). Texts are matched by value, so two choices with the same text
 * say it once each, as the engine does.
 */
export function feedbackOnScreen(question: Question, feedback: readonly string[], choiceOrder: readonly string[] | undefined): string[] {
  if (question.type !== 'multiple' || !choiceOrder) return [...feedback];
  const left = [...feedback];
  const ordered: string[] = [];
  for (const id of choiceOrder) {
    const text = question.choices.find((choice) => choice.id === id)?.feedback;
    const at = text === undefined ? -1 : left.indexOf(text);
    if (at >= 0) ordered.push(...left.splice(at, 1));
  }
  return [...ordered, ...left];
}

/**
 * Whether the question is over: answered right, its tries spent, or its answer shown. Until then
 * nothing may give the answer away, or another try would be pointless.
 */
export function isOver({ result, left }: Pick<Outcome, 'result' | 'left'>): boolean {
  return !result || result.correct || left <= 0;
}

/**
 * The feedback of a try, or of the answer shown, as markup for the live region. After a wrong or
 * partly right try with tries left: the verdict, the points, the choice's feedback, the hint, the
 * slide that teaches it and the tries left. The explanation and the source (which say the answer)
 * only once the question is over.
 */
export function feedbackMarkup(outcome: Outcome, payload: QuizPayload, t: Translate): SafeHtml {
  const { quiz, question, result, tries, left } = outcome;
  const verdict = result ? verdictOf(result) : 'incorrect';
  const over = isOver(outcome);
  const slide = question.slide ? payload.slides[question.slide] : undefined;
  const headline = result
    ? verdictLine(verdict, t(`quiz.result.${verdict}`), t(pluralOf(question.points) === 'one' ? 'quiz.pointsOne' : 'quiz.points', { score: formatScore(tryCredit(result.fraction, tries, quiz.penalty) * question.points), max: formatScore(question.points) }))
    : html`${verdictLine('shown', t('quiz.result.shown'))}<p><strong>${t('quiz.theAnswer')}</strong> ${answerMarkup(payload, quiz, question, t)}</p>`;
  return html`${headline}${feedbackOnScreen(question, result?.feedback ?? [], outcome.choiceOrder).map((f) => html`<div class="quiz-choice-feedback">${markdown(payload, f)}</div>`)}${
    !over && question.hint && html`<div class="quiz-feedback-hint"><strong>${t('quiz.hintLabel')}</strong> ${markdown(payload, question.hint)}</div>`
  }${over && question.explanation && html`<div class="quiz-explanation"><strong>${t('quiz.why')}</strong> ${markdown(payload, question.explanation)}</div>`}${
    over && question.source && html`<p class="quiz-source"><strong>${t('quiz.source')}</strong> ${quoted(question.source)}</p>`
  }${slide && html`<p class="quiz-link"><a href="${slide.href}">${t('quiz.learnMore', { title: slide.title })}</a></p>`}${
    result && verdict !== 'correct' && Number.isFinite(left) && html`<p class="quiz-tries">${left > 0 ? t('quiz.triesLeft', { n: left }) : t('quiz.noTriesLeft')}</p>`
  }`;
}

/** The Try again button's words: with a penalty, what the next try can still earn. */
export function retryLabel(quiz: Quiz, tries: number, t: Translate): string {
  return quiz.penalty > 0 ? t('quiz.tryAgainPenalty', { credit: Math.round(tryCredit(1, tries + 1, quiz.penalty) * 100) }) : t('quiz.tryAgain');
}

/** Takes away the verdicts of choices: their data attribute and the words and icon that say it. */
export function clearVerdicts(form: HTMLFormElement): void {
  form.querySelectorAll<HTMLElement>(hook(DATA.verdict)).forEach((el) => delete el.dataset[DATA.verdict]);
  form.querySelectorAll(`.${MARK_CLASS}`).forEach((mark) => mark.remove());
}

/** A choice's verdict in words and an icon as well as colour: "✓ Right", "✗ Wrong". */
function markChoice(label: HTMLElement, verdict: 'right' | 'wrong' | undefined, t: Translate): void {
  label.querySelector(`.${MARK_CLASS}`)?.remove();
  if (!verdict) {
    delete label.dataset[DATA.verdict];
    return;
  }
  label.dataset[DATA.verdict] = verdict;
  const mark = document.createElement('span');
  mark.className = MARK_CLASS;
  mark.innerHTML = html`<span aria-hidden="true">${verdict === 'right' ? ICONS.correct : ICONS.incorrect}</span> ${t(verdict === 'right' ? 'quiz.choiceRight' : 'quiz.choiceWrong')}`.toString();
  label.append(mark);
}

/** Chosen choices (or, with the answer shown, the right ones) say whether they were right. */
export function markChoices(form: HTMLFormElement, question: Question, shownAnswer: boolean, t: Translate): void {
  form.querySelectorAll<HTMLElement>(hook(DATA.choiceId)).forEach((label) => {
    const input = label.querySelector('input');
    if (!input) return;
    const right =
      question.type === 'truefalse'
        ? String(question.answer) === input.value
        : (question.type === 'single' || question.type === 'multiple') && !!question.choices.find((c) => c.id === input.value)?.correct;
    markChoice(label, input.checked || shownAnswer ? (right ? 'right' : input.checked ? 'wrong' : undefined) : undefined, t);
  });
}

/**
 * Each pair the learner set says whether it is right, in words and an icon ("✓ Right", "✗ Wrong"),
 * as choices do; a pair left unset says nothing. A wrong pair never names its right side here:
 * while tries remain that would give the answer away, and once the question is over "The answer:"
 * in the feedback says it (naming it on every row pushed the buttons off a full slide).
 */
export function markPairs(form: HTMLFormElement, question: Question, t: Translate): void {
  if (question.type !== 'match') return;
  const rows = [...form.querySelectorAll<HTMLElement>(cls('quizMatchRow'))];
  const matches: Record<string, string> = {};
  for (const row of rows) {
    const value = row.querySelector('select')?.value;
    if (value) matches[row.dataset[DATA.pairId]!] = value;
  }
  if (!Object.keys(matches).length) return;
  // The engine decides what counts as right (two pairs may share a right side).
  const parts = grade(question, { matches }).parts ?? {};
  for (const row of rows) {
    const id = row.dataset[DATA.pairId]!;
    row.querySelector(`.${MARK_CLASS}`)?.remove();
    delete row.dataset[DATA.verdict];
    if (!Object.hasOwn(matches, id)) continue;
    const right = parts[id] === 1;
    row.dataset[DATA.verdict] = right ? 'right' : 'wrong';
    const mark = document.createElement('span');
    mark.className = MARK_CLASS;
    mark.innerHTML = html`<span aria-hidden="true">${right ? ICONS.correct : ICONS.incorrect}</span> ${t(right ? 'quiz.choiceRight' : 'quiz.choiceWrong')}`.toString();
    row.append(mark);
  }
}
