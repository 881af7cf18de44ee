import { expect, test } from '@playwright/test';
import { openDeck, showSlide, slideIds } from './helpers.ts';

const PILLAR_SECTIONS = ['overview', 'traditional', 'advantageous', 'emerging', 'future', 'dual-circulation'];

/** The key lists of the source, each of which must be on the slides themselves (not only in notes). */
const KEY_LISTS: Record<string, string[]> = {
  'five industries with distinctive advantages': ['high-speed rail', 'ships', 'electric power equipment', 'construction machinery', 'communication equipment'],
  'four products with more than half of world output': ['personal computers', 'mobile phones', 'household appliances', 'solar panels'],
  'five fields of the cluster action': ['construction machinery', 'rail transit', 'optoelectronic information', 'energy and power equipment', 'textiles and clothing'],
  'six emerging fields': ['5G', 'artificial intelligence', 'bio-manufacturing', 'industrial Internet', 'intelligent connected vehicles', 'green and low-carbon'],
  'frontier fields named "such as", and 6G': ['humanoid robots', 'metaverse', 'quantum technology', '6G'],
};

/** Policy names and phrases of the source that must reach the slides. */
const SOURCE_PHRASES = [
  'March 1', 'State Council Information Office', 'Comments from Authoritative Departments', 'Jin Zhuanglong',
  'Minister of Industry and Information Technology', 'foundation of the real economy', 'lifeblood of the national economy',
  'large scale, complete system and strong competitiveness', 'basically stable', 'forging long boards', 'making up for weak boards',
  'strengthening the foundation', 'more than 80%', 'technological transformation and equipment renewal', 'advanced and applicable technologies',
  'process modernization', 'high-end products', 'increasing variety, improving quality, and creating brand', 'intelligent manufacturing',
  'service-oriented manufacturing', 'producer services', 'carbon peaking in the industrial field', 'green manufacturing',
  'market-oriented and rule-of-law', 'mergers and reorganizations', 'industrial concentration', 'more than half of the world',
  'industrial infrastructure reconstruction project', 'major technological and equipment research projects', 'entire industrial chain',
  'business cards made in China', 'leading enterprises', 'world-class enterprises', 'advanced manufacturing clusters',
  'new pillars and new tracks', 'new application scenarios', 'National Manufacturing Innovation Center', 'robot +', 'Internet of Things',
  'new round of technological revolution and industrial transformation', 'action plan for future industrial development',
  'try first', 'dual cycles', 'international cooperation', 'reform and opening up', 'Chinese and foreign companies',
];

const normalise = (text: string) => text.normalize('NFKC').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').toLowerCase();

test('every slide has speaker notes that say how long to spend', async ({ page }) => {
  await openDeck(page);
  const missing = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.reveal .slides > section')]
      .filter((s) => !/\b(minutes?|seconds?)\b/i.test(s.querySelector('aside.notes')?.textContent ?? ''))
      .map((s) => s.id),
  );
  expect(missing).toEqual([]);
});

test('each of the six sections has a learning-objectives slide and a diagram', async ({ page }) => {
  await openDeck(page);
  for (const id of PILLAR_SECTIONS) {
    await expect(page.locator(`section#${id}--objectives`), id).toHaveCount(1);
    await expect(page.locator(`section#${id}--objectives li`).first(), id).toBeAttached();
    expect(await page.locator(`section[data-section-id="${id}"] figure.diagram svg`).count(), id).toBeGreaterThan(0);
  }
});

test('the key lists and policy names of the source are on the slides, not only in the notes', async ({ page }) => {
  await openDeck(page);
  const slideText = normalise(
    await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.reveal .slides > section')]
        .map((s) => {
          const copy = s.cloneNode(true) as HTMLElement;
          copy.querySelectorAll('aside.notes, .katex-mathml').forEach((n) => n.remove());
          return copy.textContent;
        })
        .join(' '),
    ),
  );
  const missing = [...Object.entries(KEY_LISTS).flatMap(([list, items]) => items.map((item) => `${list}: ${item}`)), ...SOURCE_PHRASES.map((p) => `phrase: ${p}`)]
    .filter((entry) => !slideText.includes(normalise(entry.slice(entry.indexOf(': ') + 2))));
  expect(missing).toEqual([]);
});

for (const viewport of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
  test(`no slide overflows its frame at ${viewport.width}×${viewport.height}`, async ({ browser }) => {
    const page = await browser.newPage({ viewport });
    await openDeck(page);
    const overflowing: string[] = [];
    for (const id of await slideIds(page)) {
      await showSlide(page, id);
      const result = await page.evaluate((slideId) => {
        const slide = document.getElementById(slideId)!;
        const frame = slide.getBoundingClientRect();
        const outside = [...slide.querySelectorAll<HTMLElement>('h1, h2, h3, p, li, table, figure, .math-display, .background')]
          .filter((el) => !el.closest('aside.notes'))
          .filter((el) => {
            const box = el.getBoundingClientRect();
            if (box.width === 0 || box.height === 0) return false; // hidden (a hint not yet asked for)
            return box.bottom > frame.bottom + 1 || box.right > frame.right + 1 || box.left < frame.left - 1;
          })
          .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`);
        return outside;
      }, id);
      if (result.length) overflowing.push(`${id}: ${result.join('; ')}`);
    }
    expect(overflowing).toEqual([]);
    await page.close();
  });
}

test('body text is large enough to read from the back of a room', async ({ page }) => {
  await openDeck(page);
  const smallest = await page.evaluate(() => {
    const sizes = [...document.querySelectorAll<HTMLElement>('.reveal .slides > section :is(p, li, td, th)')]
      .filter((el) => !el.closest('aside.notes'))
      .map((el) => parseFloat(getComputedStyle(el).fontSize));
    return Math.min(...sizes);
  });
  // In slide pixels on a 1280×720 slide: 20 px is the floor for a table cell or a background note.
  expect(smallest).toBeGreaterThanOrEqual(20);
});
