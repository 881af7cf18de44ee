/**
 * Item statistics: facility and discrimination as Moodle's quiz statistics computes them, checked
 * against figures worked out by hand below, then the edges (one learner, no variance, an
 * unanswered question, penalties, learners without a session) and each type's options.
 */
import { describe, expect, it } from 'vitest';
import {
  createSession,
  discriminationIndex,
  figure,
  itemStatistics,
  itemStatisticsCsv,
  itemStatisticsText,
  parseCsv,
  parseQuizBank,
  submitTry,
  type QuestionStats,
  type Quiz,
  type Response,
  type Session,
} from '../../../src/quiz/index.ts';
import { itemStatisticsHtml } from '../../../src/shared/item-stats-html.ts';
import { sampleQuiz } from './sample-quiz.ts';

const AT = new Date('2026-03-01T09:00:00Z');

/** A learner's session: each entry is a question id and the responses of its tries, in order. */
function answered(quiz: Quiz, tries: Record<string, Response[]>): Session {
  let session = createSession(quiz, 'learner', AT);
  for (const [question, responses] of Object.entries(tries)) {
    for (const response of responses) session = submitTry(quiz, session, question, response, AT);
  }
  return session;
}

const learner = (...sessions: Session[]) => ({ sessions });

const hand = parseQuizBank(
  `id: hand
title: Worked by hand
shuffle: false
questions:
  - id: fuel
    type: single
    prompt: "Which fuel?"
    choices: [{ text: "Oil", correct: true }, { text: "Wood" }, { text: "Coal" }]
  - id: stable
    type: truefalse
    prompt: "Manufacturing's share is kept stable."
    answer: true
  - id: carbon
    type: text
    prompt: "Carbon ____"
    answers: ["peaking"]
`,
  'quizzes/hand.yaml',
);

/**
 * Five learners, one point a question. Scores (x) per question, learners L1…L5:
 *   fuel   [1, 1, 1, 0, 0]   L1–L3 chose Oil (a), L4 and L5 Wood (b); nobody chose Coal (c)
 *   stable [0, 0, 1, 0, 1]   L3 and L5 said true (right), L1, L2 and L4 false
 *   carbon [1, 1, 0, 0, 0]   L1 "Peaking ", L2 "peaking", L3 "peak", L4 "coal", L5 did not answer
 *   quiz   [2, 2, 2, 0, 1]   mean 7 / 5 = 1.4
 */
const FIVE = [
  learner(answered(hand, { fuel: [{ choice: 'a' }], stable: [{ value: false }], carbon: [{ text: 'Peaking ' }] })),
  learner(answered(hand, { fuel: [{ choice: 'a' }], stable: [{ value: false }], carbon: [{ text: 'peaking' }] })),
  learner(answered(hand, { fuel: [{ choice: 'a' }], stable: [{ value: true }], carbon: [{ text: 'peak' }] })),
  learner(answered(hand, { fuel: [{ choice: 'b' }], stable: [{ value: false }], carbon: [{ text: 'coal' }] })),
  learner(answered(hand, { fuel: [{ choice: 'b' }], stable: [{ value: true }] })),
];

const question = (stats: ReturnType<typeof itemStatistics>, id: string): QuestionStats => stats.quizzes[0]!.questions.find((q) => q.id === id)!;

