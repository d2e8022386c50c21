import { SOURCE } from '../../common/core/sources.js';
import type { CatalogSourceKind } from './catalog-read.js';

/** The last successful refresh run that read a region's offerings (DescribeInstanceTypeOfferings, or the bundled table). */
export interface RegionRead {
  readonly refreshId: string;
  /** When that run finished and its offerings went into service. */
  readonly readAt: Date;
  readonly source: CatalogSourceKind;
}

/**
 * When each region's offerings were last read, and the last successful refresh. A refresh replaces the offerings of
 * the regions it reads only (mergeRefresh); a region it does not read (a refresh naming other regions, a region taken
 * out of CATALOG_REFRESH_REGIONS) keeps what an earlier run read, and a failed run changes nothing.
 */
export interface RegionFreshness {
  readonly reads: ReadonlyMap<string, RegionRead>;
  readonly lastRefresh: { readonly id: string; readonly finishedAt: Date } | null;
}

export const NO_REGION_FRESHNESS: RegionFreshness = Object.freeze({ reads: new Map(), lastRefresh: null });

/** What an answer filtered on a region says of that region's availability data. */
export interface RegionAvailabilityFacts {
  region: string;
  offeringsReadAt: Date | null;
  readByRefreshId: string | null;
  readFrom: CatalogSourceKind | null;
  lastRefreshAt: Date | null;
  /** Read before the last successful refresh, which did not read it (or never read by a run on record). */
  stale: boolean;
  message: string | null;
}

export function describeRegionAvailability(region: string, freshness: RegionFreshness): RegionAvailabilityFacts {
  const read = freshness.reads.get(region) ?? null;
  const last = freshness.lastRefresh;
  const facts: RegionAvailabilityFacts = {
    region,
    offeringsReadAt: read?.readAt ?? null,
    readByRefreshId: read?.refreshId ?? null,
    readFrom: read?.source ?? null,
    lastRefreshAt: last?.finishedAt ?? null,
    stale: false,
    message: null,
  };
  // Without a run on record (a catalog installed from bare facts) there is nothing to compare with.
  if (!last || read?.refreshId === last.id) return facts;
  facts.stale = true;
  const since =
    `the last successful refresh (${last.id}, ${last.finishedAt.toISOString()}) did not read ${region}, ` +
    `so types offered or withdrawn there since are not known.`;
  facts.message = read
    ? `Availability in ${region} is as refresh ${read.refreshId} read it (${read.source}) at ${read.readAt.toISOString()}; ${since}`
    : `No successful refresh on record read the offerings of ${region}; ${since}`;
  return facts;
}

/**
 * For an answer that picks types by a region's offerings (node-group sizing): REGION_AVAILABILITY_STALE with the
 * message of describeRegionAvailability when the last successful refresh did not read the region; else null.
 */
export function staleRegionWarning(
  region: string,
  freshness: RegionFreshness,
): { code: 'REGION_AVAILABILITY_STALE'; message: string; source: string } | null {
  const facts = describeRegionAvailability(region, freshness);
  return facts.stale && facts.message
    ? { code: 'REGION_AVAILABILITY_STALE', message: facts.message, source: SOURCE.EC2_INSTANCE_TYPE_OFFERINGS }
    : null;
}
