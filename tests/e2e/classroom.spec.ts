/**
 * The live classroom end to end: the real server (`src/classroom/`) on the built deck, one
 * teacher and several students, each a separate browser context (a phone of its own).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startClassroom, type ClassroomServer } from '../../src/classroom/server.ts';
import { openSqliteStore } from '../../src/classroom/sqlite-store.ts';
import type { Question, SingleQuestion } from '../../src/quiz/index.ts';
import { PAYLOAD_ID, type QuizPayload } from '../../src/shared/contract.ts';
import { showSlide, watchProblems } from './helpers.ts';

test.describe.configure({ mode: 'serial' });

let server: ClassroomServer;
let data: string;

/** The deck's own quiz data, as the built page carries it. */
function question(quizId: string, questionId: string): Question {
  const page = readFileSync('dist/index.html', 'utf8');
  const json = page.slice(page.indexOf(`id="${PAYLOAD_ID}">`) + PAYLOAD_ID.length + 6, page.indexOf('</script>', page.indexOf(`id="${PAYLOAD_ID}">`)));
  const payload = JSON.parse(json) as QuizPayload;
  return payload.quizzes.find((q) => q.id === quizId)!.questions.find((q) => q.id === questionId)!;
}

/** The class server on the data file; on the same port as before when restarting (the pages reconnect to it). */
async function start(port = 0): Promise<ClassroomServer> {
  return startClassroom({ dist: 'dist', store: openSqliteStore(data), port, teacherInterval: 10 });
}

test.beforeAll(async () => {
  data = join(mkdtempSync(join(tmpdir(), 'kit-classroom-e2e-')), 'classes.sqlite');
  server = await start();
});

test.afterAll(async () => {
  await server?.close();
});

/** A phone: its own context (its own storage), 390 px wide, and every WebSocket frame it receives. */
async function phone(browser: Browser): Promise<{ page: Page; frames: string[]; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const frames: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (frame) => frames.push(String(frame.payload))));
  const problems = watchProblems(page);
  return { page, frames, problems };
}

async function join_(page: Page, name: string): Promise<void> {
  await page.goto(server.joinUrlWithCode);
  await expect(page.getByLabel('Class code')).toHaveValue(server.code);
  await page.getByLabel(/Your name/).fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  // In: waiting for a question, or shown the one the room is on.
  await expect(page.getByRole('button', { name: 'Join' })).toBeHidden();
}

