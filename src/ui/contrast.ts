import type { RevealApi } from 'reveal.js';
import type { Translate } from '../i18n/strings.ts';
import { ACCESSIBILITY_ID, type Announcer } from './accessibility.ts';

type Deck = RevealApi & { isOverlayOpen?(): boolean; closeOverlay?(): void };

/** The class on `<html>` that switches the high-contrast theme on (CSS in kit.css). */
export const HIGH_CONTRAST_CLASS = 'kit-contrast-high';
const CONTRAST_QUERY = '(prefers-contrast: more), (forced-colors: active)';
/** The C key. */
const KEY_C = 67;

/** `?contrast=high` asks for high contrast, `?contrast=normal` refuses it even when the system asks. */
export function contrastFromQuery(search: string): 'high' | 'normal' | undefined {
  const value = new URLSearchParams(search).get('contrast');
  return value === 'high' || value === 'normal' ? value : undefined;
}

/**
 * The high-contrast theme as a reveal.js plugin: it follows `?contrast=`, `prefers-contrast: more`
 * and forced colours; the C key switches it, the choice is kept in the address (so a reload or a
 * bookmark keeps it) and said in the deck's status line.
 */
export function createContrastPlugin(t: Translate, media: MediaQueryList = matchMedia(CONTRAST_QUERY)) {
  const root = document.documentElement;
  let deck: Deck | undefined;
  let asked = contrastFromQuery(location.search);

  const apply = () => {
    const high = asked === 'high' || (asked !== 'normal' && media.matches);
    root.classList.toggle(HIGH_CONTRAST_CLASS, high);
    return high;
  };
  const toggle = () => {
    asked = root.classList.contains(HIGH_CONTRAST_CLASS) ? 'normal' : 'high';
    const high = apply();
    const url = new URL(location.href);
    url.searchParams.set('contrast', asked);
    history.replaceState(history.state, '', url);
    (deck?.getPlugin(ACCESSIBILITY_ID) as Partial<Announcer> | undefined)?.announce?.(t(high ? 'deck.contrastOn' : 'deck.contrastOff'));
  };
  const onKey = () => {
    if (deck?.isOverlayOpen?.()) deck.closeOverlay?.();
    else toggle();
  };

  return {
    id: 'kit-contrast',
    /** Whether the high-contrast theme is on. */
    get highContrast() {
      return root.classList.contains(HIGH_CONTRAST_CLASS);
    },
    toggle,
    init(revealDeck: RevealApi) {
      deck = revealDeck as Deck;
      apply();
      media.addEventListener('change', apply);
      deck.addKeyBinding({ keyCode: KEY_C, key: 'C', description: t('deck.contrastKey') }, onKey);
    },
    destroy() {
      media.removeEventListener('change', apply);
      deck?.removeKeyBinding(KEY_C);
    },
  };
}
