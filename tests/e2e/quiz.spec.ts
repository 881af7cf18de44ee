import { expect, test } from '@playwright/test';
import { correctResponse } from '../../src/quiz/index.ts';
import { openDeck, showSlide } from './helpers.ts';
import { answerRight, enter, expectInsideSlide, openQuestion, readQuizzes, wrongResponse } from './quiz-helpers.ts';

const EXPECTED_QUIZZES = ['traditional-review', 'advantageous-review', 'emerging-review', 'future-review', 'dual-circulation-review', 'final-review'];

test('each quiz is its own stack right after its section, with a question per slide', async ({ page }) => {
  await openDeck(page);
  const { quizzes } = await readQuizzes(page);
  expect(quizzes.map((q) => q.id)).toEqual(EXPECTED_QUIZZES);
  const types = new Set(quizzes.flatMap((q) => q.questions.map((question) => question.type)));
  expect([...types].sort()).toEqual(['cloze', 'match', 'multiple', 'numeric', 'order', 'single', 'text', 'truefalse']);
  for (const quiz of quizzes) {
    const stack = page.locator(`.reveal .slides > section[data-quiz-id="${quiz.id}"]`);
    await expect(stack).toHaveCount(1);
    // The slide before the stack is the last slide of the section the quiz follows.
    const before = await stack.evaluate((el) => (el.previousElementSibling as HTMLElement).dataset.sectionId);
    expect(before).toBe(quiz.after);
    for (const question of quiz.questions) await expect(stack.locator(`form[data-question-id="${question.id}"]`)).toHaveCount(1);
  }
});

for (const quizId of EXPECTED_QUIZZES) {
  test(`${quizId}: every question answered right is graded correct, explained, and linked to its slide`, async ({ page }) => {
    const problems = await openDeck(page);
    const payload = await readQuizzes(page);
    const quiz = payload.quizzes.find((q) => q.id === quizId)!;
    for (const question of quiz.questions) {
      const form = await answerRight(page, quiz, question);
      const live = form.getByRole('status');
      await expect(live).toContainText('Correct');
      await expect(live).toContainText('Why:');
      const link = live.getByRole('link', { name: /^Review the slide/ });
      await expect(link).toHaveAttribute('href', payload.slides[question.slide!]!.href);
      await expectInsideSlide(form);
    }
    await showSlide(page, `quiz-${quizId}--intro`);
    const points = quiz.questions.reduce((n, q) => n + q.points, 0);
    await expect(page.locator(`[data-quiz-id="${quizId}"] [data-quiz-score]`)).toContainText(`${points} of ${points} points (100%)`);
    expect(problems).toEqual([]);
  });

  test(`${quizId}: every question answered wrong is graded, with feedback, never a silent zero`, async ({ page }) => {
    await openDeck(page);
    const quiz = (await readQuizzes(page)).quizzes.find((q) => q.id === quizId)!;
    for (const question of quiz.questions) {
      const form = await openQuestion(page, quiz, question);
      await enter(form, question, wrongResponse(question));
      await form.getByRole('button', { name: 'Check' }).click();
      await expect(form).toHaveAttribute('data-result', /^(incorrect|partial)$/);
      const live = form.getByRole('status');
      await expect(live).toContainText(/Not correct|Partly correct/);
      if (quiz.attempts === 1) {
        // The only try: the question is over, and explained.
        await expect(live).toContainText('Why:');
        await expect(live).toContainText('In the source:');
      } else {
        // A try left: the hint, not the explanation or the source, which would give the answer away.
        await expect(live).toContainText(`Tries left: ${quiz.attempts - 1}`);
        await expect(live).not.toContainText('Why:');
        await expect(live).not.toContainText('In the source:');
        if (question.hint) await expect(live).toContainText('Hint:');
      }
      if (question.type === 'single') {
        const chosen = question.choices.find((c) => c.id === (wrongResponse(question) as { choice: string }).choice)!;
        if (chosen.feedback) await expect(live.locator('.quiz-choice-feedback')).toHaveCount(1);
      }
      // A way on: another try, or the answer.
      await expect(form.getByRole('button', { name: /Try again|Show answer/ }).first()).toBeVisible();
      await expectInsideSlide(form);
    }
  });
}

test('a wrong try, then Try again with the penalty shown, keeps the best score after the penalty', async ({ page }) => {
  await openDeck(page);
  const quiz = (await readQuizzes(page)).quizzes.find((q) => q.id === 'traditional-review')!;
  expect(quiz.penalty).toBeGreaterThan(0);
  const question = quiz.questions.find((q) => q.type === 'single')!;
  const form = await openQuestion(page, quiz, question);
  await enter(form, question, wrongResponse(question));
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(form).toHaveAttribute('data-result', 'incorrect');
  const retry = form.getByRole('button', { name: `Try again (next try earns at most ${Math.round((1 - quiz.penalty) * 100)}%)` });
  await retry.click();
  await expect(form).not.toHaveAttribute('data-result');
  await enter(form, question, correctResponse(question));
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(form).toHaveAttribute('data-result', 'correct');
  await expect(form.getByRole('status')).toContainText(`${+(question.points * (1 - quiz.penalty)).toFixed(2)} of ${question.points} point${question.points === 1 ? '' : 's'}`);
});

