/**
 * The diagram gallery: one diagram of each type an author is likely to use, built as a site
 * from `tests/fixtures/diagram-gallery/` and looked at as a learner sees it. Every label's text
 * must lie inside the shape drawn around it (a mindmap's root label once began at its circle's
 * centre and ran out of its right edge); a label with no shape around it (a pie's legend, an
 * axis, a message on an arrow) must lie inside the drawing and overlap no other such label.
 * The slides PDF of the gallery holds every label as text.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { writePdfs } from '../../src/export/pdf.ts';
import { serveStatic, type StaticServer } from '../../src/export/static-server.ts';
import { buildGallerySite } from './gallery-site.ts';
import { openDeck, showSlide } from './helpers.ts';

/** The gallery's slides, one per diagram type. */
const SLIDES = ['flowchart', 'mindmap', 'sequence', 'timeline', 'quadrant', 'pie', 'state', 'class', 'journey', 'gantt'];

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
interface Label {
  text: string;
  box: Box;
  /** The shape drawn around the label, when it has one. */
  shape?: Box;
  /** The label's colour, the colour of the shape around it (or of the page) and its size in CSS pixels. */
  colour: string;
  background: string;
  size: number;
}

test.describe.configure({ mode: 'default', timeout: 180_000 });

let root: string;
let server: StaticServer;
test.beforeAll(async () => {
  root = await buildGallerySite();
  server = await serveStatic(join(root, 'dist'));
});
test.afterAll(async () => {
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/**
 * Every label of the slide's diagram, as drawn on screen: its text's box and the box of the
 * shape around it. A label's shape is the node, actor, task or bar it names: the nearest
 * enclosing group's own shapes (not the label's background, and none smaller than the text's
 * height: a legend's colour swatch or an arrow's marker is no box around a label); a Gantt
 * chart's task text is paired with its bar by id; an axis's tick labels have none.
 */
async function labelsOf(page: Page, slide: string): Promise<{ labels: Label[]; svg: Box }> {
  await showSlide(page, `gallery--${slide}`);
  return page.evaluate((id) => {
    const box = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    const svg = document.querySelector<SVGSVGElement>(`[id="${id}"] figure.diagram svg`)!;
    const SHAPES = 'rect, circle, ellipse, polygon, path';
    const shapeAround = (text: SVGTextElement): { box: Box; fill: string } | undefined => {
      // An axis's tick label has no shape around it.
      if (text.closest('.tick')) return undefined;
      const own = text.getBoundingClientRect();
      const bar = text.id.endsWith('-text') ? svg.querySelector(`[id="${CSS.escape(text.id.slice(0, -5))}"]`) : null;
      if (bar) return { box: box(bar.getBoundingClientRect()), fill: getComputedStyle(bar).fill };
      for (let group = text.parentElement; group && group !== (svg as Element); group = group.parentElement) {
        const shapes = [...group.children].filter((child) => child.matches(SHAPES) && !child.classList.contains('background')).filter((child) => {
          const r = child.getBoundingClientRect();
          return r.width >= own.height && r.height >= own.height;
        });
        if (shapes.length === 0) continue;
        const rects = shapes.map((shape) => shape.getBoundingClientRect());
        const largest = shapes[rects.map((r) => r.width * r.height).reduce((best, area, i, all) => (area > all[best]! ? i : best), 0)]!;
        return {
          box: { left: Math.min(...rects.map((r) => r.left)), top: Math.min(...rects.map((r) => r.top)), right: Math.max(...rects.map((r) => r.right)), bottom: Math.max(...rects.map((r) => r.bottom)) },
          fill: getComputedStyle(largest).fill,
        };
      }
      return undefined;
    };
    // A label set on several lines (a positioned tspan a line) reads as one, a space between its lines.
    const textOf = (text: SVGTextElement) => {
      const lines = [...text.children].filter((child) => child.localName === 'tspan' && child.hasAttribute('x'));
      return (lines.length > 1 ? lines.map((line) => line.textContent).join(' ') : text.textContent!).replace(/\s+/g, ' ').trim();
    };
    const labels = [...svg.querySelectorAll<SVGTextElement>('text')]
      .filter((text) => text.textContent!.trim() !== '' && text.getBoundingClientRect().width > 0)
      .map((text) => {
        const shape = shapeAround(text);
        // The colour of the glyphs: the innermost tspan's, which may differ from its text's (a sequence's actors).
        const style = getComputedStyle(text.querySelector('tspan:not(:has(tspan))') ?? text);
        // A shape without a solid fill shows the slide behind it: white.
        const background = shape && shape.fill.startsWith('rgb') ? shape.fill : 'rgb(255, 255, 255)';
        return { text: textOf(text), box: box(text.getBoundingClientRect()), shape: shape?.box, colour: style.fill, background, size: parseFloat(style.fontSize) };
      });
    return { labels, svg: box(svg.getBoundingClientRect()) };
  }, `gallery--${slide}`);
}

/** WCAG's contrast ratio of two `rgb(…)` colours (a colour with transparency counts as solid). */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, bl] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

const inside = (inner: Box, outer: Box, slack = 1) =>
  inner.left >= outer.left - slack && inner.right <= outer.right + slack && inner.top >= outer.top - slack && inner.bottom <= outer.bottom + slack;
const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
const size = (b: Box) => (b.right - b.left) * (b.bottom - b.top);
const round = (b: Box) => Object.values(b).map((n) => Math.round(n)).join(',');

for (const slide of SLIDES) {
  test(`${slide}: every label lies inside its shape, or inside the drawing clear of the others`, async ({ page }) => {
    const problems = await openDeck(page, server.url);
    const { labels, svg } = await labelsOf(page, slide);
    expect(labels.length, 'the diagram has labels').toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const label of labels) {
      if (label.shape && !inside(label.box, label.shape)) wrong.push(`"${label.text}" (${round(label.box)}) runs out of its shape (${round(label.shape)})`);
      if (!inside(label.box, svg)) wrong.push(`"${label.text}" (${round(label.box)}) runs out of the drawing (${round(svg)})`);
    }
    for (const label of labels) {
      // WCAG AA: 4.5:1, or 3:1 for large text (24px; the slide is shown at its own size here).
      const ratio = contrast(label.colour, label.background);
      if (label.colour.startsWith('rgb') && ratio < (label.size >= 24 ? 3 : 4.5)) wrong.push(`"${label.text}" is ${label.colour} on ${label.background}: contrast ${ratio.toFixed(2)}`);
    }
    const free = labels.filter((l) => !l.shape);
    for (const [i, a] of free.entries()) {
      for (const b of free.slice(i + 1)) {
        // Touching glyph boxes are not an overlap; a tenth of the smaller label's area is.
        if (overlap(a.box, b.box) > 0.1 * Math.min(size(a.box), size(b.box))) wrong.push(`"${a.text}" and "${b.text}" overlap`);
      }
    }
    // Every label the text version lists is one the drawing shows (none lost on the way to the page).
    const listed = await page.locator(`[id="gallery--${slide}"] .diagram-labels li`).allTextContents();
    const drawn = new Set(labels.map((l) => l.text));
    for (const label of listed) if (!drawn.has(label)) wrong.push(`"${label}" is in the text version but not drawn`);
    expect(wrong).toEqual([]);
    expect(problems).toEqual([]);
  });
}

test('the slides PDF of the gallery holds every label as text', async ({ page }) => {
  await openDeck(page, server.url);
  const expected: string[] = [];
  for (const slide of SLIDES) expected.push(...(await labelsOf(page, slide)).labels.map((l) => l.text));
  const [pdf] = await writePdfs(root, { only: ['slides'] });
  const text = execFileSync('pdftotext', ['-layout', pdf!.file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const words = (label: string) => label.split(' ').filter(Boolean);
  // Layout may break a label over lines or set its words apart: each of its words must be there.
  const missing = [...new Set(expected)].filter((label) => !words(label).every((word) => text.includes(word)));
  expect(missing).toEqual([]);
});
