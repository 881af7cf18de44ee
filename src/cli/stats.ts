import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { itemStatistics, itemStatisticsCsv, itemStatisticsText, sameLearners } from '../quiz/index.ts';
import { readArgs } from './args.ts';
import { readCheckedQuizzes } from './gift.ts';
import { terminal, type Output } from './output.ts';
import { plural, readLearnerFiles } from './results.ts';

const USAGE = 'usage: npm run kit -- stats <file or folder>... [--csv stats.csv]';

/**
 * `kit stats <files or folders…> [--csv stats.csv]`: item statistics (facility, discrimination,
 * what each learner answered, flags) from the learners' results files, read and re-graded as
 * `kit results` reads them. Prints the report; `--csv` also writes it as CSV. A file that cannot
 * be read is named with its line and left out; the exit code is then 1.
 */
export async function runStats(args: string[], root = process.cwd(), out: Output = terminal): Promise<number> {
  const parsed = readArgs('stats', args, { options: { csv: { type: 'string' } }, usage: USAGE, positionals: Infinity }, out);
  if ('exit' in parsed) return parsed.exit;
  if (parsed.positionals.length === 0) {
    out.error(`kit stats: which results files? Give the files the learners downloaded (or their folder).\n${USAGE}`);
    return 2;
  }
  const target = parsed.values.csv;
  const csvFile = target === undefined ? undefined : resolve(root, target);
  // As the deck grades them: a learner may have answered on the Chinese page or the English one.
  const quizzes = readCheckedQuizzes(root, undefined, { aligned: true });
  const { learners, failed } = readLearnerFiles(root, parsed.positionals, csvFile, quizzes, out, 'the statistics');
  for (const same of sameLearners(learners)) {
    const who = same.name ? `“${same.name}” is in ${same.files.length} files` : `${same.files.length} files without a name come from the same browser`;
    out.error(`note: ${who} (${same.files.join(', ')}): each is counted as a learner; leave out the files you do not want counted.`);
  }
  if (learners.length === 0) {
    out.error('\nno results file could be read: no statistics.');
    return 1;
  }
  const stats = itemStatistics(quizzes, learners);
  out.log(itemStatisticsText(stats));
  if (csvFile) {
    mkdirSync(dirname(csvFile), { recursive: true });
    writeFileSync(csvFile, itemStatisticsCsv(stats));
    out.error(`statistics of ${plural(learners.length, 'learner')} written to ${target}`);
  }
  if (failed) out.error(`${plural(failed, 'file')} left out: see above.`);
  return failed ? 1 : 0;
}
