import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CatalogRefreshEntity, type RefreshTrigger, type TypeChangeRecord } from './catalog-refresh.entity.js';
import type { CatalogInstanceType } from './core/instance-type.facts.js';
import { InstanceTypeEntity } from './instance-type.entity.js';
import { InstancePriceEntity, PriceListReadEntity } from './instance-price.entity.js';
import type { PricingStatus } from './catalog-refresh.entity.js';
import type { CatalogSourceKind } from './core/catalog-read.js';
import { describeRefreshFailure, RefreshFailure } from './core/refresh-failure.js';
import type { RegionFreshness, RegionRead } from './core/region-freshness.js';

/** Columns a refresh writes. */
type InstanceTypeRow = Omit<InstanceTypeEntity, 'firstSeenAt' | 'lastSeenAt' | 'lastRefreshId'>;

function toRow(t: CatalogInstanceType): InstanceTypeRow {
  return {
    name: t.name,
    family: t.family,
    size: t.size,
    hypervisor: t.hypervisor,
    bareMetal: t.bareMetal,
    vcpus: t.vcpus,
    memoryMiB: t.memoryMiB,
    architectures: t.architectures,
    currentGeneration: t.currentGeneration,
    burstable: t.burstable,
    ipv4AddressesPerInterface: t.ipv4AddressesPerInterface,
    ipv6AddressesPerInterface: t.ipv6AddressesPerInterface,
    ipv6Supported: t.ipv6Supported,
    maxNetworkInterfaces: t.maxNetworkInterfaces,
    defaultNetworkCardIndex: t.defaultNetworkCardIndex,
    defaultCardNetworkInterfaces: t.defaultCardNetworkInterfaces,
    maximumNetworkCards: t.maximumNetworkCards,
    networkPerformance: t.networkPerformance,
    networkCards: t.networkCards,
    regions: t.regions,
    accelerators: t.accelerators ?? [],
  };
}

export function toCatalogInstanceType(e: InstanceTypeEntity): CatalogInstanceType {
  return {
    name: e.name,
    family: e.family,
    size: e.size,
    hypervisor: e.hypervisor === 'nitro' || e.hypervisor === 'xen' ? e.hypervisor : null,
    bareMetal: e.bareMetal,
    vcpus: e.vcpus,
    memoryMiB: e.memoryMiB,
    architectures: e.architectures,
    currentGeneration: e.currentGeneration,
    burstable: e.burstable,
    ipv4AddressesPerInterface: e.ipv4AddressesPerInterface,
    ipv6AddressesPerInterface: e.ipv6AddressesPerInterface,
    ipv6Supported: e.ipv6Supported,
    maxNetworkInterfaces: e.maxNetworkInterfaces,
    defaultNetworkCardIndex: e.defaultNetworkCardIndex,
    defaultCardNetworkInterfaces: e.defaultCardNetworkInterfaces,
    maximumNetworkCards: e.maximumNetworkCards,
    networkPerformance: e.networkPerformance,
    networkCards: e.networkCards,
    regions: e.regions,
    accelerators: e.accelerators ?? [],
  };
}

const UPSERT_CHUNK = 500;
/** Arbitrary constant naming the refresh lock among PostgreSQL advisory locks. */
const REFRESH_LOCK_KEY = 7_214_902_331;