test('a wrong try with a try left hints but does not give the answer away; the last try explains', async ({ page }) => {
  await openDeck(page);
  const quiz = (await readQuizzes(page)).quizzes.find((q) => q.attempts === 2)!;
  const question = quiz.questions.find((q) => q.type === 'single' && q.hint && q.choices.length > 2)!;
  expect(question, 'a single-choice question with a hint and three choices or more').toBeDefined();
  if (question.type !== 'single') throw new Error('not a single-choice question');
  const form = await openQuestion(page, quiz, question);
  const live = form.getByRole('status');
  const [first, second] = question.choices.filter((c) => !c.correct);
  await enter(form, question, { choice: first!.id });
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(live).toContainText('Not correct');
  await expect(live).toContainText('Tries left: 1');
  await expect(live.locator('.quiz-feedback-hint')).toContainText('Hint:');
  for (const gone of ['Why:', 'In the source:', 'The answer:']) await expect(live).not.toContainText(gone);
  // Only the choice picked is marked; nothing points at the right one.
  await expect(form.locator('[data-verdict="right"]')).toHaveCount(0);
  await expect(form.locator('.quiz-choice[data-verdict="wrong"]')).toHaveCount(1);
  await expect(form.getByRole('button', { name: 'Show answer' })).toBeHidden();
  // Try again: the hint stays in view while the learner answers again.
  await form.getByRole('button', { name: /^Try again/ }).click();
  await expect(form.locator('.quiz-hint')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Hint' })).toHaveAttribute('aria-expanded', 'true');
  await enter(form, question, { choice: second!.id });
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(live).toContainText('No tries left.');
  await expect(live).toContainText('Why:');
  await expect(live).toContainText('In the source:');
  await expect(live.locator('.quiz-feedback-hint')).toHaveCount(0);
  await expectInsideSlide(form);
});

test('when the tries are spent, Show answer fills in the answer and says so', async ({ page }) => {
  await openDeck(page);
  const quiz = (await readQuizzes(page)).quizzes.find((q) => q.attempts > 0)!;
  const question = quiz.questions.find((q) => q.type === 'single' || q.type === 'truefalse')!;
  const form = await openQuestion(page, quiz, question);
  for (let n = 0; n < quiz.attempts; n++) {
    if (n > 0) await form.getByRole('button', { name: /^Try again/ }).click();
    await enter(form, question, wrongResponse(question));
    await form.getByRole('button', { name: 'Check' }).click();
    await expect(form).toHaveAttribute('data-result', 'incorrect');
  }
  await expect(form.getByRole('button', { name: /^Try again/ })).toBeHidden();
  await expect(form.getByRole('status')).toContainText('No tries left.');
  await form.getByRole('button', { name: 'Show answer' }).click();
  await expect(form).toHaveAttribute('data-answer-shown', 'true');
  await expect(form.getByRole('status')).toContainText('Answer shown');
  await expect(form.getByRole('status')).toContainText('The answer:');
});

test('once the question is over the hint goes, the buttons keep their height, and Show answer keeps what the learner typed', async ({ page }) => {
  await openDeck(page);
  const quiz = (await readQuizzes(page)).quizzes.find((q) => q.id === 'traditional-review')!;
  const question = quiz.questions.find((q) => q.id === 'traditional-cr4')!;
  expect(question.type).toBe('numeric');
  const form = await openQuestion(page, quiz, question);
  const box = form.getByRole('textbox', { name: 'Your answer' });
  for (let n = 0; n < quiz.attempts; n++) {
    if (n > 0) await form.getByRole('button', { name: /^Try again/ }).click();
    await box.fill('70');
    await form.getByRole('button', { name: 'Check' }).click();
    await expect(form).toHaveAttribute('data-result', 'incorrect');
  }
  await expect(form.getByRole('status')).toContainText('Why:');
  // The explanation is shown: no Hint button, no hint box under it.
  await expect(form.getByRole('button', { name: 'Hint' })).toBeHidden();
  await expect(form.locator('.quiz-hint')).toBeHidden();
  const show = form.getByRole('button', { name: 'Show answer' });
  expect((await show.boundingBox())!.height).toBeLessThan(60);
  await show.click();
  await expect(box).toHaveValue('70');
  await expect(form.getByRole('status')).toContainText('The answer: 90');
  await page.reload();
  await page.waitForSelector('.reveal.ready', { state: 'attached' });
  // reveal.js writes the slide into the address up to a second late: a quick reload may open the
  // slide before; what is checked is the question as it was kept, so show it.
  await openQuestion(page, quiz, question);
  await expect(box).toHaveValue('70');
  await expect(form.getByRole('status')).toContainText('The answer: 90');
});

test('a hint is shown on request', async ({ page }) => {
  await openDeck(page);
  const quiz = (await readQuizzes(page)).quizzes.find((q) => q.questions.some((question) => question.hint))!;
  const question = quiz.questions.find((q) => q.hint)!;
  const form = await openQuestion(page, quiz, question);
  const hint = form.getByRole('button', { name: 'Hint' });
  await expect(hint).toHaveAttribute('aria-expanded', 'false');
  await hint.click();
  await expect(hint).toHaveAttribute('aria-expanded', 'true');
  await expect(form.locator('.quiz-hint')).toBeVisible();
});

test('Check without an answer, or with text where a number goes, says what to do and grades nothing', async ({ page }) => {
  await openDeck(page);
  const quiz = (await readQuizzes(page)).quizzes.find((q) => q.questions.some((question) => question.type === 'numeric'))!;
  const question = quiz.questions.find((q) => q.type === 'numeric')!;
  const form = await openQuestion(page, quiz, question);
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(form.getByRole('status')).toContainText('Answer the question first');
  await form.getByRole('textbox', { name: 'Your answer' }).fill('eighty');
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(form.getByRole('status')).toContainText('Type a number');
  await expect(form).not.toHaveAttribute('data-result');
  const answer = (correctResponse(question) as { value: number }).value;
  await form.getByRole('textbox', { name: 'Your answer' }).fill(`${answer} %`);
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(form).toHaveAttribute('data-result', 'correct');
});

test('progress survives a reload; a quiz or the whole deck can be reset', async ({ page }) => {
  await openDeck(page);
  const { quizzes } = await readQuizzes(page);
  const [first, second] = quizzes;
  await answerRight(page, first!, first!.questions[0]!);
  await answerRight(page, second!, second!.questions[0]!);
  await page.reload();
  await page.waitForSelector('.reveal.ready', { state: 'attached' });
  const form = page.locator(`[data-quiz-id="${first!.id}"] form[data-question-id="${first!.questions[0]!.id}"]`);
  await expect(form).toHaveAttribute('data-result', 'correct');

  page.on('dialog', (dialog) => dialog.accept());
  await showSlide(page, `quiz-${first!.id}--intro`);
  await page.locator(`[data-quiz-id="${first!.id}"]`).getByRole('button', { name: 'Reset this quiz' }).click();
  await expect(form).not.toHaveAttribute('data-result');
  await expect(page.locator(`[data-quiz-id="${second!.id}"] form[data-question-id="${second!.questions[0]!.id}"]`)).toHaveAttribute('data-result', 'correct');

  await showSlide(page, 'results');
  await page.getByRole('button', { name: 'Reset the whole deck' }).click();
  await expect(page.locator('[data-results-status]')).toHaveText('Progress cleared.');
  await expect(page.locator(`[data-quiz-id="${second!.id}"] form[data-question-id="${second!.questions[0]!.id}"]`)).not.toHaveAttribute('data-result');
  await page.reload();
  await page.waitForSelector('.reveal.ready', { state: 'attached' });
  await expect(page.locator('form[data-result]')).toHaveCount(0);
});

test('saved progress that cannot be read is set aside with a notice, not a crash', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('kit:progress:v1', '{"version":1,"sessions":{"traditional-review":"not json at all"}}');
      sessionStorage.setItem('seeded', '1');
    }
  });
  const problems = await openDeck(page);
  await expect(page.getByRole('status').filter({ hasText: 'could not be read' })).toBeVisible();
  const keys = await page.evaluate(() => Object.keys(localStorage));
  expect(keys.some((k) => k.startsWith('kit:progress:unreadable:'))).toBe(true);
  expect(problems).toEqual([]);
});

