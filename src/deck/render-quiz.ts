import { ACTION, CLASS, DATA, attr, questionSlideId, textKey, type QuizPayload } from '../shared/contract.ts';
import type { MarkdownIt } from 'markdown-it';
import { answerText, blankNames, quoted, replaceBlanks, type Question, type Quiz } from '../quiz/index.ts';
import type { Translate } from '../i18n/strings.ts';
import { html, raw, type SafeHtml } from '../shared/html.ts';
import type { SourceIssue } from './errors.ts';
import type { LoadedQuiz } from './load-quizzes.ts';
import type { RenderEnv } from './render-env.ts';

/** What the browser needs to grade and explain: the quizzes, and their Markdown as HTML. */
export { questionSlideId, type QuizPayload };

export interface QuizRenderContext {
  md: MarkdownIt;
  t: Translate;
  issues: SourceIssue[];
  slides: QuizPayload['slides'];
  html: Record<string, string>;
  answers: Record<string, string>;
}

/** Where the n-th blank of a cloze goes, kept through Markdown rendering (digits only, so no rule touches it). */
const RE_BLANK_SLOT = /\u0001(\d+)\u0001/g;
const blankSlot = (_: string, index: number) => `\u0001${index}\u0001`;

/** `name="value"` for one of the contract's data hooks; the value escaped like any other. */
const data = (name: (typeof DATA)[keyof typeof DATA], value: string | number) => html`${raw(attr(name))}="${String(value)}"`;

/**
 * Renders a quiz as a vertical stack after its section (every slide of it, and the stack,
 * carry `data-quiz-id`: the scroll view takes the stack apart): an intro slide, then one slide per
 * question with real form controls (radios, checkboxes, inputs, selects, move buttons), and
 * speaker notes that give the answer for the teacher.
 */
export function renderQuizStack({ quiz, file }: LoadedQuiz, ctx: QuizRenderContext): string {
  const { t } = ctx;
  const inline = (text: string) => raw(renderText(ctx, file, text, true));
  const block = (text: string) => raw(renderText(ctx, file, text, false));
  // Everything the browser shows later (feedback, explanations, hints) is rendered now.
  for (const text of collectTexts(quiz)) {
    const key = textKey(text);
    const rendered = block(text).toString();
    const earlier = ctx.html[key];
    // One text always renders alike; two texts with one key would show one's HTML for the other (a 53-bit hash makes it all but impossible).
    if (earlier !== undefined && earlier !== rendered) throw new Error(`two quiz texts share the payload key ${key}; reword one of them: ${text}`);
    ctx.html[key] = rendered;
  }

  const intro = html`<h2 id="quiz-${quiz.id}-title">${inline(quiz.title)}</h2>
<p class="quiz-meta">${t('quiz.intro', { count: quiz.questions.length, pass: Math.round(quiz.pass * 100) })}</p>
${quiz.attempts > 0 && html`<p class="quiz-meta">${t('quiz.introTries', { attempts: quiz.attempts })}</p>`}
${quiz.penalty > 0 && html`<p class="quiz-meta">${t('quiz.introPenalty', { penalty: Math.round(quiz.penalty * 100) })}</p>`}
${quiz.own && html`<p class="quiz-meta quiz-own">${t('quiz.introOwn')}</p>`}
<p class="quiz-score" ${raw(attr(DATA.quizScore))} aria-live="polite"></p>
<p><button type="button" class="quiz-reset" ${data(DATA.action, ACTION.resetQuiz)}>${t('quiz.reset')}</button></p>
<aside class="notes"><p>${t('quiz.revealHint')} ${t('quiz.noteTimeIntro')}</p></aside>`;

  const questions = quiz.questions.map((question, index) => {
    const slideId = questionSlideId(quiz.id, question.id);
    // The answer in words, its Markdown and maths rendered: for notes, "Show answer" and the answer key.
    ctx.answers[slideId] = inline(answerText(question, { true: t('quiz.true'), false: t('quiz.false') })).toString();
    return html`<section id="${slideId}" class="quiz-slide" ${data(DATA.quizId, quiz.id)} aria-labelledby="${slideId}-title">
<h2 id="${slideId}-title" class="quiz-heading"><span class="quiz-title">${inline(quiz.title)}</span> <span class="quiz-count">${t('quiz.questionOf', { n: index + 1, total: quiz.questions.length })}</span></h2>
${renderQuestion(quiz, question, ctx, inline)}
<aside class="notes">${answerNotes(question, ctx, block, raw(ctx.answers[slideId]!))}</aside>
</section>`;
  });

  return html`<section id="quiz-${quiz.id}" ${data(DATA.quizId, quiz.id)} ${data(DATA.quizAfter, quiz.after ?? '')} class="${CLASS.quizStack}">
<section id="quiz-${quiz.id}--intro" class="quiz-intro" ${data(DATA.quizId, quiz.id)} aria-labelledby="quiz-${quiz.id}-title">
${intro}
</section>
${questions.map((q, i) => (i ? [raw('\n'), q] : q))}
</section>`.toString();
}

