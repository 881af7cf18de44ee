#!/usr/bin/env node
/**
 * The `kit` command line as npm runs it: `node src/cli/launch.mjs <command> …`. Plain
 * JavaScript, run by Node directly, so no TypeScript is transpiled at each run (that took
 * 1.5–2 s of every command, issue #16). It runs the CLI compiled once by Vite
 * (`compile-cli.mjs`) and never a stale one: the bundle's manifest lists every file it was
 * built from with its time and size, and if any differs (a developer edited `src/`) the CLI is
 * compiled again first, which it says once on stderr. Checking costs a stat per input file,
 * about a millisecond.
 *
 * `node src/cli/launch.mjs --compile` only brings the bundle up to date (npm's `prepare` runs
 * it on `npm ci`, so the first command is fast too).
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

/** The checkout this launcher belongs to (its sources are compiled, whatever the working folder). */
const ROOT = realpathSync(resolve(import.meta.dirname, '../..'));

/**
 * The compiled entry of the CLI if it is fresh: every input as recorded, none changed since.
 * Any doubt (no manifest, a file gone, a different size or time) means stale.
 */
function freshEntry(manifestFile) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    return undefined;
  }
  if (manifest.root !== ROOT || !manifest.entry || !manifest.inputs) return undefined;
  for (const [file, [mtimeMs, size]] of Object.entries(manifest.inputs)) {
    const stat = statSync(join(ROOT, file), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs !== mtimeMs || stat.size !== size) return undefined;
  }
  return manifest.entry;
}

/**
 * The manifest's place: under node_modules/.cache (gitignored, and per checkout), with the
 * checkout's path hashed into the name, because a worktree's node_modules may be a link to
 * another checkout's and each must run its own sources. (FNV-1a: node:crypto costs more to
 * load than the whole freshness check.)
 */
function manifestFile() {
  let hash = 0x811c9dc5;
  for (const char of ROOT) hash = Math.imul(hash ^ char.codePointAt(0), 0x01000193) >>> 0;
  const key = `${basename(ROOT).replace(/[^\w.-]/g, '_')}-${hash.toString(16).padStart(8, '0')}`;
  return join(ROOT, 'node_modules/.cache/kit/cli', `${key}.json`);
}

/** Compiles the CLI, saying so once on stderr, and gives the new entry. */
async function compile(manifest) {
  const started = performance.now();
  process.stderr.write('compiling the kit\'s command line… ');
  try {
    const { compileCli } = await import('./compile-cli.mjs');
    const entry = await compileCli(ROOT, manifest);
    process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    return entry;
  } catch (error) {
    const message = String(error?.message ?? error);
    const what = error?.code === 'ERR_MODULE_NOT_FOUND'
      ? 'the packages are not installed: run npm install (or npm ci) in the project folder, then the command again'
      : 'fix the file named above (the command line is compiled from src/) and run the command again';
    process.stderr.write(`failed\n\n${process.stderr.isTTY ? message : stripVTControlCharacters(message)}\n\nkit: ${what}.\n`);
    process.exit(1);
  }
}

const manifest = manifestFile();
const compileOnly = process.argv[2] === '--compile';
const entry = freshEntry(manifest) ?? (await compile(manifest));
if (!compileOnly) {
  // An unexpected error's stack names the lines of src/, as under tsx, not of the bundle.
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(entry).href);
}
