// What the HTTP benchmarks send. Every capacity scenario names the bare baseline it is compared with.

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
};

/**
 * The throughput scenarios, in the order each round runs them. `service`: which process answers
 * (hello = raw node:http; warn / info = the service at that LOG_LEVEL). `baseline`: compared with.
 */
export const HTTP_SCENARIOS = [
  { id: 'raw', label: 'raw node:http hello-world (ceiling)', service: 'hello', request: requests.raw },
  { id: 'gql-bare', label: 'GraphQL `{ __typename }`', service: 'warn', request: requests.graphqlBare, baseline: 'raw' },
  { id: 'gql-nodeCapacity', label: 'GraphQL `nodeCapacity` (m5.large, Windows)', service: 'warn', request: requests.graphqlNodeCapacity, baseline: 'gql-bare', goal: true },
  { id: 'gql-instanceTypes100', label: 'GraphQL `instanceTypes(first: 100)`', service: 'warn', request: requests.graphqlInstanceTypes100, baseline: 'gql-bare' },
  { id: 'gql-sizing', label: 'GraphQL `sizeNodeGroups` (whole catalog, both modes)', service: 'warn', request: requests.graphqlSizing, baseline: 'gql-bare', goal: true },
  { id: 'rest-bare', label: 'REST `GET /health/live` (constant)', service: 'warn', request: requests.restBare, baseline: 'raw' },
  { id: 'rest-capacity', label: 'REST `GET /api/v1/capacity/m5.large`', service: 'warn', request: requests.restCapacity, baseline: 'rest-bare', goal: true },
  { id: 'rest-sizing', label: 'REST `POST /api/v1/capacity/sizing` (whole catalog)', service: 'warn', request: requests.restSizing, baseline: 'rest-bare', goal: true },
  { id: 'gql-bare@info', label: 'GraphQL `{ __typename }`, LOG_LEVEL=info', service: 'info', request: requests.graphqlBare, baseline: 'raw' },
  { id: 'gql-nodeCapacity@info', label: 'GraphQL `nodeCapacity`, LOG_LEVEL=info', service: 'info', request: requests.graphqlNodeCapacity, baseline: 'gql-bare@info' },
  { id: 'rest-capacity@info', label: 'REST capacity, LOG_LEVEL=info', service: 'info', request: requests.restCapacity, baseline: 'rest-bare' },
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
