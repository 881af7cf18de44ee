/**
 * The deck's fonts are cut to what it shows: these tests read the subsets' own character maps
 * (harfbuzz), so "covered" means a glyph in the file, not a line of CSS.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { buildDecks } from '../../../src/deck/build-deck.ts';
import { fontCodePoints } from '../../../src/deck/font-subset.ts';
import { deckCharacters, deckMarkup, firstSlideFaces, mathsCharacters, subsetDeckFonts, TEXT_FONTS, unicodeRange, withoutFontFaces, withoutUnusedMathsRules, type SubsetFace } from '../../../src/deck/fonts.ts';
import { ENGLISH as STRINGS } from '../../../src/i18n/english.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const code = (c: string) => c.codePointAt(0)!;
const chars = (codes: Iterable<number>) => String.fromCodePoint(...codes);
/** A face, its parts (a family cut into parts, Chinese) taken together. */
const faceOf = (faces: SubsetFace[], name: string): SubsetFace | undefined => {
  const found = faces.filter((f) => f.face.name === name);
  return found.length === 0 ? undefined : { ...found[0]!, codePoints: found.flatMap((f) => f.codePoints), range: found.flatMap((f) => f.range) };
};
/** The characters of `text` that `face` has no glyph for. */
const lacking = (face: SubsetFace | undefined, text: string) => [...text].filter((c) => !face?.codePoints.includes(code(c))).join('');

/** A slide with Latin, Chinese, pinyin Atkinson Hyperlegible lacks (ǎ), an entity, a formula and a quiz payload. */
const MARKUP = deckMarkup({
  html: `<section id="a--title"><h1>Modern industry</h1><p>现代化产业体系, chǎnyè &amp; more</p><aside class="notes">循环</aside></section>
<section><p>${katex.renderToString('\\Delta g_{\\text{mfg}} \\approx 2')}</p></section>`,
  // As the build writes it: `<` escaped, so no text can close the script.
  data: `<script type="application/json" id="kit-quizzes">${JSON.stringify({ html: { q: '<p>Which is right? <em>Pick one</em></p>' } }).replace(/</g, '\\u003c')}</script>`,
});

describe('the characters a deck can show', () => {
  it('takes the quiz payload out of its JSON, decodes entities, and adds what the runtime and a learner write', () => {
    expect(MARKUP).toContain('<em>Pick one</em>');
    const shown = deckCharacters(MARKUP);
    for (const c of ['现', '循', 'ǎ', '&', '<', '~', '✓', '…']) expect(shown.has(code(c)), c).toBe(true);
    // Every interface string, in every language the kit has.
    for (const text of Object.values(STRINGS)) for (const c of String(text)) expect(shown.has(code(c)), c).toBe(true);
  });

  it("counts as a formula's only what KaTeX draws, not the TeX kept for screen readers", () => {
    const maths = mathsCharacters(MARKUP);
    expect(chars(maths)).toContain('Δ');
    expect(chars(maths)).toContain('≈');
    expect(maths.has(code('\\'))).toBe(false);
  });

  it('writes a unicode-range as runs', () => {
    expect(unicodeRange([0x45, 0x41, 0x42, 0x43, 0x4e00, 0x42])).toBe('U+41-43,U+45,U+4E00');
  });
});

// Each test cuts the real fonts into a fresh cache: on a busy 2-core machine that takes minutes, not seconds.
describe('subsetDeckFonts', { timeout: 240_000 }, () => {
  it('gives Latin to Atkinson Hyperlegible, the rest to Noto Sans SC, formulas to KaTeX, each file holding what it claims; a second build reads the cache', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'kit-fonts-'));
    const faces = await subsetDeckFonts(MARKUP, cache);
    const regular = faceOf(faces, 'atkinson-hyperlegible-400-normal')!;
    const noto = faceOf(faces, 'noto-sans-sc-400-normal')!;
    expect(faces.map((f) => f.face.name)).toEqual(expect.arrayContaining(['atkinson-hyperlegible-700-italic', 'noto-sans-sc-700-normal', 'KaTeX_Main-Regular', 'KaTeX_Math-Italic']));

    expect(chars(regular.codePoints)).toContain('M');
    expect(regular.codePoints).not.toContain(code('现'));
    expect(lacking(noto, '现代化产业体系循ǎ')).toBe('');
    // Noto draws only what Atkinson cannot, and keeps the space (see SPACE in fonts.ts).
    expect(new Set(noto.codePoints.filter((c) => c < 0x7f))).toEqual(new Set([0x20]));
    expect(faceOf(faces, 'KaTeX_Main-Regular')!.codePoints).toContain(code('≈'));

    for (const face of faces) {
      expect(await fontCodePoints(readFileSync(face.file)), face.face.name).toEqual(face.codePoints);
      // The space is in the range of a family's first part only: a later part is never fetched for a space.
      const ranged = (face.part ?? 1) > 1 ? face.codePoints.filter((c) => c !== 0x20) : [0x20, ...face.codePoints];
      expect(face.range).toEqual(expect.arrayContaining(ranged));
    }
    // KaTeX's zero-width spaces stay in its range, or a system font would draw them (and move the line).
    expect(faceOf(faces, 'KaTeX_Main-Regular')!.range).toContain(0x200b);

    const written = faces.map((f) => statSync(f.file).mtimeMs);
    const again = await subsetDeckFonts(MARKUP, cache);
    expect(again.map((f) => f.file)).toEqual(faces.map((f) => f.file));
    expect(again.map((f) => statSync(f.file).mtimeMs)).toEqual(written);
  });

  it("preloads the regular and bold of each family the first slide's text uses", async () => {
    const faces = await subsetDeckFonts(MARKUP, mkdtempSync(join(tmpdir(), 'kit-fonts-')));
    const names = (html: string) => firstSlideFaces(faces, html).map((f) => f.face.name);
    expect(names('<section><h1>Title</h1><aside class="notes">循环</aside></section><section>现代</section>')).toEqual(['atkinson-hyperlegible-400-normal', 'atkinson-hyperlegible-700-normal']);
    expect(names('<section><h1>现代化</h1></section>')).toEqual(['noto-sans-sc-400-normal', 'noto-sans-sc-700-normal']);
  });

  it('cuts Chinese into parts: what each language opens on first, then the rest in slide order, each part fetched only when a slide shows one of its characters', async () => {
    const slide = (text: string) => `<section><p>${text}</p><aside class="notes">备注</aside></section>`;
    const english = deckMarkup({ html: [slide('Opening 现代'), ...Array.from({ length: 4 }, () => slide('more'))].join('\n'), data: '' });
    const chinese = deckMarkup({ html: [slide('建设'), slide('产业'), slide('体系'), slide('方面'), slide('循环双')].join('\n'), data: '' });
    const faces = (await subsetDeckFonts([english, chinese], mkdtempSync(join(tmpdir(), 'kit-fonts-')))).filter((f) => f.face.name === 'noto-sans-sc-400-normal');
    const parts = faces.map((f) => chars(f.codePoints.filter((c) => c > 0x7f)));
    // Part 1: the English deck's opening Chinese and the language switch's words; part 2: the Chinese deck's first four slides; then the rest.
    expect(parts[0]).toContain('现');
    expect(parts[0]).toContain('中');
    expect(parts[1]).toContain('建');
    expect(parts[1]).toContain('方');
    expect(parts[1]).not.toContain('循');
    expect(parts.slice(2).join('')).toContain('循');
    expect(parts.slice(2).join('')).toContain('备');
    // No character is in two parts, so the browser never fetches one twice.
    const all = faces.flatMap((f) => f.codePoints.filter((c) => c !== 0x20));
    expect(new Set(all).size).toBe(all.length);
    // The first slide preloads only the part that holds its characters.
    expect(firstSlideFaces(faces, chinese).map((f) => f.part)).toEqual([2]);
  });
});

