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
