import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQuizBank, type Quiz } from '../../../src/quiz/index.ts';
import { kit, PROJECT } from './run-kit.ts';

/** Real teachers' GIFT banks, read in place (see their SOURCES.md); never copied into the project. */
const REAL = resolve(PROJECT, '../shared/fixtures/gift-real');

/**
 * What each bank gives, counted by reading the file: questions imported, questions skipped (each
 * with its line and reason), and the exit code.
 */
const EXPECTED: { file: string; imported: number; skipped: number; status?: number; args?: string[] }[] = [
  // q1 choice, q2 short-answer missing word, q3 true/false, q4 weighted numeric.
  { file: 'FlavienVdl_GL02_Les_Sealanders_EM-U42-Ultimate.gift', imported: 4, skipped: 0 },
  // A description line, then five {~a~=b} missing words.
  { file: 'FlavienVdl_GL02_Les_Sealanders_EM-U5-p34-Voc.gift', imported: 5, skipped: 1 },
  // A real Moodle export: two [html] matching questions.
  { file: 'FlavienVdl_GL02_Les_Sealanders_U1-p8_9-Reading-Coachella.gift', imported: 2, skipped: 0 },
  // Moodle's Cloze written as GIFT: a title, a heading (descriptions), two paragraphs with several gaps each.
  { file: 'FlavienVdl_GL02_Les_Sealanders_U3-p33-UoE-Hygge.gift', imported: 0, skipped: 4, status: 1 },
  // Two essays and one matching question, read as Windows-1252 when asked.
  { file: 'UndefineDDDD23_agpu-main_questions_encoding_windows-1252.gift', imported: 1, skipped: 2, args: ['--encoding', 'windows-1252'] },
  { file: 'fuhrmanator_GIFT-grammar-PEG.js_escapeAll.gift', imported: 1, skipped: 0 },
  // Nine numerics without titles and the French GRASP question.
  { file: 'fuhrmanator_GIFT-grammar-PEG.js_numerical1.gift', imported: 10, skipped: 0 },
  { file: 'moodle_moodle_examples.gift', imported: 43, skipped: 0 },
  // The essay Q8 skipped; the rest of Moodle's own test fixture read.
  { file: 'moodle_moodle_questions.gift', imported: 8, skipped: 1 },
  // 52 questions, $CATEGORY lines glued to them, a blank line inside one's braces.
  { file: 'vlad-bsuir-master_pm_questions.gift', imported: 52, skipped: 0 },
];

/** Imports one real bank into a fresh folder; the quiz as `parseQuizBank` reads it back, if written. */
async function importReal(file: string, args: string[] = []) {
  const out = join(mkdtempSync(join(tmpdir(), 'kit-gift-real-')), 'bank.yaml');
  const run = await kit(['import-gift', join(REAL, file), '--out', out, '--title', 'Real bank', '--after', 'overview', ...args]);
  const quiz: Quiz | undefined = existsSync(out) ? parseQuizBank(readFileSync(out, 'utf8'), 'bank.yaml') : undefined;
  return { run, quiz, out };
}

describe('kit import-gift on real teachers\' banks', () => {
  it.each(EXPECTED)('$file: $imported imported, $skipped skipped, each with its line and reason', async ({ file, imported, skipped, status = 0, args }) => {
    const { run, quiz } = await importReal(file, args);
    expect(run.status, run.stderr).toBe(status);
    const skips = run.stdout.split('\n').filter((line) => line.includes(': skipped'));
    expect(skips).toHaveLength(skipped);
    for (const line of skips) expect(line).toMatch(new RegExp(`${file.replace(/[.]/g, '\\.')}:\\d+: skipped ".+": .{10,}`));
    if (imported === 0) {
      expect(quiz).toBeUndefined();
      expect(run.stderr).toContain('nothing was written');
      return;
    }
    expect(quiz?.questions).toHaveLength(imported);
    expect(quiz).toMatchObject({ title: 'Real bank', after: 'overview', own: true });
  });

  it('reads {~a~b~=c} as Moodle does: the answer after "~=" is the right one, no empty choice', async () => {
    const { quiz } = await importReal('FlavienVdl_GL02_Les_Sealanders_EM-U5-p34-Voc.gift');
    const first = quiz?.questions[0];
    expect(first?.type).toBe('cloze');
    if (first?.type !== 'cloze' || first.blanks[0]?.kind !== 'choice') throw new Error('expected a choice blank');
    const blank = first.blanks[0];
    expect(blank.choices.map((c) => c.text)).toEqual(['high-fat', 'low-salt', 'vegetarian', 'vitamins', 'well-balanced']);
    expect(blank.choices.find((c) => c.id === blank.answer)?.text).toBe('vegetarian');
  });

  it('refuses a Windows-1252 file unless told its encoding, naming the line, and writes nothing', async () => {
    const file = 'UndefineDDDD23_agpu-main_questions_encoding_windows-1252.gift';
    const refused = await importReal(file);
    expect(refused.run.status).toBe(1);
    expect(refused.run.stderr).toContain(`${file}:15: this file is not UTF-8 (it looks like Windows-1252: "=<p>aödf<br></p> -> asdf"); save it as UTF-8, or give --encoding windows-1252`);
    expect(existsSync(refused.out)).toBe(false);

    const { quiz } = await importReal(file, ['--encoding', 'windows-1252']);
    const match = quiz?.questions[0];
    expect(match?.type === 'match' && match.pairs[0]?.left).toBe('aödf');
  });

  it('turns [html] into Markdown: no tags left for learners to see', async () => {
    const { quiz } = await importReal('moodle_moodle_questions.gift');
    expect(quiz?.questions[0]?.prompt).toBe('Match the **activity** to the description.');
    const texts = JSON.stringify(quiz?.questions);
    expect(texts).not.toMatch(/<\/?(p|b|br)>/);
  });
});
