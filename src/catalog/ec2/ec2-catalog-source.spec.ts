import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readEc2DataFiles, startFakeEc2, type FakeEc2 } from '../../../test/support/fake-ec2/index.js';
import {
  Ec2CatalogFetchError,
  Ec2CatalogSource,
  planExtraDescribes,
  type Ec2CatalogProgress,
  type Ec2CatalogSourceOptions,
} from './ec2-catalog-source.js';

const { types, offerings } = readEc2DataFiles();
const sorted = (xs: Iterable<string>) => [...xs].sort();
const quietLogger = { log: vi.fn(), warn: vi.fn() };
const ORIGINAL_ENV: Record<string, string | undefined> = { ...process.env };

function source(ec2: FakeEc2, options: Ec2CatalogSourceOptions = {}): Ec2CatalogSource {
  return new Ec2CatalogSource({ region: 'us-east-1', endpoint: ec2.url, maxAttempts: 1, logger: quietLogger, ...options });
}

/**
 * Every region, but only the first `perRegion` types it offers (`home` in us-east-1): fast fetches
 * for the tests that are about behaviour, not data.
 */
function smallWorld(perRegion = 7, home = perRegion) {
  const small = Object.fromEntries(
    Object.entries(offerings).map(([r, names]) => [r, names.slice(0, r === 'us-east-1' ? home : perRegion)]),
  );
  const names = new Set(Object.values(small).flat());
  return { offerings: small, types: Object.fromEntries([...names].map((n) => [n, types[n]])) };
}

/** Runs `fn` against a fresh fake and always closes it. */
async function withFake(options: Parameters<typeof startFakeEc2>[0], fn: (fake: FakeEc2) => Promise<void>): Promise<void> {
  const fake = await startFakeEc2(options);
  try {
    await fn(fake);
  } finally {
    await fake.close();
  }
}

function pagedTypeCalls(ec2: FakeEc2, region?: string) {
  return ec2.requests.filter(
    (r) =>
      r.action === 'DescribeInstanceTypes' &&
      (!region || r.region === region) &&
      !Object.keys(r.params).some((k) => k.startsWith('InstanceType.')),
  );
}

async function rejection(promise: Promise<unknown>): Promise<Ec2CatalogFetchError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Ec2CatalogFetchError);
  return err as Ec2CatalogFetchError;
}

