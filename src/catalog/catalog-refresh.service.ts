import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainError, ErrorCode, validationError } from '../common/domain-error.js';
import type { CatalogRefreshEntity, RefreshTrigger } from './catalog-refresh.entity.js';
import { CatalogRepository, toCatalogInstanceType } from './catalog.repository.js';
import type { SeenTimes } from './catalog-view.service.js';
import type { CatalogInstanceType } from './core/instance-type.facts.js';
import type { EntityManager } from 'typeorm';
import { CatalogService } from './catalog.service.js';
import { diffCatalogs, mergeRefresh } from './core/catalog-diff.js';
import { CATALOG_SOURCES, CatalogSource, type CatalogRead, type CatalogSourceKind } from './catalog-source.js';
import { describeRefreshFailure } from './core/refresh-failure.js';
import { DATABASE_INFO, type DatabaseInfo } from '../database/database-info.js';
import { REGION_NAME } from '../common/aws-names.js';
import type { PricingStatus } from './catalog-refresh.entity.js';
import { PriceViewService, WINDOWS_PRICE_SOURCE } from './price-view.service.js';
import type { WindowsPriceList } from './pricing/price-list-source.js';
import { isUuid } from '../common/uuid.js';
import type { RegionFreshness } from './core/region-freshness.js';

/** The Price List part of one run. */
interface PricingOutcome {
  status: PricingStatus;
  error: string | null;
  requests: number;
  data: WindowsPriceList | null;
}

/**
 * The Price List source, and with it @aws-sdk/client-pricing, is loaded by the first refresh that
 * reads prices instead of at start (as the EC2 source is, src/catalog/ec2/ec2-source.ts).
 */
const loadPriceListSource = () => import('./pricing/price-list-source.js');
const MAX_REGIONS = 64;

/** The API calls a failed read made, when its error counts them (Ec2CatalogFetchError does). */
function requestsMadeBy(err: unknown): number | undefined {
  const count = (err as { requestCount?: unknown } | null)?.requestCount;
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : undefined;
}

export interface RefreshRequest {
  /** Where to read the catalog (default EC2). */
  source?: CatalogSourceKind;
  /** Regions to read; left out: the source's default (EC2: CATALOG_REFRESH_REGIONS, else every enabled region). */
  regions?: string[] | null;
  trigger: RefreshTrigger;
  requestedBy: string | null;
  /** Wait for the run to finish (default) or return it while still RUNNING. */
  wait?: boolean;
}

export interface RefreshMetricsSink {
  onRefreshFinished(status: 'SUCCEEDED' | 'FAILED', seconds: number): void;
}

export const REFRESH_METRICS = Symbol('REFRESH_METRICS');

/**
 * Refreshes the catalog from a source (the EC2 API, or the bundled table at first start), one run
 * at a time across every replica. A run reads everything first and then writes in one transaction,
 * so a failure at any point leaves the catalog as it was; the run is recorded either way. The one
 * path that installs a catalog, whatever its source.
 */
@Injectable()
export class CatalogRefreshService implements OnApplicationShutdown {
  private readonly logger = new Logger(CatalogRefreshService.name);
  private inProcess: Promise<unknown> | null = null;
  private inProcessRunId: string | null = null;
  /**
   * Taken synchronously, before the first await, by a refresh (or the recovery of abandoned runs) and
   * held until it ends: the in-process half of "one refresh at a time". Checking `inProcess` alone
   * let four simultaneous requests through (it is set only after several awaits), and on the
   * embedded database the advisory lock does not exclude (every pglite-socket connection shares one
   * backend), so all four ran and one marked the others' runs interrupted.
   */
  private claimed = false;
  private readonly sources: ReadonlyMap<CatalogSourceKind, CatalogSource>;

