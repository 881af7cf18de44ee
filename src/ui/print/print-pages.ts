import { answerText, presentedOrder, quoted, type Question, type Quiz } from '../../quiz/index.ts';
import type { QuizPayload } from '../../shared/contract.ts';
import type { Translate } from '../../i18n/strings.ts';
import { escapeHtml } from '../../shared/escape-html.ts';

/** The printable documents besides the slides themselves. */
export type PrintMode = 'handout' | 'worksheet' | 'answer-key';
export const PRINT_MODES: readonly PrintMode[] = ['handout', 'worksheet', 'answer-key'];

/** The seed for printed choice orders: the same on every print, and not the authored order. */
const PRINT_SEED = 'print';


/** The form of a question as built into the page: its rendered prompt, choices and blanks. */
function formOf(doc: Document, quiz: Quiz, question: Question): HTMLFormElement | null {
  return doc.querySelector(`[data-quiz-id="${CSS.escape(quiz.id)}"] form[data-question-id="${CSS.escape(question.id)}"]`);
}

function header(t: Translate, title: string, withName: boolean): string {
  const name = withName
    ? `<p class="print-name"><span>${escapeHtml(t('print.name'))}: ________________________</span><span>${escapeHtml(t('print.class'))}: __________</span><span>${escapeHtml(t('print.date'))}: __________</span></p>`
    : '';
  const deckTitle = document.title;
  return `<header class="print-header"><p class="print-deck">${escapeHtml(deckTitle)}</p><h1>${escapeHtml(title)}</h1>${name}</header>`;
}

/** Each slide with its speaker notes, one slide to a page: for the teacher, or for learners who missed the class. */
export function handoutHtml(doc: Document, t: Translate): string {
  const slides = [...doc.querySelectorAll<HTMLElement>('.reveal .slides section')].filter((s) => !s.querySelector('section'));
  const pages = slides.map((slide, n) => {
    const copy = slide.cloneNode(true) as HTMLElement;
    const notes = copy.querySelector('aside.notes');
    notes?.remove();
    // The copy keeps its inner ids: the handout replaces the deck, so each id is still unique,
    // and a diagram's <style> and arrowheads are scoped to its SVG's id (renamed, its boxes
    // print as black shapes and its arrows lose their heads).
    copy.removeAttribute('id');
    copy.querySelectorAll('input, select, button, textarea').forEach((el) => el.setAttribute('disabled', ''));
    copy.classList.add('present');
    const notesHtml = notes?.innerHTML.trim() || `<p>${escapeHtml(t('print.noNotes'))}</p>`;
    return `<article class="handout-page">
<p class="print-running">${escapeHtml(t('print.page', { n: n + 1, total: slides.length }))}</p>
<div class="handout-frame"><div class="reveal handout-slide"><div class="slides">${copy.outerHTML}</div></div></div>
<section class="handout-notes" aria-label="${escapeHtml(t('print.notes'))}"><h2>${escapeHtml(t('print.notes'))}</h2>${notesHtml}</section>
</article>`;
  });
  return `${header(t, t('print.handoutTitle'), false)}<main class="print-handout">${pages.join('\n')}</main>`;
}

