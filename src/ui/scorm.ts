import type { Quiz, SavedProgress, Session } from '../quiz/index.ts';
import type { FoundApi } from './scorm-api.ts';
import { deckReport, interactionOf, sessionTime, type Engine, type Interaction, type ScormVersion } from './scorm-report.ts';
import { decodeSuspendData, fitSuspendData } from './scorm-suspend.ts';

/** The storage the progress store writes to: the LMS stands in for the browser's localStorage. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What the deck hands the adapter (see `Engine` for why the engine comes as an argument). */
export interface LmsOptions {
  quizzes: readonly Quiz[];
  engine: Engine;
  /** The progress store's keys: the progress itself and the learner's seed. */
  keys: { progress: string; learner: string };
  /** Where everything else the store keeps goes (the learner's typed name, data set aside): the browser's storage. */
  local: KeyValueStorage;
  now?: () => number;
}

/** `cmi.suspend_data`'s room: 1.2's CMIString4096, 2004's 64,000 characters (4th edition). */
const SUSPEND_LIMIT: Record<ScormVersion, number> = { '1.2': 4096, '2004': 64000 };

/** The data model's names in each version. */
const NAMES = {
  '1.2': { learner: 'cmi.core.student_id', score: 'cmi.core.score', exit: 'cmi.core.exit', time: 'cmi.core.session_time', response: 'student_response', at: 'time' },
  '2004': { learner: 'cmi.learner_id', score: 'cmi.score', exit: 'cmi.exit', time: 'cmi.session_time', response: 'learner_response', at: 'timestamp' },
} as const;

/** The four calls both versions have, under one set of names. */
function calls(found: FoundApi) {
  if (found.version === '1.2') {
    const api = found.api;
    return { init: () => api.LMSInitialize(''), get: (n: string) => api.LMSGetValue(n), set: (n: string, v: string) => api.LMSSetValue(n, v), commit: () => api.LMSCommit(''), finish: () => api.LMSFinish(''), error: () => api.LMSGetLastError() };
  }
  const api = found.api;
  return { init: () => api.Initialize(''), get: (n: string) => api.GetValue(n), set: (n: string, v: string) => api.SetValue(n, v), commit: () => api.Commit(''), finish: () => api.Terminate(''), error: () => api.GetLastError() };
}

const key = (quizId: string, questionId: string) => `${quizId}\u0000${questionId}`;

/** The sessions of saved progress, as the store wrote them (already checked and re-graded). */
function sessionsOf(progress: SavedProgress): Session[] {
  return Object.values(progress.sessions).flatMap((text) => {
    try {
      return [JSON.parse(text) as Session];
    } catch {
      return [];
    }
  });
}

/**
 * Connects the deck to the LMS whose SCORM API was found: initialises the session and returns
 * the storage the progress store is to use. Progress comes from the LMS's suspend data and goes
 * back to it on every change, with the lesson status, the score and each new try as an
 * interaction, then a commit; the session time and the end of the session are sent when the page
 * goes away. Returns undefined when the LMS refuses to start a session: the deck then keeps its
 * progress in the browser, as it does without an LMS.
 */
