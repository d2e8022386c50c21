import { describe, expect, it } from 'vitest';
import {
  describeRegionAvailability,
  NO_REGION_FRESHNESS,
  staleRegionWarning,
  type RegionFreshness,
  type RegionRead,
} from './region-freshness.js';

const BUNDLED: RegionRead = { refreshId: 'run-bundled', readAt: new Date('2026-12-01T10:00:00.000Z'), source: 'BUNDLED' };
const EC2: RegionRead = { refreshId: 'run-ec2', readAt: new Date('2026-12-04T09:00:00.000Z'), source: 'EC2' };
// The bundled load read eu-west-1 and us-east-1; a later EC2 refresh read us-east-1 only.
const freshness: RegionFreshness = {
  reads: new Map([
    ['eu-west-1', BUNDLED],
    ['us-east-1', EC2],
  ]),
  lastRefresh: { id: 'run-ec2', finishedAt: EC2.readAt },
};

describe('describeRegionAvailability', () => {
  it('a region the last successful refresh read is fresh, with no message', () => {
    expect(describeRegionAvailability('us-east-1', freshness)).toEqual({
      region: 'us-east-1',
      offeringsReadAt: EC2.readAt,
      readByRefreshId: 'run-ec2',
      readFrom: 'EC2',
      lastRefreshAt: EC2.readAt,
      stale: false,
      message: null,
    });
  });

  it('a region read only by an earlier run is stale, and the message names both runs', () => {
    expect(describeRegionAvailability('eu-west-1', freshness)).toEqual({
      region: 'eu-west-1',
      offeringsReadAt: BUNDLED.readAt,
      readByRefreshId: 'run-bundled',
      readFrom: 'BUNDLED',
      lastRefreshAt: EC2.readAt,
      stale: true,
      message:
        'Availability in eu-west-1 is as refresh run-bundled read it (BUNDLED) at 2026-12-01T10:00:00.000Z; the last successful ' +
        'refresh (run-ec2, 2026-12-04T09:00:00.000Z) did not read eu-west-1, so types offered or withdrawn there since are not known.',
    });
  });

  it('a region no run on record read is stale too', () => {
    const r = describeRegionAvailability('ap-south-2', freshness);
    expect(r).toMatchObject({ offeringsReadAt: null, readByRefreshId: null, stale: true });
    expect(r.message).toBe(
      'No successful refresh on record read the offerings of ap-south-2; the last successful refresh (run-ec2, ' +
        '2026-12-04T09:00:00.000Z) did not read ap-south-2, so types offered or withdrawn there since are not known.',
    );
  });

  it('without any run on record there is nothing to compare: not stale', () => {
    expect(describeRegionAvailability('us-east-1', NO_REGION_FRESHNESS)).toMatchObject({
      stale: false,
      message: null,
      offeringsReadAt: null,
    });
  });

  it('gives sizing a warning with the same message only when stale', () => {
    expect(staleRegionWarning('us-east-1', freshness)).toBeNull();
    expect(staleRegionWarning('eu-west-1', freshness)).toEqual({
      code: 'REGION_AVAILABILITY_STALE',
      message: describeRegionAvailability('eu-west-1', freshness).message,
      source: 'EC2 DescribeInstanceTypeOfferings (LocationType region), read per region by each catalog refresh',
    });
  });
});