describe('item statistics, worked by hand', () => {
  const stats = itemStatistics([hand], FIVE);

  it('counts the five learners and their mean', () => {
    expect(stats.quizzes[0]).toMatchObject({ id: 'hand', learners: 5, maxScore: 3 });
    expect(stats.quizzes[0]!.mean).toBeCloseTo(1.4, 10);
  });

  it('gives each question its facility: the mean score over its maximum, ×100', () => {
    // fuel: (1+1+1+0+0)/5 = 0.6 → 60; stable: (0+0+1+0+1)/5 = 0.4 → 40; carbon: (1+1+0+0+0)/5 = 0.4 → 40
    expect(question(stats, 'fuel').facility).toBeCloseTo(60, 10);
    expect(question(stats, 'stable').facility).toBeCloseTo(40, 10);
    expect(question(stats, 'carbon').facility).toBeCloseTo(40, 10);
  });

  it('gives each question its discrimination: 100 · Σ dx·dX / √(Σ dx² · Σ dX²), X the rest of the quiz', () => {
    // fuel: x = [1,1,1,0,0], x̄ = 0.6; X = stable + carbon = [1,1,1,0,1], X̄ = 0.8
    //   dx = [.4,.4,.4,−.6,−.6], dX = [.2,.2,.2,−.8,.2]
    //   Σ dx·dX = .08 + .08 + .08 + .48 − .12 = 0.6;  Σ dx² = 3·.16 + 2·.36 = 1.2;  Σ dX² = 4·.04 + .64 = 0.8
    //   DI = 100 · 0.6 / √(1.2 · 0.8) = 60 / √0.96 = 60 / 0.979796 = 61.237
    expect(question(stats, 'fuel').discrimination).toBeCloseTo(61.237, 2);
    // stable: x = [0,0,1,0,1], x̄ = 0.4; X = fuel + carbon = [2,2,1,0,0], X̄ = 1
    //   dx = [−.4,−.4,.6,−.4,.6], dX = [1,1,0,−1,−1]
    //   Σ dx·dX = −.4 − .4 + 0 + .4 − .6 = −1;  Σ dx² = 3·.16 + 2·.36 = 1.2;  Σ dX² = 1 + 1 + 0 + 1 + 1 = 4
    //   DI = 100 · −1 / √(1.2 · 4) = −100 / √4.8 = −100 / 2.190890 = −45.644
    expect(question(stats, 'stable').discrimination).toBeCloseTo(-45.644, 2);
    // carbon: x = [1,1,0,0,0], x̄ = 0.4; X = fuel + stable = [1,1,2,0,1], X̄ = 1
    //   dx = [.6,.6,−.4,−.4,−.4], dX = [0,0,1,−1,0]
    //   Σ dx·dX = 0 + 0 − .4 + .4 + 0 = 0  →  DI = 0: computed, and zero (not "–")
    expect(question(stats, 'carbon').discrimination).toBeCloseTo(0, 10);
    expect(figure(question(stats, 'carbon').discrimination)).toBe('0');
  });

  it('shows every choice in authored order, the right one marked, a choice nobody chose at 0%', () => {
    expect(question(stats, 'fuel').options).toEqual([
      { id: 'a', label: 'Oil', correct: true, count: 3, share: 60 },
      { id: 'b', label: 'Wood', correct: false, count: 2, share: 40 },
      { id: 'c', label: 'Coal', correct: false, count: 0, share: 0 },
    ]);
    expect(question(stats, 'stable').options.map((o) => [o.label, o.correct, o.count])).toEqual([
      ['True', true, 2],
      ['False', false, 3],
    ]);
  });

  it('groups typed answers trimmed and case-folded, most common first, out of those who answered', () => {
    const carbon = question(stats, 'carbon');
    expect(carbon).toMatchObject({ n: 5, answered: 4 });
    expect(carbon.options).toEqual([
      { label: 'peaking', correct: true, count: 2, share: 50 },
      { label: 'coal', correct: false, count: 1, share: 25 },
      { label: 'peak', correct: false, count: 1, share: 25 },
    ]);
  });

  it('flags the distractor nobody picks and the question strong students miss', () => {
    expect(question(stats, 'fuel').flags).toEqual([{ code: 'unpicked-distractor', text: 'distractor nobody picks: “Coal”' }]);
    expect(question(stats, 'stable').flags).toEqual([{ code: 'strong-students-miss', text: 'strong students miss it' }]);
    expect(question(stats, 'carbon').flags).toEqual([]);
  });

  it('prints the figures, the flags and a legend, and writes a row per question and per option', () => {
    const text = itemStatisticsText(stats);
    expect(text).toContain('Worked by hand (hand): 5 learners, mean 1.4 of 3');
    expect(text).toMatch(/1\. fuel \(single, 1 pt\)\s+facility 60\s+discrimination 61\s+answered 5 of 5/);
    expect(text).toMatch(/2\. stable .*discrimination -46/);
    expect(text).toContain('! distractor nobody picks: “Coal”');
    expect(text).toContain('strong students miss it: the discrimination index is below 0');

    const [header, ...rows] = parseCsv(itemStatisticsCsv(stats));
    expect(header).toEqual(['quiz', 'question', 'type', 'row', 'part', 'option', 'correct', 'count', 'share', 'n', 'answered', 'facility', 'discrimination', 'flags', 'text']);
    expect(rows[0]).toEqual(['hand', 'fuel', 'single', 'question', '', '', '', '', '', '5', '5', '60', '61.2', 'distractor nobody picks: “Coal”', 'Which fuel?']);
    expect(rows[3]).toEqual(['hand', 'fuel', 'single', 'option', '', 'c', 'false', '0', '0', '', '', '', '', '', 'Coal']);
    expect(rows.filter((r) => r[3] === 'question')).toHaveLength(3);
    expect(rows).toHaveLength(3 + 3 + 2 + 3);
  });
});

