import { presentedOrder, quoted, replaceBlanks, type Question, type Quiz } from '../../quiz/index.ts';
import { attr, DATA, type QuizPayload } from '../../shared/contract.ts';
import { html, raw, type SafeHtml } from '../../shared/html.ts';
import type { Translate } from '../../i18n/strings.ts';
import { answerMarkup } from '../quiz-feedback.ts';

/** The seed for printed choice orders: the same on every print, and not the authored order. */
const PRINT_SEED = 'print';

/** The first element under `scope` matching `selector` whose data-`name` is `value`: ids of any script, no CSS escaping. */
function byData<E extends Element = HTMLElement>(scope: ParentNode, selector: string, name: (typeof DATA)[keyof typeof DATA], value: string): E | null {
  return [...scope.querySelectorAll<E>(selector)].find((el) => (el as unknown as HTMLElement).dataset[name] === value) ?? null;
}

/** The form of a question as built into the page: its rendered prompt, choices and blanks. */
function formOf(doc: Document, quiz: Quiz, question: Question): HTMLFormElement | null {
  const forms = doc.querySelectorAll<HTMLFormElement>(`form[${attr(DATA.questionId)}]`);
  return (
    [...forms].find(
      (form) => form.dataset[DATA.questionId] === question.id && form.closest<HTMLElement>(`[${attr(DATA.quizId)}]`)?.dataset[DATA.quizId] === quiz.id,
    ) ?? null
  );
}

/**
 * Markup taken from the built deck as it is: the build escaped or sanitised it (Markdown with
 * HTML off, KaTeX, sanitised SVG), so the print pages reuse it rather than render it again.
 */
const fromDeck = (markup: string): SafeHtml => raw(markup);

function header(doc: Document, t: Translate, title: string, withName: boolean): SafeHtml {
  const name = withName
    ? html`<p class="print-name"><span>${t('print.name')}: ________________________</span><span>${t('print.class')}: __________</span><span>${t('print.date')}: __________</span></p>`
    : '';
  return html`<header class="print-header"><p class="print-deck">${doc.title}</p><h1>${title}</h1>${name}</header>`;
}

/** Each slide with its speaker notes, one slide to a page: for the teacher, or for learners who missed the class. */
export function handoutHtml(doc: Document, t: Translate): SafeHtml {
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
    const notesHtml = notes?.innerHTML.trim() ? fromDeck(notes.innerHTML.trim()) : html`<p>${t('print.noNotes')}</p>`;
    return html`<article class="handout-page">
<p class="print-running">${t('print.page', { n: n + 1, total: slides.length })}</p>
<div class="handout-frame"><div class="reveal handout-slide"><div class="slides">${fromDeck(copy.outerHTML)}</div></div></div>
<section class="handout-notes" aria-label="${t('print.notes')}"><h2>${t('print.notes')}</h2>${notesHtml}</section>
</article>`;
  });
  return html`${header(doc, t, t('print.handoutTitle'), false)}<main class="print-handout">${pages.map((page, i) => (i ? html`\n${page}` : page))}</main>`;
}

/** A numbered line to write a blank's answer on, with the options of a drop-down blank. */
const gapText = (n: number, options: string[]) => `(${n}) ____________${options.length ? ` [${options.join(' / ')}]` : ''}`;

/**
 * A cloze as printed: the deck's rendering of its text, each blank a numbered line. Blanks
 * the deck turned into controls are replaced by lines; a `{{name}}` still in the text (any
 * name the engine's blank rule accepts, `{{年份}}` included) becomes one too.
 */
