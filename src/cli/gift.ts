import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { GiftParseError, parseGiftWithReport, slugify, toGiftWithReport, toQuizYaml, type Quiz } from '../quiz/index.ts';
import { readSections } from '../deck/build-deck.ts';
import { loadQuizzes } from '../deck/load-quizzes.ts';
import { DeckBuildError } from '../deck/errors.ts';

/** `--name value` from the arguments, or undefined. */
export function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

/**
 * `kit import-gift <file.gift> [--out quizzes/<id>.yaml] [--after <section>]`: reads a Moodle
 * GIFT bank and writes a quiz file, saying which lines it skipped (descriptions, essays) and why.
 */
export async function runImportGift(args: string[], root = process.cwd()): Promise<number> {
  const input = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!input) {
    console.error('usage: npm run kit -- import-gift <file.gift> [--out quizzes/<id>.yaml] [--after <section id>]');
    return 2;
  }
  if (!existsSync(input)) {
    console.error(`${input}: no such file`);
    return 1;
  }
  let report;
  try {
    report = parseGiftWithReport(readFileSync(input, 'utf8'), input);
  } catch (error) {
    if (error instanceof GiftParseError) {
      console.error(`${error.message}\n\nnothing was written.`);
      return 1;
    }
    throw error;
  }
  const id = slugify(basename(input).replace(/\.(gift|txt)$/i, '')) || 'imported';
  const out = option(args, '--out') ?? join('quizzes', `${id}.yaml`);
  if (existsSync(out)) {
    console.error(`${out} already exists: choose another file with --out, or remove it first (nothing was written)`);
    return 1;
  }
  const quiz: Quiz = { id, title: id, after: option(args, '--after'), pass: 0.7, shuffle: true, attempts: 0, penalty: 0, questions: report.questions };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, toQuizYaml(quiz));
  for (const skip of report.skipped) console.log(`${input}:${skip.line}: skipped${skip.title ? ` "${skip.title}"` : ''}: ${skip.reason}`);
  console.log(`${relative(root, out) || out}: ${report.questions.length} question${report.questions.length === 1 ? '' : 's'} written${report.skipped.length ? `, ${report.skipped.length} skipped` : ''}.`);
  console.log('Next: give the quiz a title and `after:` (the section it follows), and each question its `slide:`, `source:` and `explanation:`; `npm run kit -- validate` lists what is missing.');
  return 0;
}

/** Reads and checks the deck's quizzes; stops with file:line problems if they are not right. */
export function readCheckedQuizzes(root: string): Quiz[] {
  const { sections, issues } = readSections(root);
  const loaded = loadQuizzes(root, sections);
  const all = [...issues, ...loaded.issues];
  if (all.length) throw new DeckBuildError(all);
  return loaded.quizzes.map((q) => q.quiz);
}

/** The whole bank as one GIFT text, a `$CATEGORY` per quiz, and what GIFT could not hold. */
export function bankAsGift(quizzes: readonly Quiz[]) {
  const notes: string[] = [];
  const parts = quizzes.map((quiz) => {
    const { text, skipped, approximated } = toGiftWithReport(quiz.questions.map((q) => ({ ...q, category: `kit/${quiz.id}` })));
    for (const s of skipped) notes.push(`left out ${quiz.id}/${s.id}: ${s.reason}`);
    for (const a of approximated) notes.push(`approximated ${quiz.id}/${a.id}: ${a.reason}`);
    return `// ${quiz.title}\n${text}`;
  });
  return { text: parts.join('\n'), notes };
}

/** `kit export-gift [--out dist/export/quizzes.gift]`: the deck's quiz bank for Moodle. */
export async function runExportGift(args: string[], root = process.cwd()): Promise<number> {
  const quizzes = readCheckedQuizzes(root);
  const out = option(args, '--out') ?? join(root, 'dist/export/quizzes.gift');
  const { text, notes } = bankAsGift(quizzes);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  for (const note of notes) console.log(note);
  const count = quizzes.reduce((n, q) => n + q.questions.length, 0);
  console.log(`${relative(root, out) || out}: ${count - notes.filter((n) => n.startsWith('left out')).length} of ${count} questions written as GIFT.`);
  return 0;
}
