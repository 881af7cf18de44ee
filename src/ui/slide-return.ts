/**
 * "Review the slide" from a question is a detour the learner means to come back from: following
 * it adds a history entry, so the browser's Back returns to the question, and the teaching slide
 * offers a "Back to the question" button.
 *
 * Why it is built this way (reveal.js 6, `hash: true`): reveal.js follows a `#/` link itself and
 * writes the address with `history.replaceState(null, …)`, at once or, within a second of its
 * last write, a second later (`MAX_REPLACE_STATE_FREQUENCY`). So (1) when the link is followed the
 * address may still name the slide shown before the question, and an entry pushed then would
 * return there; (2) a write still pending when the learner goes Back lands on the entry gone back
 * to, before reveal.js's own `hashchange` handler reads it, and the slide does not move; (3) each
 * write drops the entry's state. Hence: the question's address is written at once, before the new
 * entry is pushed; on `popstate` (which comes before `hashchange`) the slide the address names is
 * shown at once, and that `slide()` call cancels any write still pending; the entry's state is
 * written again after reveal.js's writes, and what a lost state cannot tell (Forward) is kept in
 * memory.
 */
import type { RevealApi } from 'reveal.js';
import type { Translate } from '../i18n/strings.ts';
import { html } from '../shared/html.ts';
import { isScrollView, RETURN_STATE_KEY, returnState } from './quiz-page.ts';

/** The "Review the slide" link in a question's feedback. */
const LINK = '.quiz-link a[href^="#/"]';
/**
 * reveal.js's delay for a write of the address (`MAX_REPLACE_STATE_FREQUENCY`). A timer of ours with
 * the same delay, set after its own, runs after it: timers of equal delay run in the order set.
 */
const REVEAL_WRITE_DELAY_MS = 1000;

interface Detour {
  question: HTMLElement;
  teaching: HTMLElement;
  /** The link followed, which gets focus back on return. */
  link?: HTMLElement;
  /** In the scroll view: where the question's heading was in the viewport when the link was followed. */
  headingTop?: number;
}

/** In the scroll view, how far below the top of the screen a slide's heading is brought. */
const SCROLL_MARGIN_PX = 12;
/** Frames to wait at most for the scroll view's layout to settle (fonts, maths, the feedback's height). */
const SETTLE_FRAMES = 30;

const headingOf = (slide: HTMLElement) => slide.querySelector<HTMLElement>(':scope > h1, :scope > h2, :scope > h3, :scope > header') ?? slide;

