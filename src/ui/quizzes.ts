import type { RevealApi } from 'reveal.js';
import { deckResult, isCorrect, quizResult, type Quiz } from '../quiz/index.ts';
import type { Translate } from '../i18n/strings.ts';
import { CLASS, DATA } from '../shared/contract.ts';
import { hook } from './hooks.ts';
import { createMissedReview } from './missed-review.ts';
import { createProgressStore, type KeyValueStorage, type Notice } from './progress-store.ts';
import type { QuizStart } from './quiz-loader.ts';
import { readPayload, showNotice } from './quiz-page.ts';
import { createQuizView } from './quiz-view.ts';
import { createResultsView } from './results-view.ts';
import { createSlideReturn } from './slide-return.ts';

// What the deck's first script needs of quizzes lives in `quiz-page.ts`; said here too, where it is looked for.
export { keyboardCondition, readPayload } from './quiz-page.ts';

/** What the SCORM adapter uses of the quiz engine (`scorm-report.ts`'s `Engine`), from this chunk, which has the engine already. */
export const engine = { deckResult, quizResult, isCorrect };

/** Where a letter is typed rather than taken as a command: text boxes, lists (which jump to a typed letter), editable text. */
const TYPES_LETTERS = 'textarea, select, [contenteditable]:not([contenteditable="false"]), input:not([type=radio], [type=checkbox], [type=button], [type=submit], [type=reset], [type=range], [type=color], [type=file], [type=image])';

/**
 * The presenter's key that reveals the answer on a question slide: <kbd>A</kbd> wherever a letter
 * is not typed (the slide, a radio button, a button), and <kbd>Alt</kbd>+<kbd>A</kbd>
 * (<kbd>Option</kbd>+<kbd>A</kbd> on a Mac) anywhere, also in the text box where the teacher typed
 * the room's answer, which keeps its plain letter a. Ctrl and AltGr (Ctrl+Alt on Windows) are left
 * to the browser and to letters such as ą.
 */
export function isRevealKey(event: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'isComposing' | 'target'>): boolean {
  if (event.ctrlKey || event.metaKey || event.isComposing) return false;
  const letterA = event.key === 'a' || event.key === 'A';
  // Option+A types "å" on a Mac: the key is known by its place.
  if (event.altKey) return letterA || event.code === 'KeyA';
  return letterA && !event.shiftKey && !(event.target as Element | null)?.closest?.(TYPES_LETTERS);
}

/** A notice about saved progress, in the learner's words. */
export function noticeText(notice: Notice, quizzes: readonly Quiz[], t: Translate): string {
  switch (notice.key) {
    case 'progress.setAside':
      return t(notice.key, notice.params);
    case 'progress.unavailable':
    case 'progress.full':
      return t(notice.key);
    case 'progress.quizzesUnreadable':
    case 'progress.questionsSetAside': {
      const parts = notice.parts.map(({ quizId, questionId }) => {
        const quiz = quizzes.find((q) => q.id === quizId);
        const title = quiz?.title ?? quizId;
        if (questionId === undefined) return `“${title}”`;
        const n = quiz ? quiz.questions.findIndex((q) => q.id === questionId) + 1 : 0;
        return n > 0 ? t('progress.setAsidePart', { quiz: title, n }) : t('progress.setAsideGone', { quiz: title });
      });
      return t(notice.key, { ...notice.params, list: [...new Set(parts)].join('; ') });
    }
    default:
      return notice satisfies never;
  }
}

/**
 * The quizzes of the deck, as a reveal.js plugin: graded forms, saved progress, the results
 * slide and the missed-question review; `A` (or `Alt+A`, also in a text box) reveals the answer
 * on a question slide (for the teacher showing the room), and Escape inside a quiz gives the keys
 * back to the deck.
 * Whatever goes wrong here, the slides still start: the learner is told, and the deck runs.
 * Progress is kept in `storage`: the browser's localStorage, or an LMS (`connectLms`). Fetched
 * when first needed (`quiz-loader.ts`), it gets from `start` what the page said before it came.
 */
export function createQuizPlugin(t: Translate, storage?: KeyValueStorage, start: QuizStart = {}) {
  const cleanups: (() => void)[] = [];
  return {
    id: 'kit-quizzes',
    init(deck: RevealApi) {
      try {
        begin(deck);
      } catch (error) {
        console.error(error);
        cleanups.push(showNotice(t('quizzes.failed', { reason: (error as Error).message }), t));
      }
    },
    destroy() {
      cleanups.splice(0).forEach((cleanup) => cleanup());
    },
  };

  function begin(deck: RevealApi) {
    const payload = readPayload();
    if (!payload) return;
    const store = createProgressStore(payload.quizzes, storage);
    const atStart = [...store.notices];
    const say = (notice: Notice) => cleanups.push(showNotice(noticeText(notice, payload.quizzes, t), t));
    // Storage that fills up while the learner answers is said at once.
    cleanups.push(store.onNotice(say));
    const root = deck.getRevealElement() ?? document;
    const view = createQuizView(root, { payload, store, t });
    const missed = createMissedReview(root, { payload, store, t });
    const results = createResultsView(root, {
      payload,
      store,
      t,
      onReset: () => {
        view.refresh();
        missed.render();
      },
    });
    cleanups.push(() => view.destroy(), () => missed.destroy(), () => results.destroy(), createSlideReturn(deck, t, start.returnTo));
    for (const notice of atStart) say(notice);

    const onSlideChanged = (event: Event) => {
      if ((event as unknown as { currentSlide?: Element }).currentSlide?.matches(hook(DATA.missedReview))) missed.render();
    };
    deck.on('slidechanged', onSlideChanged);
    cleanups.push(() => deck.off('slidechanged', onSlideChanged));
    // Not a reveal.js key binding: reveal.js ignores keys inside a quiz and in text boxes, and the
    // presenter's reveal must work wherever the focus is (see isRevealKey).
    deck.registerKeyboardShortcut('A, Alt+A', t('help.reveal'));
    const onRevealKey = (event: KeyboardEvent) => {
      if (!isRevealKey(event)) return;
      const question = view.questionOn(deck.getCurrentSlide());
      if (!question) return;
      event.preventDefault();
      question.reveal();
    };
    document.addEventListener('keydown', onRevealKey);
    cleanups.push(() => document.removeEventListener('keydown', onRevealKey));
    const onKey = (event: Event) => {
      const e = event as KeyboardEvent;
      if (e.key === 'Escape' && (e.target as Element).closest?.(`.${CLASS.quizQuestion}`)) {
        (e.target as HTMLElement).blur();
        e.stopPropagation();
      }
    };
    root.addEventListener('keydown', onKey);
    cleanups.push(() => root.removeEventListener('keydown', onKey));
  }
}
