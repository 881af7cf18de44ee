/**
 * Many learners' results side by side: per learner, per quiz and per question, from the files
 * they downloaded (`loadResultsFile`). `kit results` writes the class table from it; item
 * statistics (facility, discrimination) can start from `questionScores`.
 */
import type { CsvValue } from './csv.ts';
import { csvText } from './csv.ts';
import { dateOf } from './learner-name.ts';
import type { LearnerResults } from './results-file.ts';
import type { DeckResult } from './results.ts';
import type { Quiz } from './types.ts';

/** The first columns of the class table; a column per quiz and per question follow. */
export const CLASS_TABLE_FIXED = ['learner', 'exported', 'file', 'deck'] as const;
/** What the row of maximum scores says in the `learner` column. */
export const POINTS_POSSIBLE = 'points possible';

/** One question's standing for one learner. */
export interface QuestionScore {
  quizId: string;
  questionId: string;
  /** `<quiz id>/<question id>`, the question's column in the class table. */
  key: string;
  /** Best credit over the tries, after penalties, in [0, 1]; 0 when not tried. */
  fraction: number;
  score: number;
  maxScore: number;
  /** Tries made: 0 means not answered, which is not the same as answered wrong. */
  tries: number;
}

/**
 * Every question of the deck with one learner's fraction of its points, in deck order: what
 * item statistics need (facility is the mean fraction of a question; discrimination compares it
 * with the learners' deck scores).
 */
export function questionScores(deck: DeckResult): QuestionScore[] {
  return deck.sections.flatMap((section) =>
    section.quizzes.flatMap((quiz) =>
      quiz.questions.map((q) => ({ quizId: quiz.quizId, questionId: q.id, key: `${quiz.quizId}/${q.id}`, fraction: q.fraction, score: q.score, maxScore: q.maxScore, tries: q.tries })),
    ),
  );
}

/** The name of a file without its folders. */
const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/** How a learner is called in the table: their name, or their file's name when they gave none. */
export function learnerLabel(learner: LearnerResults): string {
  return learner.name ?? baseName(learner.file);
}

/** Files that seem to be the same learner's: the same name (ignoring case), or the same browser when unnamed. */
export interface SameLearner {
  /** The name, or undefined when the files share a browser id but carry no name. */
  name?: string;
  files: string[];
}

/** Learners who appear in more than one file, so the teacher can keep the right one. */
export function sameLearners(learners: readonly LearnerResults[]): SameLearner[] {
  const groups = new Map<string, SameLearner>();
  for (const learner of learners) {
    const key = learner.name ? `name:${learner.name.normalize('NFKC').toLocaleLowerCase()}` : learner.learnerId ? `id:${learner.learnerId}` : undefined;
    if (!key) continue;
    const group = groups.get(key) ?? { ...(learner.name ? { name: learner.name } : {}), files: [] };
    group.files.push(learner.file);
    groups.set(key, group);
  }
  return [...groups.values()].filter((g) => g.files.length > 1);
}

/** A score as the table writes it: rounded to two decimals, as the learner saw it on the results slide. */
const points = (value: number) => Math.round(value * 100) / 100;

/**
 * The class table as rows of cells: a header (`learner`, `exported`, `file`, `deck`, then each
 * quiz id, then each `<quiz id>/<question id>`), a row of the points possible, then one row per
 * learner, sorted by name. A quiz not started and a question not answered are empty cells, not 0;
 * the deck total counts them as 0.
 */
export function classTable(quizzes: readonly Quiz[], learners: readonly LearnerResults[]): CsvValue[][] {
  const questions = quizzes.flatMap((quiz) => quiz.questions.map((q) => ({ quiz, q })));
  const header = [...CLASS_TABLE_FIXED, ...quizzes.map((quiz) => quiz.id), ...questions.map(({ quiz, q }) => `${quiz.id}/${q.id}`)];
  const quizMax = (quiz: Quiz) => points(quiz.questions.reduce((n, q) => n + q.points, 0));
  const possible = [POINTS_POSSIBLE, '', '', points(quizzes.reduce((n, quiz) => n + quizMax(quiz), 0)), ...quizzes.map(quizMax), ...questions.map(({ q }) => points(q.points))];
  const sorted = [...learners].sort((a, b) => learnerLabel(a).localeCompare(learnerLabel(b)) || (a.exportedAt ?? '').localeCompare(b.exportedAt ?? '') || a.file.localeCompare(b.file));
  const rows = sorted.map((learner) => {
    const results = learner.deck.sections.flatMap((s) => s.quizzes);
    const scores = new Map(questionScores(learner.deck).map((s) => [s.key, s]));
    return [
      csvText(learnerLabel(learner)),
      dateOf(learner.exportedAt),
      csvText(learner.file),
      points(learner.deck.score),
      ...quizzes.map((quiz) => {
        const result = results.find((r) => r.quizId === quiz.id);
        return result && result.questions.some((q) => q.tries > 0) ? points(result.score) : undefined;
      }),
      ...questions.map(({ quiz, q }) => {
        const score = scores.get(`${quiz.id}/${q.id}`);
        return score && score.tries > 0 ? points(score.score) : undefined;
      }),
    ];
  });
  return [header, possible, ...rows];
}
