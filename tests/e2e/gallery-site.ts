/**
 * The diagram gallery (`tests/fixtures/diagram-gallery/`) built as a site, as `npm run build`
 * builds the deck: its slides in a throwaway project that borrows the kit's page, code, theme
 * and interface strings. Its drawings come from the fixture's own committed cache, so the
 * tests draw nothing unless the kit's drawing changed; then `npx tsx tests/e2e/draw-gallery.ts`
 * draws the gallery anew and keeps the drawings in the fixture (commit them).
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSite } from '../../src/cli/build.ts';

export const REPO = resolve(import.meta.dirname, '../..');
export const GALLERY = join(REPO, 'tests/fixtures/diagram-gallery');

/** Says nothing: the tests report what matters. */
const quiet = { log: () => {}, error: () => {} } as unknown as Parameters<typeof buildSite>[1];

/** Builds the gallery into `<root>/dist` and gives `root` (remove it when done). */
export async function buildGallerySite(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'kit-gallery-'));
  for (const name of ['index.html', 'package.json', 'vite.config.ts', 'tsconfig.json']) copyFileSync(join(REPO, name), join(root, name));
  for (const name of ['src', 'node_modules']) symlinkSync(join(REPO, name), join(root, name));
  mkdirSync(join(root, 'assets'));
  for (const name of ['favicon.svg', 'theme', 'source']) symlinkSync(join(REPO, 'assets', name), join(root, 'assets', name));
  // English only: the gallery is not translated.
  mkdirSync(join(root, 'assets/i18n'));
  copyFileSync(join(REPO, 'assets/i18n/en.json'), join(root, 'assets/i18n/en.json'));
  cpSync(join(GALLERY, 'slides'), join(root, 'slides'), { recursive: true });
  cpSync(join(GALLERY, 'assets/diagrams'), join(root, 'assets/diagrams'), { recursive: true });
  await buildSite(root, quiet);
  return root;
}

/** Copies the drawings of a gallery build back into the fixture, replacing what was there. */
export function keepGalleryDrawings(root: string): void {
  const dir = join(GALLERY, 'assets/diagrams');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(join(root, 'assets/diagrams'))) copyFileSync(join(root, 'assets/diagrams', name), join(dir, name));
}
