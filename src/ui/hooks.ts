import { CLASS, attr, type DataName } from '../shared/contract.ts';

/** A value inside a quoted CSS attribute selector: quotes, backslashes and line breaks escaped. */
function cssString(value: string): string {
  return value.replace(/["\\]/g, '\\$&').replace(/[\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `);
}

/**
 * A selector for one of the contract's `data-*` hooks, with or without a value:
 * `hook(DATA.choiceId, 'b')` → `[data-choice-id="b"]`. Ids may be any letters of any script.
 */
export function hook(name: DataName, value?: string): string {
  return value === undefined ? `[${attr(name)}]` : `[${attr(name)}="${cssString(value)}"]`;
}

/** A selector for one of the contract's classes: `cls('quizOrder')` → `.quiz-order`. */
export const cls = (name: keyof typeof CLASS): string => `.${CLASS[name]}`;
