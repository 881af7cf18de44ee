import { questionSlideId, type QuizPayload } from '../shared/contract.ts';
import type { MarkdownIt } from 'markdown-it';
import { answerText, quoted, type Question, type Quiz } from '../quiz/index.ts';
import type { Translate } from '../i18n/strings.ts';
import type { SourceIssue } from './errors.ts';
import type { LoadedQuiz } from './load-quizzes.ts';
import type { RenderEnv } from './render-env.ts';
import { escapeHtml } from '../shared/escape-html.ts';

/** What the browser needs to grade and explain: the quizzes, and their Markdown as HTML. */
export { questionSlideId, type QuizPayload };

export interface QuizRenderContext {
  md: MarkdownIt;
  t: Translate;
  issues: SourceIssue[];
  slides: QuizPayload['slides'];
  html: Record<string, string>;
}

const RE_BLANK = /\{\{\s*([A-Za-z0-9_-]+)\s*\}\}/g;



/**
 * Renders a quiz as a vertical stack after its section (every slide of it, and the stack,
 * carry `data-quiz-id`: the scroll view takes the stack apart): an intro slide, then one slide per
 * question with real form controls (radios, checkboxes, inputs, selects, move buttons), and
 * speaker notes that give the answer for the teacher.
 */
export function renderQuizStack({ quiz, file }: LoadedQuiz, ctx: QuizRenderContext): string {
  const { t } = ctx;
  const inline = (text: string) => renderText(ctx, file, text, true);
  const block = (text: string) => renderText(ctx, file, text, false);
  // Everything the browser shows later (feedback, explanations, hints) is rendered now.
  for (const text of collectTexts(quiz)) ctx.html[text] ??= block(text);

  const intro = [
    `<h2 id="quiz-${quiz.id}-title">${inline(quiz.title)}</h2>`,
    `<p class="quiz-meta">${escapeHtml(t('quiz.intro', { count: quiz.questions.length, pass: Math.round(quiz.pass * 100) }))}</p>`,
    quiz.attempts > 0 ? `<p class="quiz-meta">${escapeHtml(t('quiz.introTries', { attempts: quiz.attempts }))}</p>` : '',
    quiz.penalty > 0 ? `<p class="quiz-meta">${escapeHtml(t('quiz.introPenalty', { penalty: Math.round(quiz.penalty * 100) }))}</p>` : '',
    `<p class="quiz-score" data-quiz-score aria-live="polite"></p>`,
    `<p><button type="button" class="quiz-reset" data-action="reset-quiz">${escapeHtml(t('quiz.reset'))}</button></p>`,
    `<aside class="notes"><p>${escapeHtml(t('quiz.revealHint'))} ${escapeHtml(t('quiz.noteTimeIntro'))}</p></aside>`,
  ].join('\n');

  const questions = quiz.questions.map((question, index) => {
    const slideId = questionSlideId(quiz.id, question.id);
    const heading = `<h2 id="${slideId}-title" class="quiz-heading"><span class="quiz-title">${inline(quiz.title)}</span> <span class="quiz-count">${escapeHtml(t('quiz.questionOf', { n: index + 1, total: quiz.questions.length }))}</span></h2>`;
    return `<section id="${slideId}" class="quiz-slide" data-quiz-id="${quiz.id}" aria-labelledby="${slideId}-title">
${heading}
${renderQuestion(quiz, question, ctx, inline)}
<aside class="notes">${answerNotes(question, ctx, block)}</aside>
</section>`;
  });

  return `<section id="quiz-${quiz.id}" data-quiz-id="${quiz.id}" data-quiz-after="${quiz.after ?? ''}" class="quiz-stack">
<section id="quiz-${quiz.id}--intro" class="quiz-intro" data-quiz-id="${quiz.id}" aria-labelledby="quiz-${quiz.id}-title">
${intro}
</section>
${questions.join('\n')}
</section>`;
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
    if (q.type === 'text') texts.push(...q.answers.flatMap((a) => [a.feedback, a.text]));
    if (q.type === 'order') texts.push(...q.items.map((i) => i.text));
    if (q.type === 'match') texts.push(...q.pairs.flatMap((p) => [p.left, p.right]));
    if (q.type === 'cloze') {
      for (const b of q.blanks) {
        if (b.kind === 'text') texts.push(...b.answers.flatMap((a) => [a.feedback, a.text]));
        else texts.push(...b.choices.flatMap((c) => [c.feedback, c.text]));
      }
    }
  }
  return texts.filter((t): t is string => !!t);
}

