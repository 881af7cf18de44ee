/**
 * The SCORM packages against a real SCORM run-time, scorm-again (an LMS-side implementation of
 * SCORM 1.2 and 2004): a host page, served by this test and never shipped, puts scorm-again's
 * API on its window as an LMS does and plays the package's index.html in a frame. A learner
 * answers through the deck; the test reads what the LMS received, then plays the package again
 * with the LMS's data loaded back, as on a learner's next visit.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Frame, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { runKit } from '../../src/cli/commands.ts';
import { correctResponse, type Question, type Quiz } from '../../src/quiz/index.ts';
import type { QuizPayload } from '../../src/shared/contract.ts';
import { enter, openQuestion, wrongResponse } from './quiz-helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SCORM_AGAIN = readFileSync(join(ROOT, 'node_modules/scorm-again/dist/scorm-again.js'));
const LMS = 'http://lms.test/';
const SECTION = 'traditional';

/** The packages of one section, written by `kit export` from the built deck: version → file → bytes. */
let packages: Record<string, Record<string, Uint8Array>>;
test.beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'kit-scorm-'));
  const status = await runKit(['export', '--out', out, '--lang', 'en', '--section', SECTION], ROOT, { log: () => {}, error: (text) => console.error(text) });
  expect(status).toBe(0);
  packages = Object.fromEntries(['1.2', '2004'].map((v) => [v, unzipSync(readFileSync(join(out, `scorm-${v}.${SECTION}.zip`)))]));
});

/** The host page: scorm-again's API on the window (loaded with the LMS's data, if any), the package in a frame. */
function hostPage(version: string): string {
  const api = version === '1.2' ? 'window.API = new Scorm12API({ logLevel: 5 })' : 'window.API_1484_11 = new Scorm2004API({ logLevel: 5 })';
  const name = version === '1.2' ? 'API' : 'API_1484_11';
  return `<!doctype html><html><head><meta charset="utf-8"><title>LMS</title><script src="scorm-again.js"></script></head><body>
<script>${api}; window.${name}.loadFromJSON(window.lmsData || {});</script>
<iframe id="sco" src="${version}/${launchOf(version)}" style="width:1280px;height:720px;border:0"></iframe></body></html>`;
}

/** Where the manifest says the SCO starts. */
function launchOf(version: string): string {
  const manifest = new TextDecoder().decode(packages[version]!['imsmanifest.xml']);
  return /<resource [^>]*href="([^"]+)"/.exec(manifest)![1]!.replace(/&amp;/g, '&');
}

/** Opens the host with `lmsData` as the LMS's stored data and waits for the deck in its frame. */
async function openLms(page: Page, version: string, lmsData: object): Promise<Frame> {
  await page.route(`${LMS}**`, (route) => {
    const path = new URL(route.request().url()).pathname.slice(1);
    if (path === 'host.html') return route.fulfill({ contentType: 'text/html', body: hostPage(version) });
    if (path === 'scorm-again.js') return route.fulfill({ contentType: 'text/javascript', body: SCORM_AGAIN });
    const file = packages[version]![decodeURIComponent(path.slice(`${version}/`.length))];
    return file ? route.fulfill({ contentType: 'text/html', body: Buffer.from(file) }) : route.fulfill({ status: 404 });
  });
  await page.addInitScript((data) => Object.assign(window, { lmsData: data }), lmsData);
  await page.goto(`${LMS}host.html`);
  const frame = page.frame({ url: /index\.html/ })!;
  await frame.waitForSelector('.reveal.ready', { state: 'attached' });
  return frame;
}

/** What the LMS holds: scorm-again's data model as JSON. */
async function lmsData(page: Page, version: string): Promise<Record<string, any>> {
  return page.evaluate((name) => JSON.parse(JSON.stringify((window as any)[name].renderCMIToJSONObject())), version === '1.2' ? 'API' : 'API_1484_11');
}

/** Answers through the deck's form: right, or wrong on every try the quiz allows. */
async function answer(frame: Frame, quiz: Quiz, question: Question, right: boolean): Promise<void> {
  const page = frame as unknown as Page;
  const form = await openQuestion(page, quiz, question);
  for (let attempt = 1; attempt <= (right ? 1 : quiz.attempts); attempt++) {
    if (attempt > 1) await form.getByRole('button', { name: /^Try again/ }).click();
    await enter(form, question, right ? correctResponse(question) : wrongResponse(question));
    await form.getByRole('button', { name: 'Check' }).click();
    await expect(form).toHaveAttribute('data-result', right ? 'correct' : /incorrect|partial/);
  }
}

