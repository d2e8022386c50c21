import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** One throttler's hits for one client: expiry times, oldest first, from `head` on. */
interface HitQueue {
  times: number[];
  head: number;
}

interface ClientEntry {
  expiresAt: number;
  blockExpiresAt: number;
  isBlocked: boolean;
  hits: Map<string, HitQueue>;
}

const SWEEP_INTERVAL_MS = 60_000;
/** Dropped entries are compacted away once there are this many and they are half the array. */
const COMPACT_AFTER = 1024;

/**
 * The rate limiter's memory: the same answers as @nestjs/throttler's ThrottlerStorageService
 * (nestjs/throttler src/throttler.service.ts: a hit expires `ttl` after it was counted; over the
 * limit, the client is blocked for `blockDuration`), at a constant cost per request.
 *
 * The upstream storage filters every hit of the client's window on every request (`pruneExpiredHits`)
 * and takes `Math.min(...hits)`: with a raised limit that is tens of thousands of entries per request
 * for a busy client (60 s x the request rate). Hits of one throttler have one ttl and are counted in
 * time order, so the expired ones are always the oldest: dropping them from the front of a queue is
 * the same filter, and the oldest live hit is the queue's head.
 */
export class SlidingWindowThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly clients = new Map<string, ClientEntry>();
  private sweep: NodeJS.Timeout | undefined;

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerRecord> {
    return Promise.resolve(this.count(key, ttl, limit, blockDuration, throttlerName, Date.now()));
  }

  /** `increment` at a given time (what the spec compares with the upstream storage). */
  count(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string, now: number): ThrottlerRecord {
    this.sweep ??= startSweep(() => this.evictIdle(Date.now()));
    let client = this.clients.get(key);
    if (!client) {
      client = { expiresAt: now + ttl, blockExpiresAt: 0, isBlocked: false, hits: new Map() };
      this.clients.set(key, client);
    }
    let queue = client.hits.get(throttlerName);
    if (!queue) {
      queue = { times: [], head: 0 };
      client.hits.set(throttlerName, queue);
    }
    dropExpired(queue, now);
    let timeToExpire = Math.ceil((client.expiresAt - now) / 1000);
    if (timeToExpire <= 0) {
      client.expiresAt = now + ttl;
      timeToExpire = Math.ceil(ttl / 1000);
    }
    if (blockDuration <= 0) {
      const isBlocked = size(queue) >= limit;
      if (!isBlocked) queue.times.push(now + ttl);
      const timeToBlockExpire = size(queue) > 0 ? Math.ceil((queue.times[queue.head] - now) / 1000) : timeToExpire;
      return {
        totalHits: size(queue) + (isBlocked ? 1 : 0),
        timeToExpire,
        isBlocked,
        timeToBlockExpire: isBlocked ? timeToBlockExpire : 0,
      };
    }
    if (!client.isBlocked) queue.times.push(now + ttl);
    if (size(queue) > limit && !client.isBlocked) {
      client.isBlocked = true;
      client.blockExpiresAt = now + blockDuration;
    }
    const timeToBlockExpire = Math.ceil((client.blockExpiresAt - now) / 1000);
    if (timeToBlockExpire <= 0 && client.isBlocked) {
      client.isBlocked = false;
      queue.times = [now + ttl];
      queue.head = 0;
    }
    return { totalHits: size(queue), timeToExpire, isBlocked: client.isBlocked, timeToBlockExpire };
  }

  /** Forgets clients with nothing left to remember (upstream's evictIdleRecords). */
  evictIdle(now: number): void {
    for (const [key, client] of this.clients) {
      if (client.isBlocked && client.blockExpiresAt > now) continue;
      if (client.expiresAt > now) continue;
      const live = [...client.hits.values()].some((q) => size(q) > 0 && q.times[q.times.length - 1] > now);
      if (!live) this.clients.delete(key);
    }
  }

  /** Clients remembered (for tests). */
  get clientCount(): number {
    return this.clients.size;
  }

  onApplicationShutdown(): void {
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = undefined;
    this.clients.clear();
  }
}

function size(queue: HitQueue): number {
  return queue.times.length - queue.head;
}

function dropExpired(queue: HitQueue, now: number): void {
  const { times } = queue;
  let head = queue.head;
  while (head < times.length && times[head] <= now) head++;
  if (head >= COMPACT_AFTER && head * 2 >= times.length) {
    queue.times = times.slice(head);
    head = 0;
  }
  queue.head = head;
}

function startSweep(fn: () => void): NodeJS.Timeout {
  const timer = setInterval(fn, SWEEP_INTERVAL_MS);
  timer.unref();
  return timer;
}
