/**
 * A quiz question on paper: its prompt and what a learner fills in (boxes to tick, lines to
 * write on, tables), never a control, a hint or an empty feedback region; and, for the teacher,
 * its answer and explanation. One rendering for every printed form: the worksheet, the printed
 * slides (`?print-pdf`, with or without answers) and the handout's copy of each question slide.
 */
import { presentedOrder, quoted, replaceBlanks, type Question, type Quiz } from '../../quiz/index.ts';
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

/**
 * The text of a cloze with a numbered line for each blank: the deck's rendering (Markdown and
 * maths typeset) when the page has the question's form, else the text itself, escaped.
 */
export function clozeText(doc: Document, question: Extract<Question, { type: 'cloze' }>, form: HTMLFormElement | null): SafeHtml {
  const cloze = form?.querySelector<HTMLElement>('.quiz-cloze');
  return cloze ? clozeOnPaper(doc, cloze) : html`${replaceBlanks(question.text, (_, i) => gapText(i + 1, []))}`;
}

/** What a learner fills in for one question on paper: boxes to tick, lines to write on, tables. */
function answerArea(doc: Document, quiz: Quiz, question: Question, t: Translate, form: HTMLFormElement | null): SafeHtml {
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
        const cell = form && byData(form, `li[${attr(DATA.itemId)}]`, DATA.itemId, id)?.querySelector(cls('quizOrderText'));
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
    case 'cloze':
      return html`<p class="print-help">${t('print.cloze')}</p><p class="print-cloze">${clozeText(doc, question, form)}</p>`;
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

/** The right answer (maths typeset) and its explanation, each marked: for the answer key and the teacher's slides. */
export function answerOnPaper(payload: QuizPayload, quiz: Quiz, question: Question, t: Translate): SafeHtml {
  return html`<p class="print-answer"><strong>${t('quiz.theAnswer')}</strong> ${answerMarkup(payload, quiz, question, t)}</p>
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
    withAnswers && html`<div class="quiz-printed-answer">${answerOnPaper(payload, quiz, question, t)}</div>`
  }`.toString();
  form.replaceWith(printed);
}
