/**
 * A teacher's own bank (`own: true`) joins the deck at once: it builds with no `slide:`,
 * `source:` or `explanation:`, its intro says whose questions they are, `kit lint` lists what
 * would improve it without failing, and what it does give is still checked.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { buildDecks } from '../../../src/deck/build-deck.ts';
import { DeckBuildError } from '../../../src/deck/errors.ts';
import { questionSlideId } from '../../../src/shared/contract.ts';
import { kit, PROJECT } from './run-kit.ts';
import { edit, lineOf } from './edit-files.ts';

const FIXTURE = resolve(PROJECT, 'tests/fixtures/own-bank');
const BANK = 'quizzes/bank.yaml';

/** A copy of the fixture deck to change. */
function copyFixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'kit-own-bank-'));
  cpSync(FIXTURE, root, { recursive: true });
  return root;
}

/** The problems `buildDecks` reports, as the CLI prints them, or [] when it builds. */
async function buildProblems(root: string): Promise<string[]> {
  try {
    await buildDecks(root);
    return [];
  } catch (error) {
    if (!(error instanceof DeckBuildError)) throw error;
    return error.issues.map((i) => `${i.file}:${i.line}: ${i.message}`);
  }
}

describe('an own quiz of 5 questions without slide, source or explanation', () => {
  it('builds, and its first slide says the questions are the teacher\'s own', async () => {
    const [deck] = await buildDecks(FIXTURE);
    expect(deck!.quizzes.map((q) => q.quiz.id)).toEqual(['bank']);
    const intro = new JSDOM(deck!.html).window.document.querySelector('#quiz-bank--intro')!;
    expect(intro.textContent).toContain("These questions are the teacher's own, not drawn from the source text.");
    for (const id of ['q1', 'q2', 'q3', 'q4', 'q5']) expect(deck!.html).toContain(`id="${questionSlideId('bank', id)}"`);
  });

  it('passes kit validate, though nothing assesses the deck\'s objective', async () => {
    const run = await kit(['validate'], FIXTURE);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('1 quizzes with 5 questions');
  });

  it('would be 15 errors without `own: true`', async () => {
    const root = copyFixture();
    edit(root, BANK, (text) => text.replace('own: true\n', ''));
    const problems = await buildProblems(root);
    expect(problems.filter((p) => /^quizzes\/bank\.yaml:\d+: questions\[\d\]: add `(slide|source|explanation):`/.test(p))).toHaveLength(15);
  });

  it('still fails on a slide link that goes nowhere, at its line', async () => {
    const root = copyFixture();
    edit(root, BANK, (text) => text.replace('    type: numeric\n', '    type: numeric\n    slide: widgets/plans\n'));
    const problems = await buildProblems(root);
    expect(problems).toEqual([
      `${BANK}:${lineOf(root, BANK, 'slide: widgets/plans')}: questions[2].slide: "widgets/plans" is not a slide of the deck (write <section id>/<slide id>); the nearest are widgets/plan, widgets/title, widgets/objectives`,
    ]);
  });

  it('still fails on a source quote the source text does not hold, and takes one it does', async () => {
    const root = copyFixture();
    edit(root, BANK, (text) => text.replace('    type: numeric\n', '    type: numeric\n    source: "The plan has four steps"\n'));
    expect(await buildProblems(root)).toEqual([
      `${BANK}:${lineOf(root, BANK, 'The plan has four steps')}: questions[2].source: not found verbatim in assets/source/press-conference.txt; copy the words exactly (quotes and apostrophes included)`,
    ]);
    edit(root, BANK, (text) => text.replace('four steps', 'three steps'));
    expect(await buildProblems(root)).toEqual([]);
  });
});

