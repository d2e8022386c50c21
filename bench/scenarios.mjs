// What the HTTP benchmarks send. Every capacity scenario names the bare baseline it is compared with.
import { PEER_ETAG } from './peers/shared.mjs';

const json = { 'content-type': 'application/json' };

export function gql(query, variables) {
  return { method: 'POST', path: '/graphql', headers: json, body: JSON.stringify(variables ? { query, variables } : { query }) };
}

export const WORKLOAD = {
  windowsPods: 400,
  linuxPods: 600,
  windowsPodCpuMillicores: 500,
  windowsPodMemoryMiB: 1024,
  linuxPodCpuMillicores: 250,
  linuxPodMemoryMiB: 512,
};

const NODE_CAPACITY = `query NodeCapacity($input: NodeCapacityInput!) {
  nodeCapacity(input: $input) { instanceType os effectiveIpMode maxPods limitedBy formulaText warnings { code message } }
}`;

const SIZING_FIELDS = 'instanceType requestedIpMode effectiveIpMode nodes podsPerNode bindingConstraint subnetIps';
const SIZE_NODE_GROUPS = `query Sizing($input: NodeGroupSizingInput!) {
  sizeNodeGroups(input: $input) { candidateCount catalogVersion windows { ${SIZING_FIELDS} } linux { ${SIZING_FIELDS} } warnings { code } }
}`;

const INSTANCE_TYPES_PAGE = `query Page {
  instanceTypes(first: 100) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { name family vcpus memoryMiB hypervisor nitro architectures ipv4AddressesPerInterface maxNetworkInterfaces defaultCardNetworkInterfaces regions }
  }
}`;

export const requests = {
  graphqlBare: gql('{ __typename }'),
  graphqlNodeCapacity: gql(NODE_CAPACITY, { input: { instanceType: 'm5.large', os: 'WINDOWS', ipMode: 'SECONDARY_IP' } }),
  graphqlInstanceTypes100: gql(INSTANCE_TYPES_PAGE),
  graphqlSizing: gql(SIZE_NODE_GROUPS, { input: { workload: WORKLOAD } }),
  restBare: { method: 'GET', path: '/health/live' },
  restCapacity: { method: 'GET', path: '/api/v1/capacity/m5.large?os=windows&ipMode=secondary-ip' },
  restSizing: { method: 'POST', path: '/api/v1/capacity/sizing', headers: json, body: JSON.stringify({ workload: WORKLOAD }) },
  raw: { method: 'GET', path: '/' },
  rawCapacity: { method: 'GET', path: '/capacity' },
};

/** What portals poll over GraphQL GET (Apollo's CSRF prevention wants a non-simple header on GETs). */
export const GRAPHQL_GET_CAPACITY = {
  method: 'GET',
  path: `/graphql?query=${encodeURIComponent(NODE_CAPACITY)}&variables=${encodeURIComponent(JSON.stringify({ input: { instanceType: 'm5.large', os: 'WINDOWS', ipMode: 'SECONDARY_IP' } }))}`,
  headers: { 'apollo-require-preflight': 'true' },
};

/** The whole-catalog pods table (issue 14), both doors; probed at run time. */
export const POD_TABLE = {
  rest: { method: 'GET', path: '/api/v1/capacity?os=windows,linux&ipMode=secondary-ip,prefix-delegation' },
  graphql: gql('{ podCapacityTable { instanceType os ipMode ipLimitedPods maxPods limitedBy } }'),
};

const OS_MODES = [
  ['WINDOWS', 'SECONDARY_IP'],
  ['WINDOWS', 'PREFIX_DELEGATION'],
  ['LINUX', 'SECONDARY_IP'],
  ['LINUX', 'PREFIX_DELEGATION'],
];

/**
 * `nodeCapacity` with variables, a different input in every request: request i asks for type
 * names[i mod n] in OS/mode (i div n) mod 4 with kubeletMaxPods 10 + (i div 4n) mod 241, so no input
 * repeats within 4 * n * 241 requests (about 1.3 million for the 1,373-type catalog) and no two
 * consecutive requests are equal. One counter for all connections (autocannon runs them in this process).
 */
export function variedNodeCapacity(names) {
  if (!names.length) throw new Error('variedNodeCapacity needs instance type names');
  let i = 0;
  const n = names.length;
  const setupRequest = (req) => {
    const k = i++;
    const [os, ipMode] = OS_MODES[Math.floor(k / n) % 4];
    const input = { instanceType: names[k % n], os, ipMode, kubeletMaxPods: 10 + (Math.floor(k / (4 * n)) % 241) };
    return { ...req, body: JSON.stringify({ query: NODE_CAPACITY, variables: { input } }) };
  };
  return [{ method: 'POST', path: '/graphql', headers: json, setupRequest }];
}

/**
 * The throughput scenarios, in the order each round runs them. `server`: which process answers
 * (raw, fastify, apollo, mercurius, yoga, nest: bench/hello-server.mjs and bench/peers/*; service: the
 * service at its default settings). `request`: one fixed request; `requests(ctx)`: autocannon's
 * per-request list (ctx: { names, etag }). `baseline`: compared with, `goal`: the ratio wanted.
 * `expect`: the statuses an answer may have (default 200; a conditional scenario expects 304 when the service sends tags).
 */
