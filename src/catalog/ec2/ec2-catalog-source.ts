import {
  DescribeInstanceTypesCommand,
  DescribeRegionsCommand,
  EC2Client,
  paginateDescribeInstanceTypeOfferings,
  paginateDescribeInstanceTypes,
  type _InstanceType,
  type EC2ClientConfig,
  type InstanceTypeInfo,
} from '@aws-sdk/client-ec2';
import { mapInstanceTypeRecord, type RawInstanceTypeRecord } from '../core/instance-type.mapper.js';

/** Nest's `Logger` fits this shape. */
export interface Ec2CatalogLogger {
  log(message: string, context?: string): void;
  warn(message: string, context?: string): void;
}

export interface Ec2CatalogSourceOptions {
  /** Home region: DescribeRegions and the paged DescribeInstanceTypes go there. Default: the SDK's (AWS_REGION, profile). */
  region?: string;
  /** Endpoint for every regional client. Default: the SDK's own resolution, which honours AWS_ENDPOINT_URL_EC2. */
  endpoint?: string;
  /** Attempts per call, first one included (SDK default 3). */
  maxAttempts?: number;
  /** SDK retry mode (default `standard`). */
  retryMode?: 'standard' | 'adaptive';
  /** Per-request timeout in ms (a silent connection counts as failed, then retried). Default 30 000. */
  requestTimeoutMs?: number;
  /** Max concurrent regional calls (offerings, extra describes). Default 4. */
  concurrency?: number;
  logger?: Ec2CatalogLogger;
  /**
   * Credentials; default: the SDK's default chain. Meant for tests and special wiring, the service
   * should leave it out.
   */
  credentials?: EC2ClientConfig['credentials'];
}

export interface FetchCatalogOptions {
  /** Regions to read; default every enabled region (`DescribeRegions`: opt-in-not-required + opted-in). */
  regions?: string[];
}

export interface Ec2Catalog {
  /** The regions read, sorted. */
  regions: string[];
  /** One `DescribeInstanceTypes` record per type offered in at least one of `regions`, sorted by name. */
  records: RawInstanceTypeRecord[];
  /** Region -> sorted names of the types offered there. */
  offeringsByRegion: Record<string, string[]>;
  /** EC2 API calls made (one per page; SDK retries of a call not counted). */
  requestCount: number;
  durationMs: number;
}

export type Ec2CatalogProgress =
  | { phase: 'regions'; regions: string[]; homeRegion: string }
  | { phase: 'offerings'; region: string; types: number; regionsDone: number; regionsTotal: number }
  | { phase: 'types-page'; region: string; page: number; records: number; recordsSoFar: number }
  | { phase: 'types-extra'; region: string; types: number; recordsSoFar: number }
  | { phase: 'done'; regions: number; records: number; requestCount: number; durationMs: number };

export type Ec2CatalogOperation = 'DescribeRegions' | 'DescribeInstanceTypeOfferings' | 'DescribeInstanceTypes';

/** Any failed fetch: says which call, in which region, which page (or batch) and why. */
export class Ec2CatalogFetchError extends Error {
  constructor(
    message: string,
    readonly operation: Ec2CatalogOperation | 'ResolveRegion',
    readonly region: string | undefined,
    readonly page: number | undefined,
    /** EC2 error code (`RequestLimitExceeded`, `InternalError`, `TimeoutError`, ...) if any. */
    readonly code: string | undefined,
    readonly httpStatus: number | undefined,
    readonly attempts: number | undefined,
    /** API calls made before the failure. */
    readonly requestCount: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'Ec2CatalogFetchError';
  }
}

const LOG_CONTEXT = 'Ec2CatalogSource';
const ENABLED_OPT_IN = new Set(['opt-in-not-required', 'opted-in']);
const TYPES_PAGE_SIZE = 100;
const TYPES_PER_CALL = 100;
const OFFERINGS_PAGE_SIZE = 1000;

interface CallSite {
  operation: Ec2CatalogOperation;
  region: string;
  page?: number;
  /** Extra words for the message, e.g. "batch 2/3 (a1.large..m5.large)". */
  detail?: string;
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Reads the EC2 instance-type catalog of an account: every type offered in the enabled (or given)
 * regions, with its `DescribeInstanceTypes` record and the regions offering it.
 * The only code of the service that talks to the AWS SDK.
 */
export class Ec2CatalogSource {
  private readonly concurrency: number;

