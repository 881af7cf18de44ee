import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DeckBuildError, type SourceIssue } from './errors.ts';
import { parseSlides, type Section } from './parse-slides.ts';
import { createMarkdown, diagramPlaceholder, RE_DIAGRAM_PLACEHOLDER } from './render-markdown.ts';
import { DEFAULT_THEME, diagramFigures, renderDiagrams, type OnDiagramDrawn } from './render-mermaid.ts';
import type { DiagramRef, RenderEnv } from './render-env.ts';
import { loadQuizzes, type LoadedQuiz } from './load-quizzes.ts';
import { renderQuizStack } from './render-quiz.ts';
import { renderResultsSlide, renderMissedReviewSlide } from './render-results.ts';
import { createStrings, type Strings } from '../i18n/strings.ts';
import { readStrings } from './strings-file.ts';
import { checkParity, type LanguageContent } from './parity.ts';
import { alignLanguages } from './align-languages.ts';
import { DEFAULT_LANG, deckLanguages, fileLanguage } from './languages.ts';
import { attr, DATA, PAYLOAD_ID, STRINGS_ID, type QuizPayload } from '../shared/contract.ts';
import { html, jsonScript, raw } from '../shared/html.ts';

/** The deck as the browser gets it, with what it took to make it. */
export interface BuiltDeck {
  /** Its language (`en`, `zh`): the files it was built from and its interface strings. */
  lang: string;
  strings: Strings;
  /** The reveal.js `<section>` elements, in deck order. */
  html: string;
  /**
   * The quizzes as a JSON `<script>`, to go outside `.slides`: reveal.js decides "last slide"
   * by `nextElementSibling`, so nothing but slides may follow them.
   */
  data: string;
  sections: Section[];
  quizzes: LoadedQuiz[];
  /** `keys`: every drawing the deck uses (each diagram's, then the phones' own), so the cache keeps them (and their phone choices). */
  diagrams: { total: number; rendered: number; keys: string[] };
}

const RE_FIRST_HEADING = /<h([1-6])>/;
/** The data-* hooks this module writes, by their names in the build↔browser contract. */
const SECTION_ID = raw(attr(DATA.sectionId));
const SLIDE_ID = raw(attr(DATA.slideId));
const OBJECTIVE = raw(attr(DATA.objective));
const LEVEL = raw(attr(DATA.level));

/** A quiz's reference to a slide, objective or section the deck does not have. */
const RE_UNRESOLVED = /is not (?:a|an) (?:slide|objective|section) of the deck/;

/**
 * A slide file that could not be read leaves every quiz reference into it unresolved: rather
 * than bury the one real mistake under a line per reference, those become one line that says so.
 */
function unresolvedWhileSlidesBroken(slideIssues: readonly SourceIssue[], quizIssues: SourceIssue[]): SourceIssue[] {
  const broken = slideIssues.some((issue) => issue.file.startsWith('slides/') && /front matter/.test(issue.message));
  if (!broken) return quizIssues;
  const unresolved = quizIssues.filter((issue) => RE_UNRESOLVED.test(issue.message));
  if (unresolved.length === 0) return quizIssues;
  const files = [...new Set(unresolved.map((issue) => issue.file))];
  return [
    ...quizIssues.filter((issue) => !RE_UNRESOLVED.test(issue.message)),
    { file: files[0]!, line: unresolved[0]!.line, message: `${unresolved.length} references to slides, objectives or sections (in ${files.join(', ')}) are not checked while a slide file's front matter is broken: fix the slide file(s) listed first, then validate again` },
  ];
}

/** Problems in the order an author fixes them: the slides (which the quizzes refer to), then the quizzes, each by line. */
export function sortIssues(issues: SourceIssue[]): SourceIssue[] {
  const rank = (file: string) => (file.startsWith('slides') ? 0 : 1);
  return issues.sort((a, b) => rank(a.file) - rank(b.file) || a.file.localeCompare(b.file) || a.line - b.line);
}

