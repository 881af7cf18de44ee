/**
 * `npm run bench`: the figures the README reports, measured, not asserted. Builds the deck
 * (warm diagram cache), sizes what the browser loads, and times navigation → reveal.js ready.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../deck/chromium.ts';
import { runBuild } from './build.ts';

const KIB = 1024;
const kib = (bytes: number) => `${(bytes / KIB).toFixed(1)} KiB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Serves dist/ on a free loopback port for as long as the measurement runs. */
async function serveDist(root: string) {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = resolve(root, '.' + (path.endsWith('/') ? `${path}index.html` : path));
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

export async function runBench(_args: string[], root = process.cwd()): Promise<number> {
  await runBuild(root); // fills the diagram cache if it is cold, so the timed build below is warm
  const started = performance.now();
  await runBuild(root);
  const buildSeconds = (performance.now() - started) / 1000;

  const dist = join(root, 'dist');
  const server = await serveDist(dist);
  const browser = await launchChromium();
  const loaded = { js: 0, css: 0, fonts: 0, requests: 0 };
  const ready: number[] = [];
  try {
    for (let run = 0; run < 5; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      if (run === 0) {
        page.on('response', async (response) => {
          const type = response.request().resourceType();
          const body = await response.body().catch(() => Buffer.alloc(0));
          loaded.requests++;
          if (type === 'script') loaded.js += gzipSync(body).length;
          else if (type === 'stylesheet') loaded.css += gzipSync(body).length;
          else if (type === 'font') loaded.fonts += body.length;
        });
      }
      const t0 = performance.now();
      await page.goto(server.url);
      await page.waitForSelector('.reveal.ready', { state: 'attached' });
      ready.push(performance.now() - t0);
      await page.waitForLoadState('networkidle');
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }

  const diagrams = readdirSync(join(root, 'assets/diagrams')).length;
  const rows: [string, string, string][] = [
    ['JavaScript the deck loads (gzip)', kib(loaded.js), 'budget 120 KiB'],
    ['CSS the deck loads (gzip, fonts apart)', kib(loaded.css), 'budget 60 KiB'],
    ['Fonts loaded on the first slide (woff2)', kib(loaded.fonts), ''],
    ['Navigation to reveal.js ready (median of 5)', `${median(ready).toFixed(0)} ms`, `runs: ${ready.map((t) => t.toFixed(0)).join(', ')} ms`],
    ['Build with a warm diagram cache', `${buildSeconds.toFixed(1)} s`, `${diagrams} cached diagrams`],
  ];
  console.log('\nbench (headless Chromium, loopback static server)\n');
  for (const [what, value, note] of rows) console.log(`${what.padEnd(46)} ${value.padStart(10)}  ${note}`);
  const over = loaded.js > 120 * KIB || loaded.css > 60 * KIB;
  if (over) console.log('\nover budget: see above');
  return 0;
}