  constructor(private readonly options: Ec2CatalogSourceOptions = {}) {
    const concurrency = options.concurrency ?? 4;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${String(options.concurrency)}`);
    }
    this.concurrency = concurrency;
  }

  async fetchCatalog(request: FetchCatalogOptions = {}, onProgress?: (event: Ec2CatalogProgress) => void): Promise<Ec2Catalog> {
    const started = Date.now();
    const abort = new AbortController();
    const clients = new Map<string, EC2Client>();
    let requestCount = 0;
    const log = (msg: string) => this.options.logger?.log(msg, LOG_CONTEXT);
    const warn = (msg: string) => this.options.logger?.warn(msg, LOG_CONTEXT);
    const progress = (event: Ec2CatalogProgress) => {
      try {
        onProgress?.(event);
      } catch (err) {
        warn(`progress callback threw: ${err instanceof Error ? err.message : String(err)}`);
      }
    };

    const home = this.createClient(this.options.region);
    let sharedCredentials = this.options.credentials;
    const clientFor = (region: string): EC2Client => {
      let client = clients.get(region);
      if (!client) {
        client = this.createClient(region, sharedCredentials);
        clients.set(region, client);
      }
      return client;
    };

    const fail = (site: CallSite, err: unknown): Ec2CatalogFetchError => {
      if (err instanceof Ec2CatalogFetchError) return err;
      const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; attempts?: number } };
      const code = e?.name && e.name !== 'Error' ? e.name : undefined;
      const status = e?.$metadata?.httpStatusCode;
      const attempts = e?.$metadata?.attempts;
      const where = `EC2 ${site.operation}${site.page !== undefined ? ` page ${site.page}` : ''}${site.detail ? ` ${site.detail}` : ''} in ${site.region}`;
      const why = `${code ?? 'error'}${status ? ` (HTTP ${status})` : ''}: ${e?.message ?? String(err)}`;
      return new Ec2CatalogFetchError(
        `${where} failed${attempts ? ` after ${attempts} attempt${attempts === 1 ? '' : 's'}` : ''}: ${why}`,
        site.operation,
        site.region,
        site.page,
        code,
        status,
        attempts,
        requestCount,
        { cause: err },
      );
    };

    /** Runs one SDK call (or paginator step) and turns its failure into an Ec2CatalogFetchError. */
    const call = async <T>(site: CallSite, fn: () => Promise<T>): Promise<T> => {
      if (abort.signal.aborted)
        throw new Ec2CatalogFetchError(
          'fetch aborted',
          site.operation,
          site.region,
          site.page,
          undefined,
          undefined,
          undefined,
          requestCount,
        );
      requestCount++;
      try {
        return await fn();
      } catch (err) {
        throw fail(site, err);
      }
    };

    const validate = (site: CallSite, records: InstanceTypeInfo[]): RawInstanceTypeRecord[] => {
      for (const record of records) {
        try {
          mapInstanceTypeRecord(record);
        } catch (err) {
          const where = `EC2 ${site.operation}${site.page !== undefined ? ` page ${site.page}` : ''}${site.detail ? ` ${site.detail}` : ''} in ${site.region}`;
          throw new Ec2CatalogFetchError(
            `${where} returned a malformed record: ${err instanceof Error ? err.message : String(err)}`,
            site.operation,
            site.region,
            site.page,
            'MalformedRecord',
            undefined,
            undefined,
            requestCount,
            { cause: err },
          );
        }
      }
      return records;
    };

    try {
      // 1. Home region and the regions to read.
      let homeRegion: string;
      try {
        homeRegion = await home.config.region();
      } catch (err) {
        throw new Ec2CatalogFetchError(
          `No AWS region configured for the EC2 catalog (set AWS_REGION or the region option): ${err instanceof Error ? err.message : String(err)}`,
          'ResolveRegion',
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          0,
          { cause: err },
        );
      }
      sharedCredentials ??= home.config.credentials as EC2ClientConfig['credentials'];
      clients.set(homeRegion, home);

      let regions: string[];
      if (request.regions) {
        regions = [...new Set(request.regions)].sort(byName);
        if (regions.length === 0) throw new RangeError('regions must name at least one region, or be left out');
      } else {
        const out = await call({ operation: 'DescribeRegions', region: homeRegion }, () =>
          home.send(new DescribeRegionsCommand({ AllRegions: false }), { abortSignal: abort.signal }),
        );
        regions = (out.Regions ?? [])
          .filter((r) => r.RegionName && ENABLED_OPT_IN.has(r.OptInStatus ?? 'opt-in-not-required'))
          .map((r) => r.RegionName!)
          .sort(byName);
        if (regions.length === 0) {
          throw new Ec2CatalogFetchError(
            `EC2 DescribeRegions in ${homeRegion} returned no enabled region`,
            'DescribeRegions',
            homeRegion,
            undefined,
            undefined,
            undefined,
            undefined,
            requestCount,
          );
        }
      }
      // Types are paged in the home region when it is read, else in the first region read.
      const primary = regions.includes(homeRegion) ? homeRegion : regions[0];
      log(`reading ${regions.length} region(s), types paged in ${primary}, concurrency ${this.concurrency}`);
      progress({ phase: 'regions', regions, homeRegion });

      // 2. Offerings per region (bounded) while the primary region's types are paged.
      const offeringsByRegion: Record<string, string[]> = {};
      let regionsDone = 0;
      const offeringsPhase = runBounded(regions, this.concurrency, abort.signal, async (region) => {
        const client = clientFor(region);
        const names = new Set<string>();
        const pages = paginateDescribeInstanceTypeOfferings(
          { client, pageSize: OFFERINGS_PAGE_SIZE },
          { LocationType: 'region' },
          { abortSignal: abort.signal },
        );
        for (let page = 1; ; page++) {
          const next = await call({ operation: 'DescribeInstanceTypeOfferings', region, page }, () => pages.next());
          if (next.done) {
            requestCount--; // the paginator's final step makes no call
            break;
          }
          for (const o of next.value.InstanceTypeOfferings ?? []) if (o.InstanceType) names.add(o.InstanceType);
        }
        offeringsByRegion[region] = [...names].sort(byName);
        regionsDone++;
        log(`offerings in ${region}: ${names.size} types (${regionsDone}/${regions.length} regions)`);
        progress({ phase: 'offerings', region, types: names.size, regionsDone, regionsTotal: regions.length });
      });

      const described = new Map<string, RawInstanceTypeRecord>();
      const pagingPhase = (async () => {
        const client = clientFor(primary);
        const pages = paginateDescribeInstanceTypes({ client, pageSize: TYPES_PAGE_SIZE }, {}, { abortSignal: abort.signal });
        for (let page = 1; ; page++) {
          const site: CallSite = { operation: 'DescribeInstanceTypes', region: primary, page };
          const next = await call(site, () => pages.next());
          if (next.done) {
            requestCount--;
            break;
          }
          const records = validate(site, next.value.InstanceTypes ?? []);
          for (const r of records) described.set(r.InstanceType!, r);
          log(`DescribeInstanceTypes in ${primary}: page ${page}, ${records.length} records (${described.size} so far)`);
          progress({ phase: 'types-page', region: primary, page, records: records.length, recordsSoFar: described.size });
        }
      })();

      await allOrFirstError([offeringsPhase, pagingPhase], abort);

      // 3. Types offered elsewhere but not described in the primary region.
      const offeredAnywhere = new Set(Object.values(offeringsByRegion).flat());
      const missing = new Set([...offeredAnywhere].filter((n) => !described.has(n)));
      const batches = planExtraDescribes(missing, offeringsByRegion, primary);
      const totalBatches = batches.length;
      if (totalBatches > 0) {
        log(`${missing.size} type(s) not offered in ${primary}: ${totalBatches} extra DescribeInstanceTypes call(s)`);
      }
      await runBounded(batches, this.concurrency, abort.signal, async ({ region, names }, i) => {
        const site: CallSite = {
          operation: 'DescribeInstanceTypes',
          region,
          detail: `for ${names.length} type(s) not offered in ${primary} (batch ${i + 1}/${totalBatches}, ${names[0]}..${names[names.length - 1]})`,
        };
        const out = await call(site, () =>
          clientFor(region).send(new DescribeInstanceTypesCommand({ InstanceTypes: names as _InstanceType[] }), {
            abortSignal: abort.signal,
          }),
        );
        const records = validate(site, out.InstanceTypes ?? []);
        for (const r of records) described.set(r.InstanceType!, r);
        const absent = names.filter((n) => !described.has(n));
        if (absent.length > 0) {
          throw new Ec2CatalogFetchError(
            `EC2 DescribeInstanceTypes ${site.detail} in ${region} returned no record for ${absent.join(', ')}`,
            'DescribeInstanceTypes',
            region,
            undefined,
            undefined,
            undefined,
            undefined,
            requestCount,
          );
        }
        log(`DescribeInstanceTypes in ${region}: ${records.length} type(s) not offered in ${primary}`);
        progress({ phase: 'types-extra', region, types: records.length, recordsSoFar: described.size });
      }).catch((err: unknown) => {
        abort.abort();
        throw err;
      });

      const unoffered = [...described.keys()].filter((n) => !offeredAnywhere.has(n));
      if (unoffered.length > 0) {
        warn(
          `${unoffered.length} type(s) described in ${primary} are in no region's offerings, kept anyway: ${unoffered.slice(0, 10).join(', ')}${unoffered.length > 10 ? ', ...' : ''}`,
        );
      }

