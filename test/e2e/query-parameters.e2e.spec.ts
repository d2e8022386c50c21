import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/common/project-path.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../support/test-app.js';

// A query parameter a route does not read is refused (400 VALIDATION_FAILED naming it) on every REST
// operation, not only on those that read some: a bot's `?regoin=eu-west-1` must not be an answer
// that silently ignored the filter. Every operation of the served OpenAPI document is tried with a
// request that is otherwise valid, so the only thing wrong is the parameter; an operation added
// without a row here fails the first test.

const fixture = (name: string) => readFileSync(projectPath('test', 'fixtures', 'cluster-state', name), 'utf8');
const UNKNOWN = 'notAParameter';
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

interface Call {
  method: 'get' | 'post' | 'delete';
  path: string;
  /** Query parameters the operation does read, for operations that need some. */
  query?: Record<string, string>;
  body?: unknown;
}

/** One valid request per operation id (path parameters filled in). */
function calls(ids: { apiKey: string }): Record<string, Call> {
  return {
    getInstanceType: { method: 'get', path: '/api/v1/instance-types/m5.large' },
    listInstanceTypes: { method: 'get', path: '/api/v1/instance-types', query: { family: 'm5' } },
    listCatalogRefreshes: { method: 'get', path: '/api/v1/catalog/refreshes' },
    refreshCatalog: { method: 'post', path: '/api/v1/catalog/refreshes', body: {} },
    getCatalogRefresh: { method: 'get', path: `/api/v1/catalog/refreshes/${randomUUID()}` },
    checkWindowsServices: { method: 'get', path: '/api/v1/capacity/windows-services', query: { servicesPerNode: '100' } },
    listWindowsEligibility: { method: 'get', path: '/api/v1/capacity/windows-eligibility' },
    computeSubnetUsage: {
      method: 'post',
      path: '/api/v1/capacity/subnet-usage',
      body: {
        instanceType: 'm5.large',
        nodeCount: 10,
        os: 'WINDOWS',
        ipMode: 'SECONDARY_IP',
        podsPerNode: 5,
        subnetCidrs: ['10.0.0.0/24'],
      },
    },
    computeSubnetPrefixAvailability: {
      method: 'post',
      path: '/api/v1/capacity/subnet-prefixes',
      body: { subnetCidr: '10.0.32.0/20', networkInterfacesJson: fixture('subnet-network-interfaces.json'), instanceType: 'm5.large' },
    },
    getSubnetPrefixAvailability: { method: 'get', path: '/api/v1/capacity/subnet-prefixes', query: { subnetCidr: '10.0.0.0/24' } },
    sizeNodeGroups: {
      method: 'post',
      path: '/api/v1/capacity/sizing',
      body: { workload: { windowsPods: 10, windowsPodCpuMillicores: 250, windowsPodMemoryMiB: 512 }, instanceTypes: ['m5.large'] },
    },
    getWindowsEligibility: { method: 'get', path: '/api/v1/capacity/m5.large/windows-eligibility' },
    compareModes: { method: 'get', path: '/api/v1/capacity/m5.large/compare' },
    getNodeCapacity: { method: 'get', path: '/api/v1/capacity/m5.large', query: { os: 'windows', ipMode: 'prefix-delegation' } },
    getPodCapacityTable: { method: 'get', path: '/api/v1/capacity', query: { os: 'windows', family: 'm5' } },
    createApiKey: { method: 'post', path: '/api/v1/api-keys', body: { name: 'query-parameters', role: 'reader' } },
    listApiKeys: { method: 'get', path: '/api/v1/api-keys' },
    revokeApiKey: { method: 'delete', path: `/api/v1/api-keys/${ids.apiKey}` },
    recommendCni: {
      method: 'post',
      path: '/api/v1/cni/recommendations',
      body: {
        kubernetesVersion: '1.31',
        nodeGroups: [{ name: 'win', os: 'WINDOWS', instanceType: 'm5.large', nodes: 2, subnetCidrs: ['10.0.0.0/24'] }],
        windowsPods: 10,
        linuxPods: 0,
      },
    },
    listTemplates: { method: 'get', path: '/api/v1/templates' },
    getTemplate: { method: 'get', path: '/api/v1/templates/default-deny-ingress' },
    renderTemplate: { method: 'post', path: '/api/v1/templates/default-deny-ingress/render', body: { namespace: 'payments' } },
    checkPolicyForWindows: {
      method: 'post',
      path: '/api/v1/policies/windows-check',
      body: { manifest: 'kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: {name: a}\nspec: {podSelector: {}}\n' },
    },
    planKarpenterWindows: {
      method: 'post',
      path: '/api/v1/karpenter/windows-plans',
      body: {
        clusterName: 'shop',
        kubernetesVersion: '1.33',
        windowsServerVersion: 'WINDOWS_SERVER_2022',
        ipMode: 'PREFIX_DELEGATION',
        instanceTypes: ['m5.large'],
        windowsPods: { count: 100, cpuMillicores: 10, memoryMiB: 32 },
      },
    },
    diagnose: { method: 'post', path: '/api/v1/diagnoses', body: { text: fixture('describe-pod-insufficient-ipv4.txt') } },
    auditCluster: { method: 'post', path: '/api/v1/cluster-audits', body: { nodesJson: fixture('cluster-nodes.json') } },
  };
}