  constructor(
    private readonly repository: CatalogRepository,
    private readonly catalog: CatalogService,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_INFO) private readonly database: DatabaseInfo,
    @Inject(REFRESH_METRICS) private readonly metrics: RefreshMetricsSink,
    private readonly prices: PriceViewService,
    @Inject(CATALOG_SOURCES) sources: CatalogSource[],
  ) {
    this.sources = new Map(sources.map((s) => [s.kind, s]));
  }

  /** Starts the cron schedule when one is configured (off by default). */
  startSchedule(): void {
    const cron = this.config.catalog.refreshCron;
    if (!cron) return;
    const job = CronJob.from({
      cronTime: cron,
      onTick: () => {
        this.refresh({ trigger: 'SCHEDULE', requestedBy: 'schedule', wait: true }).catch((err: unknown) => {
          if (err instanceof DomainError && err.code === ErrorCode.REFRESH_ALREADY_RUNNING) {
            this.logger.log('Scheduled refresh skipped: another refresh is running');
          } else {
            this.logger.error(`Scheduled refresh failed: ${(err as Error).message}`);
          }
        });
      },
      start: true,
      waitForCompletion: true,
    });
    this.scheduler.addCronJob('catalog-refresh', job);
    this.logger.log(`Catalog refresh scheduled: "${cron}"`);
  }

  /**
   * Marks runs left RUNNING by a process that died as FAILED. Only when nobody holds the
   * refresh lock: a RUNNING row under a held lock belongs to a live replica.
   */
  async recoverAbandonedRuns(): Promise<number> {
    const lock = await this.acquireRefreshLock();
    if (!lock) return 0;
    try {
      return await this.repository.failAbandonedRuns(new Date());
    } finally {
      await lock.release();
    }
  }

  async listRuns(first = 20): Promise<CatalogRefreshEntity[]> {
    if (!Number.isInteger(first) || first < 1 || first > 200) {
      throw validationError('first', 'PAGE_SIZE', 'first must be between 1 and 200');
    }
    return this.repository.listRuns(first);
  }

  async getRun(id: string): Promise<CatalogRefreshEntity> {
    const run = isUuid(id) ? await this.repository.findRun(id) : null;
    if (!run) throw new DomainError(ErrorCode.NOT_FOUND, `No catalog refresh run "${id.slice(0, 64)}"`, { id: id.slice(0, 64) });
    return run;
  }

  /**
   * Loads the bundled catalog into an empty database, as a refresh from the BUNDLED source (trigger
   * BUNDLED_SNAPSHOT); does nothing once a catalog exists. Throws when the load fails: the service
   * has no catalog to answer from.
   */
  async loadBundledCatalogIfEmpty(): Promise<CatalogRefreshEntity | null> {
    if ((await this.repository.countTypes()) > 0) return null;
    const run = await this.refresh({ source: 'BUNDLED', trigger: 'BUNDLED_SNAPSHOT', requestedBy: null, wait: true });
    if (run.status !== 'SUCCEEDED') throw new Error(`Loading the bundled catalog failed (refresh ${run.id}): ${run.error}`);
    this.logger.log(`Loaded the bundled catalog: ${run.catalogSize} instance types (refresh ${run.id})`);
    return run;
  }

  async refresh(request: RefreshRequest): Promise<CatalogRefreshEntity> {
    const source = this.sourceOf(request.source ?? 'EC2');
    const regions = this.validateRegions(request.regions ?? source.defaultRegions());
    const lock = await this.acquireRefreshLock();
    if (!lock) throw await this.alreadyRunning();
    let run: CatalogRefreshEntity;
    try {
      await this.repository.failAbandonedRuns(new Date());
      run = await this.repository.createRun({
        trigger: request.trigger,
        source: source.kind,
        requestedBy: request.requestedBy,
        requestedRegions: regions,
        startedAt: new Date(),
      });
    } catch (err) {
      await lock.release();
      throw err;
    }
    this.inProcessRunId = run.id;
    const work = this.execute(run, source, regions).finally(async () => {
      this.inProcess = null;
      this.inProcessRunId = null;
      await lock.release().catch((err: unknown) => this.logger.warn(`Releasing the refresh lock: ${(err as Error).message}`));
    });
    this.inProcess = work;
    if (request.wait === false) {
      work.catch(() => {});
      return run;
    }
    await work;
    return this.getRun(run.id);
  }

  private async execute(run: CatalogRefreshEntity, source: CatalogSource, regions: string[] | null): Promise<void> {
    const started = Date.now();
    let read: CatalogRead | undefined;
    try {
      this.logger.log(`[refresh ${run.id}] started: ${source.kind}, ${regions ? regions.join(', ') : 'every region'}`);
      read = await source.read({
        regions,
        logger: {
          log: (msg: string) => this.logger.log(`[refresh ${run.id}] ${msg}`),
          warn: (msg: string) => this.logger.warn(`[refresh ${run.id}] ${msg}`),
        },
      });
      // Never fails the refresh: a failed read keeps the previous prices and is recorded on the run.
      const pricing = source.live ? await this.readPriceList(run.id, read.regions) : null;
      const installed = await this.install(run.id, read, pricing);
      // Only after the commit: readers switch to the new catalog all at once.
      if (pricing?.data) await this.prices.reload();
      this.catalog.installRefreshedView(installed.types, installed.seenAt, run.id, installed.freshness);
      if (source.live) this.metrics.onRefreshFinished('SUCCEEDED', (Date.now() - started) / 1000);
      this.logger.log(`[refresh ${run.id}] succeeded in ${Date.now() - started} ms`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.repository
        .failRun(run.id, describeRefreshFailure(err), new Date(), {
          regions: read?.regions,
          // A read that failed returned nothing; its error counts the calls it made (Ec2CatalogFetchError.requestCount).
          ec2Requests: read?.requests ?? requestsMadeBy(err),
        })
        .catch((e: unknown) => this.logger.error(`Could not record the failed refresh: ${(e as Error).message}`));
      if (source.live) this.metrics.onRefreshFinished('FAILED', (Date.now() - started) / 1000);
      this.logger.error(`[refresh ${run.id}] failed, the previous catalog stays in service: ${message}`);
    }
  }

  /**
   * Merges what the source read into the catalog and writes the result, the run's outcome and the
   * prices read, in one transaction. Returns the catalog as written, sightings included.
   */
  private install(
    runId: string,
    read: CatalogRead,
    pricing: PricingOutcome | null,
  ): Promise<{ types: CatalogInstanceType[]; seenAt: Map<string, SeenTimes>; freshness: RegionFreshness }> {
    const pricesReadAt = new Date();
    return this.repository.transaction(async (manager) => {
      const before = await this.repository.loadAll(manager);
      const current = new Map(before.map((row) => [row.name, toCatalogInstanceType(row)] as const));
      const next = mergeRefresh(current, read);
      const diff = diffCatalogs(current, next);
      const rewritten = new Set([...diff.added, ...diff.changed.map((c) => c.name)]);
      const describedNames = new Set(read.described.map((d) => d.name));
      const now = new Date();
      const seen = diff.unchanged.filter((name) => describedNames.has(name));
      await this.repository.applyCatalogChanges(manager, {
        upserts: [...next.values()].filter((t) => rewritten.has(t.name)),
        removed: diff.removed,
        seen,
        refreshId: runId,
        now,
      });
      await this.repository.succeedRun(manager, runId, {
        finishedAt: now,
        regions: read.regions,
        typesSeen: read.described.length,
        catalogSize: next.size,
        ec2Requests: read.requests,
        typesAdded: diff.added,
        typesRemoved: diff.removed,
        typesChanged: diff.changed,
      });
      if (pricing) await this.recordPricing(manager, runId, pricing, pricesReadAt);
      // The sightings as applyCatalogChanges wrote them (rows written or seen now: last seen now,
      // first seen kept, or now for new types; the rest as they were), so the view answers what the
      // table holds without reading the whole table back.
      const seenNow = new Set([...rewritten, ...seen]);
      const earlier = new Map(before.map((row) => [row.name, { firstSeenAt: row.firstSeenAt, lastSeenAt: row.lastSeenAt }] as const));
      const seenAt = new Map<string, SeenTimes>();
      for (const name of next.keys()) {
        const was = earlier.get(name);
        seenAt.set(name, seenNow.has(name) || !was ? { firstSeenAt: was?.firstSeenAt ?? now, lastSeenAt: now } : was);
      }
      // This run among them: the regions it read are fresh, the others as earlier runs read them.
      const freshness = await this.repository.regionFreshness(manager);
      return { types: [...next.values()], seenAt, freshness };
    });
  }

  /** The Price List part of a run, inside its transaction: the prices read (if any) and how the read went. */
  private async recordPricing(manager: EntityManager, runId: string, pricing: PricingOutcome, readAt: Date): Promise<void> {
    if (pricing.data) {
      await this.repository.replacePrices(manager, {
        operatingSystem: 'WINDOWS',
        regions: pricing.data.regions,
        source: WINDOWS_PRICE_SOURCE,
        readAt,
        refreshId: runId,
      });
    }
    await this.repository.recordPricing(manager, runId, {
      status: pricing.status,
      error: pricing.error,
      regions: pricing.data ? pricing.data.regions.map((r) => r.region) : [],
      requests: pricing.requests,
    });
  }

  private sourceOf(kind: CatalogSourceKind): CatalogSource {
    const source = this.sources.get(kind);
    if (!source) throw new Error(`No catalog source ${kind} is provided`);
    return source;
  }

  /** Windows prices and availability for the regions just read, from the AWS Price List; never throws. */
  private async readPriceList(runId: string, regions: string[]): Promise<PricingOutcome> {
    if (!this.config.catalog.priceList) return { status: 'SKIPPED', error: null, requests: 0, data: null };
    if (regions.length === 0) return { status: 'SKIPPED', error: null, requests: 0, data: null };
    let source: import('./pricing/price-list-source.js').PriceListSource | undefined;
    try {
      const { PriceListSource } = await loadPriceListSource();
      source = new PriceListSource({
        maxAttempts: this.config.catalog.ec2MaxAttempts,
        requestTimeoutMs: this.config.catalog.ec2RequestTimeoutMs,
        concurrency: Math.min(this.config.catalog.ec2Concurrency, 4),
      });
      const data = await source.fetchWindowsPrices(regions);
      this.logger.log(
        `[refresh ${runId}] Price List: Windows products of ${data.regions.length} region(s) in ${data.requestCount} request(s)`,
      );
      return { status: 'SUCCEEDED', error: null, requests: data.requestCount, data };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const requests = (err as { requestCount?: number }).requestCount ?? 0;
      this.logger.warn(`[refresh ${runId}] Price List read failed, the previous prices stay in service: ${message}`);
      return { status: 'FAILED', error: message.slice(0, 2000), requests, data: null };
    } finally {
      source?.destroy();
    }
  }

  /**
   * One refresh at a time: the in-process claim first (taken before any await), then on PostgreSQL
   * the advisory lock that replicas share. The embedded database serves one process (its data
   * directory has a lock file), so the in-process claim is the whole lock there.
   */
  private async acquireRefreshLock(): Promise<{ release: () => Promise<void> } | null> {
    if (this.claimed) return null;
    this.claimed = true;
    const unclaim = () => {
      this.claimed = false;
    };
    if (this.database.embedded) return { release: async () => unclaim() };
    let shared: { release: () => Promise<void> } | null;
    try {
      shared = await this.repository.tryAcquireRefreshLock();
    } catch (err) {
      unclaim();
      throw err;
    }
    if (!shared) {
      unclaim();
      return null;
    }
    return {
      release: async () => {
        try {
          await shared.release();
        } finally {
          unclaim();
        }
      },
    };
  }

  private validateRegions(regions: string[] | null | undefined): string[] | null {
    if (regions === null || regions === undefined) return null;
    if (regions.length === 0) throw validationError('regions', 'NON_EMPTY', 'regions must name at least one region, or be left out');
    if (regions.length > MAX_REGIONS) throw validationError('regions', 'MAX_REGIONS', `at most ${MAX_REGIONS} regions`);
    for (const region of regions) {
      if (typeof region !== 'string' || !REGION_NAME.test(region)) {
        throw validationError('regions', 'REGION_NAME', `"${String(region).slice(0, 40)}" is not a region name like us-east-1`);
      }
    }
    return [...new Set(regions)].sort();
  }

  private async alreadyRunning(): Promise<DomainError> {
    const running = this.inProcessRunId ? await this.repository.findRun(this.inProcessRunId) : await this.repository.findRunningRun();
    const what = running ? `run ${running.id}, started ${running.startedAt.toISOString()}` : 'on another replica';
    return new DomainError(ErrorCode.REFRESH_ALREADY_RUNNING, `A catalog refresh is already running (${what})`, {
      runningRefreshId: running?.id ?? null,
      startedAt: running?.startedAt.toISOString() ?? null,
    });
  }

  /** Lets a running refresh finish (or fail) before the process exits, releasing the lock. */
  async onApplicationShutdown(): Promise<void> {
    if (this.scheduler.doesExist('cron', 'catalog-refresh')) this.scheduler.deleteCronJob('catalog-refresh');
    if (this.inProcess) await this.inProcess.catch(() => {});
  }
}