      const records = [...described.values()].sort((a, b) => byName(a.InstanceType!, b.InstanceType!));
      const durationMs = Date.now() - started;
      log(`EC2 catalog read: ${records.length} types in ${regions.length} region(s), ${requestCount} calls, ${durationMs} ms`);
      progress({ phase: 'done', regions: regions.length, records: records.length, requestCount, durationMs });
      const sortedOfferings: Record<string, string[]> = {};
      for (const region of regions) sortedOfferings[region] = offeringsByRegion[region];
      return { regions, records, offeringsByRegion: sortedOfferings, requestCount, durationMs };
    } catch (err) {
      abort.abort();
      if (err instanceof Ec2CatalogFetchError) warn(err.message);
      throw err;
    } finally {
      for (const client of clients.values()) client.destroy();
      if (![...clients.values()].includes(home)) home.destroy();
    }
  }

  private createClient(region: string | undefined, credentials?: EC2ClientConfig['credentials']): EC2Client {
    const o = this.options;
    return new EC2Client({
      ...(region !== undefined ? { region } : {}),
      ...(o.endpoint !== undefined ? { endpoint: o.endpoint } : {}),
      ...(o.maxAttempts !== undefined ? { maxAttempts: o.maxAttempts } : {}),
      retryMode: o.retryMode ?? 'standard',
      ...(credentials !== undefined ? { credentials } : {}),
      requestHandler: {
        requestTimeout: o.requestTimeoutMs ?? 30_000,
        // Without this, @smithy/node-http-handler only logs a warning when requestTimeout passes.
        throwOnRequestTimeout: true,
        connectionTimeout: Math.min(o.requestTimeoutMs ?? 30_000, 10_000),
      },
    });
  }
}

