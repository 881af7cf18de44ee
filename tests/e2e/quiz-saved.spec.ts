/**
 * Saved data never locks anyone out and nothing is lost: answers saved in the browser or loaded
 * from a results file are checked against the quizzes as they are now, and re-graded.
 * Each test is a failure that happened before (issue 11).
 */
import { expect, test, type Page } from '@playwright/test';
import { correctResponse, createSession, serialise, submitTry, type Question, type Quiz, type Session } from '../../src/quiz/index.ts';
import { openDeck, showSlide } from './helpers.ts';
import { enter, readQuizzes, wrongResponse } from './quiz-helpers.ts';

const PROGRESS_KEY = 'kit:progress:v1';
const AT = new Date('2026-03-01T09:00:00Z');

/** A try recorded as the learner's browser (or a file) would hold it, whatever the quiz says now. */
function withTry(session: Session, questionId: string, response: unknown, fraction: number): Session {
  const tries = session.progress[questionId]?.tries ?? [];
  return { ...session, progress: { ...session.progress, [questionId]: { tries: [...tries, { at: AT.toISOString(), response: response as never, fraction }] } } };
}

function progressDocument(sessions: Session[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ version: 1, sessions: Object.fromEntries(sessions.map((s) => [s.quizId, serialise(s)])), shown: {}, ...extra });
}

const formOf = (page: Page, quiz: Quiz, question: Question) => page.locator(`[data-quiz-id="${quiz.id}"] form[data-question-id="${question.id}"]`);

async function reloadDeck(page: Page): Promise<void> {
  await page.reload();
  await page.waitForSelector('.reveal.ready', { state: 'attached' });
}

async function loadFile(page: Page, name: string, text: string): Promise<void> {
  await showSlide(page, 'results');
  await page.getByLabel('Load results from a file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('a saved answer to a choice the teacher has since removed is set aside with a notice; the deck starts and the rest is restored', async ({ page }) => {
  const problems = await openDeck(page);
  const { quizzes } = await readQuizzes(page);
  const quiz = quizzes.find((q) => q.questions.some((x) => x.type === 'single') && q.questions.some((x) => x.type === 'order'))!;
  const single = quiz.questions.find((q) => q.type === 'single')!;
  const order = quiz.questions.find((q) => q.type === 'order')!;
  const kept = quiz.questions.find((q) => q !== single && q !== order)!;
  let session = createSession(quiz, 'learner', AT);
  session = submitTry(quiz, session, kept.id, correctResponse(kept), AT);
  // The learner picked choice "d"; then the teacher removed a choice (and an item) and rebuilt.
  session = withTry(session, single.id, { choice: 'removed-choice' }, 0);
  session = withTry(session, order.id, { order: ['removed-item', ...(correctResponse(order) as { order: string[] }).order] }, 1);
  await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [PROGRESS_KEY, progressDocument([session])]);

  await reloadDeck(page);
  const notice = page.getByRole('status').filter({ hasText: 'no longer fit' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(quiz.title);
  await expect(formOf(page, quiz, kept)).toHaveAttribute('data-result', 'correct');
  await expect(formOf(page, quiz, single)).not.toHaveAttribute('data-result');
  await expect(formOf(page, quiz, order)).not.toHaveAttribute('data-result');
  // Nothing is lost: what was set aside is kept in the browser, under its own key.
  const aside = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('kit:progress:set-aside:')).map(([, v]) => v));
  expect(aside).toHaveLength(1);
  expect(aside[0]).toContain('removed-choice');
  expect(aside[0]).toContain('removed-item');
  // The question set aside can be answered again, and the next visit has no notice.
  await showSlide(page, `quiz-${quiz.id}--${single.id}`);
  await formOf(page, quiz, single).getByRole('radio').first().check();
  await formOf(page, quiz, single).getByRole('button', { name: 'Check' }).click();
  await expect(formOf(page, quiz, single)).toHaveAttribute('data-result', /./);
  await reloadDeck(page);
  await expect(formOf(page, quiz, kept)).toHaveAttribute('data-result', 'correct');
  await expect(page.getByRole('status').filter({ hasText: 'no longer fit' })).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a results file with a choice id the question does not have changes nothing, and the deck still starts after a reload', async ({ page }) => {
  const problems = await openDeck(page);
  const { quizzes } = await readQuizzes(page);
  const quiz = quizzes[0]!;
  const single = quiz.questions.find((q) => q.type === 'single')!;
  const other = quiz.questions.find((q) => q !== single)!;
  // Some progress of the learner's own, which the file must not overwrite.
  let mine = createSession(quiz, 'learner', AT);
  mine = submitTry(quiz, mine, other.id, correctResponse(other), AT);
  await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [PROGRESS_KEY, progressDocument([mine])]);
  await reloadDeck(page);
  const before = await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY);

  const forged = withTry(createSession(quiz, 'someone', AT), single.id, { choice: 'no-such-choice' }, 1);
  await loadFile(page, 'results.json', progressDocument([forged]));
  const status = page.locator('[data-results-status]');
  await expect(status).toContainText('results.json');
  await expect(status).toContainText('no-such-choice');
  await expect(status).toContainText('Nothing was changed');
  expect(await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY)).toBe(before);
  await expect(formOf(page, quiz, other)).toHaveAttribute('data-result', 'correct');

  await reloadDeck(page);
  await expect(formOf(page, quiz, other)).toHaveAttribute('data-result', 'correct');
  await expect(formOf(page, quiz, single)).not.toHaveAttribute('data-result');
  expect(problems).toEqual([]);
});

