import { describe, expect, it, vi } from 'vitest';
import { readCheckedQuizzes } from '../../../src/cli/gift.ts';
import {
  correctResponse,
  createSession,
  deckResult,
  isCorrect,
  quizResult,
  readProgress,
  reconcileProgress,
  serialise,
  submitTry,
  type Question,
  type Quiz,
  type Response,
  type SavedProgress,
  type Session,
} from '../../../src/quiz/index.ts';
import { findScormApi } from '../../../src/ui/scorm-api.ts';
import { deckReport, interactionOf, scormId, sessionTime } from '../../../src/ui/scorm-report.ts';
import { decodeSuspendData, encodeSuspendData, fitSuspendData } from '../../../src/ui/scorm-suspend.ts';
import { PROJECT } from './run-kit.ts';

const engine = { deckResult, quizResult, isCorrect };
const START = Date.parse('2026-03-01T09:00:00Z');

/** A response that is wrong (or at best partly right). */
function wrong(question: Question): Response {
  switch (question.type) {
    case 'single': return { choice: question.choices.find((c) => !c.correct)!.id };
    case 'multiple': return { choices: [question.choices.find((c) => !c.correct)?.id ?? question.choices[0]!.id] };
    case 'truefalse': return { value: !question.answer };
    case 'numeric': return { value: -987654.25 };
    case 'text': return { text: 'a long wrong answer typed by a learner' };
    case 'order': return { order: question.items.map((i) => i.id).reverse() };
    case 'match': return { matches: Object.fromEntries(question.pairs.map((p, i) => [p.id, question.pairs[(i + 1) % question.pairs.length]!.id])) };
    case 'cloze': return { blanks: Object.fromEntries(question.blanks.map((b) => [b.id, b.kind === 'choice' ? b.choices.find((c) => c.id !== b.answer)!.id : 'wrong words here'])) };
  }
}

/** The most a learner can leave in the deck: every try of every question used (wrong, then right), every answer shown. */
function fullProgress(quizzes: readonly Quiz[]): SavedProgress {
  let minute = 0;
  const sessions: Record<string, string> = {};
  for (const quiz of quizzes) {
    let session = createSession(quiz, 'a-learner-id-from-the-lms-00000000', new Date(START + minute++ * 60_000));
    for (const question of quiz.questions) {
      const tries = quiz.attempts || 3;
      for (let n = 1; n <= tries; n++) session = submitTry(quiz, session, question.id, n === tries ? correctResponse(question) : wrong(question), new Date(START + minute++ * 60_000 + 7_000));
    }
    sessions[quiz.id] = serialise(session);
  }
  return { version: 1, sessions, shown: Object.fromEntries(quizzes.map((q) => [q.id, q.questions.map((x) => x.id)])) };
}

/** What the store would make of suspend data: read and checked like the browser's own copy. */
const asStoreReads = (text: string, quizzes: readonly Quiz[], learner: string) => reconcileProgress(readProgress(decodeSuspendData(text, learner)), quizzes);

