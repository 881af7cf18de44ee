import type { RevealApi } from 'reveal.js';

/** At or below this width the deck is read as a scroll view (a phone in portrait). */
export const PHONE_WIDTH = 600;

/** The slide size a projector or laptop gets: 16:9, type sized for the back of a room. */
const ROOM = { width: 1280, height: 720, scrollSnap: 'mandatory' as const };
/**
 * The slide size a phone gets: half as wide, so the same slide reflows into a narrow column
 * and its text is shown at a readable size instead of being shrunk to a third.
 */
const PHONE = { width: 640, height: 900, scrollSnap: false as const };
const PHONE_CLASS = 'kit-phone';

/**
 * Chooses the slide size for the screen, as a reveal.js plugin, and changes it when the screen
 * crosses the phone width (a phone turned, a window resized).
 */
export function createLayoutPlugin(media: MediaQueryList = matchMedia(`(max-width: ${PHONE_WIDTH}px)`)) {
  let deck: RevealApi | undefined;
  const apply = () => {
    document.documentElement.classList.toggle(PHONE_CLASS, media.matches);
    // Before reveal.js is ready this only sets the size it starts with.
    deck?.configure(media.matches ? PHONE : ROOM);
  };
  return {
    id: 'kit-layout',
    init(revealDeck: RevealApi) {
      deck = revealDeck;
      apply();
      media.addEventListener('change', apply);
    },
    destroy() {
      media.removeEventListener('change', apply);
      document.documentElement.classList.remove(PHONE_CLASS);
    },
  };
}
