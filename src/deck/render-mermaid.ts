import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { SourceIssue } from './errors.ts';
import { CHROMIUM_HELP, findChromium, launchChromium } from './chromium.ts';
import type { Translate } from '../i18n/strings.ts';
import { escapeHtml } from '../shared/escape-html.ts';

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

// ---------- Text version of a flowchart ----------

/** A flowchart read from its Mermaid source: boxes, groups (subgraphs) and links. */
export interface FlowchartText {
  nodes: { id: string; label: string }[];
  groups: { id: string; title: string; members: string[] }[];
  /** `dashed` links are the kit's reading, solid ones what the source states (the deck's diagram convention). */
  edges: { from: string; to: string; kind: 'to' | 'both' | 'line'; dashed: boolean; label?: string }[];
}

const RE_BR = /<br\s*\/?>/gi;
/** Statements that draw nothing a reader needs: styling, interaction, accessibility lines (said elsewhere). */
const RE_SKIP = /^(?:%%|accTitle\s*:|accDescr\s*:|classDef\s|class\s|style\s|linkStyle\s|click\s|direction\s|(?:flowchart|graph)\b)/;
const OPENERS: Record<string, string> = { '((': '))', '([': '])', '[[': ']]', '[(': ')]', '[/': '/]', '[\\': '\\]', '{{': '}}', '(': ')', '[': ']', '{': '}', '>': ']' };
/** A link: `-->`, `---`, `-.->`, `==>`, `<-->`, `--o`, `--x`, with `|text|` or `-- text -->`. */
const RE_LINK_TEXT = /^\s*(<)?(--|==|-\.)\s*([^\s|>.=-][^]*?)\s*(-{2,}|={2,}|\.-+)(>)?(?=\s|$)/;
const RE_LINK = /^\s*([<ox])?(-{2,}|={2,}|-\.+-|-\.-+|~{3,})(>|o(?=\s)|x(?=\s))?\s*(?:\|([^|]*)\|)?/;

