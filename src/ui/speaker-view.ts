/**
 * The speaker view (S) is a window reveal.js's notes plugin writes from scratch: it has none of
 * the deck's styles, so a formula in the notes would show twice, once as KaTeX's HTML (unstyled)
 * and once as its MathML. This plugin gives that window one rule: the browser draws the MathML
 * (every current browser can) and KaTeX's HTML copy stays hidden.
 */
const NOTES_WINDOW = 'reveal.js - Notes';
const SPEAKER_CSS = '.katex-html { display: none !important; } math { font-size: 1.1em; }';

export function createSpeakerViewPlugin(win: Window = window) {
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