function renderText(ctx: QuizRenderContext, file: string, text: string, inline: boolean): string {
  const env: RenderEnv = { file, line: 1, issues: ctx.issues, diagrams: [] };
  return inline ? ctx.md.renderInline(text, env) : ctx.md.render(text, env);
}

/** Every Markdown text the browser may show after an answer. */
function collectTexts(quiz: Quiz): string[] {
  const texts: (string | undefined)[] = [];
  for (const q of quiz.questions) {
    texts.push(q.explanation, q.hint, q.source);
    if (q.type === 'single' || q.type === 'multiple') texts.push(...q.choices.flatMap((c) => [c.feedback, c.text]));
    if (q.type === 'truefalse') texts.push(q.feedbackTrue, q.feedbackFalse);
    if (q.type === 'numeric') texts.push(q.otherFeedback, ...q.answers.map((a) => a.feedback));
    // An answer taken from a translation (`lang`) is accepted, never shown: nothing to render.
    if (q.type === 'text') texts.push(...q.answers.filter((a) => !a.lang).flatMap((a) => [a.feedback, a.text]));
    if (q.type === 'order') texts.push(...q.items.map((i) => i.text));
    if (q.type === 'match') texts.push(...q.pairs.flatMap((p) => [p.left, p.right]));
    if (q.type === 'cloze') {
      for (const b of q.blanks) {
        if (b.kind === 'text') texts.push(...b.answers.filter((a) => !a.lang).flatMap((a) => [a.feedback, a.text]));
        else texts.push(...b.choices.flatMap((c) => [c.feedback, c.text]));
      }
    }
  }
  return texts.filter((t): t is string => !!t);
}

