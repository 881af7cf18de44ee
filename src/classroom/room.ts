/**
 * A live class: where the room is (the question asked, its try, open, closed or revealed), who
 * has joined and every answer, graded by the quiz engine as it arrives. It keeps what it
 * decides in the store before saying so, and tells the connections through the channel that
 * something changed; the views it makes are all anyone is sent. Before the reveal a student's
 * view holds the question's form and nothing of its key.
 */
import { randomBytes } from 'node:crypto';
import {
  PROGRESS_VERSION,
  ResponseError,
  cleanName,
  createSession,
  grade,
  isCorrect,
  normaliseText,
  presentedOrder,
  serialise,
  shuffle,
  type Presentation,
  type Question,
  type Quiz,
  type Response,
  type Session,
} from '../quiz/index.ts';
import { questionSlideId, textKey } from '../shared/contract.ts';
import type { AnswerMessage, Distribution, ErrorCode, Revealed, StudentRoom, TeacherAction, TeacherRoom } from '../shared/classroom.ts';
import { questionCodec, type Codec } from './codec.ts';
import { findQuestion, questionTexts, studentForm, type DeckContent, type DeckLanguage } from './deck-content.ts';
import type { AnswerRecord, ClassRecord, ClassStore, RoomState, StudentRecord } from './store.ts';

/** A refusal with the code the pages translate and a detail for the developer. */
export interface Refusal {
  error: ErrorCode;
  detail: string;
}
const refuse = (error: ErrorCode, detail: string): Refusal => ({ error, detail });

/** Answers of one try of one question, and what they add up to. */
interface TryAnswers {
  byStudent: Map<number, AnswerRecord>;
  distribution: Distribution;
  correct: number;
}

/** What the connections are told: the room changed (everyone's view), or an answer came in (the teacher's count). */
export type RoomNews = { kind: 'room' } | { kind: 'answer' } | { kind: 'roster' };

const tryKey = (quiz: string, question: string, n: number) => `${quiz}/${question}/${n}`;
const askedKey = (quiz: string, question: string) => `${quiz}/${question}`;

/**
 * The order a student sees: the self-study deck's, except an order question's items. The deck
 * starts them in an order that earns nothing, which rules orders out: pooled across a room's
 * phones, that says where items belong. In class the items are simply shuffled (never into the
 * answer itself).
 */
export function classOrder(quiz: Quiz, question: Question, seed: string): Presentation {
  if (question.type !== 'order') return presentedOrder(quiz, question, seed);
  const ids = question.items.map((item) => item.id);
  if (ids.length < 2) return { type: 'order', items: ids };
  for (let draw = 0; ; draw++) {
    const items = shuffle(ids, draw ? `${seed}#${draw}` : seed);
    if (items.some((id, i) => id !== ids[i])) return { type: 'order', items };
  }
}

/** A new token: 24 random bytes, URL-safe. */
export const newToken = () => randomBytes(24).toString('base64url');

/**
 * The answers a response counts towards: choice ids, `true`/`false`, a typed answer cleaned as
 * the engine compares it, an order as its ids, a match or cloze as one `part=answer` each.
 */
export function distributionKeys(question: Question, response: Response): string[] {
  const r = response as unknown as Partial<Record<string, unknown>>;
  switch (question.type) {
    case 'single':
      return [String(r.choice)];
    case 'multiple':
      return (r.choices as string[]).map(String);
    case 'truefalse':
      return [String(r.value)];
    case 'numeric':
      return [String(r.value)];
    case 'text':
      return [normaliseText(String(r.text), question.caseSensitive)];
    case 'order':
      return [(r.order as string[]).join(' > ')];
    case 'match':
      return Object.entries(r.matches as Record<string, string>).map(([left, right]) => `${left}=${right}`);
    case 'cloze':
      return Object.entries(r.blanks as Record<string, string>).map(([blank, value]) => {
        const kind = question.blanks.find((b) => b.id === blank)?.kind;
        return `${blank}=${kind === 'text' ? normaliseText(value) : value}`;
      });
    default:
      return question satisfies never;
  }
}

export class ClassRoom {
  readonly record: ClassRecord;
  private readonly students = new Map<number, StudentRecord>();
  private readonly byToken = new Map<string, StudentRecord>();
  private readonly tries = new Map<string, TryAnswers>();
  /** A question's form in one order, made once: a class of a thousand shares a few dozen orders. */
  private readonly arranged = new Map<string, StudentRoom['question']>();

