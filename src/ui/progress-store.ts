import {
  cleanName,
  deserialise,
  emptyProgress,
  localIsoTime,
  NAME_MAX,
  readProgress,
  readResults,
  reconcileProgress,
  resultsFileName,
  serialise,
  writeResultsCsv,
  type PlaceOf,
  type Quiz,
  type SavedProgress,
  type Session,
  type SetAside,
} from '../quiz/index.ts';

import { LEARNER_KEY, newLearnerId, PROGRESS_KEY } from './progress-keys.ts';

export { LEARNER_KEY, PROGRESS_KEY };
/** The name the learner typed on the results slide: kept in this browser only, written into downloads. */
export const NAME_KEY = 'kit:learner-name';
/** Saved progress that could not be read at all, kept whole under this prefix and the time. */
export const UNREADABLE_PREFIX = 'kit:progress:unreadable:';
/** Answers that no longer fit their quiz, kept under this prefix and the time. */
export const SET_ASIDE_PREFIX = 'kit:progress:set-aside:';

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What the learner is told about their saved progress. */
export type Notice =
  | { key: 'progress.setAside'; params: { key: string } }
  | { key: 'progress.quizzesUnreadable' | 'progress.questionsSetAside'; params: { key: string }; parts: readonly SetAside[] }
  | { key: 'progress.unavailable' }
  | { key: 'progress.full' };

/** A results file to download: its name (`results-<name>-<date>.csv`), type and text. */
export interface ResultsDownload {
  name: string;
  type: string;
  text: string;
}

export interface ProgressStore {
  /** The learner's seed: choice orders derive from it, so a reload shows the same order. */
  readonly learner: string;
  /** Said to the learner once the page is up: saved data set aside, storage refused or full. */
  readonly notices: readonly Notice[];
  session(quiz: Quiz): Session | undefined;
  save(session: Session): void;
  shown(quizId: string): string[];
  markShown(quizId: string, questionId: string): void;
  resetQuiz(quizId: string): void;
  resetAll(): void;
  /** The sessions of this deck's quizzes. */
  sessions(): Session[];
  /** The learner's name as typed ('' for none). */
  name(): string;
  /** Keeps the learner's name in this browser; the next visit shows it again. */
  setName(name: string): void;
  /**
   * Everything saved, with the learner's name and the time, as a file a learner can download and
   * load again: JSON (the saved document) or CSV (`writeResultsCsv`), named after the name and date.
   */
  exportFile(format: 'json' | 'csv'): ResultsDownload;
  /**
   * Replaces what is saved by a results file, after checking it in full against the quizzes and
   * re-grading it; throws `SavedDataError` listing every problem, and then changes nothing. The
   * name the file carries, if any, becomes the learner's name; it is returned.
   */
  load(data: unknown, file: string, placeOf?: PlaceOf): { name?: string };
  /** Tells listeners (results, scores) that something changed. */
  onChange(listener: () => void): () => void;
  /** Tells the page at once when saving stops working (storage full), so it can say so. */
  onNotice(listener: (notice: Notice) => void): () => void;
}


/** The browser refused a write because the site's storage quota is used up. */
function isQuotaError(error: unknown): boolean {
  if (typeof DOMException === 'undefined' || !(error instanceof DOMException)) return false;
  // Chromium and WebKit name it QuotaExceededError (code 22); old Firefox NS_ERROR_DOM_QUOTA_REACHED (1014).
  return error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED' || error.code === 22 || error.code === 1014;
}