test('the results slide sums each quiz and the deck, and results download and load as JSON and CSV', async ({ page }) => {
  await openDeck(page);
  const { quizzes } = await readQuizzes(page);
  const quiz = quizzes[0]!;
  // Nothing answered yet: the deck has not been failed, it has not been started.
  await showSlide(page, 'results');
  await expect(page.locator('[data-quiz-results] tr[data-result-deck]')).toContainText('Not started');
  for (const question of quiz.questions) await answerRight(page, quiz, question);
  await showSlide(page, 'results');
  const row = page.locator(`[data-quiz-results] tr[data-result-quiz="${quiz.id}"]`);
  const points = quiz.questions.reduce((n, q) => n + q.points, 0);
  await expect(row).toContainText(`${points} / ${points} (100%)`);
  await expect(row).toContainText('70%');
  await expect(row).toContainText('Passed');
  const total = quizzes.reduce((n, q) => n + q.questions.reduce((m, question) => m + question.points, 0), 0);
  await expect(page.locator('[data-quiz-results] tr[data-result-deck]')).toContainText(`${points} / ${total}`);

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as JSON' }).click()]);
  const saved = await (await json.createReadStream()).toArray();
  const text = Buffer.concat(saved).toString('utf8');
  expect(JSON.parse(text).sessions[quiz.id]).toBeTruthy();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).click()]);
  const csvText = Buffer.concat(await (await csv.createReadStream()).toArray()).toString('utf8');
  expect(csvText.split('\n')[0]).toBe('learner,exported,level,quiz,section,question,try,at,score,max_score,share,correct_or_passed,response');
  expect(csvText).toContain(`,quiz,${quiz.id},${quiz.after},,,,${points},${points},1,true`);

  page.on('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Reset the whole deck' }).click();
  await expect(row).toContainText('Not started');
  await page.getByLabel('Load results from a file').setInputFiles({ name: 'results.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.locator('[data-results-status]')).toHaveText('Results loaded.');
  await expect(row).toContainText(`${points} / ${points} (100%)`);
  // The CSV loads back too: reset, load it, and the scores return.
  await page.getByRole('button', { name: 'Reset the whole deck' }).click();
  await expect(row).toContainText('Not started');
  await page.getByLabel('Load results from a file').setInputFiles({ name: 'results.csv', mimeType: 'text/csv', buffer: Buffer.from(csvText) });
  await expect(page.locator('[data-results-status]')).toHaveText('Results loaded.');
  await expect(row).toContainText(`${points} / ${points} (100%)`);
  await page.getByLabel('Load results from a file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"nope":1}') });
  await expect(page.locator('[data-results-status]')).toContainText('bad.json was not loaded');
  await expect(page.locator('[data-results-status]')).toContainText('Nothing was changed');
  await expect(row).toContainText(`${points} / ${points} (100%)`);
});

