/**
 * Accessibility as part of correctness (WCAG 2.1 A and AA), measured in the browser:
 *
 * - axe-core on every slide of the slide view (the slide plus the deck's controls, progress and
 *   slide number), on every question of every quiz in each state (unanswered, answered right,
 *   answered wrong, answer shown), and over the whole page in the scroll view (laptop and phone),
 *   in the high-contrast theme too: no violation of impact serious or critical;
 * - the keyboard alone: slides, quizzes, the deck's switches; focus visible, moved to the new
 *   slide's heading, never on an off-screen slide;
 * - what a screen reader gets (the accessibility tree), reduced motion, 200% zoom and reflow.
 *
 * Each axe check logs one `[axe]` line (view, what was checked, counts by impact), the numbers
 * quoted in assets/guide/accessibility.md.
 */
import AxeBuilder from '@axe-core/playwright';
import axeCore from 'axe-core';
import { expect, test, type Page } from '@playwright/test';
import { correctResponse, type Question, type Quiz, type Response } from '../../src/quiz/index.ts';
import { openDeck, showSlide, slideIds } from './helpers.ts';
import { questionSlide, readQuizzes, wrongResponse } from './quiz-helpers.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = ['serious', 'critical'];
const CHROME = ['.reveal > .controls', '.reveal > .progress', '.reveal > .slide-number'];
const PHONE = { width: 390, height: 844 };
type State = 'unanswered' | 'right' | 'wrong' | 'shown';
const ANSWERED: State[] = ['right', 'wrong', 'shown'];

interface Finding { id: string; impact: string; where: string; nodes: string[] }

/**
 * Opens the deck with axe-core already in the page: the project's own axe-core (4.14, where the
 * label-in-name rule of WCAG 2.5.3 is no longer experimental), loaded once per page rather than
 * sent again with every check.
 */
async function openWithAxe(page: Page, path = ''): Promise<void> {
  await page.addInitScript({ content: axeCore.source });
  await openDeck(page, path);
}

