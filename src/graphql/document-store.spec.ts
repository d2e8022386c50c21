import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BoundedDocumentStore, estimateDocumentBytes } from './document-store.js';

const doc = (n: number, pad = 0) => parse(`query Q${n} { a${n}: __typename ${'b: __typename '.repeat(pad)} }`);

describe('BoundedDocumentStore', () => {
  it('keeps a document the second time it is set, not the first', async () => {
    const store = new BoundedDocumentStore(1_048_576, 100);
    await store.set('h1', doc(1));
    expect(await store.get('h1')).toBeUndefined();
    await store.set('h1', doc(1));
    expect(await store.get('h1')).toBeDefined();
  });

  it('holds at most maxEntries documents, least recently used out first', async () => {
    const store = new BoundedDocumentStore(64 * 1_048_576, 3);
    for (const k of ['a', 'b', 'c']) for (let i = 0; i < 2; i++) await store.set(k, doc(1));
    await store.get('a'); // a is now the most recently used
    for (let i = 0; i < 2; i++) await store.set('d', doc(2));
    expect(store.size.entries).toBe(3);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBeDefined();
  });

  it('holds at most maxBytes of estimated heap (1 kB + 64 bytes per source byte each)', async () => {
    const one = estimateDocumentBytes(doc(1, 20));
    // Source of about 300 bytes: 1,024 + 64 x ~300, about 20 kB a document; room for 10.
    const store = new BoundedDocumentStore(one * 10, 1_000);
    for (let n = 0; n < 50; n++) for (let i = 0; i < 2; i++) await store.set(`h${n}`, doc(n, 20));
    expect(store.size.bytes).toBeLessThanOrEqual(one * 10 + 64 * 4);
    expect(store.size.entries).toBeLessThanOrEqual(10);
    expect(store.size.entries).toBeGreaterThanOrEqual(9);
  });

  it('never keeps a document larger than a quarter of the store', async () => {
    const store = new BoundedDocumentStore(4 * estimateDocumentBytes(doc(1)), 100);
    for (let i = 0; i < 2; i++) await store.set('big', doc(1, 50));
    expect(await store.get('big')).toBeUndefined();
  });
});
