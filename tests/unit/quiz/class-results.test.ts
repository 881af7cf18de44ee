/**
 * Many learners' results files side by side, as `kit results` writes them and item statistics
 * will read them: each file re-graded, a row per learner, a column per quiz and per question.
 */
import { describe, expect, it } from 'vitest';
import {
  classTable,
  cleanName,
  createSession,
  loadResultsFile,
  localIsoTime,
  nameSlug,
  parseQuizBank,
  questionScores,
  resultsFileName,
  sameLearners,
  SavedDataError,
  serialise,
  submitTry,
  writeResultsCsv,
  type Quiz,
  type Response,
} from '../../../src/quiz/index.ts';

const AT = new Date('2026-03-01T09:00:00Z');

const first = parseQuizBank(
  `id: first
title: First
after: one
questions:
  - { id: pick, type: single, prompt: P, points: 2, choices: [{ text: A }, { text: B, correct: true }] }
  - { id: year, type: numeric, prompt: N, answer: 80 }
`,
  'quizzes/first.yaml',
);
const second = parseQuizBank(
  `id: second
title: Second
after: two
questions:
  - { id: fact, type: truefalse, prompt: T, answer: true }
`,
  'quizzes/second.yaml',
);
const QUIZZES: Quiz[] = [first, second];

/** A learner's answers, as their browser would save them. */
function answers(quiz: Quiz, responses: Record<string, Response>) {
  let session = createSession(quiz, 'seed', AT);
  for (const [id, response] of Object.entries(responses)) session = submitTry(quiz, session, id, response, AT);
  return session;
}

const ann = { name: 'Ann Lee', exported: '2026-03-01T17:00:00+08:00', sessions: [answers(first, { pick: { choice: 'b' }, year: { value: 80 } }), answers(second, { fact: { value: false } })], shown: {} };
const bo = { name: 'Bo', exported: '2026-03-02T10:00:00+08:00', sessions: [answers(first, { pick: { choice: 'a' } })], shown: {} };

describe('names, dates and file names', () => {
  it('cleans a name as typed and makes a file name of it, keeping letters of any script', () => {
    expect(cleanName('  Ann \n\t Lee ')).toBe('Ann Lee');
    expect(nameSlug('Ann O’Neil')).toBe('ann-o-neil');
    expect(nameSlug('王 小明')).toBe('王-小明');
    expect(nameSlug('Zoë')).toBe('zoë');
    expect(nameSlug('राम')).toBe('राम');
    expect(nameSlug('a/b\\c:d*e?f"g<h>i|j')).toBe('a-b-c-d-e-f-g-h-i-j');
    expect(nameSlug('...')).toBe('');
    expect([...nameSlug('x'.repeat(100))]).toHaveLength(40);
  });

  it('writes the local time with its offset, so the date is the learner\'s own', () => {
    expect(localIsoTime(new Date('2026-03-01T20:30:00Z'), -480)).toBe('2026-03-02T04:30:00+08:00');
    expect(localIsoTime(new Date('2026-03-01T02:00:00Z'), 300)).toBe('2026-02-28T21:00:00-05:00');
    expect(localIsoTime(new Date('2026-03-01T02:00:00Z'), 0)).toBe('2026-03-01T02:00:00+00:00');
    expect(Date.parse(localIsoTime(AT, -330))).toBe(AT.getTime());
  });

  it('names a results file results-<name>-<date>, or results-<date> without a name', () => {
    expect(resultsFileName('Ann Lee', '2026-03-02T04:30:00+08:00', 'csv')).toBe('results-ann-lee-2026-03-02.csv');
    expect(resultsFileName('', '2026-03-02T04:30:00+08:00', 'json')).toBe('results-2026-03-02.json');
  });
});

