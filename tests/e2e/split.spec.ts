import { expect, test, type Page } from '@playwright/test';
import { correctResponse, presentedOrder } from '../../src/quiz/index.ts';
import { LEARNER_KEY } from '../../src/ui/progress-keys.ts';
import { openDeck, showSlide } from './helpers.ts';
import { answerRight, enter, questionSlide, readQuizzes } from './quiz-helpers.ts';

/**
 * Issue #16: the first slide loads what it shows, and the quiz, print and speaker-view code when
 * first needed, with no difference a learner or teacher notices. Sizes are `npm run bench`'s;
 * these tests check what is fetched when, and that everything still works once it is.
 */

/** The deck's lazily loaded scripts, by the module that starts each (Vite names chunks after it). */
const CHUNK = { quiz: /\/quizzes-[\w-]+\.js$/, print: /\/print-mode-[\w-]+\.js$/, notes: /\/notes-[\w-]+\.js$/ };

/** Every script the page has asked for so far. */
function watchScripts(page: Page): string[] {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  return scripts;
}

const fetched = (scripts: string[], chunk: RegExp) => scripts.some((url) => chunk.test(url));

test('the first slide fetches no quiz, print or speaker-view code; the slide before a quiz fetches the quiz, which then works', async ({ page }) => {
  const scripts = watchScripts(page);
  const problems = await openDeck(page);
  await page.waitForLoadState('networkidle');
  expect(fetched(scripts, CHUNK.quiz)).toBe(false);
  expect(fetched(scripts, CHUNK.print)).toBe(false);
  expect(fetched(scripts, CHUNK.notes)).toBe(false);
  // The help lists the presenter's reveal key before the quiz code is there, as it always did.
  await page.keyboard.press('Shift+Slash');
  await expect(page.locator('.r-overlay-help-content')).toContainText('Alt');
  await page.keyboard.press('Escape');

  const { quizzes } = await readQuizzes(page);
  const quiz = quizzes[0]!;
  // The slide before the quiz's first slide: the quiz is fetched while the learner reads it.
  const before = await page.evaluate((id) => {
    const slides = (globalThis as any).Reveal.getSlides() as HTMLElement[];
    return slides[slides.findIndex((s) => s.id === id) - 1]!.id;
  }, `quiz-${quiz.id}--intro`);
  await showSlide(page, before);
  await expect.poll(() => fetched(scripts, CHUNK.quiz)).toBe(true);
  await answerRight(page, quiz, quiz.questions[0]!);
  expect(fetched(scripts, CHUNK.print)).toBe(false);
  expect(problems).toEqual([]);
});

test('a question opened by a link on a slow network shows its prompt at once and its controls once they work, in the learner\'s order', async ({ page }) => {
  let release = () => {};
  const arrived = new Promise<void>((done) => (release = done));
  // A slow network: the quiz code comes when the test says so.
  await page.route(CHUNK.quiz, async (route) => {
    await arrived;
    await route.continue();
  });
  const { quizzes } = await readQuizzesOf(page);
  const quiz = quizzes[0]!;
  const question = quiz.questions.find((q) => q.type === 'single')!;
  const problems = await openDeck(page, `#/${questionSlide(quiz.id, question.id)}`);
  const form = page.locator(`[data-quiz-id="${quiz.id}"] form[data-question-id="${question.id}"]`);
  await expect(form.locator('legend')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Check' })).toBeHidden();
  await expect(form.getByRole('radio').first()).toBeHidden();
  release();
  await expect(form.getByRole('button', { name: 'Check' })).toBeVisible();
  // The choices in the learner's order (seeded by the learner's id), as they always came.
  const learner = await page.evaluate((key) => localStorage.getItem(key), LEARNER_KEY);
  const order = presentedOrder(quiz, question, learner!);
  const shown = await form.locator('[data-choice-id]').evaluateAll((labels) => labels.map((l) => (l as HTMLElement).dataset.choiceId!));
  expect(shown).toEqual(order.type === 'single' ? order.choices : []);
  await enter(form, question, correctResponse(question));
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(form).toHaveAttribute('data-result', 'correct');
  expect(problems).toEqual([]);
});

test('on a phone (scroll view), a quiz far down the deck is fetched when scrolled to, and works', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const scripts = watchScripts(page);
  const problems = await openDeck(page);
  expect(await page.evaluate(() => (globalThis as any).Reveal.isScrollView())).toBe(true);
  await page.waitForLoadState('networkidle');
  expect(fetched(scripts, CHUNK.quiz)).toBe(false);
  const { quizzes } = await readQuizzes(page);
  const quiz = quizzes.at(-1)!;
  const question = quiz.questions.at(-1)!;
  // Scrolled to, as a learner scrolls: not through reveal.js.
  await page.locator(`section#${questionSlide(quiz.id, question.id)}`).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await expect.poll(() => fetched(scripts, CHUNK.quiz)).toBe(true);
  await answerRight(page, quiz, question);
  expect(problems).toEqual([]);
  await page.close();
});

test('saved progress is restored at start, on the first slide, with the quiz code fetched for it', async ({ page }) => {
  const scripts = watchScripts(page);
  await openDeck(page);
  const { quizzes } = await readQuizzes(page);
  const quiz = quizzes[0]!;
  await answerRight(page, quiz, quiz.questions[0]!);
  scripts.length = 0;
  await page.goto('./');
  await page.waitForSelector('.reveal.ready', { state: 'attached' });
  await expect.poll(() => fetched(scripts, CHUNK.quiz)).toBe(true);
  // The quiz's first slide already shows the score kept.
  await expect(page.locator(`section#quiz-${quiz.id}--intro [data-quiz-score]`)).not.toBeEmpty();
});

test('the speaker view opens on the first press of S, fetched then, and follows the deck', async ({ page }) => {
  const scripts = watchScripts(page);
  await openDeck(page);
  expect(fetched(scripts, CHUNK.notes)).toBe(false);
  const popup = page.waitForEvent('popup');
  await page.keyboard.press('s');
  const speaker = await popup;
  const notes = speaker.locator('.speaker-controls-notes .value');
  await expect(notes).not.toBeEmpty();
  const first = await notes.textContent();
  await page.keyboard.press('ArrowRight');
  await expect(notes).not.toHaveText(first!);
  expect(fetched(scripts, CHUNK.notes)).toBe(true);
});

/** The quiz data, read from the page without starting the deck (the first test of a page must route first). */
async function readQuizzesOf(page: Page) {
  const html = await (await page.request.get('./')).text();
  const json = /<script type="application\/json" id="kit-quizzes">([\s\S]*?)<\/script>/.exec(html)![1]!;
  return JSON.parse(json) as Awaited<ReturnType<typeof readQuizzes>>;
}

test('printing the slides fetches the print code, and the deck on screen never does', async ({ page }) => {
  const scripts = watchScripts(page);
  await page.goto('./?print-pdf');
  await page.waitForSelector('html[data-print-ready]', { state: 'attached' });
  expect(fetched(scripts, CHUNK.print)).toBe(true);
  expect(fetched(scripts, CHUNK.quiz)).toBe(false);
  await expect(page.locator('.quiz-printed').first()).toBeAttached();
});