  private constructor(
    record: ClassRecord,
    private readonly store: ClassStore,
    private readonly content: DeckContent,
    private readonly notify: (news: RoomNews) => void,
  ) {
    this.record = record;
  }

  /** A class as the store keeps it, with its students and answers: after a restart, exactly where it was. */
  static async open(record: ClassRecord, store: ClassStore, content: DeckContent, notify: (news: RoomNews) => void): Promise<ClassRoom> {
    const room = new ClassRoom(record, store, content, notify);
    for (const student of await store.students(record.id)) room.remember(student);
    for (const answer of await store.answers(record.id)) room.count(answer);
    return room;
  }

  get state(): RoomState {
    return this.record.room;
  }

  get code(): string {
    return this.record.code;
  }

  private remember(student: StudentRecord): void {
    this.students.set(student.id, student);
    this.byToken.set(student.token, student);
  }

  private language(lang = this.state.lang): DeckLanguage {
    return this.content.languages.get(lang) ?? this.content.languages.get(this.content.defaultLang)!;
  }

  private tryAnswers(key: string): TryAnswers {
    let answers = this.tries.get(key);
    if (!answers) this.tries.set(key, (answers = { byStudent: new Map(), distribution: {}, correct: 0 }));
    return answers;
  }

  /** Adds an answer to its try's count and distribution. */
  private count(answer: AnswerRecord): TryAnswers {
    const answers = this.tryAnswers(tryKey(answer.quiz, answer.question, answer.try));
    answers.byStudent.set(answer.studentId, answer);
    const found = findQuestion(this.language(), answer.quiz, answer.question);
    if (found) for (const key of distributionKeys(found.question, answer.response)) answers.distribution[key] = (answers.distribution[key] ?? 0) + 1;
    if (isCorrect(answer.fraction)) answers.correct++;
    return answers;
  }

  /** The question asked now and its try, if answering has been opened on one. */
  private asked(): { quiz: string; question: string; try: number } | undefined {
    const current = this.state.current;
    const asked = current && this.state.asked[askedKey(current.quiz, current.question)];
    return current && asked ? { ...current, try: asked.try } : undefined;
  }

  private async setState(change: (room: RoomState) => RoomState): Promise<void> {
    const next = change(this.state);
    await this.store.saveRoom(this.record.id, next);
    this.record.room = next;
    this.notify({ kind: 'room' });
  }

  /** Whether a token is a student's of this class. */
  knows(token: string): boolean {
    return this.byToken.has(token);
  }

  studentOf(token: string): StudentRecord | undefined {
    return this.byToken.get(token);
  }

  /** How many students have joined. */
  get size(): number {
    return this.students.size;
  }

  /** A student joins, or comes back with their token; a token the class does not know joins anew. */
  async join(token: string | undefined, name: string | undefined, now: Date): Promise<StudentRecord> {
    const known = token === undefined ? undefined : this.byToken.get(token);
    if (known) return known;
    const student = await this.store.addStudent({ classId: this.record.id, token: newToken(), name: cleanName(name ?? ''), joined: now.toISOString() });
    this.remember(student);
    this.notify({ kind: 'roster' });
    return student;
  }

  /** A student's answer to the question asked: graded, kept, counted; or why not. */
  async answer(studentId: number, message: AnswerMessage, now: Date): Promise<{ seq: number } | Refusal> {
    const asked = this.asked();
    if (!asked || asked.quiz !== message.quiz || asked.question !== message.question || asked.try !== message.try) {
      return refuse('wrong-question', 'the room is on another question or try');
    }
    if (this.state.phase !== 'open') return refuse('closed', 'answering is closed');
    const found = findQuestion(this.language(), message.quiz, message.question);
    if (!found) return refuse('wrong-question', 'the deck has no such question');
    // The form names choices by codes: an answer in anything else (the authored ids) is no answer.
    const response = this.codec(found.quiz, found.question).decode(message.response as Response);
    if (!response) return refuse('bad-response', 'the answer names a choice the form does not have');
    let fraction: number;
    try {
      fraction = grade(found.question, response).fraction;
    } catch (error) {
      // The engine's message names the question's real ids: a student is told only that it does not fit.
      if (error instanceof ResponseError) return refuse('bad-response', 'the answer does not fit the question');
      throw error;
    }
    const key = tryKey(asked.quiz, asked.question, asked.try);
    if (this.tryAnswers(key).byStudent.has(studentId)) return refuse('already-answered', 'one answer per try');
    const record: AnswerRecord = { classId: this.record.id, studentId, quiz: asked.quiz, question: asked.question, try: asked.try, response, fraction, at: now.toISOString() };
    if (!(await this.store.addAnswer(record))) return refuse('already-answered', 'one answer per try');
    const counted = this.count(record);
    this.notify({ kind: 'answer' });
    return { seq: counted.byStudent.size };
  }

