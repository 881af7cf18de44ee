import type { QuizPayload } from '../../shared/contract.ts';
import type { Translate } from '../../i18n/strings.ts';
import { answerKeyHtml, handoutHtml, PRINT_MODES, worksheetHtml, type PrintMode } from './print-pages.ts';

export interface PrintOptions {
  /** `?print=handout|worksheet|answer-key`: a printable document instead of the deck. */
  mode?: PrintMode;
  /** `?paper=letter` for US Letter; A4 otherwise. */
  paper: 'a4' | 'letter';
  /** `?section=<id>`: only that section and the quiz after it (for the deck and every print). */
  section?: string;
}

export function readPrintOptions(search: string): PrintOptions {
  const query = new URLSearchParams(search);
  const mode = query.get('print') as PrintMode | null;
  return {
    mode: mode && PRINT_MODES.includes(mode) ? mode : undefined,
    paper: query.get('paper')?.toLowerCase() === 'letter' ? 'letter' : 'a4',
    section: query.get('section') ?? undefined,
  };
}

/**
 * Keeps one section of the deck (its slides and the quiz that follows it). An id that names no
 * section changes nothing and says so in the console, rather than leaving an empty deck.
 */
export function keepSection(doc: Document, section: string, payload?: QuizPayload): void {
  const slides = doc.querySelector('.reveal .slides');
  if (!slides?.querySelector(`:scope > section[data-section-id="${CSS.escape(section)}"]`)) {
    console.warn(`?section=${section}: the deck has no such section; showing every section`);
    return;
  }
  for (const slide of slides.querySelectorAll<HTMLElement>(':scope > section')) {
    const owner = slide.dataset.sectionId ?? slide.dataset.quizAfter;
    if (owner !== section) slide.remove();
  }
  if (payload) payload.quizzes = payload.quizzes.filter((quiz) => quiz.after === section);
}

/** Marks the page ready to print once its fonts (and so its layout) are final: the exports wait for this, not a timer. */
export async function signalPrintReady(doc: Document = document): Promise<void> {
  await doc.fonts.ready;
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  doc.documentElement.dataset.printReady = 'true';
}

/** Replaces the deck by a printable handout, worksheet or answer key, on A4 or Letter. */
export async function renderPrintPage(options: PrintOptions & { mode: PrintMode }, payload: QuizPayload, t: Translate): Promise<void> {
  const doc = document;
  const body =
    options.mode === 'handout' ? handoutHtml(doc, t) : options.mode === 'worksheet' ? worksheetHtml(doc, payload, t) : answerKeyHtml(doc, payload, t);
  const titles: Record<PrintMode, Parameters<Translate>[0]> = { handout: 'print.handoutTitle', worksheet: 'print.worksheetTitle', 'answer-key': 'print.answerKeyTitle' };
  doc.title = `${t(titles[options.mode])}: ${doc.title}`;
  doc.body.innerHTML = body;
  doc.body.className = '';
  doc.documentElement.classList.add('kit-print', `kit-print-${options.mode}`);
  const page = doc.createElement('style');
  page.textContent = `@page { size: ${options.paper === 'letter' ? 'letter' : 'A4'} portrait; margin: 14mm 14mm 16mm; }`;
  doc.head.append(page);
  await signalPrintReady(doc);
}
