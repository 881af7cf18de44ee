/**
 * Saved progress and results files, checked against the quizzes as they are now.
 *
 * A browser keeps a learner's answers for weeks while the teacher goes on editing the quizzes, and
 * a results file may come from anywhere. So nothing saved is believed: every try is re-graded from
 * its response with `grade`, and an answer that no longer fits its question (a choice, item, pair
 * or blank that was removed, a type that changed) is set aside for that question alone, kept
 * whole so that nothing is lost. A results file is checked in full first and refused with every
 * problem listed, so that loading it either changes everything it says or nothing at all.
 */
import * as v from 'valibot';
import { grade } from './grade.ts';
import { cleanName } from './learner-name.ts';
import { isPlainObject } from './response-shape.ts';
import { deserialise, serialise } from './session-storage.ts';
import type { QuestionProgress, Session, TryRecord } from './session.ts';
import type { Question, Quiz, Response } from './types.ts';

/** The version of the saved-progress document (the browser's copy and a results file alike). */
export const PROGRESS_VERSION = 1;

/**
 * What a browser keeps for a learner and a results file holds: one session per quiz, as the text
 * `serialise` writes (so each quiz's session migrates on its own), and the questions whose answer
 * was shown.
 */
export interface SavedProgress {
  version: typeof PROGRESS_VERSION;
  /** Quiz id → serialised session. */
  sessions: Record<string, string>;
  /** Quiz id → ids of the questions whose answer was shown. */
  shown: Record<string, string[]>;
}

/** Part of what was saved that does not fit the quizzes any more: kept as it was, with the reason. */
export interface SetAside {
  quizId: string;
  /** The question whose tries were set aside; absent when the quiz's whole session could not be read. */
  questionId?: string;
  /** What does not fit, in words: the engine's own message. */
  reason: string;
  /** The first try that does not fit (from 0), when the question's tries were set aside. */
  tryIndex?: number;
  /** What was saved, untouched: the question's tries, or the session's text. */
  saved: readonly TryRecord[] | string;
}

/** Saved progress after the check: what fits (re-graded) and what was set aside. */
export interface Reconciled {
  progress: SavedProgress;
  setAside: SetAside[];
}

/** One problem of a file: where (file and line, or file, quiz, question and try) and what. */
export interface SavedDataProblem {
  where: string;
  message: string;
}

/** Saved data that cannot be used as it is; `problems` lists every fault found, not only the first. */
export class SavedDataError extends Error {
  readonly problems: SavedDataProblem[];
  constructor(problems: SavedDataProblem[]) {
    super(problems.map((p) => `${p.where}: ${p.message}`).join('\n'));
    this.name = 'SavedDataError';
    this.problems = problems;
  }
}

/**
 * Where a problem of a results file is, for its message. A CSV passes one that gives line numbers.
 * `tryIndex` counts from 0.
 */
export type PlaceOf = (quizId: string, questionId?: string, tryIndex?: number) => string;

/** The saved-progress document; unknown fields (a file's `name`, `learner`, `exportedAt`) are dropped. */
const ProgressSchema = v.object({
  version: v.literal(PROGRESS_VERSION, `"version" must be ${PROGRESS_VERSION}`),
  sessions: v.record(v.string(), v.string('each session must be a text, as the deck writes it'), '"sessions" must be an object of quiz id → session'),
  shown: v.optional(v.record(v.string(), v.array(v.string(), 'must be a list of question ids'), '"shown" must be an object of quiz id → question ids'), {}),
});
const NOT_PROGRESS = 'not a results file of this deck (it has no "version" and "sessions", which the deck\'s downloads have)';

/**
 * What a results file says about itself besides its answers (all optional: files downloaded
 * before names were asked have none): the learner's `name`, the random id of their browser
 * (`learner`) and when it was downloaded (`exportedAt`).
 */
