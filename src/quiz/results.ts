import { bestCredit, remainingTries } from './attempts.ts';
import { SessionError } from './errors.ts';
import { isCorrect, snap } from './fraction.ts';
import { triesAt, type Session } from './session.ts';
import type { Quiz } from './types.ts';

/** A question's standing in a session. */
export interface QuestionResult {
  id: string;
  /** Tries made. */
  tries: number;
  /** Tries still allowed (Infinity when unlimited). */
  triesLeft: number;
  /** Best credit over the tries, after penalties, in [0, 1]. */
  fraction: number;
  /** `fraction × points`. */
  score: number;
  maxScore: number;
  /** Whether some try was answered correctly (whatever the penalty took off). */
  correct: boolean;
}

/** Totals over some questions: what quizzes, sections and the deck share. */
export interface Totals {
  score: number;
  maxScore: number;
  /** score / maxScore (0 when there are no points). */
  share: number;
  passed: boolean;
}

export interface QuizResult extends Totals {
  quizId: string;
  questions: QuestionResult[];
}

export interface SectionResult extends Totals {
  /** The section id the quizzes follow (`after`), or '' for quizzes placed nowhere. */
  section: string;
  quizzes: QuizResult[];
}

export interface DeckResult extends Totals {
  sections: SectionResult[];
}

function share(score: number, maxScore: number): number {
  return maxScore > 0 ? snap(score / maxScore) : 0;
}

/**
 * A quiz's result: each question keeps its best try (k-th try worth max(0, fraction − p·(k−1))),
 * the score is their sum, `share` its part of the points and `passed = share ≥ pass`.
 * Without a session (not started), every score is 0.
 */
export function quizResult(quiz: Quiz, session?: Session): QuizResult {
  if (session && session.quizId !== quiz.id) {
    throw new SessionError(`the session belongs to quiz "${session.quizId}", not "${quiz.id}"`);
  }
  const questions = quiz.questions.map((question): QuestionResult => {
    const tries = session ? triesAt(session, question.id) : [];
    const fraction = bestCredit(tries.map((t) => t.fraction), quiz.penalty);
    return {
      id: question.id,
      tries: tries.length,
      triesLeft: remainingTries(quiz.attempts, tries.length),
      fraction,
      score: snap(fraction * question.points),
      maxScore: question.points,
      correct: tries.some((t) => isCorrect(t.fraction)),
    };
  });
  const score = snap(questions.reduce((sum, q) => sum + q.score, 0));
  const maxScore = snap(questions.reduce((sum, q) => sum + q.maxScore, 0));
  return { quizId: quiz.id, score, maxScore, share: share(score, maxScore), passed: share(score, maxScore) >= quiz.pass, questions };
}

/** Sums quiz results; passed when every quiz was passed. */
function total(results: readonly QuizResult[]): Totals {
  const score = snap(results.reduce((sum, r) => sum + r.score, 0));
  const maxScore = snap(results.reduce((sum, r) => sum + r.maxScore, 0));
  return { score, maxScore, share: share(score, maxScore), passed: results.every((r) => r.passed) };
}

/**
 * Results per deck section: quizzes grouped by the section they follow (`after`), in the order
 * the quizzes are given. A quiz without a session counts as not started (score 0).
 */
export function sectionResults(quizzes: readonly Quiz[], sessions: readonly Session[]): SectionResult[] {
  const bySection = new Map<string, QuizResult[]>();
  for (const quiz of quizzes) {
    const result = quizResult(quiz, sessions.find((s) => s.quizId === quiz.id));
    const section = quiz.after ?? '';
    bySection.set(section, [...(bySection.get(section) ?? []), result]);
  }
  return [...bySection].map(([section, results]) => ({ section, quizzes: results, ...total(results) }));
}

/** The whole deck's result: every quiz's points summed, with the per-section breakdown. */
export function deckResult(quizzes: readonly Quiz[], sessions: readonly Session[]): DeckResult {
  const sections = sectionResults(quizzes, sessions);
  return { ...total(sections.flatMap((section) => section.quizzes)), sections };
}
