/**
 * The deck's fonts as the browser uses them: the subsets the build cut are what the first
 * slide loads (and preloads), and Chromium draws the deck's text in them, not in a system
 * font, on screen and in print. Chromium says which font drew a node through the DevTools
 * protocol (`CSS.getPlatformFontsForNode`), so this is what was drawn, not what CSS asked for.
 */
import { expect, test, type Page } from '@playwright/test';
import { openDeck, showSlide, watchProblems } from './helpers.ts';

const KIB = 1024;
/** The issue's budget (#13): fonts loaded by the first slide, in either language. */
const FIRST_SLIDE_BUDGET = 150 * KIB;
const DECK_FAMILY = /^(Atkinson Hyperlegible|Noto Sans SC|KaTeX_\w+)$/;

interface Drawn {
  /** The element's text, its descendants' included: Chromium reports their fonts too. */
  text: string;
  fonts: { familyName: string; isCustomFont: boolean; glyphCount: number }[];
}

/**
 * Every element of `selector` with text of its own, and the fonts Chromium drew its text in.
 * KaTeX's MathML is left out: it is for screen readers, clipped to nothing on screen and paper.
 */
async function fontsDrawn(page: Page, selector: string): Promise<Drawn[]> {
  const texts = await page.evaluate((sel) => {
    const found: string[] = [];
    for (const el of document.querySelectorAll(sel)) {
      if (el.closest('.katex-mathml')) continue;
      if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())) continue;
      el.setAttribute('data-font-probe', String(found.length));
      found.push(el.textContent!);
    }
    return found;
  }, selector);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-font-probe]' });
  // Asked all at once: the protocol answers in order, and one round trip per node takes minutes on a handout.
  const drawn = await Promise.all(
    nodeIds.map(async (nodeId) => {
      const [{ attributes }, { fonts }] = await Promise.all([cdp.send('DOM.getAttributes', { nodeId }), cdp.send('CSS.getPlatformFontsForNode', { nodeId })]);
      return { text: texts[Number(attributes[attributes.indexOf('data-font-probe') + 1])]!, fonts };
    }),
  );
  await cdp.detach();
  return drawn;
}

/** The characters the deck's own @font-face rules cover (their unicode-ranges), as the page has them. */
async function deckFontCoverage(page: Page): Promise<(text: string) => string> {
  const ranges = await page.evaluate(() => [...document.fonts].map((f) => f.unicodeRange));
  const runs = ranges.flatMap((range) =>
    range.split(',').map((part) => {
      const [from, to] = part.trim().replace(/^U\+/i, '').split('-').map((hex) => parseInt(hex, 16));
      return [from!, to ?? from!] as const;
    }),
  );
  /** The characters of `text` no deck font covers. */
  return (text) => [...text].filter((c) => !/\s/.test(c) && !runs.some(([from, to]) => c.codePointAt(0)! >= from && c.codePointAt(0)! <= to)).join('');
}

for (const [lang, path, preloaded] of [
  ['English', '', ['atkinson-hyperlegible-400-normal', 'atkinson-hyperlegible-700-normal']],
  ['Chinese', 'index.zh.html', ['noto-sans-sc-400-normal', 'noto-sans-sc-700-normal']],
] as const) {
  test(`the first slide in ${lang} loads only the deck's own subsets, within budget, and uses what it preloads`, async ({ page }) => {
    const fonts = new Map<string, number>();
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'font') fonts.set(new URL(response.url()).pathname, (await response.body()).length);
    });
    const problems = watchProblems(page);
    await page.goto(path);
    await page.waitForSelector('.reveal.ready', { state: 'attached' });
    await page.waitForLoadState('networkidle');
    const preloads = await page.locator('link[rel="preload"][as="font"]').evaluateAll((links) => links.map((l) => new URL((l as HTMLLinkElement).href).pathname));
    for (const face of preloaded) expect(preloads.some((p) => p.includes(face)), face).toBe(true);
    // A preload the page does not use is a wasted request (and a console warning).
    for (const preload of preloads) expect([...fonts.keys()]).toContain(preload);
    for (const file of fonts.keys()) expect(file).toMatch(/\/assets\/[\w-]+\.woff2$/);
    const total = [...fonts.values()].reduce((sum, bytes) => sum + bytes, 0);
    expect(total, `${(total / KIB).toFixed(1)} KiB: ${[...fonts.keys()].join(', ')}`).toBeLessThanOrEqual(FIRST_SLIDE_BUDGET);
    expect(problems).toEqual([]);
  });
}

test('Chinese terms are drawn in Noto Sans SC, the English around them in Atkinson Hyperlegible, formulas in KaTeX\'s fonts', async ({ page }) => {
  await openDeck(page);
  await showSlide(page, 'glossary--terms-overview');
  await page.evaluate(() => document.fonts.ready);
  const term = (await fontsDrawn(page, 'section.present td')).find((d) => d.text.includes('现代化产业体系'));
  expect(term, 'the glossary row of 现代化产业体系').toBeDefined();
  const families = term!.fonts.map((f) => `${f.familyName}${f.isCustomFont ? '' : ' (system)'}`);
  expect(families).toContain('Noto Sans SC');
  expect(families).toContain('Atkinson Hyperlegible'); // the pinyin's letters
  expect(families.filter((f) => f.endsWith('(system)'))).toEqual([]);

  await showSlide(page, 'traditional--weighted-average');
  await page.evaluate(() => document.fonts.ready);
  const maths = (await fontsDrawn(page, 'section.present .katex-html *')).flatMap((d) => d.fonts.map((f) => f.familyName));
  expect(maths).toEqual(expect.arrayContaining(['KaTeX_Main', 'KaTeX_Math']));
  expect(maths.every((family) => /^KaTeX_/.test(family))).toBe(true);
});

for (const [what, query, content] of [
  ['printed slides', '?print-pdf', '.reveal .slides *'],
  ['the handout, with every speaker note', '?print=handout', 'body *'],
  ['printed Chinese slides', 'index.zh.html?print-pdf', '.reveal .slides *'],
] as const) {
  test(`${what}: no text is drawn in a system font unless no deck font has its characters`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ media: 'print' });
    await page.goto(query);
    await page.waitForSelector('html[data-print-ready="true"]', { state: 'attached' });
    const uncovered = await deckFontCoverage(page);
    const drawn = await fontsDrawn(page, content);
    expect(drawn.length).toBeGreaterThan(500);
    // A system font may draw what no deck font has (the worksheet's ☐), glyph for glyph, and nothing else.
    const fallbacks = drawn.flatMap(({ text, fonts }) => {
      const system = fonts.filter((f) => !f.isCustomFont || !DECK_FAMILY.test(f.familyName)).reduce((n, f) => n + f.glyphCount, 0);
      return system > [...uncovered(text)].length ? [`${fonts.map((f) => `${f.familyName} ${f.glyphCount}`).join(' + ')}: ${text.trim().slice(0, 60)}`] : [];
    });
    expect(fallbacks).toEqual([]);
    // Drawn, that is: printed slides hide their speaker notes.
    const chinese = drawn.filter((d) => /[\u4e00-\u9fff]/.test(d.text) && d.fonts.length > 0);
    expect(chinese.length).toBeGreaterThan(0);
    for (const { text, fonts } of chinese) expect(fonts.map((f) => f.familyName), text).toContain('Noto Sans SC');
  });
}