export function connectLms(found: FoundApi, options: LmsOptions): KeyValueStorage | undefined {
  const { version } = found;
  const lms = calls(found);
  const names = NAMES[version];
  if (String(lms.init()) !== 'true') {
    console.warn(`SCORM ${version}: the LMS refused to start a session (error ${lms.error()}); progress is kept in this browser only.`);
    return undefined;
  }
  const now = options.now ?? Date.now;
  const started = now();
  const learner = lms.get(names.learner) || undefined;
  // In review (or browse) the LMS shows a finished attempt and keeps nothing new: restore, report nothing.
  const reviewing = ['review', 'browse'].includes(lms.get(version === '1.2' ? 'cmi.core.lesson_mode' : 'cmi.mode'));
  /** Tries the LMS already holds as interactions, per question; later tries are sent as new ones. */
  const reported = new Map<string, number>();
  let finished = false;

  const set = (name: string, value: string) => {
    if (String(lms.set(name, value)) !== 'true') console.warn(`SCORM ${version}: the LMS refused ${name} = "${value.slice(0, 80)}" (error ${lms.error()})`);
  };

  const restored = (): string | null => {
    const text = lms.get('cmi.suspend_data');
    if (!text) return null;
    try {
      const progress = decodeSuspendData(text, learner ?? '');
      for (const session of sessionsOf(progress)) for (const [id, p] of Object.entries(session.progress)) reported.set(key(session.quizId, id), p.tries.length);
      return JSON.stringify(progress);
    } catch {
      // The store sets text it cannot read aside (in this browser) and starts afresh.
      return text;
    }
  };

  /** Every new try, as the next interaction (1.2's interactions are a journal: they are only ever added). */
  const sendInteractions = (sessions: readonly Session[]) => {
    let n = Number(lms.get('cmi.interactions._count')) || 0;
    for (const quiz of options.quizzes) {
      const session = sessions.find((s) => s.quizId === quiz.id);
      for (const question of quiz.questions) {
        const tries = session?.progress[question.id]?.tries ?? [];
        const sent = Math.min(reported.get(key(quiz.id, question.id)) ?? 0, tries.length);
        for (const record of tries.slice(sent)) sendInteraction(n++, interactionOf(options.engine, quiz, question, record, version));
        reported.set(key(quiz.id, question.id), tries.length);
      }
    }
  };
  const sendInteraction = (n: number, i: Interaction) => {
    const at = `cmi.interactions.${n}.`;
    set(`${at}id`, i.id);
    set(`${at}type`, i.type);
    set(`${at}${names.at}`, i.time);
    set(`${at}weighting`, i.weighting);
    set(`${at}${names.response}`, i.response);
    set(`${at}result`, i.result);
  };

  const report = (progress: SavedProgress) => {
    const fitted = fitSuspendData(progress, SUSPEND_LIMIT[version]);
    if (fitted.dropped) console.warn(`SCORM ${version}: the LMS keeps ${SUSPEND_LIMIT[version]} characters of progress; the ${fitted.dropped} oldest tries were left out of it (the newest are kept).`);
    set('cmi.suspend_data', fitted.text);
    const sessions = sessionsOf(progress);
    const deck = deckReport(options.engine, options.quizzes, sessions, progress.shown);
    set(`${names.score}.min`, '0');
    set(`${names.score}.max`, '100');
    set(`${names.score}.raw`, String(deck.percent));
    if (version === '1.2') set('cmi.core.lesson_status', deck.status);
    else {
      set('cmi.score.scaled', String(deck.scaled));
      set('cmi.completion_status', deck.status === 'incomplete' ? 'incomplete' : 'completed');
      set('cmi.success_status', deck.status === 'incomplete' ? 'unknown' : deck.status);
    }
    // The next launch resumes from the suspend data.
    set(names.exit, 'suspend');
    sendInteractions(sessions);
    lms.commit();
  };

  const finish = () => {
    if (finished) return;
    finished = true;
    set(names.time, sessionTime(now() - started, version));
    lms.commit();
    lms.finish();
  };
  addEventListener('pagehide', finish);
  // Back from the browser's page cache the session is over: start again as a fresh launch does.
  addEventListener('pageshow', (event) => {
    if (event.persisted && finished) location.reload();
  });
  // Opened: the LMS shows the deck as begun, not "not attempted", before the first answer.
  const status = version === '1.2' ? 'cmi.core.lesson_status' : 'cmi.completion_status';
  if (!reviewing && ['', 'not attempted', 'unknown'].includes(lms.get(status))) {
    set(status, 'incomplete');
    lms.commit();
  }

  return {
    getItem(name) {
      if (name === options.keys.progress) return restored();
      if (name === options.keys.learner && learner) return learner;
      return options.local.getItem(name);
    },
    setItem(name, value) {
      if (name !== options.keys.progress) return options.local.setItem(name, value);
      if (finished || reviewing) return;
      try {
        report(JSON.parse(value) as SavedProgress);
      } catch (error) {
        // Reporting must never stop the deck: the learner goes on, the console says what failed.
        console.warn(`SCORM ${version}: progress could not be sent to the LMS: ${(error as Error).message}`);
      }
    },
    removeItem(name) {
      options.local.removeItem(name);
    },
  };
}