describe('loading learners\' files for the class', () => {
  it('reads CSV and JSON alike and re-grades them: a claimed full mark on a wrong answer counts 0', () => {
    const csv = loadResultsFile('ann.csv', writeResultsCsv(QUIZZES, ann), QUIZZES);
    expect(csv).toMatchObject({ file: 'ann.csv', name: 'Ann Lee', exportedAt: '2026-03-01T17:00:00+08:00' });
    expect(csv.deck.score).toBe(3);
    const forged = answers(first, { pick: { choice: 'a' } });
    forged.progress.pick!.tries[0]!.fraction = 1;
    const json = JSON.stringify({ version: 1, sessions: { first: serialise(forged) }, shown: {}, name: 'Bo', learner: 'browser-1' });
    expect(loadResultsFile('bo.json', json, QUIZZES)).toMatchObject({ name: 'Bo', learnerId: 'browser-1', deck: { score: 0 } });
  });

  it('gives each learner\'s fraction of every question, with the tries that tell "not answered" from "wrong"', () => {
    const scores = questionScores(loadResultsFile('ann.csv', writeResultsCsv(QUIZZES, ann), QUIZZES).deck);
    expect(scores.map(({ key, fraction, tries }) => [key, fraction, tries])).toEqual([
      ['first/pick', 1, 1],
      ['first/year', 1, 1],
      ['second/fact', 0, 1],
    ]);
    expect(questionScores(loadResultsFile('bo.csv', writeResultsCsv(QUIZZES, bo), QUIZZES).deck).find((s) => s.key === 'second/fact')).toMatchObject({ fraction: 0, tries: 0 });
  });

  it('names the file and the line of what cannot be read', () => {
    const lines = writeResultsCsv(QUIZZES, ann).split('\n');
    lines[1] = lines[1]!.replace('{""choice"":""b""}', '{""choice"":""zz""}');
    expect(() => loadResultsFile('class/ann.csv', lines.join('\n'), QUIZZES)).toThrow(/^class\/ann\.csv:2: unknown choice id "zz"/);
    expect(() => loadResultsFile('bo.json', '{"version": 1,\n "sessions": {', QUIZZES)).toThrow(SavedDataError);
    expect(() => loadResultsFile('bo.json', '{"version": 1,\n "sessions": {', QUIZZES)).toThrow(/^bo\.json(:\d+)?: this is not JSON/);
  });
});

describe('the class table', () => {
  const learners = [loadResultsFile('files/bo.csv', writeResultsCsv(QUIZZES, bo), QUIZZES), loadResultsFile('files/ann.csv', writeResultsCsv(QUIZZES, ann), QUIZZES)];

  it('has a column per quiz and per question, the points possible, and a row per learner sorted by name', () => {
    const [header, possible, ...rows] = classTable(QUIZZES, learners);
    expect(header).toEqual(['learner', 'exported', 'file', 'deck', 'first', 'second', 'first/pick', 'first/year', 'second/fact']);
    expect(possible).toEqual(['points possible', '', '', 4, 3, 1, 2, 1, 1]);
    expect(rows).toEqual([
      ['Ann Lee', '2026-03-01', 'files/ann.csv', 3, 3, 0, 2, 1, 0],
      // Bo did not start the second quiz nor answer "year": empty cells, not 0.
      ['Bo', '2026-03-02', 'files/bo.csv', 0, 0, undefined, 0, undefined, undefined],
    ]);
  });

  it('calls a learner without a name by their file\'s name', () => {
    const unnamed = loadResultsFile('inbox/results-2026-03-01.csv', writeResultsCsv(QUIZZES, { ...bo, name: '' }), QUIZZES);
    expect(classTable(QUIZZES, [unnamed])[2]!.slice(0, 3)).toEqual(['results-2026-03-01.csv', '2026-03-02', 'inbox/results-2026-03-01.csv']);
  });

  it('finds the files of one learner: the same name whatever its case, or the same browser without a name', () => {
    const again = loadResultsFile('ann-2.csv', writeResultsCsv(QUIZZES, { ...ann, name: 'ann lee' }), QUIZZES);
    const doc = (file: string) => ({ ...loadResultsFile(file, JSON.stringify({ version: 1, sessions: {}, learner: 'browser-7' }), QUIZZES) });
    expect(sameLearners([...learners, again, doc('x.json'), doc('y.json')])).toEqual([
      { name: 'Ann Lee', files: ['files/ann.csv', 'ann-2.csv'] },
      { files: ['x.json', 'y.json'] },
    ]);
  });
});
