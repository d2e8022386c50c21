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
  /**
   * Home region: DescribeRegions and the paged DescribeInstanceTypes go there. Default: the SDK's
   * (AWS_REGION, profile), else, when the fetch names its regions, the first of them.
   */
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

/** Where and how a fetch failed, for `Ec2CatalogFetchError`. */
export interface Ec2CatalogFetchErrorDetails {
  operation: Ec2CatalogOperation | 'ResolveRegion';
  region?: string;
  page?: number;
  /** EC2 error code (`RequestLimitExceeded`, `InternalError`, `TimeoutError`, ...) if any. */
  code?: string;
  httpStatus?: number;
  attempts?: number;
  /** API calls made before the failure. */
  requestCount: number;
  /** The named region the failure comes from, when DescribeRegions says it is not enabled for the account or is no region. */
  regionNotEnabled?: string;
  cause?: unknown;
}

/** Any failed fetch: says which call, in which region, which page (or batch) and why. */
export class Ec2CatalogFetchError extends Error {
  readonly operation: Ec2CatalogOperation | 'ResolveRegion';
  readonly region: string | undefined;
  readonly page: number | undefined;
  /** EC2 error code (`RequestLimitExceeded`, `InternalError`, `TimeoutError`, ...) if any. */
  readonly code: string | undefined;
  readonly httpStatus: number | undefined;
  readonly attempts: number | undefined;
  /** API calls made before the failure. */
  readonly requestCount: number;
  /** The named region the failure comes from, when DescribeRegions says it is not enabled for the account or is no region. */
  readonly regionNotEnabled: string | undefined;

  constructor(message: string, details: Ec2CatalogFetchErrorDetails) {
    super(message, 'cause' in details ? { cause: details.cause } : undefined);
    this.name = 'Ec2CatalogFetchError';
    this.operation = details.operation;
    this.region = details.region;
    this.page = details.page;
    this.code = details.code;
    this.httpStatus = details.httpStatus;
    this.attempts = details.attempts;
    this.requestCount = details.requestCount;
    this.regionNotEnabled = details.regionNotEnabled;
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

function describeSite(site: CallSite): string {
  return `EC2 ${site.operation}${site.page !== undefined ? ` page ${site.page}` : ''}${site.detail ? ` ${site.detail}` : ''} in ${site.region}`;
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
    const fetch = new Ec2CatalogFetch(this.options, this.concurrency, onProgress);
    try {
      return await fetch.run(request);
    } catch (err) {
      fetch.abort();
      if (err instanceof Ec2CatalogFetchError) fetch.warn(err.message);
      throw err;
    } finally {
      fetch.destroyClients();
    }
  }
}

/**
 * One fetch: its clients (one per region), its abort signal and its count of API calls. Steps:
 * the regions to read, then each region's offerings while the primary region's types are paged,
 * then the types offered elsewhere only.
 */
class Ec2CatalogFetch {
  private readonly started = Date.now();
  private readonly abortController = new AbortController();
  private readonly clients = new Map<string, EC2Client>();
  private home: EC2Client;
  private sharedCredentials: EC2ClientConfig['credentials'];
  private requestCount = 0;
  /** Name -> record, filled by the paging and the extra describes. */
  private readonly described = new Map<string, RawInstanceTypeRecord>();
  private readonly offeringsByRegion: Record<string, string[]> = {};

  constructor(
    private readonly options: Ec2CatalogSourceOptions,
    private readonly concurrency: number,
    private readonly onProgress: ((event: Ec2CatalogProgress) => void) | undefined,
  ) {
    this.sharedCredentials = options.credentials;
    this.home = this.createClient(options.region);
  }

  private get signal(): AbortSignal {
    return this.abortController.signal;
  }

