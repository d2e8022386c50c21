import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// PostgreSQL stopped and started again under load (issue: production readiness, "Resilience"). The
// cluster is this file's own: the suite's shared server is in use by other files and is never
// restarted. While the database is down the service keeps answering, quickly: 503
// SERVICE_UNAVAILABLE for what needs the database, answers from memory for the rest, /health/ready
// 503 with database "down"; once it is back the same process serves again, with no restart.

const LOAD_CONCURRENCY = 8;
const REQUEST_TIMEOUT_MS = 8_000;
/** The slowest answer acceptable while the database is down: a failing request must fail fast. */
const MAX_ANSWER_MS = 6_000;

interface Sample {
  what: string;
  phase: 'up' | 'down' | 'recovering';
  status: number;
  code?: string;
  ms: number;
  failure?: string;
}

type Phase = Sample['phase'];

const READS: Array<{ what: string; run: (app: TestApp) => Promise<{ status: number; body: any }> }> = [
  { what: 'REST one type', run: (app) => app.http.get('/api/v1/instance-types/m5.large').timeout(REQUEST_TIMEOUT_MS) },
  { what: 'REST a page', run: (app) => app.http.get('/api/v1/instance-types?family=m5,c6i&first=20').timeout(REQUEST_TIMEOUT_MS) },
  { what: 'REST refresh history', run: (app) => app.http.get('/api/v1/catalog/refreshes?first=5').timeout(REQUEST_TIMEOUT_MS) },
  { what: 'REST templates (memory)', run: (app) => app.http.get('/api/v1/templates').timeout(REQUEST_TIMEOUT_MS) },
  {
    what: 'GraphQL one type',
    run: (app) => app.gql('{ instanceType(name: "c5.large") { name ipv4AddressesPerInterface } }').timeout(REQUEST_TIMEOUT_MS),
  },
  {
    what: 'GraphQL a page',
    run: (app) =>
      app.gql('{ instanceTypes(first: 10, filter: {family: ["m5"]}) { totalCount nodes { name } } }').timeout(REQUEST_TIMEOUT_MS),
  },
  { what: 'GraphQL refresh history', run: (app) => app.gql('{ catalogRefreshes(first: 3) { id status } }').timeout(REQUEST_TIMEOUT_MS) },
];

