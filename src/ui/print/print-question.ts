/**
 * A quiz question on paper: its prompt and what a learner fills in (boxes to tick, lines to
 * write on, tables), never a control, a hint or an empty feedback region; and, for the teacher,
 * its answer and explanation. One rendering for every printed form: the worksheet, the printed
 * slides (`?print-pdf`, with or without answers) and the handout's copy of each question slide.
 */
import { presentedOrder, quoted, type Presentation, replaceBlanks, type Question, type Quiz } from '../../quiz/index.ts';
import { attr, CLASS, DATA, type QuizPayload } from '../../shared/contract.ts';
import { html, raw, type SafeHtml } from '../../shared/html.ts';
import type { Translate } from '../../i18n/strings.ts';
import { answerMarkup, markdown } from '../quiz-feedback.ts';
import { cls, hook } from '../hooks.ts';

/**
 * The seed for printed choice and item orders: the same on every print and in every printed
 * form (the slide a teacher projects lists the items as the learners' worksheet does), and
 * never the answer's order for an ordering question.
 */
const PRINT_SEED = 'print';

/**
 * The order a question's choices, items, options and drop-down options are printed in: one
 * function for the worksheet, the printed slides, the handout and the answer key, so that the
 * key's letters, positions and choices are the worksheet's.
 */
export const printedOrder = (quiz: Quiz, question: Question): Presentation => presentedOrder(quiz, question, PRINT_SEED);

/**
 * Slides that have nothing to print: the results slide (an empty table and buttons until a
 * learner answers) and the review of missed questions (filled in by each learner's browser).
 */
export const UNPRINTED_SLIDES = `${hook(DATA.quizResults)}, ${hook(DATA.missedReview)}`;

/** The first element under `scope` matching `selector` whose data-`name` is `value`: ids of any script, no CSS escaping. */
function byData<E extends Element = HTMLElement>(scope: ParentNode, selector: string, name: (typeof DATA)[keyof typeof DATA], value: string): E | null {
  return [...scope.querySelectorAll<E>(selector)].find((el) => (el as unknown as HTMLElement).dataset[name] === value) ?? null;
}

/** The form of a question as built into the page: its rendered prompt, choices and blanks. */
export function formOf(doc: Document, quiz: Quiz, question: Question): HTMLFormElement | null {
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
export const fromDeck = (markup: string): SafeHtml => raw(markup);

/** A numbered line to write a blank's answer on, with the options of a drop-down blank. */
const gapText = (n: number, options: string[]) => `(${n}) ____________${options.length ? ` [${options.join(' / ')}]` : ''}`;

/**
 * A cloze as printed: the deck's rendering of its text, each blank a numbered line. Blanks
 * the deck turned into controls are replaced by lines; a `{{name}}` still in the text (any
 * name the engine's blank rule accepts, `{{年份}}` included) becomes one too.
 */
function clozeOnPaper(doc: Document, cloze: HTMLElement, order: Record<string, string[]>): SafeHtml {
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
        // The options as printed everywhere: shuffled with the print seed, as choices are, never the file's order (the key first).
        const options = child.tagName === 'SELECT' ? [...(child as HTMLSelectElement).options].filter((o) => o.value) : [];
        const place = order[child.getAttribute(attr(DATA.blankId)) ?? ''] ?? [];
        const rank = (o: HTMLOptionElement) => (place.includes(o.value) ? place.indexOf(o.value) : place.length);
        child.replaceWith(gap(options.sort((a, b) => rank(a) - rank(b)).map((o) => o.text)));
      } else walk(child);
    }
  };
  walk(copy);
  return fromDeck(copy.innerHTML);
}

/**
 * The text of a cloze with a numbered line for each blank: the deck's rendering (Markdown and
 * maths typeset) when the page has the question's form, else the text itself, escaped.
 */
export function clozeText(doc: Document, quiz: Quiz, question: Extract<Question, { type: 'cloze' }>, form: HTMLFormElement | null): SafeHtml {
  const cloze = form?.querySelector<HTMLElement>('.quiz-cloze');
  const order = printedOrder(quiz, question);
  return cloze ? clozeOnPaper(doc, cloze, order.type === 'cloze' ? order.blanks : {}) : html`${replaceBlanks(question.text, (_, i) => gapText(i + 1, []))}`;
}

