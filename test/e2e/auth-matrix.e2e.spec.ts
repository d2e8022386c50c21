import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isLeafType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEc2, type FakeEc2 } from '../support/fake-ec2/index.js';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Who may call what, for EVERY REST route (from the OpenAPI document) and EVERY GraphQL
 * operation (from introspection), so a route or mutation added later is covered without
 * touching this file — unless it is a read-only POST, which must be named below on purpose.
 *
 * - State-changing routes and every mutation: 401 with no key or an unknown key, 403 with a
 *   reader key, allowed with an admin key (whatever AUTH_READS says).
 * - Reads (GET routes, read-only POSTs, queries): open with AUTH_READS=open; with
 *   AUTH_READS=key, 401 without a key and allowed with a reader key.
 * - Health probes and /metrics: public always.
 */

/** POST routes that only compute an answer from their body: reads, not state changes. */
const READ_ONLY_POSTS = [
  'POST /api/v1/capacity/sizing',
  'POST /api/v1/capacity/subnet-usage',
  'POST /api/v1/capacity/subnet-prefixes',
  'POST /api/v1/diagnoses',
  'POST /api/v1/cluster-audits',
  'POST /api/v1/cni/recommendations',
  'POST /api/v1/karpenter/windows-plans',
  'POST /api/v1/templates/{id}/render',
  'POST /api/v1/policies/windows-check',
];

/** Reads that still need an admin key (a key listing says who may do what). */
const ADMIN_READS = ['GET /api/v1/api-keys'];
const ADMIN_QUERIES = ['apiKeys'];

/** Never behind a key: load balancers, kubelet probes and Prometheus have none. */
const PUBLIC_ROUTES = ['GET /health/live', 'GET /health/ready'];

/** Routes every build has, so an empty or broken enumeration cannot pass silently. */
const KNOWN_ROUTES = [
  'GET /api/v1/instance-types',
  'POST /api/v1/catalog/refreshes',
  'POST /api/v1/api-keys',
  'GET /api/v1/api-keys',
  'DELETE /api/v1/api-keys/{id}',
];
const KNOWN_MUTATIONS = ['refreshCatalog', 'createApiKey', 'revokeApiKey'];

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const STATE_CHANGING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DUMMY_ID = '00000000-0000-0000-0000-000000000000';
const UNKNOWN_KEY = { authorization: 'Bearer enp_this-key-was-never-issued-000000000' };

interface Route {
  method: string;
  path: string;
  id: string;
}

interface Operation {
  kind: 'query' | 'mutation';
  name: string;
  document: string;
}

type Headers = Record<string, string>;
const bearer = (key: string): Headers => ({ authorization: `Bearer ${key}` });

function routesOf(doc: { paths: Record<string, Record<string, unknown>> }): Route[] {
  const routes: Route[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      if (item[method]) routes.push({ method: method.toUpperCase(), path, id: `${method.toUpperCase()} ${path}` });
    }
  }
  return routes.sort((a, b) => a.id.localeCompare(b.id));
}

async function callRoute(app: TestApp, route: Route, headers: Headers) {
  const url = route.path.replace(/\{[^}]+\}/g, DUMMY_ID);
  const method = route.method.toLowerCase() as Lowercase<(typeof METHODS)[number]>;
  const req = app.http[method](url).set(headers);
  return STATE_CHANGING_METHODS.has(route.method) ? req.send({}) : req;
}

/** A literal of the input type that passes GraphQL validation (the guard runs before the resolver's own validation). */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return `{${fields.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')}}`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
      case 'Float':
        return '1';
      case 'Boolean':
        return 'false';
      case 'ID':
        return JSON.stringify(DUMMY_ID);
      case 'JSON':
      case 'JSONObject':
        return '{}';
      case 'DateTime':
      case 'Date':
        return '"2020-01-01T00:00:00.000Z"';
      default:
        return '"x"';
    }
  }
  throw new Error(`cannot make a literal of ${String(type)}`);
}

function operationsOf(schema: GraphQLSchema): Operation[] {
  const ops: Operation[] = [];
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const;
  for (const [kind, root] of roots) {
    for (const field of Object.values(root?.getFields() ?? {}) as Array<GraphQLField<unknown, unknown>>) {
      const required = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type) && a.defaultValue === undefined);
      const args = required.length ? `(${required.map((a) => `${a.name}: ${literal(a.type)}`).join(', ')})` : '';
      const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
      ops.push({ kind, name: field.name, document: `${kind} { ${field.name}${args}${selection} }` });
    }
  }
  return ops;
}