  async run(request: FetchCatalogOptions): Promise<Ec2Catalog> {
    const requested = request.regions ? this.requestedRegions(request.regions) : undefined;
    const homeRegion = await this.resolveHomeRegion(requested?.[0]);
    const regions = requested ?? (await this.enabledRegions(homeRegion));
    // Types are paged in the home region when it is read, else in the first region read.
    const primary = regions.includes(homeRegion) ? homeRegion : regions[0];
    this.log(`reading ${regions.length} region(s), types paged in ${primary}, concurrency ${this.concurrency}`);
    this.progress({ phase: 'regions', regions, homeRegion });

    try {
      await allOrFirstError([this.readOfferings(regions), this.pageTypes(primary)], this.abortController);
      const offeredAnywhere = new Set(Object.values(this.offeringsByRegion).flat());
      await this.describeTypesOfferedElsewhere(primary, offeredAnywhere);
      this.warnAboutUnofferedTypes(primary, offeredAnywhere);
    } catch (err) {
      throw requested ? await this.explainRegionFailure(err, homeRegion, requested) : err;
    }
    return this.result(regions);
  }

  /**
   * EC2 answers a call signed for an opt-in Region the account has not enabled with 401 AuthFailure
   * "AWS was not able to validate the provided access credentials", its answer to bad credentials, and
   * a name that is no Region has no endpoint at all. When a named region fails so, DescribeRegions
   * with AllRegions tells which: the failure then says the region is not enabled (OptInStatus
   * not-opted-in) or not listed, instead of pointing at the credentials. It is asked in the home
   * region, or, when the home region is the one that failed (no AWS_REGION, and the first region
   * named is the disabled one), in another named region, else in us-east-1, which needs no opt-in
   * (docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html). Any other failure,
   * or a diagnosis that fails itself, is returned as it was.
   */
  private async explainRegionFailure(err: unknown, homeRegion: string, requested: readonly string[]): Promise<unknown> {
    if (!(err instanceof Ec2CatalogFetchError) || err.region === undefined) return err;
    const cause = err.cause as { code?: unknown } | undefined;
    if (err.code !== 'AuthFailure' && cause?.code !== 'ENOTFOUND') return err;
    const region = err.region;
    const askIn =
      region !== homeRegion ? homeRegion : (requested.find((r) => r !== region) ?? (region !== 'us-east-1' ? 'us-east-1' : undefined));
    if (askIn === undefined) return err;
    let listed: Array<{ RegionName?: string; OptInStatus?: string }>;
    try {
      // Not through call(): the fetch's signal is already aborted by the failure being explained.
      this.requestCount++;
      const client = askIn === homeRegion ? this.home : this.clientFor(askIn);
      listed = (await client.send(new DescribeRegionsCommand({ AllRegions: true }))).Regions ?? [];
    } catch {
      return err;
    }
    const entry = listed.find((r) => r.RegionName === region);
    const why = !entry
      ? `${region} is not a region EC2 DescribeRegions lists in ${askIn}`
      : entry.OptInStatus === 'not-opted-in'
        ? `${region} is an opt-in region this account has not enabled (DescribeRegions OptInStatus not-opted-in)`
        : null;
    if (why === null) return err;
    return new Ec2CatalogFetchError(`${err.message}; ${why}: enable it, or leave it out of the regions to read`, {
      operation: err.operation,
      region,
      page: err.page,
      code: err.code,
      httpStatus: err.httpStatus,
      attempts: err.attempts,
      requestCount: this.requestCount,
      regionNotEnabled: region,
      cause: err.cause,
    });
  }

  abort(): void {
    this.abortController.abort();
  }

  log(message: string): void {
    this.options.logger?.log(message, LOG_CONTEXT);
  }

  warn(message: string): void {
    this.options.logger?.warn(message, LOG_CONTEXT);
  }

  destroyClients(): void {
    for (const client of this.clients.values()) client.destroy();
    if (![...this.clients.values()].includes(this.home)) this.home.destroy();
  }

