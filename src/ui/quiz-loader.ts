/**
 * The quiz plugin (`quizzes.ts`: the quiz engine, every quiz view, progress, results, the
 * missed-question review, "Back to the question") is fetched when it is first needed, not with
 * the first slide: most of the deck is slides, and that code is half the deck's script.
 *
 * Needed means: saved progress to restore or report at start (or storage that cannot be used,
 * which the learner is told at start, full or refused; or a reload in the middle of a "Review the slide" detour);
 * a slide with a quiz part (a quiz's slides, the results, the missed-question review) shown or
 * next to the slide shown, so it is ready before the learner gets there; in the scroll view, a
 * quiz part within a screen of what is in view; and, should a learner be quicker than the
 * network, a touch or focus on a quiz's slide. Until then a question's controls are hidden (its
 * prompt is not): they would do nothing, and choices take the learner's order once it comes. reveal.js 6 starts a plugin registered after `initialize()` at once, so the
 * quiz plugin behaves as it did when it was in the plugin list from the start.
 */
import type { RevealApi, RevealPlugin } from 'reveal.js';
import type { Translate } from '../i18n/strings.ts';
import { LEARNER_KEY, newLearnerId, PROGRESS_KEY } from './progress-keys.ts';
import { isScrollView, QUIZ_PARTS, returnState, showNotice } from './quiz-page.ts';

/** On the deck while the quiz plugin is not there yet. */
const PENDING = 'kit-quizzes-pending';

/** What the loader hands the quiz plugin: the detour's question read before reveal.js's first write of the address drops it. */
export interface QuizStart {
  returnTo?: string;
}

export interface QuizLoaderOptions {
  t: Translate;
  /** Fetches the quiz plugin. */
  load: (start: QuizStart) => Promise<RevealPlugin>;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

/** Whether a slide holds something the quiz plugin runs. */
export const hasQuizPart = (slide: Element | undefined | null): boolean => !!slide && (slide.matches(QUIZ_PARTS) || !!slide.querySelector(QUIZ_PARTS));

/**
 * Whether the quiz plugin must start with the deck: progress saved in this browser (restored,
 * checked, and any answer set aside reported at start), storage that cannot be used or is full
 * (said at start), or a detour to return from. A first visit gets its learner's seed (the order
 * of choices derives from it) now, as when the quiz plugin always started with the deck.
 */
export function neededAtStart(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined, returnTo: string | undefined): boolean {
  if (returnTo) return true;
  try {
    const store = storage ?? globalThis.localStorage;
    if (store.getItem(LEARNER_KEY) === null) store.setItem(LEARNER_KEY, newLearnerId());
    return store.getItem(PROGRESS_KEY) !== null;
  } catch {
    return true;
  }
}

/** A reveal.js plugin that fetches the quiz plugin when it is first needed and registers it. */
export function createQuizLoaderPlugin({ t, load, storage }: QuizLoaderOptions) {
  const returnTo = returnState();
  const cleanups: (() => void)[] = [];
  let loading: Promise<void> | undefined;
  let loaded = false;
  return {
    id: 'kit-quiz-loader',
    init(deck: RevealApi) {
      // In the keyboard help from the start, as when the quiz plugin was in the plugin list.
      deck.registerKeyboardShortcut('A, Alt+A', t('help.reveal'));
      const root = deck.getRevealElement() as HTMLElement;

      /** Fetches and starts the quiz plugin, once; a failed fetch is said, and tried again on the next need. */
      const ensure = (): Promise<void> =>
        (loading ??= load({ returnTo })
          // reveal.js starts a plugin registered late only once it is ready itself.
          .then((plugin) => (deck.isReady() ? plugin : new Promise<RevealPlugin>((done) => deck.on('ready', () => done(plugin)))))
          .then((plugin) => {
            loaded = true;
            stop();
            // The quiz view puts choices in the learner's order: a control moved keeps its focus.
            const focused = document.activeElement as HTMLElement | null;
            deck.registerPlugin(plugin);
            root.classList.remove(PENDING);
            if (focused?.isConnected && document.activeElement !== focused) focused.focus({ preventScroll: true });
          })
          .catch((error: unknown) => {
            loading = undefined;
            console.error(error);
            // The controls show again, as they did when the quiz plugin failed to start: the notice says why they do nothing.
            root.classList.remove(PENDING);
            cleanups.push(showNotice(t('quizzes.failed', { reason: (error as Error).message }), t));
          }));

      /**
       * The slide shown, the one before and the one after it (in the order Space goes through them).
       * The scroll view keeps reveal.js's list of slides in another order: there the slide shown
       * alone, and the slides near the view are the observer's below.
       */
      const near = () => {
        const current = deck.getCurrentSlide() as HTMLElement | undefined;
        if (isScrollView(deck)) return [current];
        const all = (deck.getSlides() as HTMLElement[]).filter((slide) => !slide.classList.contains('stack'));
        const at = current ? all.indexOf(current) : -1;
        return at < 0 ? [current] : [all[at - 1], all[at], all[at + 1]];
      };
      const check = () => {
        if (near().some(hasQuizPart)) void ensure();
      };

      // The scroll view (phones) shows slides one under another: a quiz part within a screen of the view.
      let observer: IntersectionObserver | undefined;
      const watchScroll = () => {
        if (loaded || observer || !isScrollView(deck) || typeof IntersectionObserver === 'undefined') return;
        // A stack is an empty box at the top of the scroll view: its slides are what is looked at.
        const seen = (entry: IntersectionObserverEntry) => entry.isIntersecting && entry.boundingClientRect.height > 0;
        observer = new IntersectionObserver((entries) => entries.some(seen) && void ensure(), {
          root: deck.getViewportElement() ?? null,
          rootMargin: '100% 0px',
        });
        for (const slide of root.querySelectorAll('.slides section:not(.stack)')) if (hasQuizPart(slide)) observer.observe(slide);
      };

      // Until the quiz plugin is there a question shows its prompt, not its controls (kit.css): they
      // would do nothing yet, and the plugin puts choices in the learner's order and restores answers.
      root.classList.add(PENDING);
      /** A touch on a quiz's slide, or focus inside it, fetches the plugin at once (the checks above come first). */
      const onReach = (event: Event) => {
        if ((event.target as Element | null)?.closest?.(QUIZ_PARTS)) void ensure();
      };
      const onReady = () => {
        if (neededAtStart(storage, returnTo)) void ensure();
        check();
        watchScroll();
      };

      deck.on('ready', onReady);
      deck.on('slidechanged', check);
      deck.on('resize', watchScroll);
      root.addEventListener('pointerdown', onReach, true);
      root.addEventListener('focusin', onReach, true);
      /** Once the plugin is there, its own listeners do the work. */
      const stop = () => {
        observer?.disconnect();
        deck.off('ready', onReady);
        deck.off('slidechanged', check);
        deck.off('resize', watchScroll);
        root.removeEventListener('pointerdown', onReach, true);
        root.removeEventListener('focusin', onReach, true);
      };
      cleanups.push(stop);
    },
    destroy() {
      cleanups.splice(0).forEach((cleanup) => cleanup());
    },
  };
}
