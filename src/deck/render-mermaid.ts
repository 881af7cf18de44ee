/**
 * Mermaid at build time: every ```` ```mermaid ```` block becomes an inline SVG, from the
 * committed cache (`diagram-cache.ts`) or drawn in Chromium (`diagram-draw.ts`), checked for
 * settings it may not change (`diagram-directives.ts`), sanitised as it is inlined
 * (`sanitise-svg.ts`), and followed by its text version (`diagram-text.ts`). A flowchart too
 * wide for a phone's column is drawn twice: as written, and in the layout that fits the column
 * (`diagram-phone.ts`); the page carries both and CSS shows one.
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
import { choosePhoneLayout, COMPACT_SPACING, drawingWidth, layoutsTried, PHONE_COLUMN, phoneLayouts, readPhoneChoice, writePhoneChoice, type PhoneLayout } from './diagram-phone.ts';
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
    // A group's title gets room above its boxes (Mermaid's default, none, put it on the top box's border when drawn top to bottom).
    flowchart: { htmlLabels: false, useMaxWidth: false, curve: 'basis', padding: 12, nodeSpacing: 40, rankSpacing: 50, subGraphTitleMargin: { top: 8, bottom: 16 } },
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
  /** Each key's drawing and Mermaid's reading of it (narrow drawings included). */
  entries: Map<string, CachedDiagram>;
  /** The key of each diagram, in the order given. */
  keys: string[];
  /** The key of each diagram's drawing for phones (diagram-phone.ts), in the same order; undefined where the drawing as written serves. */
  narrowKeys: (string | undefined)[];
  /** How many drawings were made now (not found in the cache), narrow ones included. */
  rendered: number;
  issues: SourceIssue[];
}

const COMPACT_THEMES = new WeakMap<DiagramTheme, DiagramTheme>();

/** The theme with `COMPACT_SPACING`: the last layouts tried for a phone (see diagram-phone.ts); one per theme, so its drawings share a browser. */
function compactTheme(theme: DiagramTheme): DiagramTheme {
  let compact = COMPACT_THEMES.get(theme);
  if (!compact) {
    const flowchart = { ...(theme.config.flowchart as Record<string, unknown>), ...COMPACT_SPACING };
    compact = { name: `${theme.name}-compact`, config: { ...theme.config, flowchart } };
    COMPACT_THEMES.set(theme, compact);
  }
  return compact;
}

/**
 * The layouts a phone may show for a diagram (`phoneLayouts`), each with the theme it is drawn
 * in and its cache key; none for a diagram that is not a flowchart.
 */
export function phoneDrawings(code: string, theme: DiagramTheme = DEFAULT_THEME): { layout: PhoneLayout; theme: DiagramTheme; key: string }[] {
  const compact = compactTheme(theme);
  return phoneLayouts(code).map((layout) => {
    const drawnIn = layout.compact ? compact : theme;
    return { layout, theme: drawnIn, key: diagramKey(layout.code, drawnIn.config, MERMAID_VERSION) };
  });
}

/** One drawing to make: the diagram it belongs to, its source and theme, and what it is for. */
interface DrawJob {
  key: string;
  diagram: DiagramRef;
  code: string;
  theme: DiagramTheme;
  /** For a layout tried for a phone: the diagram's place in the deck, and the layout's among those tried. */
  phone?: { diagram: number; layout: number };
}

/**
 * Gives every diagram's drawing and reading: from the cache when it has both, otherwise drawn
 * by Mermaid in headless Chromium and stored in the cache; and for a flowchart wider than a
 * phone's column, the drawing a phone shows (diagram-phone.ts), chosen once and kept in the
 * cache. A diagram whose source changes a setting the kit does not allow is refused, cached or not.
 */
