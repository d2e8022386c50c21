import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEc2, type FakeEc2 } from '../support/fake-ec2/index.js';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app.js';

// Issue 12: on the embedded database (the default) four simultaneous refreshes all ran (4 x 201,
// three rounds), and a run was recorded SUCCEEDED with an "Interrupted" error. pglite-socket's
// connections share one backend, so PostgreSQL advisory locks do not exclude there.
const AWS_ENV = ['AWS_ENDPOINT_URL_EC2', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;

describe.each(['embedded', 'postgres'] as const)('one refresh at a time on the %s database', (database) => {
  const saved: Record<string, string | undefined> = {};
  let ec2: FakeEc2;
  let app: TestApp;

  beforeAll(async () => {
    for (const k of AWS_ENV) saved[k] = process.env[k];
    ec2 = await startFakeEc2();
    process.env.AWS_ENDPOINT_URL_EC2 = ec2.url;
    process.env.AWS_REGION = 'us-east-1';
    process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    app = await startTestApp({ database, env: { RATE_LIMIT_PER_MINUTE: '0' } });
  });
  afterAll(async () => {
    await app?.close();
    await ec2?.close();
    for (const k of AWS_ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('four simultaneous refreshes: one runs, three get 409, in each of three rounds; every run keeps its own status', async () => {
    const before = (await app.http.get('/api/v1/catalog/refreshes?first=200').set(adminAuth).expect(200)).body.length;
    const delay = ec2.inject({ action: 'DescribeRegions', fault: { kind: 'delay', ms: 300 } });
    try {
      for (let round = 0; round < 3; round++) {
        const answers = await Promise.all(
          Array.from({ length: 4 }, () =>
            app.http
              .post('/api/v1/catalog/refreshes')
              .set(adminAuth)
              .send({ regions: ['us-east-1'] }),
          ),
        );
        const statuses = answers.map((a) => a.status).sort();
        expect(statuses).toEqual([201, 409, 409, 409]);
        for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.error.code).toBe('REFRESH_ALREADY_RUNNING');
      }
    } finally {
      delay.remove();
    }
    const runs = (await app.http.get('/api/v1/catalog/refreshes?first=200').set(adminAuth).expect(200)).body.slice(
      0,
      -before || undefined,
    ) as Array<{ status: string; error: string | null }>;
    // Three rounds, one run each (newest first, the runs from before left out).
    expect(runs).toHaveLength(3);
    // A SUCCEEDED run never carries an error (another run's "interrupted" once overwrote it).
    for (const run of runs) expect(run).toMatchObject({ status: 'SUCCEEDED', error: null });
  });

  it('a failed run shows its code and a short message without an admin key, the details with one', async () => {
    const fault = ec2.inject({
      action: 'DescribeInstanceTypes',
      page: 1,
      fault: { kind: 'malformed', omit: 'NetworkInfo.Ipv4AddressesPerInterface' },
    });
    let id: string;
    try {
      const res = await app.http
        .post('/api/v1/catalog/refreshes')
        .set(adminAuth)
        .send({ regions: ['us-east-1'] })
        .expect(502);
      id = res.body.error.details.refresh.id;
    } finally {
      fault.remove();
    }
    const open = await app.http.get(`/api/v1/catalog/refreshes/${id}`).expect(200);
    expect(open.body.error).toBe('EC2_RECORD_INVALID: EC2 described an instance type the catalog cannot read');
    const gql = await app.gql('{ catalogRefreshes(first: 1) { error } }').expect(200);
    expect(gql.body.data.catalogRefreshes[0].error).toBe(open.body.error);
    const admin = await app.http.get(`/api/v1/catalog/refreshes/${id}`).set(adminAuth).expect(200);
    expect(admin.body.error.split('\n')[0]).toBe(open.body.error);
    expect(admin.body.error).toMatch(/Ipv4AddressesPerInterface/);
  });
});
