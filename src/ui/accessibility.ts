import type { RevealApi } from 'reveal.js';
import type { Translate } from '../i18n/strings.ts';

type Deck = RevealApi & {
  isScrollView?(): boolean;
  isPrintView?(): boolean;
  isOverview?(): boolean;
  isOverlayOpen?(): boolean;
  closeOverlay?(): void;
};

/** The plugin's id: others reach it with `deck.getPlugin(ACCESSIBILITY_ID)` to announce something. */
export const ACCESSIBILITY_ID = 'kit-accessibility';
/** What other plugins may ask of this one. */
export interface Announcer {
  /** Says a short text in the deck's polite status line. */
  announce(text: string): void;
}
/** The class on `<html>` while the learner moves with Tab: headings focused on navigation show their ring. */
export const KEYBOARD_CLASS = 'kit-keyboard';

/** Keys that activate a button or a disclosure: they belong to it, not to slide navigation. */
const ACTIVATION_KEYS = new Set([' ', 'Spacebar', 'Enter']);
const ACTIVATES = 'button, summary, [role="button"], select';
const EDITABLE = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';

/**
 * Makes the deck work with a keyboard, a screen reader and a magnifier:
 *
 * - the deck is a `main` landmark with a name instead of reveal.js's `role="application"`
 *   (which hides the page from a screen reader's browse mode); each slide is a group with
 *   the role description "slide", named by its heading;
 * - after each slide change (slide view) focus moves to the new slide's heading, unless the
 *   learner is typing in a field outside the slides or is using a deck control; a short live
 *   message says where they are ("Slide 5 of 71") instead of reveal.js reading the whole slide;
 * - reveal.js's own controls, slide number, search and jump-to-slide boxes get names from
 *   `assets/i18n`; Space and Enter on a button or a disclosure act on it, not on the deck;
 * - in the scroll view every slide is on the page, yet reveal.js still marks slides other than
 *   the current one `aria-hidden`: undo it; diagrams that scroll sideways on a phone can be
 *   reached and scrolled with the keyboard.
 *
 * reveal.js itself makes off-screen slides `inert` in the slide view (not in the scroll view,
 * the overview or print), so Tab never reaches them.
 */
