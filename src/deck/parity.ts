/**
 * The languages of a deck hold the same things: the same sections, slides and notes, the same
 * objectives, the same quizzes with the same questions, choices and answers, and the same
 * interface strings. A translation changes words, never what is asked or what counts as right,
 * so a link, a saved position or saved progress means the same in every language.
 *
 * One exception: a teacher's own quiz (`own: true`) may exist in one language only (a bank is
 * usually written in one). It shows in the languages that have it; when a translation of it
 * exists, it is held to the same rules as any other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Question } from '../quiz/index.ts';
import type { SourceIssue } from './errors.ts';
import { baseName, DEFAULT_LANG, inLanguage } from './languages.ts';
import { lineFinder, type LoadedQuiz } from './load-quizzes.ts';
import type { Section } from './parse-slides.ts';
import { stringsFile } from './strings-file.ts';

/** What one language of the deck is made of. */
export interface LanguageContent {
  lang: string;
  sections: Section[];
  quizzes: LoadedQuiz[];
  strings: Record<string, string>;
}

/** Keys whose values are words, which a translation changes; everything else must be equal. */
const WORDS = new Set(['prompt', 'explanation', 'hint', 'source', 'title', 'category', 'text', 'feedback', 'feedbackTrue', 'feedbackFalse', 'otherFeedback', 'left', 'right']);
const RE_PLACEHOLDER = /\{(\w+)\}/g;


/**
 * A question as a translation must keep it: its words replaced by whether they are there, a
 * cloze blank's name dropped (a blank may be named in the language) and a typed answer's list
 * reduced to its best credit (a language may accept more spellings).
 */
function shape(question: Question): unknown {
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => walk(item));
    if (value && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      if ('kind' in value && (value as { kind: string }).kind === 'text') {
        const blank = value as unknown as { answers: { fraction: number }[]; caseSensitive: boolean };
        return { kind: 'text', best: Math.max(...blank.answers.map((a) => a.fraction)) };
      }
      return Object.fromEntries(
        entries
          .filter(([k]) => !(key === 'blanks' && k === 'id') && !(k === 'id' && 'kind' in value))
          .map(([k, v]) => [k, WORDS.has(k) && typeof v === 'string' ? v.trim() !== '' : walk(v, k)]),
      );
    }
    return value;
  };
  if (question.type === 'cloze') {
    // Word order differs between languages, and so may the order of the blanks: compared as a set.
    const shaped = walk(question) as { blanks: unknown[] };
    return { ...shaped, blanks: shaped.blanks.map((b) => JSON.stringify(b)).sort().map((b) => JSON.parse(b) as unknown) };
  }
  if (question.type === 'text') return { ...(walk({ ...question, answers: [] }) as object), best: Math.max(...question.answers.map((a) => a.fraction)) };
  return walk(question);
}

/** The first places where two shapes differ, as paths (`choices[1].correct`). */
function differences(a: unknown, b: unknown, path = ''): { path: string; here: unknown; there: unknown }[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [{ path: path || '(list)', here: `${b.length} entries`, there: `${a.length} entries` }];
    return a.flatMap((item, i) => differences(item, b[i], `${path}[${i}]`));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((key) => differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key));
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  return [{ path, here: b, there: a }];
}

const said = (value: unknown) =>
  value === true ? 'present' : value === false ? 'empty' : value === undefined ? 'missing' : typeof value === 'string' ? `"${value}"` : Array.isArray(value) ? `a list of ${value.length}` : typeof value === 'object' ? 'a mapping' : String(value);

