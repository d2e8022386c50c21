import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-buckets.js';

describe('TokenBuckets', () => {
  // 600 units a minute refill at 600 / 60 = 10 units a second.
  it.each([
    // [spent at t=0, then asked at t (ms), cost, allowed, retryAfterSeconds]
    // 600 - 600 = 0 left; 1 s later 10 back: a cost of 10 fits.
    [600, 1_000, 10, true, 0],
    // 0 left, 1 s later 10 back: 11 does not fit; 1 unit missing / 10 a second = 0.1 s, rounded up to 1 s.
    [600, 1_000, 11, false, 1],
    // 0 left at once: 100 missing / 10 a second = 10 s.
    [600, 0, 100, false, 10],
    // Nothing spent: the whole budget at once.
    [0, 0, 600, true, 0],
    // More than the whole budget never fits: a full minute.
    [0, 0, 601, false, 60],
  ])('spent %i, then at %i ms a cost of %i: allowed %s, retry after %i s', (spent, at, cost, allowed, retryAfter) => {
    const buckets = new TokenBuckets(600, 10);
    if (spent > 0) expect(buckets.take('c', spent, 0).allowed).toBe(true);
    const verdict = buckets.take('c', cost, at);
    expect(verdict.allowed).toBe(allowed);
    expect(verdict.retryAfterSeconds).toBe(retryAfter);
  });

  it('a refused request takes nothing', () => {
    const buckets = new TokenBuckets(100, 10);
    buckets.take('c', 95, 0);
    expect(buckets.take('c', 10, 0).allowed).toBe(false);
    expect(buckets.take('c', 5, 0)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('keeps one budget per key and at most maxClients of them, the least recently used dropped first', () => {
    const buckets = new TokenBuckets(100, 2);
    buckets.take('a', 100, 0);
    buckets.take('b', 100, 0);
    expect(buckets.take('a', 1, 0).allowed).toBe(false); // a is now the most recent
    buckets.take('c', 1, 0); // drops b
    expect(buckets.clients).toBe(2);
    expect(buckets.take('c', 1, 0).allowed).toBe(true);
    expect(buckets.take('a', 1, 0).allowed).toBe(false); // a kept its spent budget
    expect(buckets.take('b', 100, 0).allowed).toBe(true); // b starts afresh (a dropped bucket would be full within a minute anyway)
  });
});
