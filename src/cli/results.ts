import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { classTable, loadResultsFile, sameLearners, splitResultsText, SavedDataError, toCsv, type LearnerResults, type Quiz } from '../quiz/index.ts';
import { readArgs } from './args.ts';
import { readCheckedQuizzes } from './gift.ts';
import { terminal, type Output } from './output.ts';

const USAGE = 'usage: npm run kit -- results <file or folder>... [--out class.csv]';
const RE_RESULTS_FILE = /\.(csv|json)$/i;

/** A count with its word: "1 file", "2 files". */
export const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

/** The files named, a folder standing for the results files in it (not the table being written). */
function expand(root: string, paths: string[], outFile: string | undefined): { files: string[]; problems: string[] } {
  const files: string[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    const full = resolve(root, path);
    let isFolder: boolean;
    try {
      isFolder = statSync(full).isDirectory();
    } catch {
      problems.push(`${path}: no such file; give the results files the learners downloaded (results-<name>-<date>.csv or .json), or the folder they are in`);
      continue;
    }
    if (!isFolder) {
      files.push(path);
      continue;
    }
    const inside = readdirSync(full).filter((name) => RE_RESULTS_FILE.test(name)).sort().map((name) => join(path, name));
    const kept = inside.filter((file) => resolve(root, file) !== outFile);
    if (kept.length === 0) problems.push(`${path}: this folder holds no .csv or .json file; put the learners' results files in it`);
    files.push(...kept);
  }
  return { files, problems };
}

/** Learners' results files read for a command, and how many could not be. */
export interface ReadLearners {
  learners: LearnerResults[];
  /** Files (or folders) left out, each already reported. */
  failed: number;
}

/**
 * Reads the learners' results files named (a folder standing for the .csv and .json files in
 * it, except `outFile`, the command's own output), each re-graded against `quizzes`. A file that
 * cannot be read is reported through `out` with its line and left out of `what` ("the table").
 * `kit results` and `kit stats` read their files with this, so they never disagree about a file.
 */
export function readLearnerFiles(root: string, paths: string[], outFile: string | undefined, quizzes: readonly Quiz[], out: Output, what: string): ReadLearners {
  const { files, problems } = expand(root, paths, outFile);
  for (const problem of problems) out.error(problem);
  let failed = problems.length;
  const learners: LearnerResults[] = [];
  // A class's download from the classroom server holds many learners: each is read as its own file.
  for (const { file, text } of files.flatMap((f) => splitResultsText(f, readFileSync(resolve(root, f), 'utf8')))) {
    try {
      learners.push(loadResultsFile(file, text, quizzes));
    } catch (error) {
      if (!(error instanceof SavedDataError)) throw error;
      failed++;
      for (const problem of error.problems) out.error(`${problem.where}: ${problem.message}`);
      out.error(
        `${file}: left out of ${what} (${plural(error.problems.length, 'problem')} above). ` +
          'Fix what is named there, or ask the learner for a new download from the results slide (opening the deck again sets aside answers that no longer fit the quizzes as they are now).',
      );
    }
  }
  return { learners, failed };
}

/** What `kit results` and `kit stats` read, once their files are read: the quizzes, the learners, the output file asked for. */
export interface ReadCommand {
  quizzes: Quiz[];
  learners: LearnerResults[];
  failed: number;
  /** The option's value as given, and its path. */
  target?: string;
  outFile?: string;
}

/**
 * How `kit results` and `kit stats` begin: the arguments read (files or folders, and one option
 * naming an output file), every file read and re-graded against the quizzes as the deck grades
 * them, a note for a learner found in two files. Gives an exit code instead when there is
 * nothing to go on.
 */
export function readCommandFiles(
  root: string,
  args: string[],
  out: Output,
  spec: { command: string; option: string; usage: string; what: string; twice: string },
): ReadCommand | { exit: number } {
  const parsed = readArgs(spec.command, args, { options: { [spec.option]: { type: 'string' } }, usage: spec.usage, positionals: Infinity }, out);
  if ('exit' in parsed) return parsed;
  if (parsed.positionals.length === 0) {
    out.error(`kit ${spec.command}: which results files? Give the files the learners downloaded (or their folder).\n${spec.usage}`);
    return { exit: 2 };
  }
  const target = parsed.values[spec.option] as string | undefined;
  const outFile = target === undefined ? undefined : resolve(root, target);
  // As the deck grades them: a learner may have answered on the Chinese page or the English one.
  const quizzes = readCheckedQuizzes(root, undefined, { aligned: true });
  const { learners, failed } = readLearnerFiles(root, parsed.positionals, outFile, quizzes, out, spec.what);
  for (const same of sameLearners(learners)) {
    const who = same.name ? `“${same.name}” is in ${same.files.length} files` : `${same.files.length} files without a name come from the same browser`;
    out.error(`note: ${who} (${same.files.join(', ')}): ${spec.twice}`);
  }
  return { quizzes, learners, failed, ...(target === undefined ? {} : { target, outFile: outFile! }) };
}

/**
 * `kit results <files or folders…> [--out class.csv]`: reads many learners' results files (the
 * JSON or CSV the results slide downloads), re-grades each against the quizzes as they are now,
 * and writes one class table (CSV): a row per learner, a column per quiz and per question. A file
 * that cannot be read is reported with its line and left out; the others are still in the table,
 * and the exit code is 1.
 */
export async function runResults(args: string[], root = process.cwd(), out: Output = terminal): Promise<number> {
  const read = readCommandFiles(root, args, out, { command: 'results', option: 'out', usage: USAGE, what: 'the table', twice: 'each is a row of the table; delete the rows you do not want.' });
  if ('exit' in read) return read.exit;
  const { quizzes, learners, failed, target, outFile } = read;
  if (learners.length === 0) {
    out.error(`\nno results file could be read: nothing was written.`);
    return 1;
  }

  const table = toCsv(classTable(quizzes, learners));
  const questions = quizzes.reduce((n, quiz) => n + quiz.questions.length, 0);
  const summary = `class table: ${plural(learners.length, 'learner')}, ${plural(quizzes.length, 'quiz', 'quizzes')}, ${plural(questions, 'question')}`;
  if (outFile) {
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, table);
    out.log(`${summary}, written to ${target}`);
  } else {
    out.log(table.trimEnd());
    out.error(summary);
  }
  if (failed) out.error(`${plural(failed, 'file')} left out: see above.`);
  return failed ? 1 : 0;
}
