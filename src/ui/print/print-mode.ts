import { attr, DATA, readPrintQuery, type PrintMode, type PrintRequest, type QuizPayload } from '../../shared/contract.ts';
import type { Translate } from '../../i18n/strings.ts';
import { answerKeyHtml, handoutHtml, worksheetHtml } from './print-pages.ts';
import { printQuizSlide, UNPRINTED_SLIDES } from './print-question.ts';

/**
 * What the page was asked to print (`?print=…&paper=…&section=…`, or the slides: `?print-pdf…`),
 * read by the contract's one definition of the print query, the one `kit pdf` writes.
 */
export type PrintOptions = PrintRequest;
export const readPrintOptions: (search: string) => PrintOptions = readPrintQuery;

/**
 * Readies the deck to print as slides (`?print-pdf`), before reveal.js lays it out: every
 * question becomes a clean question slide (its prompt and choices, items, pairs or blank lines,
 * as the worksheet prints them: no button, no hint, no empty feedback), with its answer and
 * explanation under it for a teacher's copy (`withAnswers`); a quiz's first slide keeps what it
 * says about the quiz; the results and missed-question slides, empty on paper, are taken out.
 */
export function prepareSlidesForPrint(doc: Document, payload: QuizPayload, t: Translate, { withAnswers = false } = {}): void {
  for (const slide of doc.querySelectorAll('.reveal .slides section')) if (slide.matches(UNPRINTED_SLIDES)) slide.remove();
  for (const slide of doc.querySelectorAll<HTMLElement>(`.reveal .slides section[${attr(DATA.quizId)}]`)) printQuizSlide(slide, doc, payload, t, { withAnswers });
}

/** The smallest a printed question is scaled to so that it fits its slide: below it, text gets too small to read from a desk. */
const MIN_FIT = 0.7;

/** Room kept free at the bottom of a printed slide for its page-number badge (kit.css: 10px up, about 26px high). */
export const BADGE_ROOM = 44;

/**
 * Once reveal.js has laid out the printed slides: a question that runs into the page-number
 * badge or past the bottom of its slide (a long answer on the teacher's copy) is made to fit
 * rather than cut off or overlapped: scaled down a step at a time to 85 %, then with its answer
 * box in two columns from full size again down to the floor (`MIN_FIT`).
 */
export function fitPrintedQuestions(doc: Document, slideHeight: number): void {
  // reveal.js gave a slide taller than a page as many pages as it needed, before it was fitted:
  // one that fits now gets one page again, or a blank page (its badge alone) follows it.
  const pages = [...doc.querySelectorAll<HTMLElement>('.reveal .pdf-page')];
  const onePage = Math.min(...pages.map((page) => parseFloat(page.style.height)).filter((height) => height > 0));
  for (const printed of doc.querySelectorAll<HTMLElement>('.reveal .quiz-printed')) {
    const slide = printed.closest('section');
    if (!slide) continue;
    const overflows = () => printed.getBoundingClientRect().bottom - slide.getBoundingClientRect().top > slideHeight - BADGE_ROOM;
    const shrink = (floor: number) => {
      for (let scale = 0.95; overflows() && scale >= floor - 1e-9; scale -= 0.05) printed.style.zoom = scale.toFixed(2);
    };
    shrink(0.85);
    const answer = printed.querySelector<HTMLElement>('.quiz-printed-answer');
    if (overflows() && answer) {
      answer.classList.add('print-two-columns');
      printed.style.zoom = '';
      shrink(MIN_FIT);
    } else shrink(MIN_FIT);
    const page = slide.closest<HTMLElement>('.pdf-page');
    if (overflows()) console.warn(`printed question ${printed.dataset[DATA.questionId]} does not fit its slide at ${MIN_FIT * 100}%`);
    else if (page && Number.isFinite(onePage) && parseFloat(page.style.height) > onePage) page.style.height = `${onePage}px`;
  }
}

/** Marks the page ready to print once its fonts (and so its layout) are final: the exports wait for this, not a timer. */
export async function signalPrintReady(doc: Document = document): Promise<void> {
  await doc.fonts.ready;
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  doc.documentElement.dataset[DATA.printReady] = 'true';
}

const TITLES: Record<PrintMode, Parameters<Translate>[0]> = { handout: 'print.handoutTitle', worksheet: 'print.worksheetTitle', 'answer-key': 'print.answerKeyTitle' };

/** The printable document for a mode. */
function printBody(mode: PrintMode, doc: Document, payload: QuizPayload, t: Translate) {
  switch (mode) {
    case 'handout':
      return handoutHtml(doc, payload, t);
    case 'worksheet':
      return worksheetHtml(doc, payload, t);
    case 'answer-key':
      return answerKeyHtml(doc, payload, t);
    default: {
      const unhandled: never = mode;
      throw new Error(`no printable document "${String(unhandled)}"`);
    }
  }
}

/** A text as a CSS string: `"…"` with quotes, backslashes and line breaks escaped. */
const cssString = (text: string) => `"${text.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\a ')}"`;

/**
 * The paper of a printable document: its size and margins, the title at the top left of every
 * page and "Page n of N" (`pageOf`, with `{n}` and `{total}`) at the bottom right.
 */
export function pageRules(title: string, pageOf: string, paper: 'A4' | 'letter'): string {
  const numbers = pageOf
    .split(/(\{n\}|\{total\})/)
    .filter(Boolean)
    .map((part) => (part === '{n}' ? 'counter(page)' : part === '{total}' ? 'counter(pages)' : cssString(part)))
    .join(' ');
  const margin = 'font-family: var(--kit-font); font-size: 9pt; color: #4b5563;';
  return `@page { size: ${paper} portrait; margin: 16mm 14mm 16mm;
  @top-left { content: ${cssString(title)}; ${margin} vertical-align: bottom; padding-bottom: 3mm; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  @bottom-right { content: ${numbers}; ${margin} vertical-align: top; padding-top: 3mm; } }`;
}

/** Replaces the deck by a printable handout, worksheet or answer key, on A4 or Letter. */
export async function renderPrintPage(options: PrintOptions & { mode: PrintMode }, payload: QuizPayload, t: Translate): Promise<void> {
  const doc = document;
  const body = printBody(options.mode, doc, payload, t);
  doc.title = t('print.documentTitle', { document: t(TITLES[options.mode]), deck: doc.title });
  doc.body.innerHTML = body.toString();
  doc.body.className = '';
  doc.documentElement.classList.add('kit-print', `kit-print-${options.mode}`);
  // reveal.css restyles any `.reveal` for paper unless the page is its print view (`html.print-pdf`):
  // every paragraph 20pt, lists without their indent (an order's numbers fell off the frame),
  // every div shown (an unopened hint printed open). The handout's slides are copies of the
  // deck's, to print as the slides look: they take the print view's class.
  if (options.mode === 'handout') doc.documentElement.classList.add('print-pdf');
  // Each page's margins carry the title and "Page n of N", in the page's own fonts (CSS page
  // margin boxes), so they print in any language on any machine, from the browser too.
  doc.documentElement.dataset[DATA.printPageOf] = t('print.pageOf');
  const page = doc.createElement('style');
  page.textContent = pageRules(doc.title, t('print.pageOf'), options.paper === 'letter' ? 'letter' : 'A4');
  doc.head.append(page);
  await signalPrintReady(doc);
}