function clozeOnPaper(doc: Document, cloze: HTMLElement): SafeHtml {
  const copy = cloze.cloneNode(true) as HTMLElement;
  let n = 0;
  const gap = (options: string[]) => {
    const span = doc.createElement('span');
    span.className = 'print-gap';
    span.textContent = gapText(++n, options);
    return span;
  };
  // In document order, so the lines are numbered as the blanks are read.
  const walk = (node: Node): void => {
    for (const child of [...node.childNodes]) {
      if (child.nodeType === 3) {
        const text = child as Text;
        // The engine's one blank rule finds them; each becomes a marker to split the text on.
        const pieces = replaceBlanks(text.data, () => '\u0000').split('\u0000');
        if (pieces.length > 1) text.replaceWith(...pieces.flatMap((piece, i) => [...(i > 0 ? [gap([])] : []), ...(piece ? [piece] : [])]));
      } else if (child instanceof doc.defaultView!.Element && child.hasAttribute(attr(DATA.blankId))) {
        const options = child.tagName === 'SELECT' ? [...(child as HTMLSelectElement).options].filter((o) => o.value).map((o) => o.text) : [];
        child.replaceWith(gap(options));
      } else walk(child);
    }
  };
  walk(copy);
  return fromDeck(copy.innerHTML);
}

/** What a learner fills in for one question on paper: boxes to tick, lines to write on, tables. */
function answerArea(doc: Document, quiz: Quiz, question: Question, t: Translate): SafeHtml {
  const form = formOf(doc, quiz, question);
  const order = presentedOrder(quiz, question, PRINT_SEED);
  const box = (content: SafeHtml | string) => html`<li><span class="print-box" aria-hidden="true">☐</span> ${content}</li>`;
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const ids = order.type === 'single' || order.type === 'multiple' ? order.choices : question.choices.map((c) => c.id);
      const choice = (id: string) => {
        const span = form && byData(form, `[${attr(DATA.choiceId)}]`, DATA.choiceId, id)?.querySelector('span');
        return span ? fromDeck(span.innerHTML) : (question.choices.find((c) => c.id === id)?.text ?? id);
      };
      return html`<p class="print-help">${t(question.type === 'single' ? 'print.tick' : 'print.tickAll')}</p><ul class="print-choices">${ids.map((id) => box(choice(id)))}</ul>`;
    }
    case 'truefalse':
      return html`<p class="print-help">${t('print.tick')}</p><ul class="print-choices print-inline">${box(t('quiz.true'))}${box(t('quiz.false'))}</ul>`;
    case 'numeric':
    case 'text':
      return html`<p class="print-help">${t(question.type === 'numeric' ? 'print.writeNumber' : 'print.writeText')}</p><div class="print-lines"><span></span>${question.type === 'text' ? html`<span></span>` : ''}</div>`;
    case 'order': {
      const ids = order.type === 'order' ? order.items : question.items.map((i) => i.id);
      const text = (id: string) => {
        const cell = form && byData(form, `li[${attr(DATA.itemId)}]`, DATA.itemId, id)?.querySelector('.quiz-order-text');
        return cell ? fromDeck(cell.innerHTML) : (question.items.find((i) => i.id === id)?.text ?? '');
      };
      return html`<p class="print-help">${t('print.order')}</p><table class="print-table"><thead><tr><th scope="col">${t('print.item')}</th><th scope="col" class="print-blank-col">${t(
        'print.position',
      )}</th></tr></thead><tbody>${ids.map((id) => html`<tr><td>${text(id)}</td><td></td></tr>`)}</tbody></table>`;
    }
    case 'match': {
      const right = order.type === 'match' ? order.right : question.pairs.map((p) => p.id);
      const rightText = (id: string) => question.pairs.find((p) => p.id === id)?.right ?? question.distractors.find((d) => d.id === id)?.text ?? '';
      const left = (id: string) => {
        const label = form && byData(form, `[${attr(DATA.pairId)}]`, DATA.pairId, id)?.querySelector('label');
        return label ? fromDeck(label.innerHTML) : (question.pairs.find((p) => p.id === id)?.left ?? '');
      };
      return html`<p class="print-help">${t('print.match')}</p><div class="print-match"><table class="print-table"><tbody>${question.pairs.map(
        (p) => html`<tr><td>${left(p.id)}</td><td class="print-blank-col"></td></tr>`,
      )}</tbody></table><ol class="print-options" type="A">${right.map((id) => html`<li>${rightText(id)}</li>`)}</ol></div>`;
    }
    case 'cloze': {
      const cloze = form?.querySelector<HTMLElement>('.quiz-cloze');
      const body = cloze ? clozeOnPaper(doc, cloze) : html`${replaceBlanks(question.text, (_, i) => gapText(i + 1, []))}`;
      return html`<p class="print-help">${t('print.cloze')}</p><p class="print-cloze">${body}</p>`;
    }
    default: {
      const unhandled: never = question;
      throw new Error(`no printed form for the question type of ${JSON.stringify(unhandled)}`);
    }
  }
}

