import type { Quiz } from '../../quiz/index.ts';
import { attr, DATA, type QuizPayload } from '../../shared/contract.ts';
import { html, raw, type SafeHtml } from '../../shared/html.ts';
import type { Translate } from '../../i18n/strings.ts';
import { answerOnPaper, clozeText, evidenceOnPaper, formOf, fromDeck, printQuizSlide, promptHtml, questionOnPaper, UNPRINTED_SLIDES } from './print-question.ts';

function header(doc: Document, t: Translate, title: string, withName: boolean): SafeHtml {
  const name = withName
    ? html`<p class="print-name"><span>${t('print.name')}: ________________________</span><span>${t('print.class')}: __________</span><span>${t('print.date')}: __________</span></p>`
    : '';
  return html`<header class="print-header"><p class="print-deck">${doc.title}</p><h1>${title}</h1>${name}</header>`;
}

/**
 * Each slide with its speaker notes, as many to a page as fit whole (two when their notes are
 * short): the teacher's copy, titled so, since a question's notes give its answer. A question
 * slide shows its question as the worksheet prints it; the notes lose what is said to the
 * presenter about keys to press; the results and missed-question slides, which only a
 * learner's browser fills in, are left out (the others keep the deck's numbers).
 */
export function handoutHtml(doc: Document, payload: QuizPayload, t: Translate): SafeHtml {
  // Numbered as the deck numbers them on screen (results and review included), so the notes of
  // "slide 122" are beside slide 122 as projected, though those two are not printed.
  const all = [...doc.querySelectorAll<HTMLElement>('.reveal .slides section')].filter((s) => !s.querySelector('section'));
  const slides = all.filter((s) => !s.matches(UNPRINTED_SLIDES));
  const pages = slides.map((slide) => {
    const n = all.indexOf(slide);
    const copy = slide.cloneNode(true) as HTMLElement;
    const notes = copy.querySelector('aside.notes');
    notes?.remove();
    // Keys to press in the room mean nothing on paper ("Press A to reveal the answer…").
    notes?.querySelectorAll('p').forEach((p) => {
      if (p.textContent?.includes(t('quiz.revealHint'))) p.remove();
    });
    // The copy keeps its inner ids: the handout replaces the deck, so each id is still unique,
    // and a diagram's <style> and arrowheads are scoped to its SVG's id (renamed, its boxes
    // print as black shapes and its arrows lose their heads).
    copy.removeAttribute('id');
    printQuizSlide(copy, doc, payload, t);
    copy.classList.add('present');
    const notesHtml = notes?.innerHTML.trim() ? fromDeck(notes.innerHTML.trim()) : html`<p>${t('print.noNotes')}</p>`;
    // A question's notes give its answer: said where it is, so the handout is not given to learners as it is.
    const heading = copy.querySelector('.quiz-printed') ? t('print.notesAnswer') : t('print.notes');
    return html`<article class="handout-page">
<p class="print-running">${t('print.page', { n: n + 1, total: all.length })}</p>
<div class="handout-frame"><div class="reveal handout-slide"><div class="slides">${fromDeck(copy.outerHTML)}</div></div></div>
<section class="handout-notes" aria-label="${heading}"><h2>${heading}</h2>${notesHtml}</section>
</article>`;
  });
  return html`${header(doc, t, t('print.handoutTitle'), false)}<main class="print-handout">${pages.map((page, i) => (i ? html`\n${page}` : page))}</main>`;
}

function quizTitle(doc: Document, quiz: Quiz): SafeHtml | string {
  const heading = doc.getElementById(`quiz-${quiz.id}-title`);
  return heading ? fromDeck(heading.innerHTML) : quiz.title;
}

/** Every question, printable and without answers: for learners on paper. */
export function worksheetHtml(doc: Document, payload: QuizPayload, t: Translate): SafeHtml {
  const quizzes = payload.quizzes.map((quiz) => {
    const items = quiz.questions.map(
      (q) => html`<li class="print-question" ${raw(attr(DATA.questionId))}="${q.id}">${questionOnPaper(doc, quiz, q, t)}</li>`,
    );
    return html`<section class="print-quiz" ${raw(attr(DATA.quizId))}="${quiz.id}"><h2>${quizTitle(doc, quiz)}</h2><ol class="print-questions">${items}</ol></section>`;
  });
  return html`${header(doc, t, t('print.worksheetTitle'), true)}<main class="print-worksheet">${quizzes.map((q, i) => (i ? html`\n${q}` : q))}</main>`;
}

/** Every answer with its explanation, its source and the slide that teaches it: for the teacher. */
export function answerKeyHtml(doc: Document, payload: QuizPayload, t: Translate): SafeHtml {
  const quizzes = payload.quizzes.map((quiz) => {
    const items = quiz.questions.map((q) => {
      const form = formOf(doc, quiz, q);
      // A cloze's text as the deck rendered it (Markdown and maths), its blanks numbered lines.
      return html`<li class="print-question" ${raw(attr(DATA.questionId))}="${q.id}">
<div class="print-prompt">${promptHtml(q, form)}${q.type === 'cloze' ? html`<p class="print-cloze">${clozeText(doc, quiz, q, form)}</p>` : ''}</div>
${answerOnPaper(payload, quiz, q, t, doc)}
${evidenceOnPaper(payload, q, t)}
</li>`;
    });
    return html`<section class="print-quiz" ${raw(attr(DATA.quizId))}="${quiz.id}"><h2>${quizTitle(doc, quiz)}</h2><ol class="print-questions">${items}</ol></section>`;
  });
  return html`${header(doc, t, t('print.answerKeyTitle'), false)}<main class="print-answer-key">${quizzes.map((q, i) => (i ? html`\n${q}` : q))}</main>`;
}
