// @vitest-environment jsdom
/**
 * The students' page of a live class, driven without the server: a fake WebSocket plays the
 * server with real `room` messages built from a quiz of `quizzes/` and the form markup the deck's
 * renderer writes for it. Join, a question, the exact answer message, the reveal with the deck's
 * verdict, a dropped connection that sends the unacknowledged answer again, and a room in
 * another language that takes the page to it.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMarkdown } from '../../../src/deck/render-markdown.ts';
import { renderQuizStack, type QuizRenderContext } from '../../../src/deck/render-quiz.ts';
import { ENGLISH } from '../../../src/i18n/english.ts';
import { createStrings } from '../../../src/i18n/strings.ts';
import { grade, parseQuizBank, presentedOrder, type Question, type Quiz, type Response } from '../../../src/quiz/index.ts';
import { ERROR_CODES, studentTokenKey, type AskedQuestion, type Phase, type Revealed, type ServerMessage, type StudentRoom } from '../../../src/shared/classroom.ts';
import { questionSlideId } from '../../../src/shared/contract.ts';
import { backOff } from '../../../src/ui/classroom/student-connection.ts';
import { startStudentPage } from '../../../src/ui/classroom/student-page.ts';

const t = createStrings(ENGLISH);
const CODE = 'K7QF2';
const TOKEN = 'tok_0123456789abcdef';
const LEARNER = 'student-7';

// ------------------------------------------------------------------ a real quiz, rendered by the deck

const FILE = 'quizzes/final-review.yaml';
const quiz: Quiz = parseQuizBank(readFileSync(FILE, 'utf8'), FILE);
const ctx: QuizRenderContext = { md: createMarkdown({ root: process.cwd() }), t, issues: [], slides: {}, html: {}, answers: {} };
const rendered = (() => {
  const template = document.createElement('template');
  template.innerHTML = renderQuizStack({ quiz, file: FILE }, ctx);
  return template.content;
})();
const question = (id: string): Question => quiz.questions.find((q) => q.id === id)!;

const SINGLE = 'final-lifeblood-meaning';
const ORDER = 'final-pillar-order';

/** The question as the server sends it to one student: the deck's form, no key. */
function asked(id: string, tryNumber = 1): AskedQuestion {
  const q = question(id);
  const slide = rendered.getElementById(questionSlideId(quiz.id, id))!;
  return {
    quiz: quiz.id,
    question: id,
    try: tryNumber,
    tries: quiz.attempts,
    number: quiz.questions.indexOf(q) + 1,
    total: quiz.questions.length,
    title: slide.querySelector('.quiz-title')!.innerHTML,
    form: slide.querySelector('form')!.outerHTML,
    presentation: presentedOrder(quiz, q, LEARNER),
  };
}

function revealed(id: string, response?: Response): Revealed {
  const q = question(id);
  return {
    question: q,
    quiz: { id: quiz.id, title: quiz.title, attempts: quiz.attempts, penalty: quiz.penalty, pass: quiz.pass },
    html: ctx.html,
    answer: ctx.answers[questionSlideId(quiz.id, id)]!,
    result: response ? grade(q, response as never) : undefined,
    slideTitle: 'Why manufacturing matters',
    // These forms carry the deck's own ids (the server's codes are tested with the server).
    codes: {},
  };
}

const room = (phase: Phase, extra: Partial<StudentRoom> = {}): StudentRoom => ({ type: 'room', code: CODE, lang: 'en', phase, ...extra });

// ------------------------------------------------------------------ the fakes

class FakeSocket {
  readyState = 0;
  readonly sent: unknown[] = [];
  readonly #listeners = new Map<string, ((event: { data?: unknown }) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: { data?: unknown }) => void) {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  #emit(type: string, event: { data?: unknown } = {}) {
    for (const listener of this.#listeners.get(type) ?? []) listener(event);
  }
  /** The server accepts the connection. */
  open() {
    this.readyState = 1;
    this.#emit('open');
  }
  receive(message: ServerMessage) {
    this.#emit('message', { data: JSON.stringify(message) });
  }
  /** The connection is lost (a phone asleep, a server restarting). */
  drop() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.#emit('close');
  }
}

