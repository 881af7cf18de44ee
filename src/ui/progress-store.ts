import { deserialise, serialise, type Quiz, type Session } from '../quiz/index.ts';

/** The key progress is saved under; the number is the version of what is saved. */
export const PROGRESS_KEY = 'kit:progress:v1';
const LEARNER_KEY = 'kit:learner';

/** What is saved for one learner: a session per quiz, and the questions whose answer was shown. */
interface Saved {
  version: 1;
  sessions: Record<string, string>;
  shown: Record<string, string[]>;
}

export interface ProgressStore {
  /** The learner's seed: choice orders derive from it, so a reload shows the same order. */
  readonly learner: string;
  /** Said once to the learner when saved data had to be set aside, or cannot be saved. */
  readonly notice?: { key: 'progress.setAside' | 'progress.unavailable'; params?: Record<string, string> };
  session(quiz: Quiz): Session | undefined;
  save(session: Session): void;
  shown(quizId: string): string[];
  markShown(quizId: string, questionId: string): void;
  resetQuiz(quizId: string): void;
  resetAll(): void;
  sessions(): Session[];
  /** Everything saved, as one JSON document a learner can download and load again. */
  exportJson(): string;
  /** Replaces what is saved by a downloaded document; throws, changing nothing, if it is not one. */
  importJson(text: string, quizzes: readonly Quiz[]): void;
  /** Tells listeners (results, scores) that something changed. */
  onChange(listener: () => void): () => void;
}

function randomId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function readSaved(text: string): Saved {
  const value = JSON.parse(text) as Partial<Saved>;
  if (value?.version !== 1 || typeof value.sessions !== 'object' || value.sessions === null) throw new Error('not a saved progress of version 1');
  for (const json of Object.values(value.sessions)) deserialise(json); // every session must read
  return { version: 1, sessions: { ...value.sessions }, shown: { ...(value.shown ?? {}) } };
}

/** A store that keeps nothing across visits, for browsers that refuse storage. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

/**
 * Keeps a learner's progress in the browser (localStorage), versioned. Saved data that cannot
 * be read is moved aside under its own key, with a notice, and the learner starts afresh:
 * nothing is thrown away and nothing crashes.
 */
export function createProgressStore(storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>, now: () => Date = () => new Date()): ProgressStore {
  let notice: ProgressStore['notice'];
  let store = storage;
  try {
    store ??= globalThis.localStorage;
    store.setItem('kit:probe', '1');
    store.removeItem('kit:probe');
  } catch {
    store = memoryStorage();
    notice = { key: 'progress.unavailable' };
  }
  const listeners = new Set<() => void>();
  const learner = store.getItem(LEARNER_KEY) ?? randomId();
  store.setItem(LEARNER_KEY, learner);

  let saved: Saved = { version: 1, sessions: {}, shown: {} };
  const raw = store.getItem(PROGRESS_KEY);
  if (raw !== null) {
    try {
      saved = readSaved(raw);
    } catch {
      const aside = `kit:progress:unreadable:${now().toISOString()}`;
      store.setItem(aside, raw);
      store.removeItem(PROGRESS_KEY);
      notice = { key: 'progress.setAside', params: { key: aside } };
    }
  }

  const write = () => {
    store!.setItem(PROGRESS_KEY, JSON.stringify(saved));
    for (const listener of listeners) listener();
  };

  return {
    learner,
    notice,
    session(quiz) {
      const json = saved.sessions[quiz.id];
      if (!json) return undefined;
      const session = deserialise(json);
      // A session of an older version of the quiz keeps only the questions that still exist.
      const ids = new Set(quiz.questions.map((q) => q.id));
      return { ...session, progress: Object.fromEntries(Object.entries(session.progress).filter(([id]) => ids.has(id))) };
    },
    save(session) {
      saved.sessions[session.quizId] = serialise(session);
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
      write();
    },
    resetAll() {
      saved = { version: 1, sessions: {}, shown: {} };
      write();
    },
    sessions: () => Object.values(saved.sessions).map((json) => deserialise(json)),
    exportJson: () => JSON.stringify({ ...saved, learner, exportedAt: now().toISOString() }, null, 2),
    importJson(text, quizzes) {
      const next = readSaved(text);
      const known = new Set(quizzes.map((q) => q.id));
      const unknown = Object.keys(next.sessions).filter((id) => !known.has(id));
      if (unknown.length) throw new Error(`it has quizzes this deck does not have (${unknown.join(', ')})`);
      saved = next;
      write();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