  /** A question's codes in this class (see codec.ts). */
  private codec(quiz: Quiz, question: Question): Codec {
    return questionCodec(this.record.secret, quiz.id, question);
  }

  /** The teacher's deck is in `lang`: a class in its lobby follows it (phones that join show it). */
  async teach(lang: string | undefined): Promise<void> {
    if (lang && this.state.phase === 'lobby' && lang !== this.state.lang && this.content.languages.has(lang)) await this.setState((room) => ({ ...room, lang }));
  }

  /** A teacher's action: the room moves, opens, closes, reveals or asks again; or why not. */
  async act(action: TeacherAction): Promise<Refusal | undefined> {
    const asked = this.asked();
    switch (action.type) {
      case 'open': {
        const language = this.content.languages.get(action.lang);
        if (!language) return refuse('bad-message', `the deck has no language "${action.lang}"`);
        const found = findQuestion(language, action.quiz, action.question);
        if (!found) return refuse('wrong-question', `the deck has no question ${action.quiz}/${action.question}`);
        const key = askedKey(action.quiz, action.question);
        const before = this.state.asked[key];
        // A question left open when the room moves on is closed: its answers are in.
        const leaving = (asked: RoomState['asked']) => {
          const current = this.state.current && askedKey(this.state.current.quiz, this.state.current.question);
          const left = current && current !== key ? asked[current] : undefined;
          return left?.phase === 'open' ? { ...asked, [current!]: { ...left, phase: 'closed' as const } } : asked;
        };
        const current = { quiz: action.quiz, question: action.question };
        // A revealed question is over: the room goes back to it as it was, answer shown, and it is not asked again.
        if (before?.phase === 'revealed') {
          await this.setState((room) => ({ ...room, lang: action.lang, phase: 'revealed', current, asked: leaving(room.asked) }));
          return undefined;
        }
        const n = before?.try ?? 1;
        await this.setState((room) => ({ ...room, lang: action.lang, phase: 'open', current, asked: { ...leaving(room.asked), [key]: { try: n, phase: 'open' } } }));
        return undefined;
      }
      case 'close':
      case 'reveal': {
        if (!asked) return refuse('wrong-question', 'no question has been asked');
        const phase = action.type === 'close' ? 'closed' : 'revealed';
        if (this.state.phase === 'revealed' || (phase === 'closed' && this.state.phase !== 'open')) return undefined;
        await this.setState((room) => ({ ...room, phase, asked: { ...room.asked, [askedKey(asked.quiz, asked.question)]: { try: asked.try, phase } } }));
        return undefined;
      }
      case 'again': {
        if (!asked) return refuse('wrong-question', 'no question has been asked');
        if (this.state.phase === 'open') return refuse('not-allowed', 'close answering before asking again');
        // Once the answer is out, another try would only test who read it.
        if (this.state.phase === 'revealed') return refuse('not-allowed', 'the answer has been revealed');
        const found = findQuestion(this.language(), asked.quiz, asked.question)!;
        if (found.quiz.attempts > 0 && asked.try >= found.quiz.attempts) return refuse('no-tries-left', `the quiz allows ${found.quiz.attempts} tries`);
        await this.setState((room) => ({ ...room, phase: 'open', asked: { ...room.asked, [askedKey(asked.quiz, asked.question)]: { try: asked.try + 1, phase: 'open' } } }));
        return undefined;
      }
      default:
        return action satisfies never;
    }
  }

