/** Changing a copy of a deck in a test: each edit must change something, and a line is found by its text. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/** Rewrites a file of `root` with `change`, which must change it. */
export function edit(root: string, file: string, change: (text: string) => string): void {
  const before = readFileSync(join(root, file), 'utf8');
  const after = change(before);
  expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
  writeFileSync(join(root, file), after);
}

/** The 1-based line of the first line of `file` (in `root`) that contains `text`. */
export const lineOf = (root: string, file: string, text: string) => readFileSync(join(root, file), 'utf8').split('\n').findIndex((line) => line.includes(text)) + 1;
