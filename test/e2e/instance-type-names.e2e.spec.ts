import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/common/project-path.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// An instance type name longer than any EC2 name can be is the same validation error through every
// door and every operation that takes one (400 VALIDATION_FAILED / BAD_USER_INPUT naming the field and
// the limit), where REST path parameters and GraphQL scalar arguments used to look it up and answer
// INSTANCE_TYPE_NOT_FOUND (or null). A well-formed unknown name keeps each operation's own answer.

const LIMIT = 64;
const TOO_LONG = `m5.${'a'.repeat(LIMIT - 2)}`; // 65 characters
const LONGEST_UNKNOWN = `m5.${'a'.repeat(LIMIT - 3)}`; // 64 characters: well-formed, unknown
const fixture = (name: string) => readFileSync(projectPath('test', 'fixtures', 'cluster-state', name), 'utf8');

interface RestCall {
  method: 'get' | 'post';
  path: string;
  body?: object;
  /** Where the name is: the violation's field (REST path parameters by their name). */
  field: string;
}

const sizingWorkload = { windowsPods: 10, windowsPodCpuMillicores: 250, windowsPodMemoryMiB: 512 };
const karpenter = (t: string) => ({
  clusterName: 'shop',
  kubernetesVersion: '1.33',
  windowsServerVersion: 'WINDOWS_SERVER_2022',
  ipMode: 'PREFIX_DELEGATION',
  instanceTypes: [t],
  windowsPods: { count: 100, cpuMillicores: 10, memoryMiB: 32 },
});
const cni = (t: string) => ({
  kubernetesVersion: '1.31',
  nodeGroups: [{ name: 'win', os: 'WINDOWS', instanceType: t, nodes: 2, subnetCidrs: ['10.0.0.0/24'] }],
  windowsPods: 10,
  linuxPods: 0,
});
const subnetUsage = (t: string) => ({
  instanceType: t,
  nodeCount: 10,
  os: 'WINDOWS',
  ipMode: 'SECONDARY_IP',
  podsPerNode: 5,
  subnetCidrs: ['10.0.0.0/24'],
});
const subnetPrefixes = (t: string) => ({
  subnetCidr: '10.0.32.0/20',
  networkInterfacesJson: fixture('subnet-network-interfaces.json'),
  instanceType: t,
});

function restCalls(t: string): Record<string, RestCall> {
  return {
    getNodeCapacity: { method: 'get', path: `/api/v1/capacity/${t}?os=windows&ipMode=secondary-ip`, field: 'instanceType' },
    compareModes: { method: 'get', path: `/api/v1/capacity/${t}/compare`, field: 'instanceType' },
    getWindowsEligibility: { method: 'get', path: `/api/v1/capacity/${t}/windows-eligibility`, field: 'instanceType' },
    getInstanceType: { method: 'get', path: `/api/v1/instance-types/${t}`, field: 'name' },
    computeSubnetUsage: { method: 'post', path: '/api/v1/capacity/subnet-usage', body: subnetUsage(t), field: 'instanceType' },
    computeSubnetPrefixAvailability: {
      method: 'post',
      path: '/api/v1/capacity/subnet-prefixes',
      body: subnetPrefixes(t),
      field: 'instanceType',
    },
    getSubnetPrefixAvailability: {
      method: 'get',
      path: `/api/v1/capacity/subnet-prefixes?subnetCidr=10.0.0.0/24&instanceType=${t}`,
      field: 'instanceType',
    },
    sizeNodeGroups: {
      method: 'post',
      path: '/api/v1/capacity/sizing',
      body: { workload: sizingWorkload, instanceTypes: [t] },
      field: 'instanceTypes',
    },
    planKarpenterWindows: { method: 'post', path: '/api/v1/karpenter/windows-plans', body: karpenter(t), field: 'instanceTypes' },
    recommendCni: { method: 'post', path: '/api/v1/cni/recommendations', body: cni(t), field: 'nodeGroups[0].instanceType' },
    diagnose: {
      method: 'post',
      path: '/api/v1/diagnoses',
      body: { text: fixture('describe-pod-insufficient-ipv4.txt'), instanceType: t },
      field: 'instanceType',
    },
  };
}

