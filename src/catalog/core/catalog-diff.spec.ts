import { describe, expect, it } from 'vitest';
import type { CatalogInstanceType } from './instance-type.facts.js';
import { diffCatalogs, mergeRefresh, sameValue } from './catalog-diff.js';

function type(name: string, over: Partial<CatalogInstanceType> = {}): CatalogInstanceType {
  return {
    name,
    family: name.split('.')[0],
    size: name.split('.')[1],
    hypervisor: 'nitro',
    bareMetal: false,
    vcpus: 2,
    memoryMiB: 8192,
    architectures: ['x86_64'],
    currentGeneration: true,
    burstable: false,
    ipv4AddressesPerInterface: 10,
    ipv6AddressesPerInterface: 10,
    ipv6Supported: true,
    maxNetworkInterfaces: 3,
    defaultNetworkCardIndex: 0,
    defaultCardNetworkInterfaces: 3,
    maximumNetworkCards: 1,
    networkPerformance: 'Up to 10 Gigabit',
    networkCards: [
      {
        networkCardIndex: 0,
        maximumNetworkInterfaces: 3,
        networkPerformance: 'Up to 10 Gigabit',
        baselineBandwidthInGbps: 0.75,
        peakBandwidthInGbps: 10,
      },
    ],
    regions: ['eu-west-1', 'us-east-1'],
    ...over,
  };
}

const strip = ({ regions: _r, ...facts }: CatalogInstanceType) => facts;
const map = (...types: CatalogInstanceType[]) => new Map(types.map((t) => [t.name, t]));

describe('diffCatalogs', () => {
  it('names added, removed and changed types, with each changed field old and new', () => {
    const before = map(type('m5.large'), type('t2.nano'));
    const after = map(type('m5.large', { ipv4AddressesPerInterface: 12 }), type('zz9.large'));
    const diff = diffCatalogs(before, after);
    expect(diff.added).toEqual(['zz9.large']);
    expect(diff.removed).toEqual(['t2.nano']);
    expect(diff.changed).toEqual([{ name: 'm5.large', changes: [{ field: 'ipv4AddressesPerInterface', oldValue: 10, newValue: 12 }] }]);
    expect(diff.unchanged).toEqual([]);
  });

  it('ignores object key order (jsonb reorders keys) but not array order', () => {
    expect(sameValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: null }, { a: undefined })).toBe(false);
    const reordered = type('m5.large');
    reordered.networkCards = [JSON.parse(JSON.stringify(reordered.networkCards[0], Object.keys(reordered.networkCards[0]).reverse()))];
    expect(diffCatalogs(map(type('m5.large')), map(reordered)).unchanged).toEqual(['m5.large']);
  });
});

describe('mergeRefresh', () => {
  it('replaces availability in the regions read and keeps the others', () => {
    const before = map(type('m5.large', { regions: ['eu-west-1', 'us-east-1'] }));
    const after = mergeRefresh(before, { described: [strip(type('m5.large'))], offeringsByRegion: { 'eu-west-1': [] } });
    expect(after.get('m5.large')!.regions).toEqual(['us-east-1']);
  });

  it('keeps a type EC2 no longer describes while a region not read still offers it', () => {
    const before = map(type('x1.large', { regions: ['ap-south-1', 'us-east-1'] }));
    const after = mergeRefresh(before, { described: [], offeringsByRegion: { 'us-east-1': [] } });
    expect(after.get('x1.large')!.regions).toEqual(['ap-south-1']);
  });

  it('drops a type that no region offers any more and EC2 no longer describes', () => {
    const before = map(type('x1.large', { regions: ['us-east-1'] }));
    const after = mergeRefresh(before, { described: [], offeringsByRegion: { 'us-east-1': [] } });
    expect(after.has('x1.large')).toBe(false);
  });

  it('takes new facts for described types and adds new ones with their regions', () => {
    const after = mergeRefresh(map(type('m5.large')), {
      described: [strip(type('m5.large', { vcpus: 4 })), strip(type('zz9.large'))],
      offeringsByRegion: { 'us-east-1': ['m5.large', 'zz9.large'], 'eu-west-1': ['m5.large'] },
    });
    expect(after.get('m5.large')).toMatchObject({ vcpus: 4, regions: ['eu-west-1', 'us-east-1'] });
    expect(after.get('zz9.large')!.regions).toEqual(['us-east-1']);
  });
});