/** Letters of a match's option list as printed (`<ol type="A">`): A, B, …, Z, AA. */
const letter = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : letter(Math.floor(i / 26) - 1) + letter(i % 26));

/** The text of a match's option (a pair's right side or a distractor). */
const optionText = (question: Extract<Question, { type: 'match' }>, id: string) =>
  question.pairs.find((p) => p.id === id)?.right ?? question.distractors.find((d) => d.id === id)?.text ?? '';

/** The ids as printed, top to bottom, of a question's tick boxes, ordering rows or match options. */
function printedIds(quiz: Quiz, question: Question): string[] {
  const order = printedOrder(quiz, question);
  if ((order.type === 'single' || order.type === 'multiple') && 'choices' in question) return order.choices;
  if (order.type === 'order') return order.items;
  if (order.type === 'match') return order.right;
  return [];
}

/** What a learner fills in for one question on paper: boxes to tick, lines to write on, tables. */
function answerArea(doc: Document, quiz: Quiz, question: Question, t: Translate, form: HTMLFormElement | null): SafeHtml {
  const order = printedOrder(quiz, question);
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
        const cell = form && byData(form, `li[${attr(DATA.itemId)}]`, DATA.itemId, id)?.querySelector(cls('quizOrderText'));
        return cell ? fromDeck(cell.innerHTML) : (question.items.find((i) => i.id === id)?.text ?? '');
      };
      return html`<p class="print-help">${t('print.order')}</p><table class="print-table"><thead><tr><th scope="col">${t('print.item')}</th><th scope="col" class="print-blank-col">${t(
        'print.position',
      )}</th></tr></thead><tbody>${ids.map((id) => html`<tr><td>${text(id)}</td><td></td></tr>`)}</tbody></table>`;
    }
    case 'match': {
      const right = order.type === 'match' ? order.right : question.pairs.map((p) => p.id);
      const rightText = (id: string) => optionText(question, id);
      const left = (id: string) => {
        const label = form && byData(form, `[${attr(DATA.pairId)}]`, DATA.pairId, id)?.querySelector('label');
        return label ? fromDeck(label.innerHTML) : (question.pairs.find((p) => p.id === id)?.left ?? '');
      };
      // Rows numbered, so that the answer key can say "1 → E".
      return html`<p class="print-help">${t('print.match')}</p><div class="print-match"><table class="print-table"><tbody>${question.pairs.map(
        (p, i) => html`<tr><th scope="row" class="print-num">${i + 1}</th><td>${left(p.id)}</td><td class="print-blank-col"></td></tr>`,
      )}</tbody></table><ol class="print-options" type="A">${right.map((id) => html`<li>${rightText(id)}</li>`)}</ol></div>`;
    }
    case 'cloze':
      return html`<p class="print-help">${t('print.cloze')}</p><p class="print-cloze">${clozeText(doc, quiz, question, form)}</p>`;
    default: {
      const unhandled: never = question;
      throw new Error(`no printed form for the question type of ${JSON.stringify(unhandled)}`);
    }
  }
}

/** The prompt as the deck rendered it; nothing for a cloze without one (its text is the question). */
export function promptHtml(question: Question, form: HTMLFormElement | null): SafeHtml | string {
  if (question.type === 'cloze' && !question.prompt) return '';
  const legend = form?.querySelector('legend');
  return legend ? fromDeck(legend.innerHTML) : question.prompt;
}

/**
 * A question as printed, without its answer: the prompt and the answer area. `form` is the
 * question's form in the page (found by its ids when not given), whose rendering is reused.
 */
export function questionOnPaper(doc: Document, quiz: Quiz, question: Question, t: Translate, form = formOf(doc, quiz, question)): SafeHtml {
  return html`<div class="print-prompt">${promptHtml(question, form)}</div>${answerArea(doc, quiz, question, t, form)}`;
}

/**
 * The answer in the worksheet's own terms, for whoever marks it: the boxes to tick (numbered as
 * printed, with their text), the Position column's values in the worksheet's row order, the
 * letters of a match's options. Nothing for the other types, whose answer is already what is written.
 */