export async function renderDiagrams(
  root: string,
  diagrams: DiagramRef[],
  theme: DiagramTheme = DEFAULT_THEME,
  onDrawn?: OnDiagramDrawn,
): Promise<RenderedDiagrams> {
  const keys = diagrams.map((d) => diagramKey(d.code, theme.config, MERMAID_VERSION));
  const narrowKeys: (string | undefined)[] = diagrams.map(() => undefined);
  const entries = new Map<string, CachedDiagram>();
  const issues: SourceIssue[] = [];
  const missing = new Map<string, DrawJob>();
  /** The diagrams (by index) whose phone drawing is still to choose, with the layouts to try. */
  const choosing = new Map<number, ReturnType<typeof phoneDrawings>>();
  for (const [i, diagram] of diagrams.entries()) {
    const refused = checkDiagramSettings(diagram);
    issues.push(...refused);
    if (refused.length > 0) continue;
    const key = keys[i]!;
    if (!entries.has(key) && !missing.has(key)) {
      const cached = readCached(root, key);
      if (cached) entries.set(key, cached);
      else missing.set(key, { key, diagram, code: diagram.code, theme });
    }
    const layouts = phoneDrawings(diagram.code, theme);
    if (layouts.length === 0) continue;
    const choice = readPhoneChoice(root, key);
    const chosen = choice?.key ? readCached(root, choice.key) : undefined;
    if (choice && choice.tried === layoutsTried(layouts.map((layout) => layout.key)) && (choice.key === null || chosen)) {
      if (choice.key && chosen) {
        entries.set(choice.key, chosen);
        narrowKeys[i] = choice.key;
      }
    } else choosing.set(i, layouts);
  }
  if (missing.size === 0 && choosing.size === 0) return { entries, keys, narrowKeys, rendered: 0, issues };

  if (!findChromium()) {
    for (const { key, diagram } of missing.values()) {
      issues.push({
        file: diagram.file,
        line: diagram.line,
        message: `this diagram is new or changed (cache key ${key}) and drawing it needs a browser: ${CHROMIUM_HELP}, then build again; the drawing is then kept in ${CACHE_DIR}/ as ${key}.svg and ${key}.json (commit both)`,
      });
    }
    for (const i of choosing.keys()) {
      // One message per diagram: drawing it anew chooses its phone layout too.
      if (missing.has(keys[i]!)) continue;
      issues.push({
        file: diagrams[i]!.file,
        line: diagrams[i]!.line,
        message: `this diagram's layout for phones is not chosen yet (cache key ${keys[i]}) and choosing it draws the diagram in other layouts, which needs a browser: ${CHROMIUM_HELP}, then build again; the choice is then kept in ${CACHE_DIR}/ as ${keys[i]}.phone.json, with its drawing (commit them)`,
      });
    }
    return { entries, keys, narrowKeys, rendered: 0, issues };
  }

  let rendered = 0;
  let done = 0;
  let total = missing.size;
  /** Draws the jobs, each theme in one browser, telling progress; gives each job's drawing, or undefined where Mermaid could not draw it. */
  const draw = async (jobs: DrawJob[]): Promise<(CachedDiagram | undefined)[]> => {
    const out: (CachedDiagram | undefined)[] = [];
    for (const theme of new Set(jobs.map((job) => job.theme))) {
      const group = jobs.flatMap((job, n) => (job.theme === theme ? [n] : []));
      const drawings = await drawDiagrams(
        group.map((n) => ({ id: `d-${jobs[n]!.key}`, code: jobs[n]!.code })),
        theme.config,
        FONT_STACK,
        onDrawn && ((i) => onDrawn(++done, total, `${jobs[group[i]!]!.diagram.file}:${jobs[group[i]!]!.diagram.line}${jobs[group[i]!]!.phone ? ' (for phones)' : ''}`)),
      );
      for (const [i, drawing] of drawings.entries()) {
        const job = jobs[group[i]!]!;
        if (!('error' in drawing)) out[group[i]!] = { svg: drawing.svg, model: modelFromParse(drawing.parse) };
        // A layout tried for a phone that Mermaid cannot draw is only not chosen.
        else if (!job.phone) {
          const line = /line (\d+)/i.exec(drawing.error)?.[1];
          issues.push({
            file: job.diagram.file,
            line: job.diagram.line + (line ? sourceLine(job.diagram.code, Number(line)) : 1),
            message: `Mermaid cannot draw this diagram: ${drawing.error.replace(/\s+/g, ' ').trim()}`,
          });
        }
      }
    }
    return out;
  };

  onDrawn?.(0, total, '');
  const wide = [...missing.values()];
  for (const [i, entry] of (await draw(wide)).entries()) {
    if (!entry) continue;
    writeCached(root, wide[i]!.key, entry);
    entries.set(wide[i]!.key, entry);
    rendered++;
  }

  // The phone's drawing: the layouts tried in rounds (the kit's spacing, then compact), each round
  // only for the diagrams no layout has fitted yet; the choice and its drawing kept in the cache.
  const tried = new Map<number, { layouts: ReturnType<typeof phoneDrawings>; widths: (number | undefined)[]; drawings: (CachedDiagram | undefined)[] }>();
  for (const [i, layouts] of choosing) {
    if (entries.has(keys[i]!)) tried.set(i, { layouts, widths: layouts.map(() => undefined), drawings: layouts.map(() => undefined) });
  }
  const writtenWidth = (i: number) => drawingWidth(entries.get(keys[i]!)!.svg) ?? Infinity;
  for (const round of [false, true]) {
    const jobs: DrawJob[] = [];
    for (const [i, t] of tried) {
      if (writtenWidth(i) <= PHONE_COLUMN || t.widths.some((w) => w !== undefined && w <= PHONE_COLUMN)) continue;
      for (const [n, { layout, theme: drawnIn, key }] of t.layouts.entries()) {
        if (layout.compact === round) jobs.push({ key, diagram: diagrams[i]!, code: layout.code, theme: drawnIn, phone: { diagram: i, layout: n } });
      }
    }
    if (jobs.length === 0) continue;
    total += jobs.length;
    const drawn = await draw(jobs);
    for (const [j, { phone }] of jobs.entries()) {
      const t = tried.get(phone!.diagram)!;
      t.drawings[phone!.layout] = drawn[j];
      t.widths[phone!.layout] = drawn[j] && drawingWidth(drawn[j].svg);
    }
  }
  for (const [i, t] of tried) {
    const written = writtenWidth(i);
    const n = choosePhoneLayout(written, t.widths);
    const chosen = t.layouts[n];
    const drawing = t.drawings[n];
    const layouts = layoutsTried(t.layouts.map((l) => l.key));
    if (chosen && drawing) {
      writeCached(root, chosen.key, drawing);
      entries.set(chosen.key, drawing);
      narrowKeys[i] = chosen.key;
      rendered++;
      writePhoneChoice(root, keys[i]!, { key: chosen.key, change: chosen.layout.change, width: { written, chosen: t.widths[n]! }, tried: layouts });
    } else writePhoneChoice(root, keys[i]!, { key: null, change: '', width: { written, chosen: written }, tried: layouts });
  }
  return { entries, keys, narrowKeys, rendered, issues };
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
  for (const key of new Set([...rendered.keys, ...rendered.narrowKeys])) {
    const entry = key === undefined ? undefined : rendered.entries.get(key);
    if (entry) clean.set(key!, await sanitiseSvg(entry.svg, memo));
  }
  for (const [key, svg] of clean) if (svg) clean.set(key, compactDrawing(svg));
  const issues: SourceIssue[] = [];
  const seen = new Map<string, number>();
  /** A drawing as the page shows it: its copies numbered, and one image named by its title (see below). */
  const image = (key: string, count: number, diagram: DiagramRef, layout?: 'wide' | 'narrow') => {
    const svg = clean.get(key)!;
    const copy = withTitleAndDescription(count === 1 ? svg : svg.replaceAll(`d-${key}`, `d-${key}-${count}`), diagram.title, diagram.description);
    // The drawing is one image named by its title and described by its description (its labels,
    // split into pieces by the layout, would read as fragments); the text version that follows
    // gives its boxes and arrows in order. A figure with two layouts marks each (CSS shows one).
    const mark = layout ? html` data-layout="${layout}"`.toString() : '';
    return copy
      .replace(/^<svg\b[^>]*>/, (tag) => tag.replace(/\brole="[^"]*"/, 'role="img"').replace(/\baria-roledescription="[^"]*"/, () => html`aria-roledescription="${t('diagram.role')}"`.toString()).replace(/>$/, `${mark}>`))
      .replace(/<\/style><g\b/, '</style><g aria-hidden="true"');
  };
  const figures = diagrams.map((diagram, i) => {
    const key = rendered.keys[i]!;
    const narrowKey = rendered.narrowKeys[i];
    const model = rendered.entries.get(key)?.model;
    const broken = [key, narrowKey].find((k) => k !== undefined && !clean.get(k));
    if (broken !== undefined || !model) {
      issues.push({ file: diagram.file, line: diagram.line, message: `${CACHE_DIR}/${broken ?? key}.svg is not a drawing: delete it and build again (with Chromium) to draw the diagram anew` });
      return html``;
    }
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    // raw: DOMPurify's output, changed only in attributes written above and by the escaped title and description.
    const drawings =
      narrowKey === undefined ? raw(image(key, count, diagram)) : raw(sharing(image(key, count, diagram, 'wide'), image(narrowKey, count, diagram, 'narrow')));
    return html`<figure class="diagram" data-diagram="${key}">${drawings}${diagramTextHtml(model, t, diagram)}</figure>`;
  });
  return { figures, issues };
}

