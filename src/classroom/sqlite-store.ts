/**
 * The class store in one SQLite file (better-sqlite3): written ahead (WAL), so an answer is on
 * disk once `addAnswer` resolves and a server that stops, however it stops, restarts with every
 * answer it acknowledged. One writer: this is the store of one server (docs/classroom.md says
 * what several would need).
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { AnswerRecord, ClassRecord, ClassStore, RoomState, StudentRecord } from './store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS classes (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  secret TEXT NOT NULL,
  created TEXT NOT NULL,
  room TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS students (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  class_id TEXT NOT NULL REFERENCES classes(id),
  token TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  joined TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
  class_id TEXT NOT NULL REFERENCES classes(id),
  student_id INTEGER NOT NULL REFERENCES students(id),
  quiz TEXT NOT NULL,
  question TEXT NOT NULL,
  try INTEGER NOT NULL,
  response TEXT NOT NULL,
  fraction REAL NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (class_id, student_id, quiz, question, try)
);
`;

interface ClassRow { id: string; code: string; secret: string; created: string; room: string }
interface StudentRow { id: number; class_id: string; token: string; name: string; joined: string }
interface AnswerRow { class_id: string; student_id: number; quiz: string; question: string; try: number; response: string; fraction: number; at: string }

const toClass = (row: ClassRow | undefined): ClassRecord | undefined =>
  row && { id: row.id, code: row.code, secret: row.secret, created: row.created, room: JSON.parse(row.room) as RoomState };
const toStudent = (row: StudentRow): StudentRecord => ({ id: row.id, classId: row.class_id, token: row.token, name: row.name, joined: row.joined });
const toAnswer = (row: AnswerRow): AnswerRecord => ({
  classId: row.class_id,
  studentId: row.student_id,
  quiz: row.quiz,
  question: row.question,
  try: row.try,
  response: JSON.parse(row.response) as AnswerRecord['response'],
  fraction: row.fraction,
  at: row.at,
});

/** Opens (or creates) the store in `file`; the file is readable by its owner only (it holds names and the teacher's secret). */
export function openSqliteStore(file: string): ClassStore {
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  const fresh = !existsSync(path);
  const db = new Database(path);
  if (fresh) chmodSync(path, 0o600);
  db.pragma('journal_mode = WAL');
  // With WAL, NORMAL loses nothing when the process stops; only a power cut may lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  const q = {
    createClass: db.prepare('INSERT INTO classes (id, code, secret, created, room) VALUES (@id, @code, @secret, @created, @room)'),
    latestClass: db.prepare<[], ClassRow>('SELECT * FROM classes ORDER BY created DESC, rowid DESC LIMIT 1'),
    classByCode: db.prepare<[string], ClassRow>('SELECT * FROM classes WHERE code = ?'),
    saveRoom: db.prepare('UPDATE classes SET room = ? WHERE id = ?'),
    addStudent: db.prepare('INSERT INTO students (class_id, token, name, joined) VALUES (?, ?, ?, ?)'),
    students: db.prepare<[string], StudentRow>('SELECT * FROM students WHERE class_id = ? ORDER BY id'),
    addAnswer: db.prepare('INSERT OR IGNORE INTO answers (class_id, student_id, quiz, question, try, response, fraction, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    answers: db.prepare<[string], AnswerRow>('SELECT * FROM answers WHERE class_id = ? ORDER BY at, rowid'),
  };
  return {
    where: path,
    async createClass(record) {
      q.createClass.run({ ...record, room: JSON.stringify(record.room) });
    },
    async latestClass() {
      return toClass(q.latestClass.get());
    },
    async classByCode(code) {
      return toClass(q.classByCode.get(code));
    },
    async saveRoom(classId, room) {
      q.saveRoom.run(JSON.stringify(room), classId);
    },
    async addStudent(student) {
      const { lastInsertRowid } = q.addStudent.run(student.classId, student.token, student.name, student.joined);
      return { ...student, id: Number(lastInsertRowid) };
    },
    async students(classId) {
      return q.students.all(classId).map(toStudent);
    },
    async addAnswer(a) {
      const { changes } = q.addAnswer.run(a.classId, a.studentId, a.quiz, a.question, a.try, JSON.stringify(a.response), a.fraction, a.at);
      return changes === 1;
    },
    async answers(classId) {
      return q.answers.all(classId).map(toAnswer);
    },
    async close() {
      db.close();
    },
  };
}