describe('item statistics at the edges', () => {
  it('with one learner: facility, but no discrimination ("–", never 0)', () => {
    const stats = itemStatistics([hand], [FIVE[0]!]);
    expect(question(stats, 'fuel')).toMatchObject({ n: 1, facility: 100, discrimination: null });
    expect(figure(null)).toBe('–');
    expect(itemStatisticsText(stats)).toMatch(/facility 100\s+discrimination –/);
  });

  it('without variance on either side: no discrimination', () => {
    // Everyone right on fuel (no variance in x); the rest differs.
    const same = [
      learner(answered(hand, { fuel: [{ choice: 'a' }], stable: [{ value: true }] })),
      learner(answered(hand, { fuel: [{ choice: 'a' }], stable: [{ value: false }] })),
    ];
    const stats = itemStatistics([hand], same);
    expect(question(stats, 'fuel').discrimination).toBeNull();
    // carbon: nobody answered, x = [0, 0]: no variance either; and the rest of stable ([1, 1]) has none.
    expect(question(stats, 'carbon').discrimination).toBeNull();
    expect(question(stats, 'stable').discrimination).toBeNull();
    expect(discriminationIndex([0.1, 0.1, 0.1], [1, 2, 3])).toBeNull();
  });

  it('counts an unanswered question as 0 and leaves out learners without a session', () => {
    const other = parseQuizBank('id: other\ntitle: Other\nquestions:\n  - { id: o, type: truefalse, prompt: P, answer: true }\n', 'quizzes/other.yaml');
    const stats = itemStatistics([hand, other], [learner(answered(hand, { fuel: [{ choice: 'a' }] })), learner(answered(other, { o: [{ value: true }] }))]);
    expect(stats.quizzes[0]).toMatchObject({ learners: 1, mean: 1 });
    // Nobody answered carbon: it scores 0, but that says nothing of how hard it is (no "very hard").
    expect(question(stats, 'carbon')).toMatchObject({ n: 1, answered: 0, facility: 0, options: [], flags: [] });
    const wrong = itemStatistics([hand], [learner(answered(hand, { carbon: [{ text: 'coal' }] }))]);
    expect(question(wrong, 'carbon').flags).toEqual([{ code: 'too-hard', text: 'very hard' }]);
    expect(stats.quizzes[1]).toMatchObject({ learners: 1, questions: [{ facility: 100, flags: [{ code: 'unpicked-distractor' }, { code: 'too-easy', text: 'very easy' }] }] });
    const nobody = itemStatistics([hand], []).quizzes[0]!;
    expect(nobody).toMatchObject({ learners: 0, mean: null });
    expect(nobody.questions[0]).toMatchObject({ n: 0, facility: null, discrimination: null, flags: [] });
  });

  it('scores with penalties and counts the options from the last try', () => {
    const penalised: Quiz = { ...hand, penalty: 0.25 };
    // Wood, then Oil: the second try earns 1 − 0.25 = 0.75; one learner, facility 75.
    const stats = itemStatistics([penalised], [learner(answered(penalised, { fuel: [{ choice: 'b' }, { choice: 'a' }] }))]);
    expect(question(stats, 'fuel').facility).toBeCloseTo(75, 10);
    expect(question(stats, 'fuel').options.map((o) => o.count)).toEqual([1, 0, 0]);
  });
});

