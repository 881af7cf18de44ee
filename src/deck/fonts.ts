import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
/** Noto Sans SC as @fontsource ships it: about a hundred slices, each with its unicode-range. */
export const CJK_FONT_DIR = dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
const RE_FONT_FACE = /@font-face\s*\{[^}]*\}/g;
const RE_RANGE = /unicode-range:\s*([^;]+);/;
const RE_CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/gu;

function inRange(code: number, range: string): boolean {
  return range.split(',').some((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-').map((hex) => parseInt(hex, 16));
    return code >= from! && code <= (to ?? from!);
  });
}

/**
 * The @font-face rules for just those slices of Noto Sans SC that hold the CJK characters in
 * `text`, woff2 only, with URLs relative to the package (so the bundler copies only those
 * files). The full set would be 64 KB of CSS gzipped and hundreds of files; a deck uses a few.
 */
export function cjkFontFaces(text: string, weights: number[] = [400, 700]): string {
  const codes = [...new Set(text.match(RE_CJK) ?? [])].map((c) => c.codePointAt(0)!);
  if (codes.length === 0) return '';
  const rules: string[] = [];
  for (const weight of weights) {
    const css = readFileSync(join(CJK_FONT_DIR, `${weight}.css`), 'utf8');
    for (const rule of css.match(RE_FONT_FACE) ?? []) {
      const range = RE_RANGE.exec(rule)?.[1];
      if (range && codes.some((code) => inRange(code, range))) {
        rules.push(rule.replace(/,\s*url\([^)]*\.woff\) format\('woff'\)/, ''));
      }
    }
  }
  return rules.join('\n');
}
