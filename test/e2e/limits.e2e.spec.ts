import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Abuse limits (issue: production readiness, "Limits"): body size, GraphQL depth, aliases and cost,
// rate limits per client, bounded pages.
describe('request limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses a body over the limit with 413 PAYLOAD_TOO_LARGE, on REST and GraphQL', async () => {
    const huge = 'x'.repeat(1_100_000);
    const rest = await app.http
      .post('/api/v1/catalog/refreshes')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ regions: [huge] }));
    expect(rest.status).toBe(413);
    // The envelope as for every error, naming the limit (BODY_LIMIT_BYTES, 1 MiB by default) and the body's length.
    const bytes = Buffer.byteLength(JSON.stringify({ regions: [huge] }));
    expect(rest.body.error).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: `Request body too large: ${bytes} bytes; at most 1048576 are read (BODY_LIMIT_BYTES)`,
      details: { limit: 1_048_576, bytes },
      requestId: rest.headers['x-request-id'],
    });
    const gql = await app.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ query: `{ instanceType(name: "${huge}") { name } }` }));
    expect(gql.status).toBe(413);
    // /graphql answers in GraphQL's shape, errors refused before Apollo runs included.
    expect(gql.body).toEqual({
      errors: [
        {
          message: expect.stringContaining('at most 1048576 are read'),
          extensions: {
            code: 'PAYLOAD_TOO_LARGE',
            details: { limit: 1_048_576, bytes: expect.any(Number) },
            requestId: gql.headers['x-request-id'],
          },
        },
      ],
    });
  });

  it('a __proto__ key is refused as such, not as malformed JSON', async () => {
    const res = await app.http
      .post('/api/v1/capacity/sizing')
      .set('content-type', 'application/json')
      .send('{"__proto__": {"x": 1}, "workload": {}}');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { rule: 'FORBIDDEN_KEY' } });
    expect(res.body.error.message).toContain('__proto__');
  });

  it('answers malformed JSON with a 400, not a 500, on REST and GraphQL', async () => {
    const res = await app.http.post('/api/v1/catalog/refreshes').set('content-type', 'application/json').send('{"regions": [');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const gql = await app.http.post('/graphql').set('content-type', 'application/json').send('{"query": "{ __typename }"');
    expect(gql.status).toBe(400);
    expect(gql.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', requestId: gql.headers['x-request-id'] });
    expect(gql.body.errors[0].message).toMatch(/not valid JSON/);
  });

  it('refuses a 30-deep query before it runs', async () => {
    const ok = await app.gql('{ instanceTypes(first: 1) { edges { node { networkCards { networkCardIndex } } } } }').expect(200);
    expect(ok.body.errors).toBeUndefined();
    // The schema's own types nest as deep as a client likes through introspection's ofType.
    let selection = 'name';
    for (let i = 0; i < 30; i++) selection = `ofType { ${selection} }`;
    const res = await app.gql(`{ __schema { types { fields { type { ${selection} } } } } }`);
    expect([200, 400]).toContain(res.status);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.data).toBeUndefined();
  });

  it('refuses a 300-alias query before it runs', async () => {
    const aliases = Array.from({ length: 300 }, (_, i) => `a${i}: instanceType(name: "m5.large") { name }`).join(' ');
    const res = await app.gql(`{ ${aliases} }`);
    expect([200, 400]).toContain(res.status);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses a query whose cost is too high', async () => {
    const pages = Array.from(
      { length: 20 },
      (_, i) => `p${i}: instanceTypes(first: 500) { nodes { name networkCards { networkCardIndex } } }`,
    ).join(' ');
    const res = await app.gql(`{ ${pages} }`);
    expect([200, 400]).toContain(res.status);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('bounds page sizes', async () => {
    const res = await app.gql('{ instanceTypes(first: 1000) { totalCount } }').expect(200);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('a `first` above the page size is the same refusal as over REST, not a cost priced on the asked page', async () => {
    for (const first of [100_000, 2_147_483_647]) {
      const rest = await app.http.get('/api/v1/instance-types').query({ first }).expect(400);
      expect(rest.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'first must be between 0 and 500' });
      const gql = await app.gql('query($n: Int) { instanceTypes(first: $n) { totalCount } }', { n: first }).expect(200);
      expect(gql.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(gql.body.errors[0].message).toBe(rest.body.error.message);

      const restRuns = await app.http.get('/api/v1/catalog/refreshes').query({ first }).expect(400);
      expect(restRuns.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'first must not be greater than 200' });
      const gqlRuns = await app.gql('query($n: Int) { catalogRefreshes(first: $n) { id } }', { n: first }).expect(200);
      expect(gqlRuns.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(gqlRuns.body.errors[0].message).toBe(restRuns.body.error.message);
    }
    // Still priced at the largest page it may serve: 20 pages of 500 are over the cost limit.
    const pages = Array.from(
      { length: 20 },
      (_, i) => `p${i}: instanceTypes(first: 100000) { nodes { name networkCards { networkCardIndex } } }`,
    );
    const res = await app.gql(`{ ${pages.join(' ')} }`).expect(400);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('rate limits', () => {
  // A budget of 100 cost units a minute per client; a REST request costs 20, so 5 fit. TRUST_PROXY
  // lets each test be its own client (x-forwarded-for), with a full budget.
  let app: TestApp;
  let client = 0;
  const nextClient = () => `10.0.0.${++client}`;
  beforeAll(async () => {
    app = await startTestApp({
      env: { RATE_LIMIT_PER_MINUTE: '100', RATE_LIMIT_REST_COST: '20', GRAPHQL_MAX_COST: '100', TRUST_PROXY: '127.0.0.1' },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers 429 RATE_LIMITED with a retry-after once a client spends its budget, over REST and GraphQL', async () => {
    const ip = nextClient();
    // 5 x 20 = 100 units: the whole budget.
    for (let i = 0; i < 5; i++) await app.http.get('/api/v1/instance-types/m5.large').set('x-forwarded-for', ip).expect(200);
    const rest = await app.http.get('/api/v1/instance-types/m5.large').set('x-forwarded-for', ip).expect(429);
    expect(rest.body.error.code).toBe('RATE_LIMITED');
    expect(Number(rest.headers['retry-after'])).toBeGreaterThan(0);
    const gql = await app.gql('{ instanceType(name: "m5.large") { name } }', undefined, { 'x-forwarded-for': ip }).expect(429);
    expect(gql.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(gql.body.errors[0].extensions.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(Number(gql.headers['retry-after'])).toBeGreaterThan(0);
    expect(gql.body.data).toBeUndefined();
  });

  it('counts GraphQL requests that run no resolver (`{ __typename }`)', async () => {
    const ip = nextClient();
    let statuses: number[] = [];
    // Each costs 1 on arrival plus its estimated cost (1 here): at most 50 fit in 100 units.
    for (let i = 0; i < 60; i++) statuses.push((await app.gql('{ __typename }', undefined, { 'x-forwarded-for': ip })).status);
    statuses = [...new Set(statuses)];
    expect(statuses).toEqual([200, 429]);
  });

  it('refuses a GraphQL request over the remaining budget whole, with 429 and no partial data', async () => {
    const ip = nextClient();
    // 4 x 20 = 80 units spent, 20 left; the query below costs 1 + 20 x (nodes 1 + name 1) = 41, more than 20.
    for (let i = 0; i < 4; i++) await app.http.get('/api/v1/instance-types/m5.large').set('x-forwarded-for', ip).expect(200);
    const res = await app
      .gql('query($n: Int!) { instanceTypes(first: $n) { nodes { name } } }', { n: 20 }, { 'x-forwarded-for': ip })
      .expect(429);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(res.body.errors[0].extensions.details.cost).toBeGreaterThan(20);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // A cheaper one still fits.
    const cheap = await app.gql('{ instanceType(name: "m5.large") { name } }', undefined, { 'x-forwarded-for': ip }).expect(200);
    expect(cheap.body.data.instanceType.name).toBe('m5.large');
  });

  it('gives bogus Authorization values no fresh budget: they count against the address (401s, then 429)', async () => {
    const ip = nextClient();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await app.http
        .get('/api/v1/instance-types/m5.large')
        .set('x-forwarded-for', ip)
        .set('authorization', `Bearer bogus-key-${i}-0123456789abcdef`);
      statuses.push(res.status);
    }
    // 5 x 20 = 100 units: five 401s, then 429 before any key lookup.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const gql = await app
      .gql('{ __typename }', undefined, { 'x-forwarded-for': ip, authorization: 'Bearer another-bogus-key-0123456789' })
      .expect(429);
    expect(gql.body.errors[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('keeps a separate budget per valid API key, and never limits the probes', async () => {
    const ip = nextClient();
    for (let i = 0; i < 5; i++) await app.http.get('/api/v1/instance-types/m5.large').set('x-forwarded-for', ip).expect(200);
    await app.http.get('/api/v1/instance-types/m5.large').set('x-forwarded-for', ip).expect(429);
    await app.http
      .get('/api/v1/instance-types/m5.large')
      .set('x-forwarded-for', ip)
      .set('authorization', 'Bearer test-admin-key-0123456789abcdef')
      .expect(200);
    for (let i = 0; i < 10; i++) await app.http.get('/health/live').set('x-forwarded-for', ip).expect(200);
  });

  it('counts paths that only look like the probes (/healthz, /metrics.json): the exemption is the probes and /metrics themselves', async () => {
    const ip = nextClient();
    const statuses: number[] = [];
    for (const path of ['/healthz', '/health-check', '/metrics.json', '/health/nope', '/metricsz', '/healthz']) {
      statuses.push((await app.http.get(path).set('x-forwarded-for', ip)).status);
    }
    // 5 x 20 = 100 units: five 404s, then 429.
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    await app.http.get('/health/ready').set('x-forwarded-for', ip).expect(200);
    await app.http.get('/metrics').set('x-forwarded-for', ip).expect(200);
  });
});