function createAccessibility(deck: Deck, t: Translate) {
  const root = document.documentElement;
  const wrapper = deck.getRevealElement() as HTMLElement | null;
  const slides = deck.getSlidesElement();
  const cleanups: (() => void)[] = [];
  const listen = <K extends keyof DocumentEventMap>(target: Document | HTMLElement | Window, type: K, handler: (event: DocumentEventMap[K]) => void, options?: AddEventListenerOptions) => {
    target.addEventListener(type, handler as EventListener, options);
    cleanups.push(() => target.removeEventListener(type, handler as EventListener, options));
  };
  const scrollView = () => !!deck.isScrollView?.();
  const slideView = () => !scrollView() && !deck.isPrintView?.() && !deck.isOverview?.();

  /** Our own polite status line: reveal.js's reads out the whole slide at every change. */
  const status = document.createElement('div');
  status.className = 'kit-status visually-hidden';
  status.setAttribute('role', 'status');

  // ----- Structure and names -----
  /** A slide, not a vertical stack (the scroll view empties stacks but leaves them in the page). */
  const isSlide = (section: Element) => !section.matches('.stack, .quiz-stack') && !section.querySelector(':scope > section') && section.childElementCount > 0;
  const headingOf = (slide: Element): HTMLElement | null => {
    const id = slide.getAttribute('aria-labelledby');
    return (id ? document.getElementById(id) : null) ?? slide.querySelector<HTMLElement>('h1, h2, h3');
  };
  const titleOf = (slide: Element) => (headingOf(slide)?.textContent ?? '').replace(/\s+/g, ' ').trim();

  const labelSlides = () => {
    slides?.querySelectorAll('section').forEach((section) => {
      if (!isSlide(section)) return;
      section.setAttribute('role', 'group');
      section.setAttribute('aria-roledescription', t('deck.slide'));
      const heading = headingOf(section);
      if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      if (heading && !section.hasAttribute('aria-labelledby') && heading.id) section.setAttribute('aria-labelledby', heading.id);
    });
  };

  const labelChrome = () => {
    if (!wrapper) return;
    wrapper.removeAttribute('role');
    wrapper.setAttribute('role', 'main');
    wrapper.setAttribute('aria-label', t('deck.label'));
    const controls = wrapper.querySelector<HTMLElement>(':scope > .controls');
    if (controls) {
      // An `aside` may not be a navigation landmark; a named region it may be.
      controls.setAttribute('role', 'region');
      controls.setAttribute('aria-label', t('deck.controls'));
      const names = { left: 'deck.previous', right: 'deck.next', up: 'deck.up', down: 'deck.down' } as const;
      for (const [direction, key] of Object.entries(names)) {
        controls.querySelector(`.navigate-${direction}`)?.setAttribute('aria-label', t(key));
      }
    }
    // The bar repeats what the slide number says in words.
    wrapper.querySelector(':scope > .progress')?.setAttribute('aria-hidden', 'true');
    const revealStatus = wrapper.querySelector(':scope > .aria-status');
    revealStatus?.setAttribute('aria-live', 'off');
    revealStatus?.setAttribute('aria-hidden', 'true');
    const resume = wrapper.querySelector<HTMLElement>('.pause-overlay .resume-button');
    if (resume) resume.textContent = t('deck.resume');
    if (!status.isConnected) wrapper.append(status);
    labelAddedBoxes();
    labelSlideNumber();
  };

  /** The search and jump-to-slide boxes appear when first opened: name them then. */
  const labelAddedBoxes = () => {
    const search = wrapper?.querySelector<HTMLInputElement>('.searchbox .searchinput');
    if (search && !search.hasAttribute('aria-label')) {
      search.setAttribute('aria-label', t('deck.search'));
      search.placeholder = t('deck.searchPlaceholder');
      observer.observe(search.closest('.searchbox')!, { attributes: true, attributeFilter: ['style'] });
    }
    const jump = wrapper?.querySelector<HTMLInputElement>('.jump-to-slide-input');
    if (jump && !jump.hasAttribute('aria-label')) {
      jump.setAttribute('aria-label', t('deck.jumpToSlide'));
      jump.placeholder = t('deck.jumpToSlide');
      // reveal.js jumps while the learner types (after a pause), so the slide may change while the
      // box has focus, and Enter then only removes the box: give focus to the slide shown then.
      jump.addEventListener('keydown', (event) => {
        if (event.key !== 'Enter' && event.key !== 'Escape') return;
        requestAnimationFrame(() => {
          const current = deck.getCurrentSlide();
          if (current && slideView() && focusIsLost(current)) focusHeading(current);
        });
      });
    }
  };

  const position = () => {
    const current = deck.getCurrentSlide();
    const all = deck.getSlides();
    return { n: current ? all.indexOf(current as HTMLElement) + 1 : 0, total: all.length };
  };

  /** reveal.js writes the number as a bare link ("11 / 128"): say what it is, keeping the words seen (WCAG 2.5.3). */
  const labelSlideNumber = () => {
    const link = wrapper?.querySelector<HTMLAnchorElement>(':scope > .slide-number a');
    if (!link) return;
    const label = t('deck.slideNumberLink', position());
    if (link.getAttribute('aria-label') !== label) link.setAttribute('aria-label', label);
    if (link.getAttribute('aria-current') !== 'page') link.setAttribute('aria-current', 'page');
  };

  // ----- Scroll view -----
  const unhide = () => {
    if (!scrollView()) return;
    slides?.querySelectorAll('section[aria-hidden]').forEach((s) => s.removeAttribute('aria-hidden'));
  };

  /** A diagram wider than the phone scrolls sideways: make the scroller reachable by Tab. */
  const markScrollers = () => {
    slides?.querySelectorAll<HTMLElement>('figure.diagram').forEach((figure) => {
      const scrolls = figure.scrollWidth > figure.clientWidth + 1 && getComputedStyle(figure).overflowX !== 'visible';
      if (scrolls) {
        figure.tabIndex = 0;
        const title = figure.querySelector('svg title');
        if (title?.id) figure.setAttribute('aria-labelledby', title.id);
      } else if (figure.hasAttribute('tabindex')) {
        figure.removeAttribute('tabindex');
        figure.removeAttribute('aria-labelledby');
      }
    });
  };

  // ----- Focus and announcements -----
  const announce = (text: string) => {
    status.textContent = text;
  };

  /** Focus that is gone (the page), or left behind on a slide no longer shown. */
  const focusIsLost = (current: Element) => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body || active === root) return true;
    if (current.contains(active)) return false;
    if (active.closest('[inert], [hidden], [aria-hidden="true"]')) return true;
    // A control outside the slides (an arrow button, the search box) keeps its focus.
    return !!slides?.contains(active) || active.getClientRects().length === 0;
  };

  const focusHeading = (slide: Element) => {
    const heading = headingOf(slide);
    if (!heading) return false;
    heading.focus({ preventScroll: true });
    return document.activeElement === heading;
  };

  let pending = 0;
  const onSlideChanged = () => {
    labelSlideNumber();
    unhide();
    if (!slideView()) return;
    cancelAnimationFrame(pending);
    // After reveal.js has finished the change (numbers, inert, controls), and after any focus
    // the change itself brought (a search box, a link that was followed).
    pending = requestAnimationFrame(() => {
      const current = deck.getCurrentSlide();
      if (!current || !slideView()) return;
      const moved = focusIsLost(current) && focusHeading(current);
      const { n, total } = position();
      announce(moved ? t('deck.slideNumber', { n, total }) : t('deck.status', { n, total, title: titleOf(current) }));
      labelSlideNumber();
    });
  };

  const onOverviewHidden = () => {
    const current = deck.getCurrentSlide();
    requestAnimationFrame(() => {
      if (current && slideView() && focusIsLost(current)) focusHeading(current);
    });
  };

  // ----- Keys -----
  const wrapKeyboardCondition = () => {
    const previous = deck.getConfig().keyboardCondition;
    deck.configure({
      keyboardCondition: (event: KeyboardEvent) => {
        const target = event.target as Element | null;
        // Space on a focused button or a summary presses it; it does not also change the slide.
        if (ACTIVATION_KEYS.has(event.key) && target?.closest?.(ACTIVATES)) return false;
        if (target?.closest?.(EDITABLE)) return false;
        return typeof previous === 'function' ? previous(event) !== false : true;
      },
    } as object);
  };

  /**
   * A search box that closes while it has focus would keep it, hidden, until the browser's next
   * focus fix-up: keys pressed meanwhile (G for jump-to-slide) would be typed into nothing.
   * Give focus back to the slide at once.
   */
  const onBoxHidden = (box: Element) => {
    if (!box.contains(document.activeElement) || getComputedStyle(box).display !== 'none') return;
    const current = deck.getCurrentSlide();
    if (current) focusHeading(current);
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes' && record.attributeName === 'aria-hidden') unhide();
      if (record.type === 'attributes' && record.attributeName === 'style') onBoxHidden(record.target as Element);
      if (record.type === 'childList') {
        labelAddedBoxes();
        labelSlideNumber();
      }
    }
  });

  return {
    announce,
    /** Once reveal.js has built its controls, slide number and status line. */
    bind() {
      if (!wrapper || !slides) return;
      labelSlides();
      labelChrome();
      // Print and PDF: reveal.js's controls are not there and nothing is focused.
      deck.configure({ controlsBackArrows: 'visible' } as object);
      wrapKeyboardCondition();
      observer.observe(slides, { subtree: true, attributes: true, attributeFilter: ['aria-hidden'] });
      observer.observe(wrapper, { childList: true });
      const number = wrapper.querySelector(':scope > .slide-number');
      if (number) observer.observe(number, { childList: true, subtree: true });
      deck.on('slidechanged', onSlideChanged);
      deck.on('overviewhidden', onOverviewHidden);
      for (const event of ['ready', 'resize', 'scrollviewactivated', 'scrollviewdeactivated'] as const) {
        deck.on(event, () => {
          unhide();
          markScrollers();
          labelSlideNumber();
        });
      }
      // Esc in the search box closes it (reveal.js's search plugin leaves it open, and Esc would
      // open the overview behind it); focus then goes back to the slide (onBoxHidden).
      listen(document, 'keydown', (event) => {
        const box = (event.target as Element | null)?.closest?.('.searchbox');
        if (event.key !== 'Escape' || !box) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        (deck.getPlugin('search') as { close?: () => void } | undefined)?.close?.();
      }, { capture: true });
      // Tab shows the learner is moving by keyboard: from then on a focused heading shows its ring.
      listen(document, 'keydown', (event) => {
        if (event.key === 'Tab') root.classList.add(KEYBOARD_CLASS);
      }, { capture: true });
      listen(document, 'pointerdown', () => root.classList.remove(KEYBOARD_CLASS), { capture: true });
      void document.fonts?.ready.then(markScrollers);
      unhide();
      markScrollers();
      labelSlideNumber();
    },
    destroy() {
      observer.disconnect();
      cancelAnimationFrame(pending);
      deck.off('slidechanged', onSlideChanged);
      deck.off('overviewhidden', onOverviewHidden);
      cleanups.splice(0).forEach((cleanup) => cleanup());
      status.remove();
    },
  };
}

/**
 * The accessibility of the deck (see `createAccessibility`) as a reveal.js plugin: created with the
 * deck, bound once reveal.js has built its controls, undone by `destroy`.
 */
export function createAccessibilityPlugin(t: Translate): Announcer & { id: string; init(deck: RevealApi): void; destroy(): void } {
  let deck: Deck | undefined;
  let bound: ReturnType<typeof createAccessibility> | undefined;
  const onReady = () => bound?.bind();
  return {
    id: ACCESSIBILITY_ID,
    init(revealDeck: RevealApi) {
      deck = revealDeck as Deck;
      bound = createAccessibility(deck, t);
      // Before reveal.js is ready its controls and slide number do not exist yet.
      if (deck.isReady()) bound.bind();
      else deck.on('ready', onReady);
    },
    announce(text: string) {
      bound?.announce(text);
    },
    destroy() {
      deck?.off('ready', onReady);
      bound?.destroy();
      bound = undefined;
    },
  };
}
