/**
 * A token bucket: `burst` at once, then `perSecond` on average. Used per address for joining
 * and per connection for answering, so one phone (or one script) cannot flood the class.
 */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

export function tokenBucket({ burst, perSecond }: RateLimit, now: () => number = () => performance.now()) {
  let tokens = burst;
  let last = now();
  return {
    /** Whether one more may go now (and counts it if so). */
    take(): boolean {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * perSecond);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

/** One bucket per key (an address), forgotten once full again so the map does not grow for ever. */
export function keyedBuckets(limit: RateLimit, now: () => number = () => performance.now()) {
  const buckets = new Map<string, { bucket: ReturnType<typeof tokenBucket>; seen: number }>();
  const idle = (limit.burst / Math.max(limit.perSecond, 1e-9)) * 1000;
  return {
    take(key: string): boolean {
      const t = now();
      if (buckets.size > 10_000) for (const [k, b] of buckets) if (t - b.seen > idle) buckets.delete(k);
      let entry = buckets.get(key);
      if (!entry) buckets.set(key, (entry = { bucket: tokenBucket(limit, now), seen: t }));
      entry.seen = t;
      return entry.bucket.take();
    },
  };
}
