import { isAbsolute, relative } from 'node:path';
/**
 * Where a command writes: the terminal when run from `npm run kit`, a test's lists when a test
 * calls the command in-process. Results go to `log` (stdout), problems to `error` (stderr).
 */
export interface Output {
  log(text: string): void;
  error(text: string): void;
}

/** The terminal. */
export const terminal: Output = {
  log: (text) => console.log(text),
  error: (text) => console.error(text),
};

/** A file as a person finds it: relative inside the project, its full path outside it. */
export function shownPath(root: string, file: string): string {
  const inside = relative(root, file);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : file;
}