  /** What one student sees now. */
  studentView(studentId: number): StudentRoom {
    const base: StudentRoom = { type: 'room', code: this.code, lang: this.state.lang, phase: this.state.phase };
    const asked = this.asked();
    if (!asked) return base;
    const language = this.language();
    const found = findQuestion(language, asked.quiz, asked.question);
    const template = language.forms.get(questionSlideId(asked.quiz, asked.question));
    if (!found || !template) return base;
    const { quiz, question } = found;
    const presentation = classOrder(quiz, question, `${this.record.id}:${studentId}`);
    const key = `${language.lang}/${tryKey(asked.quiz, asked.question, asked.try)}/${JSON.stringify(presentation)}`;
    let shown = this.arranged.get(key);
    if (!shown) {
      const arranged = studentForm(template, presentation, this.codec(quiz, question).code);
      shown = {
        quiz: quiz.id,
        question: question.id,
        try: asked.try,
        tries: quiz.attempts,
        number: quiz.questions.indexOf(question) + 1,
        total: quiz.questions.length,
        title: language.titles.get(quiz.id) ?? '',
        form: arranged.form,
        presentation: arranged.presentation,
      };
      this.arranged.set(key, shown);
    }
    const mine = this.tries.get(tryKey(asked.quiz, asked.question, asked.try))?.byStudent.get(studentId);
    const view: StudentRoom = {
      ...base,
      question: shown,
      ...(mine ? { answered: { response: this.codec(quiz, question).encode(mine.response), at: mine.at } } : {}),
    };
    if (this.state.phase === 'revealed') view.reveal = this.revealed(language, quiz, question, mine);
    return view;
  }

  private revealed(language: DeckLanguage, quiz: Quiz, question: Question, mine: AnswerRecord | undefined): Revealed {
    const html: Record<string, string> = {};
    for (const text of questionTexts(question)) {
      const key = textKey(text);
      if (language.payload.html[key] !== undefined) html[key] = language.payload.html[key];
    }
    const slide = question.slide ? language.payload.slides[question.slide] : undefined;
    const codes = this.codec(quiz, question).table();
    return {
      question,
      quiz: { id: quiz.id, title: quiz.title, attempts: quiz.attempts, penalty: quiz.penalty, pass: quiz.pass },
      html,
      answer: language.payload.answers[questionSlideId(quiz.id, question.id)] ?? '',
      ...(mine ? { result: grade(question, mine.response) } : {}),
      ...(slide ? { slideTitle: slide.title } : {}),
      codes,
    };
  }

  /** What the teacher sees now; `connected` are the students with a connection open. */
  teacherView(connected: ReadonlySet<number>, join: { joinUrl: string; joinUrlWithCode: string }, withRoster: boolean): TeacherRoom {
    const asked = this.asked();
    const answers = asked ? this.tries.get(tryKey(asked.quiz, asked.question, asked.try)) : undefined;
    const found = asked && findQuestion(this.language(), asked.quiz, asked.question);
    return {
      type: 'teacher',
      code: this.code,
      ...join,
      lang: this.state.lang,
      phase: this.state.phase,
      ...(asked ? { question: { ...asked, tries: found ? found.quiz.attempts : 0 } } : {}),
      joined: this.students.size,
      connected: connected.size,
      answered: answers?.byStudent.size ?? 0,
      distribution: { ...(answers?.distribution ?? {}) },
      correct: answers?.correct ?? 0,
      ...(withRoster ? { roster: [...this.students.values()].map((s) => ({ id: s.id, name: s.name, connected: connected.has(s.id) })) } : {}),
    };
  }

  /**
   * Every student's results as the self-study deck writes its results file (JSON): one session
   * per quiz answered, each try in order. The tries of a question are the class's tries of it.
   */
  results(exported: string): { name: string; sessions: Session[]; file: Record<string, unknown> }[] {
    const quizzes = this.content.languages.get(this.content.defaultLang)!.payload.quizzes;
    const byStudent = new Map<number, AnswerRecord[]>();
    for (const answers of this.tries.values()) for (const a of answers.byStudent.values()) byStudent.set(a.studentId, [...(byStudent.get(a.studentId) ?? []), a]);
    return [...this.students.values()].map((student) => {
      const answers = (byStudent.get(student.id) ?? []).sort((a, b) => a.try - b.try || a.at.localeCompare(b.at));
      const learner = `class-${this.code}-${student.id}`;
      const sessions = quizzes.flatMap((quiz) => {
        const mine = answers.filter((a) => a.quiz === quiz.id);
        if (!mine.length) return [];
        const session = createSession(quiz, learner, new Date(mine[0]!.at));
        for (const a of mine) (session.progress[a.question] ??= { tries: [] }).tries.push({ at: a.at, response: a.response, fraction: a.fraction });
        return [session];
      });
      const file = {
        version: PROGRESS_VERSION,
        sessions: Object.fromEntries(sessions.map((s) => [s.quizId, serialise(s)])),
        shown: {},
        ...(student.name ? { name: student.name } : {}),
        learner,
        exportedAt: exported,
      };
      return { name: student.name || `#${student.id}`, sessions, file };
    });
  }
}
