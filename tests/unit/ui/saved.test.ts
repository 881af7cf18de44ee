import { describe, expect, it } from 'vitest';
import {
  checkResultsFile,
  createSession,
  deserialise,
  parseQuizBank,
  readProgress,
  reconcileProgress,
  SavedDataError,
  serialise,
  submitTry,
  type Quiz,
  type Session,
} from '../../../src/quiz/index.ts';

const AT = new Date('2026-03-01T09:00:00Z');

/** The quiz as the learner first answered it. */
const before = parseQuizBank(
  `id: review
title: Review
questions:
  - { id: pick, type: single, prompt: P, choices: [{ text: A }, { text: B, correct: true }, { text: C }, { text: D }] }
  - { id: many, type: multiple, prompt: M, choices: [{ text: A, correct: true }, { text: B }] }
  - { id: rank, type: order, prompt: O, items: [{ text: one }, { text: two }, { text: three }] }
  - { id: pairs, type: match, prompt: X, pairs: [{ left: a, right: "1" }, { left: b, right: "2" }, { left: c, right: "3" }] }
  - { id: gap, type: cloze, text: "{{年份}} and {{a.b}}", blanks: { 年份: { answers: ["2024"] }, a.b: { answers: ["x"] } } }
  - { id: gone, type: truefalse, prompt: T, answer: true }
  - { id: year, type: numeric, prompt: N, answer: 80 }
`,
  'quizzes/review.yaml',
);

/** The same quiz after the teacher removed a choice, an item, a pair and a blank, changed a type and dropped a question. */
const after = parseQuizBank(
  `id: review
title: Review
questions:
  - { id: pick, type: single, prompt: P, choices: [{ text: A }, { text: B, correct: true }, { text: C }] }
  - { id: many, type: single, prompt: M, choices: [{ text: A, correct: true }, { text: B }] }
  - { id: rank, type: order, prompt: O, items: [{ text: one }, { text: two }] }
  - { id: pairs, type: match, prompt: X, pairs: [{ left: a, right: "1" }, { left: b, right: "2" }] }
  - { id: gap, type: cloze, text: "{{年份}}", blanks: { 年份: { answers: ["2024"] } } }
  - { id: year, type: numeric, prompt: N, answer: 80 }
`,
  'quizzes/review.yaml',
);

function answered(quiz: Quiz): Session {
  let session = createSession(quiz, 'ann', AT);
  const answers: [string, object][] = [
    ['pick', { choice: 'd' }],
    ['many', { choices: ['a'] }],
    ['rank', { order: ['a', 'b', 'c'] }],
    ['pairs', { matches: { a: 'a', b: 'b', c: 'c' } }],
    ['gap', { blanks: { 年份: '2024', 'a.b': 'x' } }],
    ['gone', { value: true }],
    ['year', { value: 80 }],
  ];
  for (const [id, response] of answers) session = submitTry(quiz, session, id, response as never, AT);
  return session;
}

const doc = (...sessions: Session[]) => ({ version: 1, sessions: Object.fromEntries(sessions.map((s) => [s.quizId, serialise(s)])), shown: {} });

describe('reconcileProgress: saved answers against the quiz as it is now', () => {
  it('sets aside, for each question alone, an answer to a removed choice, item, pair or blank, a changed type or a removed question, and restores the rest', () => {
    const { progress, setAside } = reconcileProgress(readProgress(doc(answered(before))), [after]);
    expect(setAside.map((s) => s.questionId).sort()).toEqual(['gap', 'gone', 'many', 'pairs', 'pick', 'rank']);
    const why = Object.fromEntries(setAside.map((s) => [s.questionId, s.reason]));
    expect(why.pick).toMatch(/unknown choice id "d"/);
    expect(why.rank).toMatch(/unknown item id "c"/);
    expect(why.pairs).toMatch(/unknown left pair id "c"/);
    expect(why.gap).toMatch(/unknown blank "a\.b"/);
    expect(why.many).toMatch(/no "choice"/);
    expect(why.gone).toMatch(/the quiz has no question "gone"/);
    // Nothing is lost: the tries set aside are kept as they were.
    expect(setAside.find((s) => s.questionId === 'pick')!.saved).toEqual(answered(before).progress.pick!.tries);
    // What still fits is restored.
    const session = deserialise(progress.sessions.review!);
    expect(Object.keys(session.progress)).toEqual(['year']);
    expect(session.progress.year!.tries[0]!.fraction).toBe(1);
  });

  it('keeps everything when the quiz has not changed', () => {
    const { progress, setAside } = reconcileProgress(readProgress(doc(answered(before))), [before]);
    expect(setAside).toEqual([]);
    expect(deserialise(progress.sessions.review!).progress).toEqual(answered(before).progress);
  });

  it('re-grades every try from its response: a stored fraction is never believed', () => {
    const session = answered(before);
    session.progress.pick!.tries[0]!.fraction = 1; // choice d is wrong
    const { progress } = reconcileProgress(readProgress(doc(session)), [before]);
    expect(deserialise(progress.sessions.review!).progress.pick!.tries[0]!.fraction).toBe(0);
  });

  it('sets aside the session of one quiz that cannot be read, and keeps sessions of quizzes not in this deck untouched', () => {
    const other = { ...createSession(before, 'ann', AT), quizId: 'elsewhere' };
    const data = { version: 1, sessions: { review: 'not json', elsewhere: serialise(other) }, shown: { review: ['pick'] } };
    const { progress, setAside } = reconcileProgress(readProgress(data), [before]);
    expect(setAside).toEqual([{ quizId: 'review', reason: expect.stringMatching(/not valid JSON/), saved: 'not json' }]);
    expect(progress.sessions).toEqual({ elsewhere: serialise(other) });
    expect(progress.shown).toEqual({ review: ['pick'] });
  });
});

