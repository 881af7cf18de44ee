/**
 * Compiles the `kit` command line (`src/cli/kit.ts` and what it imports) to plain JavaScript
 * with the project's own Vite, for `launch.mjs`: an SSR build for Node 20, every package left
 * external (loaded from node_modules at run time, as under tsx), code-split so that each
 * command's `import()` stays lazy and `kit --version` loads only the few modules it needs.
 * Plain JavaScript itself, because it runs before anything can be transpiled.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Files outside the module graph that change what the bundle is or how it is built. */
const BUILD_INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'src/cli/launch.mjs', 'src/cli/compile-cli.mjs'];
/**
 * Builds of this checkout older than this are removed: a command loads all of its chunks as it
 * starts, so even a class server still running from one has long finished reading it.
 */
const KEEP_OLD_BUILDS_MS = 10 * 60_000;

/**
 * A bare import (`vite`, `node:fs`, `@scope/pkg/sub`): a package, left to Node to load at run
 * time. Except the helpers the compiler itself adds (a tagged template holding `</script` is
 * rewritten with one): the bundler supplies them, and they are not installed as a package.
 */
const isPackage = (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0') && !id.startsWith('@oxc-project/runtime/');

/**
 * A module's `import.meta.url`, `dirname` and `filename` stay those of its source file, so code
 * that finds files next to itself (the kit's own assets, `createRequire`) works compiled as it
 * does under tsx. The bundle is per checkout, so the absolute paths are right where it runs.
 */
function sourceLocation(root) {
  const src = join(root, 'src') + sep;
  return {
    name: 'kit:source-location',
    transform(code, id) {
      if (!id.startsWith(src) || !code.includes('import.meta.')) return null;
      const values = { url: pathToFileURL(id).href, dirname: dirname(id), filename: id };
      return { code: code.replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, key) => JSON.stringify(values[key])), map: null };
    },
  };
}

/**
 * Vite's messages, less its own "build failed" line (the launcher prints the error itself, once)
 * and its progress: only warnings are shown.
 */
function quietLogger() {
  const warned = new Set();
  const warn = (message) => process.stderr.write(`\n${message}\n`);
  return {
    hasWarned: false,
    info() {},
    warn,
    warnOnce(message) {
      if (!warned.has(message)) warn(message);
      warned.add(message);
    },
    error() {},
    clearScreen() {},
    hasErrorLogged: () => false,
  };
}

/**
 * Each input's time and size, as the launcher compares them. A file saved while the build was
 * reading it may be in the bundle as it was before: it is recorded as unknown, so the next run
 * compiles again.
 */
function describeInputs(root, files, started) {
  const inputs = {};
  for (const file of files) {
    const stat = statSync(join(root, file), { throwIfNoEntry: false });
    if (stat) inputs[file] = [stat.mtimeMs >= started ? -1 : stat.mtimeMs, stat.size];
  }
  return inputs;
}

/** Removes this checkout's earlier builds, once nothing started from them can still be loading. */
function pruneOldBuilds(cacheDir, key, keep) {
  for (const name of readdirSync(cacheDir)) {
    if (!name.startsWith(`${key}-`) || name === keep || name.endsWith('.json')) continue;
    const dir = join(cacheDir, name);
    const stat = statSync(dir, { throwIfNoEntry: false });
    if (stat?.isDirectory() && Date.now() - stat.mtimeMs > KEEP_OLD_BUILDS_MS) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Builds the CLI of the checkout at `root` into a folder of its own beside `manifestFile`, then
 * writes the manifest (atomically: two commands compiling at once each finish with a whole
 * build) and gives the path of the compiled entry.
 */
export async function compileCli(root, manifestFile) {
  const { build } = await import('vite');
  const started = Date.now();
  const cacheDir = dirname(manifestFile);
  const key = basename(manifestFile, '.json');
  const name = `${key}-${started.toString(36)}-${process.pid}`;
  const outDir = join(cacheDir, name);
  mkdirSync(cacheDir, { recursive: true });
  const result = await build({
    configFile: false,
    root,
    envDir: false,
    publicDir: false,
    logLevel: 'warn',
    customLogger: quietLogger(),
    clearScreen: false,
    plugins: [sourceLocation(root)],
    build: {
      ssr: join(root, 'src/cli/kit.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: true,
      reportCompressedSize: false,
      rolldownOptions: {
        external: isPackage,
        // The quiz engine is pure (no DOM, no Node, nothing done on import): a module of it whose
        // exports nothing uses is left out, so `args.ts`' one import from its index does not make
        // every command load all of it (and YAML and valibot) before it starts.
        treeshake: { moduleSideEffects: (id) => !id.startsWith(join(root, 'src/quiz') + sep) },
        output: { format: 'es', entryFileNames: 'kit.mjs', chunkFileNames: '[name]-[hash].mjs' },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const modules = outputs.flatMap((chunk) => (chunk.type === 'chunk' ? chunk.moduleIds : []));
  const sources = modules.filter((id) => isAbsolute(id) && !relative(root, id).startsWith('..') && !id.includes(`${sep}node_modules${sep}`));
  const inputs = describeInputs(root, [...new Set([...BUILD_INPUTS, ...sources.map((id) => relative(root, id))])], started);
  const entry = join(outDir, 'kit.mjs');
  const temporary = `${manifestFile}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ root, entry, inputs }));
  renameSync(temporary, manifestFile);
  pruneOldBuilds(cacheDir, key, name);
  return entry;
}