interface GqlCall {
  query: string;
  variables: Record<string, unknown>;
  field: string;
}

function gqlCalls(t: string): Record<string, GqlCall> {
  return {
    nodeCapacity: {
      query: 'query($i: NodeCapacityInput!) { nodeCapacity(input: $i) { maxPods } }',
      variables: { i: { instanceType: t, os: 'WINDOWS', ipMode: 'SECONDARY_IP' } },
      field: 'instanceType',
    },
    compareModes: {
      query: 'query($t: String!) { compareModes(instanceType: $t) { instanceType } }',
      variables: { t },
      field: 'instanceType',
    },
    windowsEligibility: {
      query: 'query($t: String!) { windowsEligibility(instanceType: $t) { eligible } }',
      variables: { t },
      field: 'instanceType',
    },
    instanceType: { query: 'query($t: String!) { instanceType(name: $t) { name } }', variables: { t }, field: 'name' },
    subnetUsage: {
      query: 'query($i: SubnetUsageInput!) { subnetUsage(input: $i) { totalIps } }',
      variables: { i: subnetUsage(t) },
      field: 'instanceType',
    },
    subnetPrefixAvailability: {
      query: 'query($i: SubnetPrefixAvailabilityInput!) { subnetPrefixAvailability(input: $i) { __typename } }',
      variables: { i: subnetPrefixes(t) },
      field: 'instanceType',
    },
    sizeNodeGroups: {
      query: 'query($i: NodeGroupSizingInput!) { sizeNodeGroups(input: $i) { candidateCount } }',
      variables: { i: { workload: sizingWorkload, instanceTypes: [t] } },
      field: 'instanceTypes',
    },
    planKarpenterWindows: {
      query: 'query($i: KarpenterWindowsPlanInput!) { planKarpenterWindows(input: $i) { __typename } }',
      variables: { i: karpenter(t) },
      field: 'instanceTypes',
    },
    recommendCni: {
      query: 'query($i: CniRecommendationInput!) { recommendCni(input: $i) { __typename } }',
      variables: { i: cni(t) },
      field: 'nodeGroups[0].instanceType',
    },
    diagnose: {
      query: 'query($i: DiagnosisInput!) { diagnose(input: $i) { __typename } }',
      variables: { i: { text: fixture('describe-pod-insufficient-ipv4.txt'), instanceType: t } },
      field: 'instanceType',
    },
  };
}

/** The templates with an instance-type parameter, and a set of otherwise valid parameters. */
const TEMPLATES: Array<{ id: string; field: string; parameters: Record<string, unknown> }> = [
  {
    id: 'eksctl-windows-cluster',
    field: 'windowsInstanceType',
    parameters: { clusterName: 'demo', region: 'us-west-2', kubernetesVersion: '1.33', windowsInstanceType: TOO_LONG },
  },
];