test('questions missed earlier come back at the end of the final review', async ({ page }) => {
  await openDeck(page);
  const { quizzes } = await readQuizzes(page);
  const quiz = quizzes[1]!;
  const question = quiz.questions.find((q) => q.type === 'single')!;
  const form = await openQuestion(page, quiz, question);
  await enter(form, question, wrongResponse(question));
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(form).toHaveAttribute('data-result', 'incorrect');
  await showSlide(page, 'quiz-missed');
  const copy = page.locator(`[data-missed-review] form[data-question-id="${quiz.id}--${question.id}"]`);
  await expect(copy).toHaveCount(1);
  await expect(page.locator('[data-missed-review]')).toContainText(`From “${quiz.title}”`);
  await enter(copy, question, correctResponse(question));
  await copy.getByRole('button', { name: 'Check' }).click();
  await expect(copy).toHaveAttribute('data-result', 'correct');
  // Practice does not change the score of the quiz the question came from.
  await expect(form).toHaveAttribute('data-result', 'incorrect');
  // Reviewing the slide from the practice and coming back keeps the practice as it was.
  await copy.getByRole('link', { name: /^Review the slide/ }).click();
  await expect(page.locator(`section#${question.slide!.replace('/', '--')}`)).toHaveClass(/present/);
  await page.goBack();
  await expect(page.locator('section#quiz-missed')).toHaveClass(/present/);
  await expect(copy).toHaveAttribute('data-result', 'correct');
});

