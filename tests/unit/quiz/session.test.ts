import { describe, expect, it } from 'vitest';
import {
  bestCredit,
  createSession,
  deckResult,
  deserialise,
  quizResult,
  remainingTries,
  ResponseError,
  sectionResults,
  serialise,
  SessionError,
  submitTry,
  triesLeft,
  tryCredit,
  type Quiz,
  type Session,
} from '../../../src/quiz/index.ts';
import { quizWith, sampleQuiz } from './sample-quiz.ts';

const T0 = new Date('2023-03-01T14:00:00.000Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

const TWO_QUESTIONS = `  - id: tf
    type: truefalse
    points: 2
    prompt: "Traditional industries are over 80% of manufacturing."
    answer: true
  - id: n
    type: numeric
    prompt: "How many focus areas?"
    answer: 4
`;

describe('tries and penalties', () => {
  it('scores the k-th try max(0, fraction − p·(k − 1))', () => {
    expect(tryCredit(1, 1, 0.1)).toBe(1);
    expect(tryCredit(1, 2, 0.1)).toBe(0.9);
    expect(tryCredit(1, 4, 0.1)).toBe(0.7);
    expect(tryCredit(0.5, 3, 0.3)).toBe(0);
    expect(tryCredit(0.5, 2, 0)).toBe(0.5);
    expect(() => tryCredit(1, 0, 0.1)).toThrow(RangeError);
  });

  it('keeps the best try', () => {
    expect(bestCredit([0, 0.5, 1], 0.1)).toBe(0.8);
    expect(bestCredit([1, 0], 0.5)).toBe(1);
    expect(bestCredit([], 0.1)).toBe(0);
  });

  it('counts tries left, 0 attempts meaning unlimited', () => {
    expect(remainingTries(0, 99)).toBe(Infinity);
    expect(remainingTries(3, 1)).toBe(2);
    expect(remainingTries(3, 5)).toBe(0);
  });
});

describe('sessions', () => {
  const quiz = quizWith(TWO_QUESTIONS, 'penalty: 0.25\nattempts: 2\npass: 0.6\nafter: traditional\n');

  it('starts empty, with the learner and the start time', () => {
    expect(createSession(quiz, 'alice', T0)).toEqual({
      version: 1,
      quizId: 't',
      learner: 'alice',
      startedAt: '2023-03-01T14:00:00.000Z',
      progress: {},
    });
  });

  it('records tries without changing the session it was given', () => {
    const start = createSession(quiz, 'alice', T0);
    const next = submitTry(quiz, start, 'tf', { value: false }, at(1));
    expect(start.progress).toEqual({});
    expect(next.progress['tf']?.tries).toEqual([{ at: '2023-03-01T14:01:00.000Z', response: { value: false }, fraction: 0 }]);
  });

  it('applies the penalty per extra try and keeps the best', () => {
    let session = createSession(quiz, 'alice', T0);
    session = submitTry(quiz, session, 'tf', { value: false }, at(1));
    session = submitTry(quiz, session, 'tf', { value: true }, at(2));
    const result = quizResult(quiz, session);
    expect(result.questions[0]).toEqual({ id: 'tf', tries: 2, triesLeft: 0, fraction: 0.75, score: 1.5, maxScore: 2, correct: true });
    expect(result).toMatchObject({ score: 1.5, maxScore: 3, share: 0.5, passed: false });
  });

  it('rejects tries beyond attempts', () => {
    let session = createSession(quiz, 'alice', T0);
    session = submitTry(quiz, session, 'n', { value: 3 }, at(1));
    session = submitTry(quiz, session, 'n', { value: 5 }, at(2));
    expect(triesLeft(quiz, session, 'n')).toBe(0);
    expect(() => submitTry(quiz, session, 'n', { value: 4 }, at(3))).toThrow(SessionError);
    expect(() => submitTry(quiz, session, 'n', { value: 4 }, at(3))).toThrow('no tries left at question "n": all 2 have been used');
  });

  it('rejects wrong-shape responses without recording them', () => {
    const session = createSession(quiz, 'alice', T0);
    expect(() => submitTry(quiz, session, 'n', { value: 'four' } as never, at(1))).toThrow(ResponseError);
    expect(triesLeft(quiz, session, 'n')).toBe(2);
  });

  it('rejects unknown questions, another quiz’s session, and invalid times', () => {
    const session = createSession(quiz, 'alice', T0);
    expect(() => submitTry(quiz, session, 'nope', { value: 1 }, at(1))).toThrow('quiz "t" has no question "nope"');
    expect(() => submitTry(sampleQuiz, session, 'tf', { value: true }, at(1))).toThrow('belongs to quiz "t"');
    expect(() => submitTry(quiz, session, 'n', { value: 4 }, new Date('nonsense'))).toThrow(SessionError);
  });

  it('passes at share ≥ pass, despite binary rounding', () => {
    const pass = quizWith(TWO_QUESTIONS.replace('points: 2', 'points: 7').replace('    answer: 4\n', '    points: 3\n    answer: 4\n'), 'pass: 0.7\npenalty: 0.1\n');
    let session = createSession(pass, 'bob', T0);
    // tf: right on the 4th try, 1 − 3 × 0.1 = 0.7 of 7 points; n: wrong
    for (const value of [false, false, false, true]) session = submitTry(pass, session, 'tf', { value }, at(1));
    const result = quizResult(pass, session);
    expect(result.score).toBe(4.9);
    expect(result.share).toBe(0.49);
    session = submitTry(pass, session, 'n', { value: 4 }, at(2));
    expect(quizResult(pass, session)).toMatchObject({ score: 7.9, share: 0.79, passed: true });
  });

  it('scores a quiz without a session as not started', () => {
    expect(quizResult(quiz)).toMatchObject({ score: 0, maxScore: 3, share: 0, passed: false });
  });
});

describe('section and deck results', () => {
  const make = (id: string, after: string | undefined): Quiz =>
    ({ ...quizWith(TWO_QUESTIONS), id, ...(after ? { after } : {}) }) as Quiz;
  const quizzes = [make('q1', 'traditional'), make('q2', 'emerging'), make('q3', 'traditional')];

  it('sums across quizzes grouped by the section they follow', () => {
    let s1 = createSession(quizzes[0] as Quiz, 'ann', T0);
    s1 = submitTry(quizzes[0] as Quiz, s1, 'tf', { value: true }, at(1));
    let s3 = createSession(quizzes[2] as Quiz, 'ann', T0);
    s3 = submitTry(quizzes[2] as Quiz, s3, 'n', { value: 4 }, at(1));
    const sections = sectionResults(quizzes, [s1, s3]);
    expect(sections.map((s) => [s.section, s.score, s.maxScore, s.quizzes.map((q) => q.quizId)])).toEqual([
      ['traditional', 3, 6, ['q1', 'q3']],
      ['emerging', 0, 3, ['q2']],
    ]);
    expect(sections[0]).toMatchObject({ share: 0.5, passed: false });
    const deck = deckResult(quizzes, [s1, s3]);
    expect(deck).toMatchObject({ score: 3, maxScore: 9, share: 0.3333333333333333, passed: false });
    expect(deck.sections).toHaveLength(2);
  });
});

describe('serialise / deserialise', () => {
  const quiz = sampleQuiz;
  let session: Session = createSession(quiz, 'alice', T0);
  session = submitTry(quiz, session, 'traditional-share', { choice: 'a' }, at(1));
  session = submitTry(quiz, session, 'traditional-share', { choice: 'b' }, at(2));
  session = submitTry(quiz, session, 'boards', { blanks: { long: 'long', weak: 'b' } }, at(3));

  it('round-trips a session through JSON with its version', () => {
    const json = serialise(session);
    expect(JSON.parse(json)).toMatchObject({ version: 1 });
    expect(deserialise(json)).toEqual(session);
    expect(quizResult(quiz, deserialise(json))).toEqual(quizResult(quiz, session));
  });

  it('reads a version 0 session (before sessions had a version)', () => {
    const v0 = JSON.stringify({
      quiz: 'traditional-review',
      learner: 'alice',
      started: T0.getTime(),
      answers: {
        'traditional-share': [
          { response: { choice: 'a' }, fraction: 0, time: at(1).getTime() },
          { response: { choice: 'b' }, fraction: 1, time: at(2).getTime() },
        ],
      },
    });
    const migrated = deserialise(v0);
    expect(migrated).toEqual({
      version: 1,
      quizId: 'traditional-review',
      learner: 'alice',
      startedAt: '2023-03-01T14:00:00.000Z',
      progress: {
        'traditional-share': {
          tries: [
            { at: '2023-03-01T14:01:00.000Z', response: { choice: 'a' }, fraction: 0 },
            { at: '2023-03-01T14:02:00.000Z', response: { choice: 'b' }, fraction: 1 },
          ],
        },
      },
    });
    expect(quizResult(quiz, migrated).questions[0]?.fraction).toBe(0.9);
  });

  it('rejects unreadable data with a clear error', () => {
    const cases: [string, string][] = [
      ['{"version":1,', 'not valid JSON'],
      ['[]', 'the session must be an object'],
      ['{"version":2}', 'written by a newer version of the kit'],
      ['{"version":"1"}', 'version must be a whole number'],
      [serialise(session).replace('"learner":"alice"', '"learner":7'), 'learner must be a text'],
      [serialise(session).replace('"fraction":1', '"fraction":3'), 'fraction must be a number in [0, 1]'],
      [serialise(session).replace('"startedAt":"2023', '"startedAt":"yesterday'), 'startedAt must be an ISO time'],
      [JSON.stringify({ quiz: 'q', learner: 'a', started: 'then', answers: {} }), 'started must be a time in milliseconds'],
    ];
    for (const [json, problem] of cases) {
      expect(() => deserialise(json)).toThrow(SessionError);
      expect(() => deserialise(json)).toThrow(problem);
    }
  });
});
