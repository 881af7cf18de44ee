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

/**
 * Chooses the slide size for the screen, and changes it when the screen crosses the phone
 * width (a phone turned, a window resized).
 */
export function createLayout(media: MediaQueryList = matchMedia(`(max-width: ${PHONE_WIDTH}px)`)) {
  const sizeFor = (phone: boolean) => (phone ? PHONE : ROOM);
  const mark = (phone: boolean) => document.documentElement.classList.toggle('kit-phone', phone);
  mark(media.matches);
  let deck: RevealApi | undefined;
  const apply = () => {
    mark(media.matches);
    deck?.configure(sizeFor(media.matches));
  };
  return {
    size: sizeFor(media.matches),
    bind(revealDeck: RevealApi) {
      deck = revealDeck;
      media.addEventListener('change', apply);
    },
    destroy() {
      media.removeEventListener('change', apply);
    },
  };
}
