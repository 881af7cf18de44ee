/**
 * Numbers as a learner reads them. Scores are kept exact (2.6666… of 9 after partial credit on
 * three tries); they are shown rounded to two decimals at most, with no trailing zeros.
 */
export function formatScore(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** `one` or `other`, the plural category of a count in English (the interface language). */
export function pluralOf(count: number, lang = 'en'): Intl.LDMLPluralRule {
  return new Intl.PluralRules(lang).select(count);
}
