/**
 * The form controls of a question: what the learner has entered (read as a response of the
 * engine), a response put back into them (a reload), the learner's seeded order,
 * and which of Check / Try again / Show answer is offered. Knows the markup `render-quiz.ts`
 * writes through the contract's hooks only.
 */
import type { Presentation, QuestionType, Response } from '../quiz/index.ts';
import type { Translate } from '../i18n/strings.ts';
import { ACTION, DATA } from '../shared/contract.ts';
import { cls, hook } from './hooks.ts';

type Control = HTMLInputElement | HTMLSelectElement;

const all = <E extends Element>(parent: ParentNode, selector: string) => [...parent.querySelectorAll<E>(selector)];

/** The elements of `parent` carrying a hook, with the hook's value (ids of any script, compared as text). */
const hooked = <E extends HTMLElement>(parent: ParentNode, name: (typeof DATA)[keyof typeof DATA]) =>
  all<E>(parent, hook(name)).map((el) => [el.dataset[name]!, el] as const);

/**
 * Reads what the learner has entered, or says what is missing; never a silent zero. Needs the
 * question's type only (the form's `data-question-type` says it too), not its key: a live class's
 * phone reads its answer with the same code and never holds the key.
 */
export function readResponse(questionType: QuestionType, form: HTMLFormElement, t: Translate): Response | { missing: string } {
  const answerFirst = { missing: t('quiz.answerFirst') };
  switch (questionType) {
    case 'single': {
      const choice = all<HTMLInputElement>(form, 'input[type=radio]').find((i) => i.checked)?.value;
      return choice ? { choice } : answerFirst;
    }
    case 'multiple': {
      const choices = all<HTMLInputElement>(form, 'input[type=checkbox]').filter((i) => i.checked).map((i) => i.value);
      return choices.length ? { choices } : answerFirst;
    }
    case 'truefalse': {
      const value = all<HTMLInputElement>(form, 'input[type=radio]').find((i) => i.checked)?.value;
      return value ? { value: value === 'true' } : answerFirst;
    }
    case 'numeric': {
      const text = form.querySelector<HTMLInputElement>('input[type=text]')?.value.trim() ?? '';
      if (!text) return answerFirst;
      // People type "80 %", "1,5" or "１２": read them as the number they mean.
      const cleaned = text.normalize('NFKC').replace(/\s|%$/g, '').replace(/^([+-]?\d+),(\d+)$/, '$1.$2');
      const value = Number(cleaned);
      return cleaned !== '' && Number.isFinite(value) ? { value } : { missing: t('quiz.enterNumber') };
    }
    case 'text': {
      const text = form.querySelector<HTMLInputElement>('input[type=text]')?.value ?? '';
      return text.trim() ? { text } : answerFirst;
    }
    case 'order':
      return { order: hooked(form.querySelector(cls('quizOrder')) ?? form, DATA.itemId).map(([id]) => id) };
    case 'match': {
      const matches: Record<string, string> = {};
      for (const [pair, row] of hooked(form, DATA.pairId)) {
        const value = row.querySelector('select')?.value;
        if (value) matches[pair] = value;
      }
      return Object.keys(matches).length ? { matches } : answerFirst;
    }
    case 'cloze': {
      const blanks: Record<string, string> = {};
      for (const [blank, control] of hooked<Control>(form, DATA.blankId)) if (control.value.trim()) blanks[blank] = control.value;
      return Object.keys(blanks).length ? { blanks } : answerFirst;
    }
    default:
      return questionType satisfies never;
  }
}

/**
 * Puts a response back into the controls (a reload: the last try as it was; a live class's next
 * try). Saved responses are checked against the quiz before they get here; a control that is
 * missing anyway is skipped, never a crash.
 */
export function writeResponse(questionType: QuestionType, form: HTMLFormElement, response: Response): void {
  const r = response as unknown as Partial<Record<string, unknown>>;
  const inputs = (type: string) => all<HTMLInputElement>(form, `input[type=${type}]`);
  switch (questionType) {
    case 'single':
      inputs('radio').forEach((i) => (i.checked = i.value === r.choice));
      break;
    case 'multiple':
      inputs('checkbox').forEach((i) => (i.checked = Array.isArray(r.choices) && r.choices.includes(i.value)));
      break;
    case 'truefalse':
      inputs('radio').forEach((i) => (i.checked = i.value === String(r.value)));
      break;
    case 'numeric':
      inputs('text').forEach((i) => (i.value = String(r.value ?? '')));
      break;
    case 'text':
      inputs('text').forEach((i) => (i.value = String(r.text ?? '')));
      break;
    case 'order': {
      const list = form.querySelector(cls('quizOrder'));
      const items = new Map(list ? hooked(list, DATA.itemId) : []);
      for (const id of (r.order as string[] | undefined) ?? []) {
        const li = items.get(id);
        if (li) list!.append(li);
      }
      break;
    }
    case 'match': {
      const matches = (r.matches ?? {}) as Record<string, string>;
      for (const [pair, row] of hooked(form, DATA.pairId)) {
        const select = row.querySelector('select');
        if (select) select.value = Object.hasOwn(matches, pair) ? matches[pair]! : '';
      }
      break;
    }
    case 'cloze': {
      const blanks = (r.blanks ?? {}) as Record<string, string>;
      for (const [blank, control] of hooked<Control>(form, DATA.blankId)) control.value = Object.hasOwn(blanks, blank) ? blanks[blank]! : '';
      break;
    }
    default:
      questionType satisfies never;
  }
}