/** Runs axe-core with the WCAG 2.1 A/AA rules over `include` (or the whole page). */
async function axe(page: Page, where: string, include: string[] = [], { contrast = true } = {}): Promise<Finding[]> {
  let builder = new AxeBuilder({ page, axeSource: 'void 0' }).withTags(TAGS).options({ resultTypes: ['violations'] }).setLegacyMode();
  if (!contrast) builder = builder.disableRules(['color-contrast']);
  for (const selector of include) builder = builder.include(selector);
  const { violations } = await builder.analyze();
  return violations.map((v) => ({ id: v.id, impact: v.impact ?? 'unknown', where, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`) }));
}

/** Logs the counts by impact for the guide, and fails on any serious or critical violation. */
function report(view: string, checked: string, findings: Finding[]): void {
  const count = (impact: string) => findings.filter((f) => f.impact === impact).reduce((n, f) => n + f.nodes.length, 0);
  const rules = [...new Set(findings.map((f) => `${f.id} (${f.impact})`))];
  const line = `[axe] ${view}: ${checked}; critical ${count('critical')}, serious ${count('serious')}, moderate ${count('moderate')}, minor ${count('minor')}${rules.length ? ` [${rules.join(', ')}]` : ''}`;
  console.log(line);
  test.info().annotations.push({ type: 'axe', description: line });
  const blocking = findings.filter((f) => BLOCKING.includes(f.impact)).map((f) => `${f.where}: ${f.id} (${f.impact}) ${f.nodes.slice(0, 3).join(' | ')}`);
  expect(blocking, `${view}: serious or critical violations`).toEqual([]);
}

/** Puts questions into a state in the page itself, as the controls would (fast enough to do all 49 at once). */
async function putInState(page: Page, quizzes: Quiz[], state: State): Promise<void> {
  // The quiz code comes when a quiz is first near (src/ui/quiz-loader.ts): a learner goes to one
  // first (in the scroll view, scrolls to it and back), and sees its controls, as axe must.
  if (await page.locator('.reveal.kit-quizzes-pending').count()) {
    const id = questionSlide(quizzes[0]!.id, quizzes[0]!.questions[0]!.id);
    if (!(await page.evaluate(() => (globalThis as any).Reveal.isScrollView()))) await showSlide(page, id);
    else await page.locator(`section[id="${id}"]`).evaluate((slide) => slide.scrollIntoView({ block: 'start' }));
    await expect(page.locator('.reveal.kit-quizzes-pending')).toHaveCount(0);
    await page.evaluate(() => document.querySelector('.reveal-viewport')?.scrollTo({ top: 0 }));
  }
  if (state === 'unanswered') return;
  const items = quizzes.flatMap((quiz) =>
    quiz.questions.map((question: Question) => ({
      quiz: quiz.id,
      question: question.id,
      type: question.type,
      response: (state === 'right' ? correctResponse(question) : wrongResponse(question)) as Response,
    })),
  );
  const missing = await page.evaluate(({ items, state }) => {
    const enterInto = (form: HTMLFormElement, type: string, response: Record<string, any>) => {
      const inputs = (selector: string) => [...form.querySelectorAll<HTMLInputElement>(selector)];
      if (type === 'single') inputs('input[type=radio]').forEach((i) => (i.checked = i.value === response.choice));
      if (type === 'truefalse') inputs('input[type=radio]').forEach((i) => (i.checked = i.value === String(response.value)));
      if (type === 'multiple') inputs('input[type=checkbox]').forEach((i) => (i.checked = response.choices.includes(i.value)));
      if (type === 'numeric' || type === 'text') inputs('input[type=text]')[0]!.value = String(response.value ?? response.text);
      if (type === 'order') {
        const list = form.querySelector('.quiz-order')!;
        for (const id of response.order) list.append(list.querySelector(`li[data-item-id="${id}"]`)!);
      }
      if (type === 'match') form.querySelectorAll<HTMLElement>('.quiz-match-row').forEach((row) => (row.querySelector('select')!.value = response.matches[row.dataset.pairId!] ?? ''));
      if (type === 'cloze') form.querySelectorAll<HTMLInputElement>('[data-blank-id]').forEach((c) => (c.value = response.blanks[c.dataset.blankId!] ?? ''));
    };
    const button = (form: HTMLFormElement, action: string) => form.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
    const notReached: string[] = [];
    for (const item of items) {
      const form = document.querySelector<HTMLFormElement>(`[data-quiz-id="${item.quiz}"] form[data-question-id="${item.question}"]`);
      if (!form) {
        notReached.push(`${item.quiz}/${item.question}: no form`);
        continue;
      }
      const submit = () => {
        enterInto(form, item.type, item.response);
        form.requestSubmit(button(form, 'check'));
      };
      if (state !== 'shown') submit();
      // Answer shown: wrong tries until the tries are spent (or one, when they are unlimited), then Show answer.
      for (let n = 0; state === 'shown' && form.dataset.answerShown !== 'true' && n < 12; n++) {
        if (!button(form, 'show').hidden) button(form, 'show').click();
        else if (!button(form, 'retry').hidden) button(form, 'retry').click();
        else if (!button(form, 'check').hidden) submit();
        else break;
      }
      const reached = state === 'shown' ? form.dataset.answerShown === 'true' : state === 'right' ? form.dataset.result === 'correct' : /^(incorrect|partial)$/.test(form.dataset.result ?? '');
      if (!reached) notReached.push(`${item.quiz}/${item.question}: ${form.dataset.result ?? 'no result'}`);
    }
    return notReached;
  }, { items, state });
  expect(missing, `questions not put in state "${state}"`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// axe-core: slide view, every slide

const CHUNKS = 4;
for (let chunk = 0; chunk < CHUNKS; chunk++) {
  test(`axe, slide view: every slide with the deck's controls (part ${chunk + 1} of ${CHUNKS})`, async ({ page }) => {
    test.setTimeout(150_000);
    await openWithAxe(page);
    const ids = await slideIds(page);
    const mine = ids.filter((_, i) => i % CHUNKS === chunk);
    const findings: Finding[] = [];
    let questions = 0;
    for (const id of mine) {
      await showSlide(page, id);
      const question = (await page.locator(`section[id="${id}"] form.quiz-question`).count()) > 0;
      if (question) questions++;
      // A question's contrast is checked in the scroll view, where all 49 forms are checked at once in each state.
      findings.push(...(await axe(page, id, [`section[id="${id}"]`, ...CHROME], { contrast: !question })));
    }
    report('slide view', `${mine.length} of ${ids.length} slides, ${questions} of them questions unanswered (contrast checked on the ${mine.length - questions} others)`, findings);
  });
}

// ---------------------------------------------------------------------------------------------
// axe-core: slide view, every question of every quiz answered right, answered wrong, answer shown

/*
 * One page per state: every question of every quiz is put in the state, then each question's
 * slide is shown and checked. Contrast is the one rule left out here: it costs a second a check
 * (axe lays out the whole 6,000-element page each time) and gives the same answer as in the scroll
 * view, which shows the same forms in the same colours and checks contrast for every state below.
 */
for (const state of ANSWERED) {
  test(`axe, slide view: every question of every quiz ${state === 'shown' ? 'with the answer shown' : `answered ${state}`}`, async ({ page }) => {
    test.setTimeout(150_000);
    await openWithAxe(page);
    const { quizzes } = await readQuizzes(page);
    await putInState(page, quizzes, state);
    const findings: Finding[] = [];
    for (const quiz of quizzes) {
      for (const question of quiz.questions) {
        const id = questionSlide(quiz.id, question.id);
        await showSlide(page, id);
        // The verdict speaks in words and an icon, not only in colour.
        const verdict = page.locator(`section[id="${id}"] form.quiz-question .quiz-verdict`);
        await expect(verdict).toHaveText(/^\s*[✓◐✗➜]\s+\p{L}/u);
        await expect(verdict.locator('[aria-hidden="true"]')).toHaveCount(1);
        findings.push(...(await axe(page, `${id} (${state})`, [`section[id="${id}"]`, ...CHROME], { contrast: false })));
      }
    }
    report(`slide view, quiz ${state}`, `${quizzes.reduce((n, q) => n + q.questions.length, 0)} questions of ${quizzes.length} quizzes (all rules but contrast)`, findings);
  });
}

// ---------------------------------------------------------------------------------------------
// axe-core: scroll view (laptop with ?view=scroll, and a phone), the whole page in each state

for (const [name, viewport, query] of [
  ['scroll view', { width: 1280, height: 720 }, '?view=scroll'],
  ['phone', PHONE, ''],
  // The Chinese edition: the same checks over its whole page, every slide and question.
  ['Chinese scroll view', { width: 1280, height: 720 }, 'index.zh.html?view=scroll'],
  ['Chinese phone', PHONE, 'index.zh.html'],
] as const) {
  // One page goes unanswered → answered wrong → answer shown; a second is answered right.
  for (const states of [['unanswered', 'wrong', 'shown'], ['right']] as State[][]) {
    test(`axe, ${name}: the whole page, every question ${states.join(', then ')}`, async ({ browser }) => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await openWithAxe(page, query);
      expect(await page.evaluate(() => (globalThis as any).Reveal.isScrollView())).toBe(true);
      const { quizzes } = await readQuizzes(page);
      const slides = await page.locator('.reveal .slides section[aria-roledescription]').count();
      for (const state of states) {
        await putInState(page, quizzes, state);
        // Every slide is on the page and none is hidden from assistive technology.
        await expect(page.locator('.reveal .slides section[aria-hidden="true"], .reveal .slides section[inert]')).toHaveCount(0);
        report(`${name} ${viewport.width}×${viewport.height}`, `whole page, ${slides} slides, ${quizzes.reduce((n, q) => n + q.questions.length, 0)} questions ${state}`, await axe(page, `${name} ${state}`));
      }
      await context.close();
    });
  }
}