test('a quiz can be completed with the keyboard alone, and arrow keys never change the slide', async ({ page }) => {
  await openDeck(page);
  const quiz = (await readQuizzes(page)).quizzes.find((q) => q.id === 'final-review')!;
  for (const question of quiz.questions) {
    const form = await openQuestion(page, quiz, question);
    const slideId = await page.evaluate(() => (globalThis as any).Reveal.getCurrentSlide().id);
    const answer = correctResponse(question) as any;
    // Focus the first control of the question, as Tab would after the slide's heading.
    await form.locator('input, select, button').first().focus();
    switch (question.type) {
      case 'single': {
        const radios = form.getByRole('radio');
        const values = await radios.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
        await radios.first().press('Space');
        for (let i = 0; i < values.indexOf(answer.choice); i++) await page.keyboard.press('ArrowDown');
        break;
      }
      case 'truefalse':
        await form.getByRole('radio', { name: answer.value ? 'True' : 'False', exact: true }).focus();
        await page.keyboard.press('Space');
        break;
      case 'multiple':
        for (const box of await form.getByRole('checkbox').all()) {
          await box.focus();
          if (answer.choices.includes(await box.getAttribute('value'))) await page.keyboard.press('Space');
        }
        break;
      case 'order': {
        for (let position = 0; position < answer.order.length; position++) {
          for (;;) {
            const ids = await form.locator('.quiz-order > li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.itemId!));
            if (ids.indexOf(answer.order[position]) === position) break;
            await form.locator(`li[data-item-id="${answer.order[position]}"]`).getByRole('button', { name: /up$/ }).focus();
            await page.keyboard.press('Enter');
          }
        }
        break;
      }
      case 'match':
        for (const pair of question.pairs) {
          const select = form.locator(`[data-pair-id="${pair.id}"] select`);
          await select.focus();
          const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
          for (let i = 0; i < options.indexOf(answer.matches[pair.id]); i++) await page.keyboard.press('ArrowDown');
        }
        break;
      case 'cloze':
        for (const blank of question.blanks) {
          const control = form.locator(`[data-blank-id="${blank.id}"]`);
          await control.focus();
          if (blank.kind === 'choice') {
            const options = await control.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
            for (let i = 0; i < options.indexOf(answer.blanks[blank.id]); i++) await page.keyboard.press('ArrowDown');
          } else await page.keyboard.type(answer.blanks[blank.id]);
        }
        break;
      default:
        await form.getByRole('textbox').focus();
        await page.keyboard.type(String(answer.value ?? answer.text));
    }
    // On the Check button, arrow keys and Space stay in the quiz: the slide does not change.
    await form.getByRole('button', { name: 'Check' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (globalThis as any).Reveal.getCurrentSlide().id)).toBe(slideId);
    await page.keyboard.press('Enter');
    await expect(form, question.id).toHaveAttribute('data-result', 'correct');
  }
});

test('in class: the speaker notes of a question give the answer, and A reveals it to the room', async ({ page }) => {
  await openDeck(page);
  const quiz = (await readQuizzes(page)).quizzes[0]!;
  const question = quiz.questions.find((q) => q.type === 'single')!;
  const form = await openQuestion(page, quiz, question);
  const notes = page.locator(`section#quiz-${quiz.id}--${question.id} aside.notes`);
  await expect(notes).toContainText('The answer:');
  await expect(notes).toContainText(question.choices.find((c) => c.correct)!.text.replace(/[*_]/g, '').slice(0, 20));
  await expect(notes).toContainText('Alt+A');
  await page.locator('body').press('a');
  await expect(form).toHaveAttribute('data-answer-shown', 'true');
  // The room sees the right choice marked, and nothing ticked on its behalf.
  const right = form.locator(`[data-choice-id="${(correctResponse(question) as { choice: string }).choice}"]`);
  await expect(right).toHaveAttribute('data-verdict', 'right');
  await expect(right).toContainText('Right');
  await expect(form.getByRole('radio', { checked: true })).toHaveCount(0);
});

test('in class: with a radio button focused A reveals; in a text box A types "a" and Alt+A reveals', async ({ page }) => {
  await openDeck(page);
  const { quizzes } = await readQuizzes(page);
  // A choice focused (the keys belong to the quiz there): A still reveals.
  const quiz = quizzes[0]!;
  const single = quiz.questions.find((q) => q.type === 'single')!;
  const choices = await openQuestion(page, quiz, single);
  await choices.getByRole('radio').first().focus();
  await page.keyboard.press('a');
  await expect(choices).toHaveAttribute('data-answer-shown', 'true');

  // The teacher typed the room's answer into a text box: the letter a is typed, nothing revealed.
  const found = quizzes.flatMap((q) => q.questions.map((question) => ({ quiz: q, question }))).find(({ question }) => question.type === 'text')!;
  const form = await openQuestion(page, found.quiz, found.question);
  const box = form.getByRole('textbox', { name: 'Your answer' });
  await box.focus();
  await page.keyboard.type('a carbon');
  await expect(box).toHaveValue('a carbon');
  await expect(form).not.toHaveAttribute('data-answer-shown');
  // Alt+A reveals from the box, and types no "å" or "a" into it.
  await page.keyboard.press('Alt+a');
  await expect(form).toHaveAttribute('data-answer-shown', 'true');
  // The room's answer stays where it was typed; the right one is said in the feedback.
  await expect(box).toHaveValue('a carbon');
  await expect(form.getByRole('status')).toContainText('Answer shown');
  await expect(form.getByRole('status')).toContainText('The answer:');
  // The slide did not change.
  expect(await page.evaluate(() => (globalThis as any).Reveal.getCurrentSlide().id)).toBe(`quiz-${found.quiz.id}--${found.question.id}`);
});

test('on a phone, in the scroll view, a question can be answered and is explained', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const problems = await openDeck(page);
  const quiz = (await readQuizzes(page)).quizzes[0]!;
  const question = quiz.questions.find((q) => q.type === 'single')!;
  const form = page.locator(`[data-quiz-id="${quiz.id}"] form[data-question-id="${question.id}"]`);
  await form.scrollIntoViewIfNeeded();
  await enter(form, question, correctResponse(question));
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(form).toHaveAttribute('data-result', 'correct');
  await expect(form.getByRole('status')).toBeInViewport({ ratio: 0.3 });
  expect(problems).toEqual([]);
  await page.close();
});

