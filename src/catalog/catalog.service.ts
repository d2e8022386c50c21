import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainError, validationError } from '../common/domain-error.js';
import { BoundedCache } from '../common/bounded-cache.js';
import { CatalogRepository, toCatalogInstanceType } from './catalog.repository.js';
import type { InstanceTypeEntity } from './instance-type.entity.js';
import { CatalogViewService, type CatalogSnapshotView, type SeenTimes } from './catalog-view.service.js';
import type { CatalogInstanceType } from './core/instance-type.facts.js';
import { unknownInstanceTypeError } from './core/catalog-errors.js';
import { instanceTypePredicate } from './core/instance-type.filter.js';
import type { InstanceTypeConnection, InstanceTypeEdge, InstanceTypeFilterInput } from './instance-types.args.js';
import { toInstanceTypeModel, type InstanceType } from './instance-type.model.js';
import { PriceViewService } from './price-view.service.js';
import { describeRegionAvailability, type RegionFreshness } from './core/region-freshness.js';

export const DEFAULT_PAGE_SIZE = 50;

function rowToModel(row: InstanceTypeEntity): InstanceType {
  return toInstanceTypeModel({ ...toCatalogInstanceType(row), firstSeenAt: row.firstSeenAt, lastSeenAt: row.lastSeenAt });
}

