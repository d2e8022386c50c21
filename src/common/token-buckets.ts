/** What a bucket said to one request. */
export interface BucketVerdict {
  allowed: boolean;
  /** Whole seconds until the refused cost would fit (0 when allowed). */
  retryAfterSeconds: number;
  /** Units left after this request (when allowed) or now (when refused). */
  remaining: number;
}

/**
 * Token buckets, one per client key: each holds up to `perMinute` units and refills at
 * `perMinute / 60` units a second; a request takes its cost whole or is refused (and takes nothing).
 * Plain values in and out, the clock passed in. At most `maxClients` buckets are kept, least recently
 * used out first (a bucket left alone for a minute is full again, so dropping it changes nothing).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    readonly perMinute: number,
    readonly maxClients: number,
  ) {
    this.perMs = perMinute / 60_000;
  }

  get clients(): number {
    return this.buckets.size;
  }

  take(key: string, cost: number, nowMs: number): BucketVerdict {
    const bucket = this.buckets.get(key);
    let tokens = this.perMinute;
    if (bucket) {
      tokens = Math.min(this.perMinute, bucket.tokens + Math.max(0, nowMs - bucket.at) * this.perMs);
      this.buckets.delete(key);
    } else if (this.buckets.size >= this.maxClients) {
      this.buckets.delete(this.buckets.keys().next().value as string);
    }
    const allowed = cost <= tokens;
    if (allowed) tokens -= cost;
    this.buckets.set(key, { tokens, at: nowMs });
    // Units missing / units per second = seconds to wait (a cost above the whole budget waits a full minute).
    const retryAfterSeconds = allowed ? 0 : cost > this.perMinute ? 60 : Math.max(1, Math.ceil((cost - tokens) / (this.perMs * 1000)));
    return { allowed, retryAfterSeconds, remaining: Math.floor(tokens) };
  }
}
