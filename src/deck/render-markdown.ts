import markdownIt, { type MarkdownIt } from 'markdown-it';
import container from 'markdown-it-container';
import { imagePlugin } from './render-image.ts';
import { mathPlugin } from './render-math.ts';
import type { RenderEnv } from './render-env.ts';

/** Placeholder left where a diagram goes; replaced by its SVG once every diagram is drawn. */
export const diagramPlaceholder = (index: number) => `\u0000diagram:${index}\u0000`;
export const RE_DIAGRAM_PLACEHOLDER = /\u0000diagram:(\d+)\u0000/g;

/**
 * Containers an author may use: `::: background` (general knowledge, not from the source),
 * `::: context` (facts from outside the source, each with its reference), `::: reading` (our
 * interpretation), and `:::: columns` with `::: column` inside. The three kinds of aside are
 * told apart by their heading word as well as their colour and border.
 */
const CONTAINERS: Record<string, { open: string; close: string }> = {
  background: { open: '<div class="background" role="note">\n', close: '</div>\n' },
  context: { open: '<div class="context" role="note">\n', close: '</div>\n' },
  reading: { open: '<div class="reading" role="note">\n', close: '</div>\n' },
  columns: { open: '<div class="columns">\n', close: '</div>\n' },
  column: { open: '<div class="column">\n', close: '</div>\n' },
};

/**
 * The Markdown renderer for slides, notes and quiz texts of the project at `root`: CommonMark
 * with tables, typographic quotes, maths, containers, checked images, and Mermaid fences
 * collected for drawing. Raw HTML is not allowed.
 */
export function createMarkdown({ root }: { root: string }): MarkdownIt {
  const md = markdownIt({ html: false, linkify: true, typographer: true });
  md.use(mathPlugin);
  md.use(imagePlugin, { root });
  for (const [name, { open, close }] of Object.entries(CONTAINERS)) {
    md.use(container, name, { render: (tokens: { nesting: number }[], i: number) => (tokens[i]!.nesting === 1 ? open : close) });
  }

  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, i, options, renderEnv, self) => {
    const env = renderEnv as unknown as RenderEnv;
    const token = tokens[i]!;
    if (token.info.trim() !== 'mermaid') return fence(tokens, i, options, renderEnv, self);
    env.diagrams.push({ code: token.content, file: env.file, line: env.line + (token.map?.[0] ?? 0) });
    return diagramPlaceholder(env.diagrams.length - 1);
  };

  // An empty header cell (the corner of a two-way table) heads nothing: make it a data cell,
  // so a screen reader does not announce a blank header for every cell of its column.
  md.renderer.rules.th_open = (tokens, i, options, _env, self) => {
    const inline = tokens[i + 1];
    if (inline?.type === 'inline' && inline.content.trim() === '') {
      tokens[i]!.tag = 'td';
      const close = tokens.slice(i + 1).find((t) => t.type === 'th_close');
      if (close) close.tag = 'td';
    }
    return self.renderToken(tokens, i, options);
  };

  return md;
}
