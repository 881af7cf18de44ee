import { existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { builtSections, PDF_NAMES, writePdfs, type PdfName, type WrittenPdf } from '../export/pdf.ts';
import { deckLanguages } from '../deck/languages.ts';
import { pageFile } from '../deck/page.ts';
import { readArgs } from './args.ts';
import { buildSite } from './build.ts';
import { terminal, type Output } from './output.ts';
import { Progress, type ProgressOptions } from './progress.ts';

const USAGE = `usage: npm run pdf -- [--lang <code>] [--paper a4|letter] [--section <id>] [--fragments] [--with-answers] [--only ${PDF_NAMES.join(',')}]`;

/** What each option does, a line each, for `--help`. */
const HELP = [
  'options:',
  '  --lang <code>       print one language (en, zh…) into dist/pdf/<code>/; every language of the deck by default',
  '  --paper a4|letter   paper for the handout, worksheet and answer key (A4 by default; slides are 16:9 pages)',
  '  --section <id>      print one section of the deck and the quiz after it',
  '  --fragments         slides: a page for every fragment step, not only the final state',
  '  --with-answers      slides: the teacher\'s copy, each question with its answer, written to slides-answers.pdf',
  `  --only <names>      print only these, comma-separated: ${PDF_NAMES.join(', ')} (all by default)`,
].join('\n');

/** "1 PDF", "4 PDFs". */
export const pdfCount = (n: number): string => `${n} PDF${n === 1 ? '' : 's'}`;

/** A written PDF as the command reports it: where, how many pages, how big, how long it took. */
export const pdfLine = (root: string, pdf: WrittenPdf): string =>
  `${relative(root, pdf.file)}: ${pdf.pages} pages, ${(pdf.bytes / 1024).toFixed(0)} KiB, ${pdf.seconds.toFixed(1)} s`;

/**
 * `npm run pdf [-- --lang zh] [--paper letter] [--section <id>] [--fragments] [--with-answers] [--only slides,handout]`:
 * the four PDFs of each language from the built deck, into `dist/pdf/<lang>/` (built first
 * when dist/ is missing); with `--with-answers`
 * the slides are the teacher's copy, written to their own file. The arguments are checked
 * before anything is built or printed.
 */
export async function runPdf(args: string[], root = process.cwd(), out: Output = terminal, progress: ProgressOptions & { print?: typeof writePdfs } = {}): Promise<number> {
  const parsed = readArgs(
    'pdf',
    args,
    { options: { lang: { type: 'string' }, paper: { type: 'string' }, section: { type: 'string' }, fragments: { type: 'boolean' }, 'with-answers': { type: 'boolean' }, only: { type: 'string' } }, usage: USAGE, help: HELP },
    out,
  );
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const paper = values.paper?.toLowerCase();
  if (paper !== undefined && paper !== 'a4' && paper !== 'letter') {
    out.error(`kit pdf: --paper ${paper}: the paper is a4 (the default) or letter\n${USAGE}`);
    return 2;
  }
  const only = values.only?.split(',').map((name) => name.trim());
  const unknown = only?.filter((name) => !(PDF_NAMES as readonly string[]).includes(name));
  if (unknown?.length) {
    out.error(`kit pdf: --only: unknown ${unknown.join(', ')}; choose from ${PDF_NAMES.join(', ')}\n${USAGE}`);
    return 2;
  }
  const languages = deckLanguages(root);
  if (values.lang !== undefined && !languages.includes(values.lang)) {
    out.error(`kit pdf: --lang ${values.lang}: the deck has no such language; it has ${languages.join(', ')} (one assets/i18n/<code>.json each)\n${USAGE}`);
    return 2;
  }
  const printed = values.lang ? [values.lang] : languages;
  if (printed.some((lang) => !existsSync(join(root, 'dist', pageFile(lang))))) await buildSite(root, out, progress);
  const section = values.section;
  if (section !== undefined && !builtSections(root).includes(section)) {
    out.error(`kit pdf: --section ${section}: the deck has no such section; its sections are ${builtSections(root).join(', ')}`);
    return 2;
  }
  const started = performance.now();
  const names = (only as PdfName[] | undefined) ?? PDF_NAMES;
  out.log(`printing ${pdfCount(names.length * printed.length)}: ${names.join(', ')} in ${printed.join(', ')}`);
  const bar = new Progress(out, 'printing', names.length * printed.length, progress);
  bar.start();
  const print = progress.print ?? writePdfs;
  const written: WrittenPdf[] = [];
  try {
    for (const lang of printed) {
      written.push(
        ...(await print(root, {
          lang,
          paper,
          section,
          fragments: values.fragments === true,
          withAnswers: values['with-answers'] === true,
          only: only as PdfName[] | undefined,
          onWritten: (pdf) => bar.step(`${basename(pdf.file)} (${lang})`, pdfLine(root, pdf)),
        })),
      );
    }
  } finally {
    bar.finish();
  }
  out.log(`${pdfCount(written.length)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}
