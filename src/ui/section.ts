import { attr, DATA, type QuizPayload } from '../shared/contract.ts';

// `?section=<id>`: on screen and in print alike, so apart from the print code, which only print views fetch.

/**
 * Keeps one section of the deck (its slides and the quiz that follows it). An id that names no
 * section changes nothing and says so in the console, rather than leaving an empty deck.
 */
export function keepSection(doc: Document, section: string, payload?: QuizPayload): void {
  const slides = doc.querySelector('.reveal .slides');
  const own = (slide: HTMLElement) => (slide.dataset[DATA.sectionId] ?? slide.dataset[DATA.quizAfter]) === section;
  const top = slides ? [...slides.querySelectorAll<HTMLElement>(`:scope > section`)] : [];
  if (!top.some((slide) => slide.hasAttribute(attr(DATA.sectionId)) && own(slide))) {
    console.warn(`?section=${section}: the deck has no such section; showing every section`);
    return;
  }
  for (const slide of top) if (!own(slide)) slide.remove();
  if (payload) payload.quizzes = payload.quizzes.filter((quiz) => quiz.after === section);
}
