import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { SourceIssue } from './errors.ts';
import { CHROMIUM_HELP, findChromium, launchChromium } from './chromium.ts';

/** The deck's font stack; diagrams are measured and shown in it. */
export const FONT_STACK = '"Atkinson Hyperlegible", "Noto Sans SC", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** A look for diagrams: Mermaid's configuration, part of every cache key. */
export interface DiagramTheme {
  name: string;
  config: Record<string, unknown>;
}

/** The default theme: the deck's navy and red on white, labels as SVG text (no HTML labels). */
export const DEFAULT_THEME: DiagramTheme = {
  name: 'kit-light',
  config: {
    startOnLoad: false,
    theme: 'base',
    securityLevel: 'strict',
    htmlLabels: false,
    fontFamily: FONT_STACK,
    flowchart: { htmlLabels: false, useMaxWidth: false, curve: 'basis', padding: 12, nodeSpacing: 40, rankSpacing: 50 },
    themeVariables: {
      fontFamily: FONT_STACK,
      fontSize: '24px',
      primaryColor: '#e8f0fa',
      primaryTextColor: '#14181f',
      primaryBorderColor: '#14467a',
      secondaryColor: '#fbeceb',
      tertiaryColor: '#f3f5f7',
      lineColor: '#3b4350',
      textColor: '#14181f',
      clusterBkg: '#f3f5f7',
      clusterBorder: '#6b7480',
      edgeLabelBackground: '#ffffff',
    },
  },
};

/** A diagram to show: its source and where it was written. */
export interface DiagramJob {
  code: string;
  file: string;
  line: number;
}

const MERMAID_PACKAGE = createRequire(import.meta.url).resolve('mermaid/package.json');
/** The folder the render page's `/node_modules/…` URLs are served from. */
const NODE_MODULES = dirname(dirname(MERMAID_PACKAGE));
const MERMAID_VERSION = (JSON.parse(readFileSync(MERMAID_PACKAGE, 'utf8')) as { version: string }).version;

/** The cache key of a diagram: a hash of its source, its theme and the Mermaid version that drew it. */
export function diagramKey(code: string, theme: DiagramTheme, version: string): string {
  return createHash('sha256').update(JSON.stringify([code.trim(), theme.config, version])).digest('hex').slice(0, 16);
}

/** Where a diagram's SVG is kept: committed, so a clone presents without a browser. */
export function cachePath(root: string, key: string): string {
  return join(root, 'assets/diagrams', `${key}.svg`);
}

export interface RenderedDiagrams {
  svgs: Map<string, string>;
  keys: string[];
  rendered: number;
  issues: SourceIssue[];
}

/**
 * Gives the SVG of every diagram: from the cache when it has it, otherwise drawn by Mermaid
 * in headless Chromium, in a page with the deck's fonts, and stored in the cache.
 */
export async function renderDiagrams(root: string, jobs: DiagramJob[], theme: DiagramTheme = DEFAULT_THEME): Promise<RenderedDiagrams> {
  const keys = jobs.map((job) => diagramKey(job.code, theme, MERMAID_VERSION));
  const svgs = new Map<string, string>();
  const missing: { job: DiagramJob; key: string }[] = [];
  for (const [i, job] of jobs.entries()) {
    const key = keys[i]!;
    if (svgs.has(key) || missing.some((m) => m.key === key)) continue;
    const file = cachePath(root, key);
    if (existsSync(file)) svgs.set(key, readFileSync(file, 'utf8'));
    else missing.push({ job, key });
  }
  const issues: SourceIssue[] = [];
  if (missing.length === 0) return { svgs, keys, rendered: 0, issues };

  if (!findChromium()) {
    for (const { job, key } of missing) {
      issues.push({
        file: job.file,
        line: job.line,
        message: `this diagram is new or changed (cache key ${key}) and drawing it needs a browser: ${CHROMIUM_HELP}, then build again; the SVG is then kept in assets/diagrams/ (commit it)`,
      });
    }
    return { svgs, keys, rendered: 0, issues };
  }

  const browser = await launchChromium();
  let rendered = 0;
  try {
    const page = await browser.newPage();
    await page.route('http://kit.invalid/**', async (route) => {
      const path = resolve(NODE_MODULES, '.' + new URL(route.request().url()).pathname.replace(/^\/node_modules/, ''));
      if (!path.startsWith(NODE_MODULES) || !existsSync(path)) return route.fulfill({ status: 404 });
      const type = path.endsWith('.css') ? 'text/css' : path.endsWith('.js') ? 'text/javascript' : path.endsWith('.woff2') ? 'font/woff2' : 'text/html';
      return route.fulfill({ body: readFileSync(path), contentType: type });
    });
    await page.route('http://kit.invalid/render.html', (route) =>
      route.fulfill({ contentType: 'text/html', body: RENDER_PAGE }),
    );
    await page.goto('http://kit.invalid/render.html');
    await page.evaluate((config) => (globalThis as any).mermaid.initialize(config), theme.config);
    for (const { job, key } of missing) {
      const result = await page.evaluate(DRAW, { id: `d-${key}`, code: job.code });
      if ('error' in result) {
        const line = /line (\d+)/i.exec(result.error)?.[1];
        issues.push({
          file: job.file,
          line: job.line + (line ? Number(line) : 1),
          message: `Mermaid cannot draw this diagram: ${result.error.replace(/\s+/g, ' ').trim()}`,
        });
        continue;
      }
      mkdirSync(join(root, 'assets/diagrams'), { recursive: true });
      writeFileSync(cachePath(root, key), result.svg + '\n');
      svgs.set(key, result.svg + '\n');
      rendered++;
    }
  } finally {
    await browser.close();
  }
  return { svgs, keys, rendered, issues };
}

const RENDER_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="stylesheet" href="/node_modules/@fontsource/atkinson-hyperlegible/400.css">
<link rel="stylesheet" href="/node_modules/@fontsource/atkinson-hyperlegible/700.css">
<link rel="stylesheet" href="/node_modules/@fontsource/noto-sans-sc/400.css">
<style>body{font-family:${FONT_STACK};margin:0}</style>
<script src="/node_modules/mermaid/dist/mermaid.min.js"></script></head><body></body></html>`;

/** Runs in the page: loads the fonts the labels need, then parses and draws one diagram. */
const DRAW = async ({ id, code }: { id: string; code: string }): Promise<{ svg: string } | { error: string }> => {
  const mermaid = (globalThis as any).mermaid;
  const doc = (globalThis as any).document;
  try {
    await doc.fonts.load('24px "Atkinson Hyperlegible"', code);
    await doc.fonts.load('bold 24px "Atkinson Hyperlegible"', code);
    await doc.fonts.load('24px "Noto Sans SC"', code);
    await mermaid.parse(code);
    const { svg } = await mermaid.render(id, code);
    return { svg };
  } catch (error) {
    return { error: String((error as Error)?.message ?? error) };
  }
};
