/**
 * "Review the slide" from a question is a step a learner wants to undo: following it adds a
 * history entry (reveal.js itself only replaces the address, so Back would leave the deck), and
 * the teaching slide offers a button back to the question until the learner moves on.
 */
import type { RevealApi } from 'reveal.js';
import type { Translate } from '../i18n/strings.ts';
import { html } from '../shared/html.ts';

const LINK = '.quiz-link a[href^="#/"]';

export function createSlideReturn(deck: RevealApi, t: Translate): () => void {
  const root = deck.getRevealElement() as HTMLElement;
  let target: Element | undefined;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'kit-return';
  button.hidden = true;
  button.innerHTML = html`<span aria-hidden="true">←</span> ${t('quiz.backToQuestion')}`.toString();
  button.addEventListener('click', () => history.back());
  root.append(button);

  const hide = () => {
    button.hidden = true;
    target = undefined;
  };

  const onClick = (event: Event) => {
    const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>(LINK);
    if (!link) return;
    const slide = document.getElementById(decodeURIComponent(link.hash.slice(2)));
    if (!slide) return;
    event.preventDefault();
    event.stopPropagation();
    history.pushState(history.state, '', link.hash);
    target = slide;
    const { h, v } = deck.getIndices(slide);
    deck.slide(h, v);
    button.hidden = false;
  };

  const onSlideChanged = () => {
    if (target && deck.getCurrentSlide() !== target) hide();
  };

  root.addEventListener('click', onClick, { capture: true });
  deck.on('slidechanged', onSlideChanged);
  return () => {
    root.removeEventListener('click', onClick, { capture: true });
    deck.off('slidechanged', onSlideChanged);
    button.remove();
  };
}