/** All SQL about the instance catalog and its refresh runs. */
@Injectable()
export class CatalogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async countTypes(): Promise<number> {
    return this.dataSource.getRepository(InstanceTypeEntity).count();
  }

  async findByName(name: string): Promise<InstanceTypeEntity | null> {
    return this.dataSource.getRepository(InstanceTypeEntity).findOneBy({ name });
  }

  async loadAll(manager: EntityManager = this.dataSource.manager): Promise<InstanceTypeEntity[]> {
    return manager.getRepository(InstanceTypeEntity).find({ order: { name: 'ASC' } });
  }

  /**
   * Writes a refreshed catalog inside the caller's transaction: inserts and updates `upserts`,
   * deletes `removed`, and marks every type in `seen` as seen now.
   */
  async applyCatalogChanges(
    manager: EntityManager,
    change: { upserts: CatalogInstanceType[]; removed: string[]; seen: string[]; refreshId: string; now: Date },
  ): Promise<void> {
    const repo = manager.getRepository(InstanceTypeEntity);
    for (let i = 0; i < change.upserts.length; i += UPSERT_CHUNK) {
      const chunk = change.upserts.slice(i, i + UPSERT_CHUNK).map((t) => ({
        ...toRow(t),
        firstSeenAt: change.now,
        lastSeenAt: change.now,
        lastRefreshId: change.refreshId,
      }));
      // first_seen_at is left out of the conflict update so it keeps the first sighting.
      await repo
        .createQueryBuilder()
        .insert()
        .values(chunk)
        .orUpdate(
          [
            'family',
            'size',
            'hypervisor',
            'bare_metal',
            'vcpus',
            'memory_mib',
            'architectures',
            'current_generation',
            'burstable',
            'ipv4_addresses_per_interface',
            'ipv6_addresses_per_interface',
            'ipv6_supported',
            'max_network_interfaces',
            'default_network_card_index',
            'default_card_network_interfaces',
            'maximum_network_cards',
            'network_performance',
            'network_cards',
            'regions',
            'accelerators',
            'last_seen_at',
            'last_refresh_id',
          ],
          ['name'],
        )
        .execute();
    }
    if (change.removed.length > 0) {
      await manager.query('DELETE FROM instance_type WHERE name = ANY($1)', [change.removed]);
    }
    if (change.seen.length > 0) {
      await manager.query('UPDATE instance_type SET last_seen_at = $1, last_refresh_id = $2 WHERE name = ANY($3)', [
        change.now,
        change.refreshId,
        change.seen,
      ]);
    }
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  // ---- refresh runs ----

  async createRun(run: {
    trigger: RefreshTrigger;
    source: CatalogSourceKind;
    requestedBy: string | null;
    requestedRegions: string[] | null;
    startedAt: Date;
  }): Promise<CatalogRefreshEntity> {
    const repo = this.dataSource.getRepository(CatalogRefreshEntity);
    return repo.save(repo.create({ ...run, status: 'RUNNING' }));
  }

  async succeedRun(
    manager: EntityManager,
    id: string,
    result: {
      finishedAt: Date;
      regions: string[];
      typesSeen: number;
      catalogSize: number;
      ec2Requests: number;
      typesAdded: string[];
      typesRemoved: string[];
      typesChanged: TypeChangeRecord[];
    },
  ): Promise<void> {
    // Only a run still RUNNING becomes SUCCEEDED: a run another process already recorded FAILED
    // (as interrupted) keeps that status, and the refresh's transaction is rolled back with it.
    const updated: unknown = await manager.query(
      `UPDATE catalog_refresh SET status = 'SUCCEEDED', finished_at = $2, regions = $3, types_seen = $4,
         catalog_size = $5, ec2_requests = $6, types_added = $7::jsonb, types_removed = $8::jsonb,
         types_changed = $9::jsonb
       WHERE id = $1 AND status = 'RUNNING'`,
      [
        id,
        result.finishedAt,
        result.regions,
        result.typesSeen,
        result.catalogSize,
        result.ec2Requests,
        JSON.stringify(result.typesAdded),
        JSON.stringify(result.typesRemoved),
        JSON.stringify(result.typesChanged),
      ],
    );
    // TypeORM answers an UPDATE with [rows, affected row count].
    const affected = Array.isArray(updated) && typeof updated[1] === 'number' ? updated[1] : undefined;
    if (affected === 0) throw new Error(`Refresh run ${id} is no longer RUNNING; its result is not recorded`);
  }

  async failRun(id: string, error: string, finishedAt: Date, partial: { regions?: string[]; ec2Requests?: number }) {
    await this.dataSource
      .getRepository(CatalogRefreshEntity)
      .update({ id, status: 'RUNNING' }, { status: 'FAILED', error, finishedAt, ...partial });
  }

  /** Runs left RUNNING by a process that stopped before finishing them. */
  async failAbandonedRuns(now: Date): Promise<number> {
    const result = await this.dataSource.getRepository(CatalogRefreshEntity).update(
      { status: 'RUNNING' },
      {
        status: 'FAILED',
        finishedAt: now,
        error: describeRefreshFailure('no process holds the refresh lock for this RUNNING run', RefreshFailure.INTERRUPTED),
      },
    );
    return result.affected ?? 0;
  }

  async findRun(id: string): Promise<CatalogRefreshEntity | null> {
    return this.dataSource.getRepository(CatalogRefreshEntity).findOneBy({ id });
  }

  async findRunningRun(): Promise<CatalogRefreshEntity | null> {
    return this.dataSource.getRepository(CatalogRefreshEntity).findOne({ where: { status: 'RUNNING' }, order: { startedAt: 'DESC' } });
  }

  async listRuns(first: number): Promise<CatalogRefreshEntity[]> {
    return this.dataSource.getRepository(CatalogRefreshEntity).find({ order: { startedAt: 'DESC' }, take: first });
  }

  /**
   * When each region's offerings were last read: the last successful run whose `regions` (the regions it read) hold
   * it, and the last successful run of all. Failed runs read nothing into the catalog, so they do not count.
   */
  async regionFreshness(manager: EntityManager = this.dataSource.manager): Promise<RegionFreshness> {
    const rows = (await manager.query(
      `SELECT DISTINCT ON (region) region, id, finished_at AS "finishedAt", source
         FROM catalog_refresh, unnest(regions) AS region
        WHERE status = 'SUCCEEDED'
        ORDER BY region, finished_at DESC`,
    )) as Array<{ region: string; id: string; finishedAt: Date | string; source: RegionRead['source'] }>;
    const [last] = (await manager.query(
      `SELECT id, finished_at AS "finishedAt" FROM catalog_refresh WHERE status = 'SUCCEEDED' ORDER BY finished_at DESC LIMIT 1`,
    )) as Array<{ id: string; finishedAt: Date | string }>;
    return {
      reads: new Map(rows.map((r) => [r.region, { refreshId: r.id, readAt: new Date(r.finishedAt), source: r.source }] as const)),
      lastRefresh: last ? { id: last.id, finishedAt: new Date(last.finishedAt) } : null,
    };
  }

  /** Identifies the catalog's current content: the last successful run. */
  async latestSuccessfulRun(): Promise<CatalogRefreshEntity | null> {
    return this.dataSource.getRepository(CatalogRefreshEntity).findOne({ where: { status: 'SUCCEEDED' }, order: { finishedAt: 'DESC' } });
  }

  /**
   * Takes the cluster-wide refresh lock on a connection of its own and keeps it until
   * `release` is called, so replicas sharing one database refresh one at a time.
   * Returns null when another session holds it.
   */
  async tryAcquireRefreshLock(): Promise<{ release: () => Promise<void> } | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [REFRESH_LOCK_KEY])) as [{ locked: boolean }];
      if (!locked) {
        await runner.release();
        return null;
      }
    } catch (err) {
      await runner.release();
      throw err;
    }
    return {
      release: async () => {
        try {
          await runner.query('SELECT pg_advisory_unlock($1)', [REFRESH_LOCK_KEY]);
        } finally {
          await runner.release();
        }
      },
    };
  }

  // ---- prices (AWS Price List reads) ----

  async loadPrices(): Promise<InstancePriceEntity[]> {
    return this.dataSource.getRepository(InstancePriceEntity).find({ order: { region: 'ASC', instanceType: 'ASC' } });
  }

  async loadPriceListReads(): Promise<PriceListReadEntity[]> {
    return this.dataSource.getRepository(PriceListReadEntity).find({ order: { region: 'ASC' } });
  }

  /**
   * Replaces the prices of one OS in the regions read, inside the caller's transaction; regions not read keep theirs.
   */
  async replacePrices(
    manager: EntityManager,
    change: {
      operatingSystem: 'WINDOWS' | 'LINUX';
      regions: Array<{ region: string; products: number; usdPerHour: ReadonlyMap<string, number> }>;
      source: string;
      readAt: Date;
      refreshId: string;
    },
  ): Promise<void> {
    for (const r of change.regions) {
      await manager.query('DELETE FROM instance_price WHERE region = $1 AND operating_system = $2', [r.region, change.operatingSystem]);
      const rows = [...r.usdPerHour].map(([instanceType, usdPerHour]) => ({
        region: r.region,
        instanceType,
        operatingSystem: change.operatingSystem,
        usdPerHour,
        source: change.source,
        readAt: change.readAt,
        refreshId: change.refreshId,
      }));
      for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
        await manager.getRepository(InstancePriceEntity).insert(rows.slice(i, i + UPSERT_CHUNK));
      }
      await manager.getRepository(PriceListReadEntity).upsert(
        {
          region: r.region,
          operatingSystem: change.operatingSystem,
          readAt: change.readAt,
          products: r.products,
          refreshId: change.refreshId,
        },
        ['region', 'operatingSystem'],
      );
    }
  }

  /** Records how the Price List part of a run went (the run's own outcome is recorded apart). */
  async recordPricing(
    manager: EntityManager,
    id: string,
    pricing: { status: PricingStatus; error: string | null; regions: string[]; requests: number },
  ): Promise<void> {
    await manager.query(
      'UPDATE catalog_refresh SET pricing_status = $2, pricing_error = $3, pricing_regions = $4, pricing_requests = $5 WHERE id = $1',
      [id, pricing.status, pricing.error, pricing.regions, pricing.requests],
    );
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
