import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readDeckContent, type DeckContent } from '../../../src/classroom/deck-content.ts';
import { startClassroom, type ClassroomServer, type ClassroomOptions } from '../../../src/classroom/server.ts';
import { openSqliteStore } from '../../../src/classroom/sqlite-store.ts';
import { correctResponse, loadResultsFile, splitResultsText, type Question, type Quiz, type Response } from '../../../src/quiz/index.ts';
import { MAX_CLIENT_MESSAGE } from '../../../src/shared/classroom.ts';
import { connectClient, type TestClient } from './client.ts';
import { fixtureDist } from './fixture-dist.ts';

let dist: string;
let content: DeckContent;
const running: ClassroomServer[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  dist = await fixtureDist();
  content = readDeckContent(dist);
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of running.splice(0)) await s.close();
});

const dataFile = () => join(mkdtempSync(join(tmpdir(), 'kit-classroom-data-')), 'classes.sqlite');

async function start(options: Partial<ClassroomOptions> & { data?: string } = {}): Promise<ClassroomServer> {
  const server = await startClassroom({ dist, store: openSqliteStore(options.data ?? dataFile()), port: 0, teacherInterval: 5, ...options });
  running.push(server);
  return server;
}

async function teacherCookie(server: ClassroomServer): Promise<string> {
  const response = await fetch(server.teacherUrl, { redirect: 'manual' });
  expect(response.status).toBe(303);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

async function client(server: ClassroomServer, headers?: Record<string, string>): Promise<TestClient> {
  const c = await connectClient(server.url, headers);
  clients.push(c);
  return c;
}

async function teacher(server: ClassroomServer): Promise<TestClient> {
  const t = await client(server, { cookie: await teacherCookie(server) });
  t.send({ type: 'teach' });
  await t.next('teacher');
  return t;
}

async function student(server: ClassroomServer, name = 'Ann', token?: string): Promise<TestClient & { token: string }> {
  const s = await client(server);
  s.send({ type: 'join', code: server.code, name, ...(token ? { token } : {}) });
  const welcome = await s.next('welcome');
  await s.next('room');
  return Object.assign(s, { token: welcome.token });
}

function find(quizId: string, questionId: string): { quiz: Quiz; question: Question } {
  const quiz = content.languages.get('en')!.payload.quizzes.find((q) => q.id === quizId)!;
  return { quiz, question: quiz.questions.find((q) => q.id === questionId)! };
}

/** The code a student's form gives the choice whose text starts as `text` does. */
function choiceCode(form: string, text: string): string {
  const label = [...form.matchAll(/<label class="quiz-choice" data-choice-id="([^"]+)">([^]*?)<\/label>/g)].find((m) => m[2]!.includes(text.slice(0, 20)));
  if (!label) throw new Error(`no choice "${text}" in the form`);
  return label[1]!;
}

/** A single-choice answer as a student's form sends it: the choice by its code. */
function singleAnswer(form: string, question: Question, right: boolean): Response {
  if (question.type !== 'single') throw new Error('expected a single-choice question');
  return { choice: choiceCode(form, question.choices.find((c) => c.correct === right)!.text) };
}

/** A wrong answer of the question's own shape. */
function wrongResponse(question: Question): Response {
  if (question.type === 'single') return { choice: question.choices.find((c) => !c.correct)!.id };
  if (question.type === 'truefalse') return { value: !question.answer };
  throw new Error(`no wrong answer written for ${question.type}`);
}

describe('classroom server: who may see what', () => {
  it('serves the deck (which holds the key) to the teacher only, with the class in it; the join page and the assets to anyone', async () => {
    const server = await start();
    const cookie = await teacherCookie(server);
    for (const path of ['', 'index.html', 'index.zh.html', 'pdf/en/answer-key.pdf', 'classroom/results.csv', 'classroom/results.json', 'classroom/.vite/manifest.json']) {
      const response = await fetch(server.url + path);
      expect(response.status, path).toBe(403);
      expect(await response.text()).not.toContain('kit-quizzes');
    }
    const deck = await fetch(server.url, { headers: { cookie } });
    expect(deck.status).toBe(200);
    const page = await deck.text();
    expect(page).toContain('id="kit-classroom"');
    expect(page).toContain(server.code);
    expect(page).toContain('<svg');
    const join = await fetch(`${server.url}join?code=${server.code}`);
    expect(join.status).toBe(200);
    expect(join.headers.get('content-security-policy')).toContain("script-src 'self'");
    const joinPage = await join.text();
    expect(joinPage).toContain('src="/classroom/assets/student-test.js"');
    expect(joinPage).not.toContain('kit-quizzes');
    expect((await fetch(`${server.url}classroom/assets/student-test.js`)).status).toBe(200);
    expect((await fetch(`${server.url}teacher?key=wrong`, { redirect: 'manual' })).status).toBe(403);
  });

  it('refuses a WebSocket opened by a page of another site, and a request naming another site (DNS rebinding)', async () => {
    const server = await start();
    await expect(connectClient(server.url, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    const { request } = await import('node:http');
    const status = await new Promise<number>((done) => request(`${server.url}join`, { headers: { host: 'evil.example' } }, (res) => done(res.statusCode ?? 0)).end());
    expect(status).toBe(421);
    await expect(connectClient(server.url, { host: 'evil.example', origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });
});

describe('classroom server: a question from asking to reveal', () => {
  it('sends students the form and never the key, feedback or explanation before the reveal; grades, counts, then reveals', async () => {
    const server = await start();
    const t = await teacher(server);
    const ann = await student(server, 'Ann');
    const bo = await student(server, 'Bo');
    const { question } = find('traditional-review', 'traditional-why-weight');
    if (question.type !== 'single') throw new Error('expected a single-choice question');
    t.send({ type: 'open', quiz: 'traditional-review', question: question.id, lang: 'en' });
    const room = await ann.next('room', (m) => m.phase === 'open');
    expect(room.question).toMatchObject({ quiz: 'traditional-review', question: question.id, try: 1, number: 2 });
    expect(room.question!.form).toContain('type="radio"');
    expect(room.question!.form).toMatch(/^<form [^]*<\/form>$/);
    // A hint is the self-study deck's: the live class has none, and it may lean on the answer.
    expect(room.question!.form).not.toContain('quiz-hint');
    expect(room.question!.form).not.toContain('data-action="hint"');
    const before = JSON.stringify([...ann.received, ...bo.received]);
    expect(before).not.toContain('"correct"');
    for (const text of [question.explanation, ...question.choices.map((c) => c.feedback)].filter(Boolean)) expect(before).not.toContain(text!.slice(0, 30));
    expect(before).not.toContain('reveal');

    // The form names choices by codes, never by the authored ids (the key is often the first written).
    for (const choice of question.choices) expect(room.question!.form).not.toContain(`value="${choice.id}"`);
    ann.send({ type: 'answer', quiz: 'traditional-review', question: question.id, try: 1, response: correctResponse(question) });
    const refused = await ann.next('error');
    expect(refused.code).toBe('bad-response');
    for (const choice of question.choices) expect(refused.detail).not.toContain(`"${choice.id}"`);
    ann.send({ type: 'answer', quiz: 'traditional-review', question: question.id, try: 1, response: singleAnswer(room.question!.form, question, true) });
    expect(await ann.next('answered')).toMatchObject({ try: 1, seq: 1 });
    expect(await t.next('teacher', (m) => m.answered === 1)).toMatchObject({ joined: 2, connected: 2, correct: 1 });
    // One answer per student per try.
    ann.send({ type: 'answer', quiz: 'traditional-review', question: question.id, try: 1, response: singleAnswer(room.question!.form, question, false) });
    expect((await ann.next('error')).code).toBe('already-answered');

    const boForm = (await bo.next('room', (m) => m.phase === 'open')).question!.form;
    bo.send({ type: 'answer', quiz: 'traditional-review', question: question.id, try: 1, response: singleAnswer(boForm, question, false) });
    await bo.next('answered');
    const counted = await t.next('teacher', (m) => m.answered === 2);
    expect(counted.correct).toBe(1);
    expect(Object.values(counted.distribution).reduce((a, b) => a + b, 0)).toBe(2);

    t.send({ type: 'close' });
    await bo.next('room', (m) => m.phase === 'closed');
    t.send({ type: 'reveal' });
    const revealed = await ann.next('room', (m) => m.phase === 'revealed');
    expect(revealed.reveal!.result!.correct).toBe(true);
    expect(revealed.reveal!.question).toEqual(question);
    // With the reveal, the page learns what each code stands for, to mark the answer.
    expect(Object.values(revealed.reveal!.codes).sort()).toEqual(question.choices.map((c) => c.id).sort());
    expect(revealed.answered).toBeDefined();
    const boRevealed = await bo.next('room', (m) => m.phase === 'revealed');
    expect(boRevealed.reveal!.result!.correct).toBe(false);
  });

  it('refuses an answer once answering is closed, to another question, or of the wrong shape', async () => {
    const server = await start();
    const t = await teacher(server);
    const ann = await student(server);
    t.send({ type: 'open', quiz: 'final-review', question: 'final-occasion', lang: 'en' });
    await ann.next('room', (m) => m.phase === 'open');
    ann.send({ type: 'answer', quiz: 'final-review', question: 'final-occasion', try: 1, response: { choice: 'a' } });
    expect((await ann.next('error')).code).toBe('bad-response');
    ann.send({ type: 'answer', quiz: 'final-review', question: 'final-weak-board', try: 1, response: { choice: 'a' } });
    expect((await ann.next('error')).code).toBe('wrong-question');
    t.send({ type: 'close' });
    await ann.next('room', (m) => m.phase === 'closed');
    ann.send({ type: 'answer', quiz: 'final-review', question: 'final-occasion', try: 1, response: { value: true } });
    expect((await ann.next('error')).code).toBe('closed');
  });

  it('asks again as a new try while the quiz allows one, and not beyond', async () => {
    const server = await start();
    const t = await teacher(server);
    const ann = await student(server);
    t.send({ type: 'open', quiz: 'traditional-review', question: 'traditional-merger-methods', lang: 'en' });
    await ann.next('room', (m) => m.phase === 'open');
    ann.send({ type: 'answer', quiz: 'traditional-review', question: 'traditional-merger-methods', try: 1, response: { value: true } });
    await ann.next('answered');
    t.send({ type: 'again' });
    expect((await t.next('error')).code).toBe('not-allowed');
    t.send({ type: 'close' });
    t.send({ type: 'again' });
    const second = await ann.next('room', (m) => m.question?.try === 2);
    expect(second.phase).toBe('open');
    expect(second.answered).toBeUndefined();
    ann.send({ type: 'answer', quiz: 'traditional-review', question: 'traditional-merger-methods', try: 2, response: { value: false } });
    expect(await ann.next('answered')).toMatchObject({ try: 2 });
    t.send({ type: 'close' });
    t.send({ type: 'again' });
    expect((await t.next('error')).code).toBe('no-tries-left');
    // Once revealed, a question is over: not asked again, and going back to it shows the reveal.
    t.send({ type: 'reveal' });
    await ann.next('room', (m) => m.phase === 'revealed');
    t.send({ type: 'again' });
    expect((await t.next('error')).code).toBe('not-allowed');
    t.send({ type: 'open', quiz: 'final-review', question: 'final-occasion', lang: 'en' });
    await ann.next('room', (m) => m.question?.question === 'final-occasion' && m.phase === 'open');
    t.send({ type: 'open', quiz: 'traditional-review', question: 'traditional-merger-methods', lang: 'en' });
    const back = await ann.next('room', (m) => m.question?.question === 'traditional-merger-methods');
    expect(back).toMatchObject({ phase: 'revealed', question: { try: 2 }, answered: { response: { value: false } } });
    expect(server.room.state.asked['final-review/final-occasion']?.phase).toBe('closed');
  });

  it('keeps the answer out of the forms: an order question arrives out of order, a match question without its pairs\' ids', async () => {
    const server = await start();
    const t = await teacher(server);
    const ann = await student(server);
    const order = find('final-review', 'final-pillar-order').question;
    if (order.type !== 'order') throw new Error('expected an order question');
    t.send({ type: 'open', quiz: 'final-review', question: order.id, lang: 'en' });
    const asked = await ann.next('room', (m) => m.question?.question === order.id);
    const ids = [...asked.question!.form.matchAll(/data-item-id="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(order.items.length);
    for (const item of order.items) expect(ids).not.toContain(item.id);
    const texts = [...asked.question!.form.matchAll(/<span class="quiz-order-text">([^]*?)<\/span>/g)].map((m) => m[1]);
    expect(texts).toHaveLength(order.items.length);
    expect(texts).not.toEqual(order.items.map((i) => i.text));

    const hinted = find('traditional-review', 'traditional-weighted-growth').question;
    expect(hinted.hint).toBeTruthy();
    t.send({ type: 'open', quiz: 'traditional-review', question: hinted.id, lang: 'en' });
    const withHint = await ann.next('room', (m) => m.question?.question === hinted.id);
    expect(withHint.question!.form).not.toContain(hinted.hint!.slice(0, 20));
    expect(withHint.question!.form).toContain('type="text"');

    const match = find('final-review', 'final-measure-area').question;
    if (match.type !== 'match') throw new Error('expected a match question');
    t.send({ type: 'open', quiz: 'final-review', question: match.id, lang: 'en' });
    const room = await ann.next('room', (m) => m.question?.question === match.id);
    const values = [...room.question!.form.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]!);
    expect(values.length).toBeGreaterThan(0);
    for (const pair of match.pairs) expect(values).not.toContain(pair.id);
    // The student answers with the codes the form holds; the server grades them as the pairs they stand for.
    const code = (pairId: string) => {
      const right = match.pairs.find((p) => p.id === pairId)!.right;
      const option = [...room.question!.form.matchAll(/<option value="([^"]+)">([^<]*)<\/option>/g)].find((m) => m[2] === right.replace(/&/g, '&amp;'));
      return option![1]!;
    };
    // The pairs' own ids are no answer: only the form's codes are.
    ann.send({ type: 'answer', quiz: 'final-review', question: match.id, try: 1, response: { matches: Object.fromEntries(match.pairs.map((p) => [p.id, p.id])) } });
    expect((await ann.next('error')).code).toBe('bad-response');
    const matches = Object.fromEntries(match.pairs.map((p) => [p.id, code(p.id)]));
    ann.send({ type: 'answer', quiz: 'final-review', question: match.id, try: 1, response: { matches } });
    await ann.next('answered');
    expect((await t.next('teacher', (m) => m.answered === 1)).correct).toBe(1);
  });
});

describe('classroom server: safety', () => {
  it('lets only the teacher drive the class', async () => {
    const server = await start();
    const ann = await student(server);
    ann.send({ type: 'teach' });
    expect((await ann.next('error')).code).toBe('not-allowed');
    for (const action of [{ type: 'open', quiz: 'final-review', question: 'final-occasion', lang: 'en' }, { type: 'close' }, { type: 'reveal' }, { type: 'again' }]) {
      ann.send(action);
      expect((await ann.next('error')).code).toBe('not-allowed');
    }
    expect(server.room.state.phase).toBe('lobby');
  });

  it('refuses oversized, malformed and unknown messages with a reason, and stays up', async () => {
    const server = await start();
    const c = await client(server);
    c.sendRaw('x'.repeat(MAX_CLIENT_MESSAGE + 1));
    expect((await c.next('error')).code).toBe('too-big');
    c.sendRaw('{not json');
    expect((await c.next('error')).code).toBe('bad-message');
    c.send({ type: 'join', code: server.code, name: 'x', extra: 1 });
    expect((await c.next('error')).code).toBe('bad-message');
    c.send({ type: 'answer', quiz: 'a', question: 'b', try: 1, response: { choice: 'a' } });
    expect((await c.next('error')).code).toBe('not-joined');
    c.send({ type: 'join', code: 'WRONG' });
    expect((await c.next('error')).code).toBe('unknown-class');
    c.send({ type: 'join', code: server.code, name: 'n'.repeat(81) });
    expect((await c.next('error')).code).toBe('bad-message');
    // Still serving.
    await student(server, 'Still here');
  });

  it('survives requests built to crash it: an Origin of null, a cookie that is not URL-encoded, a path of //', async () => {
    const server = await start();
    await expect(connectClient(server.url, { origin: 'null' })).rejects.toThrow(/403/);
    const port = Number(new URL(server.url).port);
    const c = await client(server, { cookie: `kit_teacher_${port}=%E0%A4%A` });
    c.send({ type: 'teach' });
    expect((await c.next('error')).code).toBe('not-allowed');
    const { connect } = await import('node:net');
    await new Promise<void>((done) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET // HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n'));
      socket.on('data', () => socket.destroy());
      socket.on('close', () => done());
    });
    await student(server, 'Still here');
  });

  it('takes the language of the teacher\'s deck while nothing has been asked: phones join in it', async () => {
    const server = await start();
    const ann = await student(server, 'Ann');
    const t = await client(server, { cookie: await teacherCookie(server) });
    t.send({ type: 'teach', lang: 'zh' });
    expect(await ann.next('room')).toMatchObject({ phase: 'lobby', lang: 'zh' });
    const join = await (await fetch(`${server.url}join`)).text();
    expect(join).toContain('<html lang="zh">');
  });

  it('lets one connection be one student: a second join as someone else is refused', async () => {
    const server = await start();
    const ann = await student(server, 'Ann');
    ann.send({ type: 'join', code: server.code, name: 'Ann again' });
    expect((await ann.next('error')).code).toBe('not-allowed');
    ann.send({ type: 'join', code: server.code, token: ann.token });
    expect((await ann.next('welcome')).name).toBe('Ann');
  });

  it('keeps a name with a script in it as text, exactly as typed', async () => {
    const server = await start();
    const t = await teacher(server);
    const name = '<img src=x onerror=alert(1)>';
    const s = await student(server, name);
    const view = await t.next('teacher', (m) => !!m.roster?.length);
    expect(view.roster![0]!.name).toBe(name);
    expect(s.received[0]).toMatchObject({ type: 'welcome', name });
  });

  it('limits how fast one connection may send and one address may join', async () => {
    const server = await start({ limits: { join: { burst: 3, perSecond: 0.01 }, messages: { burst: 5, perSecond: 1 } } });
    const c = await client(server);
    for (let i = 0; i < 8; i++) c.send({ type: 'teach' });
    await c.next('error', (m) => m.code === 'rate-limited');
    for (let i = 0; i < 3; i++) await student(server, `s${i}`);
    const late = await client(server);
    late.send({ type: 'join', code: server.code });
    expect((await late.next('error')).code).toBe('rate-limited');
  });
});

describe('classroom server: nothing lost', () => {
  it('restarts where it was: the same class, students rejoin by token and find their answer, the teacher\'s count intact', async () => {
    const data = dataFile();
    const first = await start({ data });
    const t = await teacher(first);
    const ann = await student(first, 'Ann');
    t.send({ type: 'open', quiz: 'final-review', question: 'final-occasion', lang: 'en' });
    await ann.next('room', (m) => m.phase === 'open');
    ann.send({ type: 'answer', quiz: 'final-review', question: 'final-occasion', try: 1, response: { value: true } });
    await ann.next('answered');
    const { code } = first;
    await first.close();
    running.splice(running.indexOf(first), 1);

    const second = await start({ data });
    expect(second.code).toBe(code);
    expect(second.resumed).toBe(true);
    const again = await client(second);
    again.send({ type: 'join', code, token: ann.token });
    expect((await again.next('welcome')).name).toBe('Ann');
    const room = await again.next('room');
    expect(room).toMatchObject({ phase: 'open', answered: { response: { value: true } } });
    again.send({ type: 'answer', quiz: 'final-review', question: 'final-occasion', try: 1, response: { value: false } });
    expect((await again.next('error')).code).toBe('already-answered');
    const t2 = await teacher(second);
    expect(t2.received.at(-1)).toMatchObject({ joined: 1, answered: 1, phase: 'open' });
  });

  it('downloads the class results in the self-study results format, which loads and grades alike', async () => {
    const server = await start();
    const t = await teacher(server);
    const ann = await student(server, 'Ann Lee');
    const bo = await student(server, 'Bo');
    const { quiz, question } = find('final-review', 'final-occasion');
    t.send({ type: 'open', quiz: quiz.id, question: question.id, lang: 'en' });
    await ann.next('room', (m) => m.phase === 'open');
    ann.send({ type: 'answer', quiz: quiz.id, question: question.id, try: 1, response: correctResponse(question) });
    await ann.next('answered');
    await bo.next('room', (m) => m.phase === 'open');
    bo.send({ type: 'answer', quiz: quiz.id, question: question.id, try: 1, response: wrongResponse(question) });
    await bo.next('answered');
    const cookie = await teacherCookie(server);
    const quizzes = content.languages.get('en')!.payload.quizzes;
    // Each download holds the class; kit results and kit stats read each learner in it as their own file.
    const read = (file: string, text: string) => splitResultsText(file, text).map((part) => loadResultsFile(part.file, part.text, quizzes));
    const json = await (await fetch(`${server.url}classroom/results.json`, { headers: { cookie } })).text();
    const csv = await (await fetch(`${server.url}classroom/results.csv`, { headers: { cookie } })).text();
    for (const [file, text] of [['class.json', json], ['class.csv', csv]] as const) {
      const learners = read(file, text);
      expect(learners.map((l) => [l.name, l.deck.score]), file).toEqual([['Ann Lee', question.points], ['Bo', 0]]);
    }
    const stats = await (await fetch(`${server.url}classroom/stats`, { headers: { cookie } })).text();
    expect(stats).toContain(question.id);
    expect(stats).toContain('<table');
  });
});
