import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bankAsGift } from '../../../src/cli/gift.ts';
import { parseGift, parseQuizBank, type Quiz } from '../../../src/quiz/index.ts';
import { kit, PROJECT } from './run-kit.ts';

describe('kit import-gift and export-gift', () => {
  it('imports a Moodle GIFT file as a quiz file, saying which lines it skipped and why', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kit-gift-')), 'imported.yaml');
    const run = await kit(['import-gift', join(PROJECT, 'tests/fixtures/gift/description-essay.gift'), '--out', out, '--after', 'traditional']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/description-essay\.gift:\d+: skipped.*description/i);
    expect(run.stdout).toMatch(/description-essay\.gift:\d+: skipped.*essay/i);
    const quiz = parseQuizBank(readFileSync(out, 'utf8'), 'imported.yaml');
    expect(quiz.after).toBe('traditional');
    expect(quiz.questions.length).toBeGreaterThan(0);
  });

  it('refuses to overwrite a quiz file, and reports a GIFT error with its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-gift-'));
    const out = join(dir, 'x.yaml');
    expect((await kit(['import-gift', join(PROJECT, 'tests/fixtures/gift/truefalse.gift'), '--out', out])).status).toBe(0);
    const again = await kit(['import-gift', join(PROJECT, 'tests/fixtures/gift/truefalse.gift'), '--out', out]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');

  });

  it('skips a question it cannot read, with its line and why, and writes the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-gift-'));
    const broken = join(dir, 'broken.gift');
    writeFileSync(broken, '::One:: Fine? {T}\n\n::Two:: Which pillar {=traditional ~emerging\n');
    const run = await kit(['import-gift', broken, '--out', join(dir, 'broken.yaml')]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/broken\.gift:3: skipped "Two": expected "}"/);
    expect(run.stdout).toContain('1 question written, 1 skipped');
    expect(parseQuizBank(readFileSync(join(dir, 'broken.yaml'), 'utf8'), 'broken.yaml').questions.map((q) => q.title)).toEqual(['One']);

    const nothing = join(dir, 'nothing.gift');
    writeFileSync(nothing, '::Two:: Which pillar {=traditional ~emerging\n');
    const none = await kit(['import-gift', nothing, '--out', join(dir, 'nothing.yaml')]);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('nothing was written');
    expect(existsSync(join(dir, 'nothing.yaml'))).toBe(false);
  });

  it('turns [html] into Markdown, listing per question what it dropped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-gift-'));
    writeFileSync(join(dir, 'html.gift'), '::Small print::[html]<p>Is <b>this</b> <small>fine</small>?</p>{T}\n');
    const run = await kit(['import-gift', join(dir, 'html.gift'), '--out', join(dir, 'html.yaml')]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/html\.gift:1: "Small print": dropped <small> \(Markdown has no place for it\)/);
    expect(parseQuizBank(readFileSync(join(dir, 'html.yaml'), 'utf8'), 'html.yaml').questions[0]?.prompt).toBe('Is **this** fine?');
  });

  it('writes a quiz the deck takes at once: the teacher\'s own, titled and placed as asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-gift-'));
    const gift = join(PROJECT, 'tests/fixtures/gift/truefalse.gift');
    const placed = await kit(['import-gift', gift, '--out', join(dir, 'a.yaml'), '--title', 'Our own check', '--after', 'traditional']);
    expect(placed.status, placed.stderr).toBe(0);
    expect(parseQuizBank(readFileSync(join(dir, 'a.yaml'), 'utf8'), 'a.yaml')).toMatchObject({ title: 'Our own check', after: 'traditional', own: true });
    expect(placed.stdout).toContain('Next: `npm run build` shows it in the deck');
    expect(placed.stdout).toContain('`npm run kit -- lint` lists what would improve each question');

    const plain = await kit(['import-gift', gift, '--out', join(dir, 'b.yaml')]);
    expect(parseQuizBank(readFileSync(join(dir, 'b.yaml'), 'utf8'), 'b.yaml').title).toBe('truefalse');
    expect(plain.stdout).toContain('Titled "truefalse" after the file: give --title "<title>" to name it');
    // Without --after, after the last section: the deck takes it at once.
    const last = parseQuizBank(readFileSync(join(dir, 'b.yaml'), 'utf8'), 'b.yaml').after;
    expect(last).toBeTruthy();
    expect(plain.stdout).toContain(`Placed after the last section, "${last}": give --after <section id> to place it elsewhere (overview, traditional, `);

    const lost = await kit(['import-gift', gift, '--out', join(dir, 'c.yaml'), '--after', 'nowhere']);
    expect(lost.status).toBe(1);
    expect(lost.stderr).toMatch(/--after nowhere: no such section; the deck's sections are: overview, traditional, .*\(nothing was written\)/);
    expect(existsSync(join(dir, 'c.yaml'))).toBe(false);
  });

  it('exports the deck\'s bank as GIFT that reads back, listing what GIFT cannot hold', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kit-gift-')), 'bank.gift');
    const run = await kit(['export-gift', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/left out final-review\/final-pillar-order: GIFT has no ordering question/);
    const questions = parseGift(readFileSync(out, 'utf8'));
    const written = Number(/(\d+) of (\d+) questions written as GIFT/.exec(run.stdout)![1]);
    expect(questions).toHaveLength(written);
    expect(new Set(questions.map((q) => q.category))).toContain('kit/traditional-review');
  });

  it('notes, per quiz and question, a weight rounded for Moodle and a question left out for one Moodle would refuse', () => {
    const choices = (fractions: number[]) => fractions.map((fraction, i) => ({ id: `c${i}`, text: `choice ${i}`, correct: fraction > 0, fraction }));
    const quiz: Quiz = {
      id: 'own-bank',
      title: 'Own bank',
      pass: 0.7,
      shuffle: true,
      attempts: 0,
      penalty: 0,
      questions: [
        { id: 'near', type: 'multiple', points: 1, prompt: 'Near?', scoring: 'partial', choices: choices([0.498, 0.502, -1]) },
        { id: 'far', type: 'multiple', points: 1, prompt: 'Far?', scoring: 'partial', choices: choices([0.35, 0.65, -1]) },
      ],
    };
    const { text, notes } = bankAsGift([quiz]);
    expect(notes).toContain("rounded own-bank/near: weight 49.8% written as 50%, Moodle's nearest grade");
    expect(notes.find((note) => note.startsWith('left out own-bank/far: weight 35% is not one of Moodle\'s grades'))).toBeDefined();
    expect(parseGift(text).map((q) => q.id)).toEqual(['near']);
  });
});