function renderQuestion(quiz: Quiz, q: Question, ctx: QuizRenderContext, inline: (text: string) => string): string {
  const { t } = ctx;
  const name = `${quiz.id}--${q.id}`;
  const control = (() => {
    switch (q.type) {
      case 'single':
      case 'multiple': {
        const type = q.type === 'single' ? 'radio' : 'checkbox';
        return `<div class="quiz-choices">${q.choices
          .map((c) => `<label class="quiz-choice" data-choice-id="${c.id}"><input type="${type}" name="${name}" value="${c.id}"> <span>${inline(c.text)}</span></label>`)
          .join('')}</div>`;
      }
      case 'truefalse':
        return `<div class="quiz-choices">${(['true', 'false'] as const)
          .map((v) => `<label class="quiz-choice" data-choice-id="${v}"><input type="radio" name="${name}" value="${v}"> <span>${escapeHtml(t(`quiz.${v}`))}</span></label>`)
          .join('')}</div>`;
      case 'numeric':
      case 'text': {
        const extra = q.type === 'numeric' ? ' inputmode="decimal"' : '';
        return `<label class="quiz-input"><span>${escapeHtml(t('quiz.yourAnswer'))}</span> <input type="text" name="${name}" autocomplete="off" spellcheck="false"${extra}></label>`;
      }
      case 'order':
        return `<p class="quiz-help" id="${name}-help">${escapeHtml(t('quiz.orderHelp'))}</p><ol class="quiz-order" aria-describedby="${name}-help">${q.items
          .map((item) => {
            const text = inline(item.text);
            const plain = item.text.replace(/[*_`$]/g, '');
            return `<li data-item-id="${item.id}"><span class="quiz-order-text">${text}</span><span class="quiz-order-moves"><button type="button" data-move="up" aria-label="${escapeHtml(t('quiz.moveUp', { item: plain }))}">↑</button><button type="button" data-move="down" aria-label="${escapeHtml(t('quiz.moveDown', { item: plain }))}">↓</button></span></li>`;
          })
          .join('')}</ol>`;
      case 'match': {
        const options = [...q.pairs.map((p) => ({ id: p.id, text: p.right })), ...q.distractors]
          .map((o) => `<option value="${o.id}">${escapeHtml(o.text)}</option>`)
          .join('');
        return `<div class="quiz-match">${q.pairs
          .map((p) => `<div class="quiz-match-row" data-pair-id="${p.id}"><label for="${name}--${p.id}">${inline(p.left)}</label><select id="${name}--${p.id}" name="${name}--${p.id}"><option value="">${escapeHtml(t('quiz.choose'))}</option>${options}</select></div>`)
          .join('')}</div>`;
      }
      case 'cloze': {
        let n = 0;
        const html = inline(q.text.replace(RE_BLANK, (_, id: string) => `\u0001${id}\u0001`));
        return `<p class="quiz-cloze">${html.replace(/\u0001([A-Za-z0-9_-]+)\u0001/g, (_, id: string) => {
          const blank = q.blanks.find((b) => b.id === id)!;
          const label = escapeHtml(t('quiz.blank', { n: ++n }));
          if (blank.kind === 'text') return `<input type="text" class="quiz-blank" name="${name}--${id}" data-blank-id="${id}" aria-label="${label}" autocomplete="off" spellcheck="false">`;
          return `<select class="quiz-blank" name="${name}--${id}" data-blank-id="${id}" aria-label="${label}"><option value="">${escapeHtml(t('quiz.choose'))}</option>${blank.choices
            .map((c) => `<option value="${c.id}">${escapeHtml(c.text)}</option>`)
            .join('')}</select>`;
        })}</p>`;
      }
    }
  })();

  const prompt = q.prompt ? inline(q.prompt) : '';
  const hint = q.hint ? `<button type="button" data-action="hint" aria-expanded="false">${escapeHtml(t('quiz.hint'))}</button>` : '';
  return `<form class="quiz-question" data-question-id="${q.id}" data-question-type="${q.type}" novalidate>
<fieldset><legend class="quiz-prompt">${prompt || escapeHtml(t('quiz.questionOf', { n: quiz.questions.indexOf(q) + 1, total: quiz.questions.length }))}</legend>
${control}
</fieldset>
<div class="quiz-actions"><button type="submit" data-action="check">${escapeHtml(t('quiz.check'))}</button>${hint}<button type="button" data-action="retry" hidden>${escapeHtml(t('quiz.tryAgain'))}</button><button type="button" data-action="show" hidden>${escapeHtml(t('quiz.showAnswer'))}</button></div>
${q.hint ? `<div class="quiz-hint" hidden>${ctx.html[q.hint] ?? ''}</div>` : ''}
<div class="quiz-feedback" role="status" aria-live="polite" aria-atomic="true"></div>
</form>`;
}

function answerNotes(q: Question, ctx: QuizRenderContext, block: (text: string) => string): string {
  const { t } = ctx;
  const slide = q.slide ? ctx.slides[q.slide] : undefined;
  return [
    `<p><strong>${escapeHtml(t('quiz.theAnswer'))}</strong> ${escapeHtml(answerText(q, { true: t('quiz.true'), false: t('quiz.false') }))}</p>`,
    q.explanation ? `<div><strong>${escapeHtml(t('quiz.why'))}</strong> ${block(q.explanation)}</div>` : '',
    q.source ? `<p><strong>${escapeHtml(t('quiz.source'))}</strong> ${escapeHtml(quoted(q.source))}</p>` : '',
    slide ? `<p>${escapeHtml(t('quiz.learnMore', { title: slide.title }))}</p>` : '',
    `<p>${escapeHtml(t('quiz.revealHint'))} ${escapeHtml(t('quiz.noteTimeQuestion'))}</p>`,
  ].join('\n');
}
