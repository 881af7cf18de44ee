import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The deck's first language: its files carry no language code (`slides/02-traditional.md`). */
export const DEFAULT_LANG = 'en';

/** A language code as it appears in file names and `?lang=`: `zh`, `pt-BR`. */
export const RE_LANG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/**
 * The deck's languages: one per interface-strings file `assets/i18n/<lang>.json`, the default
 * first. Adding a language is adding that file and a `<name>.<lang>.<ext>` beside each content file.
 */
export function deckLanguages(root: string): string[] {
  const dir = join(root, 'assets', 'i18n');
  const found = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -'.json'.length))
        .filter((lang) => RE_LANG.test(lang) && lang !== DEFAULT_LANG)
        .sort()
    : [];
  return [DEFAULT_LANG, ...found];
}

/**
 * The language of a content file from its name: `02-traditional.zh.md` is `zh`,
 * `02-traditional.md` the default language. Only codes in `languages` count, so a name
 * such as `v1.2.md` stays a default-language file.
 */
export function fileLanguage(name: string, languages: readonly string[]): string {
  const parts = name.split('.');
  if (parts.length < 3) return DEFAULT_LANG;
  const code = parts.at(-2)!;
  return code !== DEFAULT_LANG && languages.includes(code) ? code : DEFAULT_LANG;
}

/** The file of `lang` for a default-language file: `press-conference.txt` → `press-conference.zh.txt`. */
export function inLanguage(path: string, lang: string): string {
  if (lang === DEFAULT_LANG) return path;
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? `${path.slice(0, dot)}.${lang}${path.slice(dot)}` : `${path}.${lang}`;
}

/** The default-language file a translated file mirrors: `02-traditional.zh.md` → `02-traditional.md`. */
export function baseName(name: string, lang: string): string {
  return lang === DEFAULT_LANG ? name : name.replace(`.${lang}.`, '.');
}