export const HTTP_SCENARIOS = [
  { id: 'raw', label: 'raw node:http, constant hello (ceiling)', server: 'raw', request: requests.raw },
  {
    id: 'raw-capacity',
    label: 'raw node:http, constant capacity-shaped JSON',
    server: 'raw',
    request: requests.rawCapacity,
    baseline: 'raw',
  },
  { id: 'fastify', label: 'plain Fastify route, constant hello', server: 'fastify', request: requests.raw, baseline: 'raw' },
  {
    id: 'fastify-capacity',
    label: 'plain Fastify route, constant capacity-shaped JSON',
    server: 'fastify',
    request: requests.rawCapacity,
    baseline: 'raw',
  },
  {
    id: 'apollo-bare',
    label: 'Apollo Server 5 on Fastify, `{ __typename }`',
    server: 'apollo',
    request: requests.graphqlBare,
    baseline: 'raw',
  },
  {
    id: 'apollo-capacity',
    label: 'Apollo Server 5 on Fastify, constant `nodeCapacity`, varied variables',
    server: 'apollo',
    requests: (c) => variedNodeCapacity(c.names),
    baseline: 'raw',
  },
  {
    id: 'mercurius-bare',
    label: 'Mercurius + graphql-jit, `{ __typename }`',
    server: 'mercurius',
    request: requests.graphqlBare,
    baseline: 'raw',
  },
  {
    id: 'mercurius-capacity',
    label: 'Mercurius + graphql-jit, constant `nodeCapacity`, varied variables',
    server: 'mercurius',
    requests: (c) => variedNodeCapacity(c.names),
    baseline: 'raw',
  },
  { id: 'yoga-bare', label: 'GraphQL Yoga 5, `{ __typename }`', server: 'yoga', request: requests.graphqlBare, baseline: 'raw' },
  {
    id: 'yoga-capacity',
    label: 'GraphQL Yoga 5, constant `nodeCapacity`, varied variables',
    server: 'yoga',
    requests: (c) => variedNodeCapacity(c.names),
    baseline: 'raw',
  },
  {
    id: 'nest-bare',
    label: 'NestJS + @nestjs/apollo on Fastify, `{ __typename }`',
    server: 'nest',
    request: requests.graphqlBare,
    baseline: 'raw',
  },
  {
    id: 'nest-capacity',
    label: 'NestJS + @nestjs/apollo on Fastify, constant `nodeCapacity` resolver class, varied variables',
    server: 'nest',
    requests: (c) => variedNodeCapacity(c.names),
    baseline: 'raw',
  },
  {
    id: 'nest-304',
    label: 'NestJS on Fastify, `GET /api/v1/capacity/m5.large` answered 304 on arrival (onRequest), nothing else',
    server: 'nest',
    request: { ...requests.restCapacity, headers: { 'if-none-match': PEER_ETAG } },
    expect: [304],
    baseline: 'raw',
  },
  { id: 'svc-bare', label: 'service, GraphQL `{ __typename }`', server: 'service', request: requests.graphqlBare, baseline: 'raw' },
  {
    id: 'svc-nodeCapacity-varied',
    label: 'service, GraphQL `nodeCapacity` with variables, every input different',
    server: 'service',
    requests: (c) => variedNodeCapacity(c.names),
    baseline: 'apollo-bare',
    goal: 0.9,
  },
  {
    id: 'svc-nodeCapacity-same',
    label: 'service, GraphQL `nodeCapacity` with variables, one input repeated (POST)',
    server: 'service',
    request: requests.graphqlNodeCapacity,
    baseline: 'apollo-bare',
  },
  {
    id: 'svc-rest-repeat',
    label: 'service, REST `GET /api/v1/capacity/m5.large` repeated',
    server: 'service',
    conditional: 'rest',
    request: requests.restCapacity,
    baseline: 'raw',
    goal: 0.5,
  },
  {
    id: 'svc-graphql-get-repeat',
    label: 'service, GraphQL GET `nodeCapacity` repeated',
    server: 'service',
    conditional: 'graphqlGet',
    request: GRAPHQL_GET_CAPACITY,
    baseline: 'raw',
    goal: 0.5,
  },
  {
    id: 'svc-rest-sizing',
    label: 'service, REST `POST /api/v1/capacity/sizing` (whole catalog)',
    server: 'service',
    request: requests.restSizing,
    baseline: 'raw',
    p99Goal: 20,
  },
  {
    id: 'svc-gql-sizing',
    label: 'service, GraphQL `sizeNodeGroups` (whole catalog)',
    server: 'service',
    request: requests.graphqlSizing,
    baseline: 'raw',
    p99Goal: 20,
  },
];

/** The 60-second mixed load: what a planning portal sends, cycled per connection. */
export const SOAK_MIX = [
  gql(NODE_CAPACITY, { input: { instanceType: 'm5.large', os: 'WINDOWS', ipMode: 'SECONDARY_IP' } }),
  { method: 'GET', path: '/api/v1/capacity/c6i.2xlarge?os=windows&ipMode=prefix-delegation' },
  gql(INSTANCE_TYPES_PAGE),
  gql(NODE_CAPACITY, { input: { instanceType: 'm6i.4xlarge', os: 'LINUX', ipMode: 'PREFIX_DELEGATION' } }),
  { method: 'GET', path: '/api/v1/instance-types/r5.xlarge' },
  gql(SIZE_NODE_GROUPS, { input: { workload: WORKLOAD } }),
  { method: 'GET', path: '/api/v1/capacity/t3.medium/compare' },
  requests.restSizing,
  gql('{ __typename }'),
  { method: 'GET', path: '/api/v1/instance-types?family=m5,c6i&first=50' },
];
