/**
 * The results CSV: one file per learner, for a spreadsheet and for loading back. Every row has
 * the same columns, whatever its kind (`try`, `shown`, `question`, `quiz`, `deck`), and carries
 * the learner's name and the time of export, so that rows copied out of many learners' files
 * still say whose they are. The `try` rows (with their responses) are what makes the file
 * loadable again; every other number in it is re-graded on loading, never believed.
 */
import { csvText, readCsv, readCsvText, toCsv, type CsvValue } from './csv.ts';
import { isCorrect } from './fraction.ts';
import { cleanName } from './learner-name.ts';
import { deckResult, quizResult } from './results.ts';
import { SavedDataError, PROGRESS_VERSION, type PlaceOf, type SavedDataProblem } from './saved.ts';
import { serialise } from './session-storage.ts';
import { SESSION_VERSION, type Session } from './session.ts';
import type { Quiz } from './types.ts';

/** The columns of a results CSV, in order: the first line of every file. */
export const RESULTS_CSV_COLUMNS = ['learner', 'exported', 'level', 'quiz', 'section', 'question', 'try', 'at', 'score', 'max_score', 'share', 'correct_or_passed', 'response'] as const;
export type ResultsCsvColumn = (typeof RESULTS_CSV_COLUMNS)[number];

/** The columns of files written before the name and the date were added; they still load. */
export const RESULTS_CSV_COLUMNS_V1 = RESULTS_CSV_COLUMNS.filter((c) => c !== 'learner' && c !== 'exported');

/** The columns a file must have to be loaded back. */
const NEEDED: readonly ResultsCsvColumn[] = ['level', 'quiz', 'question', 'at', 'score', 'response'];

/** What a results file is made of: whose, when, and the saved progress. */
export interface ResultsExport {
  /** The learner's name ('' for none). */
  name: string;
  /** When the file was made, as `localIsoTime` writes it. */
  exported: string;
  sessions: readonly Session[];
  /** Quiz id → ids of the questions whose answer was shown. */
  shown: Readonly<Record<string, readonly string[]>>;
}

const share = (score: number, max: number) => (max ? +(score / max).toFixed(4) : 0);

/**
 * Results as CSV for a spreadsheet: one row per try (with its response), per answer shown, per
 * question, per quiz and for the deck, all with every column of `RESULTS_CSV_COLUMNS`.
 */
export function writeResultsCsv(quizzes: readonly Quiz[], data: ResultsExport): string {
  const name = csvText(cleanName(data.name));
  const rows: CsvValue[][] = [[...RESULTS_CSV_COLUMNS]];
  const row = (cells: Partial<Record<ResultsCsvColumn, CsvValue>>) => {
    const all: Partial<Record<ResultsCsvColumn, CsvValue>> = { learner: name, exported: data.exported, ...cells };
    rows.push(RESULTS_CSV_COLUMNS.map((column) => all[column]));
  };
  for (const quiz of quizzes) {
    const session = data.sessions.find((s) => s.quizId === quiz.id);
    const result = quizResult(quiz, session);
    const where = { quiz: quiz.id, section: quiz.after };
    for (const q of result.questions) {
      const tries = session?.progress[q.id]?.tries ?? [];
      tries.forEach((t, k) =>
        row({ level: 'try', ...where, question: q.id, try: k + 1, at: t.at, score: t.fraction, max_score: 1, share: t.fraction, correct_or_passed: isCorrect(t.fraction), response: JSON.stringify(t.response) }),
      );
      if (data.shown[quiz.id]?.includes(q.id)) row({ level: 'shown', ...where, question: q.id });
      row({ level: 'question', ...where, question: q.id, try: q.tries, score: q.score, max_score: q.maxScore, share: share(q.score, q.maxScore), correct_or_passed: q.correct });
    }
    row({ level: 'quiz', ...where, score: result.score, max_score: result.maxScore, share: +result.share.toFixed(4), correct_or_passed: result.passed });
  }
  const deck = deckResult(quizzes, data.sessions);
  row({ level: 'deck', score: deck.score, max_score: deck.maxScore, share: +deck.share.toFixed(4), correct_or_passed: deck.passed });
  return toCsv(rows);
}

/** A results file read but not yet checked: the document `readResults` checks, and where its parts are. */
export interface ReadResultsFile {
  data: unknown;
  placeOf?: PlaceOf;
}