const cleanLabel = (text: string) =>
  text.replace(/^"([^]*)"$/, '$1').replace(RE_BR, ' ').replace(/#quot;/g, '"').replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();

/** Reads a node reference at the start of `rest`: `ID`, `ID["label"]`, `ID(label)`, `ID{label}`… */
function readNode(rest: string, spaced = false): { id: string; label?: string; length: number } | undefined {
  const idMatch = /^\s*([^\s\[\](){}<>&|"=:;.-][^\s\[\](){}<>&|";]*?)(?=[\s\[\](){}>&|;]|-[-.>]|=[=>]|$)/.exec(rest);
  if (!idMatch) return undefined;
  let at = idMatch[0].length;
  // `subgraph id [title]` may put a space before the title.
  if (spaced) at += /^\s*/.exec(rest.slice(at))![0].length;
  const id = idMatch[1]!;
  let label: string | undefined;
  const opener = ['((', '([', '[[', '[(', '[/', '[\\', '{{', '(', '[', '{', '>'].find((o) => rest.startsWith(o, at));
  if (opener) {
    const closer = OPENERS[opener]!;
    let start = at + opener.length;
    let end: number;
    if (rest[start] === '"') {
      const quote = rest.indexOf('"', start + 1);
      end = rest.indexOf(closer, quote < 0 ? start : quote + 1);
    } else end = rest.indexOf(closer, start);
    if (end < 0) end = rest.length;
    label = cleanLabel(rest.slice(start, end));
    at = Math.min(rest.length, end + closer.length);
  }
  const cls = /^:::[\w-]+/.exec(rest.slice(at));
  if (cls) at += cls[0].length;
  return { id, label, length: at };
}

/** Reads a Mermaid flowchart's source into boxes, groups and links; other diagram types give nothing. */
export function readFlowchart(code: string): FlowchartText | undefined {
  const lines = code.split('\n').map((l) => l.trim());
  if (!/^(?:flowchart|graph)\b/.test(lines.find((l) => l && !l.startsWith('%%')) ?? '')) return undefined;
  const nodes = new Map<string, string | undefined>();
  const groups: FlowchartText['groups'] = [];
  const edges: FlowchartText['edges'] = [];
  const member = new Map<string, string>();
  const stack: FlowchartText['groups'] = [];
  let inAccBlock = false;
  const mention = (id: string, label?: string) => {
    if (groups.some((g) => g.id === id)) return;
    if (!nodes.has(id) || (label && !nodes.get(id))) nodes.set(id, label ?? nodes.get(id));
    const group = stack.at(-1);
    if (group && !member.has(id)) {
      member.set(id, group.id);
      group.members.push(id);
    }
  };
  const statements: string[] = [];
  for (const line of lines) {
    if (inAccBlock) {
      if (line.includes('}')) inAccBlock = false;
      continue;
    }
    if (!line || RE_SKIP.test(line)) continue;
    if (/^accDescr\s*\{/.test(line)) {
      inAccBlock = !line.includes('}');
      continue;
    }
    statements.push(...line.split(/;\s*(?=\S|$)/).map((s) => s.trim()).filter(Boolean));
  }
  for (const line of statements) {
    const sub = /^subgraph\s+(.+)$/.exec(line);
    if (sub) {
      const node = readNode(sub[1]!, true);
      const id = node && node.length === sub[1]!.length ? node.id : sub[1]!.trim();
      const title = node?.label ?? cleanLabel(id);
      const group = { id, title, members: [] as string[] };
      const parent = stack.at(-1);
      if (parent) parent.members.push(id);
      groups.push(group);
      stack.push(group);
      continue;
    }
    if (line === 'end') {
      stack.pop();
      continue;
    }
    // A chain: group (& group)* (link group (& group)*)*
    let rest = line;
    let previous: string[] | undefined;
    let link: { kind: FlowchartText['edges'][number]['kind']; reverse: boolean; dashed: boolean; label?: string } | undefined;
    for (;;) {
      const ids: string[] = [];
      for (;;) {
        const node = readNode(rest);
        if (!node) break;
        mention(node.id, node.label);
        ids.push(node.id);
        rest = rest.slice(node.length);
        const amp = /^\s*&\s*/.exec(rest);
        if (!amp) break;
        rest = rest.slice(amp[0].length);
      }
      if (!ids.length) break;
      if (previous && link) {
        const { kind, dashed, label } = link;
        for (const a of previous) for (const b of ids) edges.push(link.reverse ? { from: b, to: a, kind, dashed, label } : { from: a, to: b, kind, dashed, label });
      }
      previous = ids;
      const text = RE_LINK_TEXT.exec(rest);
      const plain = text ? undefined : RE_LINK.exec(rest);
      if (!text && !plain) break;
      // An arrowhead, a circle or a cross at an end: the link points that way.
      const left = !!(text ? text[1] : plain![1]);
      const right = !!(text ? text[5] : plain![3]);
      const label = cleanLabel(text ? text[3]! : (plain![4] ?? '')) || undefined;
      const dashed = (text ? text[2]! : plain![2]!).includes('.');
      link = { kind: left && right ? 'both' : left || right ? 'to' : 'line', reverse: left && !right, dashed, label };
      rest = rest.slice((text ?? plain)![0].length);
    }
  }
  const name = (id: string) => nodes.get(id) ?? cleanLabel(id);
  return {
    nodes: [...nodes.keys()].map((id) => ({ id, label: name(id) })),
    groups,
    edges,
  };
}

/**
 * The text version of a flowchart, as a disclosure under the drawing: its boxes, its groups
 * and every arrow "A → B" (a screen reader hears "A points to B"), with the arrows' labels.
 * Empty for a diagram that is not a flowchart (its title and description still speak for it).
 */
export function diagramTextHtml(code: string, t: Translate): string {
  const chart = readFlowchart(code);
  if (!chart || chart.nodes.length === 0) return '';
  const esc = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const label = (id: string) => chart.nodes.find((n) => n.id === id)?.label ?? chart.groups.find((g) => g.id === id)?.title ?? id;
  const arrow = { to: ['→', t('diagram.to')], both: ['↔', t('diagram.bothWays')], line: ['—', t('diagram.linked')] } as const;
  const parts = [
    `<p><strong>${esc(t('diagram.boxes'))}</strong></p>`,
    `<ul class="diagram-boxes">${chart.nodes.map((n) => `<li>${esc(n.label)}</li>`).join('')}</ul>`,
  ];
  if (chart.groups.length) {
    parts.push(
      `<p><strong>${esc(t('diagram.groups'))}</strong></p>`,
      `<ul>${chart.groups.map((g) => `<li>${esc(t('diagram.group', { title: g.title, items: g.members.map(label).join('; ') }))}</li>`).join('')}</ul>`,
    );
  }
  if (chart.edges.length) {
    parts.push(
      `<p><strong>${esc(t('diagram.arrows'))}</strong></p>`,
      `<ul>${chart.edges
        .map((e) => {
          const [symbol, words] = arrow[e.kind];
          const note = (e.label ? ` ${esc(t('diagram.label', { label: e.label }))}` : '') + (e.dashed ? ` ${esc(t('diagram.reading'))}` : '');
          return `<li>${esc(label(e.from))} <span aria-hidden="true">${symbol}</span><span class="visually-hidden">${esc(words)}</span> ${esc(label(e.to))}${note}</li>`;
        })
        .join('')}</ul>`,
    );
  }
  return `${diagramLegendHtml(chart, t)}<details class="diagram-text"><summary>${esc(t('diagram.textVersion'))}</summary><div class="diagram-text-body" tabindex="0">${parts.join('')}</div></details>`;
}

/**
 * The key to a flowchart's arrows, under the drawing: solid for what the source states,
 * dashed for the kit's reading. Shown whenever the diagram has arrows, so a solid arrow is
 * never left to be guessed at.
 */
function diagramLegendHtml(chart: FlowchartText, t: Translate): string {
  if (chart.edges.length === 0) return '';
  const item = (kind: string, text: string) => `<span class="legend-item"><span class="legend-line ${kind}" aria-hidden="true"></span>${escapeHtml(text)}</span>`;
  const items = [item('solid', t('diagram.legendStated'))];
  if (chart.edges.some((e) => e.dashed)) items.push(item('dashed', t('diagram.legendReading')));
  return `<p class="diagram-legend">${items.join('')}</p>`;
}
