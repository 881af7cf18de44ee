import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { writePdfs, type WrittenPdf } from '../../src/export/pdf.ts';
import { openDeck } from './helpers.ts';
import { answerRight, readQuizzes } from './quiz-helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const OFFLINE = resolve(ROOT, 'dist/modern-industrial-system-kit-offline.html');

/** The text of a PDF as poppler's pdftotext reads it, white space folded. */
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const pdfPages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
/**
 * The pages of a PDF on which solid black covers more than `limit` of the page: pixels that are
 * near-black (every channel below 60) together with their eight neighbours. Text, even bold
 * headings, is a few pixels thick at 40 dpi and stays near 0 %; a diagram whose boxes print
 * black covers 2–7 % of an A4 handout page. (Counting every near-black pixel does not tell them
 * apart: such a page is 2.3–7.6 % near-black, a page of text up to 1.8 %.) pdftoppm writes raw
 * PPM, which needs no image decoder to read.
 */
function darkPages(file: string, limit = 0.005): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kit-pixels-'));
  try {
    execFileSync('pdftoppm', ['-r', '40', file, join(dir, 'page')]);
    const dark: string[] = [];
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ppm')).sort()) {
      const ppm = readFileSync(join(dir, name));
      // "P6\n<width> <height>\n255\n", then three bytes (RGB) per pixel.
      const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 32).toString('latin1'))!;
      const [width, height, start] = [Number(header[1]), Number(header[2]), header[0].length];
      const black = new Uint8Array(width * height);
      for (let p = 0; p < black.length; p++) {
        const i = start + p * 3;
        black[p] = ppm[i]! < 60 && ppm[i + 1]! < 60 && ppm[i + 2]! < 60 ? 1 : 0;
      }
      let solid = 0;
      for (let y = 1; y < height - 1; y++) {
        for (let x = 1; x < width - 1; x++) {
          let all = 1;
          for (let dy = -1; dy <= 1 && all; dy++) for (let dx = -1; dx <= 1 && all; dx++) all = black[(y + dy) * width + x + dx]!;
          solid += all;
        }
      }
      const share = solid / (width * height);
      if (share > limit) dark.push(`page ${Number(/(\d+)\.ppm$/.exec(name)![1])}: ${(share * 100).toFixed(1)} % solid black`);
    }
    return dark;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const fold = (text: string) => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();

