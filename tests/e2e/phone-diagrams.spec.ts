/**
 * Diagrams on a phone (#16): at 390 × 844 in the scroll view every diagram of the real deck
 * fits the column (nothing scrolls sideways) with labels at least 14 px tall, the phone's own
 * layout where the drawing as written is too wide, and opens full screen with labels no smaller. Any diagram opens in a modal dialog, zoomable, that keeps reveal.js's
 * keys while closed and takes them while open; on a laptop the slide shows the wide drawing.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openDeck, showSlide } from './helpers.ts';

const PHONE = { width: 390, height: 844 };
const MIN_LABEL_PX = 14;
const LANGUAGES = [
  ['English', ''],
  ['Chinese', 'index.zh.html'],
] as const;

/** The ids of the slides that hold a diagram. */
function diagramSlides(page: Page): Promise<string[]> {
  return page.$$eval('section[data-slide-id]:has(figure.diagram)', (slides) => slides.map((s) => s.id));
}

/**
 * The drawings of a slide's diagram a reader sees, and how tall their labels are on screen: each
 * line of text by its box (getBoundingClientRect), and the label size the drawing is made with
 * (24 px) times the scale it is shown at.
 */
function shownDrawing(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const svgs = [...document.querySelectorAll<SVGSVGElement>(sel)].filter((svg) => svg.getClientRects().length > 0);
    const svg = svgs[0];
    if (!svg) return { shown: 0 };
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    const lines = [...svg.querySelectorAll('text tspan.row, text:not(:has(tspan.row))')]
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.height > 0 && r.width > 0);
    const fontPx = Math.min(...[...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize))) * scale;
    return { shown: svgs.length, layout: svg.getAttribute('data-layout'), id: svg.id, lineMin: Math.min(...lines.map((r) => r.height)), fontPx, left: box.left, right: box.right };
  }, selector);
}

/**
 * What is drawn wrong in a flowchart as shown: a box's label whose text runs out of the box, and
 * two labels (boxes', arrows', groups') whose text overlaps, each named by its words.
 */
function misdrawn(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const svg = document.querySelector<SVGSVGElement>(sel)!;
    const wrong: string[] = [];
    const slack = 1;
    const texts = [...svg.querySelectorAll<SVGTextElement>('text')].filter((t) => t.textContent!.trim() && t.getBoundingClientRect().width > 0);
    for (const text of texts) {
      const node = text.closest('.node');
      const shape = node?.querySelector(':scope > rect, :scope > polygon, :scope > circle, :scope > path');
      if (!shape) continue;
      const [t, b] = [text.getBoundingClientRect(), shape.getBoundingClientRect()];
      if (t.left < b.left - slack || t.right > b.right + slack || t.top < b.top - slack || t.bottom > b.bottom + slack) wrong.push(`"${text.textContent}" runs out of its box`);
    }
    for (const [i, a] of texts.entries()) {
      for (const other of texts.slice(i + 1)) {
        const [r, q] = [a.getBoundingClientRect(), other.getBoundingClientRect()];
        const area = Math.max(0, Math.min(r.right, q.right) - Math.max(r.left, q.left)) * Math.max(0, Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top));
        if (area > 4) wrong.push(`"${a.textContent}" overlaps "${other.textContent}"`);
      }
    }
    return wrong;
  }, selector);
}

for (const [language, path] of LANGUAGES) {
  test.describe(`${language} deck on a phone (390 × 844, scroll view)`, () => {
    test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

    test('every diagram fits the width, shows one drawing (the phone\'s where there is one), labels ≥ 14 px, and opens full screen no smaller', async ({ page }) => {
      test.setTimeout(120_000);
      const problems = await openDeck(page, path);
      expect(await page.evaluate(() => (globalThis as any).Reveal.isScrollView())).toBe(true);
      const slides = await diagramSlides(page);
      expect(slides.length).toBeGreaterThanOrEqual(6);
      let narrowSeen = 0;
      for (const id of slides) {
        await showSlide(page, id);
        const figure = page.locator(`#${id} figure.diagram`);
        await figure.scrollIntoViewIfNeeded();
        const overflow = await page.evaluate((slideId) => {
          const slide = document.getElementById(slideId)!;
          return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth, slide: slide.scrollWidth - slide.clientWidth };
        }, id);
        expect(overflow, `${id}: nothing scrolls sideways`).toEqual({ page: 0, slide: 0 });
        const drawing = await shownDrawing(page, `#${id} figure.diagram > svg`);
        expect(drawing.shown, `${id}: one drawing shown`).toBe(1);
        expect(drawing.left, `${id}: the drawing starts on screen`).toBeGreaterThanOrEqual(0);
        expect(drawing.right, `${id}: the drawing ends on screen`).toBeLessThanOrEqual(PHONE.width);
        const hasNarrow = (await figure.locator('svg[data-layout="narrow"]').count()) > 0;
        if (hasNarrow) {
          narrowSeen++;
          expect(drawing.layout, `${id}: a flowchart too wide for the column shows its phone drawing`).toBe('narrow');
        }
        // Redrawn for the phone, still drawn right: each box's words inside it, no two labels on top of each other.
        expect(await misdrawn(page, `#${id} figure.diagram > svg[id="${drawing.id}"]`), `${id}: labels inside their boxes, clear of each other`).toEqual([]);
        // Every diagram of the deck has a layout that fits the column at full size (src/deck/diagram-phone.ts).
        expect(drawing.fontPx, `${id}: labels at least 14 px in the column (font size)`).toBeGreaterThanOrEqual(MIN_LABEL_PX);
        expect(drawing.lineMin, `${id}: labels at least 14 px in the column (line height)`).toBeGreaterThanOrEqual(MIN_LABEL_PX);
        // And any of them opens full screen, where the labels are no smaller.
        const enlarge = figure.getByRole('button', { name: /Tap to enlarge|点按放大/ });
        await expect(enlarge).toBeVisible();
        await enlarge.tap();
        const dialog = page.getByRole('dialog');
        await expect(dialog).toBeVisible();
        const full = await shownDrawing(page, 'dialog.diagram-dialog svg');
        expect(full.lineMin, `${id}: labels in the dialog`).toBeGreaterThanOrEqual(MIN_LABEL_PX);
        expect(full.fontPx, `${id}: labels in the dialog`).toBeGreaterThanOrEqual(MIN_LABEL_PX);
        if (hasNarrow) expect(full.id, `${id}: the dialog shows the drawing the phone shows`).toContain(drawing.id!);
        await page.keyboard.press('Escape');
        await expect(dialog).toHaveCount(0);
      }
      expect(narrowSeen, 'the deck has flowcharts too wide for a phone as written').toBeGreaterThanOrEqual(4);
      expect(problems).toEqual([]);
    });
  });
}

