/**
 * `npm run bench`: the figures the README reports, measured, not asserted. Builds the deck
 * (warm diagram and font caches), sizes what the browser loads and the offline file, and times
 * navigation → reveal.js ready.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROME_ARGS, findChromium, launchChromium } from '../deck/chromium.ts';
import { writePdfs } from '../export/pdf.ts';
import { serveStatic } from '../export/static-server.ts';

/** The text of every diagram label of the built deck, as a printed PDF must still contain it. */
function diagramLabels(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const labels = [...html.matchAll(/<tspan[^>]*class="text-inner-tspan"[^>]*>([^<]+)<\/tspan>/g)].map((m) => m[1]!.trim());
  return [...new Set(labels.filter(Boolean))];
}

/** How many of the labels a PDF holds as text (pdftotext from poppler-utils). */
function labelsFound(pdf: string, labels: string[]): number {
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  return labels.filter((label) => text.includes(label.replace(/&amp;/g, '&').replace(/&#39;/g, "'"))).length;
}

/** decktape, the usual tool for printing reveal.js decks, on the same deck and the same Chromium. */
async function decktape(root: string, url: string, out: string): Promise<{ seconds: number; pages: number } | { error: string }> {
  const started = performance.now();
  try {
    // Not execFileSync: the static server decktape loads from runs in this very process.
    await promisify(execFile)(
      join(root, 'node_modules/.bin/decktape'),
      ['reveal', '--chrome-path', findChromium()!, ...CHROME_ARGS.map((a) => `--chrome-arg=${a}`), '--size', '1280x720', url, out],
      { timeout: 30 * 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (error) {
    const { stdout = '', message } = error as { stdout?: string; message: string };
    return { error: (stdout.split('\n').find((line) => /error/i.test(line)) ?? message.split('\n')[0])! };
  }
  // decktape merges per-slide PDFs into compressed object streams: ask poppler for the count.
  const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
  return { seconds: (performance.now() - started) / 1000, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0) };
}
/**
 * Issue #16: the scripts a page fetches (gzip) until its slide is shown and the network has been
 * idle for half a second: the first slide; a diagram slide opened directly (`#/<id>`), with how
 * many of its labels are drawn (a box of some size); and what a quiz question adds once reached.
 */
async function splitFigures(browser: Awaited<ReturnType<typeof launchChromium>>, url: string) {
  const open = async (hash = '') => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const bodies: Promise<number>[] = [];
    let inFlight = 0;
    let quietSince = performance.now();
    page.on('request', () => inFlight++);
    const done = () => ((inFlight -= 1), (quietSince = performance.now()));
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    page.on('response', (r) => void (r.request().resourceType() === 'script' && bodies.push(r.body().then((b) => gzipSync(b).length, () => 0))));
    const js = async () => {
      while (inFlight > 0 || performance.now() - quietSince < 500) await page.waitForTimeout(50);
      return (await Promise.all(bodies)).reduce((a, b) => a + b, 0);
    };
    await page.goto(url + hash);
    await page.waitForSelector('.reveal.ready', { state: 'attached' });
    return { page, context, js };
  };
  const first = await open();
  const firstJs = await first.js();
  const diagramId = await first.page.evaluate(() => document.querySelector('.slides section figure.diagram')?.closest('section')?.id ?? '');
  // The first quiz question, reached from the first slide as a learner would (its slide shown).
  await first.page.evaluate(() => {
    const deck = (globalThis as { Reveal?: { getIndices(e: Element): { h: number; v: number }; slide(h: number, v: number): void } }).Reveal!;
    const { h, v } = deck.getIndices(document.querySelector('.slides section.quiz-slide')!);
    deck.slide(h, v);
  });
  await first.page.waitForSelector('.slides section.quiz-slide.present form', { state: 'attached' });
  const quizJs = (await first.js()) - firstJs;
  await first.context.close();
  const diagram = await open(`#/${diagramId}`);
  await diagram.page.waitForSelector(`section#${diagramId}.present`, { state: 'attached' });
  const diagramJs = await diagram.js();
  const labels = await diagram.page.evaluate((id) => {
    const all = [...document.querySelectorAll(`section#${id} figure.diagram svg text`)];
    return `${all.filter((t) => t.getBoundingClientRect().width > 1 && t.textContent!.trim()).length}/${all.length}`;
  }, diagramId);
  await diagram.context.close();
  return { firstJs, diagramId, diagramJs, labels, quizJs };
}
import { readArgs } from './args.ts';
import { buildSite } from './build.ts';
import { DEFAULT_LANG, deckLanguages } from '../deck/languages.ts';
import { pageFile } from '../deck/page.ts';
import { terminal, type Output } from './output.ts';

const USAGE = 'usage: npm run bench';

const KIB = 1024;
const MIB = 1024 * KIB;
const kib = (bytes: number) => `${(bytes / KIB).toFixed(1)} KiB`;
/** The budgets of issue #13 (the Chinese edition): in either language. */
const FONT_BUDGET = 150 * KIB;
const OFFLINE_BUDGET = 1.5 * MIB;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function runBench(args: string[], root = process.cwd(), out: Output = terminal): Promise<number> {
  const parsed = readArgs('bench', args, { options: {}, usage: USAGE }, out);
  if ('exit' in parsed) return parsed.exit;
  await buildSite(root, out); // fills the diagram and font caches if they are cold, so the timed build below is warm
  const started = performance.now();
  await buildSite(root, out);
  const buildSeconds = (performance.now() - started) / 1000;

  const dist = join(root, 'dist');
  const languages = deckLanguages(root);
  const server = await serveStatic(dist);
  const browser = await launchChromium();
  const loaded = { js: 0, css: 0, requests: 0 };
  /** Fonts the first slide fetches, by language. */
  const fonts: Record<string, number> = Object.fromEntries(languages.map((lang) => [lang, 0]));
  const ready: number[] = [];
  let split: Awaited<ReturnType<typeof splitFigures>> | undefined;
  try {
    split = await splitFigures(browser, server.url + pageFile(DEFAULT_LANG));
    // Each language's first slide, its fonts counted; then four more loads of the default language, timed.
    for (const lang of [...languages, ...Array.from({ length: 4 }, () => DEFAULT_LANG)].map((code, run) => ({ code, run }))) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      if (lang.run < languages.length) {
        page.on('response', async (response) => {
          const type = response.request().resourceType();
          const body = await response.body().catch(() => Buffer.alloc(0));
          if (type === 'font') fonts[lang.code] = (fonts[lang.code] ?? 0) + body.length;
          if (lang.code !== DEFAULT_LANG) return;
          loaded.requests++;
          if (type === 'script') loaded.js += gzipSync(body).length;
          else if (type === 'stylesheet') loaded.css += gzipSync(body).length;
        });
      }
      const t0 = performance.now();
      await page.goto(server.url + pageFile(lang.code));
      await page.waitForSelector('.reveal.ready', { state: 'attached' });
      if (lang.code === DEFAULT_LANG) ready.push(performance.now() - t0);
      await page.waitForLoadState('networkidle');
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }

  // Print: our four PDFs, then decktape's slides PDF of the same deck, both checked for the diagrams' labels.
  const pdfStarted = performance.now();
  const pdfs = await writePdfs(root);
  const pdfSeconds = (performance.now() - pdfStarted) / 1000;
  const others = [];
  for (const lang of languages.slice(1)) {
    const t0 = performance.now();
    others.push({ lang, pdfs: await writePdfs(root, { lang }), seconds: (performance.now() - t0) / 1000 });
  }
  const slidesPdf = pdfs.find((p) => p.name === 'slides')!;
  const labels = diagramLabels(dist);
  mkdirSync(join(dist, 'bench'), { recursive: true });
  const printServer = await serveStatic(dist);
  const theirs = await decktape(root, printServer.url, join(dist, 'bench/decktape.pdf'));
  await printServer.close();

  const diagrams = readdirSync(join(root, 'assets/diagrams')).filter((name) => name.endsWith('.svg')).length;
  const offlineFiles = readdirSync(dist).filter((name) => name.endsWith('.html') && name.includes('-offline'));
  /** The offline file of a language: `<name>-offline.html`, `<name>-offline.zh.html`. */
  const offlineOf = (lang: string) => offlineFiles.find((name) => (lang === DEFAULT_LANG ? name.endsWith('-offline.html') : name.endsWith(`-offline.${lang}.html`)));
  const offlineBytes = Object.fromEntries(languages.map((lang) => [lang, offlineOf(lang) ? statSync(join(dist, offlineOf(lang)!)).size : 0]));
  const rows: [string, string, string][] = [
    ['JavaScript the first slide loads (gzip)', kib(split!.firstJs), 'budget 45 KiB'],
    [`JavaScript, #/${split!.diagramId} opened directly (gzip)`, kib(split!.diagramJs), `labels shown ${split!.labels}; budget: no more than the first slide`],
    ['JavaScript a quiz question adds when reached (gzip)', kib(split!.quizJs), 'for information'],
    ['CSS the deck loads (gzip, fonts apart)', kib(loaded.css), 'budget 60 KiB'],
    ...languages.map((lang): [string, string, string] => [`Fonts loaded on the first slide, ${lang} (woff2)`, kib(fonts[lang] ?? 0), 'budget 150 KiB']),
    ...languages.map((lang): [string, string, string] => [`One-file offline deck, ${lang}`, `${((offlineBytes[lang] ?? 0) / MIB).toFixed(2)} MiB`, 'budget 1.5 MiB']),
    ['Navigation to reveal.js ready (median of 5)', `${median(ready).toFixed(0)} ms`, `runs: ${ready.map((t) => t.toFixed(0)).join(', ')} ms`],
    ['Build with warm caches (diagrams, fonts)', `${buildSeconds.toFixed(1)} s`, `${diagrams} cached diagrams`],
    ['All four PDFs in en (slides, handout, …)', `${pdfSeconds.toFixed(1)} s`, pdfs.map((p) => `${p.name} ${p.pages} pp`).join(', ')],
    ...others.map(({ lang, pdfs: theirPdfs, seconds }): [string, string, string] => [`All four PDFs in ${lang}`, `${seconds.toFixed(1)} s`, theirPdfs.map((p) => `${p.name} ${p.pages} pp`).join(', ')]),
    ['  of which slides.pdf', `${slidesPdf.seconds.toFixed(1)} s`, `${slidesPdf.pages} pages, diagram labels as text: ${labelsFound(slidesPdf.file, labels)}/${labels.length}`],
    'error' in theirs
      ? ['decktape, slides only, same deck', 'failed', theirs.error]
      : ['decktape, slides only, same deck', `${theirs.seconds.toFixed(1)} s`, `${theirs.pages} pages, diagram labels as text: ${labelsFound(join(dist, 'bench/decktape.pdf'), labels)}/${labels.length}`],
  ];
  out.log('\nbench (headless Chromium, loopback static server)\n');
  for (const [what, value, note] of rows) out.log(`${what.padEnd(46)} ${value.padStart(10)}  ${note}`);
  const over =
    split!.firstJs > 45 * KIB || split!.diagramJs > split!.firstJs || loaded.css > 60 * KIB || Object.values(fonts).some((bytes) => bytes > FONT_BUDGET) || Object.values(offlineBytes).some((bytes) => bytes > OFFLINE_BUDGET);
  if (over) out.log('\nover budget: see above');
  return 0;
}