export function answerOnWorksheet(doc: Document, quiz: Quiz, question: Question, t: Translate, form: HTMLFormElement | null = formOf(doc, quiz, question)): SafeHtml | '' {
  const ids = printedIds(quiz, question);
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const choice = (id: string) => {
        const span = form && byData(form, `[${attr(DATA.choiceId)}]`, DATA.choiceId, id)?.querySelector('span');
        return span ? fromDeck(span.innerHTML) : (question.choices.find((c) => c.id === id)?.text ?? id);
      };
      const ticked = ids.flatMap((id, i) => (question.choices.find((c) => c.id === id)?.correct ? [html`<li>${t('print.keyBox', { n: i + 1 })} ${choice(id)}</li>`] : []));
      return html`<ul class="print-key print-key-ticks" aria-label="${t('print.keyTick')}">${ticked}</ul>`;
    }
    case 'order': {
      const position = (id: string) => question.items.findIndex((item) => item.id === id) + 1;
      return html`<p class="print-key">${t('print.keyPositions', { positions: ids.map(position).join(', ') })}</p>`;
    }
    case 'match': {
      // Two pairs may share a right side: it is printed once, and both rows take its letter.
      const letterOf = (right: string) => letter(ids.findIndex((id) => optionText(question, id) === right));
      return html`<p class="print-key">${question.pairs.map((p, i) => `${i + 1} → ${letterOf(p.right)}`).join(', ')}</p>`;
    }
    case 'truefalse':
    case 'numeric':
    case 'text':
    case 'cloze':
      return '';
    default: {
      const unhandled: never = question;
      throw new Error(`no printed answer for the question type of ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * The right answer (maths typeset) and its explanation, each marked: for the answer key and the
 * teacher's slides. The answer comes first in the worksheet's terms (box, positions, letters),
 * then in words.
 */
export function answerOnPaper(payload: QuizPayload, quiz: Quiz, question: Question, t: Translate, doc: Document = document): SafeHtml {
  // A choice's words are in its tick box's line already.
  const words = question.type === 'single' || question.type === 'multiple' ? '' : html`<span class="print-answer-words">${answerMarkup(payload, quiz, question, t)}</span>`;
  return html`<div class="print-answer"><strong>${t('quiz.theAnswer')}</strong> ${answerOnWorksheet(doc, quiz, question, t)}${words}</div>
${question.explanation ? html`<div class="print-explanation"><strong>${t('quiz.why')}</strong> ${markdown(payload, question.explanation)}</div>` : ''}`;
}

/** Where the answer comes from: the words of the source and the slide that teaches it (the answer key). */
export function evidenceOnPaper(payload: QuizPayload, question: Question, t: Translate): SafeHtml {
  const slide = question.slide ? payload.slides[question.slide] : undefined;
  return html`${question.source ? html`<p class="print-source"><strong>${t('quiz.source')}</strong> ${quoted(question.source)}</p>` : ''}
${slide ? html`<p class="print-slide">${t('print.slide', { title: slide.title })}</p>` : ''}`;
}

/**
 * Turns a quiz slide of the deck (or a copy of it) into its printed form, in place: a question
 * slide keeps its heading and gets the question on paper in place of its form (and, with
 * `withAnswers`, the answer and explanation under it); a quiz's first slide keeps what it says
 * about the quiz and loses its reset button and empty score. Other slides are left as they are.
 */
export function printQuizSlide(slide: HTMLElement, doc: Document, payload: QuizPayload, t: Translate, { withAnswers = false } = {}): void {
  const quiz = payload.quizzes.find((q) => q.id === slide.dataset[DATA.quizId]);
  if (!quiz || slide.classList.contains(CLASS.quizStack)) return;
  slide.querySelectorAll(`${hook(DATA.quizScore)}, ${hook(DATA.action)}`).forEach((el) => {
    // The reset button stands in a paragraph of its own: take the paragraph, not leave it empty.
    const parent = el.parentElement;
    el.remove();
    if (parent && parent !== slide && parent.tagName === 'P' && !parent.textContent?.trim()) parent.remove();
  });
  const form = slide.querySelector<HTMLFormElement>(`form${cls('quizQuestion')}`);
  const question = form && quiz.questions.find((q) => q.id === form.dataset[DATA.questionId]);
  if (!form || !question) return;
  const printed = doc.createElement('div');
  printed.className = 'quiz-printed';
  printed.dataset[DATA.questionId] = question.id;
  printed.dataset[DATA.questionType] = question.type;
  printed.innerHTML = html`${questionOnPaper(doc, quiz, question, t, form)}${
    withAnswers && html`<div class="quiz-printed-answer">${answerOnPaper(payload, quiz, question, t, doc)}</div>`
  }`.toString();
  form.replaceWith(printed);
}
