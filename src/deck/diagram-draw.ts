/**
 * Drawing diagrams: Mermaid in headless Chromium, in a page with the deck's fonts so labels are
 * measured in the font they are shown in. Besides the SVG, the page hands back Mermaid's own
 * parse of each diagram, which the text version is built from.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { launchChromium } from './chromium.ts';
import { fullFontFaceCss } from './fonts.ts';
import type { MermaidParse } from './diagram-model.ts';

const MERMAID_PACKAGE = createRequire(import.meta.url).resolve('mermaid/package.json');
/** The folder the render page's `/node_modules/…` URLs are served from. */
const NODE_MODULES = dirname(dirname(MERMAID_PACKAGE));
/** The Mermaid that draws; part of every cache key. */
export const MERMAID_VERSION = (JSON.parse(readFileSync(MERMAID_PACKAGE, 'utf8')) as { version: string }).version;

/** A diagram drawn, with Mermaid's reading of it; or why it could not be. */
export type Drawing = { svg: string; parse: MermaidParse } | { error: string };

const TYPES: Record<string, string> = { '.css': 'text/css', '.js': 'text/javascript', '.woff2': 'font/woff2', '.ttf': 'font/ttf' };

/**
 * Draws each source with Mermaid in one Chromium page, configured with `config`, and gives the
 * drawings in the same order. Needs a browser: callers check `findChromium()` first.
 */
export async function drawDiagrams(
  codes: { id: string; code: string }[],
  config: Record<string, unknown>,
  fontStack: string,
  onDrawn?: (index: number) => void,
): Promise<Drawing[]> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // The page loads nothing from the network: Mermaid and the fonts come from node_modules.
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== 'http://kit.invalid') return route.abort();
      if (url.pathname === '/render.html') return route.fulfill({ contentType: 'text/html', body: renderPage(fontStack) });
      const path = resolve(NODE_MODULES, '.' + url.pathname.replace(/^\/node_modules/, ''));
      if (!path.startsWith(NODE_MODULES) || !existsSync(path)) return route.fulfill({ status: 404 });
      return route.fulfill({ body: readFileSync(path), contentType: TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream' });
    });
    await page.goto('http://kit.invalid/render.html');
    await page.evaluate((c) => (globalThis as any).mermaid.initialize(c), config);
    const drawings: Drawing[] = [];
    for (const [i, job] of codes.entries()) {
      drawings.push(await page.evaluate(DRAW, job));
      onDrawn?.(i);
    }
    return drawings;
  } finally {
    await browser.close();
  }
}

/** The deck's fonts in full, as the render page loads them from node_modules. */
const FONT_FACES = fullFontFaceCss((file) => `/node_modules/${relative(NODE_MODULES, file).split(sep).join('/')}`);

const renderPage = (fontStack: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<style>${FONT_FACES}
body{font-family:${fontStack};margin:0}</style>
<script src="/node_modules/mermaid/dist/mermaid.min.js"></script></head><body></body></html>`;

/**
 * Runs in the page: loads the fonts the labels need, reads the diagram with Mermaid's own
 * parser (for a flowchart: its vertices, edges and subgraphs), then draws it; for any other
 * type the labels are read from the drawing, each text element one label.
 */
const DRAW = async ({ id, code }: { id: string; code: string }): Promise<Drawing> => {
  const mermaid = (globalThis as any).mermaid;
  const doc = (globalThis as any).document;
  try {
    await doc.fonts.load('24px "Atkinson Hyperlegible"', code);
    await doc.fonts.load('bold 24px "Atkinson Hyperlegible"', code);
    await doc.fonts.load('24px "Noto Sans SC"', code);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(code);
    const db = diagram.db;
    const parse: MermaidParse = { type: String(diagram.type) };
    if (typeof db.getVertices === 'function' && typeof db.getEdges === 'function') {
      parse.vertices = [...db.getVertices().values()].map((n: any) => ({ id: String(n.id), text: n.text === undefined ? undefined : String(n.text) }));
      parse.edges = db.getEdges().map((e: any) => ({ start: String(e.start), end: String(e.end), type: e.type, stroke: e.stroke, text: e.text ? String(e.text) : undefined }));
      parse.subgraphs = (db.getSubGraphs?.() ?? []).map((g: any) => ({ id: String(g.id), title: g.title === undefined ? undefined : String(g.title), nodes: [...g.nodes].map(String) }));
    }
    const { svg } = await mermaid.render(id, code);
    // Every other type: the labels as drawn, in order; a label set on several lines (one
    // positioned tspan a line) reads as one; an axis's tick marks are scale, not labels.
    if (!parse.vertices) {
      const drawn = new (globalThis as any).DOMParser().parseFromString(svg, 'image/svg+xml');
      parse.labels = [...drawn.querySelectorAll('text')]
        .filter((text: any) => !text.closest('.tick'))
        .map((text: any) => {
          const lines = [...text.children].filter((child: any) => child.localName === 'tspan' && child.hasAttribute('x'));
          return (lines.length > 1 ? lines.map((line: any) => line.textContent).join(' ') : text.textContent).replace(/\s+/g, ' ').trim();
        })
        .filter((label: string) => label !== '');
    }
    return { svg, parse };
  } catch (error) {
    return { error: String((error as Error)?.message ?? error) };
  }
};