test('at 1280×720 every control of the results slide is inside the slide, clear of the slide number and the arrows', async ({ page }) => {
  await openDeck(page);
  const { quizzes } = await readQuizzes(page);
  // A quiz answered, so its row reads "Not passed yet", and a status line after a file that failed to load.
  await answerRight(page, quizzes[0]!, quizzes[0]!.questions[0]!);
  await showSlide(page, 'results');
  await page.getByLabel('Load results from a file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"nope":1}') });
  await expect(page.locator('[data-results-status]')).toContainText('Nothing was changed');
  await expect(page.locator('[data-quiz-results] tbody tr')).toHaveCount(quizzes.length);
  const report = await page.evaluate(() => {
    type Box = { left: number; top: number; right: number; bottom: number };
    const box = (el: Element): Box => el.getBoundingClientRect();
    const overlaps = (a: Box, b: Box) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const slide = box(document.querySelector('#results')!);
    const viewport = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
    const chrome = [...document.querySelectorAll('.reveal > .slide-number, .reveal > .controls button:not([disabled])')].filter((el) => el.getClientRects().length).map(box);
    const parts = [...document.querySelectorAll('#results :is(button, input, label, [data-results-status], th, td)')];
    return parts.flatMap((el) => {
      const b = box(el);
      const name = `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30) || (el as HTMLInputElement).type}"`;
      const problems: string[] = [];
      if (b.left < slide.left - 1 || b.right > slide.right + 1 || b.top < slide.top - 1 || b.bottom > slide.bottom + 1) problems.push(`${name} is outside the slide`);
      if (b.right > viewport.right || b.bottom > viewport.bottom) problems.push(`${name} is outside the window`);
      if (chrome.some((c) => overlaps(b, c))) problems.push(`${name} is covered by the slide number or the arrows`);
      return problems;
    });
  });
  expect(report).toEqual([]);
});

test('partial credit is shown rounded, and one point is "1 point"', async ({ page }) => {
  await openDeck(page);
  const { quizzes } = await readQuizzes(page);
  // A multiple-select question with three correct options: one of them alone earns a third.
  const found = quizzes
    .flatMap((quiz) => quiz.questions.map((question) => ({ quiz, question })))
    .find(({ question }) => question.type === 'multiple' && question.points === 1 && question.choices.filter((c) => c.correct).length === 3 && !question.choices.some((c) => c.fraction !== undefined));
  expect(found, 'a multiple-select question with three correct options').toBeDefined();
  const { quiz, question } = found!;
  if (question.type !== 'multiple') throw new Error('not a multiple-select question');
  const form = await openQuestion(page, quiz, question);
  await enter(form, question, { choices: [question.choices.find((c) => c.correct)!.id] });
  await form.getByRole('button', { name: 'Check' }).click();
  const live = form.getByRole('status');
  await expect(live).toContainText('0.33 of 1 point');
  await expect(live).not.toContainText('0.333');
  await expect(live).not.toContainText('1 points');
});

test('"Review the slide" is a step the learner can undo: Back, or "Back to the question" on the slide, returns to the question as it was', async ({ page }) => {
  // KIT_CPU_THROTTLE=4 runs the page 4 times slower, as a loaded classroom laptop would (the races with reveal.js's address writes are timing races).
  if (process.env.KIT_CPU_THROTTLE) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.KIT_CPU_THROTTLE) });
  await openDeck(page);
  const quiz = (await readQuizzes(page)).quizzes.find((q) => q.attempts === 2)!;
  const question = quiz.questions.find((q) => q.type === 'single')!;
  const questionId = `quiz-${quiz.id}--${question.id}`;
  const teachingId = question.slide!.replace('/', '--');
  const questionSlide = page.locator(`section#${questionId}`);
  const teachingSlide = page.locator(`section#${teachingId}`);
  const form = await openQuestion(page, quiz, question);
  const wrong = wrongResponse(question) as { choice: string };
  await enter(form, question, wrong);
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(form.getByRole('status')).toContainText('Tries left: 1');
  const link = form.getByRole('link', { name: /^Review the slide/ });
  const back = page.getByRole('button', { name: 'Back to the question' });
  /** The question as the learner left it: answered wrong, a try left, the choice still picked. */
  const expectQuestionAsLeft = async () => {
    await expect(questionSlide).toHaveClass(/present/);
    await expect(page).toHaveURL(new RegExp(`#/${questionId}$`));
    await expect(form).toHaveAttribute('data-result', 'incorrect');
    await expect(form.getByRole('status')).toContainText('Tries left: 1');
    await expect(form.locator(`input[value="${wrong.choice}"]`)).toBeChecked();
    await expect(back).toHaveCount(0);
  };

  // Followed while reveal.js's write of the question's address is still pending (it writes at most
  // once a second): the intro, then the question, then the link at once; then the browser's Back,
  // before its write of the teaching slide's address has come.
  await page.evaluate(([intro, question]) => {
    const deck = (globalThis as any).Reveal;
    for (const id of [intro, question]) deck.slide(deck.getIndices(document.getElementById(id!)).h, deck.getIndices(document.getElementById(id!)).v);
  }, [`quiz-${quiz.id}--intro`, questionId]);
  await expect(questionSlide).toHaveClass(/present/);
  const pending = !page.url().endsWith(`#/${questionId}`);
  test.info().annotations.push({ type: 'address', description: pending ? 'the question’s address was still pending when the link was followed' : 'the question’s address was already written' });
  await link.click();
  await expect(teachingSlide).toHaveClass(/present/);
  await expect(page).toHaveURL(new RegExp(`#/${teachingId}$`));
  await expect(back).toBeVisible();
  await page.goBack();
  await expectQuestionAsLeft();
  // Focus is back on the link that was followed.
  await expect(link).toBeFocused();
  // Forward returns to the slide, with its button.
  await page.goForward();
  await expect(teachingSlide).toHaveClass(/present/);
  await expect(back).toBeVisible();
  // The button, by keyboard: the first Tab stop after the slide's heading.
  await expect(teachingSlide.locator('h1, h2').first()).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(back).toBeFocused();
  await page.keyboard.press('Enter');
  await expectQuestionAsLeft();

  // Followed once reveal.js has written the address (over a second later), and back with the button.
  await page.waitForTimeout(1200); // reveal.js writes the address at most once a second: this is the other path
  await link.click();
  await expect(teachingSlide).toHaveClass(/present/);
  await page.waitForTimeout(1200);
  await back.click();
  await expectQuestionAsLeft();
  // Reached by navigation from the question, the slide has no "Back to the question".
  await showSlide(page, teachingId);
  await expect(back).toHaveCount(0);
});