/** A store that keeps nothing across visits, for browsers that refuse storage. */
function memoryStorage(): KeyValueStorage {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

/**
 * Keeps a learner's progress in the browser (localStorage), versioned, checked against the
 * quizzes as they are now. Saved data that cannot be read is moved aside under its own key;
 * answers that no longer fit their question are moved aside for that question alone; either way
 * with a notice, and everything else is restored. Nothing is thrown away: while a copy set aside
 * cannot be written (storage full), the saved progress it came from is not overwritten either.
 */
export function createProgressStore(quizzes: readonly Quiz[], storage?: KeyValueStorage, now: () => Date = () => new Date()): ProgressStore {
  const notices: Notice[] = [];
  let store: KeyValueStorage;
  try {
    store = storage ?? globalThis.localStorage;
    store.getItem(LEARNER_KEY);
  } catch {
    store = memoryStorage();
    notices.push({ key: 'progress.unavailable' });
  }
  const changeListeners = new Set<() => void>();
  const noticeListeners = new Set<(notice: Notice) => void>();
  /** Copies set aside that must be in storage before the progress they came from may be overwritten. */
  const pending: [key: string, value: string][] = [];
  let failing = false;

  /** Writes, saying once (until a write works again) that storage is full. */
  const put = (key: string, value: string): boolean => {
    try {
      store.setItem(key, value);
      failing = false;
      return true;
    } catch (error) {
      if (!failing) {
        failing = true;
        const notice: Notice = isQuotaError(error) ? { key: 'progress.full' } : { key: 'progress.unavailable' };
        notices.push(notice);
        for (const listener of noticeListeners) listener(notice);
      }
      return false;
    }
  };

  let learner = store.getItem(LEARNER_KEY);
  if (learner === null) {
    learner = newLearnerId();
    put(LEARNER_KEY, learner);
  }

  let name = store.getItem(NAME_KEY) ?? '';

  let saved: SavedProgress = emptyProgress();
  const raw = store.getItem(PROGRESS_KEY);
  if (raw !== null) {
    try {
      saved = readProgress(JSON.parse(raw), PROGRESS_KEY);
    } catch {
      const aside = `${UNREADABLE_PREFIX}${now().toISOString()}`;
      pending.push([aside, raw]);
      notices.push({ key: 'progress.setAside', params: { key: aside } });
    }
  }
  const reconciled = reconcileProgress(saved, quizzes);
  saved = reconciled.progress;
  /** Keeps parts set aside under `prefix` and the time, and says so. */
  const setAside = (prefix: string, parts: SetAside[], key: 'progress.quizzesUnreadable' | 'progress.questionsSetAside') => {
    if (!parts.length) return;
    const aside = `${prefix}${now().toISOString()}`;
    pending.push([aside, JSON.stringify({ from: PROGRESS_KEY, setAsideAt: now().toISOString(), setAside: parts }, null, 2)]);
    notices.push({ key, params: { key: aside }, parts });
  };
  // A quiz's session that cannot be read at all, apart from answers that no longer fit a question.
  setAside(UNREADABLE_PREFIX, reconciled.setAside.filter((part) => part.questionId === undefined), 'progress.quizzesUnreadable');
  setAside(SET_ASIDE_PREFIX, reconciled.setAside.filter((part) => part.questionId !== undefined), 'progress.questionsSetAside');

  /** The sessions of this deck's quizzes, read once (reconciled, so they all read). */
  let cache = new Map<string, Session>();
  const readSessions = () => {
    cache = new Map();
    for (const quiz of quizzes) {
      const text = saved.sessions[quiz.id];
      if (text !== undefined) cache.set(quiz.id, deserialise(text));
    }
  };
  readSessions();

  const setName = (value: string) => {
    name = [...value].slice(0, NAME_MAX).join('');
    if (name) put(NAME_KEY, name);
    else store.removeItem(NAME_KEY);
  };

  const write = () => {
    while (pending.length && put(...pending[0]!)) pending.shift();
    if (!pending.length) put(PROGRESS_KEY, JSON.stringify(saved));
    for (const listener of changeListeners) listener();
  };
  if (pending.length) write();

  return {
    learner,
    notices,
    session: (quiz) => cache.get(quiz.id),
    save(session) {
      saved.sessions[session.quizId] = serialise(session);
      cache.set(session.quizId, session);
      write();
    },
    shown: (quizId) => saved.shown[quizId] ?? [],
    markShown(quizId, questionId) {
      saved.shown[quizId] = [...new Set([...(saved.shown[quizId] ?? []), questionId])];
      write();
    },
    resetQuiz(quizId) {
      delete saved.sessions[quizId];
      delete saved.shown[quizId];
      cache.delete(quizId);
      write();
    },
    resetAll() {
      saved = emptyProgress();
      cache.clear();
      write();
    },
    sessions: () => [...cache.values()],
    name: () => name,
    setName,
    exportFile(format) {
      const exported = localIsoTime(now());
      const fileName = resultsFileName(name, exported, format);
      if (format === 'csv') {
        const text = writeResultsCsv(quizzes, { name, exported, sessions: [...cache.values()], shown: saved.shown });
        return { name: fileName, type: 'text/csv', text };
      }
      const clean = cleanName(name);
      const text = JSON.stringify({ ...saved, ...(clean ? { name: clean } : {}), learner, exportedAt: exported }, null, 2);
      return { name: fileName, type: 'application/json', text };
    },
    load(data, file, placeOf) {
      const checked = readResults(data, quizzes, file, placeOf);
      saved = checked.progress;
      if (checked.name) setName(checked.name);
      readSessions();
      write();
      return checked.name ? { name: checked.name } : {};
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onNotice(listener) {
      noticeListeners.add(listener);
      return () => noticeListeners.delete(listener);
    },
  };
}
