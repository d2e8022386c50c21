import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Issue 14: CORS for portals. CORS_ORIGINS names the origins whose pages may call the API; preflights
// on REST and /graphql are answered for them only; Apollo's CSRF prevention stays on.

const PORTAL = 'https://portal.example.com';
const OTHER = 'https://evil.example.net';

function preflight(app: TestApp, url: string, origin: string, method: string, headers: string) {
  return app.http
    .options(url)
    .set('origin', origin)
    .set('access-control-request-method', method)
    .set('access-control-request-headers', headers);
}

describe('CORS with CORS_ORIGINS set', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { CORS_ORIGINS: `${PORTAL},http://localhost:5173` } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ['/graphql', 'POST', 'content-type'],
    ['/api/v1/capacity/m5.large', 'GET', 'authorization'],
    ['/api/v1/capacity/sizing', 'POST', 'content-type,authorization'],
  ])('answers the preflight of %s (%s) for a listed origin', async (url, method, headers) => {
    const res = await preflight(app, url, PORTAL, method, headers);
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(PORTAL);
    expect(res.headers['access-control-allow-methods']).toContain(method);
    for (const h of headers.split(',')) expect(res.headers['access-control-allow-headers']).toContain(h);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers.vary).toMatch(/Origin/);
  });

  const corsHeaders = (headers: Record<string, string>) => Object.keys(headers).filter((h) => h.startsWith('access-control-'));

  it('gives no CORS headers to an origin not listed (nor to a request with no Origin)', async () => {
    for (const [url, method, headers] of [
      ['/graphql', 'POST', 'content-type'],
      ['/api/v1/capacity/m5.large', 'GET', 'authorization'],
    ]) {
      const pre = await preflight(app, url, OTHER, method, headers);
      expect(corsHeaders(pre.headers), `preflight of ${url}`).toEqual([]);
      // No preflight is answered for it: the browser reports the CORS failure.
      expect(pre.status).toBeGreaterThanOrEqual(400);
      expect(pre.headers.vary).toMatch(/Origin/);
    }
    const real = await app.gql('{ __typename }', undefined, { origin: OTHER }).expect(200);
    expect(corsHeaders(real.headers)).toEqual([]);
    expect(real.headers.vary).toMatch(/Origin/);
    const rest = await app.http.get('/api/v1/capacity/m5.large?os=windows&ipMode=secondary-ip').set('origin', OTHER).expect(200);
    expect(corsHeaders(rest.headers)).toEqual([]);
    const noOrigin = await app.http.get('/api/v1/capacity/m5.large?os=windows&ipMode=secondary-ip').expect(200);
    expect(corsHeaders(noOrigin.headers)).toEqual([]);
  });

  it("answers an unlisted origin's preflight (or an OPTIONS with no Origin) on a REST path as with CORS off: 405 with Allow", async () => {
    for (const url of ['/api/v1/capacity/m5.large', '/api/v1/instance-types/m5.large', '/api/v1/capacity/sizing', '/api/v1/api-keys']) {
      for (const res of [await preflight(app, url, OTHER, 'GET', 'authorization'), await app.http.options(url)]) {
        expect(res.status, `OPTIONS ${url}`).toBe(405);
        expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
        expect(res.headers.allow).toBeTruthy();
        expect(res.headers.allow).not.toContain('OPTIONS');
        expect(res.body.error.requestId).toBe(res.headers['x-request-id']);
        expect(corsHeaders(res.headers)).toEqual([]);
      }
    }
    expect((await preflight(app, '/api/v1/capacity/m5.large', OTHER, 'GET', 'authorization')).headers.allow).toBe('GET, HEAD');
    // /graphql the same (Apollo answered it 400 with a CSRF refusal), in the GraphQL error shape.
    for (const res of [await preflight(app, '/graphql', OTHER, 'POST', 'content-type'), await app.http.options('/graphql')]) {
      expect(res.status, 'OPTIONS /graphql').toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD, POST');
      expect(res.body.errors[0].extensions).toMatchObject({ code: 'METHOD_NOT_ALLOWED', requestId: res.headers['x-request-id'] });
      expect(corsHeaders(res.headers)).toEqual([]);
    }
    // An unknown path is still 404.
    expect((await preflight(app, '/api/v1/no-such-thing/x', OTHER, 'GET', 'authorization')).status).toBe(404);
  });

  it('lets a listed origin read answers and x-request-id, over REST and GraphQL', async () => {
    const rest = await app.http.get('/api/v1/capacity/m5.large?os=windows&ipMode=secondary-ip').set('origin', PORTAL).expect(200);
    expect(rest.headers['access-control-allow-origin']).toBe(PORTAL);
    expect(rest.headers['access-control-expose-headers']).toMatch(/x-request-id/);
    expect(rest.headers['access-control-expose-headers']).toMatch(/etag/);
    const gql = await app
      .gql('query($n: String!) { instanceType(name: $n) { name } }', { n: 'm5.large' }, { origin: 'http://localhost:5173' })
      .expect(200);
    expect(gql.body.data.instanceType.name).toBe('m5.large');
    expect(gql.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(gql.headers['access-control-expose-headers']).toMatch(/x-request-id/);
    // Errors carry the headers too, so the portal can read the error envelope.
    const missing = await app.http.get('/api/v1/instance-types/m5.nope').set('origin', PORTAL).expect(404);
    expect(missing.headers['access-control-allow-origin']).toBe(PORTAL);
  });

  it('gives a revalidation answered 304 on arrival its CORS headers too', async () => {
    const url = '/api/v1/capacity/m5.large?os=windows&ipMode=prefix-delegation';
    const first = await app.http.get(url).set('origin', PORTAL).expect(200);
    const again = await app.http.get(url).set('origin', PORTAL).set('if-none-match', first.headers.etag).expect(304);
    expect(again.headers['access-control-allow-origin']).toBe(PORTAL);
    expect(again.headers['access-control-expose-headers']).toMatch(/etag/);
    expect(again.headers.vary).toMatch(/Origin/);
    expect(again.headers.vary).toMatch(/Accept/);
  });

  it("keeps Apollo's CSRF prevention: a simple cross-origin request runs no operation", async () => {
    const get = await app.http.get('/graphql?query=%7B__typename%7D').set('origin', PORTAL);
    expect(get.status).toBe(400);
    expect(get.text).toMatch(/CSRF|preflight/i);
    // With a header that forces a preflight, a GET query runs.
    await app.http.get('/graphql?query=%7B__typename%7D').set('origin', PORTAL).set('apollo-require-preflight', 'true').expect(200);
  });
});