function memory(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
}

/** Pages started by a test, stopped before the next (each listens to the document). */
const running: { stop(): void }[] = [];

function start(stored: Record<string, string> = {}) {
  document.documentElement.lang = 'en';
  document.body.innerHTML = `<script type="application/json" id="kit-classroom-student">{"code":"${CODE}"}</script><main id="kit-student"></main>`;
  const sockets: FakeSocket[] = [];
  const waits: { run: () => void; ms: number }[] = [];
  const storage = memory(stored);
  const location = { protocol: 'http:', host: 'class.local:8080', assign: vi.fn() };
  const page = startStudentPage({
    doc: document,
    t,
    socket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    storage,
    location: location as never,
    timers: { setTimeout: (run, ms) => waits.push({ run, ms }), clearTimeout: () => undefined },
  });
  running.push(page);
  const socket = () => sockets.at(-1)!;
  return { sockets, socket, waits, storage, location };
}

const $ = <E extends Element = HTMLElement>(selector: string) => document.querySelector<E>(selector)!;
const text = (selector: string) => $(selector).textContent?.replace(/\s+/g, ' ').trim() ?? '';
const form = () => $<HTMLFormElement>('.student-question form');
const feedback = () => text('.student-question .quiz-feedback');
const choiceIds = () => [...form().querySelectorAll<HTMLInputElement>('input[type=radio]')].map((i) => i.value);
const pick = (id: string) => form().querySelectorAll<HTMLInputElement>('input[type=radio]').forEach((i) => (i.checked = i.value === id));
const sendButton = () => form().querySelector<HTMLButtonElement>('[data-action="check"]')!;
const locked = () => [...form().querySelectorAll<HTMLInputElement>('fieldset input')].every((i) => i.disabled);
const rightChoice = (id: string) => {
  const q = question(id);
  return q.type === 'single' ? q.choices.find((c) => c.correct)!.id : '';
};

/** Joined with a stored token, on the first socket, with the room's first message given. */
function joined(first: StudentRoom) {
  const page = start({ [studentTokenKey(CODE)]: TOKEN });
  page.socket().open();
  page.socket().receive({ type: 'welcome', code: CODE, token: TOKEN, name: 'Ana' });
  page.socket().receive(first);
  return page;
}

beforeEach(() => {
  running.splice(0).forEach((page) => page.stop());
  document.body.innerHTML = '';
});

// ------------------------------------------------------------------ the tests

