import { describe, expect, it } from 'vitest';
import { createMarkdown } from '../../../src/deck/render-markdown.ts';
import type { RenderEnv } from '../../../src/deck/render-env.ts';

/** Renders a slide body starting on line 10 of slides/01-a.md and returns its problems as file:line lines. */
function problems(markdown: string): string[] {
  const env: RenderEnv = { file: 'slides/01-a.md', line: 10, issues: [], diagrams: [] };
  createMarkdown({ root: process.cwd() }).render(markdown, env);
  return env.issues.map((i) => `${i.file}:${i.line}: ${i.message}`);
}

describe('what validate used to pass silently', () => {
  it('raw HTML on a slide is a problem at its line, not literal text on screen', () => {
    expect(problems('## Title\n\nSome <b>bold</b> text\nand a second line with <img src=x>.')).toEqual([
      'slides/01-a.md:12: raw HTML (<b>) is not allowed and would show as text: write it in Markdown (**bold**, *italics*, lists, a blank line for a new paragraph)',
      'slides/01-a.md:13: raw HTML (<img src=x>) is not allowed and would show as text: write it in Markdown (**bold**, *italics*, lists, a blank line for a new paragraph)',
    ]);
    // Comparisons and code are not HTML.
    expect(problems('Shares: a < b and x<5, `<b>` in code.')).toEqual([]);
  });

  it('a diagram without a title and a description is a problem at its fence', () => {
    expect(problems('## D\n\n```mermaid\nflowchart LR\n  A --> B\n```\n')).toEqual([
      'slides/01-a.md:12: this diagram has no `accTitle:` and no `accDescr:`: start it with `accTitle: what it shows` and `accDescr: what it says, in a sentence or two`',
    ]);
    expect(problems('```mermaid\nflowchart LR\n  accTitle: T\n  accDescr {\n    D\n  }\n  A --> B\n```\n')).toEqual([]);
  });

  it('a link in maths (drawn in red by KaTeX) is a problem at its line', () => {
    expect(problems('## M\n\n$\\href{https://example.org}{x^2}$')).toEqual([
      'slides/01-a.md:12: \\href is not allowed in maths (it would show in red): write the link or image in Markdown, outside the formula',
    ]);
  });
});
