import { deckResult, isCorrect, quizResult, SavedDataError, serialise, SESSION_VERSION, type PlaceOf, type Quiz, type Session } from '../quiz/index.ts';
import type { ProgressStore } from './progress-store.ts';

/** The columns of the results CSV; `try` and `shown` rows carry what is needed to load it back. */
export const CSV_HEADER = ['level', 'quiz', 'section', 'question', 'try', 'at', 'score', 'max_score', 'share', 'correct_or_passed', 'response'] as const;

function cell(value: string | number | boolean | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Splits CSV text into rows of fields (RFC 4180: quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/**
 * Results as CSV for a spreadsheet: one row per try (with its response), per question, per
 * quiz and for the deck. The try rows make the file loadable again, like the JSON.
 */
export function resultsCsv(quizzes: readonly Quiz[], store: ProgressStore): string {
  const rows: (string | number | boolean | undefined)[][] = [[...CSV_HEADER]];
  const sessions = store.sessions();
  for (const quiz of quizzes) {
    const session = sessions.find((s) => s.quizId === quiz.id);
    const result = quizResult(quiz, session);
    for (const q of result.questions) {
      const tries = session?.progress[q.id]?.tries ?? [];
      tries.forEach((t, k) => rows.push(['try', quiz.id, quiz.after, q.id, k + 1, t.at, t.fraction, 1, t.fraction, isCorrect(t.fraction), JSON.stringify(t.response)]));
      if (store.shown(quiz.id).includes(q.id)) rows.push(['shown', quiz.id, quiz.after, q.id]);
      rows.push(['question', quiz.id, quiz.after, q.id, q.tries, '', q.score, q.maxScore, q.maxScore ? +(q.score / q.maxScore).toFixed(4) : 0, q.correct]);
    }
    rows.push(['quiz', quiz.id, quiz.after, '', '', '', result.score, result.maxScore, +result.share.toFixed(4), result.passed]);
  }
  const deck = deckResult(quizzes, sessions);
  rows.push(['deck', '', '', '', '', '', deck.score, deck.maxScore, +deck.share.toFixed(4), deck.passed]);
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

/**
 * Reads a results CSV back into the saved-progress document the store loads, with the line of
 * each try for messages (`results.csv:12: …`). The scores it states are carried along only to be
 * re-graded: the store checks and grades the document in full before it keeps anything.
 * Throws `SavedDataError` naming each line that is not a try it can read.
 */
export function csvToSaved(text: string, learner: string, file = 'results.csv'): { data: unknown; placeOf: PlaceOf } {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header || CSV_HEADER.some((name, i) => header[i] !== name)) {
    throw new SavedDataError([{ where: `${file}:1`, message: `the first line must be ${CSV_HEADER.join(',')}` }]);
  }
  const sessions = new Map<string, Session>();
  const shown: Record<string, string[]> = {};
  const lines = new Map<string, number>();
  const problems: { where: string; message: string }[] = [];
  rows.forEach((row, index) => {
    const line = index + 2;
    const [level, quiz, , question, , at, score, , , , response] = row;
    if (level === 'shown' && quiz && question) {
      shown[quiz] = [...(shown[quiz] ?? []), question];
      lines.set(`${quiz}\u0000${question}`, line);
    }
    if (level !== 'try') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(response ?? '');
    } catch {
      problems.push({ where: `${file}:${line}`, message: 'the response is not JSON' });
      return;
    }
    const fraction = Number(score);
    if (!quiz || !question || !at || !Number.isFinite(fraction)) {
      problems.push({ where: `${file}:${line}`, message: 'a try needs quiz, question, at and score' });
      return;
    }
    const session = sessions.get(quiz) ?? { version: SESSION_VERSION, quizId: quiz, learner, startedAt: at, progress: {} };
    const tries = session.progress[question]?.tries ?? [];
    lines.set(`${quiz}\u0000${question}\u0000${tries.length}`, line);
    lines.set(`${quiz}\u0000${question}`, lines.get(`${quiz}\u0000${question}`) ?? line);
    lines.set(quiz, lines.get(quiz) ?? line);
    // A claimed score outside [0, 1] is no score at all; it is re-graded anyway.
    session.progress[question] = { tries: [...tries, { at, response: parsed as never, fraction: Math.min(1, Math.max(0, fraction)) }] };
    sessions.set(quiz, session);
  });
  if (problems.length) throw new SavedDataError(problems);
  const placeOf: PlaceOf = (quiz, question, tryIndex) => {
    const key = [quiz, question, tryIndex].filter((part) => part !== undefined).join('\u0000');
    const line = lines.get(key) ?? lines.get(`${quiz}\u0000${question}`) ?? lines.get(quiz);
    return line === undefined ? file : `${file}:${line}`;
  };
  return { data: { version: 1, sessions: Object.fromEntries([...sessions].map(([id, s]) => [id, serialise(s)])), shown }, placeOf };
}
