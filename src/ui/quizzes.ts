import type { RevealApi } from 'reveal.js';
import type { QuizPayload } from '../shared/contract.ts';
import { createStrings, type Translate } from '../i18n/strings.ts';
import { createMissedReview } from './missed-review.ts';
import { createProgressStore } from './progress-store.ts';
import { createQuizView } from './quiz-view.ts';
import { createResultsView } from './results-view.ts';

/** Where a key press belongs to a quiz (or the results), not to slide navigation. */
const INTERACTIVE = '.quiz-question, .results-slide, .kit-notice';

/** The quizzes' data, written into the page by the build. */
export function readPayload(doc: Document = document): QuizPayload | undefined {
  const data = doc.getElementById('kit-quizzes')?.textContent;
  return data ? (JSON.parse(data) as QuizPayload) : undefined;
}

/** Keys pressed inside a quiz stay there: arrows move between choices, never to another slide. */
export function keyboardCondition(event: KeyboardEvent): boolean {
  const target = event.target as Element | null;
  return !target?.closest?.(INTERACTIVE);
}

/** A message to the learner that stays until dismissed, announced politely. */
function showNotice(text: string, t: Translate): void {
  const notice = document.createElement('div');
  notice.className = 'kit-notice';
  notice.setAttribute('role', 'status');
  notice.innerHTML = `<p></p><button type="button"></button>`;
  notice.querySelector('p')!.textContent = text;
  const ok = notice.querySelector('button')!;
  ok.textContent = t('notice.ok');
  ok.addEventListener('click', () => notice.remove());
  document.body.append(notice);
}

/**
 * The quizzes of the deck, as a reveal.js plugin: graded forms, saved progress, the results
 * slide and the missed-question review; `A` reveals the answer on a question slide (for the
 * teacher showing the room), and Escape inside a quiz gives the keys back to the deck.
 */
export function createQuizPlugin(t: Translate = createStrings()) {
  return {
    id: 'kit-quizzes',
    init(deck: RevealApi) {
      const payload = readPayload();
      if (!payload) return;
      const store = createProgressStore();
      const root = deck.getRevealElement() ?? document;
      const view = createQuizView(root, { payload, store, t });
      const sectionTitles = Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('section[data-slide-id="title"]')].map((s) => [s.dataset.sectionId!, s.querySelector('h1, h2')?.textContent?.trim() ?? '']),
      );
      const missed = createMissedReview(root, { payload, store, t });
      createResultsView(root, { payload, store, t, sectionTitles, onReset: () => { view.refresh(); missed.render(); } });
      if (store.notice) showNotice(t(store.notice.key, store.notice.params), t);

      deck.on('slidechanged', (event) => {
        if ((event as unknown as { currentSlide: Element }).currentSlide?.matches('[data-missed-review]')) missed.render();
      });
      deck.addKeyBinding({ keyCode: 65, key: 'A', description: 'Reveal the answer on a question slide' }, () => {
        view.questionOn(deck.getCurrentSlide())?.reveal();
      });
      root.addEventListener('keydown', (event) => {
        const e = event as KeyboardEvent;
        if (e.key === 'Escape' && (e.target as Element).closest?.('.quiz-question')) {
          (e.target as HTMLElement).blur();
          e.stopPropagation();
        }
      });
    },
  };
}
