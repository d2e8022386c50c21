import { describe, expect, it } from 'vitest';
import { readBundledSnapshot } from '../bundled-catalog.js';
import { mergeRefresh } from './catalog-diff.js';
import { readOfSnapshot } from './catalog-read.js';

describe('readOfSnapshot: the bundled table as a catalog read', () => {
  const snapshot = readBundledSnapshot();

  it('merged into an empty catalog, a read of every region is the bundled table', () => {
    const read = readOfSnapshot(snapshot);
    expect(read.regions).toEqual(snapshot.regions);
    expect(read.requests).toBe(0);
    expect(read.described).toHaveLength(snapshot.types.length);
    const merged = mergeRefresh(new Map(), read);
    expect([...merged.values()].sort((a, b) => (a.name < b.name ? -1 : 1))).toEqual(snapshot.types);
  });

  it('a read of some regions describes what they offer and leaves the other regions as the catalog has them', () => {
    const read = readOfSnapshot(snapshot, ['us-east-1', 'eu-west-1', 'us-east-1']);
    expect(read.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(Object.keys(read.offeringsByRegion)).toEqual(['eu-west-1', 'us-east-1']);
    const offered = new Set(
      snapshot.types.filter((t) => t.regions.includes('us-east-1') || t.regions.includes('eu-west-1')).map((t) => t.name),
    );
    expect(new Set(read.described.map((d) => d.name))).toEqual(offered);
    const m5 = snapshot.types.find((t) => t.name === 'm5.large')!;
    const before = new Map([['m5.large', { ...m5, regions: ['ap-south-1', 'us-east-1'] }]]);
    expect(mergeRefresh(before, read).get('m5.large')!.regions).toEqual(['ap-south-1', 'eu-west-1', 'us-east-1']);
  });
});
