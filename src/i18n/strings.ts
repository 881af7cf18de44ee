/** Interface strings, shared by the build (labels written into slides) and the browser runtime. */
import type en from '../../assets/i18n/en.json';

/** Interface strings of one language: `assets/i18n/<lang>.json`, the same keys in every language. */
export type Strings = typeof en;

export type StringKey = Exclude<keyof Strings, 'lang'>;

/** Fills `{name}` placeholders. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * A translator bound to one language's strings: `t('quiz.points', { score: 1, max: 2 })`. The
 * browser gets its page's strings from the page (`readStrings`), so no language is bundled.
 */
export function createStrings(strings: Strings) {
  return (key: StringKey, params?: Record<string, string | number>) => format(strings[key], params);
}

export type Translate = ReturnType<typeof createStrings>;
