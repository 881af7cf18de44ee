/**
 * Mermaid at build time: every ```` ```mermaid ```` block becomes an inline SVG, from the
 * committed cache (`diagram-cache.ts`) or drawn in Chromium (`diagram-draw.ts`), checked for
 * settings it may not change (`diagram-directives.ts`), sanitised as it is inlined
 * (`sanitise-svg.ts`), and followed by its text version (`diagram-text.ts`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Translate } from '../i18n/strings.ts';
import { html, raw, type SafeHtml } from '../shared/html.ts';
import { CHROMIUM_HELP, findChromium } from './chromium.ts';
import { CACHE_DIR, diagramKey, readCached, writeCached, type CachedDiagram } from './diagram-cache.ts';
import { sourceLine, withTitleAndDescription } from './diagram-accessible.ts';
import { checkDiagramSettings } from './diagram-directives.ts';
import { drawDiagrams, MERMAID_VERSION } from './diagram-draw.ts';
import { modelFromParse } from './diagram-model.ts';
import { diagramTextHtml } from './diagram-text.ts';
import type { SourceIssue } from './errors.ts';
import type { DiagramRef } from './render-env.ts';
import { sanitiseSvg } from './sanitise-svg.ts';

/** Where sanitised drawings are remembered between builds (see `sanitiseSvg`); a build cache, never committed. */
const SANITISED_MEMO = 'node_modules/.cache/kit/sanitised-svg';

/** The deck's font stack; diagrams are measured and shown in it. */
export const FONT_STACK = '"Atkinson Hyperlegible", "Noto Sans SC", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/**
 * Node labels centred in their shapes, for every type of diagram. Mermaid's shared node shapes
 * (flowchart, mindmap, state, class…) place an SVG-text label in one of two ways: its group
 * moved left by half the label's width, the text starting there; or its group at x=0, the
 * shape's centre, leaving it to the diagram type's stylesheet to centre the text on that point.
 * The flowchart's stylesheet does (`.node .label text`); the mindmap's does not, so a mindmap's
 * root label began at its circle's centre and ran out of it to the right. The kit's stylesheet
 * centres every label of the second kind, and only those, in every type (authors' `themeCSS`
 * stays refused).
 */
const LABELS_CENTRED = '.node .label[transform^="translate(0,"] text { text-anchor: middle; }';

/**
 * No CSS filter on what holds labels: Chromium prints a filtered group as an image, so a
 * timeline's events (lightened by `filter: brightness(120%)`) lost their words in the PDF (no
 * text to search, copy or read aloud). Their boxes keep their section's colour instead.
 */
const LABELS_PRINT_AS_TEXT = '.eventWrapper { filter: none; }';

/**
 * A journey writes its section and task labels white (`fill="#fff"`), meant for dark boxes; on
 * the deck's light boxes they could not be seen. They take the deck's text colour.
 */
const JOURNEY_LABELS_DARK = 'text.journey-section, text.task { fill: #14181f; }';

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
    themeCSS: [LABELS_CENTRED, LABELS_PRINT_AS_TEXT, JOURNEY_LABELS_DARK].join(' '),
    flowchart: { htmlLabels: false, useMaxWidth: false, curve: 'basis', padding: 12, nodeSpacing: 40, rankSpacing: 50 },
    // A journey's labels as SVG text (its default is HTML in a foreignObject, which the sanitiser
    // removes: its sections lost their names), in the deck's font at a readable size, in boxes
    // wide enough for a few words at that size (its text does not wrap).
    journey: { textPlacement: 'tspan', taskFontFamily: FONT_STACK, taskFontSize: 20, width: 200, titleFontFamily: FONT_STACK },
    // Quadrant labels at the size of the deck's other diagram labels (Mermaid's are 12–16px).
    quadrantChart: { pointLabelFontSize: 20, quadrantLabelFontSize: 22, xAxisLabelFontSize: 20, yAxisLabelFontSize: 20 },
    // A Gantt chart's tasks and sections at a size a room can read (Mermaid's default is 11px).
    gantt: { fontSize: 20, sectionFontSize: 20, barHeight: 36, barGap: 8, topPadding: 60, leftPadding: 140 },
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
      // Pie slices told apart from the slide and from each other (Mermaid's are the pale node
      // colours at 70% opacity), each with the deck's text colour readable on it (6:1 or more).
      pieOpacity: '1',
      pie1: '#6b98d0',
      pie2: '#e07a70',
      pie3: '#8f9aa8',
      pie4: '#d9a52b',
      pie5: '#a58bc9',
      pie6: '#5fa88a',
      pieSectionTextColor: '#14181f',
    },
  },
};

/**
 * Told as each diagram that was not in the cache has been drawn: how many of how many, and
 * which (`slides/04-emerging.md:42`); told once with 0 (and no name) before Chromium starts.
 * The CLI shows progress with it; the deck prints nothing.
 */
export type OnDiagramDrawn = (done: number, total: number, name: string) => void;

export interface RenderedDiagrams {
  /** Each key's drawing and Mermaid's reading of it. */
  entries: Map<string, CachedDiagram>;
  /** The key of each diagram, in the order given. */
  keys: string[];
  /** How many were drawn now (not found in the cache). */
  rendered: number;
  issues: SourceIssue[];
}

