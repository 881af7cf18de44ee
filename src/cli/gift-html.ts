import TurndownService from 'turndown';
import type { HtmlToMarkdown } from '../quiz/index.ts';

/**
 * GIFT's HTML (`[html]`, and Moodle's default format when it holds tags) as the deck's Markdown,
 * with turndown. Kept: what Markdown holds (paragraphs, emphasis, lists, links, code, headings,
 * quotes, line breaks, images from a local file); every other tag is dropped (its text kept)
 * and named, so the teacher sees what the learners will no longer see.
 */

/** Tags Markdown holds, or that only group text (nothing shown is lost with them). */
const KEPT = new Set([
  'P', 'BR', 'EM', 'I', 'STRONG', 'B', 'UL', 'OL', 'LI', 'A', 'CODE', 'PRE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'BLOCKQUOTE', 'HR', 'IMG', 'DIV', 'SPAN',
]);

/** Parts of a table: the dropped `<table>` names them all. */
const TABLE_PARTS = new Set(['THEAD', 'TBODY', 'TFOOT', 'TR', 'TD', 'TH', 'CAPTION', 'COLGROUP', 'COL']);

/** Block tags whose text stays a paragraph of its own once the tag is dropped. */
const BLOCKS = new Set(['TABLE', 'TR', 'CAPTION', 'SECTION', 'ARTICLE', 'FIGURE', 'FIGCAPTION', 'DL', 'DT', 'DD', 'CENTER', 'HEADER', 'FOOTER']);

/** A source the deck can show offline: a path inside the project, not a web address, Moodle's file store or data. */
const isLocal = (src: string): boolean => src !== '' && !/^([a-z][a-z0-9+.-]*:|\/\/|@@PLUGINFILE@@)/i.test(src);

/** Maths is the deck's `$…$` already: kept out of turndown, which would escape its `_` and `*`. */
const RE_MATHS = /\$\$[\s\S]+?\$\$|\$[^$\n]+?\$/g;

function service(dropped: string[]): TurndownService {
  const note = (what: string): void => void (dropped.includes(what) || dropped.push(what));
  const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', emDelimiter: '*', bulletListMarker: '-' });
  turndown.remove((node) => {
    const drop = node.nodeName === 'SCRIPT' || node.nodeName === 'STYLE';
    if (drop) note(`<${node.nodeName.toLowerCase()}>`);
    return drop;
  });
  turndown.addRule('localImages', {
    filter: 'img',
    replacement: (_content, node) => {
      const element = node as HTMLElement;
      const src = element.getAttribute('src') ?? '';
      const alt = element.getAttribute('alt') ?? '';
      if (isLocal(src)) return `![${alt}](${src})`;
      note(`<img src="${src}"> (not a local file)`);
      return alt;
    },
  });
  turndown.addRule('dropped', {
    filter: (node) => !KEPT.has(node.nodeName),
    replacement: (content, node) => {
      if (!TABLE_PARTS.has(node.nodeName)) note(`<${node.nodeName.toLowerCase()}>`);
      if (node.nodeName === 'TD' || node.nodeName === 'TH') return ` ${content} `;
      return BLOCKS.has(node.nodeName) ? `\n\n${content}\n\n` : content;
    },
  });
  return turndown;
}

/** Converts one piece of GIFT's HTML, naming the tags it dropped. */
export const htmlToMarkdown: HtmlToMarkdown = (html) => {
  const dropped: string[] = [];
  const maths: string[] = [];
  const shielded = html.replace(RE_MATHS, (tex) => `KITMATH${maths.push(tex) - 1}KITMATH`);
  const markdown = service(dropped)
    .turndown(shielded)
    .replace(/KITMATH(\d+)KITMATH/g, (_, index: string) => maths[Number(index)] ?? '');
  return { markdown, dropped };
};
