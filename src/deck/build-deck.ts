import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DeckBuildError, type SourceIssue } from './errors.ts';
import { parseSlides, type Section } from './parse-slides.ts';
import { createMarkdown, RE_DIAGRAM_PLACEHOLDER } from './render-markdown.ts';
import { diagramTextHtml, renderDiagrams } from './render-mermaid.ts';
import type { DiagramRef, RenderEnv } from './render-env.ts';
import { loadQuizzes, type LoadedQuiz } from './load-quizzes.ts';
import { renderQuizStack, type QuizPayload } from './render-quiz.ts';
import { renderResultsSlide, renderMissedReviewSlide } from './render-results.ts';
import { createStrings, STRINGS } from '../i18n/strings.ts';

/** The deck as the browser gets it, with what it took to make it. */
export interface BuiltDeck {
  /** The reveal.js `<section>` elements, in deck order. */
  html: string;
  /**
   * The quizzes as a JSON `<script>`, to go outside `.slides`: reveal.js decides "last slide"
   * by `nextElementSibling`, so nothing but slides may follow them.
   */
  data: string;
  sections: Section[];
  quizzes: LoadedQuiz[];
  diagrams: { total: number; rendered: number; keys: string[] };
  /** Every character the deck shows, so fonts can be cut down to what is used. */
  text: string;
}

const RE_FIRST_HEADING = /<h([1-6])>/;

/** Reads `slides/*.md` in file-name order. */
export function readSections(root: string): { sections: Section[]; issues: SourceIssue[] } {
  const dir = join(root, 'slides');
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  const sections: Section[] = [];
  const issues: SourceIssue[] = [];
  if (files.length === 0) issues.push({ file: 'slides', line: 1, message: 'no slides: add a Markdown file such as slides/01-overview.md' });
  const owner = new Map<string, string>();
  for (const name of files) {
    const file = relative(root, join(dir, name)).split('\\').join('/');
    const parsed = parseSlides(readFileSync(join(dir, name), 'utf8'), file);
    issues.push(...parsed.issues);
    if (!parsed.section) continue;
    const other = owner.get(parsed.section.id);
    if (other) issues.push({ file, line: 2, message: `the section id "${parsed.section.id}" is already used by ${other}: section ids must be unique` });
    else owner.set(parsed.section.id, file);
    sections.push(parsed.section);
  }
  return { sections, issues };
}

/**
 * Builds the deck's slides: Markdown to HTML, KaTeX to HTML+MathML, Mermaid to SVG (from the
 * committed cache, or drawn in Chromium). Throws DeckBuildError listing every problem.
 */
export async function buildDeck(root: string): Promise<BuiltDeck> {
  const { sections, issues } = readSections(root);
  const { quizzes, issues: quizIssues } = loadQuizzes(root, sections);
  issues.push(...quizIssues);
  const md = createMarkdown();
  const t = createStrings();
  const diagrams: DiagramRef[] = [];
  const parts: string[] = [];
  const text: string[] = [];
  const payload: QuizPayload = { quizzes: quizzes.map((q) => q.quiz), html: {}, slides: {} };
  for (const section of sections) {
    for (const slide of section.slides) {
      payload.slides[`${section.id}/${slide.id}`] = { href: `#/${section.id}--${slide.id}`, title: slide.title.replace(/[*_`]/g, '') };
    }
  }
  const lastQuiz = quizzes.at(-1);
  const quizContext = { md, t, issues, slides: payload.slides, html: payload.html };

  for (const section of sections) {
    for (const slide of section.slides) {
      const render = (markdown: string, line: number) => {
        const env: RenderEnv = { file: section.file, line, issues, diagrams: [] };
        let html = md.render(markdown, env);
        const offset = diagrams.length;
        diagrams.push(...env.diagrams);
        html = html.replace(RE_DIAGRAM_PLACEHOLDER, (_: string, n: string) => `\u0000diagram:${offset + Number(n)}\u0000`);
        return html;
      };
      const domId = `${section.id}--${slide.id}`;
      let body = render(slide.body, slide.line).replace(RE_FIRST_HEADING, `<h$1 id="${domId}-title">`);
      if (slide.id === 'objectives' && section.objectives.length > 0) body += renderObjectives(section, md);
      const notes = slide.notes ? `<aside class="notes">${render(slide.notes, slide.notesLine)}</aside>` : '';
      const classes = slide.classes.length ? ` class="${slide.classes.join(' ')}"` : '';
      parts.push(
        `<section id="${domId}" data-section-id="${section.id}" data-slide-id="${slide.id}"${classes} aria-labelledby="${domId}-title">\n${body}${notes}</section>`,
      );
      text.push(slide.body, slide.notes);
    }
    for (const loaded of quizzes.filter((q) => q.quiz.after === section.id)) {
      let stack = renderQuizStack(loaded, quizContext);
      if (loaded === lastQuiz) stack = stack.replace(/<\/section>$/, `${renderMissedReviewSlide(t, loaded.quiz.id)}\n</section>`);
      parts.push(stack);
      text.push(JSON.stringify(loaded.quiz));
      if (loaded === lastQuiz) parts.push(renderResultsSlide(t));
    }
  }
  text.push(JSON.stringify(STRINGS));

  const drawn = await renderDiagrams(root, diagrams);
  issues.push(...drawn.issues);
  if (issues.length > 0) {
    issues.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    throw new DeckBuildError(issues);
  }

  const seen = new Map<string, number>();
  const html = parts.join('\n').replace(RE_DIAGRAM_PLACEHOLDER, (_: string, n: string) => {
    const key = drawn.keys[Number(n)]!;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    // The same diagram twice on one page would repeat its element ids: number the copies.
    const svg = count === 1 ? drawn.svgs.get(key)! : drawn.svgs.get(key)!.replaceAll(`d-${key}`, `d-${key}-${count}`);
    // The drawing is one image named by its title and described by its description (its labels,
    // split into pieces by the layout, would read as fragments); the text version that follows
    // gives its boxes and arrows in order.
    const image = svg
      .trim()
      .replace(/^<svg\b[^>]*>/, (tag) => tag.replace(/\brole="[^"]*"/, 'role="img"').replace(/\baria-roledescription="[^"]*"/, `aria-roledescription="${t('diagram.role')}"`))
      .replace(/<\/style><g\b/, '</style><g aria-hidden="true"');
    return `<figure class="diagram" data-diagram="${key}">${image}${diagramTextHtml(diagrams[Number(n)]!.code, t)}</figure>`;
  });
  // The quizzes travel with the page as data; `<` is escaped so no text can close the script.
  const data = `<script type="application/json" id="kit-quizzes">${JSON.stringify(payload).replace(/</g, '\\u003c')}</script>`;
  return { html, data, sections, quizzes, diagrams: { total: diagrams.length, rendered: drawn.rendered, keys: drawn.keys }, text: text.join('\n') };
}

/** The section's declared objectives as the list on its `{#objectives}` slide, each with its id as a hook. */
function renderObjectives(section: Section, md: ReturnType<typeof createMarkdown>): string {
  const items = section.objectives.map(
    (o) => `<li id="objective-${section.id}-${o.id}" data-objective="${section.id}/${o.id}" data-level="${o.level}">${md.renderInline(o.text)}</li>`,
  );
  return `<ul class="objectives">\n${items.join('\n')}\n</ul>\n`;
}
