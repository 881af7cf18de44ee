import type { RevealApi } from 'reveal.js';

const QUERY = '(prefers-reduced-motion: reduce)';

/**
 * Follows the learner's `prefers-reduced-motion`, as a reveal.js plugin: while it is set, no
 * transition runs, even one asked for in the URL; the deck follows a change of the setting
 * without a reload.
 */
export function createMotionPlugin(media: MediaQueryList = matchMedia(QUERY)) {
  let deck: RevealApi | undefined;
  let wanted: { transition?: string; backgroundTransition?: string } = {};
  const apply = () => deck?.configure(media.matches ? { transition: 'none', backgroundTransition: 'none' } : (wanted as object));
  return {
    id: 'kit-motion',
    get reduced() {
      return media.matches;
    },
    init(revealDeck: RevealApi) {
      deck = revealDeck;
      // The configuration is complete at init (the address's `?transition=` included): keep what was asked for.
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