function encodeCursor(name: string): string {
  return Buffer.from(`it:${name}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('it:') || decoded.length < 4) {
    throw validationError('after', 'VALID_CURSOR', 'after is not a cursor this service returned');
  }
  return decoded.slice(3);
}

/** Index of the first edge whose name comes after `name` (edges ordered by name, `<` order). */
function firstAfter(edges: ReadonlyArray<InstanceTypeEdge>, name: string): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid].node.name > name) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The filter's ranges must not be empty: a min above its max is a mistake worth naming. */
function checkFilterRanges(f: InstanceTypeFilterInput): void {
  if (f.minVcpus !== undefined && f.maxVcpus !== undefined && f.minVcpus > f.maxVcpus) {
    throw validationError('minVcpus', 'MIN_NOT_ABOVE_MAX', 'minVcpus is greater than maxVcpus');
  }
  if (f.minMemoryMiB !== undefined && f.maxMemoryMiB !== undefined && f.minMemoryMiB > f.maxMemoryMiB) {
    throw validationError('minMemoryMiB', 'MIN_NOT_ABOVE_MAX', 'minMemoryMiB is greater than maxMemoryMiB');
  }
}

/** Reads of the instance catalog, and keeping the in-memory view in step with the database. */
@Injectable()
export class CatalogService implements OnModuleDestroy {
  private readonly logger = new Logger(CatalogService.name);
  private pollTimer: NodeJS.Timeout | undefined;
  /**
   * One edge (cursor and model) per type, built on the first page asked of a view and shared by
   * every page of it after that; kept for the last view asked only, so a new view starts afresh and
   * the old one's edges go with it. Building them is half the cost of a page (a 100-type page
   * answered at about twice the rate with them kept).
   */
  private readonly edgesByView = new BoundedCache<CatalogSnapshotView, ReadonlyArray<InstanceTypeEdge>>(1);

  constructor(
    private readonly repository: CatalogRepository,
    private readonly view: CatalogViewService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prices: PriceViewService,
  ) {}

  async findInstanceType(name: string): Promise<InstanceType | null> {
    // PostgreSQL text cannot hold NUL, so no stored type has one; asked, it refused the query, and this
    // operation alone answered 400 where nodeCapacity and the others say INSTANCE_TYPE_NOT_FOUND (GraphQL: null).
    if (name.length > 64 || name.includes('\u0000')) return null;
    const row = await this.repository.findByName(name);
    return row ? rowToModel(row) : null;
  }

  async getInstanceType(name: string): Promise<InstanceType> {
    const found = await this.findInstanceType(name);
    if (!found) throw this.unknownType(name);
    return found;
  }

  async listInstanceTypes(
    filter: InstanceTypeFilterInput | undefined,
    first: number | undefined,
    after: string | undefined,
  ): Promise<InstanceTypeConnection> {
    const f = filter ?? {};
    checkFilterRanges(f);
    this.view.requireKnownRegion(f.region);
    const size = first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 0 || size > this.config.limits.maxPageSize) {
      throw validationError('first', 'PAGE_SIZE', `first must be between 0 and ${this.config.limits.maxPageSize}`);
    }
    const start = after ? decodeCursor(after) : null;
    // From the in-memory view, never SQL per page. It is the database's content: replaced before a
    // refresh on this replica returns, and on other replicas within CATALOG_VIEW_POLL_MS, as
    // capacity answers are. Ordered by name in character-code order (`<`, PostgreSQL's C collation)
    // whatever the database's collation, and `after` is compared the same way.
    const view = this.view.current();
    const all = view ? this.edgesOf(view) : [];
    const predicate = instanceTypePredicate(f);
    const matches = predicate && view ? all.filter((_, i) => predicate(view.types[i])) : all;
    const from = start === null ? 0 : firstAfter(matches, start);
    const edges = matches.slice(from, from + size);
    return {
      totalCount: matches.length,
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: { hasNextPage: from + size < matches.length, endCursor: edges.at(-1)?.cursor ?? null },
      regionAvailability: f.region && view ? describeRegionAvailability(f.region, view.regionFreshness) : null,
    };
  }

  /**
   * The in-memory view's types matching the `instanceTypes` filter (same validation, same
   * predicate), in name order: the whole view when nothing is filtered.
   */
  typesMatching(view: CatalogSnapshotView, filter: InstanceTypeFilterInput | undefined): ReadonlyArray<CatalogInstanceType> {
    const f = filter ?? {};
    checkFilterRanges(f);
    this.view.requireKnownRegion(f.region);
    const predicate = instanceTypePredicate(f);
    return predicate ? view.types.filter(predicate) : view.types;
  }

  private edgesOf(view: CatalogSnapshotView): ReadonlyArray<InstanceTypeEdge> {
    // Frozen: the same objects answer every request until the next refresh.
    return this.edgesByView.getOrCompute(view, () =>
      Object.freeze(
        view.types.map((t) =>
          Object.freeze({
            cursor: encodeCursor(t.name),
            node: Object.freeze(toInstanceTypeModel({ ...t, ...view.seenAt.get(t.name) })),
          }),
        ),
      ),
    );
  }

  /** A type from the in-memory catalog, or INSTANCE_TYPE_NOT_FOUND naming close matches. */
  requireFromView(name: string): CatalogInstanceType {
    const found = this.view.get(name);
    if (!found) throw this.unknownType(name);
    return found;
  }

  private unknownType(name: string): DomainError {
    return unknownInstanceTypeError(name, this.view.all());
  }

  /** Reads the catalog from the database into the in-memory view. */
  async reloadView(): Promise<void> {
    const latest = await this.repository.latestSuccessfulRun();
    const rows = await this.repository.loadAll();
    const freshness = await this.repository.regionFreshness();
    // Prices and Windows availability change with refreshes too: read them with the catalog.
    await this.prices.reload();
    this.replaceViewWithRows(rows, latest?.id ?? null, freshness);
  }

  /**
   * Installs the catalog as the database has it, first and last sightings included, so pages
   * from the view answer what a read of `instance_type` would.
   */
  replaceViewWithRows(rows: InstanceTypeEntity[], version: string | null, freshness?: RegionFreshness): void {
    const seenAt = new Map<string, SeenTimes>(rows.map((r) => [r.name, { firstSeenAt: r.firstSeenAt, lastSeenAt: r.lastSeenAt }]));
    this.view.replace(rows.map(toCatalogInstanceType), version, new Date(), seenAt, freshness);
  }

  /** Installs a catalog a refresh has just committed, with the sightings and region reads it wrote. */
  installRefreshedView(
    types: CatalogInstanceType[],
    seenAt: ReadonlyMap<string, SeenTimes>,
    version: string,
    freshness?: RegionFreshness,
  ): void {
    this.view.replace(types, version, new Date(), seenAt, freshness);
  }

  /**
   * Installs bare facts, as tests do to stand in for a refresh; without sightings, firstSeenAt and
   * lastSeenAt answer null.
   */
  replaceView(types: CatalogInstanceType[], version: string): void {
    this.view.replace(types, version, new Date());
  }

  /**
   * Another replica may refresh the shared database: check now and then whether the
   * catalog moved on, and reload the view when it did.
   */
  startFollowingOtherReplicas(): void {
    if (this.config.catalog.viewPollMs <= 0 || this.pollTimer) return;
    this.pollTimer = setInterval(() => {
      void this.reloadIfChanged().catch((err: unknown) =>
        this.logger.warn(`Could not check the catalog version: ${(err as Error).message}`),
      );
    }, this.config.catalog.viewPollMs);
    this.pollTimer.unref();
  }

  async reloadIfChanged(): Promise<boolean> {
    const latest = await this.repository.latestSuccessfulRun();
    if ((latest?.id ?? null) === (this.view.current()?.version ?? null)) return false;
    await this.reloadView();
    return true;
  }

  onModuleDestroy(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
  }
}
