/**
 * Where focus goes in a question: after Check or Show answer the button pressed is hidden and the
 * controls are locked, so focus would fall back to the page; arrow keys move between checkboxes
 * as they do between radio buttons; Try again returns to the first control.
 */
import { ACTION, DATA } from '../shared/contract.ts';
import { cls, hook } from './hooks.ts';

/** Whether focus is inside the form now (asked before a change that may take it away). */
export const hasFocus = (form: HTMLFormElement): boolean => form.contains(document.activeElement);

/**
 * Moves focus to what comes next (Try again, Show answer), or else to the verdict, which the live
 * region also announces; only when the form had focus, and only when focus is lost.
 */
export function keepFocus(form: HTMLFormElement, hadFocus: boolean): void {
  const active = document.activeElement as HTMLElement | null;
  if (!hadFocus || (active && form.contains(active) && !active.hidden && !(active as HTMLButtonElement).disabled && active.getClientRects().length > 0)) return;
  const next = [...form.querySelectorAll<HTMLButtonElement>(`${cls('quizActions')} :is(${hook(DATA.action, ACTION.retry)}, ${hook(DATA.action, ACTION.show)})`)].find((b) => !b.hidden);
  const verdict = form.querySelector<HTMLElement>(`${cls('quizFeedback')} ${cls('quizVerdict')}`);
  if (verdict) verdict.tabIndex = -1;
  // The slide view must not scroll under its slides; the scroll view may bring the verdict into view.
  (next ?? verdict)?.focus({ preventScroll: !document.querySelector('.reveal-viewport.reveal-scroll') });
}

/** Focus on the first answer control (after Try again). */
export function focusFirstControl(form: HTMLFormElement): void {
  form.querySelector<HTMLElement>('fieldset input, fieldset select, fieldset button')?.focus();
}

/** Arrow keys, Home and End move between the checkboxes of a question, as they do between radios. */
export function bindArrowKeys(form: HTMLFormElement): () => void {
  const onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (!target.matches('input[type=checkbox]')) return;
    const boxes = [...form.querySelectorAll<HTMLInputElement>('input[type=checkbox]:not(:disabled)')];
    const at = boxes.indexOf(target as HTMLInputElement);
    const next = ({ ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: boxes.length - 1 } as Record<string, number>)[event.key];
    if (next === undefined) return;
    event.preventDefault();
    boxes[(next + boxes.length) % boxes.length]?.focus();
  };
  form.addEventListener('keydown', onKey);
  return () => form.removeEventListener('keydown', onKey);
}
