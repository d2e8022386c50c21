import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeInstanceTypeOfferingsResult$, DescribeInstanceTypesResult$, DescribeRegionsResult$ } from '@aws-sdk/client-ec2';
import { errorDocument, responseDocument } from './ec2-xml.js';
import { buildFakeEc2Data, type Ec2InstanceTypeJson, type FakeEc2Data, type FakeEc2DataOptions } from './fake-ec2-data.js';

export type FakeEc2Action = 'DescribeRegions' | 'DescribeInstanceTypes' | 'DescribeInstanceTypeOfferings';
export const FAKE_EC2_ACTIONS: readonly FakeEc2Action[] = ['DescribeRegions', 'DescribeInstanceTypes', 'DescribeInstanceTypeOfferings'];

/** What a fault does to a matching request. */
export type FakeEc2Fault =
  /** 503 `RequestLimitExceeded` (the SDK retries it as throttling). */
  | { kind: 'throttle' }
  /** Any EC2 error; default 500 `InternalError`. */
  | { kind: 'error'; status?: number; code?: string; message?: string }
  /** Wait before answering (combined with any other matching fault). */
  | { kind: 'delay'; ms: number }
  /**
   * Serve a broken record: `omit` a dotted path (default `NetworkInfo.Ipv4AddressesPerInterface`) and/or
   * `transform` it, in `instanceType` (default: the first record of the page).
   */
  | { kind: 'malformed'; instanceType?: string; omit?: string; transform?: (r: Ec2InstanceTypeJson) => Ec2InstanceTypeJson }
  /** Destroy the connection without an answer. */
  | { kind: 'drop' }
  /**
   * Answer with this body instead of EC2's (a proxy's login page, a wrong endpoint): default status 200,
   * content type text/html.
   */
  | { kind: 'raw'; status?: number; contentType?: string; body: string }
  /**
   * Answer a paged action's page with the NextToken that asked for it (a first page: a token for the first
   * page again), so a client that follows tokens asks for the same page for ever.
   */
  | { kind: 'stuck-token' };

export interface FakeEc2FaultRule {
  /** Default: every action. */
  action?: FakeEc2Action;
  /** Region of the request (from its SigV4 credential scope). Default: every region. */
  region?: string;
  /** 1-based page of a paged action (page 1 = the request without NextToken). Default: every page. */
  page?: number;
  /** How many matching requests the fault applies to. Default: unlimited (persistent). */
  times?: number;
  fault: FakeEc2Fault;
}

export interface FakeEc2FaultHandle {
  readonly rule: FakeEc2FaultRule;
  /** How many requests this fault has hit so far. */
  readonly hits: number;
  remove(): void;
}

export interface FakeEc2Request {
  seq: number;
  action: string;
  /** From the `Authorization` header's credential scope (`undefined` when unsigned). */
  region: string | undefined;
  params: Record<string, string>;
  /** 1-based page for paged actions. */
  page: number | undefined;
  startedAt: number;
  /** Filled in when the answer is written. */
  status?: number;
  errorCode?: string;
  durationMs?: number;
  /** Kinds of the faults applied. */
  faults: string[];
}

export interface FakeEc2Options extends FakeEc2DataOptions {
  /** Faults installed before the first request. */
  faults?: FakeEc2FaultRule[];
  /** Default page size of `DescribeInstanceTypeOfferings` when `MaxResults` is absent (default 1000). */
  offeringsDefaultPageSize?: number;
  /** Listen port (default 0, any free port). */
  port?: number;
}

