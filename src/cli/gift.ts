import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { GiftParseError, parseGiftWithReport, slugify, toGiftWithReport, toQuizYaml, type Quiz } from '../quiz/index.ts';
import { alignedQuizzes, readSections } from '../deck/build-deck.ts';
import { DEFAULT_LANG } from '../deck/languages.ts';
import { loadQuizzes } from '../deck/load-quizzes.ts';
import { DeckBuildError } from '../deck/errors.ts';
import { readArgs } from './args.ts';
import { htmlToMarkdown } from './gift-html.ts';
import { shownPath, terminal, type Output } from './output.ts';

const IMPORT_USAGE =
  'usage: npm run kit -- import-gift <file.gift> [--title "<title>"] [--after <section id>] [--out quizzes/<id>.yaml] [--encoding utf-8|windows-1252|latin1]';
const EXPORT_USAGE = 'usage: npm run kit -- export-gift [--out dist/export/quizzes.gift]';

/** Encodings `--encoding` takes (TextDecoder's names); latin1 is read as Windows-1252, as browsers do. */
const ENCODINGS = ['utf-8', 'windows-1252', 'latin1'];

/** The 1-based line of a position in a text. */
const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/**
 * The file as text: UTF-8 unless `--encoding` says otherwise. A file that is not UTF-8 is refused
 * (Moodle 5 refuses it too) with the first line that is not, shown as Windows-1252 would read it.
 */
function decode(bytes: Uint8Array, input: string, encoding: string | undefined): { text: string } | { problem: string } {
  if (encoding !== undefined) {
    if (!ENCODINGS.includes(encoding.toLowerCase())) return { problem: `--encoding ${encoding}: expected one of ${ENCODINGS.join(', ')}` };
    return { text: new TextDecoder(encoding.toLowerCase()).decode(bytes) };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const line = lineOf(loose, loose.indexOf('\uFFFD'));
    const shown = (new TextDecoder('windows-1252').decode(bytes).split(/\r\n|\r|\n/)[line - 1] ?? '').trim().slice(0, 60);
    return {
      problem: `${input}:${line}: this file is not UTF-8 (it looks like Windows-1252: "${shown}"); save it as UTF-8, or give --encoding windows-1252`,
    };
  }
}

/** The deck's section ids (the English deck's), to check `--after`; none when the project has no slides. */
function sectionIds(root: string): string[] {
  if (!existsSync(join(root, 'slides'))) return [];
  return readSections(root).sections.map((section) => section.id);
}

/**
 * `kit import-gift <file.gift> [--title] [--after <section>] [--out] [--encoding]`: reads a Moodle
 * GIFT bank and writes a quiz the deck takes at once (`own: true`: the teacher's own questions).
 * A question it cannot read is skipped with its line and why, the rest written; HTML becomes
 * Markdown, what was dropped listed per question. Paths are taken from `root`.
 */
