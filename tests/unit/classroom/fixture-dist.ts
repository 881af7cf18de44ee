/**
 * A dist/ for the classroom server's tests, made from the project's real slides and quizzes by
 * the deck's own renderer (no Vite): each language's page with its slides, quiz payload and
 * strings, and a manifest that names the students' page script.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildDecks } from '../../../src/deck/build-deck.ts';
import { pageFile } from '../../../src/deck/page.ts';

let built: Promise<string> | undefined;

export function fixtureDist(): Promise<string> {
  return (built ??= (async () => {
    const dist = mkdtempSync(join(tmpdir(), 'kit-classroom-dist-'));
    for (const deck of await buildDecks(resolve(import.meta.dirname, '../../..'))) {
      writeFileSync(join(dist, pageFile(deck.lang)), `<!doctype html><html lang="${deck.lang}"><head><title>deck</title></head><body><div class="reveal"><div class="slides">${deck.html}</div></div>${deck.data}</body></html>`);
    }
    mkdirSync(join(dist, 'classroom/.vite'), { recursive: true });
    mkdirSync(join(dist, 'classroom/assets'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'classroom/assets/student-test.js'), 'export {};');
    mkdirSync(join(dist, 'pdf/en'), { recursive: true });
    writeFileSync(join(dist, 'pdf/en/answer-key.pdf'), 'the answer key');
    writeFileSync(join(dist, 'classroom/.vite/manifest.json'), JSON.stringify({ 'src/ui/classroom/student.ts': { file: 'assets/student-test.js', css: [] } }));
    return dist;
  })());
}
