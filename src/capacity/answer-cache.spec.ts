import { describe, expect, it } from 'vitest';
import { PerViewAnswers } from './answer-cache.js';

describe('PerViewAnswers', () => {
  it('computes an answer once per view and input, and afresh for a new view', () => {
    const cache = new PerViewAnswers<{ n: number }>(8, 100);
    let computed = 0;
    const compute = () => ({ n: ++computed });
    const view1 = {};
    const a = cache.get(view1, { x: 1 }, compute);
    expect(cache.get(view1, { x: 1 }, compute)).toBe(a);
    expect(cache.get(view1, { x: 2 }, compute)).not.toBe(a);
    const view2 = {};
    expect(cache.get(view2, { x: 1 }, compute)).toEqual({ n: 3 });
    expect(computed).toBe(3);
  });

  it('drops the least recently used answer first', () => {
    const cache = new PerViewAnswers<number>(2, 100);
    const view = {};
    let computed = 0;
    const compute = () => ++computed;
    cache.get(view, 'a', compute); // 1
    cache.get(view, 'b', compute); // 2
    cache.get(view, 'a', compute); // hit: a is now the most recent
    cache.get(view, 'c', compute); // 3, evicts b
    expect(cache.get(view, 'a', compute)).toBe(1);
    expect(cache.get(view, 'b', compute)).toBe(4);
  });

  it('keeps no answer for a long input and none for a failed computation', () => {
    const cache = new PerViewAnswers<number>(8, 10);
    const view = {};
    let computed = 0;
    cache.get(view, 'x'.repeat(20), () => ++computed);
    cache.get(view, 'x'.repeat(20), () => ++computed);
    expect(computed).toBe(2);
    expect(() =>
      cache.get(view, 'bad', () => {
        throw new Error('unknown type');
      }),
    ).toThrow('unknown type');
    expect(cache.get(view, 'bad', () => 7)).toBe(7);
  });
});