// ---------------------------------------------------------------------------------------------
// High contrast

test.describe('high contrast', () => {
  test('?contrast=high passes axe over every slide (scroll view), questions unanswered and answered wrong, with black text and no light greys', async ({ page }) => {
    await openWithAxe(page, '?view=scroll&contrast=high');
    await expect(page.locator('html')).toHaveClass(/kit-contrast-high/);
    const { quizzes } = await readQuizzes(page);
    for (const state of ['unanswered', 'wrong'] as State[]) {
      await putInState(page, quizzes, state);
      report('high contrast, scroll view', `whole page, questions ${state}`, await axe(page, `high contrast ${state}`));
      // Text is black (or white on black); backgrounds are white, black or the focus yellow; no grey.
      const offenders = await page.evaluate(() => {
        const rgb = (value: string) => (value.match(/[\d.]+/g) ?? []).map(Number);
        const isGrey = ([r, g, b, a = 1]: number[]) => a > 0 && !(r === 255 && g === 255 && b === 255) && !(r === 0 && g === 0 && b === 0) && Math.max(r!, g!, b!) - Math.min(r!, g!, b!) < 24;
        const bad: string[] = [];
        for (const el of document.querySelectorAll<HTMLElement>('.reveal .slides section *')) {
          if (el.closest('aside.notes, svg, .katex, .visually-hidden') || !el.getClientRects().length) continue;
          const style = getComputedStyle(el);
          const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim());
          const onBlack = (() => {
            for (let node: HTMLElement | null = el; node; node = node.parentElement) {
              const bg = rgb(getComputedStyle(node).backgroundColor);
              if ((bg[3] ?? 1) > 0) return bg[0]! + bg[1]! + bg[2]! === 0;
            }
            return false;
          })();
          const color = rgb(style.color);
          if (ownText && !(onBlack ? color[0] === 255 && color[1] === 255 && color[2] === 255 : color[0]! + color[1]! + color[2]! === 0)) {
            bad.push(`text ${el.tagName.toLowerCase()}.${el.className}: ${style.color}`);
          }
          if (isGrey(rgb(style.backgroundColor))) bad.push(`background ${el.tagName.toLowerCase()}.${el.className}: ${style.backgroundColor}`);
          for (const side of ['Top', 'Right', 'Bottom', 'Left'] as const) {
            if (parseFloat(style[`border${side}Width`]) > 0 && style[`border${side}Style`] !== 'none' && isGrey(rgb(style[`border${side}Color`]))) {
              bad.push(`border ${el.tagName.toLowerCase()}.${el.className}: ${style[`border${side}Color`]}`);
              break;
            }
          }
        }
        return [...new Set(bad)];
      });
      expect(offenders).toEqual([]);
    }
  });

  test('follows prefers-contrast: more and forced colours, and the C key switches it (kept in the address)', async ({ browser }) => {
    for (const media of [{ contrast: 'more' as const }, { forcedColors: 'active' as const }]) {
      const context = await browser.newContext(media);
      const page = await context.newPage();
      await openDeck(page);
      await expect(page.locator('html')).toHaveClass(/kit-contrast-high/);
      // Black text, and a focus ring that is black with yellow around it.
      expect(await page.locator('section.present h1, section.present h2').first().evaluate((h) => getComputedStyle(h).color)).toMatch(/rgb\(0, 0, 0\)|canvastext/i);
      await context.close();
    }
    const page = await browser.newPage();
    await openDeck(page, '#/overview--title');
    await expect(page.locator('html')).not.toHaveClass(/kit-contrast-high/);
    await page.keyboard.press('c');
    await expect(page.locator('html')).toHaveClass(/kit-contrast-high/);
    await expect(page).toHaveURL(/[?&]contrast=high/);
    await expect(page.locator('.kit-status')).toHaveText('High contrast on');
    await page.keyboard.press('c');
    await expect(page.locator('html')).not.toHaveClass(/kit-contrast-high/);
    await expect(page).toHaveURL(/[?&]contrast=normal/);
    await page.close();
  });
});

