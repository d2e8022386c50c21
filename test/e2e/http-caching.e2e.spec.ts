import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../src/catalog/catalog.service.js';
import { CatalogViewService } from '../../src/catalog/catalog-view.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Issue 14: ETag, Cache-Control and 304 on every GET (REST and GraphQL over GET), one hook for all;
// 405 with Allow for a known path and the wrong method; 415 for a body type nothing reads.

const GQL_GET =
  '/graphql?query=' +
  encodeURIComponent('query($n: String!) { instanceType(name: $n) { name ipv4AddressesPerInterface } }') +
  '&variables=' +
  encodeURIComponent(JSON.stringify({ n: 'm5.large' }));

describe('HTTP caching and method / content-type errors', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each([
    '/api/v1/instance-types/m5.large',
    '/api/v1/capacity/m5.large?os=windows&ipMode=prefix-delegation',
    '/api/v1/capacity?family=m5',
    '/api/v1/templates',
  ])('GET %s carries an ETag and Cache-Control, and If-None-Match gets 304 with no body', async (url) => {
    const first = await app.http.get(url).expect(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    expect(first.headers.vary).toMatch(/Accept/);
    const again = await app.http.get(url).expect(200);
    expect(again.headers.etag).toBe(etag);
    const revalidated = await app.http.get(url).set('if-none-match', etag).expect(304);
    expect(revalidated.text ?? '').toBe('');
    expect(revalidated.headers.etag).toBe(etag);
    expect(revalidated.headers['x-request-id']).toBeTruthy();
    // A weak comparison and a list of tags match too; another tag does not.
    await app.http.get(url).set('if-none-match', `"other", W/${etag}`).expect(304);
    await app.http.get(url).set('if-none-match', '"other"').expect(200);
  });

  it('tags JSON and CSV of the same table apart', async () => {
    const json = await app.http.get('/api/v1/capacity?family=m5').expect(200);
    const csv = await app.http.get('/api/v1/capacity?family=m5').set('accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers.etag).not.toBe(json.headers.etag);
    await app.http.get('/api/v1/capacity?family=m5').set('accept', 'text/csv').set('if-none-match', json.headers.etag).expect(200);
  });

  it('GraphQL over GET is cached the same way, and CSRF prevention still refuses a simple GET', async () => {
    const first = await app.http.get(GQL_GET).set('apollo-require-preflight', 'true').expect(200);
    expect(first.body.data.instanceType).toEqual({ name: 'm5.large', ipv4AddressesPerInterface: 10 });
    expect(first.headers.etag).toMatch(/^"/);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    await app.http.get(GQL_GET).set('apollo-require-preflight', 'true').set('if-none-match', first.headers.etag).expect(304);
    // Without a header that forces a preflight, Apollo refuses to run it (a cross-site <img src> cannot query).
    const simple = await app.http.get(GQL_GET);
    expect(simple.status).toBe(400);
    expect(simple.headers.etag).toBeUndefined();
    // POST answers carry no ETag.
    const post = await app.gql('{ __typename }').expect(200);
    expect(post.headers.etag).toBeUndefined();
  });

  it('gives a new ETag when a refresh installs a new catalog, changed or not', async () => {
    const url = '/api/v1/instance-types/m5.large';
    const before = await app.http.get(url).expect(200);
    const catalog = app.running.app.get(CatalogService);
    const types = [...app.running.app.get(CatalogViewService).all()];
    // The same facts under a new refresh run: the version moved on, so every tag does.
    catalog.replaceView(types, 'refresh-run-2');
    const sameFacts = await app.http.get(url).set('if-none-match', before.headers.etag).expect(200);
    expect(sameFacts.headers.etag).not.toBe(before.headers.etag);
    await app.http.get(url).set('if-none-match', sameFacts.headers.etag).expect(304);
    // A refresh that changes the type: a new tag and the new figure.
    catalog.replaceView(
      types.map((t) => (t.name === 'm5.large' ? { ...t, ipv4AddressesPerInterface: 12 } : t)),
      'refresh-run-3',
    );
    const table = await app.http
      .get('/api/v1/capacity?family=m5&os=linux&ipMode=secondary-ip')
      .set('if-none-match', sameFacts.headers.etag)
      .expect(200);
    // m5.large, Linux: 3 ENIs * (12 - 1) + 2 = 35
    expect(table.body.find((r: any) => r.instanceType === 'm5.large').ipLimitedPods).toBe(35);
    const changed = await app.http.get(url).set('if-none-match', sameFacts.headers.etag).expect(200);
    expect(changed.headers.etag).not.toBe(sameFacts.headers.etag);
  });

  it('keeps errors, probes and state out of caches', async () => {
    const missing = await app.http.get('/api/v1/instance-types/m5.nope').expect(404);
    expect(missing.headers['cache-control']).toBe('no-store');
    expect(missing.headers.etag).toBeUndefined();
    const live = await app.http.get('/health/live').expect(200);
    expect(live.headers['cache-control']).toBe('no-store');
    expect(live.headers.etag).toBeUndefined();
    const runs = await app.http.get('/api/v1/catalog/refreshes').expect(200);
    expect(runs.headers['cache-control']).toBe('private, no-cache');
    await app.http.get('/api/v1/catalog/refreshes').set('if-none-match', runs.headers.etag).expect(304);
  });

  it.each([
    ['put', '/api/v1/instance-types/m5.large', 'GET, HEAD'],
    ['delete', '/api/v1/capacity', 'GET, HEAD'],
    ['get', '/api/v1/cni/recommendations', 'POST'],
    ['put', '/api/v1/templates/default-deny-ingress/render', 'POST'],
    ['patch', '/graphql', 'GET, HEAD, OPTIONS, POST'],
  ] as const)('%s %s is 405 METHOD_NOT_ALLOWED with Allow: %s', async (method, url, allow) => {
    const res = await app.http[method](url);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.body).toEqual({
      error: {
        code: 'METHOD_NOT_ALLOWED',
        message: expect.stringContaining(allow),
        details: { method: method.toUpperCase(), allowed: allow.split(', ') },
        requestId: res.headers['x-request-id'],
      },
    });
  });

  it('an unknown path stays 404 NOT_FOUND', async () => {
    const res = await app.http.put('/api/v1/nothing-here').expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it.each(['application/xml', 'text/plain', 'application/x-www-form-urlencoded'])(
    'a %s body is 415 UNSUPPORTED_MEDIA_TYPE, on REST and /graphql',
    async (type) => {
      for (const url of ['/api/v1/capacity/sizing', '/graphql']) {
        const res = await app.http.post(url).set('content-type', type).send('workload=1').expect(415);
        expect(res.body.error).toMatchObject({
          code: 'UNSUPPORTED_MEDIA_TYPE',
          details: { supported: ['application/json', 'application/yaml', 'text/yaml'] },
        });
        expect(res.body.error.requestId).toBe(res.headers['x-request-id']);
      }
    },
  );
});