beforeAll(() => {
  // The default credential chain: environment first (and never IMDS in tests).
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFAKEEC2');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'fake-secret');
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_ENDPOINT_URL_EC2', undefined);
  vi.stubEnv('AWS_ENDPOINT_URL', undefined);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('Ec2CatalogSource against the fake EC2 endpoint', () => {
  let ec2: FakeEc2;
  beforeAll(async () => {
    ec2 = await startFakeEc2();
  });
  afterAll(async () => {
    await ec2?.close();
  });
  beforeEach(() => {
    ec2.clearFaults();
    ec2.resetStats();
  });

  describe('a full fetch', () => {
    let catalog: Awaited<ReturnType<Ec2CatalogSource['fetchCatalog']>>;
    const events: Ec2CatalogProgress[] = [];
    let requests: FakeEc2['requests'];
    beforeAll(async () => {
      ec2.resetStats();
      catalog = await source(ec2).fetchCatalog({}, (e) => events.push(e));
      requests = [...ec2.requests];
    });

    it('reads all 30 enabled regions into exactly the shared data', () => {
      expect(catalog.regions).toEqual(sorted(Object.keys(offerings)));
      expect(catalog.regions).toHaveLength(30);
      expect(catalog.records).toHaveLength(1373);
      for (const record of catalog.records) {
        expect(record, record.InstanceType).toStrictEqual(types[record.InstanceType!]);
      }
      expect(catalog.records.map((r) => r.InstanceType)).toEqual(sorted(Object.keys(types)));
      for (const region of catalog.regions) {
        expect(catalog.offeringsByRegion[region], region).toEqual(sorted(offerings[region]));
      }
      // Every call is counted once; each region's offerings are read there, in pages of 1,000.
      expect(catalog.requestCount).toBe(requests.length);
      expect(requests.filter((r) => r.action === 'DescribeRegions')).toHaveLength(1);
      const offeringCalls = requests.filter((r) => r.action === 'DescribeInstanceTypeOfferings');
      expect(sorted(new Set(offeringCalls.map((r) => r.region!)))).toEqual(catalog.regions);
      const expectedOfferingCalls = Object.values(offerings).reduce((n, list) => n + Math.ceil(list.length / 1000), 0);
      expect(offeringCalls).toHaveLength(expectedOfferingCalls);
      expect(offeringCalls.every((r) => r.params.LocationType === 'region')).toBe(true);
      expect(events.filter((e) => e.phase === 'offerings')).toHaveLength(30);
      expect(events.at(-1)).toMatchObject({ phase: 'done', records: 1373, regions: 30 });
      expect(catalog.durationMs).toBeGreaterThanOrEqual(0);
    });

    it('pages DescribeInstanceTypes by 100 in the home region, then describes the rest where offered', () => {
      const home = offerings['us-east-1'];
      const paged = requests.filter(
        (r) => r.action === 'DescribeInstanceTypes' && !Object.keys(r.params).some((k) => k.startsWith('InstanceType.')),
      );
      expect(paged.every((r) => r.region === 'us-east-1')).toBe(true);
      expect(paged).toHaveLength(Math.ceil(home.length / 100));
      expect(paged.every((r) => r.params.MaxResults === '100')).toBe(true);
      expect(paged.map((r) => r.page)).toEqual(paged.map((_, i) => i + 1));

      // Types never offered in us-east-1 come from named describes (<= 100 names) in a region offering them.
      const homeSet = new Set(home);
      const elsewhere = Object.keys(types).filter((n) => !homeSet.has(n));
      expect(elsewhere.length).toBeGreaterThan(0);
      const named = requests.filter((r) => r.action === 'DescribeInstanceTypes' && r.params['InstanceType.1']);
      const namedTypes = named.flatMap((r) =>
        Object.entries(r.params)
          .filter(([k]) => k.startsWith('InstanceType.'))
          .map(([, v]) => v),
      );
      expect(sorted(namedTypes)).toEqual(sorted(elsewhere));
      for (const r of named) {
        const keys = Object.keys(r.params).filter((k) => k.startsWith('InstanceType.'));
        expect(keys.length).toBeLessThanOrEqual(100);
        const offered = new Set(offerings[r.region!]);
        expect(keys.every((k) => offered.has(r.params[k]))).toBe(true);
      }
    });
  });

  it('keeps offering calls within the configured concurrency', async () => {
    const fake = await startFakeEc2(smallWorld());
    try {
      fake.inject({ action: 'DescribeInstanceTypeOfferings', fault: { kind: 'delay', ms: 25 } });
      await source(fake, { concurrency: 3 }).fetchCatalog();
      expect(fake.count({ action: 'DescribeInstanceTypeOfferings' })).toBe(30);
      expect(fake.maxInFlightByAction.DescribeInstanceTypeOfferings).toBe(3);

      fake.resetStats();
      await source(fake, { concurrency: 1 }).fetchCatalog({ regions: ['eu-west-1', 'eu-west-2', 'eu-west-3'] });
      expect(fake.maxInFlightByAction.DescribeInstanceTypeOfferings).toBe(1);
    } finally {
      await fake.close();
    }
  });

  it('recovers from throttling within the retry budget', () =>
    withFake(smallWorld(7, 250), async (fake) => {
      const throttle = fake.inject({
        action: 'DescribeInstanceTypes',
        region: 'us-east-1',
        page: 2,
        times: 2,
        fault: { kind: 'throttle' },
      });
      const catalog = await source(fake, { maxAttempts: 3 }).fetchCatalog({ regions: ['us-east-1'] });
      expect(throttle.hits).toBe(2);
      expect(catalog.records).toHaveLength(250);
      const paged = pagedTypeCalls(fake);
      expect(paged.map((r) => [r.page, r.status])).toEqual([
        [1, 200],
        [2, 503],
        [2, 503],
        [2, 200],
        [3, 200],
      ]);
    }));

  it('fails when throttling outlasts the retries, naming call and region', () =>
    withFake(smallWorld(), async (ec2) => {
      ec2.inject({ action: 'DescribeInstanceTypeOfferings', region: 'eu-central-1', fault: { kind: 'throttle' } });
      const err = await rejection(source(ec2, { maxAttempts: 2 }).fetchCatalog());
      expect(err.message).toContain('DescribeInstanceTypeOfferings page 1 in eu-central-1');
      expect(err.message).toContain('after 2 attempts');
      expect(err.message).toContain('RequestLimitExceeded');
      expect(err).toMatchObject({
        operation: 'DescribeInstanceTypeOfferings',
        region: 'eu-central-1',
        code: 'RequestLimitExceeded',
        httpStatus: 503,
      });
      expect(ec2.count({ action: 'DescribeInstanceTypeOfferings', region: 'eu-central-1' })).toBe(2);
    }));

  it('fails on a persistent 500 on page 2, naming the page', () =>
    withFake(smallWorld(7, 250), async (ec2) => {
      ec2.inject({ action: 'DescribeInstanceTypes', page: 2, fault: { kind: 'error' } });
      const err = await rejection(source(ec2, { maxAttempts: 2 }).fetchCatalog());
      expect(err.message).toMatch(/EC2 DescribeInstanceTypes page 2 in us-east-1 failed after 2 attempts: InternalError \(HTTP 500\)/);
      expect(err).toMatchObject({ operation: 'DescribeInstanceTypes', region: 'us-east-1', page: 2, httpStatus: 500 });
      // Page 3 was never asked for.
      expect(pagedTypeCalls(ec2).some((r) => r.page === 3)).toBe(false);
    }));

  it('fails on a malformed record, naming the type and the field', () =>
    withFake(smallWorld(7, 250), async (ec2) => {
      const victim = [...ec2.data.offerings.get('us-east-1')!].sort()[150];
      ec2.inject({ action: 'DescribeInstanceTypes', fault: { kind: 'malformed', instanceType: victim } });
      const err = await rejection(source(ec2).fetchCatalog({ regions: ['us-east-1'] }));
      expect(err.message).toContain(`"${victim}"`);
      expect(err.message).toContain('NetworkInfo.Ipv4AddressesPerInterface');
      expect(err.message).toContain('EC2 DescribeInstanceTypes page 2 in us-east-1 returned a malformed record');
      expect(err).toMatchObject({ code: 'MalformedRecord', page: 2, region: 'us-east-1' });
    }));

  it('fails on a timeout', () =>
    withFake(smallWorld(), async (ec2) => {
      ec2.inject({ action: 'DescribeInstanceTypeOfferings', region: 'sa-east-1', fault: { kind: 'delay', ms: 4_000 } });
      const started = Date.now();
      const err = await rejection(
        source(ec2, { requestTimeoutMs: 600, maxAttempts: 2 }).fetchCatalog({ regions: ['eu-west-1', 'sa-east-1', 'us-east-1'] }),
      );
      expect(Date.now() - started).toBeLessThan(3_500);
      expect(err.message).toContain('DescribeInstanceTypeOfferings page 1 in sa-east-1');
      expect(err.code).toBe('TimeoutError');
      expect(ec2.count({ action: 'DescribeInstanceTypeOfferings', region: 'sa-east-1' })).toBe(2);
    }));

  it('fails on a region the endpoint does not know, saying EC2 lists no such region', async () => {
    const err = await rejection(source(ec2).fetchCatalog({ regions: ['eu-west-1', 'xx-nowhere-1'] }));
    expect(err.message).toContain('in xx-nowhere-1');
    expect(err.message).toContain('xx-nowhere-1 is not a region EC2 DescribeRegions lists in us-east-1');
    expect(err.code).toBe('AuthFailure');
    expect(err.regionNotEnabled).toBe('xx-nowhere-1');
  });

  // EC2 answers a call in an opt-in Region the account has not enabled with 401 AuthFailure "AWS was
  // not able to validate the provided access credentials", the answer to bad credentials: the failure
  // says which it is, from DescribeRegions (AllRegions) in the home region.
  it('fails on a named opt-in region the account has not enabled, saying so instead of blaming the credentials', () =>
    withFake({ ...smallWorld(), optInStatus: { 'af-south-1': 'not-opted-in' } }, async (fake) => {
      const err = await rejection(source(fake).fetchCatalog({ regions: ['af-south-1', 'us-east-1'] }));
      expect(err.message).toContain('DescribeInstanceTypeOfferings page 1 in af-south-1 failed after 1 attempt: AuthFailure (HTTP 401)');
      expect(err.message).toContain(
        'af-south-1 is an opt-in region this account has not enabled (DescribeRegions OptInStatus not-opted-in)',
      );
      expect(err.message).toContain('enable it, or leave it out of the regions to read');
      expect(err).toMatchObject({ code: 'AuthFailure', region: 'af-south-1', regionNotEnabled: 'af-south-1' });
      expect(fake.requests.find((r) => r.action === 'DescribeRegions')).toMatchObject({
        region: 'us-east-1',
        params: { AllRegions: 'true' },
      });
      // The diagnosis is an API call of the fetch too.
      expect(err.requestCount).toBe(fake.count());
    }));

  // The SDK reads any 200 body leniently: a proxy's HTML page parses as an answer listing nothing. Every
  // EC2 region offers instance types, so an empty answer is refused instead of read as "offers nothing"
  // (which would take the region out of every type's availability and remove the types offered only there).
  it('refuses a region whose answers list no instance type, as a 200 that is not EC2 does', () =>
    withFake(smallWorld(), async (fake) => {
      fake.inject({ region: 'us-east-1', fault: { kind: 'raw', body: '<html><body>Proxy login</body></html>' } });
      const err = await rejection(source(fake).fetchCatalog({ regions: ['us-east-1'] }));
      expect(err.message).toMatch(/^EC2 Describe\w+ in us-east-1 answered no instance type/);
      expect(err.message).toContain('not an EC2 answer');
      expect(err.region).toBe('us-east-1');
    }));

  it('refuses an offerings answer that lists nothing in one region of several', () =>
    withFake(smallWorld(), async (fake) => {
      fake.setOfferings('eu-west-1', []);
      const err = await rejection(source(fake).fetchCatalog({ regions: ['eu-west-1', 'us-east-1'] }));
      expect(err.message).toContain('EC2 DescribeInstanceTypeOfferings in eu-west-1 answered no instance type');
      expect(err.operation).toBe('DescribeInstanceTypeOfferings');
    }));

  // The SDK's paginator follows whatever NextToken a page carries; an answer handing back a token already
  // followed would have the read ask for the same pages for ever (and hold the refresh lock meanwhile).
  it('fails a paged read whose answer repeats a NextToken instead of following it for ever', () =>
    withFake(smallWorld(7, 250), async (fake) => {
      const stuck = fake.inject({ action: 'DescribeInstanceTypes', region: 'us-east-1', page: 2, fault: { kind: 'stuck-token' } });
      const err = await rejection(source(fake).fetchCatalog({ regions: ['us-east-1'] }));
      // Page 2 answers the token page 1 gave (the one that asked for page 2): the read stops there.
      expect(err.message).toContain('EC2 DescribeInstanceTypes page 2 in us-east-1 answered a NextToken an earlier page');
      expect(err).toMatchObject({ code: 'RepeatedNextToken', operation: 'DescribeInstanceTypes', page: 2, region: 'us-east-1' });
      expect(stuck.hits).toBe(1);
      expect(fake.count({ action: 'DescribeInstanceTypes' })).toBe(2);
      expect(err.requestCount).toBe(fake.count());
    }));

  it('fails an offerings read whose first page hands back a token for itself', () =>
    withFake(smallWorld(), async (fake) => {
      fake.inject({ action: 'DescribeInstanceTypeOfferings', region: 'eu-west-1', fault: { kind: 'stuck-token' } });
      const err = await rejection(source(fake).fetchCatalog({ regions: ['eu-west-1', 'us-east-1'] }));
      expect(err).toMatchObject({ code: 'RepeatedNextToken', operation: 'DescribeInstanceTypeOfferings', region: 'eu-west-1', page: 2 });
    }));

  it('an AuthFailure in a region that is enabled stays the credentials failure it is', () =>
    withFake(smallWorld(), async (fake) => {
      fake.inject({
        action: 'DescribeInstanceTypeOfferings',
        region: 'eu-west-1',
        fault: { kind: 'error', status: 401, code: 'AuthFailure' },
      });
      const err = await rejection(source(fake).fetchCatalog({ regions: ['eu-west-1', 'us-east-1'] }));
      expect(err.code).toBe('AuthFailure');
      expect(err.regionNotEnabled).toBeUndefined();
      expect(err.message).not.toContain('not enabled');
    }));

  it('reads only the configured regions', () =>
    withFake(smallWorld(7, 250), async (ec2) => {
      const catalog = await source(ec2).fetchCatalog({ regions: ['eu-west-1', 'ap-south-2'] });
      expect(ec2.regionsCalled()).toEqual(['ap-south-2', 'eu-west-1']);
      expect(ec2.count({ action: 'DescribeRegions' })).toBe(0);
      expect(catalog.regions).toEqual(['ap-south-2', 'eu-west-1']);
      expect(Object.keys(catalog.offeringsByRegion)).toEqual(['ap-south-2', 'eu-west-1']);
      const world = ec2.data.offerings;
      const expected = sorted(new Set([...world.get('eu-west-1')!, ...world.get('ap-south-2')!]));
      expect(catalog.records.map((r) => r.InstanceType)).toEqual(expected);
      // us-east-1 is not read, so the types are paged in the first region read.
      expect(pagedTypeCalls(ec2, 'ap-south-2')).toHaveLength(1);
    }));

  describe('with no region configured (no AWS_REGION, no profile)', () => {
    beforeEach(() => {
      vi.stubEnv('AWS_REGION', undefined);
      vi.stubEnv('AWS_DEFAULT_REGION', undefined);
      vi.stubEnv('AWS_PROFILE', undefined);
      vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/aws-config');
      vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/aws-credentials');
    });
    afterEach(() => {
      // Back to the file's own stubs (credentials from the environment, no IMDS).
      for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']) {
        vi.stubEnv(name, ORIGINAL_ENV[name]);
      }
    });

    it('reads the regions a fetch names, paging the types in the first of them', () =>
      withFake(smallWorld(7, 250), async (ec2) => {
        const catalog = await source(ec2, { region: undefined }).fetchCatalog({ regions: ['eu-west-1', 'ap-south-2'] });
        expect(catalog.regions).toEqual(['ap-south-2', 'eu-west-1']);
        expect(pagedTypeCalls(ec2, 'ap-south-2')).toHaveLength(1);
        expect(ec2.count({ action: 'DescribeRegions' })).toBe(0);
      }));

    // With no AWS_REGION the first region named is the home region: when it is the disabled one,
    // DescribeRegions is asked in another region named (the home one cannot answer).
    it('says a disabled first region is not enabled, asking another named region', () =>
      withFake({ ...smallWorld(), optInStatus: { 'af-south-1': 'not-opted-in' } }, async (fake) => {
        const err = await rejection(source(fake, { region: undefined }).fetchCatalog({ regions: ['af-south-1', 'eu-west-1'] }));
        expect(err).toMatchObject({ code: 'AuthFailure', region: 'af-south-1', regionNotEnabled: 'af-south-1' });
        expect(err.message).toContain('af-south-1 is an opt-in region this account has not enabled');
        expect(fake.requests.find((r) => r.action === 'DescribeRegions')).toMatchObject({
          region: 'eu-west-1',
          params: { AllRegions: 'true' },
        });
        expect(err.requestCount).toBe(fake.count());
      }));

    it('and in us-east-1 when the disabled region is the only one named', () =>
      withFake({ ...smallWorld(), optInStatus: { 'af-south-1': 'not-opted-in' } }, async (fake) => {
        const err = await rejection(source(fake, { region: undefined }).fetchCatalog({ regions: ['af-south-1'] }));
        expect(err).toMatchObject({ region: 'af-south-1', regionNotEnabled: 'af-south-1' });
        expect(fake.requests.find((r) => r.action === 'DescribeRegions')?.region).toBe('us-east-1');
      }));

    it('says what to set when the fetch names no region', async () => {
      const err = await rejection(source(ec2, { region: undefined }).fetchCatalog());
      expect(err.operation).toBe('ResolveRegion');
      expect(err.message).toMatch(/set AWS_REGION, or name the regions to read/);
      expect(ec2.count({})).toBe(0);
    });
  });

  it('skips regions that are not opted in', async () => {
    const fake = await startFakeEc2({ ...smallWorld(), optInStatus: { 'me-south-1': 'not-opted-in' } });
    try {
      const catalog = await source(fake).fetchCatalog();
      expect(catalog.regions).toHaveLength(29);
      expect(fake.regionsCalled()).not.toContain('me-south-1');
    } finally {
      await fake.close();
    }
  });

  it('sees types added, changed and removed between fetches', async () => {
    const fake = await startFakeEc2(smallWorld());
    try {
      const regions = ['us-east-1', 'ap-southeast-5'];
      fake.putType(types['t3.micro'], ['us-east-1']);
      fake.putType(types['m5.xlarge'], ['us-east-1']);
      const before = await source(fake).fetchCatalog({ regions });
      fake.putType({ ...types['m5.large'], InstanceType: 'zz9.large' }, ['ap-southeast-5']);
      fake.removeType('t3.micro');
      const m5 = structuredClone(types['m5.xlarge']);
      (m5.NetworkInfo as { Ipv4AddressesPerInterface: number }).Ipv4AddressesPerInterface = 42;
      fake.putType(m5);
      const after = await source(fake).fetchCatalog({ regions });
      const names = (c: typeof before) => new Set(c.records.map((r) => r.InstanceType));
      expect(names(before).has('t3.micro')).toBe(true);
      expect(names(after).has('t3.micro')).toBe(false);
      expect(names(after).has('zz9.large')).toBe(true);
      expect(after.offeringsByRegion['ap-southeast-5']).toContain('zz9.large');
      expect(after.records.find((r) => r.InstanceType === 'm5.xlarge')?.NetworkInfo?.Ipv4AddressesPerInterface).toBe(42);
      // zz9.large is only offered outside us-east-1: described by name where it is offered.
      const named = fake.requests.filter((r) => r.action === 'DescribeInstanceTypes' && r.params['InstanceType.1']);
      expect(named.some((r) => r.region === 'ap-southeast-5' && Object.values(r.params).includes('zz9.large'))).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it('honours AWS_ENDPOINT_URL_EC2 and AWS_REGION through the SDK', async () => {
    const saved = { endpoint: process.env.AWS_ENDPOINT_URL_EC2, region: process.env.AWS_REGION };
    process.env.AWS_ENDPOINT_URL_EC2 = ec2.url;
    process.env.AWS_REGION = 'eu-north-1';
    try {
      const catalog = await new Ec2CatalogSource({ maxAttempts: 1, logger: quietLogger }).fetchCatalog({
        regions: ['eu-north-1'],
      });
      expect(catalog.records.map((r) => r.InstanceType)).toEqual(sorted(offerings['eu-north-1']));
      expect(ec2.regionsCalled()).toEqual(['eu-north-1']);
    } finally {
      for (const [key, value] of [
        ['AWS_ENDPOINT_URL_EC2', saved.endpoint],
        ['AWS_REGION', saved.region],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('logs progress', () =>
    withFake(smallWorld(7, 250), async (ec2) => {
      const logger = { log: vi.fn(), warn: vi.fn() };
      await source(ec2, { logger }).fetchCatalog({ regions: ['us-east-1'] });
      const lines = logger.log.mock.calls.map((c) => String(c[0]));
      expect(lines).toContain('offerings in us-east-1: 250 types (1/1 regions)');
      expect(lines).toContain('DescribeInstanceTypes in us-east-1: page 3, 50 records (250 so far)');
      expect(logger.log.mock.calls[0][1]).toBe('Ec2CatalogSource');
    }));
});

describe('planExtraDescribes', () => {
  it('batches at most 100 names per call in a region offering all of them', () => {
    const many = Array.from({ length: 150 }, (_, i) => `x${i}.large`);
    const plan = planExtraDescribes(new Set([...many, 'y1.large']), { home: [], a: [...many], b: ['y1.large', 'x1.large'] }, 'home');
    expect(plan.map((c) => [c.region, c.names.length])).toEqual([
      ['a', 100],
      ['a', 50],
      ['b', 1],
    ]);
  });
});

describe('Ec2CatalogFetchError', () => {
  it('takes where and why it failed as one options object, its cause included only when given', () => {
    const cause = new Error('socket hang up');
    const err = new Ec2CatalogFetchError('EC2 DescribeInstanceTypes page 2 in us-east-1 failed', {
      operation: 'DescribeInstanceTypes',
      region: 'us-east-1',
      page: 2,
      code: 'InternalError',
      httpStatus: 500,
      attempts: 3,
      requestCount: 7,
      cause,
    });
    expect(err).toMatchObject({
      name: 'Ec2CatalogFetchError',
      message: 'EC2 DescribeInstanceTypes page 2 in us-east-1 failed',
      operation: 'DescribeInstanceTypes',
      region: 'us-east-1',
      page: 2,
      code: 'InternalError',
      httpStatus: 500,
      attempts: 3,
      requestCount: 7,
    });
    expect(err.cause).toBe(cause);
    const bare = new Ec2CatalogFetchError('fetch aborted', { operation: 'DescribeRegions', requestCount: 0 });
    expect(bare).toMatchObject({ region: undefined, page: undefined, code: undefined, httpStatus: undefined, attempts: undefined });
    expect('cause' in bare).toBe(false);
  });

  it('a failed call carries the calls made so far and the SDK error as its cause', () =>
    withFake(smallWorld(), async (ec2) => {
      ec2.inject({ action: 'DescribeRegions', fault: { kind: 'error', status: 500, code: 'InternalError' } });
      const err = await rejection(source(ec2).fetchCatalog());
      expect(err).toMatchObject({ operation: 'DescribeRegions', region: 'us-east-1', code: 'InternalError', requestCount: 1 });
      expect((err.cause as Error).name).toBe('InternalError');
    }));
});
