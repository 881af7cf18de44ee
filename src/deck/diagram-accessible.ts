/**
 * A diagram's title and description, one way for every type: the author starts the diagram
 * with `accTitle:` and `accDescr:` (or `accDescr { … }` over several lines), and the kit reads
 * them itself. Mermaid accepts them in some types and refuses them in others (a mindmap stops
 * with "There can be only one root"), so the kit takes them out of the source before Mermaid
 * sees it, whatever the type, and writes them into the drawing the way Mermaid does
 * (`<title>`, `<desc>`, `aria-labelledby`, `aria-describedby`) and into the text version.
 * A drawing then no longer depends on its words for a screen reader: translating a title does
 * not draw the diagram again.
 */
import { html } from '../shared/html.ts';

/** What `readAccessible` found: the title and description, and the source Mermaid is given. */
export interface AccessibleSource {
  title?: string;
  description?: string;
  /**
   * The source with the title and description lines turned into comments, which Mermaid drops
   * as it reads (an empty line would not do: a mindmap refuses one before its root). The lines
   * stay, so the source keeps the file's lines; `fileLine` maps Mermaid's line numbers back.
   */
  code: string;
}

/** A line that stands for one the kit took out (Mermaid drops comment lines before parsing). */
const TAKEN_OUT = '%% (read by the kit: accTitle / accDescr)';
/** The comment lines Mermaid drops before it parses, as Mermaid matches them (`%%{…}%%` directives stay). */
const RE_MERMAID_COMMENT = /^\s*%%(?!\{)[^\n]+$/;

const RE_TITLE = /^\s*accTitle\s*:\s*(.*?)\s*$/;
const RE_DESCR = /^\s*accDescr\s*:\s*(.*?)\s*$/;
const RE_DESCR_OPEN = /^\s*accDescr\s*\{\s*(.*?)\s*$/;

/**
 * Reads `accTitle:`, `accDescr:` and `accDescr { … }` from a diagram's source, as Mermaid reads
 * them (a multi-line description keeps its line breaks, without their indentation), and gives
 * the source with those lines made comments. The first of each counts, as in Mermaid.
 */
export function readAccessible(code: string): AccessibleSource {
  const lines = code.split('\n');
  let title: string | undefined;
  let description: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const single = RE_TITLE.exec(line) ?? RE_DESCR.exec(line);
    if (single) {
      if (single[0].trimStart().startsWith('accTitle')) title ??= single[1];
      else description ??= single[1];
      lines[i] = TAKEN_OUT;
      continue;
    }
    const open = RE_DESCR_OPEN.exec(line);
    if (!open) continue;
    const body: string[] = [];
    let rest = open[1]!;
    let j = i;
    // Up to the closing brace, on the opening line or a later one.
    while (!rest.includes('}') && j + 1 < lines.length) {
      body.push(rest);
      lines[j] = TAKEN_OUT;
      rest = lines[++j]!.trim();
    }
    body.push(rest.slice(0, rest.includes('}') ? rest.indexOf('}') : undefined));
    lines[j] = TAKEN_OUT;
    description ??= body.map((l) => l.trim()).filter(Boolean).join('\n');
    i = j;
  }
  return { ...(title ? { title } : {}), ...(description ? { description } : {}), code: lines.join('\n') };
}

/**
 * The drawing with its title and description, written as Mermaid writes them for the types it
 * gives them to: `<title>` and `<desc>` first in the SVG, named by ids made from the SVG's own
 * id, and the SVG labelled and described by them. Anything of the kind already there is
 * replaced, so a drawing carries one title and one description.
 */
export function withTitleAndDescription(svg: string, title: string | undefined, description: string | undefined): string {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) return svg;
  const id = /\bid="([^"]*)"/.exec(open[0])?.[1] ?? 'diagram';
  let tag = open[0].replace(/\s+aria-(?:labelledby|describedby)="[^"]*"/g, '');
  const extra = [description && html`aria-describedby="chart-desc-${id}"`, title && html`aria-labelledby="chart-title-${id}"`].filter(Boolean).join(' ');
  if (extra) tag = tag.replace(/>$/, ` ${extra}>`);
  const rest = svg
    .slice(open[0].length)
    .replace(/^<title\b[^>]*>[\s\S]*?<\/title>/, '')
    .replace(/^<desc\b[^>]*>[\s\S]*?<\/desc>/, '');
  const heading = [
    title ? html`<title id="chart-title-${id}">${title}</title>` : '',
    description ? html`<desc id="chart-desc-${id}">${description}</desc>` : '',
  ].join('');
  return tag + heading + rest;
}

/**
 * The line of `code` that Mermaid calls `line` in an error: Mermaid numbers the lines left
 * after it drops comment lines (the author's and those standing for the title and
 * description), so each dropped line before it is added back.
 */
export function sourceLine(code: string, line: number): number {
  let kept = 0;
  const lines = code.split('\n');
  for (const [i, text] of lines.entries()) {
    if (RE_MERMAID_COMMENT.test(text)) continue;
    if (++kept === line) return i + 1;
  }
  return line;
}