test.describe('PDF export', () => {
  test.describe.configure({ mode: 'serial', timeout: 180_000 });
  let pdfs: Record<string, WrittenPdf>;

  test.beforeAll(async () => {
    pdfs = Object.fromEntries((await writePdfs(ROOT)).map((pdf) => [pdf.name, pdf]));
  });

  test('slides.pdf has one 16:9 page per slide, with every diagram label as text', async ({ page }) => {
    await openDeck(page);
    const total = await page.evaluate(() => (globalThis as any).Reveal.getTotalSlides());
    // Every slide but the results and the missed-question review, which only a learner's browser fills in.
    const unprinted = await page.locator('[data-quiz-results], [data-missed-review]').count();
    expect(unprinted).toBe(2);
    expect(pdfPages(pdfs.slides!.file)).toBe(total - unprinted);
    const [width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [pdfs.slides!.file], { encoding: 'utf8' }))!.slice(1).map(Number);
    expect(width! / height!).toBeCloseTo(16 / 9, 2);
    const text = fold(pdfText(pdfs.slides!.file));
    const labels = await page.evaluate(() =>
      // The drawings paper gets: as written (a phone's own layout is never printed).
      [...document.querySelectorAll('figure.diagram > svg:not([data-layout="narrow"]) :is(.nodes text, .cluster-label text)')].flatMap((t) =>
        [...t.querySelectorAll('tspan.text-inner-tspan')].map((s) => s.textContent!.trim()).filter(Boolean),
      ),
    );
    expect(labels.length).toBeGreaterThan(30);
    const missing = labels.map(fold).filter((label) => !text.includes(label));
    expect(missing).toEqual([]);
    // Formulas are text too (KaTeX), not pictures.
    expect(text).toContain('trad');
  });

  test('slides.pdf prints each question as a clean question slide, for a room: no buttons, no empty results or review, no blank page', async ({ page }) => {
    await openDeck(page);
    const { quizzes } = await readQuizzes(page);
    // pdftotext ends each page with a form feed.
    const pages = execFileSync('pdftotext', ['-layout', pdfs.slides!.file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1).map(fold);
    expect(pages).toHaveLength(pdfPages(pdfs.slides!.file));
    expect(pages.flatMap((text, i) => (text ? [] : [`page ${i + 1}`]))).toEqual([]);
    const text = pages.join(' ');
    for (const control of ['Check', 'Hint', 'Try again', 'Show answer', 'Reset this quiz', 'Choose…', 'Text version of the diagram']) expect(text).not.toMatch(new RegExp(`\\b${control}`));
    for (const empty of ['Your results', 'Questions you missed earlier', 'no missed questions']) expect(text).not.toContain(empty);
    expect(text).not.toContain('The answer:');
    // A question's prompt and every one of its choices are there as text, and its quiz's first slide too.
    const quiz = quizzes[0]!;
    const question = quiz.questions.find((q) => q.type === 'single')!;
    const choices = await page.locator(`[data-quiz-id="${quiz.id}"] form[data-question-id="${question.id}"] [data-choice-id] span`).allTextContents();
    const legend = await page.locator(`[data-quiz-id="${quiz.id}"] form[data-question-id="${question.id}"] legend`).textContent();
    const slide = pages.find((p) => p.includes(fold(legend!)))!;
    expect(slide, 'the question\'s page').toBeDefined();
    expect(choices.map(fold).filter((choice) => !slide.includes(choice))).toEqual([]);
    expect(pages.filter((p) => p.startsWith(fold(quiz.title)) && p.includes(`${quiz.questions.length} questions · pass mark`))).toHaveLength(1);
  });

  test('handout.pdf puts each slide with its speaker notes, two to a page where they fit, and says it is the teacher\'s copy', async ({ page }) => {
    const text = fold(pdfText(pdfs.handout!.file));
    const slides = pdfPages(pdfs.slides!.file);
    // Every slide is there, numbered as the deck numbers it on screen (the results and review,
    // not printed, keep their numbers), but short notes share a page: fewer pages than slides.
    await openDeck(page);
    const total = await page.evaluate(() => (globalThis as any).Reveal.getTotalSlides() as number);
    const results = await page.evaluate(() => (globalThis as any).Reveal.getSlides().findIndex((s: HTMLElement) => s.id === 'results') + 1);
    expect(text).toContain(`Slide ${total} of ${total}`);
    expect(text).toContain(`Slide ${results + 1} of ${total}`);
    expect(text).not.toContain(`Slide ${results} of ${total}`);
    expect(pdfPages(pdfs.handout!.file)).toBeLessThan(slides);
    expect(text).toContain("Handout: slides and speaker notes — teacher's copy, contains the quiz answers");
    expect(text).toContain("Speaker notes — teacher's copy: the answer");
    // Keys to press in the room mean nothing on paper.
    expect(text).not.toMatch(/Press A|then reveal/);
    expect(text).toContain('Speaker notes');
    expect(text).toContain('Ask the room');
    expect(text).toContain('Who, when, where');
    // Quiz slides as the worksheet prints them: no buttons, no hint printed open, no empty results.
    for (const control of ['Check', 'Hint', 'Try again', 'Reset this quiz', 'Text version of the diagram']) expect(text).not.toMatch(new RegExp(`\\b${control}\\b`));
    expect(text).not.toContain('Square each share'); // a hint
    expect(text).not.toContain('Your results');
  });

  test('the worksheet, answer key and handout have the title and "Page n of N" on every page; the worksheet\'s quizzes run on', async ({ page }) => {
    for (const [name, title] of [['worksheet', 'Worksheet: '], ['answer-key', 'Answer key: '], ['handout', 'Handout: ']] as const) {
      const pages = execFileSync('pdftotext', ['-layout', pdfs[name]!.file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1).map(fold);
      expect(pages.length).toBe(pdfPages(pdfs[name]!.file));
      expect(pages.flatMap((text, i) => (text.includes(`Page ${i + 1} of ${pages.length}`) && text.startsWith(title) ? [] : [`${name} page ${i + 1}`]))).toEqual([]);
    }
    // A quiz starts on the page where the one before it ends when there is room, and its heading never ends a page.
    await openDeck(page);
    const { quizzes } = await readQuizzes(page);
    const pages = execFileSync('pdftotext', ['-layout', pdfs.worksheet!.file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1).map(fold);
    const sharing = quizzes.slice(1).filter((quiz) => pages.some((text) => text.includes(fold(quiz.title)) && !text.replace(/^.*?Page \d+ of \d+/, '').trimStart().startsWith(fold(quiz.title))));
    expect(sharing.length).toBeGreaterThan(0);
    expect(pages.filter((text) => quizzes.some((quiz) => text.replace(/Page \d+ of \d+$/, '').trimEnd().endsWith(fold(quiz.title))))).toEqual([]);
  });

  test('every PDF draws its diagrams as drawings, never as solid black boxes (looked at as pixels)', () => {
    for (const name of ['handout', 'slides', 'worksheet', 'answer-key'] as const) {
      expect(darkPages(pdfs[name]!.file), `${name}.pdf`).toEqual([]);
    }
  });

  test('worksheet.pdf has every question and no answers; answer-key.pdf has every answer with its evidence', async ({ page }) => {
    await openDeck(page);
    const { quizzes } = await readQuizzes(page);
    const worksheet = fold(pdfText(pdfs.worksheet!.file));
    const key = fold(pdfText(pdfs['answer-key']!.file));
    const prompts = await page.evaluate(() => [...document.querySelectorAll('form.quiz-question legend')].map((l) => l.textContent!.replace(/\s+/g, ' ').trim().slice(0, 40)));
    const missing = prompts.map(fold).filter((prompt) => !worksheet.includes(prompt));
    expect(missing).toEqual([]);
    expect(worksheet).toContain('Name:');
    for (const word of ['Why:', 'The answer:', 'In the source:']) {
      expect(worksheet).not.toContain(word);
      expect(key).toContain(word);
    }
    const questions = quizzes.flatMap((q) => q.questions);
    expect(key.split('The answer:').length - 1).toBe(questions.length);
    expect(key.split('Taught on the slide:').length - 1).toBe(questions.length);
    expect(execFileSync('pdfinfo', [pdfs.worksheet!.file], { encoding: 'utf8' })).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
  });

  test('on request, the worksheet is on US Letter, one section prints alone, and the slides print with answers for the teacher', async ({ page }) => {
    const [letter] = await writePdfs(ROOT, { only: ['worksheet'], paper: 'letter' });
    expect(execFileSync('pdfinfo', [letter!.file], { encoding: 'utf8' })).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    const [section] = await writePdfs(ROOT, { only: ['slides'], section: 'future' });
    const text = fold(pdfText(section!.file));
    expect(text).toContain('humanoid robots');
    expect(text).not.toContain('Who, when, where');

    // The teacher's copy: the same pages, each question with its answer and why, in a file of its own.
    const [answers] = await writePdfs(ROOT, { only: ['slides'], section: 'future', withAnswers: true });
    expect(answers!.file).toBe(resolve(ROOT, 'dist/pdf/en/slides-answers.pdf'));
    expect(pdfPages(answers!.file)).toBe(pdfPages(section!.file));
    const teacher = fold(pdfText(answers!.file));
    await openDeck(page);
    const questions = (await readQuizzes(page)).quizzes.find((q) => q.after === 'future')!.questions;
    expect(teacher.split('The answer:').length - 1).toBe(questions.length);
    expect(teacher.split('Why:').length - 1).toBe(questions.filter((q) => q.explanation).length);
    // An answer the learners' copy does not give away.
    const truefalse = questions.find((q) => q.type === 'truefalse')!;
    const said = fold(`The answer: ${truefalse.answer ? 'True' : 'False'}`);
    expect(teacher).toContain(said);
    expect(text).not.toContain(said);
    expect(fold(pdfText(section!.file))).not.toContain('The answer:'); // slides.pdf was left as it was
    // Restore the full set for anyone looking at dist/pdf afterwards.
    await writePdfs(ROOT, { only: ['slides', 'worksheet'] });
  });
});

/**
 * The lines of a PDF's pages as a reader sees them: pdftotext's words (`-bbox-layout`) grouped
 * by their height on the page and read left to right. pdftotext's own lines break wherever the
 * font changes (a bold word), which is not where a line of the page breaks.
 */
function pdfLines(file: string): string[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return xml.split('<page ').slice(1).flatMap((page) => {
    const words = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ x: Number(m[1]), top: Number(m[2]), bottom: Number(m[3]), text: m[4]! }));
    const lines: { top: number; bottom: number; words: typeof words }[] = [];
    for (const word of words.sort((a, b) => a.top - b.top)) {
      const middle = (word.top + word.bottom) / 2;
      const line = lines.find((l) => Math.abs((l.top + l.bottom) / 2 - middle) < Math.min(l.bottom - l.top, word.bottom - word.top) / 2);
      if (line) line.words.push(word);
      else lines.push({ top: word.top, bottom: word.bottom, words: [word] });
    }
    return lines.map((l) => l.words.sort((a, b) => a.x - b.x).map((w) => w.text).join(''));
  });
}