function renderQuestion(quiz: Quiz, q: Question, ctx: QuizRenderContext, inline: (text: string) => SafeHtml): SafeHtml {
  const { t } = ctx;
  const name = `${quiz.id}--${q.id}`;
  const choose = html`<option value="">${t('quiz.choose')}</option>`;
  const control = ((): SafeHtml => {
    switch (q.type) {
      case 'single':
      case 'multiple': {
        const type = q.type === 'single' ? 'radio' : 'checkbox';
        return html`<div class="${CLASS.quizChoices}">${q.choices.map(
          (c) => html`<label class="quiz-choice" ${data(DATA.choiceId, c.id)}><input type="${type}" name="${name}" value="${c.id}"> <span>${inline(c.text)}</span></label>`,
        )}</div>`;
      }
      case 'truefalse':
        return html`<div class="${CLASS.quizChoices}">${(['true', 'false'] as const).map(
          (v) => html`<label class="quiz-choice" ${data(DATA.choiceId, v)}><input type="radio" name="${name}" value="${v}"> <span>${t(`quiz.${v}`)}</span></label>`,
        )}</div>`;
      case 'numeric':
      case 'text':
        return html`<label class="quiz-input"><span>${t('quiz.yourAnswer')}</span> <input type="text" name="${name}" autocomplete="off" spellcheck="false"${q.type === 'numeric' && raw(' inputmode="decimal"')}></label>`;
      case 'order':
        return html`<p class="quiz-help" id="${name}-help">${t('quiz.orderHelp')}</p><ol class="${CLASS.quizOrder}" aria-describedby="${name}-help">${q.items.map((item) => {
          const plain = item.text.replace(/[*_`$]/g, '');
          return html`<li ${data(DATA.itemId, item.id)}><span class="${CLASS.quizOrderText}">${inline(item.text)}</span><span class="quiz-order-moves"><button type="button" ${data(DATA.move, 'up')} aria-label="${t('quiz.moveUp', { item: plain })}">↑</button><button type="button" ${data(DATA.move, 'down')} aria-label="${t('quiz.moveDown', { item: plain })}">↓</button></span></li>`;
        })}</ol>`;
      case 'match': {
        const options = [...q.pairs.map((p) => ({ id: p.id, text: p.right })), ...q.distractors].map((o) => html`<option value="${o.id}">${o.text}</option>`);
        return html`<div class="quiz-match">${q.pairs.map(
          (p) => html`<div class="${CLASS.quizMatchRow}" ${data(DATA.pairId, p.id)}><label for="${name}--${p.id}">${inline(p.left)}</label><select id="${name}--${p.id}" name="${name}--${p.id}">${choose}${options}</select></div>`,
        )}</div>`;
      }
      case 'cloze': {
        // Each blank becomes a numbered slot before the Markdown is rendered, then its control.
        const names = blankNames(q.text);
        const text = inline(replaceBlanks(q.text, blankSlot)).toString();
        const filled = text.replace(RE_BLANK_SLOT, (_, n: string) => {
          const id = names[Number(n)]!;
          const blank = q.blanks.find((b) => b.id === id);
          const label = t('quiz.blank', { n: Number(n) + 1 });
          if (!blank || blank.kind === 'text') {
            return html`<input type="text" class="quiz-blank" name="${name}--${id}" ${data(DATA.blankId, id)} aria-label="${label}" autocomplete="off" spellcheck="false">`.toString();
          }
          return html`<select class="quiz-blank" name="${name}--${id}" ${data(DATA.blankId, id)} aria-label="${label}">${choose}${blank.choices.map((c) => html`<option value="${c.id}">${c.text}</option>`)}</select>`.toString();
        });
        // The text is Markdown rendered at build time; the controls are built above with escaping.
        return html`<p class="quiz-cloze">${raw(filled)}</p>`;
      }
      default:
        return q satisfies never;
    }
  })();

  const prompt = q.prompt ? inline(q.prompt) : t('quiz.questionOf', { n: quiz.questions.indexOf(q) + 1, total: quiz.questions.length });
  return html`<form class="${CLASS.quizQuestion}" ${data(DATA.questionId, q.id)} ${data(DATA.questionType, q.type)} novalidate>
<fieldset><legend class="quiz-prompt">${prompt}</legend>
${control}
</fieldset>
<div class="${CLASS.quizActions}"><button type="submit" ${data(DATA.action, ACTION.check)}>${t('quiz.check')}</button>${
    q.hint && html`<button type="button" ${data(DATA.action, ACTION.hint)} aria-expanded="false">${t('quiz.hint')}</button>`
  }<button type="button" ${data(DATA.action, ACTION.retry)} hidden>${t('quiz.tryAgain')}</button><button type="button" ${data(DATA.action, ACTION.show)} hidden>${t('quiz.showAnswer')}</button></div>
${q.hint && html`<div class="${CLASS.quizHint}" hidden>${raw(ctx.html[textKey(q.hint)] ?? '')}</div>`}
<div class="${CLASS.quizFeedback}" role="status" aria-live="polite" aria-atomic="true"></div>
</form>`;
}

function answerNotes(q: Question, ctx: QuizRenderContext, block: (text: string) => SafeHtml, answer: SafeHtml): SafeHtml {
  const { t } = ctx;
  const slide = q.slide ? ctx.slides[q.slide] : undefined;
  return html`<p><strong>${t('quiz.theAnswer')}</strong> ${answer}</p>
${q.explanation && html`<div><strong>${t('quiz.why')}</strong> ${block(q.explanation)}</div>`}
${q.source && html`<p><strong>${t('quiz.source')}</strong> ${quoted(q.source)}</p>`}
${slide && html`<p>${t('quiz.learnMore', { title: slide.title })}</p>`}
<p>${t('quiz.revealHint')} ${t('quiz.noteTimeQuestion')}</p>`;
}