test('"Back to the question" is there only after "Review the slide", and a reload keeps it', async ({ page }) => {
  await openDeck(page);
  const quiz = (await readQuizzes(page)).quizzes[0]!;
  const question = quiz.questions.find((q) => q.type === 'single')!;
  const teachingId = question.slide!.replace('/', '--');
  // Reached by navigation, the teaching slide has no such button.
  await showSlide(page, teachingId);
  await expect(page.getByRole('button', { name: 'Back to the question' })).toHaveCount(0);
  const form = await openQuestion(page, quiz, question);
  await enter(form, question, correctResponse(question));
  await form.getByRole('button', { name: 'Check' }).click();
  await form.getByRole('link', { name: /^Review the slide/ }).click();
  await expect(page.locator(`section#${teachingId}`)).toHaveClass(/present/);
  await page.reload();
  await page.waitForSelector('.reveal.ready', { state: 'attached' });
  await expect(page.locator(`section#${teachingId}`)).toHaveClass(/present/);
  const back = page.getByRole('button', { name: 'Back to the question' });
  await expect(back).toBeVisible();
  await back.click();
  await expect(page.locator(`section#quiz-${quiz.id}--${question.id}`)).toHaveClass(/present/);
  await expect(page.locator(`[data-quiz-id="${quiz.id}"] form[data-question-id="${question.id}"]`)).toHaveAttribute('data-result', 'correct');
});

test('cloze: typed blanks and drop-down blanks are the same height, in the same type', async ({ page }) => {
  await openDeck(page);
  const quiz = (await readQuizzes(page)).quizzes.find((q) => q.id === 'traditional-review')!;
  const question = quiz.questions.find((q) => q.id === 'traditional-three-products')!;
  const form = await openQuestion(page, quiz, question);
  const boxes = await form.locator('.quiz-cloze .quiz-blank').evaluateAll((els) =>
    els.map((el) => ({ tag: el.tagName, height: Math.round(el.getBoundingClientRect().height), font: getComputedStyle(el).fontSize })),
  );
  expect(new Set(boxes.map((b) => b.tag))).toEqual(new Set(['INPUT', 'SELECT']));
  expect(new Set(boxes.map((b) => b.font)).size).toBe(1);
  const heights = boxes.map((b) => b.height);
  expect(Math.max(...heights) - Math.min(...heights)).toBeLessThanOrEqual(2);
});