describe('an instance type name longer than any EC2 name', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const send = (call: RestCall) => {
    const req = app.http[call.method](call.path);
    return call.body === undefined ? req : req.send(call.body);
  };

  const namesTheLimit = (violations: Array<{ field: string; rules: string[]; messages: string[] }>, field: string) => {
    const v = violations.find((x) => x.field === field);
    expect(v, JSON.stringify(violations)).toBeDefined();
    expect(v!.rules).toContain('maxLength');
    expect(v!.messages.join(' ')).toContain(String(LIMIT));
  };

  it.each(Object.entries(restCalls(TOO_LONG)))('REST %s: 400 VALIDATION_FAILED naming the field and the limit', async (_id, call) => {
    const res = await send(call).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    namesTheLimit(res.body.error.details.violations, call.field);
  });

  it.each(Object.entries(gqlCalls(TOO_LONG)))('GraphQL %s: BAD_USER_INPUT naming the field and the limit', async (id, call) => {
    const res = await app.gql(call.query, call.variables).expect(200);
    // No answer: data is null, or (a nullable field such as instanceType) the field is.
    expect(res.body.data?.[id] ?? null).toBeNull();
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    namesTheLimit(res.body.errors[0].extensions.details.violations, call.field);
  });

  it.each(TEMPLATES)('template $id: $field refused naming the limit, through both doors', async ({ id, field, parameters }) => {
    const rest = await app.http.post(`/api/v1/templates/${id}/render`).send(parameters).expect(400);
    expect(rest.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
    expect(rest.body.error.message).toContain(`at most ${LIMIT} characters`);
    const gql = await app
      .gql('query($id: String!, $p: JSON) { renderTemplate(id: $id, parameters: $p) { content } }', { id, p: parameters })
      .expect(200);
    expect(gql.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { field } });
    expect(gql.body.errors[0].message).toBe(rest.body.error.message);
  });

  it('a well-formed unknown name of the longest length keeps each operation its own answer', async () => {
    const rest = restCalls(LONGEST_UNKNOWN);
    for (const id of ['getNodeCapacity', 'compareModes', 'getWindowsEligibility', 'getInstanceType'] as const) {
      const res = await send(rest[id]).expect(404);
      expect(res.body.error.code).toBe('INSTANCE_TYPE_NOT_FOUND');
    }
    const gql = gqlCalls(LONGEST_UNKNOWN);
    for (const id of ['nodeCapacity', 'compareModes', 'windowsEligibility'] as const) {
      const res = await app.gql(gql[id].query, gql[id].variables).expect(200);
      expect(res.body.errors[0].extensions.code).toBe('INSTANCE_TYPE_NOT_FOUND');
    }
    const one = await app.gql(gql.instanceType.query, gql.instanceType.variables).expect(200);
    expect(one.body).toEqual({ data: { instanceType: null } });
  });

  it('a name holding NUL is an unknown type for getInstanceType too, as for the in-memory operations', async () => {
    const name = 'm5.large\u0000';
    const rest = restCalls(encodeURIComponent(name));
    for (const id of ['getNodeCapacity', 'getInstanceType'] as const) {
      const res = await send(rest[id]).expect(404);
      expect(res.body.error).toMatchObject({
        code: 'INSTANCE_TYPE_NOT_FOUND',
        message: 'Unknown instance type "m5.large\u0000": the catalog has no such EC2 instance type',
      });
    }
    const gql = gqlCalls(name);
    const one = await app.gql(gql.instanceType.query, gql.instanceType.variables).expect(200);
    expect(one.body).toEqual({ data: { instanceType: null } });
    const capacity = await app.gql(gql.nodeCapacity.query, gql.nodeCapacity.variables).expect(200);
    expect(capacity.body.errors[0].extensions.code).toBe('INSTANCE_TYPE_NOT_FOUND');
  });

  it('the OpenAPI document gives every instance type path parameter its maxLength', async () => {
    const doc = (await app.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; schema: { maxLength?: number } }> }>>;
    };
    const pathParameters = Object.entries(doc.paths)
      .filter(([path]) => /\{(instanceType|name)\}/.test(path) && !path.startsWith('/api/v1/templates'))
      .flatMap(([path, item]) =>
        Object.values(item).flatMap((op) => (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => ({ path, ...p }))),
      );
    expect(pathParameters.map((p) => p.path).sort()).toEqual([
      '/api/v1/capacity/{instanceType}',
      '/api/v1/capacity/{instanceType}/compare',
      '/api/v1/capacity/{instanceType}/windows-eligibility',
      '/api/v1/instance-types/{name}',
    ]);
    for (const p of pathParameters) expect(p.schema.maxLength, p.path).toBe(LIMIT);
  });
});
