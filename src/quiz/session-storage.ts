import { SessionError } from './errors.ts';
import { describe, isPlainObject } from './response-shape.ts';
import { SESSION_VERSION, type QuestionProgress, type Session, type TryRecord } from './session.ts';
import type { Response } from './types.ts';

/**
 * Sessions are saved by browsers for weeks, so every shape ever written stays readable:
 * each version has a migration to the next, and `deserialise` applies them in turn.
 *
 * Version 0 (before sessions carried a version) looked like:
 * `{ quiz, learner, started: <epoch ms>, answers: { <question id>: [{ response, fraction, time: <epoch ms> }] } }`
 */

type Plain = Record<string, unknown>;

/** Migrations keyed by the version they read; each returns data of the next version. */
const MIGRATIONS: Record<number, (data: Plain) => Plain> = {
  0: (data) => ({
    version: 1,
    quizId: data['quiz'],
    learner: data['learner'],
    startedAt: epochToIso(data['started'], 'started'),
    progress: Object.fromEntries(
      Object.entries(expectObject(data['answers'], 'answers')).map(([id, tries]) => [
        id,
        {
          tries: expectArray(tries, `answers.${id}`).map((entry, i) => {
            const old = expectObject(entry, `answers.${id}[${i}]`);
            return { at: epochToIso(old['time'], `answers.${id}[${i}].time`), response: old['response'], fraction: old['fraction'] };
          }),
        },
      ]),
    ),
  }),
};

function fail(problem: string): never {
  throw new SessionError(`unreadable saved session: ${problem}`);
}

function expectObject(value: unknown, what: string): Plain {
  return isPlainObject(value) ? value : fail(`${what} must be an object, got ${describe(value)}`);
}

function expectArray(value: unknown, what: string): unknown[] {
  return Array.isArray(value) ? value : fail(`${what} must be a list, got ${describe(value)}`);
}

function expectText(value: unknown, what: string): string {
  return typeof value === 'string' ? value : fail(`${what} must be a text, got ${describe(value)}`);
}

function expectTime(value: unknown, what: string): string {
  const text = expectText(value, what);
  return Number.isNaN(Date.parse(text)) ? fail(`${what} must be an ISO time, got ${JSON.stringify(text)}`) : text;
}

function epochToIso(value: unknown, what: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${what} must be a time in milliseconds, got ${describe(value)}`);
  return new Date(value).toISOString();
}

function readTry(value: unknown, what: string): TryRecord {
  const entry = expectObject(value, what);
  const fraction = entry['fraction'];
  if (typeof fraction !== 'number' || !(fraction >= 0 && fraction <= 1)) {
    fail(`${what}.fraction must be a number in [0, 1], got ${describe(fraction)}`);
  }
  return {
    at: expectTime(entry['at'], `${what}.at`),
    response: expectObject(entry['response'], `${what}.response`) as unknown as Response,
    fraction,
  };
}

/** Checks data of the current version and rebuilds it with only the known fields. */
function readCurrent(data: Plain): Session {
  const progress: Record<string, QuestionProgress> = {};
  for (const [id, value] of Object.entries(expectObject(data['progress'], 'progress'))) {
    const tries = expectArray(expectObject(value, `progress.${id}`)['tries'], `progress.${id}.tries`);
    progress[id] = { tries: tries.map((entry, i) => readTry(entry, `progress.${id}.tries[${i}]`)) };
  }
  return {
    version: SESSION_VERSION,
    quizId: expectText(data['quizId'], 'quizId'),
    learner: expectText(data['learner'], 'learner'),
    startedAt: expectTime(data['startedAt'], 'startedAt'),
    progress,
  };
}

/** A session as JSON text, with its `version`, for local storage or a file. */
export function serialise(session: Session): string {
  return JSON.stringify(session);
}

/**
 * Reads a saved session, migrating older versions to the current one. Throws `SessionError`
 * saying what is wrong for data that is not a session (corrupted, truncated, from a newer kit).
 */
export function deserialise(json: string): Session {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return fail('not valid JSON');
  }
  let data = expectObject(parsed, 'the session');
  let version = data['version'] ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    fail(`version must be a whole number, got ${describe(version)}`);
  }
  if (version > SESSION_VERSION) {
    fail(`it was written by a newer version of the kit (session version ${version}; this one reads up to ${SESSION_VERSION})`);
  }
  for (; version < SESSION_VERSION; version++) {
    const migrate = MIGRATIONS[version] ?? fail(`no migration from version ${version}`);
    data = migrate(data);
  }
  return readCurrent(data);
}
