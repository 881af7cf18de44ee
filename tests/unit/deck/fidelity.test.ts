import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSections } from '../../../src/deck/build-deck.ts';
import { loadQuizzes } from '../../../src/deck/load-quizzes.ts';

const PROJECT = resolve(import.meta.dirname, '../../..');
const AUDIT = readFileSync(resolve(PROJECT, 'docs/fidelity.md'), 'utf8');
const BASES = new Set(['source', 'background', 'our reading', 'context']);

/** The audit's entries: `### <id>` headings, each with the rows of the table under it. */
function entries(text: string): Map<string, string[][]> {
  const map = new Map<string, string[][]>();
  let current: string[][] | undefined;
  for (const line of text.split('\n')) {
    const heading = /^### (\S+)\s*$/.exec(line);
    if (heading) map.set(heading[1]!, (current = []));
    else if (/^#{1,3} /.test(line)) current = undefined;
    else if (current && /^\|/.test(line) && !/^\|\s*-/.test(line) && !/^\|\s*Claim\b/.test(line)) {
      current.push(line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim()));
    }
  }
  return map;
}

describe('the fidelity audit (docs/fidelity.md)', () => {
  const audit = entries(AUDIT);
  const { sections } = readSections(PROJECT);
  const { quizzes } = loadQuizzes(PROJECT, sections);

  it('has an entry for every slide of the deck, and none for a slide that is gone', () => {
    const deck = sections.flatMap((s) => s.slides.map((slide) => `${s.id}/${slide.id}`));
    const audited = [...audit.keys()].filter((k) => !quizzes.some((q) => k.startsWith(`${q.quiz.id}/`)));
    expect(deck.filter((id) => !audit.has(id)), 'slides without an entry').toEqual([]);
    expect(audited.filter((id) => !deck.includes(id)), 'entries for no slide').toEqual([]);
  });

  it('has an entry for every quiz question', () => {
    const questions = quizzes.flatMap((q) => q.quiz.questions.map((question) => `${q.quiz.id}/${question.id}`));
    expect(questions.filter((id) => !audit.has(id))).toEqual([]);
  });

  it('gives every claim a basis (source, background, our reading, context) and evidence', () => {
    const bad: string[] = [];
    for (const [id, rows] of audit) {
      if (rows.length === 0) bad.push(`${id}: no rows`);
      for (const row of rows) {
        if (row.length < 3 || !BASES.has(row[1]!.toLowerCase()) || row[2] === '') bad.push(`${id}: ${row.join(' | ')}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('quotes the source exactly where it says it does', () => {
    const source = readFileSync(resolve(PROJECT, 'assets/source/press-conference.txt'), 'utf8');
    const flat = (text: string) => text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ').toLowerCase();
    const text = flat(source);
    const missing: string[] = [];
    for (const [id, rows] of audit) {
      for (const row of rows.filter((r) => r[1]?.toLowerCase() === 'source')) {
        // Each quoted piece ("…", split at ellipses) must be found in the source text.
        for (const quote of row[2]!.matchAll(/[“"]([^”"]{12,})[”"]/g)) {
          for (const piece of quote[1]!.split(/\s*(?:…|\.\.\.)\s*/)) {
            if (piece.length >= 12 && !text.includes(flat(piece).replace(/^[\s,.;:]+|[\s,.;:]+$/g, ''))) missing.push(`${id}: ${piece}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
