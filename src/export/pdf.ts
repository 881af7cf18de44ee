import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../deck/chromium.ts';
import { PRINT_MODES, printQueryString, type PrintMode } from '../shared/contract.ts';
import { serveStatic } from './static-server.ts';
import { DEFAULT_LANG } from '../deck/languages.ts';
import { pageFile } from '../deck/page.ts';

/** The PDFs: the slides (reveal.js's own print view) and the printable documents of the print query. */
export type PdfName = 'slides' | PrintMode;
export const PDF_NAMES: readonly PdfName[] = ['slides', ...PRINT_MODES];

export interface PdfOptions {
  /** Paper for the handout, worksheet and answer key (slides are 16:9 pages). */
  paper?: 'a4' | 'letter';
  /** Print one section (and the quiz after it) only. */
  section?: string;
  /** Slides: a page for every fragment step instead of the final state. */
  fragments?: boolean;
  /** Which PDFs; all four by default. */
  only?: readonly PdfName[];
  /**
   * Slides: the teacher's copy, each question slide with its answer and explanation, written as
   * `slides-answers.pdf` so that the learners' `slides.pdf` stays as it is.
   */
  withAnswers?: boolean;
  /** The language printed (its page, `index.<lang>.html`), into `dist/pdf/<lang>/`; the default language by default. */
  lang?: string;
  /** Called as each PDF is written, before the next is printed (the CLI shows its progress with it). */
  onWritten?: (pdf: WrittenPdf) => void;
}

/** The file a PDF is written to, in `dist/pdf/`. */
export const pdfFile = (name: PdfName, options: Pick<PdfOptions, 'withAnswers'> = {}): string =>
  name === 'slides' && options.withAnswers ? 'slides-answers.pdf' : `${name}.pdf`;

export interface WrittenPdf {
  name: PdfName;
  file: string;
  pages: number;
  bytes: number;
  seconds: number;
}

/** Pages in a PDF that Chromium wrote (its page objects are not compressed into object streams). */
export function countPdfPages(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

/**
 * Prints the built deck to `dist/pdf/`: the slides (16:9, vector text and diagrams, links kept;
 * each question a clean slide, with its answer on the teacher's copy), a handout with notes, a
 * worksheet without answers and the answer key. Each page signals when
 * its fonts and layout are final (`html[data-print-ready]`), so nothing waits on a timer and
 * every run prints the same.
 */
export async function writePdfs(root: string, options: PdfOptions = {}): Promise<WrittenPdf[]> {
  const dist = join(root, 'dist');
  const lang = options.lang ?? DEFAULT_LANG;
  const out = join(dist, 'pdf', lang);
  mkdirSync(out, { recursive: true });
  const server = await serveStatic(dist);
  const browser = await launchChromium();
  const written: WrittenPdf[] = [];
  try {
    for (const name of options.only ?? PDF_NAMES) {
      const started = performance.now();
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(
        server.url +
          pageFile(lang) +
          printQueryString({ mode: name === 'slides' ? undefined : name, paper: options.paper ?? 'a4', section: options.section, fragments: options.fragments, withAnswers: options.withAnswers }),
      );
      await page.waitForSelector('html[data-print-ready="true"]', { state: 'attached', timeout: 60_000 }).catch(() => {
        throw new Error(`${pdfFile(name, options)}: the page never said it was ready to print${errors.length ? `: ${errors.join('; ')}` : ''}`);
      });
      const file = join(out, pdfFile(name, options));
      const pdf =
        name === 'slides'
          ? await page.pdf({ width: '1280px', height: '720px', printBackground: true, preferCSSPageSize: true })
          : await page.pdf({
              format: options.paper === 'letter' ? 'Letter' : 'A4',
              printBackground: true,
              preferCSSPageSize: true,
              outline: true,
              tagged: true,
              // The title and page numbers are the page's own (CSS page margin boxes, print-mode.ts).
            });
      writeFileSync(file, pdf);
      await context.close();
      const done: WrittenPdf = { name, file, pages: countPdfPages(pdf), bytes: pdf.length, seconds: (performance.now() - started) / 1000 };
      written.push(done);
      options.onWritten?.(done);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return written;
}

/** The section ids of the built deck, to check `--section` before printing. */
export function builtSections(root: string): string[] {
  const html = readFileSync(join(root, 'dist/index.html'), 'utf8');
  return [...new Set([...html.matchAll(/data-section-id="([^"]+)"/g)].map((m) => m[1]!))];
}
