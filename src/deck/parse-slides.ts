import { LineCounter, parseDocument } from 'yaml';
import type { SourceIssue } from './errors.ts';
import { QUESTION_LEVELS, type QuestionLevel } from '../quiz/index.ts';

/** One slide as authored: Markdown body and notes, each with the line it starts on. */
export interface Slide {
  /** Stable id, unique in its section: the heading's `{#id}` or a slug of the heading. */
  id: string;
  /** The heading's text, Markdown kept (it is rendered with the body). */
  title: string;
  /** Extra classes for the slide, from `{.class}` on the heading. */
  classes: string[];
  /** The slide's Markdown without its notes and without the heading's `{…}` attributes. */
  body: string;
  /** 1-based line in the file where `body` starts. */
  line: number;
  /** Speaker notes (Markdown), empty when the slide has none. */
  notes: string;
  notesLine: number;
}

/** An objective's levels are the questions' levels: one list, the engine's. */
const LEVELS = QUESTION_LEVELS;
type Level = QuestionLevel;

/** A learning objective a section declares in its front matter; quiz questions name it by `<section>/<id>`. */
export interface Objective {
  id: string;
  /** What the learner can do, as shown on the objectives slide (inline Markdown). */
  text: string;
  /** The level the objective aims at; at least one question on it should ask at this level or above. */
  level: Level;
  /** 1-based line of the objective in its file. */
  line: number;
}

/** One file of `slides/`: a section of the deck. */
export interface Section {
  id: string;
  title: string;
  file: string;
  slides: Slide[];
  /** Declared in front matter and listed on the section's `{#objectives}` slide; empty when none. */
  objectives: Objective[];
}

export interface ParsedSection {
  section?: Section;
  issues: SourceIssue[];
}

const RE_FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const RE_SEPARATOR = /^---\s*$/;
const RE_NOTES = /^Note:\s*(.*)$/;
const RE_HEADING = /^(#{1,6})\s+(.*?)\s*$/;
const RE_ATTRS = /\s*\{([^{}]*)\}\s*$/;
const RE_ID = /^[a-z0-9][a-z0-9-]*$/;
const FRONT_MATTER_KEYS = new Set(['id', 'title', 'objectives']);
const OBJECTIVE_KEYS = new Set(['id', 'text', 'level']);

/** Turns heading text into an id: lower case, ASCII letters and digits, hyphens between words. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[`*_~[\]()$\\]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Reads one section file: YAML front matter (`id`, `title`), then slides separated by lines
 * of `---`, each with `Note:` starting its speaker notes. Pure: text in, model and issues out.
 *
 * @example parseSlides('---\nid: a\ntitle: A\n---\n# A {#title}\n', 'slides/a.md')
 */
export function parseSlides(text: string, file: string): ParsedSection {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const issues: SourceIssue[] = [];
  const at = (line: number, message: string) => issues.push({ file, line, message });

  if (!RE_SEPARATOR.test(lines[0] ?? '')) {
    at(1, 'a section file starts with front matter: a line `---`, then `id:` and `title:`, then `---`');
    return { issues };
  }
  const close = lines.findIndex((l, i) => i > 0 && RE_SEPARATOR.test(l));
  if (close < 0) {
    at(1, 'the front matter is not closed: add a line `---` after `id:` and `title:`');
    return { issues };
  }
  const meta = readFrontMatter(lines.slice(1, close).join('\n'), 2, at);

  const slides: Slide[] = [];
  const chunks = [...splitSlides(lines, close + 1)];
  // A file may end with a separator (or nothing) after its last slide: that is not a slide.
  if (chunks.length > 0 && chunks.at(-1)!.lines.every((l) => l.trim() === '')) chunks.pop();
  for (const chunk of chunks) {
    const slide = readSlide(chunk.lines, chunk.line, at);
    if (slide) slides.push(slide);
  }
  if (slides.length === 0) at(close + 2, 'this section has no slides: add one after the front matter, starting with a heading');
  if (meta && meta.objectives.length > 0 && !slides.some((s) => s.id === 'objectives')) {
    at(meta.objectives[0]!.line, 'this section declares objectives but has no slide `{#objectives}` to list them on: add one (e.g. `## Learning objectives {#objectives}`)');
  }

  const seen = new Map<string, number>();
  for (const slide of slides) {
    const first = seen.get(slide.id);
    if (first !== undefined) {
      at(slide.line, `two slides share the id "${slide.id}" (the other is on line ${first}): give one of them its own id with {#another-id} at the end of its heading`);
    } else seen.set(slide.id, slide.line);
  }

  if (!meta) return { issues };
  return { section: { ...meta, file, slides }, issues };
}

function readFrontMatter(
  yamlText: string,
  firstLine: number,
  at: (line: number, message: string) => void,
): { id: string; title: string; objectives: Objective[] } | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false });
  const lineOf = (offset: number | undefined) => firstLine - 1 + (offset === undefined ? 1 : counter.linePos(offset).line);
  if (doc.errors.length > 0) {
    // The first error is the mistake; the ones after it are usually its echoes.
    const first = doc.errors[0]!;
    at(lineOf(first.pos[0]), `front matter is not valid YAML: ${first.message.split('\n')[0]} (YAML nests by indentation: indent this line like the lines above it at the same level, with spaces, not tabs)`);
    return undefined;
  }
  const value: unknown = doc.toJS();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    at(firstLine, 'front matter must be a YAML mapping with `id:` and `title:`');
    return undefined;
  }
  const record = value as Record<string, unknown>;
  let ok = true;
  for (const key of Object.keys(record)) {
    if (!FRONT_MATTER_KEYS.has(key)) {
      const node = doc.get(key, true) as { range?: [number, number, number] } | undefined;
      at(lineOf(node?.range?.[0]), `unknown front matter key "${key}": the keys are ${[...FRONT_MATTER_KEYS].join(', ')}`);
      ok = false;
    }
  }
  const { id, title } = record;
  if (typeof id !== 'string' || !RE_ID.test(id)) {
    at(firstLine, 'front matter needs `id:` in kebab-case (lower-case letters, digits and hyphens), e.g. `id: traditional`');
    ok = false;
  }
  if (typeof title !== 'string' || title.trim() === '') {
    at(firstLine, 'front matter needs a `title:` (the section title shown to learners)');
    ok = false;
  }
  const objectives = readObjectives(doc, record.objectives, lineOf, at);
  if (!objectives) ok = false;
  return ok ? { id: id as string, title: (title as string).trim(), objectives: objectives! } : undefined;
}

