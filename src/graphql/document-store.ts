import type { DocumentNode } from 'graphql';
import { BoundedCache } from '../common/bounded-cache.js';

/**
 * Heap bytes a parsed document takes per byte of its source: measured with graphql-js 16 on typical
 * queries of this schema (about 61 bytes of AST, tokens and locations per source byte, the source
 * string included), rounded up.
 */
export const HEAP_BYTES_PER_SOURCE_BYTE = 64;
/** What a document costs at least (its DocumentNode, the map entry and the key). */
const ENTRY_OVERHEAD_BYTES = 1024;

/** The estimated heap a parsed document holds: `ENTRY_OVERHEAD + 64 * source length`. */
export function estimateDocumentBytes(document: DocumentNode): number {
  return ENTRY_OVERHEAD_BYTES + HEAP_BYTES_PER_SOURCE_BYTE * (document.loc?.source.body.length ?? 1024);
}

/**
 * Apollo's store of parsed and validated documents, keyed by the hash of the query text: the one
 * cache keyed by what a client sends to /graphql. Bounded in estimated bytes as well as entries,
 * least recently used out first. Apollo's default counts a document by its JSON size, which leaves
 * out its tokens and locations (about ten times more): 166,400 distinct documents kept +530 MB.
 *
 * A document is kept the second time its hash is seen (among the last `maxEntries` hashes seen
 * once): clients send the same few documents again and again, and a stream of distinct documents
 * then never enters the store. Kept on first sight, each lived long enough to reach V8's old
 * generation before it was evicted, and the process grew by 250 MB of garbage per 30,000 of them.
 * Implements Apollo's KeyValueCache<DocumentNode> interface.
 */
export class BoundedDocumentStore {
  private readonly entries: BoundedCache<string, DocumentNode>;
  /** Hashes seen once (64 hex characters each), oldest out first. */
  private readonly seenOnce: BoundedCache<string, true>;

  constructor(
    readonly maxBytes: number,
    readonly maxEntries: number,
  ) {
    this.entries = new BoundedCache({ maxEntries, maxWeight: maxBytes, weigh: estimateDocumentBytes });
    this.seenOnce = new BoundedCache(maxEntries);
  }

  /** Estimated heap held by the documents kept. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.entries.weight };
  }

  async get(key: string): Promise<DocumentNode | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, document: DocumentNode): Promise<void> {
    if (estimateDocumentBytes(document) > this.maxBytes / 4) return; // one document never takes over the store
    if (!this.seenOnce.delete(key)) {
      this.seenOnce.set(key, true);
      return;
    }
    this.entries.set(key, document);
  }

  async delete(key: string): Promise<boolean> {
    return this.entries.delete(key);
  }
}
