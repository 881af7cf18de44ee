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