function promptHtml(doc: Document, quiz: Quiz, question: Question): SafeHtml | string {
  if (question.type === 'cloze' && !question.prompt) return '';
  const legend = formOf(doc, quiz, question)?.querySelector('legend');
  return legend ? fromDeck(legend.innerHTML) : question.prompt;
}

function quizTitle(doc: Document, quiz: Quiz): SafeHtml | string {
  const heading = doc.getElementById(`quiz-${quiz.id}-title`);
  return heading ? fromDeck(heading.innerHTML) : quiz.title;
}

/** Every question, printable and without answers: for learners on paper. */
export function worksheetHtml(doc: Document, payload: QuizPayload, t: Translate): SafeHtml {
  const quizzes = payload.quizzes.map((quiz) => {
    const items = quiz.questions.map(
      (q) => html`<li class="print-question" ${raw(attr(DATA.questionId))}="${q.id}"><div class="print-prompt">${promptHtml(doc, quiz, q)}</div>${answerArea(doc, quiz, q, t)}</li>`,
    );
    return html`<section class="print-quiz" ${raw(attr(DATA.quizId))}="${quiz.id}"><h2>${quizTitle(doc, quiz)}</h2><ol class="print-questions">${items}</ol></section>`;
  });
  return html`${header(doc, t, t('print.worksheetTitle'), true)}<main class="print-worksheet">${quizzes.map((q, i) => (i ? html`\n${q}` : q))}</main>`;
}

/** Every answer with its explanation, its source and the slide that teaches it: for the teacher. */
export function answerKeyHtml(doc: Document, payload: QuizPayload, t: Translate): SafeHtml {
  // raw: the payload's HTML is the build's rendering of the quiz's Markdown (HTML off).
  const rendered = (text: string) => (payload.html[text] !== undefined ? raw(payload.html[text]) : html`<p>${text}</p>`);
  const quizzes = payload.quizzes.map((quiz) => {
    const items = quiz.questions.map((q) => {
      const slide = q.slide ? payload.slides[q.slide] : undefined;
      return html`<li class="print-question" ${raw(attr(DATA.questionId))}="${q.id}">
<div class="print-prompt">${promptHtml(doc, quiz, q)}${q.type === 'cloze' ? html`<p>${replaceBlanks(q.text, () => '____')}</p>` : ''}</div>
<p class="print-answer"><strong>${t('quiz.theAnswer')}</strong> ${answerMarkup(payload, quiz, q, t)}</p>
${q.explanation ? html`<div class="print-explanation"><strong>${t('quiz.why')}</strong> ${rendered(q.explanation)}</div>` : ''}
${q.source ? html`<p class="print-source"><strong>${t('quiz.source')}</strong> ${quoted(q.source)}</p>` : ''}
${slide ? html`<p class="print-slide">${t('print.slide', { title: slide.title })}</p>` : ''}
</li>`;
    });
    return html`<section class="print-quiz" ${raw(attr(DATA.quizId))}="${quiz.id}"><h2>${quizTitle(doc, quiz)}</h2><ol class="print-questions">${items}</ol></section>`;
  });
  return html`${header(doc, t, t('print.answerKeyTitle'), false)}<main class="print-answer-key">${quizzes.map((q, i) => (i ? html`\n${q}` : q))}</main>`;
}
