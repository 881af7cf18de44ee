import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runPdf } from '../../../src/cli/pdf.ts';
import { buildDecksShowingDiagrams, Progress } from '../../../src/cli/progress.ts';
import type { PdfOptions, WrittenPdf } from '../../../src/export/pdf.ts';
import { pageFile } from '../../../src/deck/page.ts';

/** The diagrams the stand-in build draws (none: all from the cache). */
let drawnNow: string[] = [];
// Drawing needs Chromium: the build stands in, telling its callback what the real one tells it.
vi.mock('../../../src/deck/build-deck.ts', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  buildDecks: async (_root: string, options: { onDiagramDrawn?: (done: number, total: number, name: string) => void } = {}) => {
    if (drawnNow.length > 0) options.onDiagramDrawn?.(0, drawnNow.length, '');
    for (const [i, name] of drawnNow.entries()) options.onDiagramDrawn?.(i + 1, drawnNow.length, name);
    return [];
  },
}));

/** An Output and a bar writer that put everything, in order, on one list. */
function recorder() {
  const events: string[] = [];
  return {
    events,
    out: { log: (text: string) => events.push(`log ${text}`), error: (text: string) => events.push(`error ${text}`) },
    write: (text: string) => events.push(`write ${JSON.stringify(text)}`),
  };
}

describe('the progress reporter', () => {
  it('off a terminal: one plain line per finished item, as it finishes, and nothing at the end', () => {
    const { events, out, write } = recorder();
    const progress = new Progress(out, 'drawing diagrams', 3, { tty: false, write });
    progress.step('slides/04-emerging.md:12');
    expect(events).toEqual(['log drawing diagrams: 1/3 slides/04-emerging.md:12']);
    progress.step('slides/04-emerging.md:40', 'kept line');
    progress.step('slides/05-future.md:8');
    progress.finish();
    expect(events).toEqual([
      'log drawing diagrams: 1/3 slides/04-emerging.md:12',
      'log kept line',
      'log drawing diagrams: 3/3 slides/05-future.md:8',
    ]);
  });

  it('on a terminal: a bar redrawn in place, each kept line above it, cleared at the end', () => {
    const { events, out, write } = recorder();
    const progress = new Progress(out, 'printing', 4, { tty: true, write, width: 8 });
    progress.step('slides.pdf (en)');
    progress.step('handout.pdf (en)', 'dist/pdf/en/handout.pdf: 3 pages');
    progress.step('x (en)');
    progress.finish();
    const first = 'printing [##......] 1/4 slides.pdf (en)';
    const second = 'printing [####....] 2/4 handout.pdf (en)';
    const third = 'printing [######..] 3/4 x (en)';
    expect(events).toEqual([
      `write ${JSON.stringify(`\r${first}`)}`,
      `write ${JSON.stringify(`\r${' '.repeat(first.length)}\r`)}`,
      'log dist/pdf/en/handout.pdf: 3 pages',
      `write ${JSON.stringify(`\r${second}`)}`,
      // a shorter bar blanks what is left of the longer one
      `write ${JSON.stringify(`\r${third}${' '.repeat(second.length - third.length)}`)}`,
      `write ${JSON.stringify(`\r${' '.repeat(third.length)}\r`)}`,
    ]);
  });

  it('start shows the empty bar on a terminal (the wait before the first item), and nothing elsewhere', () => {
    const tty = recorder();
    new Progress(tty.out, 'drawing diagrams', 2, { tty: true, write: tty.write, width: 4 }).start();
    expect(tty.events).toEqual([`write ${JSON.stringify('\rdrawing diagrams [....] 0/2')}`]);
    const plain = recorder();
    new Progress(plain.out, 'drawing diagrams', 2, { tty: false, write: plain.write }).start();
    expect(plain.events).toEqual([]);
  });

  it('on a terminal, a finish with nothing drawn writes nothing', () => {
    const { events, out, write } = recorder();
    new Progress(out, 'printing', 2, { tty: true, write }).finish();
    expect(events).toEqual([]);
  });
});

describe('kit pdf reports each PDF as it is written', () => {
  it('off a terminal: what it will print, then one line per PDF in order, before printing goes on, then the total', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kit-progress-'));
    mkdirSync(join(root, 'assets/i18n'), { recursive: true });
    writeFileSync(join(root, 'assets/i18n/zh.json'), '{}');
    mkdirSync(join(root, 'dist'));
    for (const lang of ['en', 'zh']) writeFileSync(join(root, 'dist', pageFile(lang)), '<!doctype html>'); // built: nothing to build
    const { events, out, write } = recorder();
    // The printer stands in for Chromium: it says each PDF is written, then returns them all.
    const print = async (_root: string, options: PdfOptions = {}): Promise<WrittenPdf[]> => {
      const written: WrittenPdf[] = [];
      for (const [i, name] of (options.only ?? []).entries()) {
        const pdf: WrittenPdf = { name, file: join(root, 'dist/pdf', options.lang!, `${name}.pdf`), pages: i + 2, bytes: 2048 * (i + 1), seconds: 1.5 };
        written.push(pdf);
        options.onWritten?.(pdf);
      }
      events.push(`returned ${options.lang}`);
      return written;
    };
    const status = await runPdf(['--only', 'worksheet,answer-key'], root, out, { tty: false, write, print });
    expect(status).toBe(0);
    expect(events.slice(0, -1)).toEqual([
      'log printing 4 PDFs: worksheet, answer-key in en, zh',
      'log dist/pdf/en/worksheet.pdf: 2 pages, 2 KiB, 1.5 s',
      'log dist/pdf/en/answer-key.pdf: 3 pages, 4 KiB, 1.5 s',
      'returned en',
      'log dist/pdf/zh/worksheet.pdf: 2 pages, 2 KiB, 1.5 s',
      'log dist/pdf/zh/answer-key.pdf: 3 pages, 4 KiB, 1.5 s',
      'returned zh',
    ]);
    expect(events.at(-1)).toMatch(/^log 4 PDFs in \d+\.\d s$/);
  });
});

describe('the build reports each diagram it draws', () => {
  it('off a terminal: a line per diagram drawn; from the cache, nothing', async () => {
    const { events, out, write } = recorder();
    drawnNow = ['slides/04-emerging.md:12', 'slides/05-future.md:8'];
    await buildDecksShowingDiagrams('/nowhere', out, { tty: false, write });
    expect(events).toEqual(['log drawing diagrams: 1/2 slides/04-emerging.md:12', 'log drawing diagrams: 2/2 slides/05-future.md:8']);
    events.length = 0;
    drawnNow = [];
    await buildDecksShowingDiagrams('/nowhere', out, { tty: false, write });
    expect(events).toEqual([]);
  });

  it('on a terminal: the bar from 0 to the last diagram, then cleared', async () => {
    const { events, out, write } = recorder();
    drawnNow = ['slides/a.md:3'];
    await buildDecksShowingDiagrams('/nowhere', out, { tty: true, write, width: 4 });
    const last = 'drawing diagrams [####] 1/1 slides/a.md:3';
    expect(events).toEqual([
      `write ${JSON.stringify('\rdrawing diagrams [....] 0/1')}`,
      `write ${JSON.stringify(`\r${last}`)}`,
      `write ${JSON.stringify(`\r${' '.repeat(last.length)}\r`)}`,
    ]);
  });
});
