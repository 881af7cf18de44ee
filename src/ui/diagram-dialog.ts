/**
 * A diagram full screen: a modal `<dialog>` named by the diagram's title, its drawing zoomable
 * (pinch, Ctrl+wheel, the + / − buttons and keys) and movable (drag, scroll, arrow keys), with
 * the text version beside it (below it on a phone). Loaded by `diagram-viewer.ts` on the first
 * tap. Nothing moves by animation, so `prefers-reduced-motion` has nothing to turn off.
 */
import type { Translate } from '../i18n/strings.ts';

/** The label size the drawings are made with (the theme's `fontSize`): their scale × 24 is the label's size on screen. */
const LABEL_PX = 24;
/** Labels open at least this tall (CSS px), above the 14 px floor a phone's reader needs. */
const OPEN_LABEL_PX = 16;
const MIN_SCALE = 0.25;
const MAX_SCALE = 4;
const STEP = 1.25;

/** Opens `figure`'s diagram in a dialog; focus goes back to `opener` when it closes. */
export function openDiagram(figure: Element, opener: HTMLElement, t: Translate): void {
  const shown = [...figure.querySelectorAll<SVGSVGElement>(':scope > svg')].find((svg) => svg.getClientRects().length > 0) ?? figure.querySelector('svg');
  if (!shown) return;
  // A narrow drawing is named by the wide one's title (the page holds the words once).
  const words = (name: string) => document.getElementById(shown.getAttribute(name) ?? '')?.textContent ?? '';
  const title = words('aria-labelledby');
  const dialog = document.createElement('dialog');
  dialog.className = 'diagram-dialog';
  dialog.lang = document.documentElement.lang;
  dialog.innerHTML = `<div class="diagram-dialog-bar"><h2 id="kit-diagram-dialog-title"></h2><div class="diagram-dialog-zoom" role="group"><button type="button" name="out">−</button><output aria-live="polite"></output><button type="button" name="in">+</button><button type="button" name="fit"></button></div><button type="button" class="diagram-dialog-close"></button></div><div class="diagram-dialog-body"><div class="diagram-dialog-view" tabindex="0" role="group"></div><div class="diagram-dialog-text"></div></div>`;
  dialog.setAttribute('aria-labelledby', 'kit-diagram-dialog-title');
  const $ = <T extends Element>(selector: string) => dialog.querySelector<T>(selector)!;
  $('h2').textContent = title;
  $('.diagram-dialog-zoom').setAttribute('aria-label', t('diagram.zoomGroup'));
  $('.diagram-dialog-zoom [name="out"]').setAttribute('aria-label', t('diagram.zoomOut'));
  $('.diagram-dialog-zoom [name="in"]').setAttribute('aria-label', t('diagram.zoomIn'));
  $('.diagram-dialog-zoom [name="fit"]').textContent = t('diagram.zoomFit');
  $('.diagram-dialog-close').textContent = t('diagram.close');
  const view = $<HTMLElement>('.diagram-dialog-view');
  view.setAttribute('aria-label', t('diagram.zoomView', { title }));
  const svg = copyDrawing(shown);
  view.append(svg);
  $('.diagram-dialog-text').append(...textVersion(figure, words('aria-describedby')));

  const zoom = createZoom(view, svg, $<HTMLOutputElement>('output'));
  dialog.addEventListener('click', (event) => {
    const target = event.target as Element;
    const action = target.closest('.diagram-dialog-zoom button')?.getAttribute('name');
    if (action) zoom.to(action === 'fit' ? zoom.fit() : zoom.scale * (action === 'in' ? STEP : 1 / STEP));
    else if (target.closest('.diagram-dialog-close')) dialog.close();
  });
  dialog.addEventListener('keydown', (event) => {
    // Keys pressed in the dialog are the dialog's: reveal.js (listening on the document) never sees them.
    event.stopPropagation();
    if (event.target instanceof HTMLButtonElement && (event.key === 'Enter' || event.key === ' ')) return;
    const factor = event.key === '+' || event.key === '=' ? STEP : event.key === '-' || event.key === '−' ? 1 / STEP : undefined;
    if (factor) zoom.to(zoom.scale * factor);
    else if (event.key === '0') zoom.to(zoom.fit());
    else return;
    event.preventDefault();
  });
  dialog.addEventListener('keypress', (event) => event.stopPropagation());
  dialog.addEventListener('close', () => {
    dialog.remove();
    opener.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  zoom.to(zoom.fit());
  view.focus();
}

/**
 * The drawing again, with its ids made its own: every id of a drawing starts with the drawing's
 * id (`d-<key>`), so renaming that prefix keeps the copy's arrowheads and styles pointing at
 * the copy, and the page's ids unique.
 */
function copyDrawing(svg: SVGSVGElement): SVGSVGElement {
  const holder = document.createElement('div');
  holder.innerHTML = svg.outerHTML.replaceAll(svg.id, `${svg.id}-full`);
  const copy = holder.firstElementChild as SVGSVGElement;
  // A narrow drawing shares the wide one's style (`:is(#wide,#narrow) …`): the copy gets it under its own id.
  if (!copy.querySelector('style')) {
    const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
    style.textContent = (svg.parentElement?.querySelector(':scope > svg > style')?.textContent ?? '').replace(/:is\([^)]*\)/g, `#${copy.id}`);
    copy.prepend(style);
  }
  delete copy.dataset.layout;
  copy.style.maxWidth = 'none';
  copy.style.maxHeight = 'none';
  return copy;
}

/** The diagram's key and text version, open; for a diagram without one, its description. */
function textVersion(figure: Element, description: string): Node[] {
  const legend = figure.querySelector('.diagram-legend')?.cloneNode(true);
  const body = figure.querySelector('.diagram-text-body')?.cloneNode(true) as HTMLElement | undefined;
  if (body) return [legend, body].filter((n): n is Node => !!n);
  const p = document.createElement('p');
  p.textContent = description;
  return [p];
}

/**
 * The zoom of the copy in `view`: its size is set in CSS px (so `view` scrolls over it, and a
 * drag or the arrow keys move it), the centre stays in place as it changes, and the percentage
 * is said in `output`. Pinch on a touch screen (two pointers), drag with one; Ctrl+wheel (a
 * trackpad's pinch) zooms too.
 */
function createZoom(view: HTMLElement, svg: SVGSVGElement, output: HTMLOutputElement) {
  const box = svg.viewBox.baseVal;
  const width = box?.width || svg.getBoundingClientRect().width || 1;
  const height = box?.height || svg.getBoundingClientRect().height || 1;
  const state = {
    scale: 1,
    /** Fits the width of the view, but never with labels under OPEN_LABEL_PX: the rest is a drag away. */
    fit: () => Math.min(MAX_SCALE, Math.max(OPEN_LABEL_PX / LABEL_PX, Math.min(1, (view.clientWidth - 16) / width))),
    to(next: number) {
      const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, next));
      const cx = (view.scrollLeft + view.clientWidth / 2) / (width * state.scale);
      const cy = (view.scrollTop + view.clientHeight / 2) / (height * state.scale);
      state.scale = scale;
      svg.style.width = `${width * scale}px`;
      svg.style.height = `${height * scale}px`;
      svg.dataset.scale = String(scale);
      view.scrollLeft = cx * width * scale - view.clientWidth / 2;
      view.scrollTop = cy * height * scale - view.clientHeight / 2;
      output.value = `${Math.round(scale * 100)}%`;
    },
  };
  const pointers = new Map<number, { x: number; y: number }>();
  let pinch: { distance: number; scale: number } | undefined;
  const distance = () => {
    const [a, b] = [...pointers.values()];
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
  };
  view.addEventListener('pointerdown', (event) => {
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    view.setPointerCapture(event.pointerId);
    if (pointers.size === 2) pinch = { distance: distance(), scale: state.scale };
  });
  view.addEventListener('pointermove', (event) => {
    const last = pointers.get(event.pointerId);
    if (!last) return;
    const moved = { x: event.clientX, y: event.clientY };
    pointers.set(event.pointerId, moved);
    if (pinch && pointers.size === 2) state.to((pinch.scale * distance()) / (pinch.distance || 1));
    else if (pointers.size === 1) view.scrollBy(last.x - moved.x, last.y - moved.y);
  });
  const lift = (event: PointerEvent) => {
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = undefined;
  };
  view.addEventListener('pointerup', lift);
  view.addEventListener('pointercancel', lift);
  view.addEventListener(
    'wheel',
    (event) => {
      if (!event.ctrlKey) return;
      event.preventDefault();
      state.to(state.scale * Math.exp(-event.deltaY / 200));
    },
    { passive: false },
  );
  return state;
}