// ---------------------------------------------------------------------------------------------
// Keyboard

/** The outline (or ring) an element shows now, in CSS px. */
const ringOf = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const target = el.matches('input[type=radio], input[type=checkbox]') ? el.closest('label') ?? el : el;
    const own = getComputedStyle(el);
    const style = getComputedStyle(target);
    const width = Math.max(own.outlineStyle === 'none' ? 0 : parseFloat(own.outlineWidth), style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth));
    return { tag: el.tagName.toLowerCase(), width, shadow: style.boxShadow !== 'none' };
  });

test.describe('keyboard', () => {
  test('Tab never reaches an off-screen slide: they are inert in the slide view, and the slide view has one present slide', async ({ page }) => {
    await openDeck(page, '#/traditional--levers-map');
    const state = await page.evaluate(() => {
      const current = (globalThis as any).Reveal.getCurrentSlide() as HTMLElement;
      const sections = [...document.querySelectorAll<HTMLElement>('.reveal .slides section')];
      return {
        reachable: sections.filter((s) => !s.closest('[inert]')).map((s) => s.id).filter((id) => id !== current.id && !current.closest(`[id="${id}"]`)),
        current: current.id,
      };
    });
    expect(state.reachable).toEqual([]);
    // Walk the Tab order twice round: every stop is on the current slide or the deck's own controls (the language switch among them).
    const stops: string[] = [];
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      stops.push(await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const slide = el.closest('.slides section:not(.stack)');
        return slide ? `slide:${slide.id}` : el.closest('.controls, .slide-number, .kit-lang') ? 'deck-controls' : `other:${el.tagName}.${el.className}`;
      }));
    }
    // (BODY is where Tab leaves the page for the browser's own controls, and comes back.)
    expect(stops.every((s) => s === `slide:${state.current}` || s === 'deck-controls' || s === 'other:BODY.reveal-viewport'), stops.join(', ')).toBe(true);
    expect(stops).toContain(`slide:${state.current}`);
    expect(stops).toContain('deck-controls');
  });

  test('the scroll view leaves every slide reachable (no slide is inert)', async ({ page }) => {
    await openDeck(page, '?view=scroll');
    await expect(page.locator('.reveal .slides section[inert]')).toHaveCount(0);
  });

  test('navigating moves focus to the new slide\'s heading and says where the learner is; not on load', async ({ page }) => {
    await openDeck(page, '#/overview--title');
    // Loading the deck does not move focus.
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await page.keyboard.press('ArrowRight');
    const heading = page.locator('section.present:not(.stack) [tabindex="-1"]').first();
    await expect(heading).toBeFocused();
    const { n, total, id } = await page.evaluate(() => {
      const deck = (globalThis as any).Reveal;
      return { n: deck.getSlides().indexOf(deck.getCurrentSlide()) + 1, total: deck.getTotalSlides(), id: deck.getCurrentSlide().id };
    });
    expect(await heading.getAttribute('id')).toBe(`${id}-title`);
    await expect(page.locator('.kit-status')).toHaveText(`Slide ${n} of ${total}`);
    // The slide is a group named by its title, described as a slide.
    const slide = page.locator(`section[id="${id}"]`);
    await expect(slide).toHaveAttribute('role', 'group');
    await expect(slide).toHaveAttribute('aria-roledescription', 'slide');
    await expect(slide).toHaveAccessibleName((await heading.textContent())!.trim());
    // With Tab in use, the focused heading shows its ring.
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('section.present:not(.stack) [tabindex="-1"]').first()).toBeFocused();
    expect((await ringOf(page)).width).toBeGreaterThanOrEqual(3);
  });

  test('typing in the search box keeps focus there while the slide changes; the box and jump-to-slide have names', async ({ page }) => {
    await openDeck(page);
    await page.keyboard.press('Control+Shift+F');
    const box = page.getByRole('searchbox', { name: 'Search the slides' });
    await expect(box).toBeFocused();
    expect((await ringOf(page)).width).toBeGreaterThanOrEqual(3);
    await box.fill('Zhuanglong');
    await box.press('Enter');
    await expect(page.locator('section.present:not(.stack)')).toContainText('Zhuanglong');
    await expect(box).toBeFocused();
    // Esc closes the search box, and nothing else (not the overview behind it).
    await page.keyboard.press('Escape');
    await expect(box).toBeHidden();
    expect(await page.evaluate(() => (globalThis as any).Reveal.isOverview())).toBe(false);
    await page.keyboard.press('Control+Shift+F');
    await expect(box).toBeFocused();
    await page.keyboard.press('Control+Shift+F');
    // Closed, the box gives focus back to the slide at once, so the next key (G) is not typed into nothing.
    await expect(box).toBeHidden();
    await expect(page.locator('section.present:not(.stack) [tabindex="-1"]').first()).toBeFocused();
    await page.keyboard.press('g');
    const jump = page.getByRole('textbox', { name: 'Jump to slide (number or id)' });
    await expect(jump).toBeFocused();
    await jump.fill('5');
    // reveal.js jumps after a pause in typing, while the box still has focus; Enter then only closes it.
    await expect.poll(() => page.evaluate(() => (globalThis as any).Reveal.getIndices().h)).toBe(4);
    await jump.press('Enter');
    await expect(page.locator('section.present:not(.stack) [tabindex="-1"]').first()).toBeFocused();
  });

  test('the deck\'s controls: named, fully opaque, Space presses the focused one (once), with a visible ring', async ({ page }) => {
    await openDeck(page, '#/traditional--objectives');
    const controls = page.getByRole('region', { name: 'Slide navigation' });
    const previous = controls.getByRole('button', { name: 'Previous slide' });
    const next = controls.getByRole('button', { name: 'Next slide' });
    await expect(previous).toBeVisible();
    expect(Number(await previous.evaluate((b) => getComputedStyle(b).opacity))).toBeGreaterThanOrEqual(0.9);
    await page.keyboard.press('Tab'); // keyboard use, so focus rings show as a keyboard user sees them
    await next.focus();
    expect((await ringOf(page)).width).toBeGreaterThanOrEqual(3);
    const following = await page.evaluate(() => {
      const deck = (globalThis as any).Reveal;
      const slides = deck.getSlides();
      return slides[slides.indexOf(deck.getCurrentSlide()) + 1].id;
    });
    await page.keyboard.press('Space');
    await expect(page).toHaveURL(new RegExp(`#/${following}$`));
    await expect(next).toBeFocused();
    await previous.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/traditional--objectives$/);
    // The slide number's name keeps the words it shows (WCAG 2.5.3) and says what they are.
    await expect(page.getByRole('link', { name: /^Slide \d+ \/ \d+$/ })).toHaveAttribute('aria-current', 'page');
  });

  test('every switch of the deck works from the keyboard: overview, pause, help, presenter view, high contrast', async ({ page }) => {
    await openDeck(page, '#/overview--title');
    await page.keyboard.press('Escape');
    await expect(page.locator('.reveal')).toHaveClass(/overview/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect(page.locator('.reveal')).not.toHaveClass(/overview/);
    await expect(page.locator('section.present:not(.stack) [tabindex="-1"]').first()).toBeFocused();
    await page.keyboard.press('b');
    await expect(page.locator('.reveal')).toHaveClass(/paused/);
    await expect(page.getByRole('button', { name: 'Resume presentation' })).toBeVisible();
    await page.keyboard.press('b');
    await expect(page.locator('.reveal')).not.toHaveClass(/paused/);
    await page.keyboard.press('Shift+?');
    await expect(page.locator('.reveal-viewport .r-overlay, .reveal .r-overlay').first()).toBeVisible();
    await expect(page.locator('.r-overlay')).toContainText('High contrast on or off');
    await page.keyboard.press('Escape');
    await expect(page.locator('.r-overlay')).toHaveCount(0);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('body').press('s')]);
    await expect(popup.locator('.speaker-controls-notes')).toBeVisible();
    await popup.close();
  });

  test('a diagram\'s text version opens with Enter and Space, reads as lists of boxes and arrows, and stays on the slide', async ({ page }) => {
    await openDeck(page, '#/overview--pillars-map');
    const figure = page.locator('section.present:not(.stack) figure.diagram');
    // The drawing a laptop shows (a phone's own layout is the figure's other drawing, hidden here).
    const svg = figure.locator('svg:not([data-layout="narrow"])');
    // One image, named by the diagram's title and described by its description.
    await expect(svg).toHaveAttribute('role', 'img');
    await expect(svg).toHaveAttribute('aria-roledescription', 'diagram');
    await expect(svg).toHaveAccessibleName(/four focus areas/);
    await expect(svg).toHaveAccessibleDescription(/Manufacturing is an important area for building a modern industrial system/);
    const summary = figure.getByText('Text version of the diagram');
    await page.keyboard.press('Tab');
    await summary.focus();
    expect((await ringOf(page)).width).toBeGreaterThanOrEqual(3);
    await page.keyboard.press('Enter');
    const details = figure.locator('details.diagram-text');
    await expect(details).toHaveAttribute('open', '');
    const body = details.locator('.diagram-text-body');
    await expect(body).toBeVisible();
    await expect(body.getByRole('listitem').filter({ hasText: /^Manufacturing$/ }).first()).toBeVisible();
    await expect(body.getByRole('listitem').filter({ hasText: /^Four focus areas: traditional, advantageous, emerging, future industries$/ })).toHaveCount(1);
    // The eye sees "A → B"; a screen reader hears "A points to B", with what the arrow means.
    await expect(body.locator('li').filter({ hasText: /^Building a modern industrial system → ?points to Domestic cycle \(is based on\)$/ })).toHaveCount(1);
    const tree = await body.ariaSnapshot();
    expect(tree).toContain('listitem: Manufacturing points to Building a modern industrial system (an important area for)');
    expect(tree).toContain('listitem: Building a modern industrial system points to Domestic and international dual cycles (also promotes)');
    // Open, the text sits inside the slide, and scrolls within itself if it is long (reachable by Tab).
    const inside = await body.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const slide = el.closest('section')!.getBoundingClientRect();
      return box.top >= slide.top - 1 && box.bottom <= slide.bottom + 1 && box.left >= slide.left - 1 && box.right <= slide.right + 1;
    });
    expect(inside).toBe(true);
    await expect(body).toHaveAttribute('tabindex', '0');
    await expect(page).toHaveURL(/#\/overview--pillars-map$/);
    await summary.focus();
    await page.keyboard.press('Space');
    await expect(details).not.toHaveAttribute('open', '');
    await expect(page).toHaveURL(/#\/overview--pillars-map$/);
  });

  test('order and match questions are answered by keyboard; after Check focus stays on what comes next, never on the page', async ({ page }) => {
    await openDeck(page);
    const { quizzes } = await readQuizzes(page);
    const find = (type: string) => {
      const quiz = quizzes.find((q) => q.questions.some((question) => question.type === type))!;
      return { quiz, question: quiz.questions.find((q) => q.type === type)! };
    };
    for (const type of ['order', 'match', 'single'] as const) {
      const { quiz, question } = find(type);
      await showSlide(page, questionSlide(quiz.id, question.id));
      const form = page.locator('section.present:not(.stack) form.quiz-question');
      await expect(form.locator('fieldset > legend')).not.toBeEmpty();
      await expect(form.getByRole('group')).toHaveAccessibleName((await form.locator('legend').textContent())!.trim());
      const answer = correctResponse(question) as any;
      await page.keyboard.press('Tab');
      if (question.type === 'order') {
        for (let position = 0; position < answer.order.length; position++) {
          for (;;) {
            const ids = await form.locator('.quiz-order > li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.itemId!));
            if (ids.indexOf(answer.order[position]) === position) break;
            await form.locator(`li[data-item-id="${answer.order[position]}"]`).getByRole('button', { name: /up$/ }).focus();
            expect((await ringOf(page)).width).toBeGreaterThanOrEqual(3);
            await page.keyboard.press('Space');
            await expect(form.getByRole('status')).toContainText('is now number');
          }
        }
      } else if (question.type === 'match') {
        for (const pair of question.pairs) {
          const select = form.locator(`[data-pair-id="${pair.id}"] select`);
          await select.focus();
          expect((await ringOf(page)).width).toBeGreaterThanOrEqual(3);
          const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
          const at = await select.evaluate((s) => (s as HTMLSelectElement).selectedIndex);
          for (let i = at; i < options.indexOf(answer.matches[pair.id]); i++) await page.keyboard.press('ArrowDown');
        }
      } else {
        // A wrong answer: focus moves on to Try again or Show answer.
        const wrong = (wrongResponse(question) as { choice: string }).choice;
        await form.locator(`input[value="${wrong}"]`).focus();
        expect((await ringOf(page)).width).toBeGreaterThanOrEqual(3);
        await page.keyboard.press('Space');
      }
      await form.getByRole('button', { name: 'Check' }).focus();
      await page.keyboard.press('Enter');
      await expect(form).toHaveAttribute('data-result', question.type === 'single' ? 'incorrect' : 'correct');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return { inForm: !!el.closest('form.quiz-question'), text: el.textContent?.trim() ?? '', visible: el.getClientRects().length > 0 };
      });
      expect(focused.inForm && focused.visible, JSON.stringify(focused)).toBe(true);
      if (question.type === 'single') {
        expect(focused.text).toMatch(/^(Try again|Show answer)/);
        // The chosen choice says "Wrong" in words, with an icon, as well as its colour.
        await expect(form.locator('.quiz-choice[data-verdict="wrong"]')).toContainText('✗ Wrong');
        await expect(form.getByRole('radio', { name: /Wrong$/ })).toBeChecked();
      } else expect(focused.text).toMatch(/^✓ Correct/);
    }
  });

  test('focus is visible on links, buttons, inputs and selects of the slides and quizzes', async ({ page }) => {
    await openDeck(page);
    const { quizzes } = await readQuizzes(page);
    const withType = (type: string) => {
      const quiz = quizzes.find((q) => q.questions.some((question) => question.type === type))!;
      return questionSlide(quiz.id, quiz.questions.find((q) => q.type === type)!.id);
    };
    const cases: [string, string][] = [
      [withType('numeric'), 'input[type=text]'],
      [withType('multiple'), 'input[type=checkbox]'],
      [withType('cloze'), 'select, input[type=text]'],
      [withType('single'), 'button[data-action="check"]'],
      [`quiz-${quizzes[0]!.id}--intro`, 'button[data-action="reset-quiz"]'],
      ['results', 'button[data-action="download-json"]'],
      ['results', 'input[type=file]'],
      ['results', 'input[data-action="learner-name"]'],
    ];
    await page.keyboard.press('Tab');
    for (const [slide, selector] of cases) {
      await showSlide(page, slide);
      await page.locator(selector.split(', ').map((one) => `section.present:not(.stack) ${one}`).join(', ')).first().focus();
      const ring = await ringOf(page);
      expect(ring.width, `${slide} ${selector}`).toBeGreaterThanOrEqual(3);
    }
    // A link inside a slide: "Review the slide" in a question's feedback.
    const quiz = quizzes[0]!;
    await putInState(page, [quiz], 'right');
    await showSlide(page, questionSlide(quiz.id, quiz.questions[0]!.id));
    await page.locator('section.present:not(.stack) .quiz-feedback a[href]').focus();
    expect((await ringOf(page)).width).toBeGreaterThanOrEqual(3);
  });
});

