import { expect, test } from '@playwright/test';
import { openDeck, showSlide, slideIds, watchProblems } from './helpers.ts';

const SECTIONS = ['overview', 'traditional', 'advantageous', 'emerging', 'future', 'dual-circulation'];

test('every slide is shown without an error, and each diagram is drawn at a real size', async ({ page }) => {
  const problems = await openDeck(page);
  const ids = await slideIds(page);
  expect(ids.length).toBeGreaterThan(SECTIONS.length);
  let diagrams = 0;
  for (const id of ids) {
    await showSlide(page, id);
    // A slide shows each diagram's wide drawing; the narrow one is a phone's (phone-diagrams.spec.ts).
    const figures = page.locator(`section#${id} figure.diagram > svg:not([data-layout="narrow"])`);
    for (let i = 0; i < (await figures.count()); i++) {
      const svg = figures.nth(i);
      await expect(svg).toBeVisible();
      const box = (await svg.boundingBox())!;
      expect(box.width, `${id}: diagram width`).toBeGreaterThan(200);
      expect(box.height, `${id}: diagram height`).toBeGreaterThan(60);
      // Labels are real text, measured and laid out: none is a zero-size box.
      const labels = await svg.evaluate((el) =>
        [...el.querySelectorAll('text')].map((t) => ({ text: t.textContent ?? '', width: (t as SVGGraphicsElement).getBBox().width })),
      );
      expect(labels.length, `${id}: diagram labels`).toBeGreaterThan(1);
      for (const label of labels.filter((l) => l.text.trim())) expect(label.width, `${id}: "${label.text}"`).toBeGreaterThan(4);
      diagrams++;
    }
  }
  expect(diagrams).toBeGreaterThanOrEqual(SECTIONS.length);
  expect(problems).toEqual([]);
});

test('every slide belongs to a section, and each of the six sections has a title slide and a diagram', async ({ page }) => {
  await openDeck(page);
  const slides = page.locator('.reveal .slides section:not(.stack)');
  const total = await page.evaluate(() => (globalThis as any).Reveal.getTotalSlides());
  await expect(slides).toHaveCount(total);
  // Every slide is a section's slide, a quiz stack, or the results.
  await expect(page.locator('.reveal .slides > section:not([data-section-id]):not([data-quiz-id]):not([data-quiz-results])')).toHaveCount(0);
  for (const id of SECTIONS) {
    await expect(page.locator(`section#${id}--title[data-section-id="${id}"]`)).toHaveCount(1);
    expect(await page.locator(`section[data-section-id="${id}"] figure.diagram svg`).count(), id).toBeGreaterThanOrEqual(1);
  }
});

test('a link to a slide opens that slide, and the address follows the slide shown', async ({ page }) => {
  await openDeck(page, '#/traditional--title');
  await expect(page.locator('section#traditional--title')).toHaveClass(/present/);
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#\/traditional--objectives$/);
});

test('works from a sub-path of a static host', async ({ page }) => {
  const problems = await openDeck(page, 'nested/sub/path/');
  await showSlide(page, 'overview--title');
  await expect(page.locator('.reveal .slide-number')).toBeVisible();
  expect(problems).toEqual([]);
});

test('the browser loads neither Mermaid nor anything from the internet', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(r.url()); });
  const problems = await openDeck(page);
  expect(scripts.some((url) => /mermaid/i.test(url))).toBe(false);
  expect(await page.evaluate(() => 'mermaid' in globalThis)).toBe(false);
  expect(problems).toEqual([]);
});

test('formulas are HTML with MathML beside them', async ({ page }) => {
  await openDeck(page);
  const math = page.locator('.reveal .katex').first();
  await expect(math.locator('math')).toHaveCount(1);
  await expect(page.locator('.reveal .katex-html').first()).toHaveAttribute('aria-hidden', 'true');
});

test('presenter view opens with the speaker notes of the current slide', async ({ page }) => {
  await openDeck(page, '#/overview--title');
  const notes = (await page.locator('section#overview--title aside.notes').textContent())!.trim();
  expect(notes.length).toBeGreaterThan(20);
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  await expect(popup.locator('.speaker-controls-notes')).toContainText(notes.slice(0, 30));
});

test('presenter view shows each formula of the notes once, not as text and again as MathML', async ({ page }) => {
  // A question's notes give its answer with a formula (the HHI question: "= \\sum_i s_i^2 …").
  await openDeck(page, '#/quiz-traditional-review--traditional-hhi');
  await expect(page.locator('section.present aside.notes .katex').first()).toBeAttached();
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  const notes = popup.locator('.speaker-controls-notes');
  await expect(notes.locator('math').first()).toBeVisible();
  await expect(notes.locator('.katex-html').first()).toBeHidden();
});

test('search finds a word on a slide', async ({ page }) => {
  await openDeck(page);
  await page.keyboard.press('Control+Shift+F');
  const box = page.getByRole('searchbox');
  await expect(box).toBeVisible();
  await box.fill('Zhuanglong');
  await box.press('Enter');
  await expect(page.locator('section.present')).toContainText('Zhuanglong');
});

