/**
 * The `kit` command line: `npm run kit -- <command>`. Each command reads its arguments
 * strictly, prints every problem as `file:line: message` and gives a non-zero exit code when
 * there is one. `runKit` is the whole command line as a function, so tests call it in-process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeckBuildError } from '../deck/errors.ts';
import { nearest } from './args.ts';
import { terminal, type Output } from './output.ts';

/** A command: what it does, and how to run it with its arguments in a project folder. */
export interface Command {
  summary: string;
  run(args: string[], root: string, out: Output): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  build: {
    summary: 'check the slides, draw new diagrams, and write the static site to dist/',
    run: async (args, root, out) => (await import('./build.ts')).runBuild(args, root, out),
  },
  validate: {
    summary: 'check the slides (and quizzes) without writing anything',
    run: async (args, root, out) => (await import('./validate.ts')).runValidate(args, root, out),
  },
  lint: {
    summary: 'check the quizzes against item-writing rules (cues, balance, feedback, objectives) [--strict: warnings fail]',
    run: async (args, root, out) => (await import('./lint.ts')).runLint(args, root, out),
  },
  results: {
    summary: 'one class table (CSV) from many learners\' results files, re-graded: results <files or folder> [--out class.csv]',
    run: async (args, root, out) => (await import('./results.ts')).runResults(args, root, out),
  },
  stats: {
    summary: 'item statistics (facility, discrimination, each option\'s share, flags) from learners\' results files: stats <files or folder> [--csv stats.csv]',
    run: async (args, root, out) => (await import('./stats.ts')).runStats(args, root, out),
  },
  'import-gift': {
    summary: 'read a Moodle GIFT file and write a quiz file the deck takes at once: import-gift <file.gift> [--title "…"] [--after section] [--out quizzes/x.yaml] [--encoding windows-1252]',
    run: async (args, root, out) => (await import('./gift.ts')).runImportGift(args, root, out),
  },
  'export-gift': {
    summary: 'write the quiz bank as Moodle GIFT to dist/export/quizzes.gift [--out file]',
    run: async (args, root, out) => (await import('./gift.ts')).runExportGift(args, root, out),
  },
  export: {
    summary: 'write the quiz banks and the deck for LMSs: dist/export/quizzes.gift (Moodle), qti.zip (IMS QTI 2.1), scorm-1.2.zip and scorm-2004.zip [--out dir] [--lang zh] [--section id]',
    run: async (args, root, out) => (await import('./export.ts')).runExport(args, root, out),
  },
  pdf: {
    summary: 'print dist/pdf/<lang>/slides.pdf, handout.pdf, worksheet.pdf and answer-key.pdf, each language [--lang zh] [--paper letter] [--section id] [--fragments] [--with-answers] [--only slides,handout]',
    run: async (args, root, out) => (await import('./pdf.ts')).runPdf(args, root, out),
  },
  'check-browser': {
    summary: 'say whether the browser the tests and diagram drawing need is there, and how to get one',
    run: async (args, root, out) => (await import('./check-browser.ts')).runCheckBrowser(args, root, out),
  },
  classroom: {
    summary: 'run a live class: students answer the deck\'s quizzes on their phones [--host 0.0.0.0] [--port 8080] [--data file] [--new]',
    run: async (args, root, out) => (await import('./classroom.ts')).runClassroom(args, root, out),
  },
  loadtest: {
    summary: 'simulate a class on this computer: students join, answer within a second, the server restarts mid-question [--students 1000]',
    run: async (args, root, out) => (await import('./loadtest.ts')).runLoadtest(args, root, out),
  },
  bench: {
    summary: 'measure JavaScript and CSS size, time to ready, and build time; prints figures',
    run: async (args, root, out) => (await import('./bench.ts')).runBench(args, root, out),
  },
};

/** The list of commands, for `kit` alone and for an unknown command. */
export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: npm run kit -- <command> [--help]\n       npm run kit -- --version\n\ncommands:\n${rows.join('\n')}`;
}

/** The kit's version, from its package.json. */
function version(root: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: string; version?: string };
    return `${pkg.name ?? 'kit'} ${pkg.version ?? '(no version in package.json)'}`;
  } catch {
    return 'kit (no package.json here: run it in the project folder)';
  }
}

/**
 * Runs `kit <command> <args…>` in the project at `root` and gives its exit code: 0 done,
 * 1 problems in the content (listed as `file:line: message`), 2 a mistake on the command line.
 */
export async function runKit(argv: string[], root: string, out: Output = terminal): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    out.log(usage());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    out.log(version(root));
    return 0;
  }
  const command = name && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    const near = name ? nearest(name, Object.keys(COMMANDS)) : undefined;
    out.error(name ? `kit: unknown command "${name}"${near ? ` (did you mean ${near}?)` : ''}\n\n${usage()}` : usage());
    return 2;
  }
  try {
    return await command.run(args, root, out);
  } catch (error) {
    if (!(error instanceof DeckBuildError)) throw error;
    out.error(`${error.message}\n\n${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}: nothing was written.`);
    return 1;
  }
}
