/**
 * Cutting a font down to the characters a deck shows, with harfbuzz's own subsetter (hb-subset,
 * in WebAssembly, through subset-font): outlines, hinting and layout features (kerning,
 * ligatures) of the kept glyphs stay as the type designer made them. Each result is cached
 * under the hash of the font file, the characters and the subsetter's version, so a warm build
 * reads two small files per face instead of loading a 10 MB font.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Blob as HbBlob, Face as HbFace } from 'harfbuzzjs';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);
/** A package's version, from the package.json above its entry point (harfbuzzjs does not export its package.json). */
function versionOf(pkg: string): string {
  let dir = dirname(require.resolve(pkg));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}
/** Bumped whenever what is asked of the subsetter changes, so no older result is reused. */
const SUBSET_VERSION = 1;
/** Part of every cache key: another harfbuzz can cut the same font differently. */
const SUBSETTER = `${SUBSET_VERSION}/no-hinting/subset-font@${versionOf('subset-font')}/harfbuzzjs@${versionOf('harfbuzzjs')}`;

/** A font cut down: the woff2 file in the cache and the characters it holds. */
export interface Subset {
  file: string;
  codePoints: number[];
}

/** A woff2 file starts with this tag; harfbuzz reads only TrueType/OpenType. */
const WOFF2 = 'wOF2';

/** The characters a font file (TrueType, OpenType or woff2) has a glyph for, ascending. */
export async function fontCodePoints(font: Uint8Array): Promise<number[]> {
  const sfnt = Buffer.from(font.subarray(0, 4)).toString('latin1') === WOFF2 ? await subsetFont(font, undefined, { keepAllGlyphs: true, targetFormat: 'sfnt' }) : font;
  return [...new HbFace(new HbBlob(sfnt)).collectUnicodes()].sort((a, b) => a - b);
}

const fileHashes = new Map<string, string>();
/** A font's content hash, once per process: a warm build still reads each font file once. */
function fileHash(file: string): string {
  let hash = fileHashes.get(file);
  if (!hash) fileHashes.set(file, (hash = createHash('sha256').update(readFileSync(file)).digest('hex')));
  return hash;
}

/**
 * `font` (a TrueType file) cut down to the characters of `codePoints` it has, as woff2, kept
 * in `cacheDir/<key>/<name>.woff2`: the name is what the bundler names the asset after.
 */
export async function subsetToWoff2(font: string, codePoints: Iterable<number>, cacheDir: string, name: string): Promise<Subset> {
  const text = String.fromCodePoint(...[...new Set(codePoints)].sort((a, b) => a - b));
  const key = createHash('sha256').update(JSON.stringify([SUBSETTER, fileHash(font), text])).digest('hex').slice(0, 20);
  const dir = join(cacheDir, key);
  const file = join(dir, `${name}.woff2`);
  const held = join(dir, `${name}.json`);
  if (existsSync(file) && existsSync(held)) return { file, codePoints: JSON.parse(readFileSync(held, 'utf8')) as number[] };

  const source = readFileSync(font);
  const wanted = new Set([...text].map((c) => c.codePointAt(0)!));
  const kept = (await fontCodePoints(source)).filter((code) => wanted.has(code));
  // Without hinting instructions (a third of a Latin face; today's screens render without them).
  const woff2 = await subsetFont(source, String.fromCodePoint(...kept), { targetFormat: 'woff2', noHinting: true });
  mkdirSync(dir, { recursive: true });
  // Written under a temporary name and renamed: two builds at once never read half a file.
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, woff2);
  renameSync(partial, file);
  writeFileSync(`${held}.${process.pid}.tmp`, JSON.stringify(kept));
  renameSync(`${held}.${process.pid}.tmp`, held);
  return { file, codePoints: kept };
}