test.describe('a diagram full screen on a phone', () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test('a tap opens a modal dialog named by the title, zoom in enlarges the drawing, Esc closes and focus returns; axe finds nothing', async ({ page }) => {
    const problems = await openDeck(page, '#/emerging--enablers-map');
    await showSlide(page, 'emerging--enablers-map');
    const enlarge = page.locator('#emerging--enablers-map .diagram-enlarge');
    await enlarge.scrollIntoViewIfNeeded();
    await enlarge.tap();
    // The narrow drawing is named by the wide one's title (the page holds the words once).
    const title = await page.locator('#emerging--enablers-map svg[data-layout="wide"] title').textContent();
    await expect(page.locator('#emerging--enablers-map svg[data-layout="narrow"]')).toHaveAccessibleName(title!);
    const dialog = page.getByRole('dialog', { name: title! });
    await expect(dialog).toBeVisible();
    expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open && d.matches(':modal'))).toBe(true);
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    // The text version is there, below the drawing.
    const view = dialog.locator('.diagram-dialog-view').boundingBox();
    const text = dialog.locator('.diagram-dialog-text');
    await expect(text.getByText(/Emerging industries/).first()).toBeAttached();
    expect((await text.boundingBox())!.y).toBeGreaterThanOrEqual((await view)!.y + (await view)!.height - 1);
    // Every id in the page is still unique: the copy's ids are its own.
    expect(await page.evaluate(() => { const ids = [...document.querySelectorAll('[id]')].map((e) => e.id); return ids.length - new Set(ids).size; })).toBe(0);

    const width = () => dialog.locator('svg').evaluate((svg) => svg.getBoundingClientRect().width);
    const before = await width();
    await dialog.getByRole('button', { name: 'Zoom in' }).tap();
    expect(await width()).toBeGreaterThan(before * 1.2);
    await page.keyboard.press('-');
    expect(await width()).toBeCloseTo(before, 0);

    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).include('dialog.diagram-dialog').analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(enlarge).toBeFocused();
    expect(problems).toEqual([]);
  });
});

test.describe('a diagram full screen on a laptop (1280 × 720)', () => {
  test('the slide shows the wide drawing; the corner button shows on hover; the dialog keeps the keys while open and gives them back; axe finds nothing', async ({ page }) => {
    const problems = await openDeck(page, '#/future--path-map');
    await showSlide(page, 'future--path-map');
    const figure = page.locator('#future--path-map figure.diagram');
    expect((await shownDrawing(page, '#future--path-map figure.diagram > svg')).layout).toBe('wide');
    await expect(figure.locator('svg[data-layout="narrow"]')).toBeHidden();

    // Discreet: the button is invisible until the figure is hovered or the button focused.
    const enlarge = figure.getByRole('button', { name: 'Enlarge diagram' });
    expect(await enlarge.evaluate((b) => getComputedStyle(b).opacity)).toBe('0');
    await figure.locator('svg[data-layout="wide"]').hover();
    expect(await enlarge.evaluate((b) => getComputedStyle(b).opacity)).toBe('1');

    // Closed, the keys are reveal.js's: Enter on the focused button opens the dialog.
    await enlarge.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Focus area four: what the source links' });
    await expect(dialog).toBeVisible();
    // Beside the drawing: the text version.
    const view = (await dialog.locator('.diagram-dialog-view').boundingBox())!;
    const text = (await dialog.locator('.diagram-dialog-text').boundingBox())!;
    expect(text.x).toBeGreaterThanOrEqual(view.x + view.width - 1);

    // Open, reveal.js does not move.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => (globalThis as any).Reveal.getCurrentSlide().id)).toBe('future--path-map');
    const scale = () => dialog.locator('svg').evaluate((svg) => Number((svg as SVGSVGElement).dataset.scale));
    const before = await scale();
    await page.keyboard.press('+');
    expect(await scale()).toBeGreaterThan(before);

    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).include('dialog.diagram-dialog').analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(enlarge).toBeFocused();
    // Closed again, the arrow keys are reveal.js's once more.
    await page.locator('#future--path-map h2').click();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => (globalThis as any).Reveal.getCurrentSlide().id)).not.toBe('future--path-map');
    expect(problems).toEqual([]);
  });

  test('printed slides show the wide drawing only, and no button', async ({ page }) => {
    await page.goto('?print-pdf');
    await page.waitForSelector('html[data-print-ready]', { state: 'attached', timeout: 30_000 });
    const figure = page.locator('#future--path-map figure.diagram');
    await expect(figure.locator('svg[data-layout="wide"]')).toBeVisible();
    await expect(figure.locator('svg[data-layout="narrow"]')).toBeHidden();
    await expect(figure.locator('.diagram-enlarge')).toBeHidden();
  });
});
