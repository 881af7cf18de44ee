/** A generator of uniformly distributed unsigned 32-bit integers. */
export type Random = () => number;

/** cyrb128: hashes the whole string into four 32-bit seeds, so seeds that differ anywhere differ. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * A seeded generator (sfc32 over a cyrb128 hash of the whole seed): the same seed always
 * gives the same sequence, in the browser and in Node alike.
 */
export function createRandom(seed: string): Random {
  let [a, b, c, d] = cyrb128(seed);
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32 mixes its state during its first rounds.
  for (let i = 0; i < 15; i++) next();
  return next;
}

const TWO_32 = 2 ** 32;

/**
 * A uniform integer in [0, n). Plain `x % n` would favour small values whenever n does not
 * divide 2^32, so draws from the incomplete last block are redrawn: exact, and a redraw
 * happens with probability below n / 2^32, so in practice never.
 */
export function randomBelow(random: Random, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > TWO_32) {
    throw new RangeError(`randomBelow needs an integer n in [1, 2^32], got ${n}`);
  }
  const limit = TWO_32 - (TWO_32 % n);
  let x = random();
  while (x >= limit) x = random();
  return x % n;
}

/**
 * Returns a new array with the items in a seeded random order (Fisher–Yates), leaving `items`
 * untouched. The same seed always gives the same order; over many seeds, every order is
 * equally likely.
 * @example shuffle(['a', 'b', 'c'], 'alice:review:q1')
 */
export function shuffle<T>(items: readonly T[], seed: string): T[] {
  const result = items.slice();
  const random = createRandom(seed);
  for (let i = result.length - 1; i > 0; i--) {
    const j = randomBelow(random, i + 1);
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}
