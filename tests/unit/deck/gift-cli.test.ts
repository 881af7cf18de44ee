import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGift, parseQuizBank } from '../../../src/quiz/index.ts';
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

    const broken = join(dir, 'broken.gift');
    writeFileSync(broken, '::One:: Fine? {T}\n\n::Two:: Which pillar {=traditional ~emerging\n');
    const bad = await kit(['import-gift', broken, '--out', join(dir, 'broken.yaml')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/broken\.gift:3: /);
    expect(bad.stderr).toContain('nothing was written');
    expect(existsSync(join(dir, 'broken.yaml'))).toBe(false);
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
});