/** The error code of a REST or GraphQL answer, if it is an error. */
function codeOf(body: any): string | undefined {
  return body?.error?.code ?? body?.errors?.[0]?.extensions?.code;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Concurrent reads in a bounded loop until stopped; every answer is recorded with the phase it started in. */
function startLoad(app: TestApp, phaseNow: () => Phase) {
  const samples: Sample[] = [];
  let stopped = false;
  let n = 0;
  const worker = async (w: number) => {
    while (!stopped) {
      const read = READS[(n++ + w) % READS.length];
      const phase = phaseNow();
      const started = Date.now();
      try {
        const res = await read.run(app);
        samples.push({ what: read.what, phase, status: res.status, code: codeOf(res.body), ms: Date.now() - started });
      } catch (err) {
        samples.push({ what: read.what, phase, status: 0, ms: Date.now() - started, failure: (err as Error).message });
      }
    }
  };
  const workers = Array.from({ length: LOAD_CONCURRENCY }, (_, w) => worker(w));
  return {
    samples,
    async stop() {
      stopped = true;
      await Promise.all(workers);
    },
  };
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await sleep(200);
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

describe('PostgreSQL restarted under load', () => {
  let pg: PrivatePostgres | undefined;
  let app: TestApp | undefined;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    app = await startTestApp({ databaseUrl: pg.url, env: { RATE_LIMIT_PER_MINUTE: '0' } });
  });

  afterAll(async () => {
    try {
      // The service first (its pool ends whether or not the server is up), then the cluster.
      await app?.close();
    } finally {
      await pg?.destroy();
    }
  });

  it('fails fast and cleanly while the database is down, and recovers without a restart', async () => {
    const a = app!;
    const ready = await a.http.get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ database: 'up', catalog: { loaded: true, instanceTypes: 1373 } });

    let phase: Phase = 'up';
    const load = startLoad(a, () => phase);
    try {
      await sleep(1_500);

      // ---- the database goes away under load
      phase = 'down';
      await pg!.stop();
      const outageStarted = Date.now();

      const down = await waitFor('/health/ready to report the database down', 8_000, async () => {
        const res = await a.http.get('/health/ready').timeout(REQUEST_TIMEOUT_MS);
        return res.status === 503 ? res : undefined;
      });
      expect(down.body).toMatchObject({ status: 'unavailable', database: 'down' });
      expect(Date.now() - outageStarted).toBeLessThan(8_000);
      await a.http.get('/health/live').expect(200);
      // What needs the database answers 503 SERVICE_UNAVAILABLE at once, on both doors.
      const rest = await a.http.get('/api/v1/instance-types/m5.large').timeout(REQUEST_TIMEOUT_MS);
      expect(rest.status).toBe(503);
      expect(rest.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', requestId: rest.headers['x-request-id'] });
      const gql = await a.gql('{ instanceType(name: "m5.large") { name } }').timeout(REQUEST_TIMEOUT_MS);
      expect(gql.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      // What the service keeps in memory still answers.
      await a.http.get('/api/v1/templates').expect(200);
      await sleep(2_000); // the load keeps going against the outage

      // ---- the database comes back: the same process serves again
      phase = 'recovering';
      await pg!.start();
      const recovered = await waitFor('/health/ready 200 after the database came back', 20_000, async () => {
        const res = await a.http.get('/health/ready').timeout(REQUEST_TIMEOUT_MS);
        return res.status === 200 ? res : undefined;
      });
      expect(recovered.body).toMatchObject({ status: 'ok', database: 'up', catalog: { loaded: true, instanceTypes: 1373 } });
      await waitFor('REST reads to succeed again', 10_000, async () => {
        const res = await a.http.get('/api/v1/instance-types/m5.large').timeout(REQUEST_TIMEOUT_MS);
        return res.status === 200 ? res : undefined;
      });
      await sleep(1_000); // and under load once more
    } finally {
      await load.stop();
    }

    // Every read stays answered: no connection dropped, nothing slow, no 500; failures are 503 SERVICE_UNAVAILABLE.
    const samples = load.samples;
    const dropped = samples.filter((s) => s.status === 0);
    expect(dropped, JSON.stringify(dropped.slice(0, 5))).toEqual([]);
    const slow = samples.filter((s) => s.ms > MAX_ANSWER_MS);
    expect(slow, JSON.stringify(slow.slice(0, 5))).toEqual([]);
    const unexpected = samples.filter(
      (s) => !(s.status === 200 && s.code === undefined) && !(s.code === 'SERVICE_UNAVAILABLE' && (s.status === 503 || s.status === 200)),
    );
    expect(unexpected, JSON.stringify(unexpected.slice(0, 5))).toEqual([]);
    // The load did see the outage, and ran on both sides of it.
    expect(samples.filter((s) => s.phase === 'up' && s.status === 200).length).toBeGreaterThan(10);
    expect(samples.filter((s) => s.phase === 'down' && s.code === 'SERVICE_UNAVAILABLE').length).toBeGreaterThan(0);
    expect(samples.filter((s) => s.phase === 'down' && s.what.includes('(memory)') && s.status === 200).length).toBeGreaterThan(0);

    // And afterwards: queries on both doors succeed on the same process.
    const page = await a.gql('{ instanceTypes(first: 1) { totalCount } }').expect(200);
    expect(page.body.errors).toBeUndefined();
    expect(page.body.data.instanceTypes.totalCount).toBe(1373);
    const refreshes = await a.http.get('/api/v1/catalog/refreshes').expect(200);
    expect(refreshes.body.length).toBeGreaterThan(0);
  }, 90_000);
});
