import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLint } from '../../../src/cli/lint.ts';
import { readSections } from '../../../src/deck/build-deck.ts';
import { loadQuizzes } from '../../../src/deck/load-quizzes.ts';
import { LINT_RULES } from '../../../src/quiz/index.ts';

const PROJECT = resolve(import.meta.dirname, '../../..');
const FIXTURE = resolve(PROJECT, 'tests/fixtures/lint');

async function lint(root: string, args: string[] = []) {
  const lines: string[] = [];
  const push = (line: string) => void lines.push(line);
  const status = await runLint(args, root, { log: push, error: push });
  return { status, out: lines.join('\n') };
}

describe('kit lint on a quiz with every flaw', () => {
  it('names each rule once or more, at file:line, with how to fix it', async () => {
    const { status, out } = await lint(FIXTURE);
    expect(status).toBe(0); // warnings only, without --strict
    for (const rule of LINT_RULES) expect(out, rule).toMatch(new RegExp(`^(quizzes|slides)/[\\w-]+\\.(yaml|md):\\d+: warning \\[${rule}\\] .+\\. Fix: .+`, 'm'));
  });

  it('points at the line of the flaw itself', async () => {
    const { out } = await lint(FIXTURE);
    const text = readFileSync(join(FIXTURE, 'quizzes/flawed.yaml'), 'utf8').split('\n');
    const lineOf = (needle: string) => text.findIndex((l) => l.includes(needle)) + 1;
    expect(out).toContain(`quizzes/flawed.yaml:${lineOf('text: "Only a tenth"')}: warning [absolute-cue]`);
    expect(out).toContain(`quizzes/flawed.yaml:${lineOf('text: "All of the above"')}: warning [all-none-of-the-above]`);
    expect(out).toContain(`quizzes/flawed.yaml:${lineOf('text: "Two steps."')}: warning [duplicate-option]`);
    expect(out).toContain(`quizzes/flawed.yaml:${lineOf('prompt: "Which step is not in the plan?"')}: warning [negative-stem]`);
    expect(out).toContain(`quizzes/flawed.yaml:${lineOf('      - text: "Design"')}: warning [distractor-feedback]`);
    expect(out).toContain(`quizzes/flawed.yaml:${lineOf('feedback: "No: the plan has three steps."')}: warning [feedback-gives-key] the feedback of the wrong option "Four steps" names the key "Three steps"`);
    expect(out).toContain(`quizzes/flawed.yaml:${lineOf('feedback: "40% is what the others hold')}: warning [feedback-gives-key] the feedback of the wrong answer 40 gives the correct value 60`);
    expect(out).not.toContain(`quizzes/flawed.yaml:${lineOf('feedback: "Count them again in the plan."')}:`);
    expect(out).not.toContain(`quizzes/flawed.yaml:${lineOf('otherFeedback: "Look at the plan')}:`);
    expect(out).toMatch(/slides\/01-widgets\.md:8: warning \[objective-level\] objective "widgets\/merge" aims at apply/);
  });

  it('fails with --strict, and says so', async () => {
    const { status, out } = await lint(FIXTURE, ['--strict']);
    expect(status).toBe(1);
    expect(out).toMatch(/: error \[key-longest\]/);
    expect(out).toMatch(/lint --strict fails\.$/);
  });

  it('stops on an unknown flag with the usage line', async () => {
    const { status, out } = await lint(FIXTURE, ['--stict']);
    expect(status).toBe(2);
    expect(out).toContain('usage: npm run kit -- lint [--strict]');
  });
});

describe("the project's own quizzes", () => {
  it('pass kit lint --strict, in every language', async () => {
    const { status, out } = await lint(PROJECT, ['--strict']);
    expect(out).toMatch(/^ok: 12 quizzes, \d+ questions/m);
    expect(status).toBe(0);
  });

  it('are linted in Chinese too: an absolute word (只有) in a Chinese distractor is found at its line', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kit-lint-zh-'));
    for (const dir of ['slides', 'quizzes', 'assets']) cpSync(join(PROJECT, dir), join(root, dir), { recursive: true });
    const file = join(root, 'quizzes/traditional-review.zh.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('它们将被新兴产业取代', '它们只有被新兴产业取代'));
    const line = text.split('\n').findIndex((l) => l.includes('它们将被新兴产业取代')) + 1;
    const { out } = await lint(root);
    expect(out).toContain(`quizzes/traditional-review.zh.yaml:${line}: warning [absolute-cue] the distractor`);
    expect(out).toContain('("只有")');
    rmSync(root, { recursive: true, force: true });
  });
});

describe('objectives', () => {
  function copyFixture(): string {
    const root = mkdtempSync(join(tmpdir(), 'kit-objectives-'));
    cpSync(FIXTURE, root, { recursive: true });
    return root;
  }

  it('an objective that no question assesses fails validation at its line', () => {
    const root = copyFixture();
    try {
      const slide = join(root, 'slides/01-widgets.md');
      writeFileSync(slide, readFileSync(slide, 'utf8').replace('objectives:\n', 'objectives:\n  - id: unused\n    level: recall\n    text: "never asked"\n'));
      const { sections, issues } = readSections(root);
      expect(issues).toEqual([]);
      const loaded = loadQuizzes(root, sections);
      expect(loaded.issues.map((i) => `${i.file}:${i.line}: ${i.message}`)).toContain(
        'slides/01-widgets.md:5: objective "widgets/unused" is assessed by no question: add `objective: widgets/unused` to a question that asks it, or remove the objective',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a question naming an unknown objective fails validation, with the nearest ids', () => {
    const root = copyFixture();
    try {
      const quiz = join(root, 'quizzes/second.yaml');
      writeFileSync(quiz, readFileSync(quiz, 'utf8').replace('objective: widgets/share', 'objective: widgets/shares'));
      const { sections } = readSections(root);
      const { issues } = loadQuizzes(root, sections);
      expect(issues).toContainEqual({
        file: 'quizzes/second.yaml',
        line: 9,
        message: 'questions[0].objective: "widgets/shares" is not an objective of the deck; the nearest are widgets/share, widgets/merge',
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('an objective needs an id, a level and a text, each reported at its line', () => {
    const root = copyFixture();
    try {
      const slide = join(root, 'slides/01-widgets.md');
      writeFileSync(slide, readFileSync(slide, 'utf8').replace('    level: recall\n', '    level: remember\n'));
      const { issues } = readSections(root);
      expect(issues.map((i) => `${i.file}:${i.line}: ${i.message}`)).toEqual(['slides/01-widgets.md:5: objectives[0]: needs `level:`, one of recall, understand, apply, analyse']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