async function callOperation(
  app: TestApp,
  op: Operation,
  headers: Headers,
): Promise<{ status: number; code: string | null; message: string | null; body: unknown }> {
  const res = await app.gql(op.document, {}, headers);
  const errors = res.body?.errors as Array<{ message?: string; extensions?: { code?: string } }> | undefined;
  return { status: res.status, code: errors?.[0]?.extensions?.code ?? null, message: errors?.[0]?.message ?? null, body: res.body };
}

const AUTH_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);
const AWS_ENV = ['AWS_ENDPOINT_URL_EC2', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;

describe('authorization matrix over every REST route and GraphQL operation', () => {
  let ec2: FakeEc2;
  let open: TestApp;
  let keyed: TestApp;
  let routes: Route[];
  let operations: Operation[];
  let readerKey: string;
  const saved: Record<string, string | undefined> = {};

  const isAdminRoute = (r: Route) =>
    ADMIN_READS.includes(r.id) || (STATE_CHANGING_METHODS.has(r.method) && !READ_ONLY_POSTS.includes(r.id));
  const isPublicRoute = (r: Route) => PUBLIC_ROUTES.includes(r.id);
  const isReadRoute = (r: Route) => !isAdminRoute(r) && !isPublicRoute(r);
  const isAdminOperation = (o: Operation) => o.kind === 'mutation' || ADMIN_QUERIES.includes(o.name);

  beforeAll(async () => {
    for (const k of AWS_ENV) saved[k] = process.env[k];
    // An admin refresh really runs: against the local EC2 endpoint, never AWS.
    ec2 = await startFakeEc2();
    process.env.AWS_ENDPOINT_URL_EC2 = ec2.url;
    process.env.AWS_REGION = 'us-east-1';
    process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    // The standard introspection query nests type references deeper than the default depth limit.
    const env = {
      AUTH_READS: 'open',
      GRAPHQL_INTROSPECTION: 'true',
      GRAPHQL_MAX_DEPTH: '30',
      RATE_LIMIT_PER_MINUTE: '0',
      CATALOG_REFRESH_REGIONS: 'us-east-1',
    };
    open = await startTestApp({ env });
    // A second replica on the same database, reads behind keys.
    keyed = await startTestApp({ databaseUrl: open.databaseUrl!, env: { ...env, AUTH_READS: 'key' } });

    const doc = await open.http.get('/api/docs-json').expect(200);
    routes = routesOf(doc.body);
    const introspection = await open.http.post('/graphql').send({ query: getIntrospectionQuery() }).expect(200);
    operations = operationsOf(buildClientSchema(introspection.body.data as IntrospectionQuery));

    const reader = await open.http.post('/api/v1/api-keys').set(adminAuth).send({ name: 'matrix-reader', role: 'reader' }).expect(201);
    readerKey = reader.body.key;
  });
  afterAll(async () => {
    await keyed?.close();
    await open?.close();
    await ec2?.close();
    for (const k of AWS_ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('enumerates the routes and operations, and every name listed here exists', () => {
    const ids = routes.map((r) => r.id);
    for (const id of [...KNOWN_ROUTES, ...READ_ONLY_POSTS, ...ADMIN_READS, ...PUBLIC_ROUTES]) {
      expect(ids, `${id} is named in auth-matrix.e2e.spec.ts but the OpenAPI document has no such route`).toContain(id);
    }
    for (const id of READ_ONLY_POSTS) expect(id.startsWith('POST ')).toBe(true);
    const names = operations.map((o) => `${o.kind} ${o.name}`);
    for (const m of KNOWN_MUTATIONS) expect(names).toContain(`mutation ${m}`);
    for (const q of ADMIN_QUERIES) expect(names).toContain(`query ${q}`);
  });

  it('AUTH_READS=open: every state-changing route is 401 with no or an unknown key, 403 for a reader, allowed for an admin', async () => {
    const failures: string[] = [];
    const adminRoutes = routes.filter(isAdminRoute);
    expect(adminRoutes.length).toBeGreaterThanOrEqual(4);
    for (const route of adminRoutes) {
      for (const [label, headers, status, code] of [
        ['no key', {}, 401, 'UNAUTHENTICATED'],
        ['an unknown key', UNKNOWN_KEY, 401, 'UNAUTHENTICATED'],
        ['a reader key', bearer(readerKey), 403, 'FORBIDDEN'],
      ] as const) {
        const res = await callRoute(open, route, headers);
        if (res.status !== status || res.body?.error?.code !== code) {
          failures.push(
            `${route.id} with ${label}: ${res.status} ${res.body?.error?.code ?? ''} (expected ${status} ${code}; ` +
              `if this route only reads, add it to READ_ONLY_POSTS, otherwise put @RequireAdmin() on it)`,
          );
        }
      }
      const admin = await callRoute(open, route, adminAuth);
      if (admin.status === 401 || admin.status === 403) failures.push(`${route.id} with the admin key: ${admin.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('AUTH_READS=open: every mutation (and admin-only query) is UNAUTHENTICATED with no or an unknown key, FORBIDDEN for a reader, allowed for an admin', async () => {
    const failures: string[] = [];
    for (const op of operations.filter(isAdminOperation)) {
      for (const [label, headers, code] of [
        ['no key', {}, 'UNAUTHENTICATED'],
        ['an unknown key', UNKNOWN_KEY, 'UNAUTHENTICATED'],
        ['a reader key', bearer(readerKey), 'FORBIDDEN'],
      ] as const) {
        const res = await callOperation(open, op, headers);
        if (res.code !== code)
          failures.push(`${op.kind} ${op.name} with ${label}: ${res.code} (expected ${code}) ${JSON.stringify(res.body)}`);
      }
      const admin = await callOperation(open, op, adminAuth);
      if (admin.code === null ? admin.status !== 200 : AUTH_CODES.has(admin.code) || admin.code.startsWith('GRAPHQL_')) {
        failures.push(`${op.kind} ${op.name} with the admin key: ${admin.status} ${admin.code}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('AUTH_READS=open: reads need no key', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => isReadRoute(r) || isPublicRoute(r))) {
      const res = await callRoute(open, route, {});
      if (res.status === 401 || res.status === 403) failures.push(`${route.id}: ${res.status}`);
    }
    for (const op of operations.filter((o) => !isAdminOperation(o))) {
      const res = await callOperation(open, op, {});
      if (res.code !== null && (AUTH_CODES.has(res.code) || res.code.startsWith('GRAPHQL_')))
        failures.push(`query ${op.name}: ${res.code}`);
    }
    expect(failures).toEqual([]);
  });

  it('AUTH_READS=key: every read route and query is 401 without a key (or with an unknown one) and allowed with a reader key', async () => {
    const failures: string[] = [];
    const readRoutes = routes.filter(isReadRoute);
    expect(readRoutes.filter((r) => r.method === 'GET').length).toBeGreaterThanOrEqual(4);
    for (const route of readRoutes) {
      for (const [label, headers] of [
        ['no key', {}],
        ['an unknown key', UNKNOWN_KEY],
      ] as const) {
        const res = await callRoute(keyed, route, headers);
        if (res.status !== 401 || res.body?.error?.code !== 'UNAUTHENTICATED') failures.push(`${route.id} with ${label}: ${res.status}`);
      }
      const reader = await callRoute(keyed, route, bearer(readerKey));
      if (reader.status === 401 || reader.status === 403) failures.push(`${route.id} with a reader key: ${reader.status}`);
    }
    for (const op of operations.filter((o) => !isAdminOperation(o))) {
      const none = await callOperation(keyed, op, {});
      if (none.code !== 'UNAUTHENTICATED') failures.push(`query ${op.name} with no key: ${none.code}`);
      const reader = await callOperation(keyed, op, bearer(readerKey));
      if (reader.code !== null && (AUTH_CODES.has(reader.code) || reader.code.startsWith('GRAPHQL_'))) {
        failures.push(`query ${op.name} with a reader key: ${reader.code}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('AUTH_READS=key: admin-only routes and operations still refuse readers and admit admins', async () => {
    const failures: string[] = [];
    for (const route of routes.filter(isAdminRoute)) {
      const none = await callRoute(keyed, route, {});
      if (none.status !== 401) failures.push(`${route.id} with no key: ${none.status}`);
      const reader = await callRoute(keyed, route, bearer(readerKey));
      if (reader.status !== 403) failures.push(`${route.id} with a reader key: ${reader.status}`);
    }
    for (const op of operations.filter(isAdminOperation)) {
      const none = await callOperation(keyed, op, {});
      if (none.code !== 'UNAUTHENTICATED' || !/an admin key for mutations/.test(none.message ?? '')) {
        failures.push(`${op.kind} ${op.name} with no key: ${none.code} ${none.message}`);
      }
      const reader = await callOperation(keyed, op, bearer(readerKey));
      if (reader.code !== 'FORBIDDEN') failures.push(`${op.kind} ${op.name} with a reader key: ${reader.code}`);
    }
    const list = await keyed.http.get('/api/v1/api-keys').set(adminAuth);
    expect(list.status).toBe(200);
    expect(failures).toEqual([]);
  });

  it('AUTH_READS=key: a GraphQL operation that calls no resolver needs a key too (401, no data), the playground page does not', async () => {
    const failures: string[] = [];
    const documents = ['{ __typename }', '{ __schema { queryType { name } } }', 'mutation { __typename }', '{ nope }', '{'];
    for (const query of documents) {
      for (const [label, headers, message] of [
        [
          'no key',
          {},
          'An API key is required (Authorization: Bearer <key>): a reader or admin key for queries, an admin key for mutations',
        ],
        ['a malformed key', { authorization: 'Basic x' }, 'The Authorization header must be "Bearer <API key>"'],
        ['an unknown key', UNKNOWN_KEY, 'Unknown or revoked API key'],
      ] as const) {
        const res = await keyed.gql(query, undefined, headers);
        const error = res.body?.errors?.[0];
        if (res.status !== 401 || error?.extensions?.code !== 'UNAUTHENTICATED' || error?.message !== message || 'data' in res.body) {
          failures.push(`${query} with ${label}: ${res.status} ${JSON.stringify(res.body)}`);
        } else if (error.extensions.requestId !== res.headers['x-request-id']) {
          failures.push(`${query} with ${label}: requestId ${error.extensions.requestId}, header ${res.headers['x-request-id']}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // GET as well as POST.
    const get = await keyed.http.get('/graphql?query=%7B__typename%7D').set('apollo-require-preflight', 'true').expect(401);
    expect(get.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // With a reader (or admin) key the same operations run.
    for (const headers of [bearer(readerKey), adminAuth]) {
      const ok = await keyed.gql('{ __typename __schema { queryType { name } } }', undefined, headers).expect(200);
      expect(ok.body.data).toEqual({ __typename: 'Query', __schema: { queryType: { name: 'Query' } } });
    }
    // The playground page is static (no schema in it) and stays reachable; what it runs needs a key.
    const page = await keyed.http.get('/graphql').set('accept', 'text/html').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    // AUTH_READS=open is unchanged: an operation with no resolver needs no key.
    const open200 = await open.gql('{ __typename }').expect(200);
    expect(open200.body.data).toEqual({ __typename: 'Query' });
  });

  it('AUTH_READS=key: health probes and /metrics stay public', async () => {
    await keyed.http.get('/health/live').expect(200);
    await keyed.http.get('/health/ready').expect(200);
    const metrics = await keyed.http.get('/metrics').expect(200);
    expect(metrics.text).toContain('# TYPE');
    // the guard is not bypassed by the public routes: the same request to a read is refused
    await keyed.http.get('/api/v1/instance-types').expect(401);
  });

  it('AUTH_READS=key: GraphQL requests refused for want of a key are counted in the GraphQL operation metrics', async () => {
    const refused = 'eks_net_planner_graphql_operations_total{operation="invalid",type="unknown",outcome="error"}';
    const count = async () => {
      const line = (await keyed.http.get('/metrics').expect(200)).text.split('\n').find((l) => l.startsWith(`${refused} `));
      return line ? Number(line.slice(refused.length + 1)) : 0;
    };
    const before = await count();
    await keyed.gql('query RefusedProbe { __typename }').expect(401);
    await keyed.gql('{ instanceType(name: "m5.large") { name } }', undefined, UNKNOWN_KEY).expect(401);
    expect(await count()).toBe(before + 2);
    // The refused request's document is never read: its operation name adds no series.
    expect((await keyed.http.get('/metrics')).text).not.toContain('RefusedProbe');
  });
});
