import { describe, expect, it } from 'vitest';
import { createRandom, grade, presentedOrder, randomBelow, shuffle, startingOrder, type Question, type Quiz } from '../../../src/quiz/index.ts';
import { quizWith, sampleQuiz } from './sample-quiz.ts';

/** Pearson's chi-square statistic of observed counts against equal expected counts. */
function chiSquare(counts: readonly number[], total: number): number {
  const expected = total / counts.length;
  return counts.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
}

describe('shuffle', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];

  it('is deterministic for a seed, and leaves the input untouched', () => {
    const first = shuffle(items, 'alice:traditional-review:q1');
    expect(shuffle(items, 'alice:traditional-review:q1')).toEqual(first);
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(first).not.toBe(items);
  });

  it('returns a permutation', () => {
    for (let i = 0; i < 200; i++) expect([...shuffle(items, `seed-${i}`)].sort()).toEqual(items);
  });

  it('hashes the whole seed: seeds differing only at the end give different orders', () => {
    const orders = new Set(Array.from({ length: 50 }, (_, i) => shuffle(items, `learner-with-a-long-common-prefix:quiz:${i}`).join('')));
    expect(orders.size).toBeGreaterThan(30);
  });

  it('handles empty and one-item arrays', () => {
    expect(shuffle([], 's')).toEqual([]);
    expect(shuffle(['x'], 's')).toEqual(['x']);
  });

  // Fixed seeds make these deterministic: they cannot flake. Thresholds are far in the tail
  // (p < 1e-4 for a fair shuffle), so only a real bias fails them.
  it('makes every order of 3 items equally likely over many seeds (chi-square)', () => {
    const n = 60_000;
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const order = shuffle(['a', 'b', 'c'], `chi3-${i}`).join('');
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    expect(chiSquare([...counts.values()], n)).toBeLessThan(30); // df = 5
  });

  it('makes every order of 4 items equally likely over many seeds (chi-square)', () => {
    const n = 48_000;
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const order = shuffle(['a', 'b', 'c', 'd'], `learner-${i}:quiz:question`).join('');
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect(counts.size).toBe(24);
    expect(chiSquare([...counts.values()], n)).toBeLessThan(65); // df = 23
  });

  it('draws integers below n without modulo bias', () => {
    const random = createRandom('below');
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[randomBelow(random, 3)]! += 1;
    expect(chiSquare(counts, 30_000)).toBeLessThan(25); // df = 2
    expect(() => randomBelow(random, 0)).toThrow(RangeError);
  });
});

describe('presentedOrder', () => {
  const question = (id: string): Question => sampleQuiz.questions.find((q) => q.id === id) as Question;

  it('is the same for a learner on every reload, and differs between learners', () => {
    const q = question('advantages');
    const alice = presentedOrder(sampleQuiz, q, 'alice');
    expect(presentedOrder(sampleQuiz, q, 'alice')).toEqual(alice);
    expect(alice).toEqual({ type: 'multiple', choices: shuffle(['a', 'b', 'c', 'd', 'e'], 'alice:traditional-review:advantages') });
    const learners = new Set(Array.from({ length: 20 }, (_, i) => JSON.stringify(presentedOrder(sampleQuiz, q, `learner${i}`))));
    expect(learners.size).toBeGreaterThan(10);
  });

  it('keeps the authored order with shuffle: false', () => {
    const quiz: Quiz = { ...sampleQuiz, shuffle: false };
    expect(presentedOrder(quiz, question('advantages'), 'alice')).toEqual({ type: 'multiple', choices: ['a', 'b', 'c', 'd', 'e'] });
    expect(presentedOrder(quiz, question('boards'), 'alice')).toEqual({ type: 'cloze', blanks: { weak: ['a', 'b', 'c'] } });
  });

  it('starts an order question in a wrong order that earns little, never the answer reversed, the same for the same seed', () => {
    const two = quizWith(`  - id: o
    type: order
    prompt: p
    items: [first, second]
`, 'shuffle: false\n');
    const focus = question('focus-order');
    const allOrNothing = { ...focus, scoring: 'all-or-nothing' } as Question;
    for (let i = 0; i < 200; i++) {
      expect(presentedOrder(two, two.questions[0] as Question, `l${i}`)).toEqual({ type: 'order', items: ['b', 'a'] });
      for (const q of [focus, allOrNothing]) {
        const four = presentedOrder(sampleQuiz, q, `l${i}`);
        if (four.type !== 'order' || q.type !== 'order') throw new Error('not an order');
        const answer = q.items.map((item) => item.id);
        // Never the answer, never just the answer reversed (a learner would learn to flip every list).
        expect(four.items).not.toEqual(answer);
        expect(four.items).not.toEqual([...answer].reverse());
        if (q === allOrNothing) expect(grade(q, { order: four.items }).fraction).toBe(0);
        else expect(grade(q, { order: four.items }).fraction).toBeLessThan(0.5);
        expect(presentedOrder(sampleQuiz, q, `l${i}`)).toEqual(four);
      }
    }
    // Partial credit: the starting orders still differ from learner to learner.
    const partial = new Set(Array.from({ length: 30 }, (_, i) => JSON.stringify(presentedOrder(sampleQuiz, focus, `l${i}`))));
    expect(partial.size).toBeGreaterThan(2);
    // All-or-nothing: any wrong order earns nothing, so learners still get different orders.
    const orders = new Set(Array.from({ length: 30 }, (_, i) => JSON.stringify(presentedOrder(sampleQuiz, allOrNothing, `l${i}`))));
    expect(orders.size).toBeGreaterThan(5);
  });

  it('startingOrder is deterministic and leaves shuffle an unbiased Fisher-Yates', () => {
    const q = question('focus-order');
    if (q.type !== 'order') throw new Error('not an order');
    expect(startingOrder(q, 'seed')).toEqual(startingOrder(q, 'seed'));
    expect(shuffle(['a', 'b', 'c'], 'x')).toEqual(shuffle(['a', 'b', 'c'], 'x'));
  });

  it('shuffles match options (one per distinct right side) and lists types without lists', () => {
    const order = presentedOrder(sampleQuiz, question('fields'), 'alice');
    expect(order.type).toBe('match');
    if (order.type === 'match') {
      expect([...order.left].sort()).toEqual(['a', 'b', 'c']);
      expect([...order.right].sort()).toEqual(['a', 'b', 'c', 'x1']);
    }
    expect(presentedOrder(sampleQuiz, question('carbon'), 'alice')).toEqual({ type: 'text' });
  });
});
