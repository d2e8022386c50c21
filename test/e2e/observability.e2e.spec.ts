import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogDestination } from '../../src/common/log-destination.js';
import { startFakeEc2, type FakeEc2 } from '../support/fake-ec2/index.js';
import { adminAuth, createEmptyDatabase, startTestApp, type TestApp } from '../support/test-app.js';

// What operators see (issue: production readiness, "Observability"): Prometheus metrics for HTTP,
// GraphQL, catalog refreshes and the catalog itself; a request id on every response; and a graceful
// shutdown that lets a slow request finish, leaves no refresh RUNNING and releases the refresh lock.

const AWS_ENV = ['AWS_ENDPOINT_URL_EC2', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;
const savedEnv: Record<string, string | undefined> = {};

function pointSdkAt(url: string): void {
  process.env.AWS_ENDPOINT_URL_EC2 = url;
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'secret';
}

beforeAll(() => {
  for (const k of AWS_ENV) savedEnv[k] = process.env[k];
});
afterAll(() => {
  for (const k of AWS_ENV) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
});

interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** The samples of one metric in Prometheus' text format. */
function samples(text: string, name: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || (line[name.length] !== '{' && line[name.length] !== ' ')) continue;
    const m = /^[^{\s]+(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v;
    out.push({ labels, value: Number(m[2]) });
  }
  return out;
}

/** The value of the one sample whose labels include `labels` (0 when there is none). */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number {
  const found = samples(text, name).filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  expect(found.length, `${name}${JSON.stringify(labels)} matches ${found.length} samples`).toBeLessThanOrEqual(1);
  return found[0]?.value ?? 0;
}

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

describe('metrics and request ids', () => {
  let app: TestApp;

  beforeAll(async () => {
    // The one refresh here must fail fast and never reach AWS: a closed local port, one attempt.
    pointSdkAt('http://127.0.0.1:9');
    app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '0', EC2_MAX_ATTEMPTS: '1' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  async function scrape(): Promise<string> {
    const res = await app.http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    return res.text;
  }

  it('/metrics is public and counts HTTP requests by method, route and status, with durations', async () => {
    for (let i = 0; i < 3; i++) await app.http.get('/api/v1/instance-types/m5.large').expect(200);
    await app.http.get('/api/v1/instance-types/m5.gigantic').expect(404);
    await app.http.get('/no/such/route').expect(404);
    await app.http.get('/another/unknown/path/42').expect(404);
    const text = await scrape();
    const route = '/api/v1/instance-types/:name';
    expect(valueOf(text, 'eks_net_planner_http_requests_total', { method: 'GET', route, status: '200' })).toBe(3);
    expect(valueOf(text, 'eks_net_planner_http_requests_total', { method: 'GET', route, status: '404' })).toBe(1);
    // Unknown paths share one label (Nest's catch-all route): a scanner cannot grow the series.
    const unknown = samples(text, 'eks_net_planner_http_requests_total').filter(
      (s) => s.labels.status === '404' && s.labels.route !== route,
    );
    expect(unknown).toHaveLength(1);
    expect(unknown[0].value).toBe(2);
    expect(unknown[0].labels.route).not.toMatch(/no|another/);
    expect(valueOf(text, 'eks_net_planner_http_request_duration_seconds_count', { method: 'GET', route })).toBe(4);
    expect(valueOf(text, 'eks_net_planner_http_request_duration_seconds_sum', { method: 'GET', route })).toBeGreaterThan(0);
    expect(valueOf(text, 'eks_net_planner_http_request_duration_seconds_bucket', { method: 'GET', route, le: '+Inf' })).toBe(4);
    // Process metrics come along.
    expect(samples(text, 'eks_net_planner_process_cpu_seconds_total').length).toBe(1);
  });

  it('counts and times GraphQL operations by operation name, type and outcome', async () => {
    for (let i = 0; i < 2; i++) {
      const ok = await app.gql('query PlannerProbe { instanceType(name: "m5.large") { name } }').expect(200);
      expect(ok.body.errors).toBeUndefined();
    }
    const bad = await app.gql('query PlannerTooBig { instanceTypes(first: 1000) { totalCount } }');
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    await app.gql('{ policyTemplates { id } }').expect(200);
    const text = await scrape();
    const name = 'eks_net_planner_graphql_operations_total';
    expect(valueOf(text, name, { operation: 'PlannerProbe', type: 'query', outcome: 'success' })).toBe(2);
    expect(valueOf(text, name, { operation: 'PlannerTooBig', type: 'query', outcome: 'error' })).toBe(1);
    expect(valueOf(text, name, { operation: 'anonymous', type: 'query', outcome: 'success' })).toBe(1);
    expect(valueOf(text, 'eks_net_planner_graphql_operation_duration_seconds_count', { operation: 'PlannerProbe', type: 'query' })).toBe(2);
    expect(
      valueOf(text, 'eks_net_planner_graphql_operation_duration_seconds_sum', { operation: 'PlannerProbe', type: 'query' }),
    ).toBeGreaterThan(0);
    // And the HTTP side sees them on the GraphQL route.
    const graphqlRoutes = samples(text, 'eks_net_planner_http_requests_total').filter((s) => s.labels.route.startsWith('/graphql'));
    expect(graphqlRoutes.reduce((n, s) => n + s.value, 0)).toBeGreaterThanOrEqual(4);
  });

  it('operation names are client input: distinct names do not grow the series without bound', async () => {
    for (let i = 0; i < 300; i++) await app.gql(`query Scan${i}x${'y'.repeat(i % 7 === 0 ? 300 : 1)} { __typename }`).expect(200);
    const text = await scrape();
    const series = samples(text, 'eks_net_planner_graphql_operations_total');
    expect(series.length).toBeLessThanOrEqual(150);
    // Every operation is still counted, under a shared label once the names run out.
    const scans = series.filter((s) => s.labels.operation.startsWith('Scan') || s.labels.operation === 'other');
    expect(scans.reduce((n, s) => n + s.value, 0)).toBe(300);
    expect(Math.max(...series.map((s) => s.labels.operation.length))).toBeLessThanOrEqual(64);
  });

  it('counts catalog refreshes by outcome with their duration: a refresh that cannot reach EC2 is FAILED', async () => {
    const before = await scrape();
    expect(valueOf(before, 'eks_net_planner_catalog_refresh_runs_total', { outcome: 'FAILED' })).toBe(0);
    const res = await app.http
      .post('/api/v1/catalog/refreshes')
      .set(adminAuth)
      .send({ regions: ['us-east-1'] });
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('CATALOG_REFRESH_FAILED');
    expect(res.body.error.details.refresh.status).toBe('FAILED');
    const text = await scrape();
    expect(valueOf(text, 'eks_net_planner_catalog_refresh_runs_total', { outcome: 'FAILED' })).toBe(1);
    expect(valueOf(text, 'eks_net_planner_catalog_refresh_runs_total', { outcome: 'SUCCEEDED' })).toBe(0);
    expect(valueOf(text, 'eks_net_planner_catalog_refresh_duration_seconds_count', { outcome: 'FAILED' })).toBe(1);
    expect(valueOf(text, 'eks_net_planner_catalog_refresh_duration_seconds_sum', { outcome: 'FAILED' })).toBeGreaterThanOrEqual(0);
    // The catalog in service is untouched.
    expect(valueOf(text, 'eks_net_planner_catalog_instance_types')).toBe(1373);
  });

  it('exposes the catalog size and age', async () => {
    const text = await scrape();
    expect(valueOf(text, 'eks_net_planner_catalog_instance_types')).toBe(1373);
    const age = valueOf(text, 'eks_net_planner_catalog_age_seconds');
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(600);
  });

  it('counts the log lines dropped when standard output does not keep up', async () => {
    const before = samples(await scrape(), 'eks_net_planner_log_lines_dropped_total');
    expect(before).toHaveLength(1);
    // A destination of this process with a 200-byte bound, fed one synchronous burst: its first line's
    // write is in flight, the next three fill the bound (4 x 50 bytes), the other 16 are dropped.
    const dir = mkdtempSync(join(tmpdir(), 'planner-drops-'));
    try {
      const stream = createLogDestination(openSync(join(dir, 'out.log'), 'w'), 200);
      const line = `${'x'.repeat(49)}\n`;
      for (let i = 0; i < 20; i++) stream.write(line);
      await new Promise<void>((resolve) => {
        stream.once('close', () => resolve());
        stream.end();
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(valueOf(await scrape(), 'eks_net_planner_log_lines_dropped_total')).toBe(before[0].value + 16);
  });

  it('puts an x-request-id on every response, REST, GraphQL, errors, probes and scrapes alike', async () => {
    const responses = [
      await app.http.get('/health/live'),
      await app.http.get('/health/ready'),
      await app.http.get('/metrics'),
      await app.http.get('/api/v1/instance-types/m5.large'),
      await app.http.get('/api/v1/instance-types/m5.gigantic'),
      await app.http.get('/no/such/route'),
      await app.http.post('/api/v1/catalog/refreshes').send({}), // 401, no key
      await app.http.post('/api/v1/catalog/refreshes').set('content-type', 'application/json').send('{"regions": ['), // 400 before any route
      await app.gql('{ instanceType(name: "m5.large") { name } }'),
      await app.gql('{ nope }'),
      await app.http.get('/api/docs-json'),
    ];
    const ids = responses.map((r) => r.headers['x-request-id']);
    for (const id of ids) expect(id).toMatch(SANE_ID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of responses.filter((x) => x.status >= 400 && x.body?.error))
      expect(r.body.error.requestId).toBe(r.headers['x-request-id']);
  });

  it('echoes a sane incoming x-request-id, in the header, the error body and GraphQL errors', async () => {
    const id = 'trace-1234.abcd:EF_56';
    const rest = await app.http.get('/api/v1/instance-types/m5.gigantic').set('x-request-id', id).expect(404);
    expect(rest.headers['x-request-id']).toBe(id);
    expect(rest.body.error.requestId).toBe(id);
    const gql = await app.gql('{ instanceTypes(first: 1000) { totalCount } }', undefined, { 'x-request-id': id });
    expect(gql.headers['x-request-id']).toBe(id);
    expect(gql.body.errors[0].extensions.requestId).toBe(id);
    await app.http.get('/health/live').set('x-request-id', id).expect('x-request-id', id);
  });

  it.each([
    ['300 characters', 'a'.repeat(300)],
    ['spaces', 'has spaces in it'],
    ['a header injection attempt', 'abc;def=1,ghi'],
    ['non-ASCII', 'trace-é'],
  ])('replaces a hostile incoming x-request-id (%s) with a fresh one', async (_what, hostile) => {
    const res = await app.http.get('/api/v1/instance-types/m5.gigantic').set('x-request-id', hostile).expect(404);
    const id = res.headers['x-request-id'];
    expect(id).not.toBe(hostile);
    expect(id).toMatch(SANE_ID);
    expect(res.body.error.requestId).toBe(id);
  });
});

describe('graceful shutdown', () => {
  let ec2: FakeEc2;
  let db: { url: string; drop: () => Promise<void> };
  const open: TestApp[] = [];

  async function start(): Promise<TestApp> {
    const app = await startTestApp({ databaseUrl: db.url, env: { RATE_LIMIT_PER_MINUTE: '0', EC2_MAX_ATTEMPTS: '2' } });
    open.push(app);
    return app;
  }

  /** Closes the service the way a SIGTERM does; the database stays for the checks. */
  async function close(app: TestApp): Promise<void> {
    open.splice(open.indexOf(app), 1);
    await app.running.close();
  }

  async function refreshRows(): Promise<Array<{ id: string; status: string }>> {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query('SELECT id, status FROM catalog_refresh ORDER BY started_at')).rows;
    } finally {
      await client.end();
    }
  }

  async function waitFor(what: string, ms: number, probe: () => boolean): Promise<void> {
    const deadline = Date.now() + ms;
    while (!probe()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  beforeAll(async () => {
    ec2 = await startFakeEc2();
    pointSdkAt(ec2.url);
    db = await createEmptyDatabase();
  });
  afterAll(async () => {
    for (const app of [...open]) await close(app).catch(() => {});
    await ec2?.close();
    await db?.drop();
  });

  it('lets an in-flight refresh finish and answer, leaves no RUNNING run, and releases the refresh lock', async () => {
    const app = await start();
    ec2.resetStats();
    const delay = ec2.inject({ action: 'DescribeRegions', fault: { kind: 'delay', ms: 1500 } });
    const pending = app.http
      .post('/api/v1/catalog/refreshes')
      .set(adminAuth)
      .send({})
      .then((res) => res);
    // The refresh is under way (EC2 is slow to answer) when the service is told to stop.
    await waitFor('the refresh to call DescribeRegions', 20_000, () => ec2.count({ action: 'DescribeRegions' }) > 0);
    const closing = close(app);
    const res = await pending;
    await closing;
    delay.remove();
    ec2.clearFaults();

    expect(res.status).toBe(201);
    expect(res.body.status).toBe('SUCCEEDED');
    const rows = await refreshRows();
    expect(rows.filter((r) => r.status === 'RUNNING')).toEqual([]);
    expect(rows.find((r) => r.id === res.body.id)?.status).toBe('SUCCEEDED');

    // The advisory lock went with the process: a new replica on the same database can refresh.
    const next = await start();
    const again = await next.http
      .post('/api/v1/catalog/refreshes')
      .set(adminAuth)
      .send({ regions: ['us-east-1'] });
    expect(again.status).toBe(201);
    expect(again.body.status).toBe('SUCCEEDED');
    await close(next);
  }, 120_000);

  it('a refresh running in the background (wait=false) is finished or recorded FAILED before the process stops, never left RUNNING', async () => {
    const app = await start();
    ec2.resetStats();
    ec2.inject({ action: 'DescribeInstanceTypeOfferings', fault: { kind: 'delay', ms: 1500 } });
    const accepted = await app.http
      .post('/api/v1/catalog/refreshes?wait=false')
      .set(adminAuth)
      .send({ regions: ['us-east-1', 'eu-west-1'] });
    expect(accepted.status).toBe(202);
    expect(accepted.body.status).toBe('RUNNING');
    await waitFor('the refresh to call EC2', 20_000, () => ec2.count({ action: 'DescribeInstanceTypeOfferings' }) > 0);
    await close(app);
    ec2.clearFaults();

    const rows = await refreshRows();
    expect(rows.filter((r) => r.status === 'RUNNING')).toEqual([]);
    expect(['SUCCEEDED', 'FAILED']).toContain(rows.find((r) => r.id === accepted.body.id)?.status);

    const next = await start();
    const again = await next.http
      .post('/api/v1/catalog/refreshes')
      .set(adminAuth)
      .send({ regions: ['us-east-1'] });
    expect(again.status).toBe(201);
    await close(next);
  }, 120_000);
});
