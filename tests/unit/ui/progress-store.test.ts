import { describe, expect, it } from 'vitest';
import { createSession, deserialise, parseQuizBank, serialise, submitTry, type Session } from '../../../src/quiz/index.ts';
import { createProgressStore, PROGRESS_KEY, type Notice } from '../../../src/ui/progress-store.ts';

const AT = new Date('2026-03-01T09:00:00Z');

/** localStorage as a map; `full` makes every write fail as a browser over its quota does. */
function memory(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  const storage = {
    full: false,
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem(k: string, v: string) {
      if (storage.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      data.set(k, v);
    },
    removeItem: (k: string) => void data.delete(k),
  };
  return storage;
}

const quiz = parseQuizBank(
  `id: review
title: Review
questions:
  - { id: pick, type: single, prompt: P, choices: [{ text: A }, { text: B, correct: true }, { text: C }] }
  - { id: year, type: numeric, prompt: N, answer: 80 }
`,
  'quizzes/review.yaml',
);

function saved(session: Session): string {
  return JSON.stringify({ version: 1, sessions: { [session.quizId]: serialise(session) }, shown: {} });
}

/** The learner answered "d" and 80; the teacher has since removed choice d. */
function withRemovedChoice(): Session {
  let session = createSession(quiz, 'ann', AT);
  session = submitTry(quiz, session, 'year', { value: 80 }, AT);
  return { ...session, progress: { ...session.progress, pick: { tries: [{ at: AT.toISOString(), response: { choice: 'd' }, fraction: 0 }] } } };
}

describe('progress store', () => {
  it('sets aside an answer that no longer fits, keeps it under its own key, restores the rest, and says so once', () => {
    const storage = memory({ [PROGRESS_KEY]: saved(withRemovedChoice()), 'kit:learner': 'ann' });
    const store = createProgressStore([quiz], storage, () => AT);
    expect(store.notices).toEqual([{ key: 'progress.questionsSetAside', params: { key: 'kit:progress:set-aside:2026-03-01T09:00:00.000Z' }, parts: [expect.objectContaining({ quizId: 'review', questionId: 'pick' })] }]);
    expect(Object.keys(store.session(quiz)!.progress)).toEqual(['year']);
    expect(storage.data.get('kit:progress:set-aside:2026-03-01T09:00:00.000Z')).toContain('"choice": "d"');
    // Written back without it, so the next visit starts without a notice.
    expect(createProgressStore([quiz], storage, () => AT).notices).toEqual([]);
  });

  it('sets aside saved progress that cannot be read at all', () => {
    const storage = memory({ [PROGRESS_KEY]: '{"version":1,"sessions":{"review":"not json"}', 'kit:learner': 'ann' });
    const store = createProgressStore([quiz], storage, () => AT);
    expect(store.notices).toEqual([{ key: 'progress.setAside', params: { key: 'kit:progress:unreadable:2026-03-01T09:00:00.000Z' } }]);
    expect(storage.data.get('kit:progress:unreadable:2026-03-01T09:00:00.000Z')).toBe('{"version":1,"sessions":{"review":"not json"}');
  });

  it('sets aside only the session of a quiz that cannot be read; the other quizzes are restored', () => {
    const other = parseQuizBank('id: other\ntitle: Other\nquestions:\n  - { id: t, type: truefalse, prompt: T, answer: true }\n', 'quizzes/other.yaml');
    const mine = submitTry(other, createSession(other, 'ann', AT), 't', { value: true }, AT);
    const storage = memory({ [PROGRESS_KEY]: JSON.stringify({ version: 1, sessions: { review: '{"broken"', other: serialise(mine) }, shown: {} }), 'kit:learner': 'ann' });
    const store = createProgressStore([quiz, other], storage, () => AT);
    expect(store.notices).toEqual([{ key: 'progress.quizzesUnreadable', params: { key: 'kit:progress:unreadable:2026-03-01T09:00:00.000Z' }, parts: [expect.objectContaining({ quizId: 'review', saved: '{"broken"' })] }]);
    expect(store.session(other)!.progress).toEqual(mine.progress);
    expect(store.session(quiz)).toBeUndefined();
  });

  it('says at once, and once, that storage is full; what was saved is kept', () => {
    let session = createSession(quiz, 'ann', AT);
    session = submitTry(quiz, session, 'year', { value: 80 }, AT);
    const storage = memory({ [PROGRESS_KEY]: saved(session), 'kit:learner': 'ann' });
    const store = createProgressStore([quiz], storage, () => AT);
    const heard: Notice[] = [];
    store.onNotice((notice) => heard.push(notice));
    storage.full = true;
    store.save(submitTry(quiz, session, 'pick', { choice: 'b' }, AT));
    store.save(submitTry(quiz, session, 'pick', { choice: 'a' }, AT));
    expect(heard).toEqual([{ key: 'progress.full' }]);
    expect(storage.data.get(PROGRESS_KEY)).toBe(saved(session));
    // The answer still counts in this visit, and is saved once there is room again.
    expect(store.session(quiz)!.progress.pick).toBeDefined();
    storage.full = false;
    store.markShown('review', 'year');
    expect(deserialise(JSON.parse(storage.data.get(PROGRESS_KEY)!).sessions.review).progress.pick).toBeDefined();
  });

  it('never overwrites saved progress before what it sets aside is stored', () => {
    const original = saved(withRemovedChoice());
    const storage = memory({ [PROGRESS_KEY]: original, 'kit:learner': 'ann' });
    storage.full = true;
    const store = createProgressStore([quiz], storage, () => AT);
    expect(store.notices.map((n) => n.key)).toEqual(['progress.questionsSetAside', 'progress.full']);
    store.save(createSession(quiz, 'ann', AT));
    expect(storage.data.get(PROGRESS_KEY)).toBe(original);
    storage.full = false;
    store.save(createSession(quiz, 'ann', AT));
    expect(storage.data.get('kit:progress:set-aside:2026-03-01T09:00:00.000Z')).toContain('"choice": "d"');
    expect(storage.data.get(PROGRESS_KEY)).not.toBe(original);
  });

  it('loads a results file only when all of it fits, re-graded; otherwise changes nothing', () => {
    let mine = createSession(quiz, 'ann', AT);
    mine = submitTry(quiz, mine, 'year', { value: 80 }, AT);
    const storage = memory({ [PROGRESS_KEY]: saved(mine), 'kit:learner': 'ann' });
    const store = createProgressStore([quiz], storage, () => AT);
    expect(() => store.load(JSON.parse(saved(withRemovedChoice())), 'results.json')).toThrow('results.json, quiz "review", question "pick", try 1: unknown choice id "d" (expected one of a, b, c)');
    expect(storage.data.get(PROGRESS_KEY)).toBe(saved(mine));
    expect(store.session(quiz)!.progress).toEqual(mine.progress);

    const forged = createSession(quiz, 'eve', AT);
    forged.progress.pick = { tries: [{ at: AT.toISOString(), response: { choice: 'a' }, fraction: 1 }] };
    store.load(JSON.parse(saved(forged)), 'results.json');
    expect(store.session(quiz)!.progress.pick!.tries[0]!.fraction).toBe(0);
  });
});
