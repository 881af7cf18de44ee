/**
 * One deck, two languages: `?lang=zh` and the switch on every slide show the same deck in
 * Chinese, on the same slide, remembered for the next visit, with the learner's progress.
 */
import { expect, test, type Page } from '@playwright/test';
import { correctResponse } from '../../src/quiz/index.ts';
import { openDeck, showSlide, slideIds } from './helpers.ts';
import { enter, openQuestion, readQuizzes } from './quiz-helpers.ts';

const SWITCH = 'nav.kit-lang a[data-lang-switch]';
const currentSlide = (page: Page) => page.evaluate(() => (globalThis as any).Reveal.getCurrentSlide().id as string);

test('?lang=zh shows the deck in Chinese, <html lang="zh">, with the same slides as the English', async ({ page }) => {
  const english = await (async () => {
    await openDeck(page);
    return slideIds(page);
  })();
  const problems = await openDeck(page, '?lang=zh');
  await expect(page).toHaveURL(/index\.zh\.html\?lang=zh(#|$)/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
  await expect(page).toHaveTitle(/[\u4e00-\u9fff]/);
  await expect(page.locator('section.present h1')).toHaveText(/[\u4e00-\u9fff]{4,}/);
  expect(await slideIds(page)).toEqual(english);
  // The interface too: the next-slide control and a quiz's buttons.
  await expect(page.locator('.reveal .controls .navigate-right')).toHaveAttribute('aria-label', /[\u4e00-\u9fff]/);
  // The English page's own requests, cut short when it hands over to the Chinese one, are no fault.
  expect(problems.filter((p) => !p.includes('net::ERR_ABORTED'))).toEqual([]);
});

test('the switch is on every slide, a link the keyboard reaches, and takes the learner to the same slide in the other language', async ({ page }) => {
  await openDeck(page, 'index.html#/traditional--weight');
  for (const id of ['overview--title', 'traditional--weight', 'quiz-traditional-review--intro', 'results']) {
    await showSlide(page, id);
    await expect(page.locator(SWITCH)).toBeVisible();
    await expect(page.locator(SWITCH)).toHaveText('中文');
  }
  await showSlide(page, 'traditional--weight');
  // The keyboard reaches it: Tab from the top of the page.
  await page.locator('body').focus();
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, SWITCH);
  }
  expect(reached, 'Tab reaches the language switch').toBe(true);
  await expect(page.locator(SWITCH)).toHaveAccessibleName(/中文/);
  await page.keyboard.press('Enter');
  await page.waitForURL(/index\.zh\.html/);
  await page.waitForSelector('.reveal.ready', { state: 'attached' });
  expect(await currentSlide(page)).toBe('traditional--weight');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
  await expect(page.locator('section.present h2')).toHaveText(/[\u4e00-\u9fff]/);
  // And back, by the switch that now says English.
  await expect(page.locator(SWITCH)).toHaveText('English');
  await page.locator(SWITCH).click();
  await page.waitForURL(/index\.html\?lang=en#\/traditional--weight$/);
  await page.waitForSelector('.reveal.ready', { state: 'attached' });
  expect(await currentSlide(page)).toBe('traditional--weight');
});

test('the language chosen is remembered: the deck opens in it next time, until another is chosen', async ({ page }) => {
  await openDeck(page, '?lang=zh');
  await openDeck(page, '');
  await expect(page).toHaveURL(/index\.zh\.html/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
  await openDeck(page, 'index.zh.html?lang=en#/overview--objectives');
  await expect(page).toHaveURL(/index\.html\?lang=en#\/overview--objectives$/);
  await openDeck(page, '');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('progress is shared: a question answered in English is answered in Chinese, and the scores agree', async ({ page }) => {
  await openDeck(page);
  const { quizzes } = await readQuizzes(page);
  const quiz = quizzes[0]!;
  const question = quiz.questions.find((q) => q.type === 'single')!;
  const form = await openQuestion(page, quiz, question);
  await enter(form, question, correctResponse(question));
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(form).toHaveAttribute('data-result', 'correct');
  const englishScore = await page.locator(`[data-quiz-id="${quiz.id}"] [data-quiz-score]`).first().textContent();

  await page.locator(SWITCH).click();
  await page.waitForURL(/index\.zh\.html/);
  await page.waitForSelector('.reveal.ready', { state: 'attached' });
  const chinese = page.locator(`[data-quiz-id="${quiz.id}"] form[data-question-id="${question.id}"]`);
  await expect(chinese).toHaveAttribute('data-result', 'correct');
  await expect(chinese.getByRole('radio', { checked: true })).toHaveValue((correctResponse(question) as { choice: string }).choice);
  const chineseScore = await page.locator(`[data-quiz-id="${quiz.id}"] [data-quiz-score]`).first().textContent();
  // The same points in each language's words.
  expect(chineseScore!.match(/\d+/g)).toEqual(englishScore!.match(/\d+/g));
});

/** Whether the text of `selector` (its glyphs' boxes, not its block's) overlaps the language switch. */
async function textUnderSwitch(page: Page, selector: string): Promise<boolean> {
  return page.evaluate(
    ([target, link]) => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector(target)!);
      const pill = document.querySelector(link)!.getBoundingClientRect();
      return [...range.getClientRects()].some((r) => r.right > pill.left && r.left < pill.right && r.bottom > pill.top && r.top < pill.bottom);
    },
    [selector, SWITCH] as const,
  );
}

test('the switch keeps clear of the slides\' headings on a laptop, and is at least 44 px tall', async ({ browser }) => {
  for (const viewport of [{ width: 1280, height: 720 }, { width: 1024, height: 600 }]) {
    const page = await browser.newPage({ viewport });
    // The longest headings of the deck, in both languages.
    for (const path of ['index.html', 'index.zh.html']) {
      await openDeck(page, path);
      const longest = await page.evaluate(() =>
        [...document.querySelectorAll('.reveal .slides section:not([data-slide-id="title"]) > h2:first-child')]
          .sort((a, b) => b.textContent!.length - a.textContent!.length)
          .slice(0, 3)
          .map((h) => h.closest('section')!.id),
      );
      for (const id of ['overview--title', ...longest]) {
        await showSlide(page, id);
        const box = (await page.locator(SWITCH).boundingBox())!;
        expect(box.height).toBeGreaterThanOrEqual(44);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
        expect(await textUnderSwitch(page, `section#${id} > :is(h1, h2)`), `${path} ${id} at ${viewport.width} px`).toBe(false);
      }
    }
    await page.close();
  }
});

test('on a phone the switch has a band of its own at the top: the slides scroll below it, never under it', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  for (const path of ['index.html', 'index.zh.html']) {
    await openDeck(page, path);
    const box = (await page.locator(SWITCH).boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    for (const share of [0, 0.3, 0.7]) {
      const underneath = await page.evaluate(
        ([at, link]) => {
          const viewport = document.querySelector('.reveal-viewport')!;
          viewport.scrollTop = at * viewport.scrollHeight;
          const pill = document.querySelector(link)!.getBoundingClientRect();
          // Whatever the page draws where the switch is, and in the band around it, is never a slide.
          const points = [10, 100, 200, 300, pill.left + 5, pill.right - 5].flatMap((x) => [pill.top + 2, pill.bottom - 2].map((y) => [x, y] as const));
          return points.flatMap(([x, y]) => document.elementsFromPoint(x, y).filter((el) => el.closest('.slides')).map((el) => `${el.tagName} at ${x},${y}`));
        },
        [share, SWITCH] as const,
      );
      expect(underneath, `${path}, scrolled to ${share * 100}%`).toEqual([]);
    }
  }
  await page.close();
});

test('reveal.js\'s own screens speak Chinese too: the keyboard help and the presenter view', async ({ page }) => {
  await openDeck(page, 'index.zh.html#/overview--title');
  await page.keyboard.press('Shift+Slash');
  const help = page.locator('.r-overlay-help-content');
  await expect(help.locator('.title')).toHaveText('键盘快捷键');
  await expect(help.locator('th').first()).toHaveText('按键');
  // Every action is described in Chinese (the keys themselves are key names).
  const actions = await help.locator('td:nth-child(2)').allTextContents();
  expect(actions.length).toBeGreaterThan(10);
  expect(actions.filter((action) => !/[\u4e00-\u9fff]/.test(action))).toEqual([]);
  // Its box scrolls: the keyboard can reach it, and it is named.
  const box = page.getByRole('region', { name: '键盘快捷键' });
  await box.focus();
  await expect(box).toBeFocused();
  await page.keyboard.press('Escape');

  const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  await expect(popup.locator('#upcoming-slide .label')).toHaveText('下一张');
  await expect(popup.locator('.speaker-controls-notes h4.label')).toHaveText(/讲解备注/);
  await expect(popup.locator('html')).toHaveAttribute('lang', 'zh');
  await expect(popup.locator('.speaker-controls-notes .value')).toContainText(/[\u4e00-\u9fff]{10}/);
});

test('a cloze written with Chinese blank names is answered in Chinese on the Chinese page, typed with spaces or full-width forms, and counts in English too', async ({ page }) => {
  await openDeck(page, 'index.zh.html');
  const { quizzes } = await readQuizzes(page);
  const quiz = quizzes.find((q) => q.id === 'traditional-review')!;
  const question = quiz.questions.find((q) => q.id === 'traditional-three-products')!;
  if (question.type !== 'cloze') throw new Error('traditional-three-products is no longer a cloze');
  const form = await openQuestion(page, quiz, question);
  for (const blank of question.blanks) {
    const control = form.locator(`[data-blank-id="${blank.id}"]`);
    if (blank.kind === 'choice') await control.selectOption(blank.answer);
    // The first accepted answer, typed with an ideographic space between its characters.
    else await control.fill([...blank.answers.find((a) => a.fraction === 1 && !a.lang)!.text.replace(/\*/g, '')].join('\u3000'));
  }
  await form.getByRole('button', { name: '检查答案' }).click();
  await expect(form).toHaveAttribute('data-result', 'correct');
  await expect(form.locator('.quiz-verdict')).toContainText(/[\u4e00-\u9fff]/);
  // The same answer, on the English page: right there too.
  await page.locator(SWITCH).click();
  await page.waitForURL(/index\.html/);
  await page.waitForSelector('.reveal.ready', { state: 'attached' });
  await expect(page.locator(`[data-quiz-id="${quiz.id}"] form[data-question-id="${question.id}"]`)).toHaveAttribute('data-result', 'correct');
});