describe('suspend data', () => {
  for (const lang of ['en', 'zh']) {
    it(`the whole deck's progress (${lang}), every try used, fits SCORM 1.2's 4,096 characters and comes back whole`, () => {
      const quizzes = readCheckedQuizzes(PROJECT, lang);
      const progress = fullProgress(quizzes);
      const text = encodeSuspendData(progress);
      expect(JSON.stringify(progress).length).toBeGreaterThan(4096);
      expect(text.length).toBeLessThanOrEqual(4096);
      const back = asStoreReads(text, quizzes, 'a-learner-id-from-the-lms-00000000');
      expect(back.setAside).toEqual([]);
      expect(back.progress.shown).toEqual(progress.shown);
      // The same tries, times to the second and re-graded fractions: the same results.
      const sessions = (p: SavedProgress) => Object.values(p.sessions).map((s) => JSON.parse(s) as Session);
      expect(sessions(back.progress)).toEqual(sessions(reconcileProgress(progress, quizzes).progress));
      expect(deckResult(quizzes, sessions(back.progress)).score).toBe(deckResult(quizzes, sessions(progress)).score);
    });
  }

  it('what does not fit keeps the newest tries and says how many it left out; it never throws', () => {
    const quizzes = readCheckedQuizzes(PROJECT, 'en');
    const progress = fullProgress(quizzes);
    const { text, dropped } = fitSuspendData(progress, 1500);
    expect(text.length).toBeLessThanOrEqual(1500);
    expect(dropped).toBeGreaterThan(0);
    const kept = Object.values(asStoreReads(text, quizzes, 'x').progress.sessions).flatMap((s) => Object.values((JSON.parse(s) as Session).progress).flatMap((p) => p.tries.map((t) => t.at)));
    const all = Object.values(progress.sessions).flatMap((s) => Object.values((JSON.parse(s) as Session).progress).flatMap((p) => p.tries.map((t) => t.at.slice(0, 19))));
    // The newest try of the deck is kept; the oldest is gone.
    expect(kept.map((t) => t.slice(0, 19))).toContain(all.sort().at(-1));
    expect(kept.map((t) => t.slice(0, 19))).not.toContain(all.sort()[0]);
    expect(fitSuspendData(progress, 10)).toEqual({ text: expect.any(String), dropped: expect.any(Number) });
  });

  it('text the deck did not write is refused with a reason, so the store sets it aside and starts afresh', () => {
    expect(() => decodeSuspendData('viewed=1,2,3|lastviewedslide=31', 'x')).toThrow(/not written by this deck/);
  });
});

describe('what the LMS is told', () => {
  const quizzes = readCheckedQuizzes(PROJECT, 'en');
  const quiz = quizzes.find((q) => q.id === 'traditional-review')!;
  const at = new Date(START);

  it('incomplete until every quiz is finished; then passed when every quiz reached its pass mark, failed otherwise', () => {
    const one = [quiz];
    let session = createSession(quiz, 'x', at);
    expect(deckReport(engine, one, [session], {}).status).toBe('incomplete');
    for (const [n, question] of quiz.questions.entries()) {
      // 8 of 11 right; the rest wrong on both tries.
      const right = n < 8;
      for (let t = 0; t < (right ? 1 : quiz.attempts); t++) session = submitTry(quiz, session, question.id, right ? correctResponse(question) : wrong(question), at);
      if (n < quiz.questions.length - 1) expect(deckReport(engine, one, [session], {}).status).toBe('incomplete');
    }
    expect(deckReport(engine, one, [session], {})).toEqual({ status: 'passed', percent: 72.73, scaled: 0.7273 });
    // One answer fewer right: 7 of 11 is 63.64%, below 70%.
    const last = quiz.questions[7]!;
    const worse = { ...session, progress: { ...session.progress, [last.id]: { tries: [{ at: at.toISOString(), response: wrong(last), fraction: 0 }, { at: at.toISOString(), response: wrong(last), fraction: 0 }] } } };
    expect(deckReport(engine, one, [worse], {}).status).toBe('failed');
    // A question whose answer was shown is over too.
    const shownOnly = createSession(quiz, 'x', at);
    expect(deckReport(engine, one, [shownOnly], { [quiz.id]: quiz.questions.map((q) => q.id) }).status).toBe('failed');
  });

  it('each try is an interaction in the version\'s own formats', () => {
    const record = (question: Question, response: Response) => ({ at: '2026-03-01T09:05:07.123Z', response, fraction: 0 });
    const byType = (type: Question['type']) => quizzes.flatMap((q) => q.questions.map((x) => [q, x] as const)).find(([, x]) => x.type === type)!;
    const [tq, tf] = byType('truefalse');
    expect(interactionOf(engine, tq, tf, record(tf, { value: true }), '1.2')).toMatchObject({ id: `${tq.id}.${tf.id}`, type: 'true-false', response: 't', result: 'wrong' });
    expect(interactionOf(engine, tq, tf, record(tf, { value: true }), '2004')).toMatchObject({ type: 'true-false', response: 'true', result: 'incorrect', time: '2026-03-01T09:05:07.12Z' });
    const [mq, multiple] = byType('multiple');
    if (multiple.type !== 'multiple') throw new Error('no multiple question');
    const ids = [multiple.choices[0]!.id, multiple.choices[2]!.id];
    expect(interactionOf(engine, mq, multiple, record(multiple, { choices: ids }), '1.2')).toMatchObject({ type: 'choice', response: 'a,c' });
    expect(interactionOf(engine, mq, multiple, record(multiple, { choices: ids }), '2004')).toMatchObject({ type: 'choice', response: ids.join('[,]') });
    const [oq, order] = byType('order');
    if (order.type !== 'order') throw new Error('no order question');
    const reversed = order.items.map((i) => i.id).reverse();
    expect(interactionOf(engine, oq, order, record(order, { order: reversed }), '1.2').response).toBe(order.items.map((_, i) => String.fromCharCode(97 + i)).reverse().join(','));
    const [xq, match] = byType('match');
    if (match.type !== 'match') throw new Error('no match question');
    const matches = { [match.pairs[0]!.id]: match.pairs[1]!.id };
    expect(interactionOf(engine, xq, match, record(match, { matches }), '1.2')).toMatchObject({ type: 'matching', response: 'a.b' });
    expect(interactionOf(engine, xq, match, record(match, { matches }), '2004').response).toBe(`${scormId(match.pairs[0]!.id)}[.]${scormId(match.pairs[1]!.id)}`);
    const [nq, numeric] = byType('numeric');
    expect(interactionOf(engine, nq, numeric, { ...record(numeric, { value: 80 }), fraction: 1 }, '1.2')).toMatchObject({ type: 'numeric', response: '80', result: 'correct' });
  });

  it('ids are legal in both versions and stay distinct: anything but letters, digits, _ - . is percent-encoded', () => {
    expect(scormId('traditional-review.traditional-share')).toBe('traditional-review.traditional-share');
    expect(scormId('quiz.a:b')).toBe('quiz.a%3Ab');
    expect(scormId('测验.年份')).toMatch(/^[A-Za-z0-9_.%-]+$/);
    expect(scormId('测验.年份')).not.toBe(scormId('测验.月份'));
  });

  it('session time in each version\'s format', () => {
    expect(sessionTime(3_725_400, '1.2')).toBe('0001:02:05');
    expect(sessionTime(3_725_400, '2004')).toBe('PT1H2M5S');
  });
});

