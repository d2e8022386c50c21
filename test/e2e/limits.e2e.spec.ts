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
    const rest = await app.http.post('/api/v1/catalog/refreshes').set('content-type', 'application/json').send(JSON.stringify({ regions: [huge] }));
    expect(rest.status).toBe(413);
    expect(rest.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const gql = await app.http.post('/graphql').set('content-type', 'application/json').send(JSON.stringify({ query: `{ instanceType(name: "${huge}") { name } }` }));
    expect(gql.status).toBe(413);
    expect(gql.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers malformed JSON with a 400, not a 500', async () => {
    const res = await app.http.post('/api/v1/catalog/refreshes').set('content-type', 'application/json').send('{"regions": [');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
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
    const pages = Array.from({ length: 20 }, (_, i) => `p${i}: instanceTypes(first: 500) { nodes { name networkCards { networkCardIndex } } }`).join(' ');
    const res = await app.gql(`{ ${pages} }`);
    expect([200, 400]).toContain(res.status);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('bounds page sizes', async () => {
    const res = await app.gql('{ instanceTypes(first: 1000) { totalCount } }').expect(200);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('rate limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers 429 RATE_LIMITED with a retry-after once a client spends its budget, over REST and GraphQL', async () => {
    for (let i = 0; i < 5; i++) await app.http.get('/api/v1/instance-types/m5.large').expect(200);
    const rest = await app.http.get('/api/v1/instance-types/m5.large').expect(429);
    expect(rest.body.error.code).toBe('RATE_LIMITED');
    expect(Number(rest.headers['retry-after'])).toBeGreaterThan(0);
    const gql = await app.gql('{ instanceType(name: "m5.large") { name } }');
    expect(gql.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(gql.body.errors[0].extensions.details.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('keeps a separate budget per API key, and never limits the probes', async () => {
    await app.http.get('/api/v1/instance-types/m5.large').set('authorization', 'Bearer test-admin-key-0123456789abcdef').expect(200);
    for (let i = 0; i < 10; i++) await app.http.get('/health/live').expect(200);
  });
});
