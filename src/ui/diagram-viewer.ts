import type { Translate } from '../i18n/strings.ts';

/**
 * Any diagram opens full screen, as a reveal.js plugin: each figure gets an "Enlarge" button
 * (a small corner button on a slide, "Tap to enlarge" on a phone, where a diagram fitted to the
 * column may have labels under 14 px), and a click or tap on the drawing does the same. Only
 * these listeners load with the deck; the dialog and its zoom (`diagram-dialog.ts`) are fetched
 * on the first tap, so the first slide carries none of it. No key is listened for here: while
 * no dialog is open, every key stays reveal.js's.
 */
export function createDiagramViewerPlugin(t: Translate) {
  const open = (figure: Element, opener: HTMLElement) => void import('./diagram-dialog.ts').then((m) => m.openDiagram(figure, opener, t));
  return {
    id: 'kit-diagram-viewer',
    init() {
      for (const figure of document.querySelectorAll('.reveal figure.diagram')) {
        const button = enlargeButton(figure, t);
        button.addEventListener('click', () => open(figure, button));
        // The drawing itself is a tap target too; a modified click is reveal.js's zoom.
        figure.addEventListener('click', (event) => {
          const e = event as MouseEvent;
          if ((e.target as Element).closest('svg')?.parentElement === figure && !(e.altKey || e.ctrlKey || e.metaKey || e.shiftKey)) open(figure, button);
        });
      }
    },
  };
}

/**
 * The button: a corner icon on a slide, named "Enlarge diagram" and described by the diagram's
 * title; on a phone it reads "Tap to enlarge". Only one of its two labels is displayed (CSS), so
 * its name is always the words it shows.
 */
function enlargeButton(figure: Element, t: Translate): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'diagram-enlarge';
  const title = figure.querySelector('svg')?.getAttribute('aria-labelledby');
  if (title) button.setAttribute('aria-describedby', title);
  button.innerHTML = '<span class="diagram-enlarge-icon" aria-hidden="true"></span><span class="diagram-enlarge-tap"></span><span class="diagram-enlarge-name"></span>';
  button.children[1]!.textContent = t('diagram.tapToEnlarge');
  button.children[2]!.textContent = t('diagram.enlarge');
  // After the drawing, before its key and text version: the order of reading and of Tab.
  const last = [...figure.querySelectorAll(':scope > svg')].at(-1);
  if (last) last.after(button);
  else figure.prepend(button);
  return button;
}