test('the Chinese PDFs, in dist/pdf/zh/, carry their Chinese as text, with the title and page numbers in Chinese, and no line starts with closing punctuation', async ({ page }) => {
  test.setTimeout(240_000);
  const pdfs = Object.fromEntries((await writePdfs(ROOT, { lang: 'zh' })).map((pdf) => [pdf.name, pdf]));
  await openDeck(page, 'index.zh.html');
  const { quizzes } = await readQuizzes(page);
  const title = await page.title();
  for (const name of ['slides', 'handout', 'worksheet', 'answer-key'] as const) {
    const pdf = pdfs[name]!;
    expect(pdf.file).toBe(resolve(ROOT, `dist/pdf/zh/${name}.pdf`));
    const text = pdfText(pdf.file);
    expect((text.match(/\p{Script=Han}/gu) ?? []).length, name).toBeGreaterThan(1000);
    // Chinese typesetting: no comma, full stop, colon or closing bracket or quote begins a line.
    const bad = pdfLines(pdf.file).filter((line) => /^[，。、；：？！）》”』」]/.test(line));
    expect(bad, `${name}: lines starting with closing punctuation`).toEqual([]);
  }
  // The printed question is the Chinese one, word for word.
  const question = quizzes[0]!.questions.find((q) => q.type === 'single')!;
  const prompt = fold(await page.locator(`[data-quiz-id="${quizzes[0]!.id}"] form[data-question-id="${question.id}"] legend`).textContent() ?? '');
  expect(fold(pdfText(pdfs.worksheet!.file)).replace(/ /g, '')).toContain(prompt.replace(/ /g, ''));
  // Title and "page n of N" in the margins, in Chinese, on every page of the printed documents.
  for (const name of ['worksheet', 'answer-key', 'handout'] as const) {
    const pages = execFileSync('pdftotext', ['-layout', pdfs[name]!.file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1).map(fold);
    expect(pages.flatMap((text, i) => (text.includes(`第${i + 1}页，共${pages.length}页`) && text.includes(title) ? [] : [`${name} page ${i + 1}`]))).toEqual([]);
  }
  // The diagrams' Chinese labels are text in the slides.
  const labels = await page.evaluate(() => [...document.querySelectorAll('figure.diagram > svg:not([data-layout="narrow"]) .nodes text tspan.text-inner-tspan')].map((t) => t.textContent!.trim()).filter(Boolean));
  expect(labels.length).toBeGreaterThan(20);
  const slides = fold(pdfText(pdfs.slides!.file)).replace(/ /g, '');
  expect(labels.map(fold).filter((label) => !slides.includes(label.replace(/ /g, '')))).toEqual([]);
});

test('the handout prints quiz questions as the worksheet does: hint closed, no controls, order items not in the answer\'s order', async ({ page }) => {
  await page.goto('');
  const { quizzes } = await readQuizzes(page);
  await page.emulateMedia({ media: 'print' });
  await page.goto('?print=handout');
  await page.waitForSelector('html[data-print-ready="true"]', { state: 'attached' });
  const shown = page.locator('.handout-slide').locator('button, input, select, .quiz-hint, .quiz-feedback');
  expect(await shown.count()).toBe(0);
  const frames = fold((await page.locator('.handout-frame').allTextContents()).join(' '));
  for (const hint of quizzes.flatMap((quiz) => quiz.questions.flatMap((q) => (q.hint ? [q.hint] : [])))) {
    expect(frames).not.toContain(fold(hint.replace(/[*_`$]/g, '')).slice(0, 30));
  }
  const orders = quizzes.flatMap((quiz) => quiz.questions.flatMap((q) => (q.type === 'order' ? [{ quiz, q }] : [])));
  expect(orders.length).toBeGreaterThan(0);
  for (const { quiz, q } of orders) {
    const slide = page.locator(`.handout-slide section[data-quiz-id="${quiz.id}"]:has(.quiz-printed[data-question-id="${q.id}"])`);
    const rows = (await slide.locator('.print-table tbody td:first-child').allTextContents()).map(fold);
    expect(rows.toSorted()).toEqual(q.items.map((item) => fold(item.text)).toSorted());
    expect(rows).not.toEqual(q.items.map((item) => fold(item.text)));
  }
});

test('the teacher\'s slides fit every question and its answer above the page-number badge, on one page each', async ({ page }) => {
  await page.goto('?print-pdf&with-answers');
  await page.waitForSelector('html[data-print-ready="true"]', { state: 'attached', timeout: 60_000 });
  const problems = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.pdf-page')].flatMap((pdfPage, n) => {
      const printed = pdfPage.querySelector('.quiz-printed');
      const badge = pdfPage.querySelector('.slide-number');
      if (!printed) return [];
      const bottom = printed.getBoundingClientRect().bottom;
      const out: string[] = [];
      if (badge && bottom > badge.getBoundingClientRect().top) out.push(`page ${n + 1}: the answer runs into the page number`);
      if (bottom > pdfPage.getBoundingClientRect().bottom) out.push(`page ${n + 1}: the answer runs off the page`);
      if (pdfPage.getBoundingClientRect().height > 760) out.push(`page ${n + 1}: the slide takes more than one page`);
      return out;
    }),
  );
  expect(problems).toEqual([]);
});

test('the handout keeps each slide\'s frame, border included, inside the printed page', async ({ page }) => {
  await page.emulateMedia({ media: 'print' });
  await page.goto('?print=handout');
  await page.waitForSelector('html[data-print-ready="true"]', { state: 'attached' });
  const outside = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.handout-frame')].flatMap((frame, n) => {
      const box = frame.getBoundingClientRect();
      const page = frame.closest('.handout-page')!.getBoundingClientRect();
      return box.left < page.left - 0.5 || box.right > page.right + 0.5 ? [`slide ${n + 1}: frame ${box.left}–${box.right}, page ${page.left}–${page.right}`] : [];
    }),
  );
  expect(outside).toEqual([]);
});

test.describe('one-file offline deck', () => {
  test('opens from file:// with every network request refused, and keeps quiz progress', async ({ browser }) => {
    const context = await browser.newContext();
    const requests: string[] = [];
    await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    const page = await context.newPage();
    page.on('request', (r) => { if (!r.url().startsWith('data:')) requests.push(r.url()); });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`file://${OFFLINE}`);
    await page.waitForSelector('.reveal.ready', { state: 'attached' });
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('32px "Atkinson Hyperlegible"'))).toBe(true);
    await expect(page.locator('figure.diagram svg').first()).toBeAttached();

    const { quizzes } = await readQuizzes(page);
    const quiz = quizzes[0]!;
    await answerRight(page, quiz, quiz.questions[0]!);
    await page.reload();
    await page.waitForSelector('.reveal.ready', { state: 'attached' });
    await expect(page.locator(`[data-quiz-id="${quiz.id}"] form[data-question-id="${quiz.questions[0]!.id}"]`)).toHaveAttribute('data-result', 'correct');
    expect(requests.every((url) => url.startsWith(`file://${OFFLINE}`))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
