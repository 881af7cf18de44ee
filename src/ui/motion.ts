import type { RevealApi } from 'reveal.js';

const QUERY = '(prefers-reduced-motion: reduce)';

/**
 * Follows the learner's `prefers-reduced-motion`: while it is set, no transition runs, even
 * one asked for in the URL; the deck follows a change of the setting without a reload.
 */
export function createMotionPreference(media: MediaQueryList = matchMedia(QUERY)) {
  let deck: RevealApi | undefined;
  let wanted: { transition?: string; backgroundTransition?: string } = {};
  const apply = () => {
    if (!deck) return;
    deck.configure(media.matches ? { transition: 'none', backgroundTransition: 'none' } : (wanted as object));
  };
  return {
    get reduced() {
      return media.matches;
    },
    /** Call once the deck is initialised, so the transition asked for is known. */
    bind(revealDeck: RevealApi) {
      deck = revealDeck;
      const { transition, backgroundTransition } = revealDeck.getConfig();
      wanted = { transition, backgroundTransition };
      media.addEventListener('change', apply);
      apply();
    },
    destroy() {
      media.removeEventListener('change', apply);
    },
  };
}