/** Moves the children of `parent` whose `key(child)` is in `ids` to the end, in the order of `ids`. */
function reorder(parent: Element | null, key: (child: HTMLElement) => string | undefined, ids: readonly string[]): void {
  if (!parent) return;
  const byId = new Map([...parent.children].map((child) => [key(child as HTMLElement), child]));
  for (const id of ids) {
    const child = byId.get(id);
    if (child) parent.append(child);
  }
}

/**
 * Puts choices, items and options in the order given: the learner's own seeded order
 * (`presentedOrder`), worked out by the deck itself or, in a live class, by the server.
 */
export function arrange(order: Presentation, form: HTMLFormElement): void {
  const option = (el: HTMLElement) => (el as HTMLOptionElement).value;
  switch (order.type) {
    case 'single':
    case 'multiple':
      reorder(form.querySelector(cls('quizChoices')), (el) => el.dataset[DATA.choiceId], order.choices);
      break;
    case 'order':
      reorder(form.querySelector(cls('quizOrder')), (el) => el.dataset[DATA.itemId], order.items);
      break;
    case 'match': {
      const keep = new Set(order.right);
      for (const select of all<HTMLSelectElement>(form, 'select')) {
        for (const o of [...select.options]) if (o.value && !keep.has(o.value)) o.remove();
        reorder(select, option, order.right);
      }
      break;
    }
    case 'cloze':
      for (const [blank, control] of hooked<Control>(form, DATA.blankId)) {
        const ids = order.blanks[blank];
        if (ids && control instanceof HTMLSelectElement) reorder(control, option, ids);
      }
      break;
    case 'truefalse':
    case 'numeric':
    case 'text':
      break;
    default:
      order satisfies never;
  }
}

/** Locks or unlocks the answer controls (not the action buttons below them). */
export function setLocked(form: HTMLFormElement, locked: boolean): void {
  all<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>(form, 'fieldset input, fieldset select, fieldset button').forEach((el) => (el.disabled = locked));
}

/** The action button of a form, by its `data-action`. */
export const actionButton = (form: HTMLFormElement, action: (typeof ACTION)[keyof typeof ACTION]) => form.querySelector<HTMLButtonElement>(hook(DATA.action, action));

/** Which of Check, Try again and Show answer is offered. */
export function offer(form: HTMLFormElement, show: { check: boolean; retry: boolean; show: boolean }): void {
  const set = (action: 'check' | 'retry' | 'show', visible: boolean) => {
    const button = actionButton(form, ACTION[action]);
    if (button) button.hidden = !visible;
  };
  set('check', show.check);
  set('retry', show.retry);
  set('show', show.show);
}

/**
 * The hint: its button offered and its panel `closed` or `open`; `offered` leaves the panel as it
 * is; `in-feedback` hides both while the feedback itself says the hint (after a wrong try), so it
 * is not said twice; `over` hides both once the question is over and the explanation is shown.
 */
export function setHint(form: HTMLFormElement, state: 'closed' | 'open' | 'offered' | 'in-feedback' | 'over'): void {
  const button = actionButton(form, ACTION.hint);
  const panel = form.querySelector<HTMLElement>(cls('quizHint'));
  if (!button || !panel) return;
  button.hidden = state === 'in-feedback' || state === 'over';
  if (state !== 'offered') panel.hidden = state !== 'open';
  button.setAttribute('aria-expanded', String(!panel.hidden));
}

/** Moves an order item one place up or down; returns its new position (1-based) and the count, or nothing at an end. */
export function moveItem(button: HTMLButtonElement): { text: string; position: number; total: number } | undefined {
  const li = button.closest('li');
  const list = li?.parentElement;
  if (!li || !list) return undefined;
  const up = button.dataset[DATA.move] === 'up';
  const sibling = up ? li.previousElementSibling : li.nextElementSibling;
  if (!sibling) return undefined;
  if (up) list.insertBefore(li, sibling);
  else list.insertBefore(sibling, li);
  const items = [...list.children];
  return { text: li.querySelector(cls('quizOrderText'))?.textContent ?? '', position: items.indexOf(li) + 1, total: items.length };
}