describe("the project's deck", { timeout: 240_000 }, () => {
  it('has a glyph in its subsets for every character its slides, notes, diagrams and quizzes show, unless no deck font has one', async () => {
    const decks = await buildDecks(ROOT);
    const faces = await subsetDeckFonts(decks.map(deckMarkup), join(ROOT, 'node_modules/.cache/kit/fonts'));
    // The text as a browser reads it, found apart from the build's own reading.
    const textOf = (html: string) => new JSDOM(`<body>${html}</body>`).window.document.body.textContent ?? '';
    const shown = decks
      .flatMap((deck) => {
        const payload = JSON.parse(/<script[^>]*id="kit-quizzes">([^]*?)<\/script>/.exec(deck.data)![1]!) as { html: Record<string, string> };
        return [textOf(deck.html), ...Object.values(payload.html).map(textOf), ...Object.values(deck.strings).map(String)];
      })
      .join('');

    const held = new Set(faces.flatMap((f) => f.codePoints));
    const notHeld = [...new Set(shown)].filter((c) => !held.has(code(c)));
    // Those (symbols such as ☐) are drawn by a system font, as they were before subsetting: no full font has them either.
    const regulars = TEXT_FONTS.filter((f) => f.weight === 400 && f.style === 'normal');
    const inFullFonts = new Set((await Promise.all(regulars.map((f) => fontCodePoints(readFileSync(f.file))))).flat());
    expect(notHeld.filter((c) => inFullFonts.has(code(c)))).toEqual([]);
    // The Chinese of the deck is there, in both weights.
    for (const name of ['noto-sans-sc-400-normal', 'noto-sans-sc-700-normal']) expect(lacking(faceOf(faces, name), '现代化产业体系'), name).toBe('');
    expect(decks.map((d) => d.lang)).toEqual(['en', 'zh']);
  });
});

describe("KaTeX's stylesheet cut to the deck's formulas", () => {
  const css = withoutFontFaces(readFileSync(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'), 'utf8'));
  /** The top-level rules of a stylesheet: selectors and the whole rule. */
  const rules = (sheet: string) => [...sheet.matchAll(/(?<=^|\})([^{}@]+)\{[^{}]*\}/g)].map((m) => ({ selectors: m[1]!.trim(), rule: m[0] }));

  it('keeps every rule that styles an element of the formulas, and drops most of the rest (the grid of size changes)', () => {
    const markup = ['\\sum_i s_i^2', '\\frac{a}{b} \\times 10\\%', 's_{\\text{trad}}\\, g_{\\text{trad}}', '\\sqrt{x}'].map((tex) => katex.renderToString(tex, { displayMode: true })).join('');
    const cut = withoutUnusedMathsRules(css, markup);
    const document = new JSDOM(`<body>${markup}</body>`).window.document;
    const elements = [...document.querySelectorAll('*')];
    const kept = new Set(rules(cut).map((r) => r.rule));
    const dropped = rules(css).filter((r) => !kept.has(r.rule));
    const applying = dropped.filter(({ selectors }) => selectors.split(',').some((selector) => {
      try {
        return elements.some((el) => el.matches(selector.replace(/::?(before|after)$/, '')));
      } catch {
        return false;
      }
    }));
    expect(applying.map((r) => r.selectors)).toEqual([]);
    expect(dropped.some((r) => r.selectors.includes('.reset-size1.size11'))).toBe(true);
    expect(cut.length).toBeLessThan(css.length * 0.6);
    // What is not a plain rule (@media, @keyframes…) stays whole.
    expect(cut.match(/@[a-z-]+/g)?.length).toBe(css.match(/@[a-z-]+/g)?.length);
  });
});