test('a results file claiming full marks for wrong answers is re-graded: each counts 0', async ({ page }) => {
  const problems = await openDeck(page);
  const { quizzes } = await readQuizzes(page);
  const quiz = quizzes[0]!;
  let forged = createSession(quiz, 'someone', AT);
  for (const question of quiz.questions) forged = withTry(forged, question.id, wrongResponse(question), 1);
  await loadFile(page, 'results.json', progressDocument([forged]));
  await expect(page.locator('[data-results-status]')).toHaveText('Results loaded.');
  const points = quiz.questions.reduce((n, q) => n + q.points, 0);
  const row = page.locator(`[data-quiz-results] tr[data-result-quiz="${quiz.id}"]`);
  // Wrong answers earn nothing, whatever the file says (partly right orders and matches earn their part).
  const partial = quiz.questions.some((q) => q.type === 'multiple' || q.type === 'order' || q.type === 'match' || q.type === 'cloze');
  if (!partial) await expect(row).toContainText(`0 / ${points} (0%)`);
  await expect(row).not.toContainText(`${points} / ${points}`);
  await expect(row).toContainText('Not passed');
  const single = quiz.questions.find((q) => q.type === 'single')!;
  await expect(formOf(page, quiz, single)).toHaveAttribute('data-result', 'incorrect');
  expect(problems).toEqual([]);
});

test('a full storage is said at once; the answer is still graded and what was saved is kept', async ({ page }) => {
  const problems = await openDeck(page);
  const { quizzes } = await readQuizzes(page);
  const quiz = quizzes[0]!;
  const [first, second] = quiz.questions;
  let mine = createSession(quiz, 'learner', AT);
  mine = submitTry(quiz, mine, first!.id, correctResponse(first!), AT);
  await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [PROGRESS_KEY, progressDocument([mine])]);
  await page.addInitScript(() => {
    // The browser's quota for this site is used up: every write fails, reads still work.
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await reloadDeck(page);
  await expect(formOf(page, quiz, first!)).toHaveAttribute('data-result', 'correct');
  const before = await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY);
  await showSlide(page, `quiz-${quiz.id}--${second!.id}`);
  const form = formOf(page, quiz, second!);
  await form.getByRole('button', { name: 'Check' }).click(); // nothing entered: no save, no notice yet
  await expect(page.getByRole('status').filter({ hasText: 'storage is full' })).toHaveCount(0);
  await enter(form, second!, correctResponse(second!));
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(form).toHaveAttribute('data-result', 'correct');
  await expect(page.getByRole('status').filter({ hasText: 'storage is full' })).toBeVisible();
  expect(await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY)).toBe(before);
  expect(problems).toEqual([]);
});

