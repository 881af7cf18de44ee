import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECT } from './run-kit.ts';

const COMPILING = /^compiling the kit's command line… \d+\.\d s$/m;

/** Runs the launcher of `root` as npm's scripts do (`node src/cli/launch.mjs …`), in `cwd`. */
function launch(root: string, args: string[], cwd = root) {
  const run = spawnSync(process.execPath, [join(root, 'src/cli/launch.mjs'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * A tiny project with the real launcher and compile step, its own `node_modules` (a link to
 * Vite, nothing else: the compiled CLI and its cache stay in the temporary folder), and a
 * `kit.ts` that prints a greeting from another module, where its source is, and exits with
 * the code it is given.
 */
function fakeProject(): { root: string; write: (file: string, text: string) => void } {
  const root = mkdtempSync(join(tmpdir(), 'kit-launch-'));
  const write = (file: string, text: string) => {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  for (const file of ['launch.mjs', 'compile-cli.mjs']) cpSync(join(PROJECT, 'src/cli', file), join(root, 'src/cli', file));
  mkdirSync(join(root, 'node_modules'));
  symlinkSync(join(PROJECT, 'node_modules/vite'), join(root, 'node_modules/vite'));
  write('package.json', '{ "name": "fake", "version": "1.0.0", "type": "module" }\n');
  write('src/cli/greeting.ts', "export const greeting: string = 'hello';\n");
  write('src/cli/kit.ts', "import { greeting } from './greeting.ts';\nconsole.log(greeting, import.meta.url);\nprocess.exitCode = Number(process.argv[2] ?? 0);\n");
  return { root, write };
}

describe('the compiled command line (src/cli/launch.mjs)', () => {
  it('compiles on the first run, runs the bundle as it is while no source changes, and compiles again when one does', () => {
    const { root, write } = fakeProject();
    const first = launch(root, ['3']);
    expect(first.stderr).toMatch(COMPILING);
    expect(first.status).toBe(3);
    // The compiled module still knows where its source is (the deck's fonts and assets are found that way).
    expect(first.stdout).toBe(`hello ${pathToFileURL(join(root, 'src/cli/kit.ts')).href}\n`);

    const fresh = launch(root, ['0']);
    expect(fresh).toEqual({ status: 0, stdout: first.stdout, stderr: '' });

    write('src/cli/greeting.ts', "export const greeting: string = 'hello again';\n");
    const edited = launch(root, []);
    expect(edited.stderr).toMatch(COMPILING);
    expect(edited.stdout).toMatch(/^hello again /);
    expect(launch(root, []).stderr).toBe('');

    // Saved again with the same text: its time alone says it may differ, so it is compiled again.
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(root, 'src/cli/greeting.ts'), later, later);
    expect(launch(root, []).stderr).toMatch(COMPILING);
    // Only this checkout's cache was written, inside it.
    expect(readdirSync(join(root, 'node_modules/.cache/kit/cli')).filter((name) => name.endsWith('.json'))).toHaveLength(1);
  });

  it('--compile only brings the bundle up to date, and says nothing when it already is', () => {
    const { root } = fakeProject();
    expect(launch(root, ['--compile'])).toMatchObject({ status: 0, stdout: '', stderr: expect.stringMatching(COMPILING) });
    expect(launch(root, ['--compile'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('a source that does not compile is named with its line, and nothing runs', () => {
    const { root, write } = fakeProject();
    write('src/cli/greeting.ts', "export const greeting: string = 'hello';\nexport const broken = (;\n");
    const run = launch(root, []);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/greeting\.ts:2:/);
    expect(run.stderr).toContain('kit: fix the file named above');
    // Once fixed, the next run compiles and runs.
    write('src/cli/greeting.ts', "export const greeting: string = 'fixed';\n");
    expect(launch(root, []).stdout).toMatch(/^fixed /);
  });

  it('the kit\'s own compiled CLI answers --version and runs validate with its exit code', () => {
    expect(launch(PROJECT, ['--version'])).toMatchObject({ status: 0, stdout: expect.stringMatching(/^modern-industrial-system-kit \d+\.\d+\.\d+\n$/) });
    const broken = mkdtempSync(join(tmpdir(), 'kit-launch-broken-'));
    mkdirSync(join(broken, 'slides'));
    writeFileSync(join(broken, 'slides/01-a.md'), '---\nid: a\ntitle: A\n---\n# A\n\n$\\frac{1}{$\n');
    const run = launch(PROJECT, ['validate'], broken);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^slides\/01-a\.md:7: KaTeX cannot render/m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
