import {
  array,
  check,
  custom,
  finite,
  literal,
  number,
  object,
  pipe,
  record,
  safeParse,
  string,
  transform,
  unknown,
  type BaseIssue,
  type GenericSchema,
} from 'valibot';
import { SessionError } from './errors.ts';
import { describe, isPlainObject } from './response-shape.ts';
import { SESSION_VERSION, type Session } from './session.ts';
import type { Response } from './types.ts';

/**
 * Sessions are saved by browsers for weeks, so every shape ever written stays readable: each
 * version has a schema that reads it and turns it into the next version, and `readSession`
 * applies them in turn. The schemas also keep out what a session cannot hold (a fraction of 3,
 * a response that is not an object), whatever was edited in storage or in a file.
 *
 * Version 0 (before sessions carried a version) looked like:
 * `{ quiz, learner, started: <epoch ms>, answers: { <question id>: [{ response, fraction, time: <epoch ms> }] } }`
 */

/** The predicate part of a message; the path is put in front when it is reported. */
const mustBe = (what: string) => (issue: BaseIssue<unknown>) => `must be ${what}, got ${describe(issue.input)}`;

const text = () => string(mustBe('a text'));

const isoTime = () =>
  pipe(
    string(mustBe('an ISO time')),
    check((value) => !Number.isNaN(Date.parse(value)), (issue) => `must be an ISO time, got ${JSON.stringify(issue.input)}`),
  );

const millis = () => pipe(number(mustBe('a time in milliseconds')), finite(mustBe('a time in milliseconds')));

const plainObject = <T>() => custom<T>(isPlainObject, mustBe('an object'));

const fraction = () =>
  pipe(
    number(mustBe('a number in [0, 1]')),
    check((value) => value >= 0 && value <= 1, mustBe('a number in [0, 1]')),
  );

/** The current version. */
function currentSchema() {
  const tryRecord = object({ at: isoTime(), response: plainObject<Response>(), fraction: fraction() }, mustBe('an object'));
  return object(
    {
      version: literal(SESSION_VERSION),
      quizId: text(),
      learner: text(),
      startedAt: isoTime(),
      progress: record(string(), object({ tries: array(tryRecord, mustBe('a list')) }, mustBe('an object')), mustBe('an object')),
    },
    mustBe('an object'),
  );
}

/** Schemas keyed by the version they read; each gives data of the next version, which its schema checks in turn. */
function migrations(): Record<number, GenericSchema<unknown, Record<string, unknown>>> {
  const oldTry = object({ response: unknown(), fraction: unknown(), time: millis() }, mustBe('an object'));
  return {
    0: pipe(
      object(
        { quiz: unknown(), learner: unknown(), started: millis(), answers: record(string(), array(oldTry, mustBe('a list')), mustBe('an object')) },
        mustBe('an object'),
      ),
      transform((old) => ({
        version: 1,
        quizId: old.quiz,
        learner: old.learner,
        startedAt: new Date(old.started).toISOString(),
        progress: Object.fromEntries(
          Object.entries(old.answers).map(([id, tries]) => [
            id,
            { tries: tries.map((t) => ({ at: new Date(t.time).toISOString(), response: t.response, fraction: t.fraction })) },
          ]),
        ),
      })),
    ),
  };
}

let schemas: { current: ReturnType<typeof currentSchema>; migrations: ReturnType<typeof migrations> } | undefined;

function fail(problem: string): never {
  throw new SessionError(`unreadable saved session: ${problem}`);
}

/** Reads data with a schema, or fails naming every problem with its place (`progress.q1.tries[0].fraction must be …`). */
function parseWith<T>(schema: GenericSchema<unknown, T>, data: unknown): T {
  const result = safeParse(schema, data);
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => {
    const path = (issue.path ?? []).reduce<string>(
      (out, item) => (typeof item.key === 'number' ? `${out}[${item.key}]` : out ? `${out}.${String(item.key)}` : String(item.key)),
      '',
    );
    return `${path || 'the session'} ${issue.message}`;
  });
  return fail(problems.join('; '));
}

/**
 * Checks a session already read from JSON, migrating older versions to the current one; keeps
 * only the known fields. Throws `SessionError` saying what is wrong for data that is not a
 * session (corrupted, edited, from a newer kit).
 */
export function readSession(data: unknown): Session {
  if (!isPlainObject(data)) fail(`the session must be an object, got ${describe(data)}`);
  schemas ??= { current: currentSchema(), migrations: migrations() };
  let version = data['version'] ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    fail(`version must be a whole number, got ${describe(version)}`);
  }
  if (version > SESSION_VERSION) {
    fail(`it was written by a newer version of the kit (session version ${version}; this one reads up to ${SESSION_VERSION})`);
  }
  let current: unknown = data;
  for (; version < SESSION_VERSION; version++) {
    const migrate = schemas.migrations[version] ?? fail(`no migration from version ${version}`);
    current = parseWith(migrate, current);
  }
  return parseWith(schemas.current, current);
}

/** A session as JSON text, with its `version`, for local storage or a file. */
export function serialise(session: Session): string {
  return JSON.stringify(session);
}

/**
 * Reads a saved session from JSON text, migrating older versions to the current one. Throws
 * `SessionError` saying what is wrong for data that is not a session.
 */
export function deserialise(json: string): Session {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return fail('not valid JSON');
  }
  return readSession(parsed);
}
