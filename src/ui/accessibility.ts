import type { RevealApi } from 'reveal.js';

/**
 * Keeps the deck readable by assistive technology. In the scroll view every slide is on the
 * page, yet reveal.js still marks slides other than the current one `aria-hidden`, which hides
 * them (and their quizzes) from screen readers and from anything that goes by roles: undo it.
 */
export function createAccessibility(deck: RevealApi & { isScrollView?(): boolean }) {
  const slides = deck.getSlidesElement();
  const unhide = () => {
    if (!deck.isScrollView?.()) return;
    slides?.querySelectorAll('section[aria-hidden]').forEach((s) => s.removeAttribute('aria-hidden'));
  };
  const observer = new MutationObserver(unhide);
  return {
    bind() {
      if (!slides) return;
      observer.observe(slides, { subtree: true, attributes: true, attributeFilter: ['aria-hidden'] });
      for (const event of ['ready', 'resize', 'slidechanged'] as const) deck.on(event, unhide);
      unhide();
    },
    destroy() {
      observer.disconnect();
    },
  };
}