  private progress(event: Ec2CatalogProgress): void {
    try {
      this.onProgress?.(event);
    } catch (err) {
      this.warn(`progress callback threw: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /**
   * 1. The home region (the option, else the SDK's), whose client every region's client shares
   * credentials with; with none configured, `fallback` (the first region the fetch names): a refresh
   * of named regions needs no AWS_REGION.
   */
  private async resolveHomeRegion(fallback: string | undefined): Promise<string> {
    let homeRegion: string;
    try {
      homeRegion = await this.home.config.region();
    } catch (err) {
      if (fallback === undefined) {
        throw new Ec2CatalogFetchError(
          `No AWS region configured for the EC2 catalog (set AWS_REGION, or name the regions to read): ${err instanceof Error ? err.message : String(err)}`,
          { operation: 'ResolveRegion', requestCount: 0, cause: err },
        );
      }
      this.home.destroy();
      this.home = this.createClient(fallback);
      homeRegion = fallback;
    }
    this.sharedCredentials ??= this.home.config.credentials as EC2ClientConfig['credentials'];
    this.clients.set(homeRegion, this.home);
    return homeRegion;
  }

  private requestedRegions(requested: string[]): string[] {
    const regions = [...new Set(requested)].sort(byName);
    if (regions.length === 0) throw new RangeError('regions must name at least one region, or be left out');
    return regions;
  }

  /** The account's enabled regions (opt-in not required, or opted in), from DescribeRegions in the home region. */
  private async enabledRegions(homeRegion: string): Promise<string[]> {
    const out = await this.call({ operation: 'DescribeRegions', region: homeRegion }, () =>
      this.home.send(new DescribeRegionsCommand({ AllRegions: false }), { abortSignal: this.signal }),
    );
    const regions = (out.Regions ?? [])
      .filter((r) => r.RegionName && ENABLED_OPT_IN.has(r.OptInStatus ?? 'opt-in-not-required'))
      .map((r) => r.RegionName!)
      .sort(byName);
    if (regions.length === 0) {
      throw new Ec2CatalogFetchError(`EC2 DescribeRegions in ${homeRegion} returned no enabled region`, {
        operation: 'DescribeRegions',
        region: homeRegion,
        requestCount: this.requestCount,
      });
    }
    return regions;
  }

  /** 2a. Each region's offerings, at most `concurrency` regions at a time. */
  private async readOfferings(regions: string[]): Promise<void> {
    let regionsDone = 0;
    await runBounded(regions, this.concurrency, this.signal, async (region) => {
      const names = await this.offeringsIn(region);
      this.offeringsByRegion[region] = [...names].sort(byName);
      regionsDone++;
      this.log(`offerings in ${region}: ${names.size} types (${regionsDone}/${regions.length} regions)`);
      this.progress({ phase: 'offerings', region, types: names.size, regionsDone, regionsTotal: regions.length });
    });
  }

  private async offeringsIn(region: string): Promise<Set<string>> {
    const names = new Set<string>();
    const pages = paginateDescribeInstanceTypeOfferings(
      { client: this.clientFor(region), pageSize: OFFERINGS_PAGE_SIZE },
      { LocationType: 'region' },
      { abortSignal: this.signal },
    );
    const tokens = new Set<string>();
    for (let page = 1; ; page++) {
      const site: CallSite = { operation: 'DescribeInstanceTypeOfferings', region, page };
      const next = await this.call(site, () => pages.next());
      if (next.done) {
        this.requestCount--; // the paginator's final step makes no call
        break;
      }
      this.refuseRepeatedToken(site, tokens, next.value.NextToken);
      for (const o of next.value.InstanceTypeOfferings ?? []) if (o.InstanceType) names.add(o.InstanceType);
    }
    if (names.size === 0) throw this.emptyAnswer({ operation: 'DescribeInstanceTypeOfferings', region });
    return names;
  }

  /**
   * The SDK's paginator asks for whatever NextToken a page carries: an answer that hands back a token
   * already followed (a caching proxy, a broken endpoint) would have it read the same pages for ever,
   * holding the refresh lock. EC2 never repeats one, so the read fails instead.
   */
  private refuseRepeatedToken(site: CallSite, seen: Set<string>, token: string | undefined): void {
    if (token === undefined || token === '') return;
    if (seen.has(token)) {
      throw new Ec2CatalogFetchError(
        `${describeSite(site)} answered a NextToken an earlier page of the same read already gave: following it would read the same pages for ever, so this is not an EC2 answer (a caching proxy, or a wrong endpoint?)`,
        { operation: site.operation, region: site.region, page: site.page, code: 'RepeatedNextToken', requestCount: this.requestCount },
      );
    }
    seen.add(token);
  }

  /**
   * Every EC2 region offers instance types, and the SDK reads any 200 body leniently (a proxy's HTML
   * page parses as an answer listing nothing): read as "offers nothing", such an answer would take the
   * region out of every type's availability and remove the types offered only there.
   */
  private emptyAnswer(site: CallSite): Ec2CatalogFetchError {
    return new Ec2CatalogFetchError(
      `${describeSite(site)} answered no instance type: every EC2 region offers some, so this is not an EC2 answer (a proxy, or a wrong endpoint?)`,
      { operation: site.operation, region: site.region, code: 'EmptyAnswer', requestCount: this.requestCount },
    );
  }

  /** 2b. Every type the primary region describes, a page at a time. */
  private async pageTypes(primary: string): Promise<void> {
    const pages = paginateDescribeInstanceTypes(
      { client: this.clientFor(primary), pageSize: TYPES_PAGE_SIZE },
      {},
      { abortSignal: this.signal },
    );
    const tokens = new Set<string>();
    for (let page = 1; ; page++) {
      const site: CallSite = { operation: 'DescribeInstanceTypes', region: primary, page };
      const next = await this.call(site, () => pages.next());
      if (next.done) {
        this.requestCount--;
        break;
      }
      this.refuseRepeatedToken(site, tokens, next.value.NextToken);
      const records = this.validate(site, next.value.InstanceTypes ?? []);
      for (const r of records) this.described.set(r.InstanceType!, r);
      this.log(`DescribeInstanceTypes in ${primary}: page ${page}, ${records.length} records (${this.described.size} so far)`);
      this.progress({ phase: 'types-page', region: primary, page, records: records.length, recordsSoFar: this.described.size });
    }
    if (this.described.size === 0) throw this.emptyAnswer({ operation: 'DescribeInstanceTypes', region: primary });
  }

  /** 3. Types offered elsewhere but not described in the primary region, by name where they are offered. */
  private async describeTypesOfferedElsewhere(primary: string, offeredAnywhere: ReadonlySet<string>): Promise<void> {
    const missing = new Set([...offeredAnywhere].filter((n) => !this.described.has(n)));
    const batches = planExtraDescribes(missing, this.offeringsByRegion, primary);
    if (batches.length > 0) {
      this.log(`${missing.size} type(s) not offered in ${primary}: ${batches.length} extra DescribeInstanceTypes call(s)`);
    }
    await runBounded(batches, this.concurrency, this.signal, (batch, i) =>
      this.describeBatch(batch, primary, {
        operation: 'DescribeInstanceTypes',
        region: batch.region,
        detail: `for ${batch.names.length} type(s) not offered in ${primary} (batch ${i + 1}/${batches.length}, ${batch.names[0]}..${batch.names[batch.names.length - 1]})`,
      }),
    ).catch((err: unknown) => {
      this.abort();
      throw err;
    });
  }

  private async describeBatch({ region, names }: { region: string; names: string[] }, primary: string, site: CallSite): Promise<void> {
    const out = await this.call(site, () =>
      this.clientFor(region).send(new DescribeInstanceTypesCommand({ InstanceTypes: names as _InstanceType[] }), {
        abortSignal: this.signal,
      }),
    );
    const records = this.validate(site, out.InstanceTypes ?? []);
    for (const r of records) this.described.set(r.InstanceType!, r);
    const absent = names.filter((n) => !this.described.has(n));
    if (absent.length > 0) {
      throw new Ec2CatalogFetchError(`EC2 DescribeInstanceTypes ${site.detail} in ${region} returned no record for ${absent.join(', ')}`, {
        operation: 'DescribeInstanceTypes',
        region,
        requestCount: this.requestCount,
      });
    }
    this.log(`DescribeInstanceTypes in ${region}: ${records.length} type(s) not offered in ${primary}`);
    this.progress({ phase: 'types-extra', region, types: records.length, recordsSoFar: this.described.size });
  }

  private warnAboutUnofferedTypes(primary: string, offeredAnywhere: ReadonlySet<string>): void {
    const unoffered = [...this.described.keys()].filter((n) => !offeredAnywhere.has(n));
    if (unoffered.length > 0) {
      this.warn(
        `${unoffered.length} type(s) described in ${primary} are in no region's offerings, kept anyway: ${unoffered.slice(0, 10).join(', ')}${unoffered.length > 10 ? ', ...' : ''}`,
      );
    }
  }

