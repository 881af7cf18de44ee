import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'vite';
import { describe, expect, it } from 'vitest';
import { kitDeck } from '../../../src/deck/vite-plugin.ts';

const BROKEN = '---\nid: a\ntitle: A\n---\n# A\n\n$\\frac{1}{$ and more\n\n---\n\n## A\n';
const HTML = '<!doctype html><html><body><div class="reveal"><div class="slides"><!--kit:slides--></div></div></body></html>';

function brokenProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'kit-broken-'));
  mkdirSync(join(root, 'slides'));
  writeFileSync(join(root, 'slides', '01-a.md'), BROKEN);
  writeFileSync(join(root, 'index.html'), HTML);
  return root;
}

describe('a slide with mistakes', () => {
  it('makes the dev server show every file:line problem in place of the deck', async () => {
    const root = brokenProject();
    const server = await createServer({ root, configFile: false, plugins: [kitDeck()], logLevel: 'silent', server: { middlewareMode: true } });
    try {
      const page = await server.transformIndexHtml('/index.html', HTML);
      expect(page).toContain('The deck cannot be built');
      expect(page).toMatch(/slides\/01-a\.md:7: KaTeX cannot render/);
      expect(page).toContain('slides/01-a.md:11: two slides share the id &quot;a&quot;');
      expect(page).toContain('role="alert"');
    } finally {
      await server.close();
    }
  });
});

describe('an edited quiz', () => {
  it('shows its new text on the next reload of the dev server', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kit-watch-'));
    for (const dir of ['slides', 'quizzes', 'assets/source']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'slides', '01-a.md'), '---\nid: a\ntitle: A\n---\n# A {#title}\n\nText.\n\nNote:\nSay it (about 1 minute).\n');
    writeFileSync(join(root, 'assets/source/press-conference.txt'), 'Widgets grew fast.');
    const quiz = (prompt: string) =>
      `id: q\ntitle: Q\nafter: a\nquestions:\n  - id: one\n    type: truefalse\n    prompt: "${prompt}"\n    answer: true\n    explanation: "They did."\n    slide: a/title\n    source: "Widgets grew fast."\n`;
    writeFileSync(join(root, 'quizzes', 'q.yaml'), quiz('Did widgets grow fast?'));
    writeFileSync(join(root, 'index.html'), HTML);
    const server = await createServer({ root, configFile: false, plugins: [kitDeck()], logLevel: 'silent', server: { middlewareMode: true } });
    try {
      expect(await server.transformIndexHtml('/index.html', HTML)).toContain('Did widgets grow fast?');
      // The watcher reads the folders it was given before it reports changes in them.
      await new Promise((done) => (server.watcher.getWatched && Object.keys(server.watcher.getWatched()).some((d) => d.endsWith('quizzes')) ? done(undefined) : server.watcher.once('ready', done)));
      await new Promise((done) => setTimeout(done, 300));
      writeFileSync(join(root, 'quizzes', 'q.yaml'), quiz('Did widgets grow quickly?'));
      await expect.poll(() => server.transformIndexHtml('/index.html', HTML), { timeout: 10_000, interval: 200 }).toContain('Did widgets grow quickly?');
    } finally {
      await server.close();
    }
  });
});