describe('options of every type', () => {
  const q = (id: string) => question(stats, id);
  const stats = itemStatistics(
    [sampleQuiz],
    [
      learner(
        answered(sampleQuiz, {
          advantages: [{ choices: ['a', 'b', 'c'] }],
          'world-share': [{ value: 50 }],
          'focus-order': [{ order: ['advantageous', 'traditional', 'emerging', 'future'] }],
          fields: [{ matches: { a: 'a', b: 'x1', c: 'c' } }],
          boards: [{ blanks: { long: ' LONG', weak: 'a' } }],
        }),
      ),
      learner(answered(sampleQuiz, { 'world-share': [{ value: 49 }], 'focus-order': [{ order: ['traditional', 'advantageous', 'emerging', 'future'] }], boards: [{ blanks: { long: 'short' } }] })),
    ],
  );

  it('counts each ticked choice of a multiple', () => {
    expect(q('advantages').options.map((o) => [o.id, o.count, o.share])).toEqual([['a', 1, 100], ['b', 1, 100], ['c', 1, 100], ['d', 0, 0], ['e', 0, 0]]);
    expect(q('advantages').flags[0]!.text).toBe('distractor nobody picks: “Quantum technology”');
  });

  it('lists distinct numbers and orders, the right one marked', () => {
    expect(q('world-share').options.map((o) => [o.label, o.correct])).toEqual([['49', false], ['50', true]]);
    expect(q('focus-order').options.map((o) => o.correct)).toEqual([false, true]);
    expect(q('focus-order').options[1]!.label).toBe('Transform and upgrade traditional industries → Consolidate and extend advantageous industries → Cultivate and expand emerging industries → Look ahead and lay out future industries');
  });

  it('counts per pair of a match and per blank of a cloze', () => {
    const emerging = q('fields').options.filter((o) => o.part === 'Emerging');
    expect(emerging.map((o) => [o.label, o.correct, o.count])).toEqual([['5G', true, 1], ['Humanoid robots', false, 0], ['High-speed rail', false, 0], ['Coal mining', false, 0]]);
    expect(q('fields').options.filter((o) => o.part === 'Future').find((o) => o.count === 1)?.label).toBe('Coal mining');
    expect(q('fields').flags).toEqual([]);
    expect(q('boards').options.filter((o) => o.part === 'long').map((o) => [o.label, o.correct, o.count])).toEqual([['long', true, 1], ['short', false, 1]]);
    expect(q('boards').options.filter((o) => o.part === 'weak').map((o) => [o.label, o.correct, o.count])).toEqual([['strong', false, 1], ['weak', true, 0], ['short', false, 0]]);
    expect(q('boards').flags[0]!.text).toBe('distractor nobody picks: “short” (blank weak)');
  });
});

describe('the HTML report', () => {
  it('is a whole page: language, caption, scoped headers, bars, flags, legend, everything escaped', () => {
    const tricky = parseQuizBank('id: t\ntitle: "<b>Quiz</b>"\nquestions:\n  - { id: s, type: single, prompt: "<script>x</script>", choices: [{ text: "<i>A</i>", correct: true }, { text: B }] }\n', 'quizzes/t.yaml');
    const page = itemStatisticsHtml(itemStatistics([tricky], [learner(answered(tricky, { s: [{ choice: 'a' }] }))]));
    expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(page).toContain('<caption>&lt;b&gt;Quiz&lt;/b&gt;: 1 learner, mean 1 of 1 points</caption>');
    expect(page).toContain('<th scope="col">Facility</th>');
    expect(page).toContain('<th scope="row">1. &lt;script&gt;x&lt;/script&gt;');
    expect(page).not.toContain('<script');
    expect(page).toContain('<strong>&lt;i&gt;A&lt;/i&gt;</strong> (right answer)');
    expect(page).toContain('<span class="number">1</span><span class="number">100%</span><span class="bar-track" aria-hidden="true"><span class="bar" style="width: 100%">');
    expect(page).toContain('<span aria-label="not computed">–</span>');
    expect(page).toContain('<li>distractor nobody picks: “B”</li>');
    expect(page).toContain('<dt>strong students miss it</dt>');
  });
});