/** The slide an address names (`#/<slide id>` or `#/<slide id>/<fragment>`, as reveal.js writes them) and its fragment. */
function slideAt(hash: string): { slide: HTMLElement; f?: number } | undefined {
  const [name = '', fragment] = hash.replace(/^#\/?/, '').split('/');
  let element: HTMLElement | null = null;
  try {
    element = name ? document.getElementById(decodeURIComponent(name)) : null;
  } catch {
    return undefined;
  }
  const slide = element?.closest<HTMLElement>('.slides section');
  if (!slide) return undefined;
  const f = fragment === undefined ? Number.NaN : Number.parseInt(fragment, 10);
  return { slide, f: Number.isNaN(f) ? undefined : f };
}

/** The innermost slide holding an element (a question slide, or the missed-question review). */
const slideOf = (element: Element) => element.closest<HTMLElement>('.slides section:not(.stack)');

/**
 * Makes "Review the slide" links a step the learner can undo; returns what undoes it. `atLoad` is
 * the detour of the entry the page was loaded on, when it was read before this ran (the quiz
 * plugin may come after reveal.js's first write of the address has dropped it).
 */
export function createSlideReturn(deck: RevealApi, t: Translate, atLoad?: string): () => void {
  const root = deck.getRevealElement() as HTMLElement;
  let detour: Detour | undefined;
  /** The detour just come back from with Back: Forward returns to it, even if its entry's state was lost. */
  let cameBackFrom: Detour | undefined;
  /** The question the button is going back to. */
  let returning: HTMLElement | undefined;
  let restate = 0;

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'kit-return';
  button.innerHTML = html`<span aria-hidden="true">←</span> ${t('quiz.backToQuestion')}`.toString();

  /** While the detour lasts the button sits on the teaching slide, right after its heading: the first stop of Tab. */
  const place = () => {
    if (!detour) return button.remove();
    const heading = detour.teaching.querySelector(':scope > h1, :scope > h2, :scope > h3');
    if (heading) heading.after(button);
    else detour.teaching.prepend(button);
  };

  /** The detour of the entry the learner is on, from its state (after Forward, or a reload). */
  const detourOfEntry = (teaching: HTMLElement | undefined, from = returnState()): Detour | undefined => {
    const question = from ? document.getElementById(from) : null;
    return question && teaching && teaching !== question ? { question, teaching } : undefined;
  };

  /**
   * Writes the detour into the current entry again, once reveal.js has written the address (its
   * `slide()` writes after the events it sends, hence the microtask): at once, for a write it made
   * at once, and after its delay, for a write it put off.
   */
  const keepState = () => {
    clearTimeout(restate);
    if (!detour) return;
    const id = detour.question.id;
    const write = () => {
      if (detour?.question.id !== id || returnState() === id) return;
      // The address of the slide shown, as reveal.js writes it. The scroll view does not write the
      // address as the learner scrolls, and a write reveal.js had pending from before (it has no
      // slide() there to cancel it) may have named another slide: there, the teaching slide's.
      const path = isScrollView(deck) ? deck.getSlidePath(detour.teaching) : deck.getSlidePath();
      history.replaceState({ [RETURN_STATE_KEY]: id }, '', path === '/' ? location.pathname + location.search : `#${path}`);
    };
    queueMicrotask(() => {
      if (detour?.question.id !== id) return;
      write();
      clearTimeout(restate);
      restate = window.setTimeout(write, REVEAL_WRITE_DELAY_MS);
    });
  };

  const show = ({ slide, f }: { slide: HTMLElement; f?: number }) => {
    const { h, v } = deck.getIndices(slide);
    deck.slide(h, v, f);
  };

  const viewport = () => deck.getViewportElement() as HTMLElement | null;
  /** Where a slide's heading is now, from the top of the scroll view's viewport. */
  const headingTop = (slide: HTMLElement) => headingOf(slide).getBoundingClientRect().top - (viewport()?.getBoundingClientRect().top ?? 0);

  let aligning = 0;
  /**
   * In the scroll view, brings a slide's heading to `top` px below the top of the screen. reveal.js
   * scrolls to where its own model of equal-height pages puts the slide, but our phone pages flow at
   * their own height (see kit.css), so it lands far from the slide: the heading is aligned again on
   * each frame until it stays put, as fonts, maths and feedback finish their layout.
   */
  const align = (slide: HTMLElement, top = SCROLL_MARGIN_PX) => {
    cancelAnimationFrame(aligning);
    if (!isScrollView(deck)) return;
    let frames = 0;
    let last = Number.NaN;
    const step = () => {
      const scroller = viewport();
      if (!scroller || !slide.isConnected) return;
      scroller.scrollTop += headingTop(slide) - top;
      const now = headingTop(slide);
      if ((Math.abs(now - last) < 1 && Math.abs(now - top) < 2) || ++frames > SETTLE_FRAMES) return;
      last = now;
      aligning = requestAnimationFrame(step);
    };
    aligning = requestAnimationFrame(step);
  };

  const onClick = (event: MouseEvent) => {
    const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>(LINK);
    if (!link || event.defaultPrevented) return;
    const question = slideOf(link);
    const target = slideAt(link.hash);
    if (!question || !target) return;
    // reveal.js would follow the link itself, replacing the address of the question's entry.
    event.preventDefault();
    event.stopPropagation();
    // The question's own address now, not when reveal.js's debounced write would come.
    history.replaceState(null, '', `#${deck.getSlidePath(question)}`);
    history.pushState({ [RETURN_STATE_KEY]: question.id }, '', link.hash);
    detour = { question, teaching: target.slide, link, headingTop: isScrollView(deck) ? headingTop(question) : undefined };
    cameBackFrom = undefined;
    place();
    // reveal.js shows it in this same task, and cancels any write of an older address still pending.
    show(target);
    align(target.slide);
    keepState();
  };

  const onPopState = () => {
    clearTimeout(restate);
    const leaving = detour;
    const wanted = returning;
    // Nothing of the entry left behind may be written into this one.
    detour = returning = undefined;
    // No slide named is the first slide, as reveal.js reads it; an address it reads otherwise (`#/3/1`) is left to it.
    const named = slideAt(location.hash) ?? (/^#?\/?$/.test(location.hash) ? { slide: deck.getSlides()[0] as HTMLElement } : undefined);
    // At once: before any write reveal.js still has pending can land on this entry (see above).
    if (named) show(named);
    // The button goes back to the question: should the entry before show another slide by now, the question it is.
    if (wanted && named?.slide !== wanted) show({ slide: wanted });
    const landed = wanted ?? named?.slide;
    const forward = cameBackFrom && landed === cameBackFrom.teaching ? { question: cameBackFrom.question, teaching: landed, headingTop: cameBackFrom.headingTop } : undefined;
    const ofEntry = detourOfEntry(landed);
    // The detour remembered (with where the question was on screen) when it is the entry's own.
    detour = ofEntry && forward && ofEntry.question === forward.question ? forward : (ofEntry ?? forward);
    cameBackFrom = leaving && landed === leaving.question ? leaving : undefined;
    place();
    // The scroll view shows the question where the learner left it (its feedback below the
    // heading), and a teaching slide gone forward to with its heading at the top.
    if (landed) {
      const top = cameBackFrom?.headingTop;
      align(landed, top === undefined ? SCROLL_MARGIN_PX : Math.min(Math.max(top, SCROLL_MARGIN_PX), (viewport()?.clientHeight ?? 0) / 2));
    }
    keepState();
    // Back from the detour: focus returns to the link that was followed.
    if (cameBackFrom?.link?.isConnected) cameBackFrom.link.focus({ preventScroll: true });
  };

  button.addEventListener('click', () => {
    if (!detour) return;
    // This entry was pushed from the question's, the entry before it: going back keeps Back and Forward true.
    returning = detour.question;
    history.back();
  });

  /**
   * A reload on the detour's entry keeps the button. reveal.js's first write, as it starts, drops
   * the state: it is read now (plugins start before reveal.js reads the address) and written again.
   */
  const fromAtLoad = atLoad ?? returnState();
  const onReady = () => {
    detour = detourOfEntry(slideAt(location.hash)?.slide, fromAtLoad);
    place();
    keepState();
  };
  if (deck.isReady()) onReady();
  else deck.on('ready', onReady);

  root.addEventListener('click', onClick, { capture: true });
  window.addEventListener('popstate', onPopState);
  const events = ['slidechanged', 'fragmentshown', 'fragmenthidden'] as const;
  for (const type of events) deck.on(type, keepState);
  return () => {
    clearTimeout(restate);
    cancelAnimationFrame(aligning);
    root.removeEventListener('click', onClick, { capture: true });
    window.removeEventListener('popstate', onPopState);
    deck.off('ready', onReady);
    for (const type of events) deck.off(type, keepState);
    button.remove();
  };
}