/** Reads `objectives:`, a list of `{ id, level, text }`, reporting each mistake at its line. */
function readObjectives(
  doc: ReturnType<typeof parseDocument>,
  value: unknown,
  lineOf: (offset: number | undefined) => number,
  at: (line: number, message: string) => void,
): Objective[] | undefined {
  if (value === undefined) return [];
  const lineAt = (path: (string | number)[]) => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return lineOf(node?.range?.[0]);
  };
  if (!Array.isArray(value)) {
    at(lineAt(['objectives']), '`objectives:` is a list of `- id: …`, `level: …`, `text: …` entries');
    return undefined;
  }
  const objectives: Objective[] = [];
  const seen = new Map<string, number>();
  let ok = true;
  value.forEach((entry: unknown, i) => {
    const line = lineAt(['objectives', i]);
    const fail = (message: string) => {
      at(line, `objectives[${i}]: ${message}`);
      ok = false;
    };
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return fail('write each objective as `- id: kebab-id`, `level: understand`, `text: "…"`');
    const record = entry as Record<string, unknown>;
    for (const key of Object.keys(record)) if (!OBJECTIVE_KEYS.has(key)) fail(`unknown key "${key}": an objective has id, level and text`);
    const { id, text, level } = record;
    if (typeof id !== 'string' || !RE_ID.test(id)) return fail('needs `id:` in kebab-case, e.g. `id: compute-concentration`');
    if (typeof text !== 'string' || text.trim() === '') return fail('needs `text:`, what the learner can do (shown on the objectives slide)');
    if (typeof level !== 'string' || !(LEVELS as readonly string[]).includes(level)) return fail(`needs \`level:\`, one of ${LEVELS.join(', ')}`);
    const first = seen.get(id);
    if (first !== undefined) return fail(`the objective id "${id}" is already used on line ${first}`);
    seen.set(id, line);
    objectives.push({ id, text: text.trim(), level: level as Level, line });
  });
  return ok ? objectives : undefined;
}

function* splitSlides(lines: string[], start: number): Generator<{ lines: string[]; line: number }> {
  let fence: string | undefined;
  let current: string[] = [];
  let currentStart = start + 1;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    const marker = RE_FENCE.exec(line)?.[1];
    if (marker && (!fence || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence ? undefined : marker;
    }
    if (!fence && RE_SEPARATOR.test(line)) {
      yield { lines: current, line: currentStart };
      current = [];
      currentStart = i + 2;
    } else current.push(line);
  }
  yield { lines: current, line: currentStart };
}

function readSlide(lines: string[], line: number, at: (line: number, message: string) => void): Slide | undefined {
  let first = 0;
  while (first < lines.length && lines[first]!.trim() === '') first++;
  if (first === lines.length) {
    at(line, 'empty slide: remove the extra `---` or write the slide');
    return undefined;
  }
  lines = lines.slice(first);
  line += first;

  let fence = false;
  let notesAt = -1;
  for (let i = 0; i < lines.length && notesAt < 0; i++) {
    if (RE_FENCE.test(lines[i]!)) fence = !fence;
    else if (!fence && RE_NOTES.test(lines[i]!)) notesAt = i;
  }
  const bodyLines = notesAt < 0 ? lines : lines.slice(0, notesAt);
  const notes = notesAt < 0 ? '' : [RE_NOTES.exec(lines[notesAt]!)![1]!, ...lines.slice(notesAt + 1)].join('\n').trim();

  const headingAt = bodyLines.findIndex((l) => RE_HEADING.test(l));
  if (headingAt < 0) {
    at(line, 'a slide needs a heading (`## Title {#slide-id}`): it is the slide\'s title and its stable id');
    return undefined;
  }
  let heading = RE_HEADING.exec(bodyLines[headingAt]!)![2]!;
  let id = '';
  const classes: string[] = [];
  const attrs = RE_ATTRS.exec(heading);
  if (attrs) {
    heading = heading.slice(0, attrs.index);
    for (const token of attrs[1]!.trim().split(/\s+/)) {
      if (token.startsWith('#') && RE_ID.test(token.slice(1))) id = token.slice(1);
      else if (token.startsWith('.') && token.length > 1) classes.push(token.slice(1));
      else at(line + headingAt, `"{${attrs[1]}}" on a heading takes #kebab-id and .class tokens; "${token}" is neither`);
    }
  }
  id ||= slugify(heading);
  if (!id) {
    at(line + headingAt, 'this heading gives no id: add one with {#slide-id} at the end of the heading');
    return undefined;
  }
  const body = [...bodyLines];
  body[headingAt] = bodyLines[headingAt]!.replace(RE_ATTRS, '');
  return {
    id,
    title: heading.trim(),
    classes,
    body: body.join('\n').trimEnd(),
    line,
    notes,
    notesLine: line + notesAt,
  };
}
