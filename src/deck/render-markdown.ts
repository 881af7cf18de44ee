import cjkFriendly from 'markdown-it-cjk-friendly';
import markdownIt, { type MarkdownIt } from 'markdown-it';
import container from 'markdown-it-container';
import { readAccessible } from './diagram-accessible.ts';
import { imagePlugin } from './render-image.ts';
import { mathPlugin } from './render-math.ts';
import type { RenderEnv } from './render-env.ts';

/** Placeholder left where a diagram goes; replaced by its SVG once every diagram is drawn. */
export const diagramPlaceholder = (index: number) => `\u0000diagram:${index}\u0000`;
export const RE_DIAGRAM_PLACEHOLDER = /\u0000diagram:(\d+)\u0000/g;

/** An HTML tag in text: `<b>`, `</p>`, `<img src=x>`, `<br/>`; not `a < b` or `x<5`. */
const RE_HTML_TAG = /<\/?[A-Za-z][\w-]*(?:\s[^<>]*)?\/?>/;

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
  // `**背景：**本节` is bold in Chinese too: CommonMark's emphasis rules assume spaces between words.
  md.use(cjkFriendly);
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
    const line = env.line + (token.map?.[0] ?? 0);
    // The title and description are what a screen reader says for the drawing, and what the text
    // version starts from. The kit reads them for every type of diagram (diagram-accessible.ts):
    // Mermaid gets the source without them, since some types refuse them.
    const { title, description, code } = readAccessible(token.content);
    const missing = [!title && '`accTitle:`', !description && '`accDescr:`'].filter(Boolean);
    if (missing.length > 0) {
      env.issues.push({ file: env.file, line, message: `this diagram has no ${missing.join(' and no ')}: start it with \`accTitle: what it shows\` and \`accDescr: what it says, in a sentence or two\`` });
    }
    env.diagrams.push({ code, file: env.file, line, title, description });
    return diagramPlaceholder(env.diagrams.length - 1);
  };

  // Raw HTML is not allowed (it would show as literal text): say where, so the author writes Markdown instead.
  md.core.ruler.push('kit_raw_html', (state) => {
    const env = state.env as unknown as RenderEnv;
    // Slides only: quiz texts keep HTML as visible text (an imported bank's markup is never run).
    if (!env?.file?.startsWith('slides/')) return;
    for (const token of state.tokens) {
      if (token.type !== 'inline' || !token.children) continue;
      let line = env.line + (token.map?.[0] ?? 0);
      for (const child of token.children) {
        if (child.type === 'softbreak' || child.type === 'hardbreak') line++;
        const tag = child.type === 'text' ? RE_HTML_TAG.exec(child.content) : null;
        if (tag) env.issues.push({ file: env.file, line, message: `raw HTML (${tag[0]}) is not allowed and would show as text: write it in Markdown (**bold**, *italics*, lists, a blank line for a new paragraph)` });
      }
    }
  });

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
