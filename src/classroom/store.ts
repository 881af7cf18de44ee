/**
 * Where a class is kept: its room, its students and every answer. The session logic
 * (`room.ts`) speaks only to this interface, so a second backend (PostgreSQL for classes spread
 * over several servers: see docs/classroom.md) is a new class, not a change to the logic. Every
 * method is asynchronous for that reason, though SQLite answers at once.
 */
import type { Phase } from '../shared/classroom.ts';
import type { Response } from '../quiz/index.ts';

/** Where the room is: the question asked, its try and phase, and every question's last try. */
export interface RoomState {
  phase: Phase;
  lang: string;
  current?: { quiz: string; question: string };
  /** `quiz/question` → its latest try and where that try is. */
  asked: Record<string, { try: number; phase: Exclude<Phase, 'lobby'> }>;
}

export interface ClassRecord {
  id: string;
  /** The join code students type. */
  code: string;
  /** The teacher's secret (the teacher link's key). */
  secret: string;
  /** ISO 8601 time. */
  created: string;
  room: RoomState;
}

export interface StudentRecord {
  id: number;
  classId: string;
  token: string;
  /** As typed and cleaned ('' when the student joined without a name). */
  name: string;
  joined: string;
}

export interface AnswerRecord {
  classId: string;
  studentId: number;
  quiz: string;
  question: string;
  try: number;
  response: Response;
  /** What the engine gave it, before any penalty. */
  fraction: number;
  at: string;
}

export interface ClassStore {
  /** Where the data is, in words (a file path). */
  readonly where: string;
  createClass(record: ClassRecord): Promise<void>;
  /** The class made last, if any. */
  latestClass(): Promise<ClassRecord | undefined>;
  classByCode(code: string): Promise<ClassRecord | undefined>;
  saveRoom(classId: string, room: RoomState): Promise<void>;
  addStudent(student: Omit<StudentRecord, 'id'>): Promise<StudentRecord>;
  students(classId: string): Promise<StudentRecord[]>;
  /**
   * Keeps an answer unless the student has one for that try already: `false` then, and the
   * first one stands. Resolves only once the answer is safely written.
   */
  addAnswer(answer: AnswerRecord): Promise<boolean>;
  answers(classId: string): Promise<AnswerRecord[]>;
  close(): Promise<void>;
}
