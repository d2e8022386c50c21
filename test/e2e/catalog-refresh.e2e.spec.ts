import pg from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../migrations/index.js';
import { startFakeEc2, type FakeEc2 } from '../support/fake-ec2/index.js';
import { ADMIN_KEY, adminAuth, allInstanceTypesOverRest, createEmptyDatabase, startTestApp, type TestApp } from '../support/test-app.js';

// Refreshing the catalog from EC2 through the real AWS SDK, against a local endpoint that
// speaks the EC2 Query API (issue: service and catalog, "Refresh the catalog from EC2").
const AWS_ENV = ['AWS_ENDPOINT_URL_EC2', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;
const saved: Record<string, string | undefined> = {};

function pointSdkAt(ec2: FakeEc2) {
  process.env.AWS_ENDPOINT_URL_EC2 = ec2.url;
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'secret';
}

const REFRESH = `mutation($regions: [String!], $wait: Boolean) {
  refreshCatalog(regions: $regions, wait: $wait) {
    id status error regions typesSeen catalogSize addedCount removedCount changedCount
    typesAdded typesRemoved typesChanged { name changes { field oldValue newValue } }
  }
}`;

describe('catalog refresh from EC2', () => {
  let ec2: FakeEc2;
  let app: TestApp;

  beforeAll(async () => {
    for (const k of AWS_ENV) saved[k] = process.env[k];
    ec2 = await startFakeEc2();
    pointSdkAt(ec2);
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
    await ec2?.close();
    for (const k of AWS_ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('the bundled catalog loaded at first start is a refresh run from the BUNDLED source', async () => {
    const runs = await app
      .gql('{ catalogRefreshes { status trigger source requestedBy regions typesSeen catalogSize ec2Requests addedCount pricingStatus } }')
      .expect(200);
    expect(runs.body.data.catalogRefreshes).toEqual([
      {
        status: 'SUCCEEDED',
        trigger: 'BUNDLED_SNAPSHOT',
        source: 'BUNDLED',
        requestedBy: null,
        regions: expect.arrayContaining(['us-east-1', 'eu-west-1']),
        typesSeen: 1373,
        catalogSize: 1373,
        ec2Requests: 0,
        addedCount: 1373,
        // The bundled table has no prices: no Price List read is made or recorded.
        pricingStatus: null,
      },
    ]);
    expect(runs.body.data.catalogRefreshes[0].regions).toHaveLength(30);
    const rest = await app.http.get('/api/v1/catalog/refreshes').expect(200);
    expect(rest.body).toHaveLength(1);
    expect(rest.body[0]).toMatchObject({ trigger: 'BUNDLED_SNAPSHOT', source: 'BUNDLED', status: 'SUCCEEDED' });
    // The catalog in service is that run's content.
    const ready = await app.http.get('/health/ready').expect(200);
    expect(ready.body.catalog).toMatchObject({ instanceTypes: 1373, version: rest.body[0].id });
  });

  it('a refresh that adds, changes and removes types shows each in its diff, and the catalog follows', async () => {
    const m5 = structuredClone(ec2.data.types.get('m5.large')!) as any;
    ec2.putType({ ...structuredClone(m5), InstanceType: 'zz9.large' }, ['us-east-1', 'eu-west-1']);
    const c5 = ec2.data.types.get('c5.large') as any;
    c5.NetworkInfo.Ipv4AddressesPerInterface = 12;
    ec2.removeType('t2.nano');

    const res = await app.http.post('/api/v1/catalog/refreshes').set(adminAuth).send({}).expect(201);
    const run = res.body;
    expect(run.status).toBe('SUCCEEDED');
    expect(run.typesAdded).toEqual(['zz9.large']);
    expect(run.typesRemoved).toEqual(['t2.nano']);
    const c5Change = run.typesChanged.find((c: any) => c.name === 'c5.large');
    expect(c5Change.changes).toContainEqual({ field: 'ipv4AddressesPerInterface', oldValue: 10, newValue: 12 });
    expect(run.regions).toHaveLength(30);
    expect(run.catalogSize).toBe(1373);
    expect(res.headers.location).toBe(`/api/v1/catalog/refreshes/${run.id}`);

    await app.http.get('/api/v1/instance-types/t2.nano').expect(404);
    const zz9 = await app.http.get('/api/v1/instance-types/zz9.large').expect(200);
    expect(zz9.body.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect((await app.http.get('/api/v1/instance-types/c5.large')).body.ipv4AddressesPerInterface).toBe(12);

    expect(run.source).toBe('EC2');
    const list = await app.gql('{ catalogRefreshes(first: 5) { id status trigger source typesAdded } }').expect(200);
    expect(list.body.data.catalogRefreshes[0]).toMatchObject({ id: run.id, status: 'SUCCEEDED', trigger: 'MANUAL', source: 'EC2' });
    expect(list.body.data.catalogRefreshes.at(-1)).toMatchObject({ trigger: 'BUNDLED_SNAPSHOT', source: 'BUNDLED' });
    const rest = await app.http.get('/api/v1/catalog/refreshes').expect(200);
    expect(rest.body[0]).toMatchObject({ id: run.id, source: 'EC2' });
  });

  it('who started a run (an API key name) is shown to admin callers only, on both doors', async () => {
    const ours = (await app.http.get('/api/v1/catalog/refreshes').set(adminAuth).expect(200)).body.find((r: any) => r.trigger === 'MANUAL');
    expect(ours.requestedBy).toBe('ADMIN_API_KEY');
    const query = '{ catalogRefreshes { id trigger requestedBy } }';
    const asAdmin = (await app.gql(query, undefined, adminAuth).expect(200)).body.data.catalogRefreshes;
    expect(asAdmin.find((r: any) => r.id === ours.id).requestedBy).toBe('ADMIN_API_KEY');
    // AUTH_READS=open: anyone reads the runs, but key names are admin-only (the key list is).
    const anonymous = (await app.gql(query).expect(200)).body.data.catalogRefreshes;
    expect(anonymous.map((r: any) => r.requestedBy)).toEqual(anonymous.map(() => null));
    const restList = (await app.http.get('/api/v1/catalog/refreshes').expect(200)).body;
    expect(restList.map((r: any) => r.requestedBy)).toEqual(restList.map(() => null));
    expect((await app.http.get(`/api/v1/catalog/refreshes/${ours.id}`).expect(200)).body.requestedBy).toBeNull();
    expect((await app.http.get(`/api/v1/catalog/refreshes/${ours.id}`).set(adminAuth).expect(200)).body.requestedBy).toBe('ADMIN_API_KEY');
  });

  it('as soon as a refresh returns, pages answer what instance_type holds, first and last sightings included', async () => {
    const nodes = await allInstanceTypesOverRest(app);
    const db = new pg.Client({ connectionString: app.databaseUrl! });
    await db.connect();
    let rows: Array<{ name: string; first_seen_at: Date; last_seen_at: Date }>;
    try {
      rows = (await db.query('SELECT name, first_seen_at, last_seen_at FROM instance_type ORDER BY name COLLATE "C"')).rows;
    } finally {
      await db.end();
    }
    expect(nodes.map((n) => [n.name, n.firstSeenAt, n.lastSeenAt])).toEqual(
      rows.map((r) => [r.name, r.first_seen_at.toISOString(), r.last_seen_at.toISOString()]),
    );
    const byName = new Map(nodes.map((n) => [n.name, n]));
    expect(byName.has('t2.nano')).toBe(false);
    // Added: first seen by the refresh. Changed: seen again, first sighting kept.
    const zz9 = byName.get('zz9.large');
    expect(zz9.firstSeenAt).toBe(zz9.lastSeenAt);
    const c5 = byName.get('c5.large');
    expect(c5.ipv4AddressesPerInterface).toBe(12);
    expect(c5.firstSeenAt < c5.lastSeenAt).toBe(true);
    expect(c5.lastSeenAt).toBe(zz9.lastSeenAt);
    for (const name of ['zz9.large', 'c5.large', 'm5.large']) {
      expect(byName.get(name)).toEqual((await app.http.get(`/api/v1/instance-types/${name}`).expect(200)).body);
    }
  });

  it('a second refresh with nothing new changes nothing', async () => {
    const res = await app.gql(REFRESH, {}, adminAuth).expect(200);
    expect(res.body.data.refreshCatalog).toMatchObject({ status: 'SUCCEEDED', typesAdded: [], typesRemoved: [], typesChanged: [] });
  });

  it('a refresh whose second page fails changes nothing and is recorded as FAILED', async () => {
    const before = await app.http.get('/api/v1/instance-types?first=500').expect(200);
    const c5 = ec2.data.types.get('c5.large') as any;
    c5.NetworkInfo.Ipv4AddressesPerInterface = 30; // would be a change, if the run got that far
    ec2.putType({ ...structuredClone(ec2.data.types.get('m5.large')!), InstanceType: 'zz8.large' } as any, ['us-east-1']);
    const fault = ec2.inject({ action: 'DescribeInstanceTypes', page: 2, fault: { kind: 'error', status: 500, code: 'InternalError' } });
    try {
      const res = await app.http.post('/api/v1/catalog/refreshes').set(adminAuth).send({}).expect(502);
      expect(res.body.error.code).toBe('CATALOG_REFRESH_FAILED');
      const run = res.body.error.details.refresh;
      expect(run.status).toBe('FAILED');
      expect(run.source).toBe('EC2');
      expect(run.error).toMatch(/page 2/i);
    } finally {
      fault.remove();
    }
    const after = await app.http.get('/api/v1/instance-types?first=500').expect(200);
    expect(after.body).toEqual(before.body);
    await app.http.get('/api/v1/instance-types/zz8.large').expect(404);
    expect((await app.http.get('/api/v1/instance-types/c5.large')).body.ipv4AddressesPerInterface).toBe(12);
    const runs = await app.gql('{ catalogRefreshes(first: 1) { status error finishedAt } }').expect(200);
    expect(runs.body.data.catalogRefreshes[0].status).toBe('FAILED');
    expect(runs.body.data.catalogRefreshes[0].finishedAt).not.toBeNull();
    await app.http.get('/health/ready').expect(200);
  });

  it('a failed run records the EC2 calls it made before failing', async () => {
    ec2.resetStats();
    // 400: not retried, so every call the run made reached the fake once.
    const fault = ec2.inject({
      action: 'DescribeInstanceTypes',
      page: 3,
      fault: { kind: 'error', status: 400, code: 'UnauthorizedOperation', message: 'not allowed' },
    });
    try {
      const run = (await app.gql(REFRESH, { regions: ['us-east-1'] }, adminAuth).expect(200)).body.data.refreshCatalog;
      expect(run.status).toBe('FAILED');
      expect(run.error).toMatch(/DescribeInstanceTypes page 3 in us-east-1/);
      const rest = await app.http.get(`/api/v1/catalog/refreshes/${run.id}`).expect(200);
      // Pages 1 to 3 at least (the offerings call may still be in flight when page 3 fails).
      expect(rest.body.ec2Requests).toBeGreaterThanOrEqual(3);
      expect(rest.body.ec2Requests).toBeLessThanOrEqual(ec2.count());
    } finally {
      fault.remove();
    }
  });

  it('a named region the account has not enabled fails the run saying so, and the catalog stays', async () => {
    const before = await app.http.get('/api/v1/instance-types?first=0&region=af-south-1').expect(200);
    ec2.data.optInStatus.set('af-south-1', 'not-opted-in');
    try {
      const res = await app.http
        .post('/api/v1/catalog/refreshes')
        .set(adminAuth)
        .send({ regions: ['af-south-1', 'us-east-1'] })
        .expect(502);
      expect(res.body.error.message).toBe(
        'The catalog refresh failed; the previous catalog stays in service: EC2_REGION_NOT_ENABLED: A region to read is not enabled for the account, or is not an EC2 region',
      );
      expect(res.body.error.details.refresh.error).toContain('af-south-1 is an opt-in region this account has not enabled');
    } finally {
      ec2.data.optInStatus.set('af-south-1', 'opted-in');
    }
    const after = await app.http.get('/api/v1/instance-types?first=0&region=af-south-1').expect(200);
    expect(after.body.totalCount).toBe(before.body.totalCount);
  });

  it('a 200 that is not an EC2 answer (a proxy page) fails the run instead of emptying the region', async () => {
    const before = await app.http.get('/api/v1/instance-types?first=0&region=us-east-1').expect(200);
    const total = (await app.http.get('/api/v1/instance-types?first=0').expect(200)).body.totalCount;
    const fault = ec2.inject({ region: 'us-east-1', fault: { kind: 'raw', body: '<html><body>Proxy login</body></html>' } });
    try {
      const res = await app.http
        .post('/api/v1/catalog/refreshes')
        .set(adminAuth)
        .send({ regions: ['us-east-1'] })
        .expect(502);
      const run = res.body.error.details.refresh;
      expect(run).toMatchObject({ status: 'FAILED', typesRemoved: [] });
      expect(run.error).toContain('in us-east-1 answered no instance type');
    } finally {
      fault.remove();
    }
    expect((await app.http.get('/api/v1/instance-types?first=0&region=us-east-1').expect(200)).body.totalCount).toBe(
      before.body.totalCount,
    );
    expect((await app.http.get('/api/v1/instance-types?first=0').expect(200)).body.totalCount).toBe(total);
  });

  it('a malformed record fails the run, naming the type and the field', async () => {
    const fault = ec2.inject({
      action: 'DescribeInstanceTypes',
      page: 1,
      fault: { kind: 'malformed', omit: 'NetworkInfo.Ipv4AddressesPerInterface' },
    });
    try {
      const res = await app.gql(REFRESH, { regions: ['us-east-1'] }, adminAuth).expect(200);
      expect(res.body.data.refreshCatalog.status).toBe('FAILED');
      expect(res.body.data.refreshCatalog.error).toMatch(/Ipv4AddressesPerInterface/);
    } finally {
      fault.remove();
    }
  });

  it('throttling within the retries is absorbed', async () => {
    const fault = ec2.inject({ action: 'DescribeInstanceTypes', page: 1, times: 2, fault: { kind: 'throttle' } });
    try {
      const res = await app.gql(REFRESH, { regions: ['us-east-1'] }, adminAuth).expect(200);
      expect(res.body.data.refreshCatalog.status).toBe('SUCCEEDED');
      expect(fault.hits).toBe(2);
    } finally {
      fault.remove();
    }
  });

  it('a refresh of some regions keeps the availability the others had', async () => {
    ec2.setOfferings('eu-west-1', ['m5.large', 'zz9.large']);
    const res = await app.gql(REFRESH, { regions: ['eu-west-1'] }, adminAuth).expect(200);
    const run = res.body.data.refreshCatalog;
    expect(run.status).toBe('SUCCEEDED');
    expect(run.regions).toEqual(['eu-west-1']);
    const c5 = await app.http.get('/api/v1/instance-types/c5.large').expect(200);
    expect(c5.body.regions).not.toContain('eu-west-1');
    expect(c5.body.regions).toContain('us-east-1');
    expect(ec2.regionsCalled('DescribeInstanceTypeOfferings')).toContain('eu-west-1');
  });

  it('a region the last refresh did not read is said to be older than it, on both doors; a failed run changes nothing', async () => {
    const [lastRun, earlier] = (await app.http.get('/api/v1/catalog/refreshes?first=50').expect(200)).body.filter(
      (r: any) => r.status === 'SUCCEEDED',
    );
    // The run just before read eu-west-1 only; us-east-1 was last read by a successful run before it.
    expect(lastRun.regions).toEqual(['eu-west-1']);
    const usEast = earlier.regions.includes('us-east-1') ? earlier : null;
    expect(usEast).not.toBeNull();
    const page = async (region: string) => (await app.http.get(`/api/v1/instance-types?first=1&region=${region}`).expect(200)).body;
    expect((await page('eu-west-1')).regionAvailability).toEqual({
      region: 'eu-west-1',
      offeringsReadAt: lastRun.finishedAt,
      readByRefreshId: lastRun.id,
      readFrom: 'EC2',
      lastRefreshAt: lastRun.finishedAt,
      stale: false,
      message: null,
    });
    const stale = (await page('us-east-1')).regionAvailability;
    expect(stale).toEqual({
      region: 'us-east-1',
      offeringsReadAt: usEast.finishedAt,
      readByRefreshId: usEast.id,
      readFrom: 'EC2',
      lastRefreshAt: lastRun.finishedAt,
      stale: true,
      message:
        `Availability in us-east-1 is as refresh ${usEast.id} read it (EC2) at ${usEast.finishedAt}; the last successful refresh ` +
        `(${lastRun.id}, ${lastRun.finishedAt}) did not read us-east-1, so types offered or withdrawn there since are not known.`,
    });
    const gql = await app
      .gql(
        '{ instanceTypes(first: 1, filter: { region: "us-east-1" }) { regionAvailability { region offeringsReadAt readByRefreshId readFrom lastRefreshAt stale message } } }',
      )
      .expect(200);
    expect(gql.body.data.instanceTypes.regionAvailability).toEqual(stale);
    // Sizing picks its candidates by the region's offerings: it says the same.
    const sizing = async (region: string) =>
      (
        await app.http
          .post('/api/v1/capacity/sizing')
          .send({ workload: { windowsPods: 10 }, region })
          .expect(200)
      ).body.warnings;
    expect(await sizing('us-east-1')).toContainEqual({
      code: 'REGION_AVAILABILITY_STALE',
      message: stale.message,
      source: 'EC2 DescribeInstanceTypeOfferings (LocationType region), read per region by each catalog refresh',
    });
    expect((await sizing('eu-west-1')).map((w: any) => w.code)).not.toContain('REGION_AVAILABILITY_STALE');
    // No region filter: nothing to say.
    expect((await app.http.get('/api/v1/instance-types?first=1').expect(200)).body.regionAvailability).toBeNull();

    // A run that fails reading us-east-1 loses nothing, the stale note included.
    const fault = ec2.inject({
      action: 'DescribeInstanceTypes',
      page: 1,
      fault: { kind: 'error', status: 400, code: 'UnauthorizedOperation' },
    });
    try {
      const failed = (await app.gql(REFRESH, { regions: ['us-east-1'] }, adminAuth).expect(200)).body.data.refreshCatalog;
      expect(failed.status).toBe('FAILED');
    } finally {
      fault.remove();
    }
    expect((await page('us-east-1')).regionAvailability).toEqual(stale);

    // Read again, us-east-1 is fresh, and eu-west-1 is now the one left behind.
    const again = (await app.gql(REFRESH, { regions: ['us-east-1'] }, adminAuth).expect(200)).body.data.refreshCatalog;
    expect(again.status).toBe('SUCCEEDED');
    expect((await page('us-east-1')).regionAvailability).toMatchObject({ readByRefreshId: again.id, stale: false, message: null });
    expect((await page('eu-west-1')).regionAvailability).toMatchObject({ readByRefreshId: lastRun.id, stale: true });
  });

  it.each(['no', '0', 'FALSE', ''])('?wait=%s is a 400 naming wait, never a refresh that silently waits', async (wait) => {
    const res = await app.http.post(`/api/v1/catalog/refreshes?wait=${wait}`).set(adminAuth).send({}).expect(400);
    expect(res.body.error.details.violations[0]).toMatchObject({ field: 'wait', rules: ['isBoolean'] });
  });

  it('an id of the uuid length that is not a uuid names no run (404), it does not reach the database (500)', async () => {
    for (const id of ['a'.repeat(36), '1'.repeat(36), '-'.repeat(36)]) {
      const res = await app.http.get(`/api/v1/catalog/refreshes/${id}`).expect(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });

  it.each([0, 201, -1])('a page of %i runs is refused with the same violation by REST and GraphQL', async (first) => {
    const rest = await app.http.get(`/api/v1/catalog/refreshes?first=${first}`).expect(400);
    const gql = await app.gql('query($first: Int) { catalogRefreshes(first: $first) { id } }', { first }).expect(200);
    expect(rest.body.error.code).toBe('VALIDATION_FAILED');
    expect(gql.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(gql.body.errors[0].message).toBe(rest.body.error.message);
    expect(gql.body.errors[0].extensions.details).toEqual(rest.body.error.details);
    expect(rest.body.error.details.violations[0]).toMatchObject({ field: 'first', rules: [first > 200 ? 'max' : 'min'] });
  });

  it('one refresh at a time: a second request is refused naming the running one', async () => {
    const delay = ec2.inject({ action: 'DescribeRegions', fault: { kind: 'delay', ms: 1500 } });
    try {
      const first = await app.http.post('/api/v1/catalog/refreshes?wait=false').set(adminAuth).send({}).expect(202);
      expect(first.body.status).toBe('RUNNING');
      const second = await app.http.post('/api/v1/catalog/refreshes').set(adminAuth).send({}).expect(409);
      expect(second.body.error.code).toBe('REFRESH_ALREADY_RUNNING');
      expect(second.body.error.message).toContain(first.body.id);
      expect(second.body.error.details.runningRefreshId).toBe(first.body.id);
      const gql = await app.gql(REFRESH, {}, adminAuth).expect(200);
      expect(gql.body.errors[0].extensions.code).toBe('REFRESH_ALREADY_RUNNING');
      for (let i = 0; i < 50; i++) {
        const run = await app.http.get(`/api/v1/catalog/refreshes/${first.body.id}`).expect(200);
        if (run.body.status !== 'RUNNING') break;
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      delay.remove();
    }
  });

  it('one refresh at a time across replicas sharing the database', async () => {
    const replica = await startTestApp({ databaseUrl: app.databaseUrl! });
    const delay = ec2.inject({ action: 'DescribeRegions', fault: { kind: 'delay', ms: 1500 } });
    try {
      const first = await app.http.post('/api/v1/catalog/refreshes?wait=false').set(adminAuth).send({}).expect(202);
      const second = await replica.http.post('/api/v1/catalog/refreshes').set(adminAuth).send({}).expect(409);
      expect(second.body.error.details.runningRefreshId).toBe(first.body.id);
      for (let i = 0; i < 50; i++) {
        const run = await app.http.get(`/api/v1/catalog/refreshes/${first.body.id}`).expect(200);
        if (run.body.status !== 'RUNNING') break;
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      delay.remove();
      await replica.close();
    }
  });

  it('another replica on the same database follows a refresh in its in-memory catalog', async () => {
    const replica = await startTestApp({ databaseUrl: app.databaseUrl!, env: { CATALOG_VIEW_POLL_MS: '200' } });
    try {
      const capacity = (r: TestApp) => r.http.get('/api/v1/capacity/zz7.large?os=linux&ipMode=secondary-ip');
      await capacity(replica).expect(404);
      ec2.putType({ ...structuredClone(ec2.data.types.get('m5.large')!), InstanceType: 'zz7.large' } as any, ['us-east-1']);
      await app.http
        .post('/api/v1/catalog/refreshes')
        .set(adminAuth)
        .send({ regions: ['us-east-1'] })
        .expect(201);
      await capacity(app).expect(200);
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await capacity(replica)).status;
      }
      expect(status).toBe(200);
      expect((await capacity(replica)).body.ipLimitedPods).toBe(29); // m5.large's figures: 3 * (10 - 1) + 2
    } finally {
      await replica.close();
    }
  });

  it('another replica on the same database follows a refresh in its instanceTypes pages', async () => {
    const replica = await startTestApp({ databaseUrl: app.databaseUrl!, env: { CATALOG_VIEW_POLL_MS: '200' } });
    try {
      // With a region filter: the replica reads when each region was last read from the run history, as the refresher knows it.
      const page = (r: TestApp) => r.http.get('/api/v1/instance-types?family=zz5&region=us-east-1').expect(200);
      expect((await page(replica)).body.totalCount).toBe(0);
      expect((await page(replica)).body.regionAvailability).toEqual((await page(app)).body.regionAvailability);
      ec2.putType({ ...structuredClone(ec2.data.types.get('m5.large')!), InstanceType: 'zz5.large' } as any, ['us-east-1']);
      await app.http
        .post('/api/v1/catalog/refreshes')
        .set(adminAuth)
        .send({ regions: ['us-east-1'] })
        .expect(201);
      const here = (await page(app)).body;
      expect(here.nodes.map((n: any) => n.name)).toEqual(['zz5.large']);
      let there: any;
      for (let i = 0; i < 50 && there?.totalCount !== 1; i++) {
        await new Promise((r) => setTimeout(r, 100));
        there = (await page(replica)).body;
      }
      expect(there).toEqual(here);
      expect(here.regionAvailability).toMatchObject({ region: 'us-east-1', stale: false, readFrom: 'EC2' });
    } finally {
      await replica.close();
    }
  });

  it.each([
    ['no key', {}, 401, 'UNAUTHENTICATED'],
    ['an unknown key', { authorization: 'Bearer not-a-key-of-this-service' }, 401, 'UNAUTHENTICATED'],
    ['a malformed header', { authorization: 'Basic abc' }, 401, 'UNAUTHENTICATED'],
  ])('refusing a refresh with %s', async (_label, headers, status, code) => {
    const rest = await app.http.post('/api/v1/catalog/refreshes').set(headers).send({}).expect(status);
    expect(rest.body.error.code).toBe(code);
    const gql = await app.gql(REFRESH, {}, headers as Record<string, string>).expect(200);
    expect(gql.body.errors[0].extensions.code).toBe(code);
    expect(gql.body.data).toBeNull();
  });

  it('rejects bad regions with a 400', async () => {
    const res = await app.http
      .post('/api/v1/catalog/refreshes')
      .set(adminAuth)
      .send({ regions: ['Mars-1'] })
      .expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const gql = await app.gql(REFRESH, { regions: [] }, adminAuth).expect(200);
    expect(gql.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('catalog refresh with no admin key configured', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { ADMIN_API_KEY: undefined } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is refused with 403, never open', async () => {
    const rest = await app.http.post('/api/v1/catalog/refreshes').send({}).expect(403);
    expect(rest.body.error.code).toBe('FORBIDDEN');
    const gql = await app.gql(REFRESH, {}).expect(200);
    expect(gql.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const withKey = await app.http.post('/api/v1/catalog/refreshes').set('authorization', `Bearer ${ADMIN_KEY}`).send({}).expect(401);
    expect(withKey.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('refresh runs recorded before runs named their source', () => {
  it('read as EC2 refreshes, except the bundled loads, which read as BUNDLED', async () => {
    const db = await createEmptyDatabase();
    try {
      // The schema as the two migrations before CatalogRefreshSource left it, with a run of each trigger.
      const before = new DataSource({
        type: 'postgres',
        url: db.url,
        migrations: MIGRATIONS.slice(0, 2),
        migrationsTransactionMode: 'each',
      });
      await before.initialize();
      try {
        await before.runMigrations();
        await before.query(
          `INSERT INTO catalog_refresh (status, trigger, started_at, finished_at) VALUES
             ('SUCCEEDED', 'BUNDLED_SNAPSHOT', now() - interval '2 hours', now() - interval '2 hours'),
             ('SUCCEEDED', 'SCHEDULE', now() - interval '1 hour', now() - interval '1 hour')`,
        );
      } finally {
        await before.destroy();
      }
      // instance_type is empty: the start migrates, then loads the bundled catalog as a new run.
      const app = await startTestApp({ databaseUrl: db.url });
      try {
        const runs = (await app.gql('{ catalogRefreshes { trigger source } }').expect(200)).body.data.catalogRefreshes;
        expect(runs).toEqual([
          { trigger: 'BUNDLED_SNAPSHOT', source: 'BUNDLED' },
          { trigger: 'SCHEDULE', source: 'EC2' },
          { trigger: 'BUNDLED_SNAPSHOT', source: 'BUNDLED' },
        ]);
      } finally {
        await app.close();
      }
    } finally {
      await db.drop();
    }
  });
});