/**
 * A diagram's two drawings, the narrow one sharing what it holds the same as the wide one, so
 * the page carries it once: its name and description (the wide one's title and description; a
 * screen reader reads a hidden element that a name points at) and its style (Mermaid's rules,
 * scoped to the drawing's id, are the same for both: the wide one's apply to both ids).
 */
function sharing(wide: string, narrow: string): string {
  const attr = (svg: string, name: string) => new RegExp(`^<svg\\b[^>]*\\b${name}="([^"]+)"`).exec(svg)?.[1];
  const [title, desc, wideId, narrowId] = [attr(wide, 'aria-labelledby'), attr(wide, 'aria-describedby'), attr(wide, 'id'), attr(narrow, 'id')];
  const wideStyle = /<style>([^<]*)<\/style>/.exec(wide)?.[1];
  const narrowStyle = /<style>([^<]*)<\/style>/.exec(narrow)?.[1];
  if (!title || !desc || !wideId || !narrowId || wideStyle === undefined || narrowStyle === undefined) return wide + narrow;
  // Only when the rules are the same but for the id: otherwise each keeps its own.
  const shareStyle = narrowStyle.replaceAll(`#${narrowId}`, `#${wideId}`) === wideStyle;
  const both = shareStyle ? wide.replace(wideStyle, () => wideStyle.replaceAll(`#${wideId}`, `:is(#${wideId},#${narrowId})`)) : wide;
  const named = narrow
    .replace(/^<svg\b[^>]*>/, (tag) => tag.replace(/\baria-labelledby="[^"]*"/, `aria-labelledby="${title}"`).replace(/\baria-describedby="[^"]*"/, `aria-describedby="${desc}"`))
    .replace(/<title\b[^>]*>[\s\S]*?<\/title>/, '')
    .replace(/<desc\b[^>]*>[\s\S]*?<\/desc>/, '');
  return both + (shareStyle ? named.replace(/<style>[^<]*<\/style>/, '') : named);
}