  private result(regions: string[]): Ec2Catalog {
    const records = [...this.described.values()].sort((a, b) => byName(a.InstanceType!, b.InstanceType!));
    const durationMs = Date.now() - this.started;
    const requestCount = this.requestCount;
    this.log(`EC2 catalog read: ${records.length} types in ${regions.length} region(s), ${requestCount} calls, ${durationMs} ms`);
    this.progress({ phase: 'done', regions: regions.length, records: records.length, requestCount, durationMs });
    const offeringsByRegion: Record<string, string[]> = {};
    for (const region of regions) offeringsByRegion[region] = this.offeringsByRegion[region];
    return { regions, records, offeringsByRegion, requestCount, durationMs };
  }

  /** Runs one SDK call (or paginator step), counted, and turns its failure into an Ec2CatalogFetchError. */
  private async call<T>(site: CallSite, fn: () => Promise<T>): Promise<T> {
    if (this.signal.aborted) {
      throw new Ec2CatalogFetchError('fetch aborted', {
        operation: site.operation,
        region: site.region,
        page: site.page,
        requestCount: this.requestCount,
      });
    }
    this.requestCount++;
    try {
      return await fn();
    } catch (err) {
      throw this.failure(site, err);
    }
  }

  private failure(site: CallSite, err: unknown): Ec2CatalogFetchError {
    if (err instanceof Ec2CatalogFetchError) return err;
    const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; attempts?: number } };
    const code = e?.name && e.name !== 'Error' ? e.name : undefined;
    const httpStatus = e?.$metadata?.httpStatusCode;
    const attempts = e?.$metadata?.attempts;
    const why = `${code ?? 'error'}${httpStatus ? ` (HTTP ${httpStatus})` : ''}: ${e?.message ?? String(err)}`;
    return new Ec2CatalogFetchError(
      `${describeSite(site)} failed${attempts ? ` after ${attempts} attempt${attempts === 1 ? '' : 's'}` : ''}: ${why}`,
      {
        operation: site.operation,
        region: site.region,
        page: site.page,
        code,
        httpStatus,
        attempts,
        requestCount: this.requestCount,
        cause: err,
      },
    );
  }

  /** Checks every record maps (the same mapping the refresh applies), so a bad one fails the fetch naming its call. */
  private validate(site: CallSite, records: InstanceTypeInfo[]): RawInstanceTypeRecord[] {
    for (const record of records) {
      try {
        mapInstanceTypeRecord(record);
      } catch (err) {
        throw new Ec2CatalogFetchError(
          `${describeSite(site)} returned a malformed record: ${err instanceof Error ? err.message : String(err)}`,
          {
            operation: site.operation,
            region: site.region,
            page: site.page,
            code: 'MalformedRecord',
            requestCount: this.requestCount,
            cause: err,
          },
        );
      }
    }
    return records;
  }

  private clientFor(region: string): EC2Client {
    let client = this.clients.get(region);
    if (!client) {
      client = this.createClient(region, this.sharedCredentials);
      this.clients.set(region, client);
    }
    return client;
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
