import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { itemStatistics, itemStatisticsCsv, itemStatisticsText } from '../quiz/index.ts';
import { terminal, type Output } from './output.ts';
import { plural, readCommandFiles } from './results.ts';

const USAGE = 'usage: npm run kit -- stats <file or folder>... [--csv stats.csv]';

/**
 * `kit stats <files or folders…> [--csv stats.csv]`: item statistics (facility, discrimination,
 * what each learner answered, flags) from the learners' results files, read and re-graded as
 * `kit results` reads them. Prints the report; `--csv` also writes it as CSV. A file that cannot
 * be read is named with its line and left out; the exit code is then 1.
 */
export async function runStats(args: string[], root = process.cwd(), out: Output = terminal): Promise<number> {
  const read = readCommandFiles(root, args, out, { command: 'stats', option: 'csv', usage: USAGE, what: 'the statistics', twice: 'each is counted as a learner; leave out the files you do not want counted.' });
  if ('exit' in read) return read.exit;
  const { quizzes, learners, failed, target, outFile: csvFile } = read;
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
