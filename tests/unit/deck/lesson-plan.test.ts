import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSections } from '../../../src/deck/build-deck.ts';
import { loadQuizzes } from '../../../src/deck/load-quizzes.ts';

const PROJECT = resolve(import.meta.dirname, '../../..');

/** The rows of the first pipe table after the heading that matches `heading`. */
function tableAfter(PLAN: string, heading: RegExp): { header: string[]; rows: string[][] } {
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

/** Chinese characters of the **讲解：** parts of a slide's notes (Chinese is counted in characters, not words). */
function sayCharacters(notes: string): number {
  return [...notes.matchAll(/\*\*讲解(?:：\*\*|\*\*：)([^]*?)(?=\*\*[^*\n]+(?:：\*\*|\*\*：)|$)/g)].reduce((n, m) => n + (m[1]!.match(/\p{Script=Han}/gu) ?? []).length, 0);
}

/** Each language's plan, and how it states its timing: the same checks, in its own words. */
const PLANS = [
  { lang: 'en', file: 'assets/guide/lesson-plan.md', rate: /(\d+) words a minute/, timing: /Time to speak the notes/i, count: /^words/i, say: sayWords, minutes: /^Minutes/, slack: /slack/i, lengths: [[90, /90-minute/], [45, /45-minute/]] },
  { lang: 'zh', file: 'assets/guide/lesson-plan.zh.md', rate: /每分钟约?(\d+)字/, timing: /讲解备注所需的时间/, count: /^字数/, say: sayCharacters, minutes: /^分钟/, slack: /机动时间/, lengths: [[90, /90分钟/], [45, /45分钟/]] },
] as const;

for (const plan of PLANS) {
  const PLAN = readFileSync(resolve(PROJECT, plan.file), 'utf8');
  const { sections } = readSections(PROJECT, plan.lang);
  const { quizzes } = loadQuizzes(PROJECT, sections, plan.lang);

  describe(`the lesson plan (${plan.file})`, () => {
    it('times the notes from a stated speaking rate, with word counts true to the slides', () => {
      const rate = Number(plan.rate.exec(PLAN)?.[1]);
      expect(rate, `a stated rate, ${plan.rate}`).toBeGreaterThan(0);
      const { header, rows } = tableAfter(PLAN, plan.timing);
      const wordsAt = header.findIndex((h) => plan.count.test(h));
      expect(wordsAt).toBeGreaterThan(0);
      for (const section of sections) {
        const row = rows.find((r) => r[0]!.replace(/`/g, '') === section.id);
        expect(row, `a row for ${section.id}`).toBeDefined();
        const counted = section.slides.reduce((n, s) => n + plan.say(s.notes), 0);
        const stated = Number(row![wordsAt]!.replace(/[^\d]/g, ''));
        expect(Math.abs(stated - counted), `${section.id}: the plan says ${stated} words, the notes have ${counted}`).toBeLessThanOrEqual(counted * 0.1);
      }
    });

    for (const [total, heading] of plan.lengths) {
      it(`adds up to ${total} minutes, with 5 to 10 minutes of slack`, () => {
        const { header, rows } = tableAfter(PLAN, heading);
        expect(header[0]).toMatch(plan.minutes);
        const minutes = rows.map((r) => Number(r[0]!.replace(',', '.').replace('½', '.5')));
        expect(minutes.every((m) => Number.isFinite(m) && m > 0), rows.map((r) => r[0]).join(', ')).toBe(true);
        expect(minutes.reduce((a, b) => a + b, 0)).toBe(total);
        let running = 0;
        rows.forEach((r, i) => {
          running += minutes[i]!;
          expect(Number(r[1]), `cumulative in row ${i + 1}`).toBeCloseTo(running, 5);
        });
        const slack = rows.filter((r) => plan.slack.test(r[2]!));
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
}