for (const version of ['1.2', '2004']) {
  test(`SCORM ${version}: the LMS receives status, score, each try and the progress, and the next visit resumes from it`, async ({ page }) => {
    test.setTimeout(120_000);
    // Every value the deck sends is one the LMS accepts (the adapter warns of each it refuses).
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/SCORM/.test(message.text())) refused.push(message.text());
    });
    const frame = await openLms(page, version, version === '1.2' ? { core: { student_id: 'ann-1' } } : { learner_id: 'ann-1' });
    const payload = JSON.parse((await frame.locator('#kit-quizzes').textContent())!) as QuizPayload;
    const quiz = payload.quizzes.find((q) => q.after === SECTION)!;
    const wrong = quiz.questions.slice(-3);
    const right = quiz.questions.slice(0, -3);
    const is12 = version === '1.2';

    await answer(frame, quiz, right[0]!, true);
    let cmi = (await lmsData(page, version))['cmi'];
    // One question answered of a quiz not finished: begun, not passed.
    expect(is12 ? cmi.core.lesson_status : cmi.completion_status).toBe('incomplete');

    for (const question of right.slice(1)) await answer(frame, quiz, question, true);
    for (const question of wrong) await answer(frame, quiz, question, false);
    cmi = (await lmsData(page, version))['cmi'];

    // 8 of 11 points: 72.73%, above the quiz's pass mark of 70%.
    const percent = Math.round((right.length / quiz.questions.length) * 10000) / 100;
    const score = is12 ? cmi.core.score : cmi.score;
    expect([Number(score.raw), Number(score.min), Number(score.max)]).toEqual([percent, 0, 100]);
    if (is12) expect(cmi.core.lesson_status).toBe('passed');
    else {
      expect(Number(cmi.score.scaled)).toBeCloseTo(percent / 100, 4);
      expect([cmi.completion_status, cmi.success_status]).toEqual(['completed', 'passed']);
    }

    // Each try is an interaction: its id, type, the learner's response and whether it was right.
    const interactions = Object.values(cmi.interactions as Record<string, any>).filter((i) => i && typeof i === 'object' && 'id' in i);
    expect(interactions).toHaveLength(right.length + wrong.length * quiz.attempts);
    const first = interactions[0]!;
    expect(first.id).toBe(`${quiz.id}.${right[0]!.id}`);
    expect(first.result).toBe('correct');
    expect(interactions.filter((i) => i.id === `${quiz.id}.${wrong[0]!.id}`).map((i) => i.result)).toEqual(Array(quiz.attempts).fill(is12 ? 'wrong' : 'incorrect'));
    const truefalse = quiz.questions.find((q) => q.type === 'truefalse');
    if (truefalse) {
      const record = interactions.find((i) => i.id === `${quiz.id}.${truefalse.id}`)!;
      expect(record.type).toBe('true-false');
      expect(record[is12 ? 'student_response' : 'learner_response']).toBe(is12 ? (truefalse.answer ? 't' : 'f') : String(truefalse.answer));
    }
    expect(cmi.suspend_data.length).toBeGreaterThan(0);
    expect(cmi.suspend_data.length).toBeLessThanOrEqual(is12 ? 4096 : 64000);
    expect(refused).toEqual([]);

    // The page goes away: the session's time is sent and the session ends.
    await page.evaluate(() => (document.getElementById('sco') as HTMLIFrameElement).remove());
    cmi = (await lmsData(page, version))['cmi'];
    const time = /^(\d{2,4}):(\d\d):(\d\d)$|^PT(\d+)H(\d+)M(\d+)S$/.exec(is12 ? cmi.core.session_time : cmi.session_time)!;
    const [h, m, s] = (is12 ? time.slice(1, 4) : time.slice(4, 7)).map(Number);
    // The answers above took the learner some seconds, at least one.
    expect(h! * 3600 + m! * 60 + s!).toBeGreaterThan(0);

    // The next visit: a new page whose LMS hands back what it stored.
    const stored = is12 ? { core: { student_id: 'ann-1' }, suspend_data: cmi.suspend_data } : { learner_id: 'ann-1', suspend_data: cmi.suspend_data };
    const again = await page.context().newPage();
    const resumed = await openLms(again, version, stored);
    for (const question of quiz.questions) {
      const form = resumed.locator(`[data-quiz-id="${quiz.id}"] form[data-question-id="${question.id}"]`);
      await expect(form).toHaveAttribute('data-result', right.includes(question) ? 'correct' : /incorrect|partial/);
    }
    await expect(resumed.locator(`[data-quiz-id="${quiz.id}"] [data-quiz-score]`).first()).toContainText(String(right.length));
  });
}

test('with no LMS around, the packaged deck keeps its progress in the browser as the offline deck does', async ({ page }) => {
  await page.route(`${LMS}**`, (route) => {
    const file = packages['1.2']![new URL(route.request().url()).pathname.slice(1)];
    return file ? route.fulfill({ contentType: 'text/html', body: Buffer.from(file) }) : route.fulfill({ status: 404 });
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${LMS}index.html?section=${SECTION}`);
  await page.waitForSelector('.reveal.ready', { state: 'attached' });
  const payload = JSON.parse((await page.locator('#kit-quizzes').textContent())!) as QuizPayload;
  const quiz = payload.quizzes.find((q) => q.after === SECTION)!;
  await answer(page.mainFrame(), quiz, quiz.questions[0]!, true);
  expect(await page.evaluate(() => localStorage.getItem('kit:progress:v1'))).toContain(quiz.questions[0]!.id);
  expect(errors).toEqual([]);
});
