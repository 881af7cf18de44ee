import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { editDistance, parseQuizBank, QuizValidationError, type Quiz } from '../quiz/index.ts';
import type { SourceIssue } from './errors.ts';
import { DEFAULT_LANG, deckLanguages, fileLanguage, inLanguage } from './languages.ts';
import type { Objective, Section } from './parse-slides.ts';

/** A quiz of `quizzes/` with the file it came from. */
export interface LoadedQuiz {
  quiz: Quiz;
  file: string;
}

/** Where the one source of facts is kept; every `source:` must be found in it verbatim. */
export const SOURCE_TEXT = 'assets/source/press-conference.txt';

/** The line of a value in a YAML text, by its path (`['questions', 2, 'slide']`), or of its nearest parent. */
export function lineFinder(text: string) {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  return (path: (string | number)[]): number => {
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return counter.linePos(node.range[0]).line;
    }
    return 1;
  };
}

/**
 * Reads every quiz of `quizzes/` and checks it against the deck and the source: each quiz
 * follows a section, each question names the slide that teaches it and quotes its evidence
 * verbatim, ids are unique. Problems are collected as `quizzes/<file>:<line>: …`.
 *
 * A quiz marked `own: true` (a teacher's own bank) builds with what it has: its questions need
 * no `slide:`, `source:` or `explanation:` (`kit lint` suggests them), and it does not make the
 * deck's objectives due. What it does give is checked like any other: a slide, objective or
 * section that does not exist, or a `source:` the source text does not hold (the learner is
 * shown it as the source's words, so a wrong quote misinforms), is still an error.
 */
export function loadQuizzes(root: string, sections: Section[], lang: string = DEFAULT_LANG): { quizzes: LoadedQuiz[]; issues: SourceIssue[] } {
  const dir = join(root, 'quizzes');
  const quizzes: LoadedQuiz[] = [];
  const issues: SourceIssue[] = [];
  if (!existsSync(dir)) return { quizzes, issues };
  const sourceText = inLanguage(SOURCE_TEXT, lang);
  const sourcePath = join(root, sourceText);
  const source = existsSync(sourcePath) ? readFileSync(sourcePath, 'utf8') : undefined;
  const slides = new Set(sections.flatMap((s) => s.slides.map((slide) => `${s.id}/${slide.id}`)));
  const sectionIds = new Set(sections.map((s) => s.id));
  const objectives = new Map<string, { section: Section; objective: Objective }>(
    sections.flatMap((s) => s.objectives.map((o) => [`${s.id}/${o.id}`, { section: s, objective: o }] as const)),
  );
  const assessed = new Set<string>();
  const languages = deckLanguages(root);
  const owners = new Map<string, string>();

  for (const name of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && fileLanguage(f, languages) === lang).sort()) {
    const file = `quizzes/${name}`;
    const text = readFileSync(join(dir, name), 'utf8');
    let quiz: Quiz;
    try {
      quiz = parseQuizBank(text, file);
    } catch (error) {
      if (!(error instanceof QuizValidationError)) throw error;
      issues.push(...error.issues.map((i) => ({ file, line: i.line, message: i.path ? `${i.path}: ${i.message}` : i.message })));
      continue;
    }
    const lineOf = lineFinder(text);
    const at = (path: (string | number)[], message: string) => issues.push({ file, line: lineOf(path), message });

    const other = owners.get(quiz.id);
    if (other) at(['id'], `the quiz id "${quiz.id}" is already used by ${other}: quiz ids must be unique across quizzes/`);
    else owners.set(quiz.id, file);
    if (!quiz.after) at(['id'], `a quiz needs \`after:\`, the id of the section it follows in the deck: one of ${[...sectionIds].join(', ')}`);
    else if (!sectionIds.has(quiz.after)) {
      at(['after'], `after: "${quiz.after}" is not a section of the deck; the sections are ${[...sectionIds].join(', ')}`);
    }
    quiz.questions.forEach((q, i) => {
      const where = `questions[${i}]`;
      const required = !quiz.own;
      if (!q.slide) {
        if (required) at(['questions', i], `${where}: add \`slide:\`, the <section>/<slide> id of the slide that teaches it`);
      } else if (!slides.has(q.slide)) at(['questions', i, 'slide'], `${where}.slide: "${q.slide}" is not a slide of the deck (write <section id>/<slide id>); ${nearest(q.slide, [...slides])}`);
      if (!q.source) {
        if (required) at(['questions', i], `${where}: add \`source:\`, the words of ${sourceText} that answer it, copied exactly`);
      } else if (source !== undefined && !source.includes(q.source)) {
        at(['questions', i, 'source'], `${where}.source: not found verbatim in ${sourceText}; copy the words exactly (quotes and apostrophes included)`);
      }
      if (!q.explanation && required) at(['questions', i], `${where}: add \`explanation:\`, shown after the answer whatever it was`);
      if (q.objective !== undefined) {
        if (objectives.has(q.objective)) assessed.add(q.objective);
        else at(['questions', i, 'objective'], `${where}.objective: "${q.objective}" is not an objective of the deck; ${nearest(q.objective, [...objectives.keys()])}`);
      }
    });
    quizzes.push({ quiz, file });
  }
  // Checked only when every quiz file could be read: a broken file would make objectives look
  // unassessed. A teacher's own bank alone does not make them due: it was not written for them.
  const drawnFromSource = quizzes.filter((q) => !q.quiz.own);
  if (issues.length === 0 && drawnFromSource.length > 0) {
    for (const [key, { section, objective }] of objectives) {
      if (!assessed.has(key)) {
        issues.push({ file: section.file, line: objective.line, message: `objective "${key}" is assessed by no question: add \`objective: ${key}\` to a question that asks it, or remove the objective` });
      }
    }
  }
  const quotes = quizzes.some((q) => q.quiz.questions.some((question) => question.source));
  if (source === undefined && (drawnFromSource.length > 0 || quotes)) issues.push({ file: sourceText, line: 1, message: 'the source text is missing: quiz sources cannot be checked' });
  // Deck order, not file order: the deck, results and exports list quizzes as a learner meets them.
  const order = sections.map((s) => s.id);
  quizzes.sort((a, b) => order.indexOf(a.quiz.after ?? '') - order.indexOf(b.quiz.after ?? ''));
  return { quizzes, issues };
}

/** "the nearest are x, y, z" for an unknown id, by shared prefix and edit distance. */
export function nearest(wanted: string, known: string[], count = 3): string {
  if (known.length === 0) return 'none is declared';
  const ranked = [...known].sort((a, b) => editDistance(wanted, a) - editDistance(wanted, b) || a.localeCompare(b));
  return `the nearest are ${ranked.slice(0, count).join(', ')}`;
}
