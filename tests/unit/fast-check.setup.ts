/**
 * Property tests draw the same cases on every run, so a red `npm test` means a change broke
 * something, not that a rare case came up. `npm run fuzz` draws new ones (`FC_SEED=random`); a
 * failure prints its seed, and `FC_SEED=<that seed>` replays it.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed !== 'random') {
  const fixed = Number(seed ?? 20261201);
  if (!Number.isInteger(fixed)) throw new Error(`FC_SEED must be an integer or "random", not "${seed}"`);
  fc.configureGlobal({ seed: fixed });
}
