import { remainingTries } from './attempts.ts';
import { SessionError } from './errors.ts';
import { grade } from './grade.ts';
import type { Question, Quiz, Response } from './types.ts';

/** The version `serialise` writes; `deserialise` migrates older ones up to it. */
export const SESSION_VERSION = 1;

/** One try at a question: what was answered, when, and the fraction it earned before penalties. */
export interface TryRecord {
  /** ISO 8601 time. */
  at: string;
  response: Response;
  fraction: number;
}

/** A learner's tries at one question, oldest first. */
export interface QuestionProgress {
  tries: TryRecord[];
}

/**
 * A learner's progress in one quiz: plain JSON data, advanced by pure functions that return a
 * new session. It keeps raw fractions, so results always apply the quiz's current penalty.
 */
export interface Session {
  version: typeof SESSION_VERSION;
  quizId: string;
  /** The learner's seed: shuffles derive from it, so a reload shows the same order. */
  learner: string;
  /** ISO 8601 time. */
  startedAt: string;
  /** Keyed by question id; a question without tries may be absent. */
  progress: Record<string, QuestionProgress>;
}

function isoTime(now: Date): string {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new SessionError(`expected a valid Date for "now", got ${String(now)}`);
  }
  return now.toISOString();
}

/**
 * Starts a learner's session in a quiz. Time is passed in, so tests pin it.
 * @example createSession(quiz, 'alice', new Date('2023-03-01T14:00:00Z'))
 */
export function createSession(quiz: Quiz, learner: string, now: Date): Session {
  if (typeof learner !== 'string') throw new SessionError(`expected the learner as a text, got ${String(learner)}`);
  return { version: SESSION_VERSION, quizId: quiz.id, learner, startedAt: isoTime(now), progress: {} };
}

function findQuestion(quiz: Quiz, session: Session, questionId: string): Question {
  if (session.quizId !== quiz.id) {
    throw new SessionError(`the session belongs to quiz "${session.quizId}", not "${quiz.id}"`);
  }
  const question = quiz.questions.find((q) => q.id === questionId);
  if (!question) throw new SessionError(`quiz "${quiz.id}" has no question "${questionId}"`);
  return question;
}

/** The tries made at a question so far. */
export function triesAt(session: Session, questionId: string): readonly TryRecord[] {
  return Object.hasOwn(session.progress, questionId) ? (session.progress[questionId]?.tries ?? []) : [];
}

/** Tries still allowed at a question: Infinity when the quiz allows unlimited tries (`attempts: 0`). */
export function triesLeft(quiz: Quiz, session: Session, questionId: string): number {
  findQuestion(quiz, session, questionId);
  return remainingTries(quiz.attempts, triesAt(session, questionId).length);
}

/**
 * Records a try at a question and returns the new session (the given one is left untouched).
 * Throws `SessionError` when the quiz's `attempts` are used up, and `ResponseError` for a
 * response of the wrong shape (which is not recorded).
 * @example session = submitTry(quiz, session, 'traditional-share', { choice: 'b' }, new Date())
 */
export function submitTry(quiz: Quiz, session: Session, questionId: string, response: Response, now: Date): Session {
  const question = findQuestion(quiz, session, questionId);
  const tries = triesAt(session, questionId);
  if (remainingTries(quiz.attempts, tries.length) === 0) {
    throw new SessionError(`no tries left at question "${questionId}": all ${quiz.attempts} have been used`);
  }
  const { fraction } = grade(question, response);
  // A copy, so that a caller reusing its response object cannot rewrite history.
  const record: TryRecord = { at: isoTime(now), response: JSON.parse(JSON.stringify(response)) as Response, fraction };
  return { ...session, progress: { ...session.progress, [questionId]: { tries: [...tries, record] } } };
}