test('match: the chosen option shows whole, and after a try each pair set says Right or Wrong without naming the answer', async ({ page }) => {
  await openDeck(page);
  const quiz = (await readQuizzes(page)).quizzes.find((q) => q.id === 'traditional-review')!;
  const question = quiz.questions.find((q) => q.id === 'traditional-directions')!;
  if (question.type !== 'match') throw new Error('not a match question');
  const form = await openQuestion(page, quiz, question);
  const select = (pairId: string) => form.locator(`[data-pair-id="${pairId}"] select`);
  // The longest option, chosen for the first pair (right), and the first pair's option for the second (wrong).
  const longest = question.pairs.reduce((a, b) => (b.right.length > a.right.length ? b : a));
  await select(longest.id).selectOption(longest.id);
  const other = question.pairs.find((p) => p.id !== longest.id)!;
  await select(other.id).selectOption(longest.id);
  await form.getByRole('button', { name: 'Check' }).click();
  // The chosen text fits the drop-down beside the feedback (its arrow and padding take about 40 px).
  const room = await select(longest.id).evaluate((el) => {
    const s = el as HTMLSelectElement;
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${getComputedStyle(s).fontSize} ${getComputedStyle(s).fontFamily}`;
    return s.clientWidth - 40 - context.measureText(s.selectedOptions[0]!.text).width;
  });
  expect(room, 'the chosen option is cut off').toBeGreaterThan(0);
  await expect(form.locator(`[data-pair-id="${longest.id}"]`)).toContainText('✓ Right');
  await expect(form.locator(`[data-pair-id="${other.id}"]`)).toContainText('✗ Wrong');
  await expect(form.locator(`[data-pair-id="${other.id}"]`)).not.toContainText('The answer:');
  // Pairs left unset say nothing.
  await expect(form.locator('.quiz-match-row .quiz-choice-mark')).toHaveCount(2);
});

test('order: Check before any item has moved is not an answer yet, and earns nothing', async ({ page }) => {
  await openDeck(page);
  const { quizzes } = await readQuizzes(page);
  const orders = quizzes.flatMap((quiz) => quiz.questions.filter((q) => q.type === 'order').map((question) => ({ quiz, question })));
  expect(orders.length).toBeGreaterThan(0);
  for (const { quiz, question } of orders) {
    const form = await openQuestion(page, quiz, question);
    await form.getByRole('button', { name: 'Check' }).click();
    await expect(form.getByRole('status')).toContainText('Put the items in order first');
    await expect(form, question.id).not.toHaveAttribute('data-result');
  }
});

test('multiple choice: the feedback is listed in the order the choices are on screen', async ({ page }) => {
  await openDeck(page);
  const { quizzes } = await readQuizzes(page);
  const found = quizzes.flatMap((quiz) => quiz.questions.map((question) => ({ quiz, question })))
    .find(({ question }) => question.type === 'multiple' && question.choices.filter((c) => c.feedback).length >= 3)!;
  expect(found, 'a multiple-choice question with feedback on three choices').toBeDefined();
  const { quiz, question } = found;
  if (question.type !== 'multiple') throw new Error('not multiple');
  const form = await openQuestion(page, quiz, question);
  for (const box of await form.getByRole('checkbox').all()) await box.check();
  await form.getByRole('button', { name: 'Check' }).click();
  const onScreen = await form.locator('[data-choice-id]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.choiceId!));
  const expected = onScreen.map((id) => question.choices.find((c) => c.id === id)!.feedback).filter(Boolean).map((f) => f!.replace(/[*_`]/g, '').slice(0, 15));
  const shown = await form.locator('.quiz-choice-feedback').allTextContents();
  expect(shown.length).toBe(expected.length);
  shown.forEach((text, i) => expect(text).toContain(expected[i]!));
});

/** Where an element's top is on screen, and whether two elements' boxes overlap. */
const topOf = (locator: import('@playwright/test').Locator) => locator.evaluate((el) => el.getBoundingClientRect().top);
type Box = { x: number; y: number; width: number; height: number } | null;
const overlap = (a: Box, b: Box) => !!a && !!b && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

for (const viewport of [{ width: 1280, height: 720 }, { width: 390, height: 844 }]) {
  test(`"Back to the question" sits under the teaching slide's heading, clear of the slide number (${viewport.width}×${viewport.height})`, async ({ browser }) => {
    const page = await browser.newPage({ viewport });
    await openDeck(page);
    const quiz = (await readQuizzes(page)).quizzes.find((q) => q.id === 'traditional-review')!;
    const question = quiz.questions.find((q) => q.id === 'traditional-cr4')!;
    const form = await openQuestion(page, quiz, question);
    await form.getByRole('textbox', { name: 'Your answer' }).fill('70');
    await form.getByRole('button', { name: 'Check' }).click();
    const questionHeading = page.locator(`section#quiz-${quiz.id}--${question.id} > h2`).first();
    await form.getByRole('status').scrollIntoViewIfNeeded();
    const before = await topOf(questionHeading);
    await form.getByRole('link', { name: /^Review the slide/ }).click();
    const teaching = page.locator(`section#${question.slide!.replace('/', '--')}`);
    const heading = teaching.locator(':scope > h1, :scope > h2').first();
    const back = page.getByRole('button', { name: 'Back to the question' });
    await expect(back).toBeVisible();
    // The heading near the top of the screen (the phone's scroll view too), the button right under it.
    await expect.poll(() => topOf(heading)).toBeLessThan(60);
    await expect.poll(() => topOf(heading)).toBeGreaterThanOrEqual(0);
    const [headingBox, backBox, numberBox] = await Promise.all([heading.boundingBox(), back.boundingBox(), page.locator('.reveal .slide-number').boundingBox()]);
    expect(backBox!.y).toBeGreaterThan(headingBox!.y + headingBox!.height - 1);
    expect(backBox!.y + backBox!.height).toBeLessThan(viewport.height);
    expect(overlap(backBox, numberBox), 'the button overlaps the slide number').toBe(false);
    // Back: the question where the learner left it, its feedback still on screen.
    await back.click();
    await expect(page).toHaveURL(new RegExp(`#/quiz-${quiz.id}--${question.id}$`));
    await expect.poll(() => topOf(questionHeading)).toBeGreaterThan(before - 30);
    await expect.poll(() => topOf(questionHeading)).toBeLessThan(before + 30);
    await expect(form.getByRole('status')).toBeInViewport();
    await page.close();
  });
}
