import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { GiftParseError, parseGiftWithReport, slugify, toGiftWithReport, toQuizYaml, type Quiz } from '../quiz/index.ts';
import { alignedQuizzes, readSections } from '../deck/build-deck.ts';
import { DEFAULT_LANG } from '../deck/languages.ts';
import { loadQuizzes } from '../deck/load-quizzes.ts';
import { DeckBuildError } from '../deck/errors.ts';
import { readArgs } from './args.ts';
import { shownPath, terminal, type Output } from './output.ts';

const IMPORT_USAGE = 'usage: npm run kit -- import-gift <file.gift> [--out quizzes/<id>.yaml] [--after <section id>]';
const EXPORT_USAGE = 'usage: npm run kit -- export-gift [--out dist/export/quizzes.gift]';

/**
 * `kit import-gift <file.gift> [--out quizzes/<id>.yaml] [--after <section>]`: reads a Moodle
 * GIFT bank and writes a quiz file, saying which lines it skipped (descriptions, essays) and why.
 * Paths are taken from `root`, the folder the command runs in.
 */
export async function runImportGift(args: string[], root = process.cwd(), out: Output = terminal): Promise<number> {
  const parsed = readArgs('import-gift', args, { options: { out: { type: 'string' }, after: { type: 'string' } }, usage: IMPORT_USAGE, positionals: 1 }, out);
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
  let report;
  try {
    report = parseGiftWithReport(readFileSync(resolve(root, input), 'utf8'), input);
  } catch (error) {
    if (error instanceof GiftParseError) {
      out.error(`${error.message}\n\nnothing was written.`);
      return 1;
    }
    throw error;
  }
  const id = slugify(basename(input).replace(/\.(gift|txt)$/i, '')) || 'imported';
  const target = parsed.values.out ?? join('quizzes', `${id}.yaml`);
  const file = resolve(root, target);
  if (existsSync(file)) {
    out.error(`${target} already exists: choose another file with --out, or remove it first (nothing was written)`);
    return 1;
  }
  const quiz: Quiz = { id, title: id, after: parsed.values.after, pass: 0.7, shuffle: true, attempts: 0, penalty: 0, questions: report.questions };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, toQuizYaml(quiz));
  for (const skip of report.skipped) out.log(`${input}:${skip.line}: skipped${skip.title ? ` "${skip.title}"` : ''}: ${skip.reason}`);
  out.log(`${shownPath(root, file)}: ${report.questions.length} question${report.questions.length === 1 ? '' : 's'} written${report.skipped.length ? `, ${report.skipped.length} skipped` : ''}.`);
  out.log('Next: give the quiz a title and `after:` (the section it follows), and each question its `slide:`, `source:` and `explanation:`; `npm run kit -- validate` lists what is missing.');
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

/** The whole bank as one GIFT text, a `$CATEGORY` per quiz (`kit/<quiz>`, `kit/zh/<quiz>` in Chinese), and what GIFT could not hold. */
export function bankAsGift(quizzes: readonly Quiz[], lang: string = DEFAULT_LANG) {
  const category = (quiz: Quiz) => (lang === DEFAULT_LANG ? `kit/${quiz.id}` : `kit/${lang}/${quiz.id}`);
  const notes: string[] = [];
  const parts = quizzes.map((quiz) => {
    const { text, skipped, approximated } = toGiftWithReport(quiz.questions.map((q) => ({ ...q, category: category(quiz) })));
    for (const s of skipped) notes.push(`left out ${quiz.id}/${s.id}: ${s.reason}`);
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