describe('CORS off (the default)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers no preflight and sends no CORS headers', async () => {
    const pre = await preflight(app, '/api/v1/capacity/m5.large', PORTAL, 'GET', 'authorization');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    expect(pre.status).toBe(405);
    const graphql = await preflight(app, '/graphql', PORTAL, 'POST', 'content-type');
    expect(graphql.status).toBe(405);
    expect(graphql.headers.allow).toBe('GET, HEAD, POST');
    const real = await app.http.get('/api/v1/capacity/m5.large?os=windows&ipMode=secondary-ip').set('origin', PORTAL).expect(200);
    expect(real.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS on a refusal by the rate limit', () => {
  let app: TestApp;
  beforeAll(async () => {
    // 100 cost units a minute, 20 a REST request: the sixth request within the minute is refused.
    app = await startTestApp({
      env: { CORS_ORIGINS: PORTAL, RATE_LIMIT_PER_MINUTE: '100', RATE_LIMIT_REST_COST: '20', GRAPHQL_MAX_COST: '100' },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("lets a listed origin's page read the 429 and its Retry-After (else the browser reports a CORS failure instead)", async () => {
    let refused;
    for (let i = 0; i < 10 && !refused; i++) {
      const res = await app.http.get('/api/v1/capacity/m5.large?os=windows&ipMode=secondary-ip').set('origin', PORTAL);
      if (res.status === 429) refused = res;
      else expect(res.status).toBe(200);
    }
    expect(refused?.status).toBe(429);
    expect(refused!.headers['access-control-allow-origin']).toBe(PORTAL);
    expect(refused!.headers['access-control-expose-headers']).toContain('retry-after');
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThan(0);
    const gql = await app.http.post('/graphql').set('origin', PORTAL).send({ query: '{ __typename }' }).expect(429);
    expect(gql.headers['access-control-allow-origin']).toBe(PORTAL);
  });
});
