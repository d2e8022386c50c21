import { describe, expect, it } from 'vitest';
import { BoundedCache } from './bounded-cache.js';

describe('BoundedCache', () => {
  it('answers a hit with the value kept and a miss with undefined', () => {
    const cache = new BoundedCache<string, { n: number }>(4);
    const value = { n: 1 };
    expect(cache.get('a')).toBeUndefined();
    expect(cache.has('a')).toBe(false);
    cache.set('a', value);
    expect(cache.get('a')).toBe(value);
    expect(cache.has('a')).toBe(true);
    expect(cache.get('b')).toBeUndefined();
  });

  it('never holds more than its bound of entries', () => {
    const cache = new BoundedCache<number, number>(3);
    for (let i = 0; i < 100; i++) cache.set(i, i);
    expect(cache.size).toBe(3);
    expect([97, 98, 99].map((k) => cache.get(k))).toEqual([97, 98, 99]);
    expect(cache.get(96)).toBeUndefined();
  });

  it('drops the least recently used first: a hit or a new value makes an entry the most recent', () => {
    const cache = new BoundedCache<string, number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    cache.get('a'); // order b, c, a
    cache.set('b', 20); // order c, a, b
    cache.set('d', 4); // c out
    expect(cache.has('c')).toBe(false);
    cache.set('e', 5); // a out
    expect(cache.has('a')).toBe(false);
    expect([cache.get('b'), cache.get('d'), cache.get('e')]).toEqual([20, 4, 5]);
  });

  it('computes on a miss only, and keeps nothing for a computation that throws', () => {
    const cache = new BoundedCache<string, number>(8);
    let computed = 0;
    expect(cache.getOrCompute('x', () => ++computed)).toBe(1);
    expect(cache.getOrCompute('x', () => ++computed)).toBe(1);
    expect(computed).toBe(1);
    expect(() =>
      cache.getOrCompute('bad', () => {
        throw new Error('unknown type');
      }),
    ).toThrow('unknown type');
    expect(cache.has('bad')).toBe(false);
    expect(cache.getOrCompute('bad', () => 7)).toBe(7);
  });

  it('bounds the total weight too, least recently used out first, and keeps no value heavier than the bound', () => {
    const cache = new BoundedCache<string, string>({ maxEntries: 100, maxWeight: 10, weigh: (s) => s.length });
    cache.set('a', 'aaaa');
    cache.set('b', 'bbbb');
    cache.get('a');
    cache.set('c', 'cccc'); // 12 > 10: b (least recent) out
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
    expect(cache.weight).toBe(8);
    cache.set('a', 'a'); // replacing an entry replaces its weight
    expect(cache.weight).toBe(5);
    cache.set('huge', 'x'.repeat(11));
    expect(cache.has('huge')).toBe(false);
    expect(cache.weight).toBe(5);
    expect(cache.delete('c')).toBe(true);
    expect(cache.delete('c')).toBe(false);
    expect(cache.weight).toBe(1);
    cache.clear();
    expect([cache.size, cache.weight]).toEqual([0, 0]);
  });

  it('keeps nothing under a string key longer than maxKeyLength', () => {
    const cache = new BoundedCache<string, number>({ maxEntries: 8, maxKeyLength: 10 });
    let computed = 0;
    cache.getOrCompute('x'.repeat(11), () => ++computed);
    cache.getOrCompute('x'.repeat(11), () => ++computed);
    expect(computed).toBe(2);
    cache.set('x'.repeat(10), 5);
    expect(cache.get('x'.repeat(10))).toBe(5);
    expect(cache.size).toBe(1);
  });

  it('starts afresh for a new scope (a new catalog view), and keeps its values for the same one', () => {
    const cache = new BoundedCache<string, number>(8);
    const view1 = {};
    const view2 = {};
    cache.within(view1).set('a', 1);
    expect(cache.within(view1).get('a')).toBe(1);
    expect(cache.within(view2).get('a')).toBeUndefined();
    cache.within(view2).set('a', 2);
    expect(cache.within(view1).get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