export interface FakeEc2 {
  /** `http://127.0.0.1:<port>`: pass as `endpoint` or `AWS_ENDPOINT_URL_EC2`. */
  readonly url: string;
  /** The served data; mutate it freely (see also the helpers below). */
  readonly data: FakeEc2Data;
  /** Every request received, in arrival order. */
  readonly requests: FakeEc2Request[];
  /** Highest number of requests in flight at once, overall and per action. */
  readonly maxInFlight: number;
  readonly maxInFlightByAction: Readonly<Partial<Record<FakeEc2Action, number>>>;
  readonly inFlight: number;
  /** Number of requests for an action and/or region. */
  count(filter?: { action?: FakeEc2Action; region?: string }): number;
  /** Distinct regions that received requests (for an action). */
  regionsCalled(action?: FakeEc2Action): string[];
  inject(rule: FakeEc2FaultRule): FakeEc2FaultHandle;
  clearFaults(): void;
  /** Forgets requests and in-flight maxima (faults stay). */
  resetStats(): void;
  /** Adds or replaces a type; `regions` (if given) are added to its offerings. */
  putType(record: Ec2InstanceTypeJson, regions?: string[]): void;
  /** Removes a type from the catalog and from every region's offerings. */
  removeType(name: string): void;
  /** Replaces a region's offerings (creates the region if new). */
  setOfferings(region: string, names: string[]): void;
  close(): Promise<void>;
}

class Ec2Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface PageToken {
  a: string;
  r: string;
  o: number;
  p: number;
}

type PagedAnswer = { NextToken?: string } & Record<string, unknown>;

function encodeToken(t: PageToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeToken(token: string, action: string, region: string): PageToken {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PageToken;
    if (t.a === action && t.r === region && Number.isInteger(t.o) && Number.isInteger(t.p)) return t;
  } catch {
    // fall through
  }
  throw new Ec2Error(400, 'InvalidParameterValue', `The NextToken "${token}" is not valid for ${action} in ${region}.`);
}

const CREDENTIAL_SCOPE = /Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

function parseMaxResults(params: Record<string, string>, min: number, max: number, dflt: number): number {
  const raw = params.MaxResults;
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Ec2Error(
      400,
      'InvalidParameterValue',
      `Value (${raw}) for parameter maxResults is invalid. Expecting a value between ${min} and ${max}.`,
    );
  }
  return n;
}

/** `Prefix.1`, `Prefix.2`, ... in index order. */
function listParam(params: Record<string, string>, prefix: string): string[] {
  const re = new RegExp(`^${prefix}\\.(\\d+)$`);
  return Object.entries(params)
    .map(([k, v]) => [re.exec(k), v] as const)
    .filter(([m]) => m)
    .sort(([a], [b]) => Number(a![1]) - Number(b![1]))
    .map(([, v]) => v);
}

function rejectFilters(params: Record<string, string>, action: string): void {
  if (Object.keys(params).some((k) => k.startsWith('Filter.'))) {
    throw new Ec2Error(400, 'InvalidParameterValue', `fake-ec2 does not implement Filter for ${action}.`);
  }
}

function omitPath(record: Ec2InstanceTypeJson, path: string): Ec2InstanceTypeJson {
  const copy = structuredClone(record);
  const parts = path.split('.');
  let node: Record<string, unknown> | undefined = copy;
  for (const p of parts.slice(0, -1)) node = node?.[p] as Record<string, unknown> | undefined;
  if (node) delete node[parts[parts.length - 1]];
  return copy;
}

