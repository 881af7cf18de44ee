/**
 * `kit stats`: the learners' downloaded files, read as `kit results` reads them, become item
 * statistics in the terminal and, with --csv, a CSV; a broken file is named with its line and
 * left out, and the others are still counted.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCheckedQuizzes } from '../../../src/cli/gift.ts';
import { correctResponse, createSession, parseCsv, serialise, submitTry, writeResultsCsv, type Session } from '../../../src/quiz/index.ts';
import { kit, PROJECT } from './run-kit.ts';

const AT = new Date('2026-03-01T09:00:00Z');
const quizzes = readCheckedQuizzes(PROJECT);
const first = quizzes[0]!;
const opening = first.questions.find((q) => q.type === 'single')!;
const number = first.questions.indexOf(opening) + 1;

/** A learner who answered the first quiz's first single-choice question, right or not. */
function firstAnswered(right: boolean): Session {
  const session = createSession(first, 'browser', AT);
  return submitTry(first, session, opening.id, right ? correctResponse(opening) : wrongResponse(), AT);
}

/** A wrong choice of that question. */
function wrongResponse() {
  if (opening.type !== 'single') throw new Error('the first quiz has no single-choice question');
  return { choice: opening.choices.find((c) => !c.correct)!.id };
}

function classFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'kit-stats-'));
  const put = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const ann = put('results-ann-2026-03-01.csv', writeResultsCsv(quizzes, { name: 'Ann', exported: '2026-03-01T17:00:00+08:00', sessions: [firstAnswered(true)], shown: {} }));
  const bo = put('results-bo-2026-03-01.json', JSON.stringify({ version: 1, sessions: { [first.id]: serialise(firstAnswered(false)) }, shown: {}, name: 'Bo' }));
  // Ann's file with its try's response edited by hand into something that is not JSON.
  const lines = readFileSync(ann, 'utf8').split('\n');
  const tryLine = lines.findIndex((line) => line.split(',')[2] === 'try');
  lines[tryLine] = lines[tryLine]!.replace(/"\{.*\}"$/, '"{oops"');
  const broken = put('results-cy-2026-03-01.csv', lines.join('\n').replaceAll('Ann', 'Cy'));
  return { dir, ann, bo, broken, brokenLine: tryLine + 1 };
}

describe('kit stats', () => {
  it('prints each question\'s figures and options, writes the CSV, and names a broken file with its line', async () => {
    const { dir, ann, bo, broken, brokenLine } = classFolder();
    const csv = join(dir, 'stats.csv');
    const run = await kit(['stats', dir, '--csv', csv]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${broken}:${brokenLine}: the response is not JSON`);
    expect(run.stderr).toContain(`${broken}: left out of the statistics (1 problem above)`);
    expect(run.stderr).toContain('statistics of 2 learners written to');
    expect(run.stdout).toMatch(/^Item statistics\n/);
    expect(run.stdout).toContain(`${first.title} (${first.id}): 2 learners`);
    // One right, one wrong: facility 50; the only other score is 0 for both, so no discrimination.
    expect(run.stdout).toMatch(new RegExp(`${number}\\. ${opening.id} \\(single, 1 pt\\)\\s+facility 50\\s+discrimination –\\s+answered 2 of 2`));
    expect(run.stdout).toContain('Flags (!):');

    const [header, ...rows] = parseCsv(readFileSync(csv, 'utf8'));
    expect(header!.slice(0, 4)).toEqual(['quiz', 'question', 'type', 'row']);
    const row = rows.find((r) => r[1] === opening.id && r[3] === 'question')!;
    expect(row.slice(9, 13)).toEqual(['2', '2', '50', '']);
    // Quizzes nobody has a session for are listed with no learner.
    expect(run.stdout).toContain(`${quizzes[1]!.title} (${quizzes[1]!.id}): 0 learners, no learner`);
    expect([ann, bo].every((file) => !run.stderr.includes(`${file}:`))).toBe(true);
  });

  it('asks for files when given none, and says so when none reads', async () => {
    expect(await kit(['stats'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^kit stats: which results files\?.*\nusage: npm run kit -- stats <file or folder>\.\.\. \[--csv stats\.csv\]$/) });
    const { broken } = classFolder();
    const run = await kit(['stats', broken]);
    expect(run).toMatchObject({ status: 1, stdout: '' });
    expect(run.stderr).toContain('no results file could be read: no statistics.');
  });
});
