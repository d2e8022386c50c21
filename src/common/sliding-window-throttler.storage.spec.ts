import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { SlidingWindowThrottlerStorage } from './sliding-window-throttler.storage.js';

const T0 = Date.UTC(2026, 0, 1);

/** Steps: [ms to advance before the request, client]. */
type Step = [number, string];

async function replay(steps: Step[], ttl: number, limit: number, blockDuration: number) {
  const upstream = new ThrottlerStorageService();
  const ours = new SlidingWindowThrottlerStorage();
  const got: Array<[unknown, unknown]> = [];
  let now = T0;
  vi.setSystemTime(now);
  for (const [advance, client] of steps) {
    now += advance;
    vi.setSystemTime(now);
    got.push([
      await upstream.increment(client, ttl, limit, blockDuration, 'default'),
      await ours.increment(client, ttl, limit, blockDuration, 'default'),
    ]);
  }
  upstream.onApplicationShutdown();
  ours.onApplicationShutdown();
  return got;
}

describe('SlidingWindowThrottlerStorage', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it.each([
    // limit 3 a minute, blocked for 60 s: requests 1-3 pass (totalHits 1, 2, 3), the 4th is blocked
    // (totalHits 4 > 3) and stays blocked for blockDuration; 61 s later all hits have expired.
    {
      name: 'over the limit, then the block runs out',
      steps: [
        [0, 'a'],
        [10, 'a'],
        [10, 'a'],
        [10, 'a'],
        [1000, 'a'],
        [61_000, 'a'],
      ],
      ttl: 60_000,
      limit: 3,
      block: 60_000,
      last: { totalHits: 1, isBlocked: false },
    },
    // Hits expire one by one: 3 hits at t = 0, 20 s, 40 s with ttl 60 s; at t = 70 s the first has expired,
    // so the request is the 3rd live hit (20 s, 40 s, 70 s): allowed at limit 3.
    {
      name: 'a sliding window',
      steps: [
        [0, 'a'],
        [20_000, 'a'],
        [20_000, 'a'],
        [30_000, 'a'],
      ],
      ttl: 60_000,
      limit: 3,
      block: 60_000,
      last: { totalHits: 3, isBlocked: false },
    },
    // Two clients keep separate budgets: b's first request is hit 1 whatever a did.
    {
      name: 'clients apart',
      steps: [
        [0, 'a'],
        [1, 'a'],
        [1, 'a'],
        [1, 'b'],
      ],
      ttl: 60_000,
      limit: 2,
      block: 60_000,
      last: { totalHits: 1, isBlocked: false },
    },
    // blockDuration 0: the over-limit request is refused (totalHits limit + 1) but not counted.
    {
      name: 'no block duration',
      steps: [
        [0, 'a'],
        [1, 'a'],
        [1, 'a'],
        [1, 'a'],
      ],
      ttl: 60_000,
      limit: 2,
      block: 0,
      last: { totalHits: 3, isBlocked: true },
    },
  ])('answers what the upstream storage answers: $name', async ({ steps, ttl, limit, block, last }) => {
    const got = await replay(steps as Step[], ttl, limit, block);
    for (const [upstream, ours] of got) expect(ours).toEqual(upstream);
    expect(got[got.length - 1][1]).toMatchObject(last);
  });

  it('answers what the upstream storage answers for any sequence of requests', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.constantFrom('a', 'b')), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom(0, 2000, 5000),
        async (steps, limit, block) => {
          for (const [upstream, ours] of await replay(steps, 5000, limit, block)) expect(ours).toEqual(upstream);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the cost of a request flat however many hits the window holds', async () => {
    // 100,000 hits in one window (a raised limit under load): every request still answers, and the
    // queue is compacted once the expired half is dropped (2 windows later only the live hits remain).
    const storage = new SlidingWindowThrottlerStorage();
    const start = T0;
    for (let i = 0; i < 100_000; i++) storage.count('ip:1', 60_000, 10_000_000, 60_000, 'default', start + i);
    const later = storage.count('ip:1', 60_000, 10_000_000, 60_000, 'default', start + 100_000 + 60_000);
    // Hits at start + i expire at start + i + 60,000; at start + 160,000 those with i <= 100,000 are gone.
    expect(later.totalHits).toBe(1);
    storage.evictIdle(start + 10 * 60_000);
    expect(storage.clientCount).toBe(0);
    storage.onApplicationShutdown();
  });
});
