import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { toQti } from '../quiz/index.ts';
import { readArgs } from './args.ts';
import { bankAsGift, readCheckedQuizzes } from './gift.ts';
import { shownPath, terminal, type Output } from './output.ts';

const USAGE = 'usage: npm run kit -- export [--out <dir>]';

/** The package's title in the QTI manifest. */
const QTI_TITLE = 'Modern industrial system: quiz bank';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `kit export [--out <dir>]`: the deck's quiz banks for LMSs, `quizzes.gift` for Moodle and
 * `qti.zip` (IMS QTI 2.1) for Canvas, Blackboard and others, in `dist/export/` by default.
 * Prints every question a format left out or holds approximately, then a count per format.
 */
export async function runExport(args: string[], root = process.cwd(), out: Output = terminal): Promise<number> {
  const parsed = readArgs('export', args, { options: { out: { type: 'string' } }, usage: USAGE }, out);
  if ('exit' in parsed) return parsed.exit;
  const quizzes = readCheckedQuizzes(root);
  const dir = resolve(root, parsed.values.out ?? 'dist/export');
  const shown = (file: string): string => shownPath(root, file);
  const total = quizzes.reduce((n, quiz) => n + quiz.questions.length, 0);
  mkdirSync(dir, { recursive: true });

  const gift = bankAsGift(quizzes);
  const giftFile = join(dir, 'quizzes.gift');
  writeFileSync(giftFile, gift.text);

  const qti = toQti(quizzes, { title: QTI_TITLE });
  const zipFile = join(dir, 'qti.zip');
  const entries = Object.fromEntries(Object.entries(qti.files).map(([path, xml]) => [path, strToU8(xml)]));
  writeFileSync(zipFile, zipSync(entries, { level: 9 }));

  for (const note of gift.notes) out.log(`gift: ${note}`);
  for (const s of qti.skipped) out.log(`qti: left out ${s.quizId}/${s.questionId}: ${s.reason}`);
  for (const a of qti.approximated) out.log(`qti: approximated ${a.quizId}/${a.questionId}: ${a.reason}`);
  for (const note of qti.notes) out.log(`qti: note: ${note}`);

  const giftLeftOut = gift.notes.filter((note) => note.startsWith('left out')).length;
  const tests = Object.keys(qti.files).filter((path) => path.startsWith('tests/')).length;
  out.log(`${shown(giftFile)}: ${total - giftLeftOut} of ${total} questions written as GIFT (Moodle).`);
  out.log(
    `${shown(zipFile)}: ${total - qti.skipped.length} of ${total} questions written as QTI 2.1 items, in ${plural(tests, 'test')}` +
      `${qti.approximated.length ? ` (${qti.approximated.length} approximated)` : ''}.`,
  );
  return 0;
}