/** Runs `fn` over `items` with at most `limit` in flight; stops starting new work once aborted. */
async function runBounded<T>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal.aborted) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Like Promise.all, but aborts the siblings as soon as one fails. */
async function allOrFirstError(tasks: Array<Promise<void>>, abort: AbortController): Promise<void> {
  await Promise.all(
    tasks.map((t) =>
      t.catch((err: unknown) => {
        abort.abort();
        throw err;
      }),
    ),
  );
}

/**
 * Groups the types missing from the primary region into `DescribeInstanceTypes` calls of at most 100
 * names, each in a region offering all of them: greedily the region offering most of what is left.
 */
export function planExtraDescribes(
  missing: ReadonlySet<string>,
  offeringsByRegion: Record<string, string[]>,
  primary: string,
): Array<{ region: string; names: string[] }> {
  const left = new Set(missing);
  const calls: Array<{ region: string; names: string[] }> = [];
  const regions = Object.keys(offeringsByRegion)
    .filter((r) => r !== primary)
    .sort(byName);
  while (left.size > 0) {
    let best: string | undefined;
    let bestNames: string[] = [];
    for (const region of regions) {
      const names = offeringsByRegion[region].filter((n) => left.has(n));
      if (names.length > bestNames.length) {
        best = region;
        bestNames = names;
      }
    }
    if (!best) break; // cannot happen: every missing name comes from some region's offerings
    bestNames.sort(byName);
    for (let i = 0; i < bestNames.length; i += TYPES_PER_CALL) {
      calls.push({ region: best, names: bestNames.slice(i, i + TYPES_PER_CALL) });
    }
    for (const n of bestNames) left.delete(n);
  }
  return calls;
}
