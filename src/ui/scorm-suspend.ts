import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { Response, SavedProgress, Session } from '../quiz/index.ts';

/*
 * Types only from the quiz engine: the adapter is a chunk of its own, which must not import the
 * deck's script (the one-file deck inlines a chunk as a `data:` module, and the deck's script
 * imported again would run twice). The store checks what comes back with the engine itself.
 */
const PROGRESS_VERSION = 1;
const serialise = (session: Session) => JSON.stringify(session);

/** A session's saved text, read without checking: the store checks it (a session that is not one stays text). */
function deserialise(text: string): Session {
  const session = JSON.parse(text) as Session;
  if (typeof session !== 'object' || session === null || typeof session.progress !== 'object' || session.progress === null) throw new Error('not a session');
  for (const p of Object.values(session.progress)) if (!Array.isArray(p?.tries)) throw new Error('not a session');
  return session;
}

/**
 * The deck's saved progress as an LMS's suspend data, and back. SCORM 1.2 keeps 4,096
 * characters (`cmi.suspend_data`, CMIString4096), so the document is written compactly: each
 * session's tries without the fraction (the store re-grades every try anyway), times as seconds
 * after one base time in base 36, and no learner seed (the LMS's learner id is the seed), then
 * deflated and written in base 64 (ASCII, as 1.2's CMIString asks; typed Chinese answers
 * included). What
 * comes back is the same `SavedProgress` the browser keeps, which the progress store checks
 * with `readProgress` and `reconcileProgress` like any other.
 */

/** The version of the compact form, first in the text, so a later form can still read this one. */
const FORMAT = 'k1:';

/** Text as deflated UTF-8 in base 64, and back. */
const pack = (text: string) => btoa(String.fromCharCode(...deflateSync(strToU8(text), { level: 9 })));
const unpack = (data: string) => strFromU8(inflateSync(Uint8Array.from(atob(data), (c) => c.charCodeAt(0))));

/** `[seconds after base, response]` for one try. */
type CompactTry = [number, Response];
/** A quiz's session: `[seconds after base it started, question id → tries]`. */
type CompactSession = [number, Record<string, CompactTry[]>];
interface Compact {
  /** Base time: seconds since 1970, base 36. */
  b: string;
  /** Quiz id → session; a session that could not be read is kept as its text. */
  s: Record<string, CompactSession | string>;
  /** Quiz id → ids of questions whose answer was shown (left out when none). */
  h?: Record<string, string[]>;
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** The progress as compact text (`k1:` and the packed JSON); sessions that do not read are kept as they are. */
export function encodeSuspendData(progress: SavedProgress): string {
  const sessions = Object.entries(progress.sessions).map(([quizId, text]): [string, Session | string] => {
    try {
      return [quizId, deserialise(text)];
    } catch {
      return [quizId, text];
    }
  });
  const times = sessions.flatMap(([, s]) => (typeof s === 'string' ? [] : [seconds(s.startedAt), ...Object.values(s.progress).flatMap((p) => p.tries.map((t) => seconds(t.at)))]));
  const base = times.length ? Math.min(...times) : 0;
  const compact: Compact = { b: base.toString(36), s: {} };
  for (const [quizId, session] of sessions) {
    compact.s[quizId] =
      typeof session === 'string'
        ? session
        : [seconds(session.startedAt) - base, Object.fromEntries(Object.entries(session.progress).map(([id, p]) => [id, p.tries.map((t): CompactTry => [seconds(t.at) - base, t.response])]))];
  }
  const shown = Object.entries(progress.shown).filter(([, ids]) => ids.length);
  if (shown.length) compact.h = Object.fromEntries(shown);
  return FORMAT + pack(JSON.stringify(compact));
}

/**
 * The saved-progress document the compact text stands for, as the browser would keep it (each
 * session serialised, every try's fraction 0 until the store re-grades it); `learner` is the
 * seed each session is given. Throws on text this deck did not write: the store then sets it
 * aside, as it does with unreadable browser data.
 */
export function decodeSuspendData(text: string, learner: string): SavedProgress {
  if (!text.startsWith(FORMAT)) throw new Error(`the LMS's suspend data was not written by this deck (it does not start with "${FORMAT}")`);
  const compact = JSON.parse(unpack(text.slice(FORMAT.length))) as Compact;
  const base = parseInt(compact.b, 36);
  const at = (offset: number) => new Date((base + offset) * 1000).toISOString();
  const sessions: Record<string, string> = {};
  for (const [quizId, session] of Object.entries(compact.s ?? {})) {
    if (typeof session === 'string') {
      sessions[quizId] = session;
      continue;
    }
    const [started, questions] = session;
    const progress = Object.fromEntries(Object.entries(questions).map(([id, tries]) => [id, { tries: tries.map(([time, response]) => ({ at: at(time), response, fraction: 0 })) }]));
    sessions[quizId] = serialise({ version: 1, quizId, learner, startedAt: at(started), progress });
  }
  return { version: PROGRESS_VERSION, sessions, shown: compact.h ?? {} };
}

/**
 * The progress cut to fit `limit` characters once encoded: the oldest tries go first, one at a
 * time, so what the learner did last is kept. Returns the text and how many tries were left out.
 */
export function fitSuspendData(progress: SavedProgress, limit: number): { text: string; dropped: number } {
  let text = encodeSuspendData(progress);
  if (text.length <= limit) return { text, dropped: 0 };
  const sessions = Object.entries(progress.sessions).flatMap(([quizId, t]) => {
    try {
      return [[quizId, deserialise(t)] as const];
    } catch {
      return [];
    }
  });
  const tries = sessions
    .flatMap(([quizId, s]) => Object.entries(s.progress).flatMap(([questionId, p]) => p.tries.map((t) => ({ quizId, questionId, at: t.at }))))
    .sort((a, b) => a.at.localeCompare(b.at));
  const kept = new Map(sessions.map(([quizId, s]) => [quizId, structuredClone(s)]));
  // Unreadable sessions go before any try: they are kept in the browser's own storage already.
  let cut: SavedProgress = { ...progress, sessions: Object.fromEntries([...kept].map(([id, s]) => [id, serialise(s)])) };
  let dropped = 0;
  for (const oldest of tries) {
    text = encodeSuspendData(cut);
    if (text.length <= limit) break;
    const session = kept.get(oldest.quizId)!;
    session.progress[oldest.questionId]!.tries.shift();
    if (!session.progress[oldest.questionId]!.tries.length) delete session.progress[oldest.questionId];
    dropped++;
    cut = { ...cut, sessions: { ...cut.sessions, [oldest.quizId]: serialise(session) } };
  }
  text = encodeSuspendData(cut);
  return { text: text.length <= limit ? text : encodeSuspendData({ version: PROGRESS_VERSION, sessions: {}, shown: {} }), dropped };
}