test('a question from asking to reveal: the room answers on phones, the teacher counts, closes and reveals; no key reaches a phone before', async ({ browser }) => {
  const teacherContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const teacher = await teacherContext.newPage();
  const teacherProblems = watchProblems(teacher);
  // The teacher link opens the deck and leaves the secret out of the address bar.
  await teacher.goto(server.teacherUrl);
  await teacher.waitForSelector('.reveal.ready', { state: 'attached' });
  expect(teacher.url()).not.toContain('key=');

  await showSlide(teacher, 'quiz-final-review--intro');
  await expect(teacher.getByRole('img', { name: /QR code for/ })).toBeVisible();
  await expect(teacher.getByText(server.code, { exact: true }).first()).toBeVisible();
  await teacher.screenshot({ path: 'test-results/classroom-teacher-intro.png' });

  const asked = question('final-review', 'final-weak-board') as SingleQuestion;
  const right = asked.choices.find((c) => c.correct)!;
  const wrong = asked.choices.find((c) => !c.correct)!;
  const ann = await phone(browser);
  const bo = await phone(browser);
  const eve = await phone(browser);
  const evil = '<img src=x onerror="window.__pwned=1">';
  await join_(ann.page, 'Ann');
  await expect(ann.page.getByText("You're in, Ann. Wait for your teacher's question.")).toBeVisible();
  await join_(bo.page, 'Bo');
  await join_(eve.page, evil);
  await expect(teacher.getByText('3 joined', { exact: true })).toBeVisible();

  await showSlide(teacher, 'quiz-final-review--final-weak-board');
  await teacher.getByRole('button', { name: 'Ask the room' }).click();
  for (const { page } of [ann, bo, eve]) await expect(page.getByRole('radio', { name: right.text })).toBeVisible();
  // The authored ids (the key is often the first written, `a`) never reach a phone before the reveal.
  expect(await ann.page.locator(`[data-choice-id="${right.id}"]`).count()).toBe(0);
  await expect(teacher.locator('.kit-teacher-count').getByText('0 of 3 answered')).toBeVisible();

  await ann.page.getByRole('radio', { name: right.text }).check();
  await ann.page.getByRole('button', { name: 'Send answer' }).click();
  await expect(ann.page.getByText(/Answer sent/)).toBeVisible();
  await bo.page.getByRole('radio', { name: wrong.text }).check();
  await bo.page.getByRole('button', { name: 'Send answer' }).click();
  await expect(bo.page.getByText(/Answer sent/)).toBeVisible();
  await expect(teacher.locator('.kit-teacher-count').getByText('2 of 3 answered')).toBeVisible();

  // What reached the phones so far: the question's form, never its key, feedback or explanation.
  const before = [...ann.frames, ...bo.frames, ...eve.frames].join('\n');
  expect(before).toContain(right.text.slice(0, 20));
  expect(before).not.toContain('"correct"');
  expect(before).not.toContain('"reveal"');
  for (const text of [asked.explanation, asked.source, ...asked.choices.map((c) => c.feedback)]) if (text) expect(before).not.toContain(text.slice(0, 25));

  await teacher.getByRole('button', { name: 'Close answering' }).click();
  await expect(eve.page.getByText('Answering is closed')).toBeVisible();
  await teacher.getByRole('button', { name: 'Show class answers' }).click();
  await expect(teacher.getByText('Answers given')).toBeVisible();
  await teacher.getByRole('button', { name: 'Reveal answer' }).click();

  await expect(ann.page.locator('.quiz-verdict[data-verdict="correct"]')).toBeVisible();
  await expect(bo.page.locator('.quiz-verdict[data-verdict="incorrect"]')).toBeVisible();
  // The phone's form named the choices by codes until the reveal; now the deck's marks find them.
  await expect(bo.page.locator(`[data-choice-id="${right.id}"]`)).toContainText('Right');
  await expect(bo.page.locator(`[data-choice-id="${wrong.id}"]`)).toContainText('Wrong');
  await expect(eve.page.getByText('You did not answer this question.')).toBeVisible();
  if (asked.explanation) await expect(bo.page.getByText(asked.explanation.slice(0, 30))).toBeVisible();

  // A name with a script in it is shown as the text it is, on the teacher's screen.
  await teacher.getByRole('button', { name: /Students \(3\)/ }).click();
  await expect(teacher.getByText(evil)).toBeVisible();
  expect(await teacher.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

  // A phone that reloads comes back to the room as it is, as the same student, with its verdict.
  await bo.page.reload();
  await expect(bo.page.locator('.quiz-verdict[data-verdict="incorrect"]')).toBeVisible();
  await expect(teacher.getByRole('button', { name: /Students \(3\)/ })).toBeVisible();

  for (const { problems } of [ann, bo, eve]) expect(problems).toEqual([]);
  expect(teacherProblems).toEqual([]);
  await teacherContext.close();
});

test('a phone opening the deck gets the join page, not the key', async ({ browser }) => {
  const { page } = await phone(browser);
  const response = await page.goto(server.url);
  expect(response!.status()).toBe(403);
  expect(await page.content()).not.toContain(PAYLOAD_ID);
  await page.getByRole('link', { name: 'Join the class' }).click();
  await expect(page.getByLabel('Class code')).toBeVisible();
});

test('a restart loses nothing: phones reconnect by themselves to where the room was', async ({ browser }) => {
  const teacherContext = await browser.newContext();
  const teacher = await teacherContext.newPage();
  await teacher.goto(server.teacherUrl);
  await teacher.waitForSelector('.reveal.ready', { state: 'attached' });
  const asked = question('final-review', 'final-occasion');
  const ann = await phone(browser);
  await join_(ann.page, 'Ann again');
  await showSlide(teacher, 'quiz-final-review--final-occasion');
  await teacher.getByRole('button', { name: 'Ask the room' }).click();
  await ann.page.getByRole('radio', { name: 'True' }).check();
  await ann.page.getByRole('button', { name: 'Send answer' }).click();
  await expect(ann.page.getByText(/Answer sent/)).toBeVisible();

  const port = Number(new URL(server.url).port);
  await server.close();
  await expect(ann.page.getByText('Reconnecting…')).toBeVisible();
  server = await start(port);
  await expect(ann.page.getByText('Reconnecting…')).toBeHidden({ timeout: 15_000 });
  await expect(ann.page.getByText(/Answer sent/)).toBeVisible();
  await expect(ann.page.getByRole('radio', { name: 'True' })).toBeChecked();
  await expect(teacher.locator('.kit-teacher-count').getByText(/1 of \d+ answered/)).toBeVisible({ timeout: 15_000 });
  expect(asked.type).toBe('truefalse');
  await teacherContext.close();
});
