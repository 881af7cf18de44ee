import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGLISH as en } from '../i18n/english.ts';
import type { Strings } from '../i18n/strings.ts';
import type { SourceIssue } from './errors.ts';
import { DEFAULT_LANG } from './languages.ts';

/** Where a language's interface strings are kept. */
export const stringsFile = (lang: string) => `assets/i18n/${lang}.json`;

/**
 * The interface strings of `lang` from the project's `assets/i18n/<lang>.json`. A file that
 * cannot be read is a problem at its line; the kit's English strings stand in, so the rest of
 * the deck is still checked.
 */
export function readStrings(root: string, lang: string, issues: SourceIssue[]): Strings {
  const file = stringsFile(lang);
  const path = join(root, file);
  // A project without its own English strings speaks the kit's.
  if (!existsSync(path) && lang === DEFAULT_LANG) return en;
  if (!existsSync(path)) {
    issues.push({ file, line: 1, message: `the interface strings of "${lang}" are missing: copy assets/i18n/en.json to ${file} and translate its values` });
    return en;
  }
  const text = readFileSync(path, 'utf8');
  try {
    // A string the file lacks speaks English, so the deck still builds; the parity check names it.
    return { ...en, ...(JSON.parse(text) as Partial<Strings>) };
  } catch (error) {
    const at = /position (\d+)/.exec(String(error))?.[1];
    const line = at === undefined ? 1 : text.slice(0, Number(at)).split('\n').length;
    issues.push({ file, line, message: `not valid JSON (${(error as Error).message}): every value is a "quoted string", with a comma between entries` });
    return en;
  }
}
