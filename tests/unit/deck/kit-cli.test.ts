import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/cli/commands.ts';
import { kit, PROJECT } from './run-kit.ts';

describe('the kit command line', () => {
  it('stops a mistyped flag with the command\'s usage line and exit code 2, before doing anything', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kit-cli-'));
    const run = await kit(['pdf', '--papr', 'letter'], root);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'kit pdf: unknown option --papr (did you mean --paper?)\nusage: npm run pdf -- [--lang <code>] [--paper a4|letter] [--section <id>] [--fragments] [--with-answers] [--only slides,handout,worksheet,answer-key]',
    );
    expect(existsSync(join(root, 'dist'))).toBe(false); // nothing was built to print
  });

  it.each(Object.keys(COMMANDS))('kit %s refuses an unknown flag and a stray argument, and prints its usage on --help', async (name) => {
    const root = mkdtempSync(join(tmpdir(), 'kit-cli-'));
    const flag = await kit([name, '--no-such-flag'], root);
    expect(flag.status, flag.stderr).toBe(2);
    expect(flag.stderr).toMatch(new RegExp(`^kit ${name}: unknown option --no-such-flag\\nusage: npm run `));
    const help = await kit([name, '--help'], root);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run /);
    if (name === 'import-gift' || name === 'results' || name === 'stats') return; // they take files
    const stray = await kit([name, 'stray'], root);
    expect(stray.status).toBe(2);
    expect(stray.stderr).toMatch(new RegExp(`^kit ${name}: unexpected argument "stray"\\nusage: `));
  });

  it('checks --paper and --only before building', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kit-cli-'));
    expect(await kit(['pdf', '--paper', 'legal'], root)).toMatchObject({ status: 2, stderr: expect.stringMatching(/^kit pdf: --paper legal: the paper is a4 \(the default\) or letter\nusage: /) });
    expect(await kit(['pdf', '--only', 'slides,notes'], root)).toMatchObject({ status: 2, stderr: expect.stringMatching(/^kit pdf: --only: unknown notes; choose from slides, handout, worksheet, answer-key/) });
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });

  it('bench --only names the parts it knows before measuring anything', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kit-cli-'));
    expect(await kit(['bench', '--only', 'startup,decktape'], root)).toMatchObject({ status: 2, stderr: expect.stringMatching(/^kit bench: --only: unknown decktape; choose from startup, build, deck, pdf\nusage: npm run bench/) });
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });

  it('pdf --help says in one line what each option does; kit --help lists --with-answers; one PDF is "1 PDF"', async () => {
    const help = await kit(['pdf', '--help']);
    expect(help.status).toBe(0);
    for (const flag of ['--paper', '--section', '--fragments', '--with-answers', '--only']) {
      expect(help.stdout.split('\n').filter((line) => line.trimStart().startsWith(flag)), flag).toHaveLength(1);
    }
    expect((await kit(['--help'])).stdout).toMatch(/^ {2}pdf .*--with-answers/m);
    const { pdfCount } = await import('../../../src/cli/pdf.ts');
    expect([pdfCount(1), pdfCount(4)]).toEqual(['1 PDF', '4 PDFs']);
  });

  it('an unknown command gets the list of commands', async () => {
    const run = await kit(['biuld']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('kit: unknown command "biuld" (did you mean build?)');
    expect(run.stderr).toContain('validate');
  });

  it('--help lists every command in one aligned column, and --version says which kit this is', async () => {
    const help = await kit(['--help']);
    expect(help.status).toBe(0);
    const rows = help.stdout.split('\n').filter((line) => /^  \S/.test(line));
    expect(rows.map((row) => row.trim().split(/\s+/)[0])).toEqual(Object.keys(COMMANDS));
    const columns = new Set(rows.map((row) => row.search(/(?<=\S)\s{2,}\S/) + row.slice(row.search(/(?<=\S)\s{2,}\S/)).search(/\S/)));
    expect(columns.size).toBe(1);
    expect(await kit(['--version'])).toMatchObject({ status: 0, stdout: expect.stringMatching(/^modern-industrial-system-kit \d+\.\d+\.\d+\n?$/) });
    expect(await kit(['-v'])).toEqual(await kit(['--version']));
  });

  it('a slide file with broken front matter is named first, once, not buried under the quiz references it breaks', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kit-front-matter-'));
    for (const dir of ['slides', 'quizzes', 'assets']) cpSync(join(PROJECT, dir), join(root, dir), { recursive: true });
    const file = join(root, 'slides/02-traditional.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^objectives:/m, '  objectives:'));
    const run = await kit(['validate'], root);
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n').filter((line) => /^\S+:\d+: /.test(line));
    expect(lines[0]).toMatch(/^slides\/02-traditional\.md:4: front matter is not valid YAML: .*indent this line like the lines above/);
    expect(lines.filter((line) => line.startsWith('slides/'))).toHaveLength(1);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^quizzes\/.*: \d+ references to slides, objectives or sections .* are not checked while a slide file's front matter is broken/)]);
  });

  it('validate prints every file:line problem of a broken deck and exits 1, with a message, not a stack trace', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kit-broken-'));
    mkdirSync(join(root, 'slides'));
    writeFileSync(join(root, 'slides', '01-a.md'), '---\nid: a\ntitle: A\n---\n# A\n\n$\\frac{1}{$ and more\n\n---\n\n## A\n');
    const run = await kit(['validate'], root);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^slides\/01-a\.md:7: KaTeX cannot render/m);
    expect(run.stderr).toMatch(/^slides\/01-a\.md:11: two slides share the id "a"/m);
    expect(run.stderr).toContain('2 problems: nothing was written.');
  });

  it('runs for real from npm: `npm run kit` reaches the command and passes its exit code on', () => {
    const run = spawnSync('npm', ['run', '--silent', 'kit', '--', 'pdf', '--papr', 'letter'], { cwd: PROJECT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('kit pdf: unknown option --papr (did you mean --paper?)');
    expect(run.stderr).toContain('usage: npm run pdf -- [--lang <code>] [--paper a4|letter]');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
