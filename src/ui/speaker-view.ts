/**
 * The speaker view (S) is a window reveal.js's notes plugin writes from scratch: it has none of
 * the deck's styles, so a formula in the notes would show twice, once as KaTeX's HTML (unstyled)
 * and once as its MathML. This plugin gives that window one rule: the browser draws the MathML
 * (every current browser can) and KaTeX's HTML copy stays hidden; and it puts the window's
 * labels (Upcoming, Time, Notes…) in the deck's language.
 */
import type { StringKey, Translate } from '../i18n/strings.ts';

const NOTES_WINDOW = 'reveal.js - Notes';
const SPEAKER_CSS = '.katex-html { display: none !important; } math { font-size: 1.1em; }';

/** The speaker view's own labels, in the deck's language. */
function translateSpeakerView(doc: Document, t: Translate, lang: string): void {
  doc.documentElement.lang = lang;
  const say = (selector: string, key: StringKey) => {
    const element = doc.querySelector(selector);
    // The label's own words only: the reset button sits inside the time label.
    const text = element && [...element.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
    if (text) text.textContent = `${t(key)} `;
  };
  say('#upcoming-slide .label', 'speaker.upcoming');
  say('.speaker-controls-time > h4.label:not(.pacing-title)', 'speaker.time');
  say('.speaker-controls-time .reset-button', 'speaker.reset');
  say('.speaker-controls-notes h4.label', 'speaker.notes');
  say('.pacing-title', 'speaker.pacing');
  say('#connection-status', 'speaker.loading');
}

export function createSpeakerViewPlugin(win: Window = window, t?: Translate) {
  const open = win.open;
  return {
    id: 'kit-speaker-view',
    init() {
      win.open = function (this: Window, ...args: Parameters<Window['open']>) {
        const popup = open.apply(this, args);
        // The plugin writes the window's document right after opening it: style it once that is done.
        if (popup && args[1] === NOTES_WINDOW) {
          setTimeout(() => {
            const style = popup.document.createElement('style');
            style.textContent = SPEAKER_CSS;
            popup.document.head?.append(style);
            if (t) translateSpeakerView(popup.document, t, win.document.documentElement.lang);
          }, 0);
        }
        return popup;
      } as Window['open'];
    },
    destroy() {
      win.open = open;
    },
  };
}