export async function runImportGift(args: string[], root = process.cwd(), out: Output = terminal): Promise<number> {
  const options = { out: { type: 'string' }, after: { type: 'string' }, title: { type: 'string' }, encoding: { type: 'string' } } as const;
  const parsed = readArgs('import-gift', args, { options, usage: IMPORT_USAGE, positionals: 1 }, out);
  if ('exit' in parsed) return parsed.exit;
  const input = parsed.positionals[0];
  if (!input) {
    out.error(`kit import-gift: which GIFT file?\n${IMPORT_USAGE}`);
    return 2;
  }
  if (!existsSync(resolve(root, input))) {
    out.error(`${input}: no such file`);
    return 1;
  }
  const { after, title } = parsed.values;
  const ids = sectionIds(root);
  if (after !== undefined && !ids.includes(after)) {
    out.error(`--after ${after}: no such section; the deck's sections are: ${ids.join(', ') || '(none)'} (nothing was written)`);
    return 1;
  }
  const decoded = decode(readFileSync(resolve(root, input)), input, parsed.values.encoding);
  if ('problem' in decoded) {
    out.error(`${decoded.problem}\n\nnothing was written.`);
    return 1;
  }
  let report;
  try {
    report = parseGiftWithReport(decoded.text, input, { html: htmlToMarkdown, skipProblems: true });
  } catch (error) {
    if (error instanceof GiftParseError) {
      out.error(`${error.message}\n\nnothing was written.`);
      return 1;
    }
    throw error;
  }
  for (const skip of report.skipped) out.log(`${input}:${skip.line}: skipped${skip.title ? ` "${skip.title}"` : ''}: ${skip.reason}`);
  for (const drop of report.dropped) out.log(`${input}:${drop.line}: "${drop.title}": dropped ${drop.dropped.join(', ')} (Markdown has no place for it)`);
  if (report.questions.length === 0) {
    out.error(`${input}: no question to import (${report.skipped.length} skipped, listed above); nothing was written.`);
    return 1;
  }
  const name = basename(input).replace(/\.(gift|txt)$/i, '');
  const id = slugify(name) || 'imported';
  const target = parsed.values.out ?? join('quizzes', `${id}.yaml`);
  const file = resolve(root, target);
  if (existsSync(file)) {
    out.error(`${target} already exists: choose another file with --out, or remove it first (nothing was written)`);
    return 1;
  }
  // The deck places every quiz after a section: without --after, after the last one.
  const placed = after ?? ids.at(-1);
  const quiz: Quiz = { id, title: title ?? name, ...(placed ? { after: placed } : {}), own: true, pass: 0.7, shuffle: true, attempts: 0, penalty: 0, questions: report.questions };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, toQuizYaml(quiz));
  const count = report.questions.length;
  out.log(`${shownPath(root, file)}: ${count} question${count === 1 ? '' : 's'} written${report.skipped.length ? `, ${report.skipped.length} skipped` : ''}.`);
  if (title === undefined) out.log(`Titled "${name}" after the file: give --title "<title>" to name it, or edit \`title:\` in ${target}.`);
  if (after === undefined && placed) out.log(`Placed after the last section, "${placed}": give --after <section id> to place it elsewhere (${ids.join(', ')}), or edit \`after:\` in ${target}.`);
  out.log('Next: `npm run build` shows it in the deck (then `npm run kit -- export` for Moodle, QTI and SCORM); `npm run kit -- lint` lists what would improve each question (a slide to link, a source to quote, an explanation).');
  return 0;
}

/** Reads and checks the deck's quizzes; stops with file:line problems if they are not right. */
export function readCheckedQuizzes(root: string, lang: string = DEFAULT_LANG, { aligned = false }: { aligned?: boolean } = {}): Quiz[] {
  const { sections, issues } = readSections(root, lang);
  const loaded = loadQuizzes(root, sections, lang);
  const all = [...issues, ...loaded.issues];
  if (all.length) throw new DeckBuildError(all);
  // Aligned: as the deck grades them, a response from any language's page fitting (`alignedQuizzes`).
  return (aligned ? alignedQuizzes(root, lang, loaded.quizzes) : loaded.quizzes).map((q) => q.quiz);
}

/**
 * The whole bank as one GIFT text, a `$CATEGORY` per quiz (`kit/<quiz>`, `kit/zh/<quiz>` in Chinese), and notes: what
 * GIFT could not hold or Moodle would refuse (`left out …`), weights rounded to Moodle's grades (`rounded …`), and
 * where Moodle grades otherwise (`approximated …`).
 */
export function bankAsGift(quizzes: readonly Quiz[], lang: string = DEFAULT_LANG) {
  const category = (quiz: Quiz) => (lang === DEFAULT_LANG ? `kit/${quiz.id}` : `kit/${lang}/${quiz.id}`);
  const notes: string[] = [];
  const parts = quizzes.map((quiz) => {
    const { text, skipped, approximated, rounded } = toGiftWithReport(quiz.questions.map((q) => ({ ...q, category: category(quiz) })));
    for (const s of skipped) notes.push(`left out ${quiz.id}/${s.id}: ${s.reason}`);
    for (const r of rounded) notes.push(`rounded ${quiz.id}/${r.id}: ${r.reason}`);
    for (const a of approximated) notes.push(`approximated ${quiz.id}/${a.id}: ${a.reason}`);
    return `// ${quiz.title}\n${text}`;
  });
  return { text: parts.join('\n'), notes };
}

/** `kit export-gift [--out dist/export/quizzes.gift]`: the deck's quiz bank for Moodle. */
export async function runExportGift(args: string[], root = process.cwd(), out: Output = terminal): Promise<number> {
  const parsed = readArgs('export-gift', args, { options: { out: { type: 'string' } }, usage: EXPORT_USAGE }, out);
  if ('exit' in parsed) return parsed.exit;
  const quizzes = readCheckedQuizzes(root);
  const file = resolve(root, parsed.values.out ?? 'dist/export/quizzes.gift');
  const { text, notes } = bankAsGift(quizzes);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  for (const note of notes) out.log(note);
  const count = quizzes.reduce((n, q) => n + q.questions.length, 0);
  out.log(`${shownPath(root, file)}: ${count - notes.filter((n) => n.startsWith('left out')).length} of ${count} questions written as GIFT.`);
  return 0;
}
