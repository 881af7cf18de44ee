/**
 * `npm run bench`: the figures the README reports, measured, not asserted. Times the command
 * line's start-up and a warm build as a user runs them, builds the deck (warm diagram and font
 * caches), sizes what the browser loads and the offline file, times navigation → reveal.js
 * ready, and prints the PDFs beside decktape's. Budgets are printed with the figures.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
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

/**
 * decktape, the usual tool for printing reveal.js decks, on the same deck and the same Chromium,
 * with no pause before each slide (`--pause 0`, its fastest; its default waits a second a slide).
 */
async function decktape(root: string, url: string, out: string): Promise<{ seconds: number; pages: number } | { error: string }> {
  const started = performance.now();
  try {
    // Not execFileSync: the static server decktape loads from runs in this very process.
    await promisify(execFile)(
      join(root, 'node_modules/.bin/decktape'),
      ['reveal', '--pause', '0', '--chrome-path', findChromium()!, ...CHROME_ARGS.map((a) => `--chrome-arg=${a}`), '--size', '1280x720', url, out],
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
    // The drawing a laptop shows (a phone's second drawing, hidden here, apart).
    const all = [...document.querySelectorAll(`section#${id} figure.diagram > svg:not([data-layout="narrow"]) text`)];
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

/** The parts of the bench, each runnable alone with `--only` (decktape alone takes minutes). */
const PARTS = ['startup', 'build', 'deck', 'pdf'] as const;
type Part = (typeof PARTS)[number];
const USAGE = `usage: npm run bench [-- --only ${PARTS.join(',')}]`;
const HELP = [
  'options:',
  `  --only <parts>   measure only these, comma-separated (all by default): startup (the command line's),`,
  '                   build (a warm npm run build), deck (sizes and time to ready), pdf (ours and decktape\'s)',
].join('\n');

const KIB = 1024;
const MIB = 1024 * KIB;
const kib = (bytes: number) => `${(bytes / KIB).toFixed(1)} KiB`;
const seconds = (value: number) => `${value.toFixed(2)} s`;
/** The budgets of issue #13 (the Chinese edition): in either language. */
const FONT_BUDGET = 150 * KIB;
const OFFLINE_BUDGET = 1.5 * MIB;
/** The goals of issue #16: the compiled CLI answers `--version` this fast (npm's own start-up apart)… */
const STARTUP_BUDGET_S = 0.3;
/** …a warm build's wall time is at most this many times the work it reports… */
const BUILD_OVERHEAD_BUDGET = 1.5;
/** …and our slides PDF takes at most this share of decktape's time on the same deck. */
const PDF_SHARE_BUDGET = 0.5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

type Row = [what: string, value: string, note: string];
/** Rows to print, and the names of the figures over their budget. */
interface Measured {
  rows: Row[];
  over: string[];
}

/** A command run as a user runs it, from the project folder: its wall time, exit code and output. */
function timedRun(command: string, args: string[], root: string): { seconds: number; status: number | null; stdout: string; stderr: string } {
  const started = performance.now();
  const run = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * MIB, env: { ...process.env, FORCE_COLOR: '0' } });
  return { seconds: (performance.now() - started) / 1000, status: run.status, stdout: run.stdout ?? '', stderr: run.stderr ?? '' };
}

type Timing = { median: number; all: number[] } | { error: string };

/**
 * The median wall time of each command, run `rounds` times in turn (one of each, then again),
 * so a machine busy with other work slows them alike; each must succeed.
 */
function medianRuns(commands: [command: string, args: string[]][], root: string, rounds: number): Timing[] {
  const all = commands.map((): number[] | string => []);
  for (let round = 0; round < rounds; round++) {
    commands.forEach(([command, args], i) => {
      const times = all[i]!;
      if (typeof times === 'string') return;
      const run = timedRun(command, args, root);
      if (run.status === 0) times.push(run.seconds);
      else all[i] = `exit ${run.status}: ${(run.stderr || run.stdout).trim().split('\n')[0]}`;
    });
  }
  return all.map((times) => (typeof times === 'string' ? { error: times } : { median: median(times), all: times }));
}

/**
 * The command line's start-up, `kit --version`: the compiled CLI through its launcher, spawned
 * with `node` directly (npm's own start-up apart), against the goal, beside Node doing nothing
 * (so what the machine's load adds shows); then through `npm run kit`, and the way it ran
 * before it was compiled (tsx), for information.
 */
function measureStartup(root: string): Measured {
  const launcher = join(root, 'src/cli/launch.mjs');
  timedRun(process.execPath, [launcher, '--compile'], root); // compiles if a source changed, so the runs below are warm
  const [direct, bareNode] = medianRuns([[process.execPath, [launcher, '--version']], [process.execPath, ['-e', '0']]], root, 7) as [Timing, Timing];
  const [viaNpm, viaTsx] = medianRuns([['npm', ['run', '--silent', 'kit', '--', '--version']], [process.execPath, ['--import', 'tsx', join(root, 'src/cli/kit.ts'), '--version']]], root, 3) as [Timing, Timing];
  const row = (what: string, run: Timing, note: string): Row =>
    'error' in run ? [what, 'failed', run.error] : [what, seconds(run.median), `${note}runs: ${run.all.map((t) => t.toFixed(2)).join(', ')} s`];
  const overNode = 'error' in direct || 'error' in bareNode ? '' : `${((direct.median - bareNode.median) * 1000).toFixed(0)} ms more than node alone; `;
  return {
    rows: [
      row('CLI start-up: node src/cli/launch.mjs --version', direct, `budget ${STARTUP_BUDGET_S} s, median of 7; ${overNode}`),
      row('  node alone (node -e 0), for scale', bareNode, 'what the machine gives any Node program, median of 7; '),
      row('  the same through npm run kit -- --version', viaNpm, 'npm\'s own start-up included, median of 3; '),
      row('  the same uncompiled (tsx src/cli/kit.ts)', viaTsx, 'as before #16, median of 3; '),
    ],
    over: 'error' in direct || direct.median > STARTUP_BUDGET_S ? ['CLI start-up'] : [],
  };
}

/**
 * A warm build as a user runs it (`npm run build`, caches filled by the build before it): its
 * wall time against the work it reports ("dist/ written in … s"), so what start-up adds shows.
 */
function measureWarmBuild(root: string): Measured {
  const diagrams = readdirSync(join(root, 'assets/diagrams')).filter((name) => name.endsWith('.svg')).length;
  const run = timedRun('npm', ['run', 'build'], root);
  const work = Number(/dist\/ written in ([\d.]+) s/.exec(run.stdout)?.[1]);
  if (run.status !== 0 || !work) return { rows: [['Warm build (npm run build)', 'failed', `exit ${run.status}: ${(run.stderr || run.stdout).trim().split('\n').at(-1)}`]], over: ['warm build'] };
  const ratio = run.seconds / work;
  return {
    rows: [
      ['Warm build: npm run build, wall time', seconds(run.seconds), `caches warm (fonts, ${diagrams} diagrams)`],
      ['  the work it reports (dist/ written in …)', seconds(work), 'both languages and the students\' page'],
      ['  wall ÷ work', `${ratio.toFixed(2)}×`, `budget ${BUILD_OVERHEAD_BUDGET}×`],
    ],
    over: ratio > BUILD_OVERHEAD_BUDGET ? ['warm build wall ÷ work'] : [],
  };
}

/** The phone the diagram figures are measured on (#16: labels at least 14 px there). */
const PHONE = { width: 390, height: 844 };
const MIN_PHONE_LABEL_PX = 14;

/**
 * How tall each diagram's labels are on a 390 px phone, in the drawing a phone shows: the
 * smallest label font (the drawing's font size times the scale it is shown at) of each diagram.
 */
async function phoneLabels(browser: Awaited<ReturnType<typeof launchChromium>>, url: string): Promise<number[]> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('.reveal.ready', { state: 'attached' });
    return await page.evaluate(() =>
      [...document.querySelectorAll('figure.diagram')].map((figure) => {
        const svg = [...figure.querySelectorAll<SVGSVGElement>(':scope > svg')].find((s) => s.getClientRects().length > 0);
        if (!svg) return 0;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return Math.min(...[...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
      }),
    );
  } finally {
    await context.close();
  }
}

/** What the browser loads of the built deck, in each language, and the time to reveal.js ready; the offline files' sizes. */
async function measureDeck(root: string): Promise<Measured> {
  const dist = join(root, 'dist');
  const languages = deckLanguages(root);
  const server = await serveStatic(dist);
  const browser = await launchChromium();
  const loaded = { css: 0 };
  /** Fonts the first slide fetches, by language. */
  const fonts: Record<string, number> = Object.fromEntries(languages.map((lang) => [lang, 0]));
  const ready: number[] = [];
  let split: Awaited<ReturnType<typeof splitFigures>> | undefined;
  const phone: Record<string, number[]> = {};
  try {
    split = await splitFigures(browser, server.url + pageFile(DEFAULT_LANG));
    for (const lang of languages) phone[lang] = await phoneLabels(browser, server.url + pageFile(lang));
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
          if (type === 'stylesheet') loaded.css += gzipSync(body).length;
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
  const offlineFiles = readdirSync(dist).filter((name) => name.endsWith('.html') && name.includes('-offline'));
  /** The offline file of a language: `<name>-offline.html`, `<name>-offline.zh.html`. */
  const offlineOf = (lang: string) => offlineFiles.find((name) => (lang === DEFAULT_LANG ? name.endsWith('-offline.html') : name.endsWith(`-offline.${lang}.html`)));
  const offlineBytes = Object.fromEntries(languages.map((lang) => [lang, offlineOf(lang) ? statSync(join(dist, offlineOf(lang)!)).size : 0]));
  const over = [
    ...(split!.firstJs > 45 * KIB ? ['JavaScript of the first slide'] : []),
    ...(split!.diagramJs > split!.firstJs ? ['JavaScript of a diagram slide opened directly'] : []),
    ...(loaded.css > 60 * KIB ? ['CSS'] : []),
    ...languages.filter((lang) => (fonts[lang] ?? 0) > FONT_BUDGET).map((lang) => `fonts (${lang})`),
    ...languages.filter((lang) => (offlineBytes[lang] ?? 0) > OFFLINE_BUDGET).map((lang) => `offline deck (${lang})`),
    ...languages.filter((lang) => (phone[lang] ?? []).some((px) => px < MIN_PHONE_LABEL_PX)).map((lang) => `diagram labels on a phone (${lang})`),
  ];
  return {
    rows: [
      ['JavaScript the first slide loads (gzip)', kib(split!.firstJs), 'budget 45 KiB'],
      [`JavaScript, #/${split!.diagramId} opened directly (gzip)`, kib(split!.diagramJs), `labels shown ${split!.labels}; budget: no more than the first slide`],
      ['JavaScript a quiz question adds when reached (gzip)', kib(split!.quizJs), 'for information'],
      ['CSS the deck loads (gzip, fonts apart)', kib(loaded.css), 'budget 60 KiB'],
      ...languages.map((lang): Row => [`Fonts loaded on the first slide, ${lang} (woff2)`, kib(fonts[lang] ?? 0), 'budget 150 KiB']),
      ...languages.map((lang): Row => [`One-file offline deck, ${lang}`, `${((offlineBytes[lang] ?? 0) / MIB).toFixed(2)} MiB`, 'budget 1.5 MiB']),
      ...languages.map((lang): Row => {
        const sizes = phone[lang] ?? [];
        return [`Smallest diagram label on a 390 px phone, ${lang}`, `${Math.min(...sizes).toFixed(1)} px`, `${sizes.filter((px) => px >= MIN_PHONE_LABEL_PX).length}/${sizes.length} diagrams at 14 px or more; budget 14 px`];
      }),
      ['Navigation to reveal.js ready (median of 5)', `${median(ready).toFixed(0)} ms`, `runs: ${ready.map((t) => t.toFixed(0)).join(', ')} ms`],
    ],
    over,
  };
}

/**
 * Our four PDFs in each language (in-process), then the slides PDF as a user prints it
 * (`npm run pdf -- --lang en --only slides`, wall time) beside decktape's on the same deck,
 * both checked for the diagrams' labels, and the share of decktape's time ours takes.
 */
async function measurePdfs(root: string): Promise<Measured> {
  const dist = join(root, 'dist');
  const languages = deckLanguages(root);
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
  const ours = timedRun('npm', ['run', 'pdf', '--', '--lang', DEFAULT_LANG, '--only', 'slides'], root);
  mkdirSync(join(dist, 'bench'), { recursive: true });
  const printServer = await serveStatic(dist);
  const theirs = await decktape(root, printServer.url, join(dist, 'bench/decktape.pdf'));
  await printServer.close();
  const share = ours.status === 0 && !('error' in theirs) ? ours.seconds / theirs.seconds : undefined;
  return {
    rows: [
      [`All four PDFs in ${DEFAULT_LANG} (slides, handout, …)`, `${pdfSeconds.toFixed(1)} s`, pdfs.map((p) => `${p.name} ${p.pages} pp`).join(', ')],
      ...others.map(({ lang, pdfs: theirPdfs, seconds: taken }): Row => [`All four PDFs in ${lang}`, `${taken.toFixed(1)} s`, theirPdfs.map((p) => `${p.name} ${p.pages} pp`).join(', ')]),
      ['  of which slides.pdf', `${slidesPdf.seconds.toFixed(1)} s`, `${slidesPdf.pages} pages, diagram labels as text: ${labelsFound(slidesPdf.file, labels)}/${labels.length}`],
      ours.status === 0
        ? [`Slides PDF: npm run pdf -- --lang ${DEFAULT_LANG} --only slides`, seconds(ours.seconds), 'wall time, as a user prints it']
        : ['Slides PDF: npm run pdf … --only slides', 'failed', `exit ${ours.status}: ${(ours.stderr || ours.stdout).trim().split('\n').at(-1)}`],
      'error' in theirs
        ? ['decktape --pause 0, slides only, same deck', 'failed', theirs.error]
        : ['decktape --pause 0, slides only, same deck', seconds(theirs.seconds), `${theirs.pages} pages, diagram labels as text: ${labelsFound(join(dist, 'bench/decktape.pdf'), labels)}/${labels.length}`],
      ['  ours ÷ decktape\'s', share === undefined ? 'n/a' : share.toFixed(2), `budget ${PDF_SHARE_BUDGET}`],
    ],
    over: share === undefined || share > PDF_SHARE_BUDGET ? ['slides PDF ÷ decktape'] : [],
  };
}

export async function runBench(args: string[], root = process.cwd(), out: Output = terminal): Promise<number> {
  const parsed = readArgs('bench', args, { options: { only: { type: 'string' } }, usage: USAGE, help: HELP }, out);
  if ('exit' in parsed) return parsed.exit;
  const only = parsed.values.only?.split(',').map((name) => name.trim());
  const unknown = only?.filter((name) => !(PARTS as readonly string[]).includes(name));
  if (unknown?.length) {
    out.error(`kit bench: --only: unknown ${unknown.join(', ')}; choose from ${PARTS.join(', ')}\n${USAGE}`);
    return 2;
  }
  const parts = new Set<Part>((only as Part[] | undefined) ?? PARTS);
  const measured: Measured[] = [];
  if (parts.has('startup')) measured.push(measureStartup(root));
  // Fills the diagram and font caches if they are cold, so the timed build is warm; and dist/ for the rest.
  if (parts.has('build') || parts.has('deck') || parts.has('pdf')) await buildSite(root, out);
  if (parts.has('build')) measured.push(measureWarmBuild(root));
  if (parts.has('deck')) measured.push(await measureDeck(root));
  if (parts.has('pdf')) measured.push(await measurePdfs(root));

  out.log('\nbench (headless Chromium, loopback static server)\n');
  for (const [what, value, note] of measured.flatMap((m) => m.rows)) out.log(`${what.padEnd(50)} ${value.padStart(10)}  ${note}`);
  const over = measured.flatMap((m) => m.over);
  if (over.length) out.log(`\nover budget: ${over.join(', ')}`);
  return 0;
}