/** The path of a model path in the YAML file: `choices[1].correct` → ['choices', 1, 'correct']. */
const yamlPath = (path: string): (string | number)[] =>
  path
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/** Every way `other` differs from the default language `base`, each at the line of `other`'s file that must change. */
export function checkParity(root: string, base: LanguageContent, other: LanguageContent, unreadable: ReadonlySet<string> = new Set()): SourceIssue[] {
  const issues: SourceIssue[] = [];
  const lang = other.lang;
  const add = (file: string, line: number, message: string) => issues.push({ file, line, message });

  /** A file (or its translation) that could not be read is compared with nothing. */
  const skipped = (file: string) => unreadable.has(inLanguage(file, lang)) || unreadable.has(file);
  /** The translations of `files` by the file each translates; what is left once matched has no original. */
  const byOriginal = <T extends { file: string }>(files: readonly T[]) => new Map(files.map((f) => [baseName(f.file, lang), f]));
  const withoutOriginal = <T extends { file: string }>(left: Map<string, T>, ownOnly: (extra: T) => boolean = () => false) => {
    for (const extra of left.values()) {
      if (unreadable.has(baseName(extra.file, lang)) || ownOnly(extra)) continue;
      add(extra.file, 1, `there is no ${baseName(extra.file, lang)} for this translation: rename it after the file it translates, or add the original`);
    }
  };

  // Sections: the same files, ids, slides in order, notes and objectives.
  const otherSections = byOriginal(other.sections);
  for (const section of base.sections) {
    const mirror = otherSections.get(section.file);
    if (!mirror && skipped(section.file)) continue;
    if (!mirror) {
      add(section.file, 1, `has no "${lang}" version: add ${inLanguage(section.file, lang)} with the same slides, translated`);
      continue;
    }
    otherSections.delete(section.file);
    if (mirror.id !== section.id) add(mirror.file, 2, `id: "${mirror.id}" here, "${section.id}" in ${section.file}: a translation keeps every id`);
    const objectiveIds = mirror.objectives.map((o) => o.id).join(', ');
    if (objectiveIds !== section.objectives.map((o) => o.id).join(', ')) {
      add(mirror.file, mirror.objectives[0]?.line ?? 2, `objectives: ${objectiveIds || 'none'} here, ${section.objectives.map((o) => o.id).join(', ') || 'none'} in ${section.file}: the same objectives, in the same order`);
    }
    section.slides.forEach((slide, i) => {
      const match = mirror.slides[i];
      if (!match) {
        add(mirror.file, mirror.slides.at(-1)?.line ?? 1, `the slide {#${slide.id}} of ${section.file} (line ${slide.line}) has no "${lang}" version: add it here, in the same place`);
      } else if (match.id !== slide.id) {
        add(mirror.file, match.line, `slide ${i + 1} is {#${match.id}} here but {#${slide.id}} in ${section.file} (line ${slide.line}): the slides keep their ids and their order`);
      } else if (Boolean(match.notes.trim()) !== Boolean(slide.notes.trim())) {
        add(mirror.file, match.notesLine || match.line, `the slide {#${slide.id}} has speaker notes ${slide.notes.trim() ? `in ${section.file} (line ${slide.notesLine}) but not here: translate them under Note:` : `here but none in ${section.file}: add them there too, or remove them`}`);
      }
    });
    for (const extra of mirror.slides.slice(section.slides.length)) {
      add(mirror.file, extra.line, `the slide {#${extra.id}} is not in ${section.file}: every language has the same slides`);
    }
  }
  withoutOriginal(otherSections);

  // Quizzes: the same quiz settings and questions, the same choices and answers.
  const otherQuizzes = byOriginal(other.quizzes);
  for (const loaded of base.quizzes) {
    const mirror = otherQuizzes.get(loaded.file);
    if (!mirror && (skipped(loaded.file) || loaded.quiz.own)) continue;
    if (!mirror) {
      add(loaded.file, 1, `has no "${lang}" version: add ${inLanguage(loaded.file, lang)} with the same questions, translated`);
      continue;
    }
    otherQuizzes.delete(loaded.file);
    const lineOf = lineFinder(readFileSync(join(root, mirror.file), 'utf8'));
    const baseLine = lineFinder(readFileSync(join(root, loaded.file), 'utf8'));
    const { questions: qa, ...settingsA } = loaded.quiz;
    const { questions: qb, ...settingsB } = mirror.quiz;
    const settings = (s: Record<string, unknown>) => Object.fromEntries(Object.entries(s).filter(([k]) => !WORDS.has(k)));
    for (const d of differences(settings(settingsA), settings(settingsB))) {
      add(mirror.file, lineOf(yamlPath(d.path)), `${d.path}: ${said(d.here)} here, ${said(d.there)} in ${loaded.file}: a translation keeps the quiz's settings`);
    }
    const byId = new Map(qb.map((q, i) => [q.id, i]));
    qa.forEach((question, i) => {
      const j = byId.get(question.id);
      if (j === undefined) {
        add(mirror.file, lineOf(['questions']), `question "${question.id}" of ${loaded.file} (line ${baseLine(['questions', i])}) has no "${lang}" version: add it here`);
        return;
      }
      if (j !== i) add(mirror.file, lineOf(['questions', j, 'id']), `question "${question.id}" is number ${j + 1} here but ${i + 1} in ${loaded.file}: keep the questions in the same order`);
      for (const d of differences(shape(question), shape(qb[j]!))) {
        const where = `questions[${j}].${d.path}`;
        add(mirror.file, lineOf(['questions', j, ...yamlPath(d.path)]), `${where}: ${said(d.here)} here, ${said(d.there)} in ${loaded.file} (line ${baseLine(['questions', i, ...yamlPath(d.path)])}): a translation keeps every question, choice, answer and feedback of the original`);
      }
      byId.delete(question.id);
    });
    for (const [id, j] of byId) add(mirror.file, lineOf(['questions', j, 'id']), `question "${id}" is not in ${loaded.file}: every language has the same questions`);
  }
  withoutOriginal(otherQuizzes, (extra) => extra.quiz.own === true);

  // Interface strings: the same keys, with the same placeholders, as the files have them (the build fills a missing one in English).
  const baseFile = stringsFile(DEFAULT_LANG);
  const otherFile = stringsFile(lang);
  /** A strings file as written (the build fills a missing string in English), read once; missing or unreadable, it was reported by the build. */
  const written = (file: string, fallback: Record<string, string>) => {
    let text = '';
    let strings = fallback;
    try {
      text = readFileSync(join(root, file), 'utf8');
      strings = JSON.parse(text) as Record<string, string>;
    } catch {
      // reported where the strings are read (strings-file.ts)
    }
    const lines = text.trimEnd().split('\n');
    const keyLine = (key: string) => lines.findIndex((line) => line.includes(`"${key}"`)) + 1 || 1;
    return { strings, keyLine, last: lines.length };
  };
  const { strings: baseStrings, keyLine: baseKeyLine } = written(baseFile, base.strings);
  const { strings: otherStrings, keyLine: otherKeyLine, last } = written(otherFile, other.strings);
  for (const [key, value] of Object.entries(baseStrings)) {
    const mine = otherStrings[key];
    if (mine === undefined) {
      add(otherFile, last, `"${key}" is missing (${baseFile}, line ${baseKeyLine(key)}, has it): add it, translated`);
      continue;
    }
    const want = [...value.matchAll(RE_PLACEHOLDER)].map((m) => m[1]).sort().join(', ');
    const have = [...mine.matchAll(RE_PLACEHOLDER)].map((m) => m[1]).sort().join(', ');
    if (key !== 'lang' && want !== have) add(otherFile, otherKeyLine(key), `"${key}": placeholders {${have}} here, {${want}} in ${baseFile}: keep each {name} as it is`);
  }
  for (const key of Object.keys(otherStrings)) {
    if (!(key in baseStrings)) add(otherFile, otherKeyLine(key), `"${key}" is not in ${baseFile}: every language has the same strings`);
  }
  return issues;
}