describe('finding the LMS', () => {
  /** A window in a chain of frames, `depth` below the top, with an API on the top one (or none). */
  function frames(depth: number, api?: Record<string, unknown>, opener?: unknown): Window {
    const top: Record<string, unknown> = { ...api };
    top['parent'] = top;
    let win = top;
    for (let n = 0; n < depth; n++) win = { parent: win };
    win['opener'] = opener;
    return win as unknown as Window;
  }

  it('finds 2004\'s API_1484_11 before 1.2\'s API, up the parents (up to seven) and then through the opener', () => {
    const api12 = { API: { LMSInitialize: vi.fn() } };
    const api2004 = { API_1484_11: { Initialize: vi.fn() } };
    expect(findScormApi(frames(2, api12))?.version).toBe('1.2');
    expect(findScormApi(frames(2, { ...api12, ...api2004 }))?.version).toBe('2004');
    expect(findScormApi(frames(7, api12))?.version).toBe('1.2');
    expect(findScormApi(frames(9, api12))).toBeUndefined();
    expect(findScormApi(frames(0, undefined, frames(1, api2004)))?.version).toBe('2004');
  });

  it('with no LMS (a file, a web page), finds nothing: the deck keeps its progress in the browser', () => {
    expect(findScormApi(frames(0))).toBeUndefined();
    // A frame of another origin throws when read: that is no API either.
    const foreign = new Proxy({}, { get: () => { throw new DOMException('Blocked a frame', 'SecurityError'); } });
    expect(findScormApi({ parent: foreign, opener: null } as unknown as Window)).toBeUndefined();
  });
});
