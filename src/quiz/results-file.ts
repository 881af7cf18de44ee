/**
 * A results file as a learner downloads it (JSON or CSV), read and checked the one way the
 * browser's "Load results" and `kit results` both read it: every try re-graded against the
 * quizzes as they are now, every problem named with its file (and line, for a CSV).
 */
import { CLASS_TABLE_FIXED } from './class-results.ts';
import { readCsv, readCsvText } from './csv.ts';
import { readResultsCsv, type ReadResultsFile } from './results-csv.ts';
import { deckResult, type DeckResult } from './results.ts';
import { readResults, SavedDataError, type CheckedResults } from './saved.ts';
import { deserialise } from './session-storage.ts';
import type { Session } from './session.ts';
import type { Quiz } from './types.ts';

/** The 1-based line of a JSON syntax error, from the position the engine reports. */
function jsonErrorLine(text: string, message: string): number | undefined {
  const line = /line (\d+)/.exec(message)?.[1];
  if (line) return Number(line);
  const position = /position (\d+)/.exec(message)?.[1];
  return position === undefined ? undefined : text.slice(0, Number(position)).split('\n').length;
}

/**
 * Reads a results file's text, JSON or CSV, told apart by the file's extension or else by its
 * content, into the document `readResults` checks. Throws `SavedDataError` for text that is
 * neither (with the line of a JSON syntax error), and for a class table given as a learner's file.
 */
export function readResultsText(file: string, text: string, seed = file): ReadResultsFile {
  const body = text.replace(/^\uFEFF/, '');
  const isJson = /\.json$/i.test(file) || (!/\.csv$/i.test(file) && body.trimStart().startsWith('{'));
  if (!isJson) {
    if (body.startsWith(`${CLASS_TABLE_FIXED.join(',')},`)) {
      throw new SavedDataError([{ where: `${file}:1`, message: 'this is a class table written by kit results, not one learner\'s results file; give the files the learners downloaded' }]);
    }
    return readResultsCsv(body, file, seed);
  }
  try {
    return { data: JSON.parse(body) };
  } catch (error) {
    const line = jsonErrorLine(body, (error as Error).message);
    throw new SavedDataError([{ where: line ? `${file}:${line}` : file, message: 'this is not JSON: a results file is the JSON or CSV the results slide downloads' }]);
  }
}

/** One learner's results file, read, checked and re-graded. */
export interface LearnerResults extends CheckedResults {
  /** The file, as its messages name it. */
  file: string;
  /** The sessions of the deck's quizzes, re-graded. */
  sessions: Session[];
  /** Every quiz's and the deck's score, from the re-graded sessions. */
  deck: DeckResult;
}

/**
 * Reads one learner's results file (JSON or CSV) and grades it against `quizzes`; throws
 * `SavedDataError` listing every problem (file, line or place, what is wrong).
 * @example loadResultsFile('results-ann-2026-03-01.csv', text, quizzes).deck.score
 */
export function loadResultsFile(file: string, text: string, quizzes: readonly Quiz[]): LearnerResults {
  const { data, placeOf } = readResultsText(file, text);
  const checked = readResults(data, quizzes, file, placeOf);
  const sessions = quizzes.flatMap((quiz) => {
    const saved = checked.progress.sessions[quiz.id];
    return saved === undefined ? [] : [deserialise(saved)];
  });
  return { ...checked, file, sessions, deck: deckResult(quizzes, sessions) };
}

/**
 * A class's results as the classroom server downloads them, cut into one text per learner so
 * each is read like a learner's own file: a JSON list of results files, or a CSV whose rows name
 * several learners (in its `learner` column). A learner's file comes back whole; each part is
 * named after the file and the learner, so a problem still says where it is.
 * @example splitResultsText('class-7KQ2M.json', '[{…},{…}]') // [{ file: 'class-7KQ2M.json, learner 1', text: '{…}' }, …]
 */
export function splitResultsText(file: string, text: string): { file: string; text: string }[] {
  const body = text.replace(/^\uFEFF/, '');
  const whole = [{ file, text }];
  if (/\.json$/i.test(file) || body.trimStart().startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch {
      return whole;
    }
    return Array.isArray(data) ? data.map((learner, i) => ({ file: `${file}, learner ${i + 1}`, text: JSON.stringify(learner) })) : whole;
  }
  const rows = readCsv(body);
  const column = rows[0]?.cells.indexOf('learner') ?? -1;
  if (column < 0 || rows.length < 2) return whole;
  const lines = body.split('\n');
  const header = lines.slice(0, rows[1]!.line - 1);
  const byLearner = new Map<string, string[]>();
  rows.slice(1).forEach((row, i) => {
    const next = rows[i + 2]?.line ?? lines.length + 1;
    const name = row.cells[column] ?? '';
    byLearner.set(name, [...(byLearner.get(name) ?? []), ...lines.slice(row.line - 1, next - 1)]);
  });
  if (byLearner.size < 2) return whole;
  return [...byLearner].map(([name, own]) => ({ file: `${file}, learner "${readCsvText(name)}"`, text: [...header, ...own].join('\n') }));
}