describe('query parameters a REST operation does not read', () => {
  let app: TestApp;
  let operations: Array<{ id: string; path: string }>;
  let apiKey: string;

  beforeAll(async () => {
    app = await startTestApp();
    const doc = (await app.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, item]) => Object.values(item).map((op) => ({ id: op.operationId, path })));
    const created = await app.http.post('/api/v1/api-keys').set(admin).send({ name: 'to-revoke', role: 'reader' }).expect(201);
    apiKey = created.body.apiKey.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  const send = (call: Call, query: Record<string, string>) => {
    const req = app.http[call.method](call.path).set(admin).query(query);
    return call.body === undefined ? req : req.send(call.body as object);
  };

  it('every operation of the OpenAPI document has a valid request here', () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(operations.map((o) => o.id).sort()).toEqual(Object.keys(calls({ apiKey })).sort());
  });

  it('each one refuses an unknown parameter by name, and answers the same request without it', async () => {
    const refused: Record<string, unknown> = {};
    const answered: Record<string, number> = {};
    for (const [id, call] of Object.entries(calls({ apiKey }))) {
      // The refused request first: it must change nothing (the key is revoked only by the valid one).
      const bad = await send(call, { ...call.query, [UNKNOWN]: '1' });
      refused[id] = {
        status: bad.status,
        code: bad.body?.error?.code,
        fields: bad.body?.error?.details?.violations?.map((v: any) => v.field),
      };
      // A refresh would call EC2, which this test does not provide: that it is refused is enough.
      if (id === 'refreshCatalog') continue;
      answered[id] = (await send(call, { ...call.query })).status;
    }
    const expected = { status: 400, code: 'VALIDATION_FAILED', fields: [UNKNOWN] };
    expect(refused).toEqual(Object.fromEntries(Object.keys(refused).map((id) => [id, expected])));
    // A well-formed refresh id that does not exist is 404: the request itself was valid.
    const valid = Object.entries(answered).filter(([id, status]) => status >= 400 && !(id === 'getCatalogRefresh' && status === 404));
    expect(valid).toEqual([]);
  });

  // class-transformer skips a key whose value on the new instance is a function, so these names
  // never reached the whitelist: `?toString=1` answered 200 as if it had not been sent.
  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])(
    'each one refuses a parameter named like an inherited property (%s)',
    async (name) => {
      const refused: Record<string, unknown> = {};
      for (const [id, call] of Object.entries(calls({ apiKey }))) {
        const req = app.http[call.method](call.path)
          .set(admin)
          .query(call.query ?? {})
          .query(`${name}=1`);
        const bad = await (call.body === undefined ? req : req.send(call.body as object));
        refused[id] = { status: bad.status, fields: bad.body?.error?.details?.violations?.map((v: any) => v.field) };
      }
      const expected = { status: 400, fields: [name] };
      expect(refused).toEqual(Object.fromEntries(Object.keys(refused).map((id) => [id, expected])));
    },
  );
});
