import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSections } from '../../../src/deck/build-deck.ts';
import { loadQuizzes } from '../../../src/deck/load-quizzes.ts';

const PROJECT = resolve(import.meta.dirname, '../../..');
const PLAN = readFileSync(resolve(PROJECT, 'assets/guide/lesson-plan.md'), 'utf8');
const { sections } = readSections(PROJECT);
const { quizzes } = loadQuizzes(PROJECT, sections);

/** The rows of the first pipe table after the heading that matches `heading`. */
function tableAfter(heading: RegExp): { header: string[]; rows: string[][] } {
  const lines = PLAN.split('\n');
  const start = lines.findIndex((l) => /^#{2,4} /.test(l) && heading.test(l));
  expect(start, `a heading matching ${heading}`).toBeGreaterThanOrEqual(0);
  const first = lines.findIndex((l, i) => i > start && l.startsWith('|'));
  const table: string[][] = [];
  for (let i = first; i < lines.length && lines[i]!.startsWith('|'); i++) {
    if (/^\|\s*:?-/.test(lines[i]!)) continue;
    table.push(lines[i]!.split('|').slice(1, -1).map((c) => c.trim()));
  }
  return { header: table[0]!, rows: table.slice(1) };
}

/** Words of the **Say:** parts of a slide's notes: from "**Say:**" to the next bold label or the end. */
function sayWords(notes: string): number {
  return [...notes.matchAll(/\*\*Say:\*\*([^]*?)(?=\*\*[A-Z][^*]*:\*\*|$)/g)].reduce((n, m) => n + m[1]!.split(/\s+/).filter(Boolean).length, 0);
}

describe('the lesson plan (assets/guide/lesson-plan.md)', () => {
  it('times the notes from a stated speaking rate, with word counts true to the slides', () => {
    const rate = Number(/(\d+) words a minute/.exec(PLAN)?.[1]);
    expect(rate, 'a stated rate, "N words a minute"').toBeGreaterThan(0);
    const { header, rows } = tableAfter(/Time to speak the notes/i);
    const wordsAt = header.findIndex((h) => /^words/i.test(h));
    expect(wordsAt).toBeGreaterThan(0);
    for (const section of sections) {
      const row = rows.find((r) => r[0]!.replace(/`/g, '') === section.id);
      expect(row, `a row for ${section.id}`).toBeDefined();
      const counted = section.slides.reduce((n, s) => n + sayWords(s.notes), 0);
      const stated = Number(row![wordsAt]!.replace(/[^\d]/g, ''));
      expect(Math.abs(stated - counted), `${section.id}: the plan says ${stated} words, the notes have ${counted}`).toBeLessThanOrEqual(counted * 0.1);
    }
  });

  for (const [total, heading] of [[90, /90-minute/], [45, /45-minute/]] as const) {
    it(`adds up to ${total} minutes, with 5 to 10 minutes of slack`, () => {
      const { header, rows } = tableAfter(heading);
      expect(header[0]).toMatch(/^Minutes/);
      const minutes = rows.map((r) => Number(r[0]!.replace(',', '.').replace('½', '.5')));
      expect(minutes.every((m) => Number.isFinite(m) && m > 0), rows.map((r) => r[0]).join(', ')).toBe(true);
      expect(minutes.reduce((a, b) => a + b, 0)).toBe(total);
      let running = 0;
      rows.forEach((r, i) => {
        running += minutes[i]!;
        expect(Number(r[1]), `cumulative in row ${i + 1}`).toBeCloseTo(running, 5);
      });
      const slack = rows.filter((r) => /slack/i.test(r[2]!));
      expect(slack).toHaveLength(1);
      const slackMinutes = Number(slack[0]![0]);
      expect(slackMinutes).toBeGreaterThanOrEqual(5);
      expect(slackMinutes).toBeLessThanOrEqual(10);
    });
  }

  it('names only questions, slides and objectives that exist', () => {
    const questions = new Set(quizzes.flatMap((q) => q.quiz.questions.map((question) => `${q.quiz.id}/${question.id}`)));
    const slides = new Set(sections.flatMap((s) => [...s.slides, ...s.objectives].map((x) => `${s.id}/${x.id}`)));
    const named = [...PLAN.matchAll(/`([a-z0-9-]+\/[a-z0-9-]+)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((id) => !questions.has(id) && !slides.has(id))).toEqual([]);
    expect(named.some((id) => questions.has(id)), 'in-class quiz questions are named').toBe(true);
  });
});