// ---------------------------------------------------------------------------------------------
// Screen readers: what the accessibility tree offers

test.describe('screen readers', () => {
  test('the deck is a named main landmark, not an application; slides, questions, feedback and formulas are exposed', async ({ page }) => {
    await openDeck(page, '#/traditional--objectives');
    await expect(page.locator('[role="application"]')).toHaveCount(0);
    await expect(page.getByRole('main', { name: 'Slides' })).toHaveCount(1);
    const content = await page.locator('.reveal').ariaSnapshot();
    console.log(`[aria] content slide traditional--objectives\n${content}`);
    test.info().annotations.push({ type: 'aria content slide', description: content });
    expect(content).toContain('main "Slides"');
    expect(content).toContain('group "Learning objectives"');
    expect(content).toContain('heading "Learning objectives" [level=2]');
    expect(content).toContain('region "Slide navigation"');
    // reveal.js's own announcer (the whole slide read out) is silenced in favour of a short status.
    await expect(page.locator('.reveal .aria-status')).toHaveAttribute('aria-hidden', 'true');

    const { quizzes } = await readQuizzes(page);
    const quiz = quizzes[0]!;
    const question = quiz.questions.find((q) => q.type === 'single')!;
    await showSlide(page, questionSlide(quiz.id, question.id));
    const unanswered = await page.locator('.reveal').ariaSnapshot();
    await putInState(page, [quiz], 'wrong');
    const answered = await page.locator('.reveal section.present:not(.stack)').ariaSnapshot();
    console.log(`[aria] quiz question ${quiz.id}/${question.id}, unanswered\n${unanswered}\n[aria] the same question answered wrong (the slide)\n${answered}`);
    test.info().annotations.push({ type: 'aria quiz', description: `${unanswered}\n---\n${answered}` });
    // The question is a group named by its legend, holding its radio buttons.
    expect(unanswered).toContain(`group "${(await page.locator('section.present:not(.stack) legend').textContent())!.replace(/\s+/g, ' ').trim()}":`);
    expect(unanswered).toMatch(/- radio "[^"]+"\n/);
    expect(answered).toMatch(/- status:/);
    expect(answered).toMatch(/radio "[^"]+ Wrong" \[checked\] \[disabled\]/);
    expect(answered).toMatch(/Not correct|Partly correct/);

    // A formula is MathML for a screen reader; its HTML drawing is hidden from it.
    const math = page.locator('.reveal .katex').first();
    await expect(math.locator('math')).toHaveCount(1);
    await expect(math.locator('.katex-html')).toHaveAttribute('aria-hidden', 'true');
  });

  test('every slide is named by its title, and every question is a group with a legend and a live feedback region', async ({ page }) => {
    await openDeck(page);
    const problems = await page.evaluate(() => {
      const bad: string[] = [];
      for (const slide of (globalThis as any).Reveal.getSlides() as HTMLElement[]) {
        const label = document.getElementById(slide.getAttribute('aria-labelledby') ?? '');
        if (slide.getAttribute('role') !== 'group' || slide.getAttribute('aria-roledescription') !== 'slide') bad.push(`${slide.id}: role`);
        if (!label?.textContent?.trim()) bad.push(`${slide.id}: no title`);
        if (label && label.getAttribute('tabindex') !== '-1') bad.push(`${slide.id}: title cannot take focus`);
      }
      for (const form of document.querySelectorAll('form.quiz-question')) {
        if (!form.querySelector(':scope > fieldset > legend')?.textContent?.trim()) bad.push(`${form.getAttribute('data-question-id')}: no legend`);
        const live = form.querySelector('.quiz-feedback');
        if (live?.getAttribute('role') !== 'status') bad.push(`${form.getAttribute('data-question-id')}: no live feedback`);
      }
      for (const figure of document.querySelectorAll('figure.diagram')) {
        const svg = figure.querySelector('svg')!;
        if (!svg.querySelector('title')?.textContent?.trim() || !svg.querySelector('desc')?.textContent?.trim()) bad.push(`${figure.getAttribute('data-diagram')}: no title or description`);
        if (!figure.querySelector('details.diagram-text li')) bad.push(`${figure.getAttribute('data-diagram')}: no text version`);
      }
      return bad;
    });
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Motion, zoom and reflow

test('prefers-reduced-motion: no transition and no animation anywhere in the deck', async ({ browser }) => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await openDeck(page, '?transition=fade#/overview--title');
  expect(await page.evaluate(() => (globalThis as any).Reveal.getConfig().transition)).toBe('none');
  await page.keyboard.press('ArrowRight');
  const moving = await page.evaluate(() => {
    const seconds = (list: string) => Math.max(...list.split(',').map((s) => parseFloat(s) || 0));
    const out: string[] = [];
    for (const el of [document.body, ...document.querySelectorAll<HTMLElement>('.reveal, .reveal *')]) {
      for (const pseudo of [null, '::before', '::after']) {
        const style = getComputedStyle(el, pseudo);
        if (seconds(style.transitionDuration) > 0 || (style.animationName !== 'none' && seconds(style.animationDuration) > 0)) {
          out.push(`${el.tagName.toLowerCase()}.${el.className}${pseudo ?? ''}`);
        }
      }
    }
    return out.slice(0, 10);
  });
  expect(moving).toEqual([]);
  await context.close();
});

test('at 200% zoom (1280×720 seen as 640×360) every slide still shows all of its content', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await openDeck(page);
  expect(await page.evaluate(() => (globalThis as any).Reveal.isScrollView())).toBe(false);
  const clipped: string[] = [];
  for (const id of await slideIds(page)) {
    await showSlide(page, id);
    const outside = await page.evaluate((slideId) => {
      const slide = document.getElementById(slideId)!;
      const frame = slide.getBoundingClientRect();
      const view = { right: innerWidth, bottom: innerHeight };
      return [...slide.querySelectorAll<HTMLElement>('h1, h2, h3, p, li, table, figure, .math-display, .background, fieldset, .quiz-actions, summary')]
        .filter((el) => !el.closest('aside.notes, details:not([open]) > .diagram-text-body'))
        .filter((el) => {
          const box = el.getBoundingClientRect();
          if (box.width === 0 || box.height === 0) return false;
          return box.bottom > Math.min(frame.bottom, view.bottom) + 1 || box.right > Math.min(frame.right, view.right) + 1 || box.left < frame.left - 1 || box.top < 0;
        })
        .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}"`);
    }, id);
    if (outside.length) clipped.push(`${id}: ${outside.join('; ')}`);
  }
  expect(clipped).toEqual([]);
  await context.close();
});

for (const width of [512, 320]) {
  test(`the scroll view at ${width} px wide (200% and 400% zoom) reflows: no text cut off or sideways scrolling, type stays readable`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height: 700 } });
    const page = await context.newPage();
    await openDeck(page);
    const { quizzes } = await readQuizzes(page);
    await putInState(page, quizzes, 'wrong');
    const result = await page.evaluate(() => {
      const viewport = document.querySelector<HTMLElement>('.reveal-viewport')!;
      const wide: string[] = [];
      let smallest = { size: Infinity, what: '' };
      for (const el of document.querySelectorAll<HTMLElement>('.reveal .slides section :is(h1, h2, h3, p, li, td, th, legend, label, button, summary, .quiz-verdict)')) {
        if (el.closest('aside.notes, figure.diagram svg, details:not([open]) > .diagram-text-body, .visually-hidden') || !el.getClientRects().length) continue;
        const box = el.getBoundingClientRect();
        // Diagrams and tables may scroll sideways inside themselves (a two-dimensional layout); text may not.
        if (!el.closest('figure.diagram, table') && (box.right > innerWidth + 1 || box.left < -1)) wide.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}"`);
        const zoom = parseFloat(getComputedStyle(el.closest('section')!).zoom || '1') || 1;
        const size = parseFloat(getComputedStyle(el).fontSize) * zoom;
        if (size < smallest.size) smallest = { size, what: `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}"` };
      }
      return { wide: wide.slice(0, 10), pageScrollsSideways: viewport.scrollWidth > viewport.clientWidth + 1, smallest };
    });
    expect(result.wide).toEqual([]);
    expect(result.pageScrollsSideways).toBe(false);
    console.log(`[zoom] scroll view ${width} px: smallest text ${result.smallest.size.toFixed(1)} px (${result.smallest.what})`);
    // At 200% (512 px) text stays at least as large as a 16 px body text shrunk by reveal.js on a laptop.
    if (width === 512) expect(result.smallest.size).toBeGreaterThanOrEqual(12);
    await context.close();
  });
}

test('the keyboard help (?) is readable: every row passes the contrast check', async ({ page }) => {
  await openWithAxe(page, '#/traditional--objectives');
  await page.keyboard.press('Shift+Slash');
  await expect(page.locator('.r-overlay-help table')).toBeVisible();
  // reveal.js's own overlay has other findings (its scrolling box takes no focus); the colours are ours.
  expect((await axe(page, 'keyboard help', ['.r-overlay-help'])).filter((f) => f.id === 'color-contrast')).toEqual([]);
});