/**
 * Reads a results CSV back into the document a JSON results file holds (`version`, `sessions`,
 * `shown`, `name`, `exportedAt`), with the line of each try for messages (`results.csv:12: …`).
 * Files of the first layout (without `learner` and `exported`) are read too. The scores it
 * states are carried along only to be re-graded by `readResults`. Throws `SavedDataError`
 * naming each line it cannot read. `seed` is the learner id the sessions get (a CSV has none).
 */
export function readResultsCsv(text: string, file = 'results.csv', seed = file): ReadResultsFile {
  const [header, ...rows] = readCsv(text);
  const columns = header?.cells.map((cell) => cell.trim()) ?? [];
  const missing = NEEDED.filter((c) => !columns.includes(c));
  if (missing.length) {
    const first = header ? `; this file's first line is "${header.cells.join(',').slice(0, 60)}"` : '; this file is empty';
    throw new SavedDataError([{ where: `${file}:1`, message: `the first line must name the columns of a results CSV (${RESULTS_CSV_COLUMNS.join(',')})${first}` }]);
  }
  const index = Object.fromEntries(RESULTS_CSV_COLUMNS.map((c) => [c, columns.indexOf(c)])) as Record<ResultsCsvColumn, number>;
  const strict = index.learner >= 0;
  const sessions = new Map<string, Session>();
  const shown: Record<string, string[]> = {};
  const lines = new Map<string, number>();
  const names = new Map<string, number>();
  let exported: string | undefined;
  const problems: SavedDataProblem[] = [];
  for (const { line, cells } of rows) {
    if (cells.length === 1 && cells[0]!.trim() === '') continue; // a blank line
    // Every row has every column; a row with more cells has a comma out of its quotes.
    if (cells.length > columns.length || (strict && cells.length !== columns.length)) {
      problems.push({ where: `${file}:${line}`, message: `this row has ${cells.length} cells, but the first line names ${columns.length} columns (was the file edited? a comma must be inside quotes)` });
      continue;
    }
    const get = (column: ResultsCsvColumn) => (index[column] >= 0 ? (cells[index[column]] ?? '') : '');
    const name = cleanName(readCsvText(get('learner')));
    if (name && !names.has(name)) names.set(name, line);
    exported ||= get('exported') || undefined;
    const [level, quiz, question, at] = [get('level'), get('quiz'), get('question'), get('at')];
    if (level === 'shown' && quiz && question) {
      shown[quiz] = [...(shown[quiz] ?? []), question];
      lines.set(`${quiz}\u0000${question}`, line);
    }
    if (level !== 'try') continue;
    let response: unknown;
    try {
      response = JSON.parse(get('response'));
    } catch {
      problems.push({ where: `${file}:${line}`, message: 'the response is not JSON' });
      continue;
    }
    const fraction = Number(get('score'));
    if (!quiz || !question || !at || get('score') === '' || !Number.isFinite(fraction)) {
      problems.push({ where: `${file}:${line}`, message: 'a try needs quiz, question, at and score' });
      continue;
    }
    const session = sessions.get(quiz) ?? { version: SESSION_VERSION, quizId: quiz, learner: seed, startedAt: at, progress: {} };
    const tries = session.progress[question]?.tries ?? [];
    lines.set(`${quiz}\u0000${question}\u0000${tries.length}`, line);
    lines.set(`${quiz}\u0000${question}`, lines.get(`${quiz}\u0000${question}`) ?? line);
    lines.set(quiz, lines.get(quiz) ?? line);
    // A claimed score outside [0, 1] is no score at all; it is re-graded anyway.
    session.progress[question] = { tries: [...tries, { at, response: response as never, fraction: Math.min(1, Math.max(0, fraction)) }] };
    sessions.set(quiz, session);
  }
  if (names.size > 1) {
    const each = [...names].map(([name, line]) => `“${name}” (line ${line})`).join(', ');
    problems.push({ where: file, message: `rows of more than one learner: ${each}; a results file holds one learner's results, so keep each learner's rows in a file of their own` });
  }
  if (problems.length) throw new SavedDataError(problems);
  const placeOf: PlaceOf = (quiz, question, tryIndex) => {
    const key = [quiz, question, tryIndex].filter((part) => part !== undefined).join('\u0000');
    const line = lines.get(key) ?? lines.get(`${quiz}\u0000${question}`) ?? lines.get(quiz);
    return line === undefined ? file : `${file}:${line}`;
  };
  const [name] = names.keys();
  const data = {
    version: PROGRESS_VERSION,
    sessions: Object.fromEntries([...sessions].map(([id, s]) => [id, serialise(s)])),
    shown,
    ...(name ? { name } : {}),
    ...(exported ? { exportedAt: exported } : {}),
  };
  return { data, placeOf };
}
