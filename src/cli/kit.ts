/**
 * The `kit` command line: `npm run kit -- <command>`. Each command prints every problem as
 * `file:line: message` and exits non-zero when there is one.
 */
import { DeckBuildError } from '../deck/errors.ts';

type Command = { summary: string; run: (args: string[]) => Promise<number> };

const COMMANDS: Record<string, Command> = {
  build: {
    summary: 'check the slides, draw new diagrams, and write the static site to dist/',
    run: async () => (await import('./build.ts')).runBuild(),
  },
  validate: {
    summary: 'check the slides (and quizzes) without writing anything',
    run: async () => (await import('./validate.ts')).runValidate(),
  },
  lint: {
    summary: 'check the quizzes against item-writing rules (cues, balance, feedback, objectives) [--strict: warnings fail]',
    run: async (args) => (await import('./lint.ts')).runLint(args),
  },
  'import-gift': {
    summary: 'read a Moodle GIFT file and write a quiz file: import-gift <file.gift> [--out quizzes/x.yaml] [--after section]',
    run: async (args) => (await import('./gift.ts')).runImportGift(args),
  },
  'export-gift': {
    summary: 'write the quiz bank as Moodle GIFT to dist/export/quizzes.gift [--out file]',
    run: async (args) => (await import('./gift.ts')).runExportGift(args),
  },
  export: {
    summary: 'write the quiz banks for LMSs: dist/export/quizzes.gift (Moodle) and dist/export/qti.zip (IMS QTI 2.1)',
    run: async (args) => (await import('./export.ts')).runExport(args),
  },
  pdf: {
    summary: 'print dist/pdf/slides.pdf, handout.pdf, worksheet.pdf and answer-key.pdf [--paper letter] [--section id] [--fragments] [--only slides,handout]',
    run: async (args) => (await import('./pdf.ts')).runPdf(args),
  },
  'check-browser': {
    summary: 'say whether the browser the tests and diagram drawing need is there, and how to get one',
    run: async () => (await import('./check-browser.ts')).runCheckBrowser(),
  },
  bench: {
    summary: 'measure JavaScript and CSS size, time to ready, and build time; prints figures',
    run: async (args) => (await import('./bench.ts')).runBench(args),
  },
};

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return `usage: npm run kit -- <command>\n\ncommands:\n${rows.join('\n')}`;
}

const [name, ...args] = process.argv.slice(2);
const command = name ? COMMANDS[name] : undefined;
if (!command) {
  console.error(name ? `kit: unknown command "${name}"\n\n${usage()}` : usage());
  process.exit(2);
}
try {
  process.exitCode = await command.run(args);
} catch (error) {
  if (error instanceof DeckBuildError) {
    console.error(`${error.message}\n\n${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}: nothing was written.`);
    process.exitCode = 1;
  } else throw error;
}
