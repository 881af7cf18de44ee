import { expect, type Page } from '@playwright/test';

/** What went wrong in the page: errors, failed requests, and requests that left the machine. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol.startsWith('http')) problems.push(`left the machine: ${request.url()}`);
  });
  return problems;
}

/** Opens the deck at `path` (a query, a hash, a sub-path) and waits until reveal.js is ready. */
export async function openDeck(page: Page, path = ''): Promise<string[]> {
  const problems = watchProblems(page);
  await page.goto(path);
  await page.waitForSelector('.reveal.ready', { state: 'attached' });
  await page.evaluate(() => document.fonts.ready);
  return problems;
}

/** The id of every slide, in deck order, as reveal.js sees them. */
export async function slideIds(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as any).Reveal.getSlides().map((s: HTMLElement) => s.id));
}

/** Shows one slide by its element id and returns once it is the current one. */
export async function showSlide(page: Page, id: string): Promise<void> {
  await page.evaluate((slideId) => {
    const deck = (globalThis as any).Reveal;
    const { h, v } = deck.getIndices(document.getElementById(slideId));
    deck.slide(h, v);
  }, id);
  const slide = page.locator(`section#${id}`);
  if (!(await page.evaluate(() => (globalThis as any).Reveal.isScrollView()))) {
    await expect(slide).toHaveClass(/present/);
    await quizControlsShown(page, id);
    return;
  }
  // The phone's scroll view: its pages flow at their own height, which reveal.js's model of
  // equal pages does not know, so it may land beside the slide (even marking it present); then
  // scroll to it, as the deck's own links do (src/ui/slide-return.ts).
  try {
    await expect(slide).toHaveClass(/present/, { timeout: 3000 });
    await expect(slide).toBeInViewport({ timeout: 1000 });
  } catch {
    await slide.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  }
  await expect(slide).toBeInViewport();
  await quizControlsShown(page, id);
}

/**
 * A question's controls come with the quiz code, which the deck fetches when a quiz is first near
 * (src/ui/quiz-loader.ts): on a slide shown straight from afar, they are waited for, as a learner
 * waits for them.
 */
async function quizControlsShown(page: Page, id: string): Promise<void> {
  if (await page.locator(`section#${id} form.quiz-question`).count()) await expect(page.locator('.reveal.kit-quizzes-pending')).toHaveCount(0);
}