describe('readProgress', () => {
  it('names each field that is wrong', () => {
    expect(() => readProgress({ version: 2, sessions: { a: 3 } }, 'kit:progress:v1')).toThrow(SavedDataError);
    try {
      readProgress({ version: 2, sessions: { a: 3 } }, 'kit:progress:v1');
    } catch (error) {
      const { problems } = error as SavedDataError;
      expect(problems.map((p) => `${p.where}: ${p.message}`)).toEqual(['kit:progress:v1: version: "version" must be 1', 'kit:progress:v1: sessions.a: each session must be a text, as the deck writes it']);
    }
    expect(() => readProgress([], 'f.json')).toThrow(/f\.json: not a results file of this deck/);
  });

  it('drops what a downloaded file adds (learner, time of export) and fills in "shown"', () => {
    expect(readProgress({ version: 1, sessions: {}, learner: 'x', exportedAt: 'y' })).toEqual({ version: 1, sessions: {}, shown: {} });
  });
});

describe('checkResultsFile: a file is checked in full before anything is written', () => {
  it('refuses a file with a choice id the question does not have, listing every problem with its place', () => {
    const data = { ...doc(answered(before)), shown: { nowhere: ['q'] } };
    let error: SavedDataError | undefined;
    try {
      checkResultsFile(data, [after], 'results.json');
    } catch (e) {
      error = e as SavedDataError;
    }
    expect(error).toBeInstanceOf(SavedDataError);
    const lines = error!.message.split('\n');
    expect(lines).toContain('results.json, quiz "nowhere": this deck has no quiz "nowhere"');
    expect(lines).toContain('results.json, quiz "review", question "pick", try 1: unknown choice id "d" (expected one of a, b, c)');
    expect(lines).toHaveLength(7);
  });

  it('says where with the caller\'s places (a CSV gives its lines)', () => {
    expect(() => checkResultsFile(doc(answered(before)), [after], 'r.csv', (quiz, question, index) => `r.csv:${question}-${index}`)).toThrow(/^r\.csv:pick-0: unknown choice id "d"/m);
  });

  it('re-grades what the file claims: a fraction of 1 on a wrong answer counts 0', () => {
    const forged = answered(before);
    for (const { tries } of Object.values(forged.progress)) for (const t of tries) t.fraction = 1;
    const progress = checkResultsFile(doc(forged), [before], 'results.json');
    const session = deserialise(progress.sessions.review!);
    expect(session.progress.pick!.tries[0]!.fraction).toBe(0);
    expect(session.progress.year!.tries[0]!.fraction).toBe(1);
  });

  it('refuses a file that is not saved progress, saying which field is wrong', () => {
    expect(() => checkResultsFile({ nope: 1 }, [before], 'results.json')).toThrow(/^results\.json: not a results file of this deck \(it has no "version" and "sessions", which the deck's downloads have\)$/m);
    // A file of the right kind with one field missing names that field.
    expect(() => checkResultsFile({ version: 1 }, [before], 'results.json')).toThrow(/^results\.json: sessions: missing/m);
    expect(() => checkResultsFile({ version: 1, sessions: {}, shown: { review: ['nope'] } }, [before], 'results.json')).toThrow('results.json, quiz "review", question "nope": quiz "review" has no question "nope"');
  });
});
