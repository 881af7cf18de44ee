// @vitest-environment jsdom
/**
 * The teacher's class panel without the server: a quiz rendered as the build renders it, the
 * page's config, a fake socket, and the `TeacherRoom` messages the server would send.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createMarkdown } from '../../../src/deck/render-markdown.ts';
import { renderQuizStack, type QuizRenderContext } from '../../../src/deck/render-quiz.ts';
import { ENGLISH } from '../../../src/i18n/english.ts';
import { createStrings } from '../../../src/i18n/strings.ts';
import type { Quiz } from '../../../src/quiz/index.ts';
import { CLASSROOM_CONFIG_ID, CLASSROOM_WS, type TeacherConfig, type TeacherRoom } from '../../../src/shared/classroom.ts';
import type { QuizPayload } from '../../../src/shared/contract.ts';
import { createTeacherPanel, readTeacherConfig, TEACHER_CONFIG_ID, type TeacherPanel } from '../../../src/ui/classroom/teacher-panel.ts';
import { socketUrl, TEACHER_WS_PATH, type SocketLike } from '../../../src/ui/classroom/teacher-socket.ts';
import { safeSvg } from '../../../src/ui/classroom/teacher-view.ts';
import { createProgressStore } from '../../../src/ui/progress-store.ts';
import { createQuizView } from '../../../src/ui/quiz-view.ts';

const t = createStrings(ENGLISH);
const EVIL = '<img src=x onerror="alert(1)">';

const quiz: Quiz = {
  id: 'review',
  title: 'Review',
  pass: 0.7,
  shuffle: false,
  attempts: 2,
  penalty: 0,
  questions: [
    {
      id: 'pick',
      type: 'single',
      points: 1,
      prompt: 'Which?',
      choices: [
        { id: 'c', text: 'Third', correct: false },
        { id: 'a', text: 'First', correct: true },
        { id: 'b', text: 'Second', correct: false },
      ],
    },
    { id: 'typed', type: 'text', points: 1, prompt: 'Name it', answers: [{ text: 'steel', fraction: 1 }], caseSensitive: false },
  ],
};

const config: TeacherConfig = {
  code: 'K7QPX',
  joinUrl: 'http://192.168.1.20:8080/join',
  joinUrlWithCode: 'http://192.168.1.20:8080/join?code=K7QPX',
  qrSvg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0h1v1H0z"/></svg>',
};

function room(overrides: Partial<TeacherRoom> = {}): TeacherRoom {
  return {
    type: 'teacher',
    code: config.code,
    joinUrl: config.joinUrl,
    joinUrlWithCode: config.joinUrlWithCode,
    lang: 'en',
    phase: 'lobby',
    joined: 12,
    connected: 11,
    answered: 0,
    distribution: {},
    correct: 0,
    ...overrides,
  };
}

class FakeSocket implements SocketLike {
  sent: unknown[] = [];
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onmessage: SocketLike['onmessage'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {}
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

let sockets: FakeSocket[];
let slide: Element;
let panel: TeacherPanel;
let timers: { run: () => void; ms: number }[];
let clock: number;
let payload: QuizPayload;

const socket = () => sockets.at(-1)!;
const question = (id: string) => document.getElementById(`quiz-review--${id}`)!;
const panelEl = () => document.querySelector<HTMLElement>('body > .kit-teacher')!;
const button = (name: string) => [...panelEl().querySelectorAll('button')].find((b) => b.textContent === name && !b.hidden);
const text = (selector: string) => panelEl().querySelector(selector)!.textContent;
const goTo = (element: Element) => {
  slide = element;
  panel.slideChanged();
};

beforeEach(() => {
  payload = { quizzes: [quiz], html: {}, slides: {}, answers: {} };
  const ctx: QuizRenderContext = { md: createMarkdown({ root: process.cwd() }), t, issues: [], slides: payload.slides, html: payload.html, answers: payload.answers };
  document.documentElement.lang = 'en';
  document.head.innerHTML = `<script type="application/json" id="kit-classroom">${JSON.stringify(config)}</script>`;
  document.body.innerHTML = `<div class="reveal"><div class="slides">${renderQuizStack({ quiz, file: 'quizzes/review.yaml' }, ctx)}</div></div>`;
  const data = new Map<string, string>();
  createQuizView(document, { payload, store: createProgressStore([quiz], { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) }), t, now: () => new Date('2026-03-01T09:00:00Z') });
  sockets = [];
  timers = [];
  clock = 0;
  slide = document.getElementById('quiz-review--intro')!;
  panel = createTeacherPanel({
    doc: document,
    config: readTeacherConfig(document)!,
    t,
    payload,
    open: (url) => {
      const fake = new FakeSocket(url);
      sockets.push(fake);
      return fake;
    },
    url: 'ws://deck.test/classroom/ws',
    currentSlide: () => slide,
    now: () => clock,
    setTimer: (run, ms) => timers.push({ run, ms }),
  });
  socket().onopen?.({});
});

describe('teacher panel', () => {
  it('uses the protocol’s own names (written out so the deck’s first script stays small)', () => {
    expect(TEACHER_CONFIG_ID).toBe(CLASSROOM_CONFIG_ID);
    expect(TEACHER_WS_PATH).toBe(CLASSROOM_WS);
    expect(socketUrl({ protocol: 'https:', host: 'room.test' })).toBe(`wss://room.test${CLASSROOM_WS}`);
  });

  it('says teach first, then shows the code, the address, the QR code and the count on the intro', () => {
    expect(socket().sent).toEqual([{ type: 'teach', lang: document.documentElement.lang }]);
    socket().receive(room());
    expect(panelEl().dataset.place).toBe('intro');
    expect(text('.kit-teacher-code')).toBe('K7QPX');
    expect(text('.kit-teacher-url')).toBe(config.joinUrl);
    expect(text('.kit-teacher-joined')).toBe('12 joined');
    const qr = panelEl().querySelector('.kit-teacher-qr svg')!;
    expect(qr.getAttribute('role')).toBe('img');
    expect(qr.getAttribute('aria-label')).toBe(`QR code for ${config.joinUrlWithCode}`);
    expect([...panelEl().querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['/classroom/results.csv', '/classroom/results.json', '/classroom/stats']);
  });

  it('refuses a QR code that is not plain SVG', () => {
    expect(safeSvg(config.qrSvg)).toBe(config.qrSvg);
    expect(safeSvg('<svg><script>alert(1)</script></svg>')).toBe('');
    expect(safeSvg('<svg onload="alert(1)"></svg>')).toBe('');
    expect(safeSvg('<img src=x>')).toBe('');
  });

  it('asks the room the question shown, counts the answers, draws them in the form’s order, reveals', () => {
    socket().receive(room());
    goTo(question('pick'));
    expect(panelEl().dataset.place).toBe('question');
    expect(text('.kit-teacher-compact')).toContain('K7QPX');
    button('Ask the room')!.click();
    expect(socket().sent.at(-1)).toEqual({ type: 'open', quiz: 'review', question: 'pick', lang: 'en' });

    const asked = { quiz: 'review', question: 'pick', try: 1, tries: 2 };
    socket().receive(room({ phase: 'open', question: asked, answered: 8, distribution: { a: 5, b: 2, c: 1 } }));
    expect(button('Ask the room')).toBeUndefined();
    expect(text('.kit-teacher-count')).toBe('8 of 12 answered');
    expect(text('.kit-teacher-live')).toBe('8 of 12 answered');
    expect(text('.kit-teacher-try')).toBe('Try 1 of 2');

    // The next answer within the interval waits for the timer before the screen reader hears it.
    clock = 1000;
    socket().receive(room({ phase: 'open', question: asked, answered: 9, distribution: { a: 6, b: 2, c: 1 } }));
    expect(text('.kit-teacher-count')).toBe('9 of 12 answered');
    expect(text('.kit-teacher-live')).toBe('8 of 12 answered');
    clock = 3000;
    timers.shift()!.run();
    expect(text('.kit-teacher-live')).toBe('9 of 12 answered');

    const show = button('Show class answers')!;
    show.click();
    expect(show.getAttribute('aria-pressed')).toBe('true');
    const bars = () => [...panelEl().querySelectorAll('.kit-teacher-bar')].map((li) => li.textContent);
    expect(bars()).toEqual(['Third: 1 (11%)', 'First: 6 (67%)', 'Second: 2 (22%)']);

    button('Close answering')!.click();
    expect(socket().sent.at(-1)).toEqual({ type: 'close' });
    socket().receive(room({ phase: 'closed', question: asked, answered: 9, distribution: { a: 6, b: 2, c: 1 } }));
    expect(button('Ask again')).toBeDefined();
    button('Reveal answer')!.click();
    expect(socket().sent.at(-1)).toEqual({ type: 'reveal' });

    socket().receive(room({ phase: 'revealed', question: asked, answered: 9, correct: 6, distribution: { a: 6, b: 2, c: 1 } }));
    expect(bars()).toEqual(['Third: 1 (11%)', 'First: 6 (67%) ✓ correct', 'Second: 2 (22%)']);
    expect(text('.kit-teacher-right')).toBe('6 of 9 right');
    // The deck's own form shows the right answer, as its "Show answer" does.
    expect(question('pick').querySelector('form')!.dataset.answerShown).toBeDefined();
    expect(button('Ask again')).toBeUndefined();
  });

  it('offers another try only after closing and while the quiz allows one', () => {
    goTo(question('pick'));
    socket().receive(room({ phase: 'closed', question: { quiz: 'review', question: 'pick', try: 1, tries: 2 } }));
    button('Ask again')!.click();
    expect(socket().sent.at(-1)).toEqual({ type: 'again' });
    socket().receive(room({ phase: 'closed', question: { quiz: 'review', question: 'pick', try: 2, tries: 2 } }));
    expect(button('Ask again')).toBeUndefined();
  });

  it('says when the room is on another question, and offers to ask this one', () => {
    socket().receive(room({ phase: 'open', question: { quiz: 'review', question: 'pick', try: 1, tries: 2 } }));
    goTo(question('typed'));
    expect(text('.kit-teacher-elsewhere')).toBe('The room is on question 1 of “Review”.');
    button('Ask the room')!.click();
    expect(socket().sent.at(-1)).toEqual({ type: 'open', quiz: 'review', question: 'typed', lang: 'en' });
  });

  it('shows typed answers as given, the most frequent first', () => {
    goTo(question('typed'));
    socket().receive(room({ phase: 'open', question: { quiz: 'review', question: 'typed', try: 1, tries: 2 }, answered: 4, distribution: { iron: 1, steel: 3 } }));
    button('Show class answers')!.click();
    expect([...panelEl().querySelectorAll('.kit-teacher-bar')].map((li) => li.textContent)).toEqual(['steel: 3 (75%)', 'iron: 1 (25%)']);
  });

  it('keeps names out of sight until asked, and shows them as text', () => {
    socket().receive(room({ roster: [{ id: 1, name: EVIL, connected: true }, { id: 2, name: 'Li Wei', connected: false }] }));
    const toggle = button('Students (2)')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(panelEl().querySelector<HTMLElement>('.kit-teacher-roster ul')!.hidden).toBe(true);
    toggle.click();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(document.querySelector('img')).toBeNull();
    expect([...panelEl().querySelectorAll('.kit-teacher-roster li')].map((li) => li.textContent)).toEqual([`● ${EVIL} (connected)`, '○ Li Wei (away)']);
  });

  it('reconnects with growing waits, says so, and says teach again', () => {
    socket().onclose?.({});
    expect(text('.kit-teacher-status')).toBe('Reconnecting…');
    goTo(question('pick'));
    expect(button('Ask the room')!.disabled).toBe(true);
    expect(timers.map((x) => x.ms)).toEqual([500]);
    timers.shift()!.run();
    socket().onclose?.({});
    expect(timers.map((x) => x.ms)).toEqual([1000]);
    timers.shift()!.run();
    socket().onopen?.({});
    expect(sockets).toHaveLength(3);
    expect(socket().sent).toEqual([{ type: 'teach', lang: document.documentElement.lang }]);
    expect(text('.kit-teacher-status')).toBe('');
    expect(button('Ask the room')!.disabled).toBe(false);
  });

  it('shows the server’s refusal in the deck’s words, not the server’s developer detail', () => {
    socket().receive({ type: 'error', code: 'not-allowed', detail: 'not the teacher' });
    expect(text('.kit-teacher-error')).toBe(`The class server refused that: ${ENGLISH['classroom.error.not-allowed']}`);
  });

  it('keeps reveal.js’s shortcuts off its buttons, and draws nothing on other slides', () => {
    let reached = false;
    document.addEventListener('keydown', () => (reached = true));
    goTo(question('pick'));
    button('Ask the room')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(reached).toBe(false);
    goTo(document.body);
    expect(panelEl().hidden).toBe(true);
  });
});

describe('teacher panel focus', () => {
  it('passes the focus on after the teacher’s own press, never on a slide change', () => {
    goTo(question('pick'));
    const ask = button('Ask the room')!;
    ask.focus();
    ask.click();
    const asked = { quiz: 'review', question: 'pick', try: 1, tries: 2 };
    socket().receive(room({ phase: 'open', question: asked }));
    expect(document.activeElement?.textContent).toBe('Close answering');
    goTo(question('typed'));
    goTo(document.getElementById('quiz-review--intro')!);
    expect(document.activeElement?.textContent).not.toBe('Ask the room');
  });
});
