/**
 * What the classroom server and the browsers (the teacher's deck, the students' phones) say to
 * each other over one WebSocket (`CLASSROOM_WS`): JSON messages, each checked against these
 * schemas on arrival (at the server, before anything else reads it) and limited in size.
 *
 * A student never receives a question's key, feedback or explanation before the teacher reveals
 * it: a `room` message carries the question's form (the deck's own markup, which holds only the
 * texts a learner reads) and its presented order; the graded question comes with `reveal`.
 */
import * as v from 'valibot';
import type { GradeResult, Presentation, Question, Response } from '../quiz/index.ts';

/** The WebSocket's path on the server. */
export const CLASSROOM_WS = '/classroom/ws';
/** Where the students' page is built, under dist/ (its own build, with its own `.vite/manifest.json`). */
export const STUDENT_DIST = 'classroom';
/** The students' page. */
export const JOIN_PATH = '/join';
/** The teacher's link: `/teacher?key=<secret>` sets the teacher's cookie and opens the deck. */
export const TEACHER_PATH = '/teacher';
/** The element of a deck page served to the teacher that says the class is live (JSON `TeacherConfig`). */
export const CLASSROOM_CONFIG_ID = 'kit-classroom';
/** The element of the students' page that carries its `StudentConfig` (JSON). */
export const STUDENT_CONFIG_ID = 'kit-classroom-student';
/** The largest message either side accepts, in bytes: a typed answer is short, a form is not sent this way. */
export const MAX_CLIENT_MESSAGE = 8 * 1024;
/** Where a student's phone keeps its token (localStorage), per class code: a reload or a lost network rejoins as the same student. */
export const studentTokenKey = (code: string) => `kit:classroom:${code}`;

/** A class's join code: five letters and digits that cannot be misread (no 0/O, 1/I/L). */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 5;

/** Where the room is with the question asked: answering open, closed, or the answer revealed. */
export const PHASES = ['lobby', 'open', 'closed', 'revealed'] as const;
export type Phase = (typeof PHASES)[number];

/** Why a message was refused: the page says it in its own language (`classroom.error.<code>`). */
export const ERROR_CODES = [
  'bad-message',
  'too-big',
  'not-allowed',
  'unknown-class',
  'not-joined',
  'closed',
  'already-answered',
  'wrong-question',
  'bad-response',
  'no-tries-left',
  'rate-limited',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

// ---------------------------------------------------------------- client → server

const id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.:-]{1,80}$/));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const ids = v.pipe(v.array(id), v.maxLength(50));
const langCode = v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/));
const idMap = (value: v.GenericSchema<string>) =>
  v.pipe(
    v.record(id, value),
    v.check((r) => Object.keys(r).length <= 50, 'too many entries'),
  );

/** A response as the engine reads it; `grade` checks it against the question itself. */
const ResponseSchema = v.union([
  v.strictObject({ choice: id }),
  v.strictObject({ choices: ids }),
  v.strictObject({ value: v.boolean() }),
  v.strictObject({ value: v.pipe(v.number(), v.finite()) }),
  v.strictObject({ text: text(500) }),
  v.strictObject({ order: ids }),
  v.strictObject({ matches: idMap(id) }),
  v.strictObject({ blanks: idMap(text(200)) }),
]);

const ClientMessageSchema = v.variant('type', [
  /** A student joins, or comes back with the token the server gave them. */
  v.strictObject({
    type: v.literal('join'),
    code: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{1,12}$/)),
    token: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,64}$/))),
    name: v.optional(text(80)),
  }),
  /**
   * The teacher's deck connects (the teacher's cookie, sent with the WebSocket's request, proves
   * it), in its language: a class not yet asked anything takes it, so phones join in it.
   */
  v.strictObject({ type: v.literal('teach'), lang: v.optional(langCode) }),
  /** A student's answer to the question asked, for its current try. */
  v.strictObject({ type: v.literal('answer'), quiz: id, question: id, try: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), response: ResponseSchema }),
  /** Teacher: ask this question (the room moves to it) and open answering, in the deck's language. */
  v.strictObject({ type: v.literal('open'), quiz: id, question: id, lang: langCode }),
  /** Teacher: stop taking answers. */
  v.strictObject({ type: v.literal('close') }),
  /** Teacher: show everyone the answer and their verdict. */
  v.strictObject({ type: v.literal('reveal') }),
  /** Teacher: ask the same question again (a new try, after a discussion), if the quiz allows another. */
  v.strictObject({ type: v.literal('again') }),
]);

export type ClientMessage = v.InferOutput<typeof ClientMessageSchema>;
export type AnswerMessage = Extract<ClientMessage, { type: 'answer' }>;
export type TeacherAction = Extract<ClientMessage, { type: 'open' | 'close' | 'reveal' | 'again' }>;