const ResultsMetaSchema = v.object({
  name: v.optional(v.string('"name" must be a text: the learner\'s name')),
  learner: v.optional(v.string('"learner" must be a text: the id of the learner\'s browser')),
  exportedAt: v.optional(v.string('"exportedAt" must be a text: when the file was downloaded')),
});

/** A results file after the check: its progress (re-graded) and whose it is. */
export interface CheckedResults {
  progress: SavedProgress;
  /** The learner's name, cleaned (`cleanName`); absent when the file gives none. */
  name?: string;
  /** The id of the browser that wrote the file, when the file gives it (JSON files do). */
  learnerId?: string;
  /** When the file was downloaded, as written in it. */
  exportedAt?: string;
}

/** An empty progress: nothing answered. */
export function emptyProgress(): SavedProgress {
  return { version: PROGRESS_VERSION, sessions: {}, shown: {} };
}

/**
 * Reads a saved-progress document (already parsed from JSON); throws `SavedDataError` naming
 * each field that is wrong. `where` names the file or the storage key in the messages.
 * @example readProgress(JSON.parse(localStorage.getItem('kit:progress:v1')), 'kit:progress:v1')
 */
export function readProgress(data: unknown, where = 'saved progress'): SavedProgress {
  // Not the deck's kind of document at all (no version, no sessions): said once, not per field.
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !('version' in data || 'sessions' in data)) {
    throw new SavedDataError([{ where, message: NOT_PROGRESS }]);
  }
  const result = v.safeParse(ProgressSchema, data);
  if (result.success) return { version: PROGRESS_VERSION, sessions: { ...result.output.sessions }, shown: { ...result.output.shown } };
  throw new SavedDataError(
    result.issues.map((issue) => {
      const path = v.getDotPath(issue) ?? '';
      const missing = issue.input === undefined;
      return { where, message: `${path ? `${path}: ` : ''}${missing ? 'missing: a results file downloaded from this deck has it' : issue.message}` };
    }),
  );
}

/** Why a response does not fit the question as it is now, or undefined when it does. */
export function misfit(question: Question, response: Response): string | undefined {
  try {
    grade(question, response as never);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The place (quiz, question) is said by the caller; keep only what is wrong.
    const prefix = `question "${question.id}": `;
    return message.startsWith(prefix) ? message.slice(prefix.length) : message;
  }
}

/** The tries of one question, re-graded; or why they do not fit it. */
function regrade(question: Question | undefined, questionId: string, tries: readonly TryRecord[]): { tries: TryRecord[] } | { reason: string; tryIndex?: number } {
  if (!question) return { reason: `the quiz has no question "${questionId}"` };
  const out: TryRecord[] = [];
  for (const [tryIndex, record] of tries.entries()) {
    const reason = misfit(question, record.response);
    if (reason !== undefined) return { reason, tryIndex };
    out.push({ ...record, fraction: grade(question, record.response as never).fraction });
  }
  return { tries: out };
}

/**
 * Checks saved progress against the quizzes as they are now. Every try is re-graded from its
 * response, so a score always follows the current answer key and never a stored number. A
 * question whose tries no longer fit (or that the quiz no longer has) is set aside, as is the
 * session of a quiz that cannot be read; everything else is kept. Sessions of quizzes not in
 * `quizzes` (another section, another build) are kept untouched.
 * @example const { progress, setAside } = reconcileProgress(readProgress(data), payload.quizzes)
 */
