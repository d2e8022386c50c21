import { Injectable } from '@nestjs/common';
import { catalogNotLoadedError, unknownRegionError } from './core/catalog-errors.js';
import type { CatalogInstanceType } from './core/instance-type.facts.js';
import { NO_REGION_FRESHNESS, type RegionFreshness } from './core/region-freshness.js';

/** When the catalog first and last saw a type, as `instance_type` records it. */
export interface SeenTimes {
  readonly firstSeenAt: Date | null;
  readonly lastSeenAt: Date | null;
}

/**
 * The whole catalog in memory, for answers that scan every type (node-group sizing), look one
 * up on every keystroke (capacity) or page through it (instanceTypes). It is replaced whole,
 * never mutated: a refresh builds a new one, so a reader always sees one consistent catalog.
 */
export interface CatalogSnapshotView {
  /** Identifies the catalog content: the id of the refresh run that produced it. */
  readonly version: string | null;
  readonly loadedAt: Date;
  /** Ordered by name in character-code order (`<` on the ASCII names), like PostgreSQL's C collation. */
  readonly types: ReadonlyArray<CatalogInstanceType>;
  readonly byName: ReadonlyMap<string, CatalogInstanceType>;
  /** Every region some type is offered in (DescribeInstanceTypeOfferings, as the last refresh read it). */
  readonly regions: ReadonlySet<string>;
  /**
   * First and last sightings by name, kept apart from the facts so the capacity cores see facts
   * only. Filled when the view is read from the database; a view installed from bare facts has none.
   */
  readonly seenAt: ReadonlyMap<string, SeenTimes>;
  /** When each region's offerings were last read, and the last successful refresh (none for a view of bare facts). */
  readonly regionFreshness: RegionFreshness;
}

const NO_SEEN_TIMES: ReadonlyMap<string, SeenTimes> = new Map();

@Injectable()
export class CatalogViewService {
  private view: CatalogSnapshotView | null = null;

  replace(
    types: CatalogInstanceType[],
    version: string | null,
    loadedAt: Date,
    seenAt: ReadonlyMap<string, SeenTimes> = NO_SEEN_TIMES,
    regionFreshness: RegionFreshness = NO_REGION_FRESHNESS,
  ): void {
    const sorted = [...types].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.view = {
      version,
      loadedAt,
      types: Object.freeze(sorted),
      byName: new Map(sorted.map((t) => [t.name, t])),
      regions: new Set(sorted.flatMap((t) => t.regions)),
      seenAt,
      regionFreshness,
    };
  }

  get isLoaded(): boolean {
    return this.view !== null && this.view.types.length > 0;
  }

  current(): CatalogSnapshotView | null {
    return this.view;
  }

  /**
   * The catalog in service, or SERVICE_UNAVAILABLE while none is loaded: without a catalog every
   * type would look unknown, and an answer would be a misleading 400 or 404.
   */
  requireLoaded(): CatalogSnapshotView {
    const view = this.view;
    if (!view || view.types.length === 0) {
      throw catalogNotLoadedError();
    }
    return view;
  }

  /**
   * VALIDATION_FAILED when a region is named in which no type of the catalog is offered. Nothing is
   * checked while no catalog is loaded (the answer is then SERVICE_UNAVAILABLE), nor for a catalog
   * that holds no offerings at all.
   */
  requireKnownRegion(region: string | null | undefined): void {
    const view = this.view;
    if (!region || !view || view.regions.size === 0 || view.regions.has(region)) return;
    throw unknownRegionError(region, view.regions);
  }

  get(name: string): CatalogInstanceType | undefined {
    return this.view?.byName.get(name);
  }

  all(): ReadonlyArray<CatalogInstanceType> {
    return this.view?.types ?? [];
  }
}
