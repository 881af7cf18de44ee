import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'vite';
import { buildDeck } from '../deck/build-deck.ts';
import { writeOfflineDeck } from '../export/offline.ts';

/** Drops cached diagrams that no slide uses any more, so the committed cache stays the deck's. */
function pruneDiagramCache(root: string, used: string[]): number {
  const dir = join(root, 'assets/diagrams');
  const keep = new Set(used.map((key) => `${key}.svg`));
  let removed = 0;
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.svg') && !keep.has(name)) {
      rmSync(join(dir, name));
      removed++;
    }
  }
  return removed;
}

/** Checks and renders the deck first, so its errors print cleanly, then lets Vite write dist/. */
export async function runBuild(root = process.cwd()): Promise<number> {
  const started = performance.now();
  const deck = await buildDeck(root);
  console.log(`slides: ${deck.sections.length} sections, ${deck.sections.reduce((n, s) => n + s.slides.length, 0)} slides, ${deck.diagrams.total} diagrams (${deck.diagrams.rendered} drawn now, the rest from assets/diagrams/)`);
  const pruned = deck.diagrams.total ? pruneDiagramCache(root, deck.diagrams.keys) : 0;
  if (pruned) console.log(`assets/diagrams: removed ${pruned} drawing${pruned === 1 ? '' : 's'} no slide uses any more`);
  await build({ root, logLevel: 'warn' });
  const name = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string }).name;
  const offline = writeOfflineDeck(join(root, 'dist'), name);
  console.log(`${relative(root, offline.file)}: the whole deck in one file for offline use (${(offline.bytes / 1024 / 1024).toFixed(1)} MiB)`);
  console.log(`dist/ written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}