describe('the students’ page', () => {
  it('joins: the code prefilled, the name optional; the welcome stores the token and says who joined, escaped', () => {
    const { socket, sockets, storage } = start();
    expect($('h1').textContent).toBe('Class K7QF2');
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect($<HTMLInputElement>('#student-code').value).toBe(CODE);
    expect(text('label[for="student-name"]')).toBe('Your name (optional)');
    expect(sockets).toHaveLength(0);

    $<HTMLInputElement>('#student-name').value = '  Ana <b>bold</b> ';
    $<HTMLFormElement>('.student-join form').requestSubmit();
    expect(socket().url).toBe('ws://class.local:8080/classroom/ws');
    expect(text('.student-connection')).toBe('Connecting…');
    socket().open();
    expect(socket().sent).toEqual([{ type: 'join', code: CODE, name: 'Ana <b>bold</b>' }]);

    socket().receive({ type: 'welcome', code: CODE, token: TOKEN, name: 'Ana <b>bold</b>' });
    expect(storage.data.get(studentTokenKey(CODE))).toBe(TOKEN);
    expect($('.student-join').hidden).toBe(true);
    socket().receive(room('lobby'));
    expect(text('.student-status')).toBe("You're in, Ana <b>bold</b>. Wait for your teacher's question.");
    expect($('.student-status').getAttribute('aria-live')).toBe('polite');
    expect(document.querySelector('.student-status b')).toBeNull();
  });

  it('shows the server’s refusal in words: a wrong code marks the code’s field', () => {
    const { socket } = start();
    $<HTMLInputElement>('#student-code').value = 'zz9 99';
    $<HTMLFormElement>('.student-join form').requestSubmit();
    socket().open();
    expect(socket().sent).toEqual([{ type: 'join', code: 'ZZ999' }]);
    socket().receive({ type: 'error', code: 'unknown-class', detail: 'no class ZZ999' });
    expect(text('.student-join-error')).toBe('There is no class with this code. Check the code your teacher shows.');
    expect($('#student-code').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe($('#student-code'));
  });

  it('refuses a code that cannot be one before asking the server', () => {
    const { sockets } = start();
    $<HTMLInputElement>('#student-code').value = 'K7Q';
    $<HTMLFormElement>('.student-join form').requestSubmit();
    expect(sockets).toHaveLength(0);
    expect(text('.student-join-error')).toBe('A class code has 5 characters (letters and digits), such as K7QF2.');
  });

  it('has words for every error code in both languages', () => {
    const zh = JSON.parse(readFileSync('assets/i18n/zh.json', 'utf8')) as Record<string, string>;
    for (const code of ERROR_CODES) {
      expect(ENGLISH[`classroom.error.${code}`], code).toBeTruthy();
      expect(zh[`classroom.error.${code}`], code).toBeTruthy();
    }
  });

  it('a question: title, number, the choices in the presented order, the deck’s buttons gone; Send answer sends the exact message, then locks', () => {
    const { socket } = joined(room('open', { question: asked(SINGLE) }));
    expect(text('#student-question-heading')).toBe(`${quiz.title} Question ${quiz.questions.findIndex((q) => q.id === SINGLE) + 1} of ${quiz.questions.length}`);
    expect(document.activeElement).toBe($('#student-question-heading'));
    const presentation = presentedOrder(quiz, question(SINGLE), LEARNER);
    expect(choiceIds()).toEqual(presentation.type === 'single' ? presentation.choices : []);
    expect(sendButton().textContent).toBe('Send answer');
    expect(form().querySelector('[data-action="hint"], [data-action="retry"], [data-action="show"], .quiz-hint')).toBeNull();

    form().requestSubmit();
    expect(feedback()).toContain('Answer the question first, then press Send answer.');
    expect(socket().sent).toHaveLength(1);

    const choice = rightChoice(SINGLE);
    pick(choice);
    form().requestSubmit();
    expect(socket().sent.at(-1)).toEqual({ type: 'answer', quiz: quiz.id, question: SINGLE, try: 1, response: { choice } });
    expect(locked()).toBe(true);
    expect(sendButton().hidden).toBe(true);
    expect(feedback()).toContain('Sending your answer…');

    socket().receive({ type: 'answered', quiz: quiz.id, question: SINGLE, try: 1, seq: 3 });
    expect(feedback()).toContain('Answer sent — wait for the teacher.');
    // The answer stays in view.
    expect(form().querySelector<HTMLInputElement>(`input[value="${choice}"]`)!.checked).toBe(true);
  });

  it('the reveal shows the deck’s verdict and feedback; the room closing first says so to one who did not answer', () => {
    const { socket } = joined(room('open', { question: asked(SINGLE) }));
    const choice = rightChoice(SINGLE);
    pick(choice);
    form().requestSubmit();
    socket().receive({ type: 'answered', quiz: quiz.id, question: SINGLE, try: 1, seq: 1 });
    const answered = { response: { choice }, at: '2026-03-01T09:00:00Z' };
    socket().receive(room('closed', { question: asked(SINGLE), answered }));
    expect(feedback()).toContain('Answer sent — wait for the teacher.');
    socket().receive(room('revealed', { question: asked(SINGLE), answered, reveal: revealed(SINGLE, { choice }) }));
    expect(form().dataset.result).toBe('correct');
    expect(feedback()).toContain('Correct');
    expect(feedback()).toContain('Why:');
    expect(feedback()).toContain('Review the slide: Why manufacturing matters');
    expect(form().querySelector(`[data-choice-id="${choice}"]`)!.getAttribute('data-verdict')).toBe('right');
    expect(locked()).toBe(true);

    // Another phone, which never answered before the room closed.
    const other = joined(room('open', { question: asked(SINGLE) }));
    other.socket().receive(room('closed', { question: asked(SINGLE) }));
    expect(feedback()).toContain('Answering is closed.');
    expect(locked()).toBe(true);
    other.socket().receive(room('revealed', { question: asked(SINGLE), reveal: revealed(SINGLE) }));
    expect(feedback()).toContain('You did not answer this question.');
    expect(feedback()).toContain('The answer: It carries the rest of the economy');
    expect(feedback()).toContain('Why:');
  });

  it('a wrong answer revealed: the verdict, the choice’s feedback and the right answer in words', () => {
    const { socket } = joined(room('open', { question: asked(SINGLE) }));
    const q = question(SINGLE);
    const wrong = q.type === 'single' ? q.choices.find((c) => !c.correct)! : undefined!;
    pick(wrong.id);
    form().requestSubmit();
    const answered = { response: { choice: wrong.id }, at: '2026-03-01T09:00:00Z' };
    socket().receive(room('revealed', { question: asked(SINGLE), answered, reveal: revealed(SINGLE, { choice: wrong.id }) }));
    expect(feedback()).toMatch(/^✗ Not correct · 0 of 1 point\s*The answer: It carries the rest of the economy/);
    expect(feedback()).toContain(wrong.feedback!.slice(0, 40));
    expect(feedback()).not.toContain('tries left');
    expect(form().querySelector(`[data-choice-id="${wrong.id}"]`)!.getAttribute('data-verdict')).toBe('wrong');
  });

  it('reconnects with back-off, rejoins with the token and sends an unacknowledged answer again; what was typed is kept', () => {
    const { socket, sockets, waits } = joined(room('open', { question: asked(SINGLE) }));
    const before = form();
    const choice = rightChoice(SINGLE);
    pick(choice);
    form().requestSubmit();
    const answer = socket().sent.at(-1);

    socket().drop();
    expect(text('.student-connection')).toBe('Reconnecting…');
    expect(waits.map((w) => w.ms)).toEqual([backOff(0)]);
    waits.shift()!.run();
    // The server is still down: the next wait is longer.
    socket().drop();
    waits.shift()!.run();
    expect(sockets).toHaveLength(3);
    expect([backOff(0), backOff(1), backOff(5)]).toEqual([500, 1000, 5000]);

    socket().open();
    expect(text('.student-connection')).toBe('');
    expect(socket().sent).toEqual([{ type: 'join', code: CODE, token: TOKEN }]);
    socket().receive({ type: 'welcome', code: CODE, token: TOKEN, name: 'Ana' });
    socket().receive(room('open', { question: asked(SINGLE) }));
    expect(socket().sent.at(-1)).toEqual(answer);
    expect(form()).toBe(before);
    expect(form().querySelector<HTMLInputElement>(`input[value="${choice}"]`)!.checked).toBe(true);

    // Dropped again after the server had it: the room says so, nothing is sent twice.
    socket().drop();
    waits.shift()!.run();
    socket().open();
    socket().receive({ type: 'welcome', code: CODE, token: TOKEN, name: 'Ana' });
    socket().receive(room('open', { question: asked(SINGLE), answered: { response: { choice }, at: '2026-03-01T09:00:00Z' } }));
    expect(socket().sent).toEqual([{ type: 'join', code: CODE, token: TOKEN }]);
    expect(feedback()).toContain('Answer sent — wait for the teacher.');
  });

  it('a reconnect while answering keeps what was typed and does not redraw the form', () => {
    const { socket, waits } = joined(room('open', { question: asked(SINGLE) }));
    const before = form();
    pick(rightChoice(SINGLE));
    socket().drop();
    waits.shift()!.run();
    socket().open();
    socket().receive(room('open', { question: asked(SINGLE) }));
    expect(form()).toBe(before);
    expect(form().querySelector<HTMLInputElement>(`input[value="${rightChoice(SINGLE)}"]`)!.checked).toBe(true);
    expect(locked()).toBe(false);
  });

  it('a refused answer is said in words: the controls open again when sending again can help', () => {
    const { socket } = joined(room('open', { question: asked(SINGLE) }));
    pick(rightChoice(SINGLE));
    form().requestSubmit();
    socket().receive({ type: 'error', code: 'rate-limited', detail: 'slow down' });
    expect(feedback()).toContain("You're sending too fast. Wait a moment, then send again.");
    expect(locked()).toBe(false);
    form().requestSubmit();
    socket().receive({ type: 'error', code: 'closed', detail: 'closed' });
    expect(feedback()).toContain('Answering is closed: your answer came too late.');
    expect(locked()).toBe(true);
    expect(sendButton().hidden).toBe(true);
  });

  it('a new try of the same question opens the controls again with the last answer in them', () => {
    const { socket } = joined(room('open', { question: asked(SINGLE) }));
    const choice = rightChoice(SINGLE);
    pick(choice);
    form().requestSubmit();
    socket().receive({ type: 'answered', quiz: quiz.id, question: SINGLE, try: 1, seq: 1 });
    socket().receive(room('closed', { question: asked(SINGLE), answered: { response: { choice }, at: '2026-03-01T09:00:00Z' } }));
    socket().receive(room('open', { question: asked(SINGLE, 2) }));
    expect(locked()).toBe(false);
    expect(sendButton().hidden).toBe(false);
    expect(feedback()).toContain('Try 2: change your answer');
    expect(form().querySelector<HTMLInputElement>(`input[value="${choice}"]`)!.checked).toBe(true);
    form().requestSubmit();
    expect(socket().sent.at(-1)).toEqual({ type: 'answer', quiz: quiz.id, question: SINGLE, try: 2, response: { choice } });
  });

  it('an order question starts in the presented order, moves with the deck’s buttons and refuses the untouched order', () => {
    const { socket } = joined(room('open', { question: asked(ORDER) }));
    const presentation = presentedOrder(quiz, question(ORDER), LEARNER);
    const items = () => [...form().querySelectorAll<HTMLElement>('[data-item-id]')].map((li) => li.dataset.itemId);
    expect(items()).toEqual(presentation.type === 'order' ? presentation.items : []);
    form().requestSubmit();
    expect(feedback()).toContain('Put the items in order first');
    form().querySelectorAll<HTMLButtonElement>('[data-move="down"]')[0]!.click();
    expect(feedback()).toMatch(/is now number 2 of 5/);
    form().requestSubmit();
    expect(socket().sent.at(-1)).toMatchObject({ type: 'answer', question: ORDER, response: { order: items() } });
  });

  it('a room in another language takes the page to it (the token stays stored)', () => {
    const page = start({ [studentTokenKey(CODE)]: TOKEN });
    page.socket().open();
    page.socket().receive({ type: 'welcome', code: CODE, token: TOKEN, name: '' });
    page.socket().receive({ ...room('lobby'), lang: 'zh' });
    expect(page.location.assign).toHaveBeenCalledWith('/join?code=K7QF2&lang=zh');
    expect(page.storage.data.get(studentTokenKey(CODE))).toBe(TOKEN);
    expect(page.waits).toHaveLength(0);
  });
});
