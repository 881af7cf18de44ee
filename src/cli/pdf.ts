import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { builtSections, PDF_NAMES, writePdfs, type PdfName } from '../export/pdf.ts';
import { runBuild } from './build.ts';
import { option } from './gift.ts';

/**
 * `npm run pdf [-- --paper letter] [--section <id>] [--fragments] [--only slides,handout]`:
 * the four PDFs from the built deck (built first when dist/ is missing).
 */
export async function runPdf(args: string[], root = process.cwd()): Promise<number> {
  if (!existsSync(join(root, 'dist/index.html'))) await runBuild(root);
  const paper = option(args, '--paper')?.toLowerCase();
  if (paper && paper !== 'a4' && paper !== 'letter') {
    console.error(`--paper ${paper}: the paper is a4 (the default) or letter`);
    return 2;
  }
  const section = option(args, '--section');
  if (section && !builtSections(root).includes(section)) {
    console.error(`--section ${section}: the deck has no such section; its sections are ${builtSections(root).join(', ')}`);
    return 2;
  }
  const only = option(args, '--only')?.split(',') as PdfName[] | undefined;
  const unknown = only?.filter((name) => !PDF_NAMES.includes(name));
  if (unknown?.length) {
    console.error(`--only: unknown ${unknown.join(', ')}; choose from ${PDF_NAMES.join(', ')}`);
    return 2;
  }
  const started = performance.now();
  const written = await writePdfs(root, { paper: paper as 'a4' | 'letter' | undefined, section, fragments: args.includes('--fragments'), only });
  for (const pdf of written) {
    console.log(`${relative(root, pdf.file)}: ${pdf.pages} pages, ${(pdf.bytes / 1024).toFixed(0)} KiB, ${pdf.seconds.toFixed(1)} s`);
  }
  console.log(`${written.length} PDFs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}
