/**
 * The committed cache of drawn diagrams: `assets/diagrams/<key>.svg` and, beside it, what
 * Mermaid read in it, `<key>.json`. Together they let a fresh clone build the deck without a
 * browser; an entry missing either file is drawn again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModel, type DiagramModel } from './diagram-model.ts';

/** The folder of the cache, from the project root. */
export const CACHE_DIR = 'assets/diagrams';

/** A cache entry: the drawing as Mermaid wrote it, and Mermaid's reading of the source. */
export interface CachedDiagram {
  svg: string;
  model: DiagramModel;
}

/** The cache key of a diagram: a hash of its source, its theme and the Mermaid version that drew it. */
export function diagramKey(code: string, themeConfig: unknown, mermaidVersion: string): string {
  return createHash('sha256').update(JSON.stringify([code.trim(), themeConfig, mermaidVersion])).digest('hex').slice(0, 16);
}

/** Where an entry's two files are kept. */
export function cachePaths(root: string, key: string): { svg: string; json: string } {
  return { svg: join(root, CACHE_DIR, `${key}.svg`), json: join(root, CACHE_DIR, `${key}.json`) };
}

/** An entry, when both its files are there and its model reads; otherwise undefined (draw it again). */
export function readCached(root: string, key: string): CachedDiagram | undefined {
  const paths = cachePaths(root, key);
  if (!existsSync(paths.svg) || !existsSync(paths.json)) return undefined;
  const model = readModel(readFileSync(paths.json, 'utf8'));
  return model ? { svg: readFileSync(paths.svg, 'utf8'), model } : undefined;
}

/** Stores a freshly drawn entry. */
export function writeCached(root: string, key: string, entry: CachedDiagram): void {
  const paths = cachePaths(root, key);
  mkdirSync(join(root, CACHE_DIR), { recursive: true });
  writeFileSync(paths.svg, entry.svg.trimEnd() + '\n');
  writeFileSync(paths.json, JSON.stringify(entry.model, null, 2) + '\n');
}

/**
 * Drops cached diagrams (both files, and the phone choice kept beside a drawing, see
 * diagram-phone.ts) that no slide uses any more, so the committed cache stays the deck's. Gives
 * how many drawings went.
 */
export function pruneDiagramCache(root: string, used: string[]): number {
  const dir = join(root, CACHE_DIR);
  if (!existsSync(dir)) return 0;
  const keep = new Set(used);
  let removed = 0;
  for (const name of readdirSync(dir)) {
    const match = /^([0-9a-f]{16})\.(svg|json|phone\.json)$/.exec(name);
    if (!match || keep.has(match[1]!)) continue;
    rmSync(join(dir, name));
    if (match[2] === 'svg') removed++;
  }
  return removed;
}