describe('kit lint on an own quiz', () => {
  it('lists 15 suggestions, a slide, a source and an explanation per question, each at its question\'s line', async () => {
    const run = await kit(['lint'], FIXTURE);
    expect(run.status).toBe(0);
    const info = run.stdout.split('\n').filter((line) => line.includes('[own-incomplete]'));
    expect(info).toHaveLength(15);
    for (const id of ['q1', 'q2', 'q3', 'q4', 'q5']) {
      const line = lineOf(FIXTURE, BANK, `- id: ${id}`);
      const mine = info.filter((l) => l.startsWith(`${BANK}:${line}: info [own-incomplete] question "${id}" `));
      expect(mine.map((l) => /Fix: add `(\w+)/.exec(l)?.[1])).toEqual(['slide', 'source', 'explanation']);
    }
    expect(run.stdout).toMatch(/^ok: 1 quizzes, 5 questions, \d+ rules, nothing to fix; 15 suggestions for the teacher's own questions/m);
  });

  it('does not fail --strict on them, nor ask an own question for an objective or a level', async () => {
    const run = await kit(['lint', '--strict'], FIXTURE);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(/\[(objective-missing|level-mix)\]/);
    expect(run.stdout).not.toMatch(/: error \[/);
  });

  it('suggests nothing for what a question already gives', async () => {
    const root = copyFixture();
    edit(root, BANK, (text) => text.replace('    type: numeric\n', '    type: numeric\n    slide: widgets/plan\n    source: "The plan has three steps"\n    explanation: "Design, build and test."\n'));
    const run = await kit(['lint'], root);
    expect(run.stdout.split('\n').filter((line) => line.includes('[own-incomplete]'))).toHaveLength(12);
    expect(run.stdout).not.toContain('question "q3"');
  });
});

describe('an own quiz in one language of a bilingual deck', () => {
  /** The project's content with an own quiz, in English only, after its first section. */
  function projectWithBank(): string {
    const root = mkdtempSync(join(tmpdir(), 'kit-own-bank-'));
    for (const dir of ['slides', 'quizzes', 'assets']) cpSync(join(PROJECT, dir), join(root, dir), { recursive: true });
    const first = /^id: (\S+)$/m.exec(readFileSync(join(root, 'slides', '01-overview.md'), 'utf8'))![1]!;
    writeFileSync(join(root, BANK), readFileSync(join(FIXTURE, BANK), 'utf8').replace('after: widgets', `after: ${first}`));
    return root;
  }

  it('builds both languages: the bank shows in English, the Chinese deck goes without it, and parity says nothing', async () => {
    const root = projectWithBank();
    const problems = await buildProblems(root);
    expect(problems).toEqual([]);
    const [en, zh] = await buildDecks(root);
    expect(en!.quizzes.map((q) => q.quiz.id)).toContain('bank');
    expect(zh!.quizzes.map((q) => q.quiz.id)).not.toContain('bank');
    expect(zh!.html).not.toContain('quiz-bank--intro');
  }, 60_000);

  it('builds with a bank in Chinese only: no original is asked for', async () => {
    const root = projectWithBank();
    cpSync(join(root, BANK), join(root, 'quizzes/bank-zh.zh.yaml'));
    edit(root, 'quizzes/bank-zh.zh.yaml', (text) => text.replace('id: bank', 'id: bank-zh'));
    expect(await buildProblems(root)).toEqual([]);
    const [en, zh] = await buildDecks(root);
    expect(zh!.quizzes.map((q) => q.quiz.id)).toContain('bank-zh');
    expect(en!.quizzes.map((q) => q.quiz.id)).not.toContain('bank-zh');
    expect(zh!.html).toContain('这些题目由教师自行编写');
  }, 60_000);

  it('holds a translation of it, once there is one, to the same questions and answers', async () => {
    const root = projectWithBank();
    writeFileSync(join(root, 'quizzes/bank.zh.yaml'), readFileSync(join(root, BANK), 'utf8').replace('answer: 3', 'answer: 4'));
    const problems = await buildProblems(root);
    expect(problems).toEqual([expect.stringMatching(/^quizzes\/bank\.zh\.yaml:\d+: questions\[2\]\.answers\[0\]\.answer: 4 here, 3 in quizzes\/bank\.yaml/)]);
  }, 60_000);
});