test('the name typed on the results slide names the downloads, is in every row, survives a reload, and comes back with a loaded file', async ({ page }) => {
  const problems = await openDeck(page);
  const { quizzes } = await readQuizzes(page);
  const quiz = quizzes[0]!;
  const question = quiz.questions[0]!;
  await showSlide(page, `quiz-${quiz.id}--${question.id}`);
  await enter(formOf(page, quiz, question), question, correctResponse(question));
  await formOf(page, quiz, question).getByRole('button', { name: 'Check' }).click();

  await showSlide(page, 'results');
  const name = page.getByRole('textbox', { name: 'Your name (optional)' });
  await expect(name).toHaveValue('');
  await expect(name).toHaveAccessibleDescription(/Kept in this browser, on this device only/);
  // Typed key by key: the keys the deck uses (A, C, S…) belong to the field while it has focus.
  await name.focus();
  await page.keyboard.type('Ann C. Lee');
  await expect(name).toHaveValue('Ann C. Lee');
  await expect(page.locator('html')).not.toHaveClass(/kit-contrast-high/);
  await expect(page.locator('section.present#results')).toHaveCount(1);
  const today = await page.evaluate(() => new Date().toLocaleDateString('sv')); // YYYY-MM-DD, the learner's own date

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).click()]);
  expect(csv.suggestedFilename()).toBe(`results-ann-c-lee-${today}.csv`);
  const csvText = Buffer.concat(await (await csv.createReadStream()).toArray()).toString('utf8');
  const [header, ...rows] = csvText.trimEnd().split('\n');
  expect(header).toBe('learner,exported,level,quiz,section,question,try,at,score,max_score,share,correct_or_passed,response');
  for (const row of rows) expect(row).toMatch(new RegExp(`^Ann C\\. Lee,${today}T`));
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as JSON' }).click()]);
  expect(json.suggestedFilename()).toBe(`results-ann-c-lee-${today}.json`);
  expect(JSON.parse(Buffer.concat(await (await json.createReadStream()).toArray()).toString('utf8')).name).toBe('Ann C. Lee');

  // Kept in the browser: the next visit has it, and it can still be changed.
  await reloadDeck(page);
  await showSlide(page, 'results');
  await expect(name).toHaveValue('Ann C. Lee');
  await name.fill('');
  await reloadDeck(page);
  await showSlide(page, 'results');
  await expect(name).toHaveValue('');
  const [unnamed] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).click()]);
  expect(unnamed.suggestedFilename()).toBe(`results-${today}.csv`);

  // A learner's file loaded on another visit brings its name with it.
  await page.getByLabel('Load results from a file').setInputFiles({ name: csv.suggestedFilename(), mimeType: 'text/csv', buffer: Buffer.from(csvText) });
  await expect(page.locator('[data-results-status]')).toHaveText('Results of Ann C. Lee loaded.');
  await expect(name).toHaveValue('Ann C. Lee');
  expect(problems).toEqual([]);
});

test('reloaded in the middle of a question, a wrong try with a try left says the same as before: the hint, no explanation', async ({ page }) => {
  const problems = await openDeck(page);
  const { quizzes } = await readQuizzes(page);
  const quiz = quizzes.find((q) => q.attempts === 2 && q.questions.some((x) => x.type === 'single' && x.hint))!;
  const question = quiz.questions.find((q) => q.type === 'single' && q.hint)!;
  const once = submitTry(quiz, createSession(quiz, 'learner', AT), question.id, wrongResponse(question), AT);
  await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [PROGRESS_KEY, progressDocument([once])]);
  await reloadDeck(page);
  await showSlide(page, `quiz-${quiz.id}--${question.id}`);
  const form = formOf(page, quiz, question);
  const live = form.getByRole('status');
  await expect(form).toHaveAttribute('data-result', 'incorrect');
  await expect(live).toContainText('Tries left: 1');
  await expect(live).toContainText('Hint:');
  await expect(live).not.toContainText('Why:');
  await expect(live).not.toContainText('In the source:');
  await expect(form.getByRole('button', { name: /^Try again/ })).toBeVisible();
  await expect(form.locator('[data-verdict="right"]')).toHaveCount(0);

  // Both tries spent: after a reload the question is over, and explained.
  const twice = submitTry(quiz, once, question.id, wrongResponse(question), AT);
  await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [PROGRESS_KEY, progressDocument([twice])]);
  await reloadDeck(page);
  await showSlide(page, `quiz-${quiz.id}--${question.id}`);
  await expect(live).toContainText('No tries left.');
  await expect(live).toContainText('Why:');
  await expect(live).not.toContainText('Hint:');
  await expect(form.getByRole('button', { name: 'Show answer' })).toBeVisible();
  expect(problems).toEqual([]);
});