/** Attributes of shape and place, whose numbers Mermaid writes with up to 16 decimals. */
const RE_GEOMETRY = /\b(d|transform|x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|width|height|viewBox|points)="([^"]*)"/g;
/** What Mermaid writes for its own scripts (edge animation, interaction), which the page never runs. */
const RE_SCRIPT_DATA = / data-(?:points|et|edge|id)="[^"]*"/g;
/** A label's words in the normal style and weight, as they would be anyway (no rule or parent sets another): Mermaid says so on every word. */
const RE_NORMAL_FONT = / font-(?:style|weight)="normal"/g;
/** A box with no size, which draws nothing: Mermaid writes two behind every label, sized only for an edge's label. */
const RE_EMPTY_RECT = /<rect(?: class="background")?(?: style="stroke: none")?><\/rect>/g;
/** A definition an arrow or a shape may point at with `url(#id)`. */
const RE_DEFINITION = /<(marker|filter|linearGradient)\b[^>]*\bid="([^"]+)"[^>]*>[\s\S]*?<\/\1>/g;

/**
 * A drawing without what no one sees: numbers cut to hundredths of a pixel, the data Mermaid
 * keeps for scripts the page does not run, attributes that change nothing (a normal font, an
 * empty style, a class named twice), boxes with no size, and definitions (arrowheads, filters,
 * gradients) that nothing points at (Mermaid defines twelve arrowheads in every flowchart). A
 * flowchart too wide for a phone is drawn twice, and the one-file offline deck has a budget (1.5 MiB).
 */
export function compactDrawing(svg: string): string {
  const out = withoutNeoLook(svg)
    .replace(RE_GEOMETRY, (_, name: string, value: string) => `${name}="${value.replace(/(\d+\.\d\d)\d+/g, '$1')}"`)
    .replace(RE_SCRIPT_DATA, '')
    .replace(RE_NORMAL_FONT, '')
    .replace(/ style=";?"/g, '')
    .replace(RE_EMPTY_RECT, '')
    .replace(/ class="([^"]*)"/g, (_, names: string) => ` class="${[...new Set(names.split(/\s+/).filter(Boolean))].join(' ')}"`);
  return out.replace(RE_DEFINITION, (whole, _tag: string, id: string) => (out.includes(`#${id})`) || out.includes(`#${id}"`) ? whole : '')).replace(/<defs><\/defs>/g, '');
}

/** A style rule whose selectors all match Mermaid's "neo" look: `#d-… [data-look=neo].node rect,…{…}`. */
const RE_NEO_RULE = /(?<=[{}>])[^{}<]*\[data-look=["']?neo["']?\][^{}<]*\{[^}]*\}/g;

/**
 * The drawing without Mermaid's "neo" look when it is drawn in the classic one (the theme's): its
 * rules (shadows, and strokes from a gradient) match nothing, and then neither the gradient nor
 * the `data-look` marks serve anything.
 */
function withoutNeoLook(svg: string): string {
  if (/ data-look="neo"/.test(svg)) return svg;
  const styled = svg.replace(RE_NEO_RULE, (rule) => (rule.slice(0, rule.indexOf('{')).split(',').every((selector) => selector.includes('data-look')) ? '' : rule));
  return /data-look/.test(styled.replace(/ data-look="[^"]*"/g, '')) ? styled : styled.replace(/ data-look="[^"]*"/g, '');
}
