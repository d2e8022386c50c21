import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ApiKeyService } from '../../src/auth/api-key.service.js';
import { CapacityService } from '../../src/capacity/capacity.service.js';
import { CatalogRefreshService } from '../../src/catalog/catalog-refresh.service.js';
import { CatalogService } from '../../src/catalog/catalog.service.js';
import { CatalogViewService } from '../../src/catalog/catalog-view.service.js';
import type { InstancePriceEntity, PriceListReadEntity } from '../../src/catalog/instance-price.entity.js';
import { PriceViewService } from '../../src/catalog/price-view.service.js';
import { CATALOG_QUERY_FIELDS, STATE_QUERY_FIELDS } from '../../src/common/http-caching.js';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app.js';

// Issue 14: ETag, Cache-Control and 304 on every GET (REST and GraphQL over GET), one hook for all;
// 405 with Allow for a known path and the wrong method; 415 for a body type nothing reads.

const GQL_CAPACITY_GET =
  '/graphql?query=' +
  encodeURIComponent('query($i: NodeCapacityInput!) { nodeCapacity(input: $i) { maxPods } }') +
  '&variables=' +
  encodeURIComponent(JSON.stringify({ i: { instanceType: 'm5.large', os: 'WINDOWS', ipMode: 'SECONDARY_IP' } }));

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

  it('answers a revalidation before the handler or GraphQL runs (REST, GraphQL GET and HEAD)', async () => {
    const capacity = app.running.app.get(CapacityService);
    const spy = vi.spyOn(capacity, 'nodeCapacity');
    try {
      const rest = '/api/v1/capacity/m5.large?os=windows&ipMode=secondary-ip';
      const first = await app.http.get(rest).expect(200);
      expect(spy).toHaveBeenCalledTimes(1);
      const revalidated = await app.http.get(rest).set('if-none-match', first.headers.etag).expect(304);
      expect(revalidated.headers.etag).toBe(first.headers.etag);
      expect(revalidated.headers['cache-control']).toBe('public, max-age=60');
      expect(revalidated.headers.vary).toMatch(/Accept/);
      expect(revalidated.headers['x-request-id']).toBeTruthy();
      // The same question with its parameters in another order, and HEAD: the same tag, still no handler.
      await app.http.get('/api/v1/capacity/m5.large?ipMode=secondary-ip&os=windows').set('if-none-match', first.headers.etag).expect(304);
      await app.http.head(rest).set('if-none-match', first.headers.etag).expect(304);
      expect(spy).toHaveBeenCalledTimes(1);

      const gql = await app.http.get(GQL_CAPACITY_GET).set('apollo-require-preflight', 'true').expect(200);
      expect(gql.body.data.nodeCapacity.maxPods).toBeGreaterThan(0);
      expect(spy).toHaveBeenCalledTimes(2);
      const gqlAgain = await app.http
        .get(GQL_CAPACITY_GET)
        .set('apollo-require-preflight', 'true')
        .set('if-none-match', gql.headers.etag)
        .expect(304);
      expect(gqlAgain.headers['cache-control']).toBe('public, no-cache');
      expect(spy).toHaveBeenCalledTimes(2);
      // Apollo's CSRF prevention still answers a simple GET first, tag or not.
      expect((await app.http.get(GQL_CAPACITY_GET).set('if-none-match', gql.headers.etag)).status).toBe(400);
      // `*` is not answered before the handler: it needs an answer to exist (404 here).
      await app.http.get('/api/v1/instance-types/m5.nope').set('if-none-match', '*').expect(404);
    } finally {
      spy.mockRestore();
    }
  });

  it('answers HEAD on /graphql as GET without the body (the 405 Allow lists it; Apollo itself refused it)', async () => {
    const get = await app.http.get(GQL_GET).set('apollo-require-preflight', 'true').expect(200);
    const head = await app.http.head(GQL_GET).set('apollo-require-preflight', 'true');
    expect(head.status).toBe(200);
    expect(head.text ?? '').toBe('');
    expect(head.headers.etag).toBe(get.headers.etag);
    expect(head.headers['cache-control']).toBe(get.headers['cache-control']);
    await app.http.head(GQL_GET).set('apollo-require-preflight', 'true').set('if-none-match', get.headers.etag).expect(304);
    // Mutations stay POST-only, and CSRF prevention holds for HEAD as for GET.
    const mutation = '/graphql?query=' + encodeURIComponent('mutation { revokeApiKey(id: "x") { id } }');
    expect((await app.http.head(mutation).set('apollo-require-preflight', 'true')).status).toBe(405);
    expect((await app.http.head(GQL_GET)).status).toBe(400);
  });

  it('runs GraphQL GETs of state (refresh runs, API keys) every time, and tags their answers', async () => {
    const url = '/graphql?query=' + encodeURIComponent('{ catalogRefreshes(first: 1) { id } }');
    const spy = vi.spyOn(app.running.app.get(CatalogRefreshService), 'listRuns');
    try {
      const first = await app.http.get(url).set('apollo-require-preflight', 'true').expect(200);
      // The same answer: 304 from the answer's tag, computed by running the resolver again.
      await app.http.get(url).set('apollo-require-preflight', 'true').set('if-none-match', first.headers.etag).expect(304);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
    // GraphQL errors carry no tag and are not kept.
    const failed = await app.http
      .get('/graphql?query=' + encodeURIComponent('{ instanceType(name: 1) { name } }'))
      .set('apollo-require-preflight', 'true');
    expect(failed.headers.etag).toBeUndefined();
  });

  it('gives every Query field a caching class: catalog answers or state', () => {
    const fields = Object.keys(app.running.app.get(GraphQLSchemaHost).schema.getQueryType()!.getFields()).sort();
    const classified = [...CATALOG_QUERY_FIELDS, ...STATE_QUERY_FIELDS].filter((f) => f !== '__typename').sort();
    expect(fields).toEqual(classified);
  });

  it('gives answers asked with different keys, or none, different tags', async () => {
    const keys = app.running.app.get(ApiKeyService);
    const { key: readerKey, record } = await keys.create('caching-reader', 'reader');
    const reader = { authorization: `Bearer ${readerKey}` };
    const url = '/api/v1/capacity/m5.large?os=linux&ipMode=prefix-delegation';
    const anonymous = await app.http.get(url).expect(200);
    const admin = await app.http.get(url).set(adminAuth).expect(200);
    const asReader = await app.http.get(url).set(reader).expect(200);
    expect(admin.headers['cache-control']).toBe('private, max-age=60');
    expect(new Set([anonymous.headers.etag, admin.headers.etag, asReader.headers.etag]).size).toBe(3);
    // Each tag is good only for whoever it was given to.
    await app.http.get(url).set(reader).set('if-none-match', asReader.headers.etag).expect(304);
    await app.http.get(url).set(adminAuth).set('if-none-match', admin.headers.etag).expect(304);
    await app.http.get(url).set('if-none-match', asReader.headers.etag).expect(200);
    await app.http.get(url).set(adminAuth).set('if-none-match', asReader.headers.etag).expect(200);
    // A malformed or unknown key is refused, whatever tag it sends.
    await app.http.get(url).set('authorization', 'Basic abc').set('if-none-match', anonymous.headers.etag).expect(401);
    await app.http
      .get(url)
      .set('authorization', 'Bearer enp_unknownkey0123456789abcdef')
      .set('if-none-match', asReader.headers.etag)
      .expect(401);
    // A revoked key's tag gets no 304: the guard refuses it.
    await keys.revoke(record.id);
    await app.http.get(url).set(reader).set('if-none-match', asReader.headers.etag).expect(401);
  });

  it('gives a new ETag when new prices are installed', async () => {
    const prices = app.running.app.get(PriceViewService);
    const url = '/api/v1/capacity/m5.large?os=windows&ipMode=secondary-ip';
    const before = await app.http.get(url).expect(200);
    const readAt = new Date('2026-11-30T00:00:00Z');
    try {
      prices.install(
        [
          {
            instanceType: 'm5.large',
            region: 'us-east-1',
            operatingSystem: 'WINDOWS',
            usdPerHour: 0.188,
            source: 'test',
            readAt,
          } as InstancePriceEntity,
        ],
        [{ operatingSystem: 'WINDOWS', region: 'us-east-1', readAt } as PriceListReadEntity],
      );
      const after = await app.http.get(url).set('if-none-match', before.headers.etag).expect(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      await app.http.get(url).set('if-none-match', after.headers.etag).expect(304);
    } finally {
      await prices.reload();
    }
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
    ['patch', '/graphql', 'GET, HEAD, POST'],
    // Paths that are routes of their own, although GET /api/v1/capacity/{instanceType} matches them too.
    ['get', '/api/v1/capacity/sizing', 'POST'],
    ['get', '/api/v1/capacity/subnet-usage?os=windows&ipMode=secondary-ip', 'POST'],
    ['put', '/api/v1/capacity/sizing', 'POST'],
  ] as const)('%s %s is 405 METHOD_NOT_ALLOWED with Allow: %s', async (method, url, allow) => {
    const res = await app.http[method](url);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
    const error = {
      code: 'METHOD_NOT_ALLOWED',
      message: expect.stringContaining(allow),
      details: { method: method.toUpperCase(), allowed: allow.split(', ') },
      requestId: res.headers['x-request-id'],
    };
    // On /graphql the refusal is a GraphQL response, what GraphQL clients read.
    expect(res.body).toEqual(
      url === '/graphql'
        ? { errors: [{ message: error.message, extensions: { code: error.code, details: error.details, requestId: error.requestId } }] }
        : { error },
    );
  });

  it('an unknown path stays 404 NOT_FOUND', async () => {
    const res = await app.http.put('/api/v1/nothing-here').expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it.each(['application/yaml', 'text/yaml'])(
    '%s on a route that reads JSON is 415 naming application/json, not a misread body',
    async (type) => {
      for (const url of ['/api/v1/capacity/sizing', '/api/v1/api-keys', '/graphql']) {
        const res = await app.http.post(url).set('content-type', type).send('workload:\n  windowsPods: 3\n').expect(415);
        const error = url === '/graphql' ? res.body.errors[0].extensions : res.body.error;
        expect(error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', details: { supported: ['application/json'] } });
      }
      // The one route that reads YAML still does.
      await app.http
        .post('/api/v1/policies/windows-check')
        .set('content-type', type)
        .send('kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: {name: a}\nspec: {podSelector: {}}\n')
        .expect(200);
    },
  );

  it.each(['application/xml', 'text/plain', 'application/x-www-form-urlencoded'])(
    'a %s body is 415 UNSUPPORTED_MEDIA_TYPE naming what the route reads, on REST and /graphql',
    async (type) => {
      for (const [url, supported] of [
        ['/api/v1/capacity/sizing', ['application/json']],
        ['/api/v1/api-keys', ['application/json']],
        ['/graphql', ['application/json']],
        ['/api/v1/policies/windows-check', ['application/json', 'application/yaml', 'text/yaml']],
      ] as const) {
        const res = await app.http.post(url).set(adminAuth).set('content-type', type).send('workload=1').expect(415);
        const body = url === '/graphql' ? res.body.errors[0] : res.body.error;
        const error = url === '/graphql' ? body.extensions : body;
        expect(error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', details: { supported } });
        expect(body.message).toBe(`This route reads ${supported.join(', ')}, not ${type}`);
        expect(error.requestId).toBe(res.headers['x-request-id']);
      }
    },
  );
});

describe('HTTP caching with AUTH_READS=key and a small rate budget', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { AUTH_READS: 'key', RATE_LIMIT_PER_MINUTE: '100', GRAPHQL_MAX_COST: '100' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('never answers 304 to a request the guard would refuse, and keeps Vary: Authorization', async () => {
    const url = '/api/v1/capacity/m5.large?os=windows&ipMode=secondary-ip';
    const first = await app.http.get(url).set(adminAuth).expect(200);
    expect(first.headers['cache-control']).toBe('private, max-age=60');
    expect(first.headers.vary).toMatch(/Authorization/);
    const again = await app.http.get(url).set(adminAuth).set('if-none-match', first.headers.etag).expect(304);
    expect(again.headers.vary).toMatch(/Authorization/);
    await app.http.get(url).set('if-none-match', first.headers.etag).expect(401);
  });

  it('charges a revalidation answered 304 on arrival 1 unit, not the REST cost', async () => {
    // The budget is 100 units a minute and a REST request costs 10: ten full answers spend it,
    // while a full answer and then 60 revalidations cost 70.
    const url = '/api/v1/capacity/c5.large?os=windows&ipMode=secondary-ip';
    const first = await app.http.get(url).set(adminAuth).expect(200);
    for (let i = 0; i < 60; i++) await app.http.get(url).set(adminAuth).set('if-none-match', first.headers.etag).expect(304);
    let refused = 0;
    for (let i = 0; i < 10 && !refused; i++) if ((await app.http.get(url).set(adminAuth)).status === 429) refused = i + 1;
    // What is left (about 30 units, plus what a minute's budget refills meanwhile) is spent by a few full answers.
    expect(refused).toBeGreaterThan(0);
    const over = await app.http.get(url).set(adminAuth).set('if-none-match', first.headers.etag);
    expect([429, 304]).toContain(over.status);
  });
});
