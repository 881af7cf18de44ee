import katex from 'katex';
import type { MarkdownIt, StateBlock, StateInline, Token } from 'markdown-it';
import type { RenderEnv } from './render-env.ts';
import { html, raw } from '../shared/html.ts';

/**
 * Renders TeX to HTML with MathML beside it, so the browser needs KaTeX's CSS and fonts only
 * and screen readers get MathML. Throws KaTeX's ParseError on bad input.
 */
export function renderMath(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, {
    displayMode,
    output: 'htmlAndMathml',
    throwOnError: true,
    strict: 'error',
    trust: false,
  });
}

/**
 * markdown-it plugin: `$…$` inline and `$$…$$` display maths. Formulas are rendered after
 * parsing, when each one's line in the file is known, so an error names its line.
 */
export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.after('escape', 'math_inline', mathInline);
  md.block.ruler.after('blockquote', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.core.ruler.after('inline', 'math_render', (state) => {
    const env = state.env as unknown as RenderEnv;
    for (const token of state.tokens) {
      if (token.type === 'math_block') renderToken(token, true, env, token.map?.[0] ?? 0);
      for (const child of token.children ?? []) {
        if (child.type === 'math_inline') renderToken(child, child.info === 'display', env, token.map?.[0] ?? 0);
      }
    }
  });
  md.renderer.rules.math_inline = (tokens, i) => (tokens[i]!.meta as { html: string }).html;
  // raw: KaTeX's output (trust off, strict), or an escaped error.
  md.renderer.rules.math_block = (tokens, i) => html`<div class="math-display">${raw((tokens[i]!.meta as { html: string }).html)}</div>\n`.toString();
}

/** Commands that make a link, an image or HTML: with `trust: false` KaTeX draws them in red, so refuse them. */
const RE_UNTRUSTED = /\\(href|url|includegraphics|htmlClass|htmlId|htmlStyle|htmlData)\b/;

function renderToken(token: Token, display: boolean, env: RenderEnv, mapLine: number): void {
  const untrusted = RE_UNTRUSTED.exec(token.content);
  if (untrusted) {
    env.issues.push({
      file: env.file,
      line: env.line + mapLine,
      message: `\\${untrusted[1]} is not allowed in maths (it would show in red): write the link or image in Markdown, outside the formula`,
    });
  }
  try {
    token.meta = { html: renderMath(token.content, display) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    env.issues.push({ file: env.file, line: env.line + mapLine, message: `KaTeX cannot render "${token.content.trim()}": ${message}` });
    token.meta = { html: html`<code class="math-error">${token.content}</code>`.toString() };
  }
}


function mathInline(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src[start] !== '$') return false;
  const display = src[start + 1] === '$';
  const open = display ? 2 : 1;
  const next = src[start + open];
  if (next === undefined || /\s/.test(next)) return false;
  let end = start + open;
  for (;;) {
    end = src.indexOf(display ? '$$' : '$', end);
    if (end < 0) return false;
    if (src[end - 1] === '\\') { end++; continue; }
    if (!display && /\s/.test(src[end - 1]!)) { end++; continue; }
    break;
  }
  // "$5 and $6" is money, not maths: a closing $ right before a digit does not close.
  if (!display && /\d/.test(src[end + 1] ?? '')) return false;
  if (!silent) {
    const token = state.push('math_inline', 'math', 0);
    token.content = src.slice(start + open, end);
    if (display) token.info = 'display';
  }
  state.pos = end + open;
  return true;
}

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const lineText = (n: number) => state.src.slice(state.bMarks[n]! + state.tShift[n]!, state.eMarks[n]);
  const first = lineText(startLine);
  if (!first.startsWith('$$')) return false;
  if (silent) return true;
  let content: string;
  let last = startLine;
  const rest = first.slice(2);
  if (rest.trimEnd().endsWith('$$') && rest.trim().length > 2) {
    content = rest.trimEnd().slice(0, -2);
  } else {
    const parts = [rest];
    for (last = startLine + 1; last < endLine; last++) {
      const text = lineText(last);
      if (text.trimEnd().endsWith('$$')) { parts.push(text.trimEnd().slice(0, -2)); break; }
      parts.push(text);
    }
    if (last >= endLine) return false;
    content = parts.join('\n');
  }
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content = content;
  token.map = [startLine, last + 1];
  state.line = last + 1;
  return true;
}