test.describe('scroll view', () => {
  test('is what a phone gets', async ({ browser }) => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const problems = await openDeck(page);
    expect(await page.evaluate(() => (globalThis as any).Reveal.isScrollView())).toBe(true);
    await page.locator('section#traditional--title').scrollIntoViewIfNeeded();
    await expect(page.locator('section#traditional--title h1')).toBeInViewport();
    // The drawing the phone shows: its own layout where the one written for the room is too wide.
    const svg = page.locator('section[data-section-id="traditional"] figure.diagram > svg:not([data-layout="wide"])').first();
    await svg.scrollIntoViewIfNeeded();
    expect((await svg.boundingBox())!.width).toBeGreaterThan(150);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('is there on a laptop with ?view=scroll', async ({ page }) => {
    await openDeck(page, '?view=scroll');
    expect(await page.evaluate(() => (globalThis as any).Reveal.isScrollView())).toBe(true);
  });
});

test.describe('motion', () => {
  test('a transition asked for in the address runs for those who do not mind motion', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await openDeck(page, '?transition=fade');
    expect(await page.evaluate(() => (globalThis as any).Reveal.getConfig().transition)).toBe('fade');
  });

  test('prefers-reduced-motion turns every transition off, even one asked for', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openDeck(page, '?transition=fade');
    expect(await page.evaluate(() => (globalThis as any).Reveal.getConfig().transition)).toBe('none');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await expect.poll(() => page.evaluate(() => (globalThis as any).Reveal.getConfig().transition)).toBe('fade');
  });
});

test('fonts are the deck\'s own, served with it', async ({ page }) => {
  const fonts: string[] = [];
  page.on('request', (r) => { if (r.resourceType() === 'font') fonts.push(new URL(r.url()).pathname); });
  const problems = watchProblems(page);
  await page.goto('');
  await page.waitForSelector('.reveal.ready', { state: 'attached' });
  await page.evaluate(() => document.fonts.ready);
  expect(await page.evaluate(() => document.fonts.check('32px "Atkinson Hyperlegible"'))).toBe(true);
  expect(fonts.some((f) => f.includes('atkinson-hyperlegible'))).toBe(true);
  expect(problems).toEqual([]);
});

test('the deck knows where it ends, so presenters and printing tools stop at the last slide', async ({ page }) => {
  await openDeck(page);
  const last = (await slideIds(page)).at(-1)!;
  await showSlide(page, last);
  expect(await page.evaluate(() => (globalThis as any).Reveal.isLastSlide())).toBe(true);
});

test('the ↓ into a quiz stack can be clicked: nothing of the deck\'s chrome lies over it', async ({ page }) => {
  await openDeck(page, '#/quiz-traditional-review--intro');
  // Playwright refuses a click that another element (the slide number, say) would receive.
  await page.locator('.reveal .controls .navigate-down').click({ timeout: 5000 });
  await expect(page.locator('.reveal .slides section.present section.present')).not.toHaveId('quiz-traditional-review--intro');
});

test('on a phone, text keeps a margin from both edges of the screen', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await openDeck(page);
  for (const selector of ['section#overview--occasion h2', 'section#overview--occasion li', 'section#overview--four-pillars table']) {
    const el = page.locator(selector).first();
    await el.scrollIntoViewIfNeeded();
    const box = (await el.boundingBox())!;
    expect(box.x, `${selector}: left margin`).toBeGreaterThanOrEqual(12);
    expect(box.x + box.width, `${selector}: right margin`).toBeLessThanOrEqual(390 - 12);
  }
  await page.close();
});

test('the overview (Esc) shows every slide, section titles too, and frames the one you are on', async ({ page }) => {
  await openDeck(page, '#/traditional--objectives');
  await page.keyboard.press('Escape');
  await expect(page.locator('.reveal.overview')).toHaveCount(1);
  await expect(page.locator('section#traditional--title h1')).toBeVisible();
  const outline = await page.locator('section#traditional--objectives').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
});

test('diagram arrows are drawn to be seen from the back of a room: 2 px lines, labels on an opaque ground', async ({ page }) => {
  await openDeck(page, '#/traditional--levers-map');
  const svg = page.locator('section#traditional--levers-map figure.diagram > svg:not([data-layout="narrow"])');
  const styles = await svg.evaluate((el) => ({
    links: [...el.querySelectorAll('.flowchart-link')].map((l) => parseFloat(getComputedStyle(l).strokeWidth)),
    grounds: [...el.querySelectorAll('.edgeLabel rect')].map((r) => getComputedStyle(r).opacity),
  }));
  expect(styles.links.length).toBeGreaterThan(3);
  for (const width of styles.links) expect(width).toBeGreaterThanOrEqual(2);
  expect(new Set(styles.grounds)).toEqual(new Set(['1']));
});

test('on a phone every button, list and text box is at least 44 px tall, big enough for a finger', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await openDeck(page);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('.reveal .slides :is(button, select, input, label.results-load)')]
      // A choice's whole label is its target; a file input's is its label box.
      .filter((el) => el.getClientRects().length && !['radio', 'checkbox', 'file'].includes((el as HTMLInputElement).type))
      .map((el) => ({ what: `${el.closest('section[id]')?.id}: ${el.tagName} ${el.textContent?.trim().slice(0, 20) || (el as HTMLInputElement).type}`, height: el.getBoundingClientRect().height }))
      .filter((c) => c.height < 44),
  );
  expect(small).toEqual([]);
  await page.close();
});