/** Reads the slides of one language (`slides/*.md`, or `slides/*.<lang>.md`) in file-name order. */
export function readSections(root: string, lang: string = DEFAULT_LANG): { sections: Section[]; issues: SourceIssue[] } {
  const dir = join(root, 'slides');
  const languages = deckLanguages(root);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md') && fileLanguage(f, languages) === lang)
    .sort();
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
export async function buildDeck(root: string, lang: string = DEFAULT_LANG): Promise<BuiltDeck> {
  const all = readLanguages(root);
  return renderDeck(root, all.find((files) => files.lang === lang) ?? readLanguage(root, lang), all);
}

/** What one language's files hold, read and checked, before anything is rendered. */
interface LanguageFiles extends LanguageContent {
  strings: Strings;
  issues: SourceIssue[];
}

/** Reads one language: its slides, its quizzes (checked against its slides and source text) and its interface strings. */
function readLanguage(root: string, lang: string): LanguageFiles {
  const { sections, issues } = readSections(root, lang);
  const { quizzes, issues: quizIssues } = loadQuizzes(root, sections, lang);
  issues.push(...unresolvedWhileSlidesBroken(issues, quizIssues));
  const strings = readStrings(root, lang, issues);
  return { lang, sections, quizzes, strings, issues };
}

/** Every language of the deck, read once, the default first. */
const readLanguages = (root: string): LanguageFiles[] => deckLanguages(root).map((lang) => readLanguage(root, lang));

/**
 * The quizzes of `mine` aligned with the other languages' (`alignLanguages`): the default
 * language's blank names, and every language's typed answers accepted. While a language cannot
 * be read they stay as they are (its problems are reported where it is built).
 */
function aligned(all: readonly LanguageFiles[], mine: LanguageFiles): LoadedQuiz[] {
  if (all.length < 2 || !all.includes(mine) || all.some((files) => files.issues.length > 0)) return mine.quizzes;
  return alignLanguages(all, mine.lang);
}

/** Renders one language of the deck from its files (`files`), its quizzes aligned with the other languages' (`all`). */
async function renderDeck(root: string, files: LanguageFiles, all: readonly LanguageFiles[], onDiagramDrawn?: OnDiagramDrawn): Promise<BuiltDeck> {
  const { lang, sections, strings } = files;
  const issues = [...files.issues];
  // Progress is kept by question, not by language: a saved response grades alike in every language.
  const quizzes = aligned(all, files);
  const md = createMarkdown({ root });
  const t = createStrings(strings);
  const diagrams: DiagramRef[] = [];
  const parts: string[] = [];
  const payload: QuizPayload = { quizzes: quizzes.map((q) => q.quiz), html: {}, slides: {}, answers: {} };
  for (const section of sections) {
    for (const slide of section.slides) {
      payload.slides[`${section.id}/${slide.id}`] = { href: `#/${section.id}--${slide.id}`, title: slide.title.replace(/[*_`]/g, '') };
    }
  }
  const lastQuiz = quizzes.at(-1);
  const quizContext = { md, t, issues, slides: payload.slides, html: payload.html, answers: payload.answers };

  for (const section of sections) {
    for (const slide of section.slides) {
      const render = (markdown: string, line: number) => {
        const env: RenderEnv = { file: section.file, line, issues, diagrams: [] };
        const offset = diagrams.length;
        const rendered = md.render(markdown, env);
        diagrams.push(...env.diagrams);
        // Each render numbers its diagrams from 0: renumber them in deck order.
        return rendered.replace(RE_DIAGRAM_PLACEHOLDER, (_: string, n: string) => diagramPlaceholder(offset + Number(n)));
      };
      const domId = `${section.id}--${slide.id}`;
      let body = render(slide.body, slide.line).replace(RE_FIRST_HEADING, (_, level: string) => `<h${level} ${html`id="${domId}-title"`}>`);
      if (slide.id === 'objectives' && section.objectives.length > 0) body += renderObjectives(section, md);
      // raw: Markdown rendered by markdown-it with HTML off, maths by KaTeX; diagrams are placeholders until drawn.
      const notes = slide.notes ? html`<aside class="notes">${raw(render(slide.notes, slide.notesLine))}</aside>` : '';
      const classes = slide.classes.length ? html` class="${slide.classes.join(' ')}"` : '';
      parts.push(
        html`<section id="${domId}" ${SECTION_ID}="${section.id}" ${SLIDE_ID}="${slide.id}"${classes} aria-labelledby="${domId}-title">\n${raw(body)}${notes}</section>`.toString(),
      );
    }
    for (const loaded of quizzes.filter((q) => q.quiz.after === section.id)) {
      let stack = renderQuizStack(loaded, quizContext);
      if (loaded === lastQuiz) stack = stack.replace(/<\/section>$/, `${renderMissedReviewSlide(t, loaded.quiz.id)}\n</section>`);
      parts.push(stack);
      if (loaded === lastQuiz) parts.push(renderResultsSlide(t));
    }
  }

  const drawn = await renderDiagrams(root, diagrams, DEFAULT_THEME, onDiagramDrawn);
  issues.push(...drawn.issues);
  const { figures, issues: figureIssues } = issues.length > 0 ? { figures: [], issues: [] } : await diagramFigures(root, diagrams, drawn, t);
  issues.push(...figureIssues);
  if (issues.length > 0) {
    throw new DeckBuildError(sortIssues(issues));
  }

  const slidesHtml = parts.join('\n').replace(RE_DIAGRAM_PLACEHOLDER, (_: string, n: string) => figures[Number(n)]!.toString());
  // The quizzes and the interface strings travel with the page as JSON, not HTML.
  const data = [jsonScript(PAYLOAD_ID, payload), jsonScript(STRINGS_ID, strings)].join('\n');
  return { lang, strings, html: slidesHtml, data, sections, quizzes, diagrams: { total: diagrams.length, rendered: drawn.rendered, keys: [...drawn.keys, ...drawn.narrowKeys.filter((key) => key !== undefined)] } };
}

/** The quizzes of `lang` as the deck grades them (`aligned`), for `kit results`: `quizzes` in place of the language's own as read. */
export function alignedQuizzes(root: string, lang: string, quizzes: LoadedQuiz[]): LoadedQuiz[] {
  const all = readLanguages(root).map((files) => (files.lang === lang ? { ...files, quizzes } : files));
  return aligned(all, all.find((files) => files.lang === lang) ?? { ...readLanguage(root, lang), quizzes });
}

/**
 * Builds the deck in every language it has (`deckLanguages`), the default first, and checks
 * that each translation holds what the default language holds (`checkParity`). Throws one
 * DeckBuildError listing every problem of every language. `onDiagramDrawn` is told as each
 * diagram missing from the cache is drawn (the CLI's progress); nothing is printed here.
 */
export async function buildDecks(root: string, options: { onDiagramDrawn?: OnDiagramDrawn } = {}): Promise<BuiltDeck[]> {
  const all = readLanguages(root);
  const decks: BuiltDeck[] = [];
  const issues: SourceIssue[] = [];
  // The parity check compares what every language holds, before anything is drawn; a file that
  // could not be read is left out of it (it would look untranslated) and reported as it is.
  const loaded = new Set(all.flatMap((files) => [...files.sections.map((x) => x.file), ...files.quizzes.map((q) => q.file)]));
  const unreadable = new Set(all.flatMap((files) => files.issues.map((i) => i.file)).filter((file) => !loaded.has(file)));
  for (const other of all.slice(1)) issues.push(...checkParity(root, all[0]!, other, unreadable));
  for (const files of all) {
    try {
      decks.push(await renderDeck(root, files, all, options.onDiagramDrawn));
    } catch (error) {
      if (!(error instanceof DeckBuildError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) throw new DeckBuildError(sortIssues(issues));
  return decks;
}

/** The section's declared objectives as the list on its `{#objectives}` slide, each with its id as a hook. */
function renderObjectives(section: Section, md: ReturnType<typeof createMarkdown>): string {
  const items = section.objectives.map(
    // raw: inline Markdown rendered with HTML off.
    (o) => html`<li id="objective-${section.id}-${o.id}" ${OBJECTIVE}="${section.id}/${o.id}" ${LEVEL}="${o.level}">${raw(md.renderInline(o.text))}</li>`,
  );
  return html`<ul class="objectives">\n${items.map((item) => html`${item}\n`)}</ul>\n`.toString();
}
