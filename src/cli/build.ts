import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'vite';
import { shareRendering } from '../deck/vite-plugin.ts';
import { pruneDiagramCache } from '../deck/diagram-cache.ts';
import { writeOfflineDeck } from '../export/offline.ts';
import { readArgs } from './args.ts';
import { STUDENT_DIST } from '../shared/classroom.ts';
import { terminal, type Output } from './output.ts';
import { buildDecksShowingDiagrams, type ProgressOptions } from './progress.ts';

const USAGE = 'usage: npm run build (or npm run kit -- build)';

/** `kit build`: checks and renders the deck, then lets Vite write dist/ and adds the one-file offline deck. */
export async function runBuild(args: string[], root = process.cwd(), out: Output = terminal): Promise<number> {
  const parsed = readArgs('build', args, { options: {}, usage: USAGE }, out);
  if ('exit' in parsed) return parsed.exit;
  await buildSite(root, out);
  return 0;
}

/**
 * The students' page of a live class (`npm run classroom`), built on its own: built with the
 * deck, the code both use would go to a chunk of its own, and the deck's first slide would load
 * two scripts where one does.
 */
async function buildStudentPage(root: string): Promise<void> {
  await build({
    root,
    logLevel: 'warn',
    build: {
      outDir: join('dist', STUDENT_DIST),
      emptyOutDir: true,
      manifest: true,
      rolldownOptions: { input: { student: join(root, 'src/ui/classroom/student.ts') } },
    },
  });
}

/**
 * Vite bundles vite.config.ts, with the deck plugin's whole module graph, for each of the two
 * builds, and by default parses every one of those modules again only to warn about a config
 * loader planned for a later Vite (`configLoader: 'native'`): about 40% of loading the config,
 * a second or more of a warm build on a busy machine, for advice that changes nothing built.
 * Vite's own switch turns that check off for the kit's builds (`npm start` keeps it).
 */
function skipConfigLoaderAdvice(): void {
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
}

/**
 * Builds dist/: the deck is checked and rendered first, so its errors print cleanly (as a
 * DeckBuildError), before Vite writes anything. Used by `build`, and by `pdf` and `bench`.
 * Diagrams missing from assets/diagrams/ are drawn in Chromium, which takes a while: each is
 * reported as it is drawn (nothing is said when all come from the cache).
 */
export async function buildSite(root: string, out: Output, progress: ProgressOptions = {}): Promise<void> {
  const started = performance.now();
  skipConfigLoaderAdvice();
  const decks = await buildDecksShowingDiagrams(root, out, progress);
  for (const deck of decks) {
    out.log(`slides (${deck.lang}): ${deck.sections.length} sections, ${deck.sections.reduce((n, s) => n + s.slides.length, 0)} slides, ${deck.diagrams.total} diagrams (${deck.diagrams.rendered} drawn now, the rest from assets/diagrams/)`);
  }
  const used = decks.flatMap((deck) => deck.diagrams.keys);
  const pruned = used.length ? pruneDiagramCache(root, used) : 0;
  if (pruned) out.log(`assets/diagrams: removed ${pruned} drawing${pruned === 1 ? '' : 's'} no slide uses any more`);
  // Both builds take the slides as rendered above.
  await shareRendering(root, decks, async () => {
    await build({ root, logLevel: 'warn' });
    await buildStudentPage(root);
  });
  const name = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string }).name;
  for (const deck of decks) {
    const offline = writeOfflineDeck(join(root, 'dist'), name, deck.lang, decks.map((d) => d.lang));
    out.log(`${relative(root, offline.file)}: the whole deck (${deck.lang}) in one file for offline use (${(offline.bytes / 1024 / 1024).toFixed(1)} MiB)`);
  }
  out.log(`dist/ written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