/**
 * Gives every diagram's drawing and reading: from the cache when it has both, otherwise drawn
 * by Mermaid in headless Chromium and stored in the cache. A diagram whose source changes a
 * setting the kit does not allow is refused, cached or not.
 */
export async function renderDiagrams(
  root: string,
  diagrams: DiagramRef[],
  theme: DiagramTheme = DEFAULT_THEME,
  onDrawn?: OnDiagramDrawn,
): Promise<RenderedDiagrams> {
  const keys = diagrams.map((d) => diagramKey(d.code, theme.config, MERMAID_VERSION));
  const entries = new Map<string, CachedDiagram>();
  const issues: SourceIssue[] = [];
  const missing = new Map<string, DiagramRef>();
  for (const [i, diagram] of diagrams.entries()) {
    const key = keys[i]!;
    const refused = checkDiagramSettings(diagram);
    issues.push(...refused);
    if (refused.length > 0 || entries.has(key) || missing.has(key)) continue;
    const cached = readCached(root, key);
    if (cached) entries.set(key, cached);
    else missing.set(key, diagram);
  }
  if (missing.size === 0) return { entries, keys, rendered: 0, issues };

  if (!findChromium()) {
    for (const [key, diagram] of missing) {
      issues.push({
        file: diagram.file,
        line: diagram.line,
        message: `this diagram is new or changed (cache key ${key}) and drawing it needs a browser: ${CHROMIUM_HELP}, then build again; the drawing is then kept in ${CACHE_DIR}/ as ${key}.svg and ${key}.json (commit both)`,
      });
    }
    return { entries, keys, rendered: 0, issues };
  }

  const jobs = [...missing];
  onDrawn?.(0, jobs.length, '');
  const drawings = await drawDiagrams(
    jobs.map(([key, d]) => ({ id: `d-${key}`, code: d.code })),
    theme.config,
    FONT_STACK,
    onDrawn && ((i) => onDrawn(i + 1, jobs.length, `${jobs[i]![1].file}:${jobs[i]![1].line}`)),
  );
  let rendered = 0;
  for (const [i, [key, diagram]] of jobs.entries()) {
    const drawing = drawings[i]!;
    if ('error' in drawing) {
      const line = /line (\d+)/i.exec(drawing.error)?.[1];
      issues.push({
        file: diagram.file,
        line: diagram.line + (line ? sourceLine(diagram.code, Number(line)) : 1),
        message: `Mermaid cannot draw this diagram: ${drawing.error.replace(/\s+/g, ' ').trim()}`,
      });
      continue;
    }
    const entry = { svg: drawing.svg, model: modelFromParse(drawing.parse) };
    writeCached(root, key, entry);
    entries.set(key, entry);
    rendered++;
  }
  return { entries, keys, rendered, issues };
}

/**
 * The diagrams as the page shows them, in the order given: each drawing sanitised, its copies
 * on one page numbered (so element ids stay unique), presented as one image named by its title
 * and described by its description, and followed by its text version. A cached file that is
 * not a drawing is an issue at the diagram's line.
 */
export async function diagramFigures(
  root: string,
  diagrams: DiagramRef[],
  rendered: RenderedDiagrams,
  t: Translate,
): Promise<{ figures: SafeHtml[]; issues: SourceIssue[] }> {
  const clean = new Map<string, string | undefined>();
  const memo = existsSync(join(root, 'node_modules')) ? join(root, SANITISED_MEMO) : undefined;
  for (const key of new Set(rendered.keys)) {
    const entry = rendered.entries.get(key);
    if (entry) clean.set(key, await sanitiseSvg(entry.svg, memo));
  }
  const issues: SourceIssue[] = [];
  const seen = new Map<string, number>();
  const figures = diagrams.map((diagram, i) => {
    const key = rendered.keys[i]!;
    const svg = clean.get(key);
    const model = rendered.entries.get(key)?.model;
    if (!svg || !model) {
      issues.push({ file: diagram.file, line: diagram.line, message: `${CACHE_DIR}/${key}.svg is not a drawing: delete it and build again (with Chromium) to draw the diagram anew` });
      return html``;
    }
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    const copy = count === 1 ? svg : svg.replaceAll(`d-${key}`, `d-${key}-${count}`);
    // The drawing is one image named by its title and described by its description (its labels,
    // split into pieces by the layout, would read as fragments); the text version that follows
    // gives its boxes and arrows in order.
    const image = withTitleAndDescription(copy, diagram.title, diagram.description)
      .replace(/^<svg\b[^>]*>/, (tag) => tag.replace(/\brole="[^"]*"/, 'role="img"').replace(/\baria-roledescription="[^"]*"/, () => html`aria-roledescription="${t('diagram.role')}"`.toString()))
      .replace(/<\/style><g\b/, '</style><g aria-hidden="true"');
    // raw: `image` is DOMPurify's output, changed only in attributes written above and by the escaped title and description.
    return html`<figure class="diagram" data-diagram="${key}">${raw(image)}${diagramTextHtml(model, t, diagram)}</figure>`;
  });
  return { figures, issues };
}