export function reconcileProgress(saved: SavedProgress, quizzes: readonly Quiz[]): Reconciled {
  const setAside: SetAside[] = [];
  const sessions: Record<string, string> = {};
  for (const [quizId, text] of Object.entries(saved.sessions)) {
    const quiz = quizzes.find((q) => q.id === quizId);
    if (!quiz) {
      sessions[quizId] = text;
      continue;
    }
    let session: Session;
    try {
      session = deserialise(text);
    } catch (error) {
      setAside.push({ quizId, reason: (error as Error).message, saved: text });
      continue;
    }
    if (session.quizId !== quizId) {
      setAside.push({ quizId, reason: `the session saved for quiz "${quizId}" belongs to quiz "${session.quizId}"`, saved: text });
      continue;
    }
    const progress: Record<string, QuestionProgress> = {};
    for (const [questionId, { tries }] of Object.entries(session.progress)) {
      const checked = regrade(quiz.questions.find((q) => q.id === questionId), questionId, tries);
      if ('reason' in checked) setAside.push({ quizId, questionId, ...checked, saved: tries });
      else progress[questionId] = { tries: checked.tries };
    }
    sessions[quizId] = serialise({ ...session, progress });
  }
  return { progress: { version: PROGRESS_VERSION, sessions, shown: { ...saved.shown } }, setAside };
}

const defaultPlace =
  (file: string): PlaceOf =>
  (quizId, questionId, tryIndex) =>
    [file, `quiz "${quizId}"`, questionId === undefined ? '' : `question "${questionId}"`, tryIndex === undefined ? '' : `try ${tryIndex + 1}`].filter(Boolean).join(', ');

/**
 * Checks a results file in full against the quizzes as they are now, before anything is
 * written: its shape, that every quiz and question exists, and that every response fits its
 * question. Returns the progress to save, every try re-graded (a file's own fractions are never
 * believed); throws `SavedDataError` listing every problem otherwise.
 * @example store.replace(checkResultsFile(JSON.parse(text), payload.quizzes, 'results.json'))
 */
export function checkResultsFile(data: unknown, quizzes: readonly Quiz[], file: string, placeOf: PlaceOf = defaultPlace(file)): SavedProgress {
  const saved = readProgress(data, file);
  const known = new Set(quizzes.map((q) => q.id));
  const problems: SavedDataProblem[] = [];
  for (const quizId of new Set([...Object.keys(saved.sessions), ...Object.keys(saved.shown)])) {
    if (!known.has(quizId)) problems.push({ where: placeOf(quizId), message: `this deck has no quiz "${quizId}"` });
  }
  for (const [quizId, ids] of Object.entries(saved.shown)) {
    const quiz = quizzes.find((q) => q.id === quizId);
    for (const id of ids) if (quiz && !quiz.questions.some((q) => q.id === id)) problems.push({ where: placeOf(quizId, id), message: `quiz "${quizId}" has no question "${id}"` });
  }
  const { progress, setAside } = reconcileProgress(saved, quizzes);
  for (const part of setAside) problems.push({ where: placeOf(part.quizId, part.questionId, part.tryIndex), message: part.reason });
  if (problems.length) throw new SavedDataError(problems);
  return progress;
}

/**
 * `checkResultsFile`, and the file's name, browser id and time of export, checked as well: the
 * one way a results file is read, in the browser and by `kit results`. Throws `SavedDataError`
 * listing every problem.
 * @example const { progress, name } = readResults(JSON.parse(text), payload.quizzes, 'results-ann-2026-03-01.json')
 */
export function readResults(data: unknown, quizzes: readonly Quiz[], file: string, placeOf?: PlaceOf): CheckedResults {
  const problems: SavedDataProblem[] = [];
  let progress: SavedProgress | undefined;
  try {
    progress = checkResultsFile(data, quizzes, file, placeOf);
  } catch (error) {
    if (!(error instanceof SavedDataError)) throw error;
    problems.push(...error.problems);
  }
  // Data that is no object at all has been said already, by the check of its progress.
  const meta = isPlainObject(data) ? v.safeParse(ResultsMetaSchema, data) : undefined;
  if (meta && !meta.success) problems.push(...meta.issues.map((issue) => ({ where: file, message: issue.message })));
  if (problems.length || !progress) throw new SavedDataError(problems);
  const { name: given, learner, exportedAt } = meta?.success ? meta.output : {};
  const name = cleanName(given ?? '');
  return { progress, ...(name ? { name } : {}), ...(learner ? { learnerId: learner } : {}), ...(exportedAt ? { exportedAt } : {}) };
}