/** A message from a browser, checked: the message, or why it is refused. */
export function readClientMessage(raw: string | Buffer): { message: ClientMessage } | { error: ErrorCode; detail: string } {
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
  if (size > MAX_CLIENT_MESSAGE) return { error: 'too-big', detail: `a message may hold ${MAX_CLIENT_MESSAGE} bytes; this one holds ${size}` };
  let data: unknown;
  try {
    data = JSON.parse(raw.toString());
  } catch {
    return { error: 'bad-message', detail: 'a message is one JSON object' };
  }
  const result = v.safeParse(ClientMessageSchema, data);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    return { error: 'bad-message', detail: `${path ? `${path}: ` : ''}${issue.message}` };
  }
  return { message: result.output as ClientMessage };
}

// ---------------------------------------------------------------- server → client

/** The question the room is on, as a student sees it: no key, no feedback. */
export interface AskedQuestion {
  quiz: string;
  question: string;
  try: number;
  /** Tries the quiz allows (0: as many as the teacher asks). */
  tries: number;
  /** Its place in the quiz, from 1, and the quiz's length. */
  number: number;
  total: number;
  /** The quiz's title, as the deck renders it (HTML). */
  title: string;
  /** The question's form as the deck renders it (HTML): prompt and controls, nothing of the key. */
  form: string;
  /** The order this student sees the choices in (ids only). */
  presentation: Presentation;
}

/** What a student sees once the teacher reveals: everything the self-study deck shows after a try. */
export interface Revealed {
  /** The question with its key and feedback texts. */
  question: Question;
  /** The quiz's settings the feedback needs. */
  quiz: { id: string; title: string; attempts: number; penalty: number; pass: number };
  /** The rendered HTML of the question's texts, keyed by `textKey` (as in the deck's payload). */
  html: Record<string, string>;
  /** The right answer in words (HTML). */
  answer: string;
  /** The graded answer of this student in this try, if they answered. */
  result?: GradeResult;
  /** Where the slide that teaches it is, as a title (students do not open the teacher's deck). */
  slideTitle?: string;
  /**
   * The student's form names choices, order items, match options and cloze choices by opaque
   * codes (authored ids would give the answer away): code → the id in `question`, so the page
   * can put the ids back and mark the answer with the deck's own code.
   */
  codes: Record<string, string>;
}

/** Sent to a student on joining and whenever the room changes. */
export interface StudentRoom {
  type: 'room';
  code: string;
  /** The deck's language: the page shows the question and its own words in it. */
  lang: string;
  phase: Phase;
  question?: AskedQuestion;
  /** This student's answer in this try, once the server has it. */
  answered?: { response: Response; at: string };
  reveal?: Revealed;
}

/** How many chose each answer: choice id (or `true`/`false`) → count; for typed and ordered answers, the answer as typed (cleaned) → count. */
export type Distribution = Record<string, number>;

/** Sent to the teacher on connecting and whenever the room changes (answers coalesced). */
export interface TeacherRoom {
  type: 'teacher';
  code: string;
  /** The address students open, and the same with the code (what the QR code holds). */
  joinUrl: string;
  joinUrlWithCode: string;
  lang: string;
  phase: Phase;
  question?: { quiz: string; question: string; try: number; tries: number };
  /** Students who have joined, are connected now, and have answered this try. */
  joined: number;
  connected: number;
  answered: number;
  /** Answers by choice, this try. */
  distribution: Distribution;
  /** How many answered right (fraction ≥ the engine's threshold), this try. */
  correct: number;
  /** Joined students by name (names as typed; the page escapes them), in order of joining, only when the roster changed. */
  roster?: { id: number; name: string; connected: boolean }[];
}

export interface Welcome {
  type: 'welcome';
  code: string;
  token: string;
  name: string;
}

export interface Answered {
  type: 'answered';
  quiz: string;
  question: string;
  try: number;
  /** How many had answered this try once this answer counted (the load test matches it to the teacher's count). */
  seq: number;
}

export interface ErrorMessage {
  type: 'error';
  code: ErrorCode;
  /** For a developer (English); the page shows its own words for `code`. */
  detail: string;
}

export type ServerMessage = StudentRoom | TeacherRoom | Welcome | Answered | ErrorMessage;

/** What the server puts in the deck page it serves the teacher. */
export interface TeacherConfig {
  code: string;
  joinUrl: string;
  joinUrlWithCode: string;
  /** The QR code of `joinUrlWithCode`, as SVG markup drawn by the server. */
  qrSvg: string;
}

/** What the server puts in the students' page. */
export interface StudentConfig {
  /** The class code when the address carried it (`/join?code=…`), or the only class running. */
  code?: string;
}