/** Starts a local EC2 Query-API endpoint (see README in this folder). */
export async function startFakeEc2(options: FakeEc2Options = {}): Promise<FakeEc2> {
  const data = buildFakeEc2Data(options);
  const offeringsDefaultPageSize = options.offeringsDefaultPageSize ?? 1000;
  let requests: FakeEc2Request[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let inFlightByAction: Record<string, number> = {};
  let maxInFlightByAction: Partial<Record<FakeEc2Action, number>> = {};
  const timers = new Set<NodeJS.Timeout>();
  interface LiveRule {
    rule: FakeEc2FaultRule;
    hits: number;
  }
  let rules: LiveRule[] = [];

  function inject(rule: FakeEc2FaultRule): FakeEc2FaultHandle {
    const live: LiveRule = { rule, hits: 0 };
    rules.push(live);
    return {
      rule,
      get hits() {
        return live.hits;
      },
      remove() {
        rules = rules.filter((r) => r !== live);
      },
    };
  }
  for (const rule of options.faults ?? []) inject(rule);

  function matchingRules(req: FakeEc2Request): LiveRule[] {
    return rules.filter(
      ({ rule, hits }) =>
        (rule.action === undefined || rule.action === req.action) &&
        (rule.region === undefined || rule.region === req.region) &&
        (rule.page === undefined || rule.page === req.page) &&
        (rule.times === undefined || hits < rule.times),
    );
  }

  function requireRegion(region: string | undefined): string {
    if (region === undefined) {
      throw new Ec2Error(401, 'AuthFailure', 'AWS was not able to validate the provided access credentials');
    }
    if (!data.offerings.has(region)) {
      throw new Ec2Error(401, 'AuthFailure', `Credential should be scoped to a valid region, not '${region}'.`);
    }
    // EC2 answers a call in an opt-in Region the account has not enabled as it answers bad credentials.
    if (data.optInStatus.get(region) === 'not-opted-in') {
      throw new Ec2Error(401, 'AuthFailure', 'AWS was not able to validate the provided access credentials');
    }
    return region;
  }

  function offeredIn(region: string): string[] {
    return [...(data.offerings.get(region) ?? [])].sort();
  }

  /** The 1-based page a request asks for (before validation, for fault matching). */
  function pageOf(action: string, params: Record<string, string>): number | undefined {
    if (action !== 'DescribeInstanceTypes' && action !== 'DescribeInstanceTypeOfferings') return undefined;
    if (!params.NextToken) return 1;
    try {
      const t = JSON.parse(Buffer.from(params.NextToken, 'base64url').toString('utf8')) as PageToken;
      return typeof t.p === 'number' ? t.p : undefined;
    } catch {
      return undefined;
    }
  }

  type Malform = Extract<FakeEc2Fault, { kind: 'malformed' }>;

  function describeRegions(params: Record<string, string>, region: string): unknown {
    rejectFilters(params, 'DescribeRegions');
    const all = params.AllRegions === 'true';
    const names = listParam(params, 'RegionName');
    for (const n of names) {
      if (!data.offerings.has(n)) throw new Ec2Error(400, 'InvalidParameterValue', `Invalid region: ${n}`);
    }
    void region;
    const Regions = [...data.offerings.keys()]
      .sort()
      .filter((r) => names.length === 0 || names.includes(r))
      .map((r) => ({
        RegionName: r,
        Endpoint: `ec2.${r}.amazonaws.com`,
        OptInStatus: data.optInStatus.get(r) ?? 'opt-in-not-required',
      }))
      .filter((r) => all || names.length > 0 || r.OptInStatus !== 'not-opted-in');
    return { Regions };
  }

  function describeInstanceTypes(params: Record<string, string>, region: string, malform: Malform | undefined): PagedAnswer {
    rejectFilters(params, 'DescribeInstanceTypes');
    const requested = listParam(params, 'InstanceType');
    const maxResults = parseMaxResults(params, 5, 100, 100);
    if (requested.length > 100) {
      throw new Ec2Error(400, 'InvalidParameterValue', `Too many instance types requested (${requested.length}); the limit is 100.`);
    }
    const offered = offeredIn(region);
    let names: string[];
    if (requested.length > 0) {
      const offeredSet = new Set(offered);
      const missing = requested.filter((n) => !offeredSet.has(n) || !data.types.has(n));
      if (missing.length > 0) {
        throw new Ec2Error(400, 'InvalidInstanceType', `The following supplied instance types do not exist: [${missing.join(', ')}]`);
      }
      names = [...new Set(requested)].sort();
    } else {
      names = offered.filter((n) => data.types.has(n));
    }
    const token = params.NextToken ? decodeToken(params.NextToken, 'DescribeInstanceTypes', region) : { a: '', r: '', o: 0, p: 1 };
    const slice = names.slice(token.o, token.o + maxResults);
    let records = slice.map((n) => data.types.get(n)!);
    if (malform && records.length > 0) {
      const target = malform.instanceType ?? records[0].InstanceType;
      records = records.map((r) => {
        if (r.InstanceType !== target) return r;
        let out = omitPath(r, malform.omit ?? (malform.transform ? '' : 'NetworkInfo.Ipv4AddressesPerInterface'));
        if (malform.transform) out = malform.transform(out);
        return out;
      });
    }
    const next = token.o + maxResults;
    return {
      InstanceTypes: records,
      NextToken: next < names.length ? encodeToken({ a: 'DescribeInstanceTypes', r: region, o: next, p: token.p + 1 }) : undefined,
    };
  }

  function describeInstanceTypeOfferings(params: Record<string, string>, region: string): PagedAnswer {
    rejectFilters(params, 'DescribeInstanceTypeOfferings');
    const locationType = params.LocationType ?? 'region';
    if (locationType !== 'region') {
      throw new Ec2Error(400, 'InvalidParameterValue', `fake-ec2 only implements LocationType=region, not ${locationType}.`);
    }
    const maxResults = parseMaxResults(params, 5, 1000, offeringsDefaultPageSize);
    const names = offeredIn(region);
    const token = params.NextToken ? decodeToken(params.NextToken, 'DescribeInstanceTypeOfferings', region) : { a: '', r: '', o: 0, p: 1 };
    const next = token.o + maxResults;
    return {
      InstanceTypeOfferings: names.slice(token.o, next).map((n) => ({ InstanceType: n, LocationType: 'region', Location: region })),
      NextToken: next < names.length ? encodeToken({ a: 'DescribeInstanceTypeOfferings', r: region, o: next, p: token.p + 1 }) : undefined,
    };
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function sleep(ms: number, res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
      res.once('close', () => {
        clearTimeout(t);
        timers.delete(t);
        resolve();
      });
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = Date.now();
    const requestId = randomUUID();
    const body = await readBody(req);
    const params: Record<string, string> = {};
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    for (const [k, v] of query) params[k] = v;
    for (const [k, v] of new URLSearchParams(body)) params[k] = v;
    const action = params.Action ?? '';
    const scope = CREDENTIAL_SCOPE.exec(req.headers.authorization ?? '');
    const record: FakeEc2Request = {
      seq: requests.length + 1,
      action,
      region: scope?.[3],
      params,
      page: pageOf(action, params),
      startedAt,
      faults: [],
    };
    requests.push(record);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    inFlightByAction[action] = (inFlightByAction[action] ?? 0) + 1;
    if ((FAKE_EC2_ACTIONS as readonly string[]).includes(action)) {
      const a = action as FakeEc2Action;
      maxInFlightByAction[a] = Math.max(maxInFlightByAction[a] ?? 0, inFlightByAction[action]);
    }
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight--;
      inFlightByAction[action]--;
      record.durationMs = Date.now() - startedAt;
    };
    res.once('close', finish);

    const send = (status: number, xml: string, errorCode?: string) => {
      record.status = status;
      record.errorCode = errorCode;
      if (res.destroyed || res.writableEnded) return;
      res.writeHead(status, {
        'content-type': 'text/xml;charset=UTF-8',
        'x-amzn-requestid': requestId,
        'content-length': Buffer.byteLength(xml),
      });
      res.end(xml);
    };

    try {
      // Faults: every matching delay adds up; the first matching other fault decides the answer.
      let malform: Malform | undefined;
      let stuck = false;
      let terminal: FakeEc2Fault | undefined;
      let delayMs = 0;
      for (const live of matchingRules(record)) {
        const f = live.rule.fault;
        if (f.kind === 'delay') {
          live.hits++;
          delayMs += f.ms;
          record.faults.push('delay');
        } else if (f.kind === 'malformed') {
          if (action === 'DescribeInstanceTypes' && !malform && !terminal) {
            live.hits++;
            malform = f;
            record.faults.push('malformed');
          }
        } else if (f.kind === 'stuck-token') {
          if (record.page !== undefined && !stuck && !terminal) {
            live.hits++;
            stuck = true;
            record.faults.push('stuck-token');
          }
        } else if (!terminal) {
          live.hits++;
          terminal = f;
          record.faults.push(f.kind);
        }
      }
      if (delayMs > 0) await sleep(delayMs, res);
      if (res.destroyed) return;
      if (terminal?.kind === 'drop') {
        record.status = 0;
        req.socket.destroy();
        return;
      }
      if (terminal?.kind === 'raw') {
        record.status = terminal.status ?? 200;
        res.writeHead(record.status, {
          'content-type': terminal.contentType ?? 'text/html',
          'content-length': Buffer.byteLength(terminal.body),
        });
        res.end(terminal.body);
        return;
      }
      if (terminal?.kind === 'throttle') throw new Ec2Error(503, 'RequestLimitExceeded', 'Request limit exceeded.');
      if (terminal?.kind === 'error') {
        throw new Ec2Error(terminal.status ?? 500, terminal.code ?? 'InternalError', terminal.message ?? 'An internal error has occurred');
      }

      if (params.Version !== '2016-11-15') {
        throw new Ec2Error(400, 'InvalidParameterValue', `Unsupported API version: ${String(params.Version)}`);
      }
      const region = requireRegion(record.region);
      if (params.DryRun === 'true') {
        throw new Ec2Error(412, 'DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
      }
      /** The answer's NextToken under a stuck-token fault, whether or not there is a next page. */
      const paged = <T extends { NextToken?: string }>(out: T): T =>
        stuck ? { ...out, NextToken: params.NextToken || encodeToken({ a: action, r: region, o: 0, p: 1 }) } : out;
      let xml: string;
      switch (action) {
        case 'DescribeRegions':
          xml = responseDocument(action, DescribeRegionsResult$, describeRegions(params, region), requestId);
          break;
        case 'DescribeInstanceTypes':
          xml = responseDocument(action, DescribeInstanceTypesResult$, paged(describeInstanceTypes(params, region, malform)), requestId);
          break;
        case 'DescribeInstanceTypeOfferings':
          xml = responseDocument(
            action,
            DescribeInstanceTypeOfferingsResult$,
            paged(describeInstanceTypeOfferings(params, region)),
            requestId,
          );
          break;
        default:
          throw new Ec2Error(400, 'InvalidAction', `The action ${action || '(none)'} is not valid for this web service.`);
      }
      send(200, xml);
    } catch (err) {
      if (err instanceof Ec2Error) {
        send(err.status, errorDocument(err.code, err.message, requestId), err.code);
      } else {
        const message = err instanceof Error ? err.message : String(err);
        send(500, errorDocument('InternalError', `fake-ec2 bug: ${message}`, requestId), 'InternalError');
      }
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500);
        res.end(String(err));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    data,
    get requests() {
      return requests;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get maxInFlightByAction() {
      return maxInFlightByAction;
    },
    get inFlight() {
      return inFlight;
    },
    count(filter = {}) {
      return requests.filter((r) => (!filter.action || r.action === filter.action) && (!filter.region || r.region === filter.region))
        .length;
    },
    regionsCalled(action) {
      return [...new Set(requests.filter((r) => !action || r.action === action).map((r) => r.region ?? '(unsigned)'))].sort();
    },
    inject,
    clearFaults() {
      rules = [];
    },
    resetStats() {
      requests = [];
      maxInFlight = inFlight;
      maxInFlightByAction = {};
      inFlightByAction = { ...inFlightByAction };
    },
    putType(record, regions = []) {
      data.types.set(record.InstanceType, structuredClone(record));
      for (const region of regions) {
        const list = data.offerings.get(region) ?? [];
        if (!list.includes(record.InstanceType)) list.push(record.InstanceType);
        data.offerings.set(region, list);
        if (!data.optInStatus.has(region)) data.optInStatus.set(region, 'opt-in-not-required');
      }
    },
    removeType(name) {
      data.types.delete(name);
      for (const [region, list] of data.offerings)
        data.offerings.set(
          region,
          list.filter((n) => n !== name),
        );
    },
    setOfferings(region, names) {
      data.offerings.set(region, [...names]);
      if (!data.optInStatus.has(region)) data.optInStatus.set(region, 'opt-in-not-required');
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