/** What a learner fills in for one question on paper: boxes to tick, lines to write on, tables. */
function answerArea(doc: Document, quiz: Quiz, question: Question, t: Translate): string {
  const form = formOf(doc, quiz, question);
  const order = presentedOrder(quiz, question, PRINT_SEED);
  const choiceHtml = (id: string) => form?.querySelector(`[data-choice-id="${CSS.escape(id)}"] span`)?.innerHTML ?? escapeHtml(id);
  const box = (html: string) => `<li><span class="print-box" aria-hidden="true">☐</span> ${html}</li>`;
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const ids = order.type === 'single' || order.type === 'multiple' ? order.choices : question.choices.map((c) => c.id);
      return `<p class="print-help">${escapeHtml(t(question.type === 'single' ? 'print.tick' : 'print.tickAll'))}</p><ul class="print-choices">${ids.map((id) => box(choiceHtml(id))).join('')}</ul>`;
    }
    case 'truefalse':
      return `<p class="print-help">${escapeHtml(t('print.tick'))}</p><ul class="print-choices print-inline">${box(escapeHtml(t('quiz.true')))}${box(escapeHtml(t('quiz.false')))}</ul>`;
    case 'numeric':
    case 'text':
      return `<p class="print-help">${escapeHtml(t(question.type === 'numeric' ? 'print.writeNumber' : 'print.writeText'))}</p><div class="print-lines"><span></span>${question.type === 'text' ? '<span></span>' : ''}</div>`;
    case 'order': {
      const ids = order.type === 'order' ? order.items : question.items.map((i) => i.id);
      const text = (id: string) => form?.querySelector(`li[data-item-id="${CSS.escape(id)}"] .quiz-order-text`)?.innerHTML ?? '';
      return `<p class="print-help">${escapeHtml(t('print.order'))}</p><table class="print-table"><thead><tr><th scope="col">${escapeHtml(t('print.item'))}</th><th scope="col" class="print-blank-col">${escapeHtml(t('print.position'))}</th></tr></thead><tbody>${ids
        .map((id) => `<tr><td>${text(id)}</td><td></td></tr>`)
        .join('')}</tbody></table>`;
    }
    case 'match': {
      const right = order.type === 'match' ? order.right : question.pairs.map((p) => p.id);
      const rightText = (id: string) => question.pairs.find((p) => p.id === id)?.right ?? question.distractors.find((d) => d.id === id)?.text ?? '';
      const leftHtml = (id: string) => form?.querySelector(`[data-pair-id="${CSS.escape(id)}"] label`)?.innerHTML ?? '';
      return `<p class="print-help">${escapeHtml(t('print.match'))}</p><div class="print-match"><table class="print-table"><tbody>${question.pairs
        .map((p) => `<tr><td>${leftHtml(p.id)}</td><td class="print-blank-col"></td></tr>`)
        .join('')}</tbody></table><ol class="print-options" type="A">${right.map((id) => `<li>${escapeHtml(rightText(id))}</li>`).join('')}</ol></div>`;
    }
    case 'cloze': {
      const cloze = form?.querySelector('.quiz-cloze')?.cloneNode(true) as HTMLElement | undefined;
      if (!cloze) return '';
      let n = 0;
      cloze.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-blank-id]').forEach((control) => {
        const gap = document.createElement('span');
        gap.className = 'print-gap';
        const options = control instanceof HTMLSelectElement ? [...control.options].filter((o) => o.value).map((o) => o.text) : [];
        gap.textContent = `(${++n}) ____________${options.length ? ` [${options.join(' / ')}]` : ''}`;
        control.replaceWith(gap);
      });
      return `<p class="print-help">${escapeHtml(t('print.cloze'))}</p><p class="print-cloze">${cloze.innerHTML}</p>`;
    }
  }
}

function promptHtml(doc: Document, quiz: Quiz, question: Question): string {
  const legend = formOf(doc, quiz, question)?.querySelector('legend');
  return question.type === 'cloze' && !question.prompt ? '' : (legend?.innerHTML ?? escapeHtml(question.prompt));
}

function quizTitle(doc: Document, quiz: Quiz): string {
  return doc.querySelector(`#quiz-${CSS.escape(quiz.id)}-title`)?.innerHTML ?? escapeHtml(quiz.title);
}

/** Every question, printable and without answers: for learners on paper. */
export function worksheetHtml(doc: Document, payload: QuizPayload, t: Translate): string {
  const quizzes = payload.quizzes.map((quiz) => {
    const items = quiz.questions.map(
      (q, n) => `<li class="print-question" data-question-id="${q.id}"><div class="print-prompt">${promptHtml(doc, quiz, q)}</div>${answerArea(doc, quiz, q, t)}</li>`,
    );
    return `<section class="print-quiz" data-quiz-id="${quiz.id}"><h2>${quizTitle(doc, quiz)}</h2><ol class="print-questions">${items.join('')}</ol></section>`;
  });
  return `${header(t, t('print.worksheetTitle'), true)}<main class="print-worksheet">${quizzes.join('\n')}</main>`;
}

/** Every answer with its explanation, its source and the slide that teaches it: for the teacher. */
export function answerKeyHtml(doc: Document, payload: QuizPayload, t: Translate): string {
  const html = (text: string | undefined) => (text ? (payload.html[text] ?? `<p>${escapeHtml(text)}</p>`) : '');
  const quizzes = payload.quizzes.map((quiz) => {
    const items = quiz.questions.map((q) => {
      const slide = q.slide ? payload.slides[q.slide] : undefined;
      return `<li class="print-question" data-question-id="${q.id}">
<div class="print-prompt">${promptHtml(doc, quiz, q)}${q.type === 'cloze' ? `<p>${escapeHtml(q.text.replace(/\{\{\s*[\w-]+\s*\}\}/g, '____'))}</p>` : ''}</div>
<p class="print-answer"><strong>${escapeHtml(t('quiz.theAnswer'))}</strong> ${escapeHtml(answerText(q, { true: t('quiz.true'), false: t('quiz.false') }))}</p>
${q.explanation ? `<div class="print-explanation"><strong>${escapeHtml(t('quiz.why'))}</strong> ${html(q.explanation)}</div>` : ''}
${q.source ? `<p class="print-source"><strong>${escapeHtml(t('quiz.source'))}</strong> ${escapeHtml(quoted(q.source))}</p>` : ''}
${slide ? `<p class="print-slide">${escapeHtml(t('print.slide', { title: slide.title }))}</p>` : ''}
</li>`;
    });
    return `<section class="print-quiz" data-quiz-id="${quiz.id}"><h2>${quizTitle(doc, quiz)}</h2><ol class="print-questions">${items.join('')}</ol></section>`;
  });
  return `${header(t, t('print.answerKeyTitle'), false)}<main class="print-answer-key">${quizzes.join('\n')}</main>`;
}

