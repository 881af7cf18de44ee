/**
 * `npx tsx tests/e2e/draw-gallery.ts`: builds the diagram gallery, drawing what its cache lacks,
 * and keeps the drawings in `tests/fixtures/diagram-gallery/assets/diagrams/` (commit them), so
 * the gallery's tests find every drawing in the cache. Run it when the kit's drawing changes.
 */
import { rmSync } from 'node:fs';
import { buildGallerySite, keepGalleryDrawings } from './gallery-site.ts';

const root = await buildGallerySite();
keepGalleryDrawings(root);
rmSync(root, { recursive: true, force: true });
console.log('tests/fixtures/diagram-gallery/assets/diagrams: drawn and kept');
