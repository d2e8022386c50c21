/**
 * The one cache of the service: a map bounded in entries (and, with `weigh`, in a total weight such
 * as estimated bytes), least recently used out first. A hit makes its entry the most recent; a
 * value heavier than `maxWeight` is not kept, nor one under a string key longer than `maxKeyLength`
 * (inputs as JSON: a client's long input is answered, not kept). JavaScript's Map iterates in insertion order, so the
 * first key is always the least recently used one.
 *
 * Values are shared by everyone who gets them: callers keep only values nobody changes afterwards.
 */
export interface BoundedCacheOptions<V> {
  maxEntries: number;
  /** The most total weight kept (needs `weigh`). */
  maxWeight?: number;
  /** The weight of one value (its estimated bytes, say); every value weighs 0 without it. */
  weigh?: (value: V) => number;
  /** String keys longer than this are not kept. */
  maxKeyLength?: number;
}

export class BoundedCache<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private totalWeight = 0;
  private scope: object | undefined;
  private readonly maxEntries: number;
  private readonly maxWeight: number;
  private readonly weigh: ((value: V) => number) | undefined;
  private readonly maxKeyLength: number;

  constructor(options: BoundedCacheOptions<V> | number) {
    const o = typeof options === 'number' ? { maxEntries: options } : options;
    this.maxEntries = o.maxEntries;
    this.maxWeight = o.maxWeight ?? Infinity;
    this.weigh = o.weigh;
    this.maxKeyLength = o.maxKeyLength ?? Infinity;
  }

  /** Entries kept. */
  get size(): number {
    return this.entries.size;
  }

  /** Total weight kept. */
  get weight(): number {
    return this.totalWeight;
  }

  /**
   * The cache for `scope`, emptied first when `scope` is not the object it was last given: for values
   * that hold for one catalog view only (a refresh installs a new view object, and the next request
   * starts afresh, the old view's values going with it).
   */
  within(scope: object): this {
    if (this.scope !== scope) {
      this.clear();
      this.scope = scope;
    }
    return this;
  }

  /** The value kept for `key` (now the most recently used), or undefined. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Keeps `value` as the most recently used, then drops the least recently used beyond the bounds. */
  set(key: K, value: V): void {
    const weight = this.weigh ? this.weigh(value) : 0;
    this.delete(key);
    if (weight > this.maxWeight || (typeof key === 'string' && key.length > this.maxKeyLength)) return;
    this.entries.set(key, { value, weight });
    this.totalWeight += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.totalWeight <= this.maxWeight) break;
      this.entries.delete(oldest);
      this.totalWeight -= entry.weight;
    }
  }

  /** The value kept for `key`, else `compute()`'s, kept (a computation that throws keeps nothing). */
  getOrCompute(key: K, compute: () => V): V {
    const known = this.get(key);
    if (known !== undefined) return known;
    const value = compute();
    this.set(key, value);
    return value;
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.entries.delete(key);
    this.totalWeight -= entry.weight;
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.totalWeight = 0;
  }
}
