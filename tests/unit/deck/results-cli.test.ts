/**
 * `kit results`: a teacher drops the learners' downloaded files on one command and gets one
 * class table, re-graded against the quizzes as they are now; a broken file is named (with its
 * line) and left out, and the others are still in the table.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCheckedQuizzes } from '../../../src/cli/gift.ts';
import { correctResponse, createSession, parseCsv, serialise, submitTry, writeResultsCsv, type Quiz, type Session } from '../../../src/quiz/index.ts';
import { kit, PROJECT } from './run-kit.ts';

const AT = new Date('2026-03-01T09:00:00Z');
const quizzes = readCheckedQuizzes(PROJECT);
const first = quizzes[0]!;
const points = (quiz: Quiz) => quiz.questions.reduce((n, q) => n + q.points, 0);

/** A learner who answered every question of the first quiz right. */
function allRight(): Session {
  let session = createSession(first, 'browser', AT);
  for (const question of first.questions) session = submitTry(first, session, question.id, correctResponse(question), AT);
  return session;
}

/** Learners' files in a folder of their own, as a teacher collects them. */
function classFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'kit-results-'));
  const put = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const ann = put('results-ann-lee-2026-03-01.csv', writeResultsCsv(quizzes, { name: 'Ann Lee', exported: '2026-03-01T17:00:00+08:00', sessions: [allRight()], shown: {} }));
  const bo = put('results-bo-2026-03-02.json', JSON.stringify({ version: 1, sessions: {}, shown: {}, name: 'Bo', learner: 'b', exportedAt: '2026-03-02T10:00:00+08:00' }));
  const lines = readFileSync(ann, 'utf8').split('\n');
  // The first try's response, edited by hand into something no question takes.
  lines[1] = lines[1]!.replace(/"\{.*\}"$/, '"{""nonsense"":1}"');
  const broken = put('results-cy-2026-03-01.csv', lines.join('\n').replaceAll('Ann Lee', 'Cy'));
  return { dir, ann, bo, broken };
}

describe('kit results', () => {
  it('writes one class table from several files, leaves out a broken one naming its line, and exits 1', async () => {
    const { dir, ann, bo, broken } = classFolder();
    const out = join(dir, 'class.csv');
    const run = await kit(['results', ann, broken, bo, '--out', out]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${broken}:2: `);
    expect(run.stderr).toContain(`${broken}: left out of the table (1 problem above)`);
    expect(run.stderr).toContain('1 file left out: see above.');
    expect(run.stdout).toMatch(/^class table: 2 learners, 6 quizzes, \d+ questions, written to .*class\.csv$/);

    const [header, possible, ...rows] = parseCsv(readFileSync(out, 'utf8'));
    expect(header!.slice(0, 4 + quizzes.length)).toEqual(['learner', 'exported', 'file', 'deck', ...quizzes.map((q) => q.id)]);
    expect(header).toContain(`${first.id}/${first.questions[0]!.id}`);
    expect(header).toHaveLength(4 + quizzes.length + quizzes.reduce((n, q) => n + q.questions.length, 0));
    expect(possible!.slice(0, 5)).toEqual(['points possible', '', '', String(quizzes.reduce((n, q) => n + points(q), 0)), String(points(first))]);
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      ['Ann Lee', '2026-03-01', ann, String(points(first)), String(points(first))],
      ['Bo', '2026-03-02', bo, '0', ''],
    ]);
    for (const row of rows) expect(row).toHaveLength(header!.length);
  });

  it('prints the table when no --out is given, and takes a folder for the files in it', async () => {
    const { dir, broken } = classFolder();
    writeFileSync(broken, readFileSync(broken, 'utf8').replace('nonsense', 'x')); // still wrong
    const run = await kit(['results', dir]);
    expect(run.status).toBe(1);
    expect(parseCsv(run.stdout).map((r) => r[0])).toEqual(['learner', 'points possible', 'Ann Lee', 'Bo']);
    expect(run.stderr).toMatch(/^class table: 2 learners/m);
  });

  it('says when one learner is in two files, and keeps both rows', async () => {
    const { dir, ann } = classFolder();
    const again = join(dir, 'again.json');
    writeFileSync(again, JSON.stringify({ version: 1, sessions: { [first.id]: serialise(allRight()) }, shown: {}, name: 'ann lee' }));
    const run = await kit(['results', ann, again]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`note: “Ann Lee” is in 2 files (${ann}, ${again}): each is a row of the table; delete the rows you do not want.`);
    expect(parseCsv(run.stdout).map((r) => r[0])).toEqual(['learner', 'points possible', 'ann lee', 'Ann Lee']);
  });

  it('names a file that is not there, a folder without results and a class table given back, and writes nothing when no file reads', async () => {
    const { dir } = classFolder();
    const out = join(dir, 'class.csv');
    writeFileSync(out, 'learner,exported,file,deck,x\n');
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const run = await kit(['results', join(dir, 'nope.csv'), empty, out]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${join(dir, 'nope.csv')}: no such file; give the results files the learners downloaded`);
    expect(run.stderr).toContain(`${empty}: this folder holds no .csv or .json file`);
    expect(run.stderr).toContain(`${out}:1: this is a class table written by kit results, not one learner's results file`);
    expect(run.stderr).toContain('no results file could be read: nothing was written.');
    expect(run.stdout).toBe('');
  });

  it('asks for files when given none', async () => {
    expect(await kit(['results'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^kit results: which results files\?.*\nusage: npm run kit -- results <file or folder>\.\.\. \[--out class\.csv\]$/) });
  });
});
