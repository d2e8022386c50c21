import { readFileSync } from 'node:fs';
import { PinoLogger } from 'nestjs-pino';
import type { Response as SuperagentResponse } from 'superagent';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { projectPath } from '../../src/common/project-path.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Working from the cluster's real state, through both doors (GraphQL with variables, and REST):
// diagnose pasted events and log-collector files, audit a kubectl dump, and map a subnet's real /28
// blocks (JSON and SVG). The fixtures are what kubectl, the aws CLI and the EKS log collector print.

const fixture = (name: string) => readFileSync(projectPath('test', 'fixtures', 'cluster-state', name), 'utf8');

const FINDING_FIELDS = 'code symptom line occurrences cause checks fix { text templateId } source details';
const DIAGNOSE = `query($input: DiagnosisInput!) { diagnose(input: $input) {
  findings { ${FINDING_FIELDS} } linesRead
  hnsPolicies { policies elbPolicies dsrPolicies dsrEnabled firstNonDsrLine servicesLimit exhaustionRisk }
  serviceCidr { serviceCidr eniIpAddresses defaultServiceCidr dnsServers clusterServiceCidr matches } } }`;
const AUDIT = `query($input: ClusterAuditInput!) { auditCluster(input: $input) {
  nodes windowsNodes linuxNodes policiesChecked servicesCount nodeGroups { name os instanceTypes nodes }
  findings { code severity subjectKind subject nodes nodeCount message details fix { text templateId } source path } } }`;
const PREFIXES = `query($input: SubnetPrefixAvailabilityInput!) { subnetPrefixAvailability(input: $input) {
  subnetCidr subnetId counts { blocks free used spoiled reserved availableForPrefixes }
  ranges { cidr kind reservationId description blocks free used spoiled availableForPrefixes }
  blocks { index cidr kind range addressesTaken notes } addressesRead prefixesRead ignoredOutsideSubnet
  nodes { instanceType requestedIpMode effectiveIpMode podsPerNode prefixesPerNode addressesPerNode nodesThatFit nodesThatFitBestCase
    insufficientCidrBlocksAtNode limitedBy nodeCount fits formula }
  remedy { kind cidr blocks message command source } formula formulaText inputs { name value note } warnings { code message source } } }`;

/** Reads any response body as text (superagent only buffers text/* and JSON on its own). */
function asText(res: SuperagentResponse, callback: (err: Error | null, body: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => callback(null, text));
}

const CLUSTER = {
  nodesJson: fixture('cluster-nodes.json'),
  vpcCniConfigMap: fixture('cluster-vpc-cni-configmap.yaml'),
  networkPolicies: fixture('cluster-networkpolicies.yaml'),
  calicoPolicies: fixture('cluster-calico-policies.yaml'),
  servicesCount: 150,
  kubernetesVersion: '1.31',
};
const SUBNET = {
  subnetCidr: '10.0.32.0/20',
  cidrReservationsJson: fixture('subnet-cidr-reservations.json'),
  networkInterfacesJson: fixture('subnet-network-interfaces.json'),
  instanceType: 'm5.large',
  podsPerNode: 30,
  nodeCount: 100,
};

let app: TestApp;
const logged: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ env: { LOG_LEVEL: 'debug' } });
  // Everything the service logs from here on, to prove that nothing pasted reaches the log.
  const root = PinoLogger.root as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal']) {
    const original = root[level].bind(root);
    vi.spyOn(root, level).mockImplementation((...args: unknown[]) => {
      logged.push(JSON.stringify(args));
      return original(...args);
    });
  }
}, 120_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await app?.close();
});

describe('diagnose', () => {
  it.each([
    { file: 'describe-pod-insufficient-ipv4.txt', code: 'INSUFFICIENT_PRIVATE_IPV4_ADDRESS' },
    { file: 'get-events-mixed.txt', code: 'INSTANCE_TYPE_NOT_SUPPORTED_BY_VPC_RESOURCE_CONTROLLER' },
    { file: 'vpc-resource-controller.log', code: 'IP_COOLDOWN' },
    { file: 'kube-proxy-windows.log', code: 'HNS_LOAD_BALANCER_PORT_EXHAUSTION' },
    { file: 'nslookup-windows-pod.txt', code: 'WINDOWS_POD_DNS_FAILURE' },
    { file: 'describe-node-no-ips.txt', code: 'NODE_ADVERTISES_NO_WINDOWS_IPS' },
    { file: 'get-node-no-ips.yaml', code: 'NODE_ADVERTISES_NO_WINDOWS_IPS' },
    { file: 'get-node-no-ips.json', code: 'NODE_ADVERTISES_NO_WINDOWS_IPS' },
  ])('$file -> $code, the same over GraphQL and REST', async ({ file, code }) => {
    const input = { text: fixture(file), instanceType: 'm5.large', kubernetesVersion: '1.31' };
    const gql = await app.gql(DIAGNOSE, { input }).expect(200);
    expect(gql.body.errors).toBeUndefined();
    const rest = await app.http.post('/api/v1/diagnoses').send(input).expect(200);
    expect(rest.body).toEqual(gql.body.data.diagnose);
    const [first] = rest.body.findings;
    expect(first.code).toBe(code);
    expect(fixture(file)).toContain(first.symptom);
  });

  it('the facts narrow the cause: IPAM on with PD, m5.large full at 110 pods', async () => {
    const input = {
      text: fixture('describe-pod-insufficient-ipv4.txt'),
      instanceType: 'm5.large',
      vpcCniConfigMap: 'data:\n  enable-windows-ipam: "true"\n  enable-windows-prefix-delegation: "true"\n',
    };
    const res = await app.http.post('/api/v1/diagnoses').send(input).expect(200);
    expect(res.body.findings[0].cause).toContain('the node is full once 110 pods run on it');
    expect(res.body.findings[0].fix.templateId).toBe('vpc-cni-windows-ipam-configmap');
  });

  it('log collector files: 120 ELB policies without DSR, and a Service CIDR that differs from the cluster', async () => {
    const input = {
      hnsPolicyList: fixture('hns-policy-list-no-dsr.txt'),
      vpcBridgeConf: fixture('vpc-bridge.conf'),
      serviceIpv4Cidr: '172.20.0.0/16',
      kubernetesVersion: '1.33',
    };
    const res = await app.gql(DIAGNOSE, { input }).expect(200);
    const d = res.body.data.diagnose;
    expect(d.hnsPolicies).toMatchObject({ elbPolicies: 120, dsrPolicies: 0, dsrEnabled: false, exhaustionRisk: true });
    expect(d.serviceCidr).toMatchObject({ serviceCidr: '10.100.0.0/16', matches: false });
    expect(d.findings.map((f: { code: string }) => f.code)).toEqual(['HNS_ELB_POLICIES_WITHOUT_DSR', 'WINDOWS_SERVICE_CIDR_MISMATCH']);
    expect(d.findings[0].details.join(' ')).toContain('--enable-dsr=true');
  });

  it('unknown text: an empty finding list, not an error', async () => {
    const res = await app.gql(DIAGNOSE, { input: { text: fixture('unknown-text.txt') } }).expect(200);
    expect(res.body.data.diagnose).toMatchObject({ findings: [], linesRead: 4 });
  });

  it('a malformed ConfigMap is a validation error naming line and column, on both doors', async () => {
    const input = { text: 'x', vpcCniConfigMap: 'data:\n  enable-windows-ipam: "true\n' };
    const rest = await app.http.post('/api/v1/diagnoses').send(input).expect(400);
    expect(rest.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(rest.body.error.message).toMatch(/vpcCniConfigMap is not valid YAML at line \d+, column \d+/);
    const gql = await app.gql(DIAGNOSE, { input }).expect(200);
    expect(gql.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['a cluster Service CIDR that is not one', { serviceIpv4Cidr: 'x', vpcBridgeConf: fixture('vpc-bridge.conf') }, 'serviceIpv4Cidr'],
    ['a vpc-bridge.conf without its keys', { vpcBridgeConf: '{"x": 1}' }, 'vpcBridgeConf'],
    ['a Get-HnsPolicyList that is JSON but no policy list', { hnsPolicyList: '{"a": 1}' }, 'hnsPolicyList'],
    ['a Get-HnsPolicyList that is text but no policy list', { hnsPolicyList: 'Type=ELB but no record' }, 'hnsPolicyList'],
  ])('%s is a validation error naming it, on both doors', async (_name, facts, field) => {
    const input = { text: 'x', ...facts };
    const rest = await app.http.post('/api/v1/diagnoses').send(input).expect(400);
    expect(rest.body.error.code).toBe('VALIDATION_FAILED');
    expect(rest.body.error.details.field).toBe(field);
    const gql = await app.gql(DIAGNOSE, { input }).expect(200);
    expect(gql.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { field } });
  });

  it('a body that is JSON null is refused as an array is, though every field is optional', async () => {
    for (const [body, was] of [
      ['null', 'null'],
      ['[]', 'an array'],
      ['"text"', 'a string'],
    ]) {
      const res = await app.http.post('/api/v1/diagnoses').set('content-type', 'application/json').send(body).expect(400);
      expect(res.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: `the request body must be a JSON object, not ${was}`,
        details: { violations: [{ field: 'body', rules: ['isObject'] }] },
      });
    }
    await app.http.post('/api/v1/diagnoses').send({}).expect(200);
  });

  it('too much text is refused', async () => {
    const res = await app.http
      .post('/api/v1/diagnoses')
      .send({ text: 'line\n'.repeat(10_001) })
      .expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('auditCluster', () => {
  it('the seeded dump: every seeded problem, the same over GraphQL and REST', async () => {
    const gql = await app.gql(AUDIT, { input: CLUSTER }).expect(200);
    expect(gql.body.errors).toBeUndefined();
    const rest = await app.http.post('/api/v1/cluster-audits').send(CLUSTER).expect(200);
    expect(rest.body).toEqual(gql.body.data.auditCluster);
    const codes = rest.body.findings.map((f: { code: string; subject: string }) => `${f.code} ${f.subject}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'ONE_LINUX_NODE cluster',
        'WARM_POOL_KEYS_BOTH_FAMILIES kube-system/amazon-vpc-cni',
        'WINDOWS_NODE_FEWER_IPS win-2022-pd',
        'WINDOWS_NODE_FEWER_PODS win-2022-pd',
        'PREFIX_DELEGATION_SILENT_FALLBACK win-xen',
        'WINDOWS_TYPE_UNSUPPORTED win-graviton',
        'WINDOWS_2025_WITH_CALICO_POLICIES win-2025',
        'WINDOWS_SERVICES_WITHOUT_DSR win-2022-pd',
        'WINDOWS_SERVICES_WITHOUT_DSR win-2025',
        'WINDOWS_POLICY_NEGATIVE_MATCH shop/web-egress',
        'WINDOWS_POLICY_NEGATIVE_MATCH shop/deny-imds',
      ]),
    );
    expect(codes).not.toContain('WINDOWS_SERVICES_WITHOUT_DSR cluster');
    expect(rest.body).toMatchObject({ nodes: 6, windowsNodes: 5, linuxNodes: 1, policiesChecked: 3, servicesCount: 150 });
  });

  it('without the ConfigMap, the IP mode comes from what each node advertises, the same over GraphQL and REST', async () => {
    const input = { nodesJson: CLUSTER.nodesJson };
    const rest = await app.http.post('/api/v1/cluster-audits').send(input).expect(200);
    const gql = await app.gql(AUDIT, { input }).expect(200);
    expect(gql.body.data.auditCluster).toEqual(rest.body);
    // win-2022-pd: one m5.large advertises 144 (prefix delegation), the other 9 (secondary IP).
    const codes = rest.body.findings.filter((f: { subject: string }) => f.subject === 'win-2022-pd').map((f: { code: string }) => f.code);
    expect(codes).toEqual(['WINDOWS_NODE_GROUP_MIXED_IP_MODES', 'WINDOWS_NODE_FEWER_PODS', 'WINDOWS_NODE_MORE_PODS_THAN_IPS']);
  });

  it('300 nodes as kubectl prints them are over the 1 MiB body (413 naming it); only what the audit reads fits (README)', async () => {
    type NodeItem = { kind: string; metadata: { name: string; labels: object }; status: Record<string, object> };
    const [, windowsNode] = (JSON.parse(CLUSTER.nodesJson) as { items: NodeItem[] }).items;
    const items = Array.from({ length: 300 }, (_, i) => ({ ...windowsNode, metadata: { ...windowsNode.metadata, name: `node-${i}` } }));
    // kubectl's 4-space JSON: about 4 KiB a node once it is a string in the body.
    const printed = await app.http
      .post('/api/v1/cluster-audits')
      .send({ nodesJson: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 4) })
      .expect(413);
    expect(printed.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limit: 1_048_576 } });
    // The README's jq filter: kind, name, labels, capacity, allocatable, nodeInfo, compact.
    const slim = items.map((n) => ({
      kind: n.kind,
      metadata: { name: n.metadata.name, labels: n.metadata.labels },
      status: { capacity: n.status.capacity, allocatable: n.status.allocatable, nodeInfo: n.status.nodeInfo },
    }));
    const res = await app.http
      .post('/api/v1/cluster-audits')
      .send({ nodesJson: JSON.stringify({ kind: 'List', items: slim }) })
      .expect(200);
    expect(res.body).toMatchObject({ nodes: 300, windowsNodes: 300 });
  });

  it('malformed nodes JSON names line and column', async () => {
    const res = await app.http.post('/api/v1/cluster-audits').send({ nodesJson: '{"items": [\n  {"metadata": }\n]}' }).expect(400);
    expect(res.body.error.message).toContain('nodesJson is not valid JSON at line 2, column 16');
  });

  it('Pods pasted with the Nodes are left out and counted; Pods alone are a 400 on nodesJson', async () => {
    const nodes = (JSON.parse(CLUSTER.nodesJson) as { items: unknown[] }).items;
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'shop' }, status: { phase: 'Running' } };
    const mixed = { ...CLUSTER, nodesJson: JSON.stringify({ kind: 'List', items: [...nodes, pod] }) };
    const rest = await app.http.post('/api/v1/cluster-audits').send(mixed).expect(200);
    expect(rest.body).toMatchObject({ nodes: 6, windowsNodes: 5, linuxNodes: 1 });
    expect(rest.body.findings.filter((f: { code: string }) => f.code === 'NON_NODE_ITEMS_SKIPPED')).toEqual([
      expect.objectContaining({ severity: 'INFO', details: ['items[6] Pod shop/web-1'] }),
    ]);
    const gql = await app.gql(AUDIT, { input: mixed }).expect(200);
    expect(gql.body.data.auditCluster).toEqual(rest.body);

    const podsOnly = { nodesJson: JSON.stringify({ kind: 'List', items: [pod] }) };
    const refused = await app.http.post('/api/v1/cluster-audits').send(podsOnly).expect(400);
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'nodesJson', path: 'items' } });
    expect(refused.body.error.message).toContain('no Node among the 1 item (Pod: 1)');
    const gqlRefused = await app.gql(AUDIT, { input: podsOnly }).expect(200);
    expect(gqlRefused.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'nodesJson' } });
  });

  it('an empty list is a cluster with no nodes yet: audited, with an INFO finding that no node was pasted, on both doors', async () => {
    const empty = { nodesJson: '{"kind":"List","items":[]}' };
    const rest = await app.http.post('/api/v1/cluster-audits').send(empty).expect(200);
    expect(rest.body).toMatchObject({ nodes: 0, windowsNodes: 0, linuxNodes: 0, nodeGroups: [] });
    expect(rest.body.findings).toEqual([expect.objectContaining({ code: 'NO_NODES_PASTED', severity: 'INFO', subjectKind: 'CLUSTER' })]);
    const gql = await app.gql(AUDIT, { input: empty }).expect(200);
    expect(gql.body.data.auditCluster).toEqual(rest.body);
  });

  it('a bad entry names its path', async () => {
    const res = await app.gql(AUDIT, { input: { nodesJson: '{"kind":"List","items":[{"metadata":{}}]}' } }).expect(200);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toContain('items[0].metadata.name');
  });
});

describe('subnetPrefixAvailability', () => {
  it('reserved ranges and real ENIs: counts, ranges and the nodes that fit, the same over GraphQL and REST', async () => {
    const gql = await app.gql(PREFIXES, { input: SUBNET }).expect(200);
    expect(gql.body.errors).toBeUndefined();
    const rest = await app.http.post('/api/v1/capacity/subnet-prefixes').send(SUBNET).expect(200);
    expect(rest.body).toEqual(gql.body.data.subnetPrefixAvailability);
    // 256 blocks = 172 free + 75 reserved + 4 used + 5 spoiled (see subnet-prefix-map.spec.ts).
    expect(rest.body.counts).toEqual({ blocks: 256, free: 172, used: 4, spoiled: 5, reserved: 75, availableForPrefixes: 232 });
    expect(rest.body.nodes).toMatchObject({ prefixesPerNode: 2, nodesThatFit: 77, insufficientCidrBlocksAtNode: 78, fits: false });
    expect(rest.body.remedy).toMatchObject({ kind: 'NEW_SUBNET', cidr: '/20' });
    expect(rest.body.subnetId).toBe('subnet-0f3e5d7c9b1a24680');
  });

  it.each([
    // arm64 (awsdocs/amazon-eks-user-guide eks-optimized-windows-ami) and too small for the Windows reservations (BPG oom.adoc).
    { instanceType: 'm6g.large', code: 'WINDOWS_UNSUPPORTED_ARCHITECTURE' },
    { instanceType: 't3.nano', code: 'NO_ALLOCATABLE_RESOURCES' },
  ])(
    '$instanceType runs no Windows pods: 200 with limitedBy UNSUPPORTED and the reason, as nodeCapacity answers',
    async ({ instanceType, code }) => {
      const input = { ...SUBNET, instanceType };
      const rest = await app.http.post('/api/v1/capacity/subnet-prefixes').send(input).expect(200);
      const gql = await app.gql(PREFIXES, { input }).expect(200);
      expect(gql.body.errors).toBeUndefined();
      expect(gql.body.data.subnetPrefixAvailability).toEqual(rest.body);
      expect(rest.body.nodes).toMatchObject({ instanceType, nodesThatFit: 0, limitedBy: 'UNSUPPORTED', fits: false, nodeCount: 100 });
      expect(rest.body.remedy).toBeNull();
      expect(rest.body.warnings.map((w: { code: string }) => w.code)).toContain(code);
    },
  );

  it('1,024 blocks in an unreserved /18, 1,022 usable for prefixes', async () => {
    const res = await app.gql(PREFIXES, { input: { subnetCidr: '10.1.0.0/18' } }).expect(200);
    expect(res.body.data.subnetPrefixAvailability.counts).toEqual({
      blocks: 1024,
      free: 1022,
      used: 0,
      spoiled: 2,
      reserved: 0,
      availableForPrefixes: 1022,
    });
  });

  it('?format=svg: well-formed SVG with one square per block and the legend counts, from POST and GET', async () => {
    const post = await app.http.post('/api/v1/capacity/subnet-prefixes?format=svg').send(SUBNET).buffer(true).parse(asText).expect(200);
    expect(post.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const query = new URLSearchParams({
      subnetCidr: SUBNET.subnetCidr,
      cidrReservationsJson: SUBNET.cidrReservationsJson,
      networkInterfacesJson: SUBNET.networkInterfacesJson,
      format: 'svg',
    });
    const get = await app.http.get(`/api/v1/capacity/subnet-prefixes?${query}`).buffer(true).parse(asText).expect(200);
    expect(get.headers['content-type']).toMatch(/^image\/svg\+xml/);
    for (const svg of [post.body as string, get.body as string]) {
      expect(XMLValidator.validate(svg)).toBe(true);
      const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg);
      expect(doc.svg.xmlns).toBe('http://www.w3.org/2000/svg');
      const squares = [doc.svg.g[0].rect].flat() as Array<{ 'data-kind': string }>;
      expect(squares).toHaveLength(256);
      const count = (kind: string) => squares.filter((r) => r['data-kind'] === kind).length;
      expect({ FREE: count('FREE'), RESERVED: count('RESERVED'), USED: count('USED'), SPOILED: count('SPOILED') }).toEqual({
        FREE: 172,
        RESERVED: 75,
        USED: 4,
        SPOILED: 5,
      });
      const legend = doc.svg.g[1].g as Array<{ 'data-kind': string; 'data-count': string }>;
      expect(Object.fromEntries(legend.map((l) => [l['data-kind'], Number(l['data-count'])]))).toEqual({
        FREE: 172,
        USED: 4,
        RESERVED: 75,
        SPOILED: 5,
      });
    }
  });

  it('16 pods a node take 2 prefixes with the default warm IP, and the warm targets given change that, on both doors', async () => {
    // ceil(max(16 + 1, 3) / 16) = 2 (VPCRC docs/windows/prefix_delegation_config_options.md): a /24's 14 free
    // blocks hold 4 such nodes, worst case. A warm-ip-target of 0 with a minimum set is read as 1 (VPCRC
    // pkg/pool/pool.go getPDDeviation), so it still takes 2; a minimum of 64 takes ceil(64 / 16) = 4 prefixes, with the block of the
    // node's own address 5 blocks a node worst case, and 2 nodes fit.
    const base = { subnetCidr: '10.4.0.0/24', instanceType: 'm5.large', podsPerNode: 16, nodeCount: 5 };
    const dflt = await app.gql(PREFIXES, { input: base }).expect(200);
    expect(dflt.body.errors).toBeUndefined();
    expect(dflt.body.data.subnetPrefixAvailability.nodes).toMatchObject({ prefixesPerNode: 2, nodesThatFit: 4, fits: false });
    const zeroWarm = await app.gql(PREFIXES, { input: { ...base, warmIpTarget: 0, minimumIpTarget: 16 } }).expect(200);
    expect(zeroWarm.body.data.subnetPrefixAvailability.nodes).toMatchObject({ prefixesPerNode: 2, nodesThatFit: 4, fits: false });
    const tuned = { ...base, warmIpTarget: 1, minimumIpTarget: 64 };
    const gql = await app.gql(PREFIXES, { input: tuned }).expect(200);
    expect(gql.body.data.subnetPrefixAvailability.nodes).toMatchObject({ prefixesPerNode: 4, nodesThatFit: 2, fits: false });
    const get = await app.http.get(
      `/api/v1/capacity/subnet-prefixes?${new URLSearchParams(Object.entries(tuned).map(([k, v]) => [k, String(v)]))}`,
    );
    expect(get.status).toBe(200);
    expect(get.body).toEqual(gql.body.data.subnetPrefixAvailability);
    const bad = await app.http
      .post('/api/v1/capacity/subnet-prefixes')
      .send({ ...base, warmIpTarget: -1 })
      .expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('GET without a format answers JSON', async () => {
    const res = await app.http.get('/api/v1/capacity/subnet-prefixes?subnetCidr=10.0.0.0/24').expect(200);
    expect(res.body.counts).toMatchObject({ blocks: 16, free: 14 });
  });

  it.each([
    {
      name: 'malformed ENI JSON names line and column',
      body: { subnetCidr: '10.0.0.0/24', networkInterfacesJson: '{\n  "NetworkInterfaces": [\n    {"PrivateIpAddresses": [}\n  ]\n}' },
      message: 'networkInterfacesJson is not valid JSON at line 3',
    },
    {
      name: 'a bad prefix names its JSON path',
      body: { subnetCidr: '10.0.0.0/24', networkInterfacesJson: '{"NetworkInterfaces":[{"Ipv4Prefixes":[{"Ipv4Prefix":"10.0.0.0/27"}]}]}' },
      message: 'NetworkInterfaces[0].Ipv4Prefixes[0].Ipv4Prefix',
    },
    { name: 'an unknown format', body: { subnetCidr: '10.0.0.0/24' }, message: 'format', query: '?format=png' },
  ])('$name', async ({ body, message, query }) => {
    const res = await app.http
      .post(`/api/v1/capacity/subnet-prefixes${query ?? ''}`)
      .send(body)
      .expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toContain(message);
  });

  it('?format=svg with bad input still answers the JSON error', async () => {
    const res = await app.http.post('/api/v1/capacity/subnet-prefixes?format=svg').send({ subnetCidr: '10.0.0.1/24' }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('an unknown instance type is a 404', async () => {
    const res = await app.http
      .post('/api/v1/capacity/subnet-prefixes')
      .send({ subnetCidr: '10.0.0.0/24', instanceType: 'm5.hyperlarge' })
      .expect(404);
    expect(res.body.error.code).toBe('INSTANCE_TYPE_NOT_FOUND');
  });
});

describe("recommendCni with the subnets' real allocations", () => {
  it('the reserved-ranges subnet holds 3 m5.large nodes at 30 pods: not fragmented, the same over GraphQL and REST', async () => {
    const input = {
      kubernetesVersion: '1.31',
      nodeGroups: [
        { name: 'windows', os: 'WINDOWS', instanceType: 'm5.large', nodes: 3, subnetCidrs: ['10.0.32.0/20'] },
        { name: 'linux', os: 'LINUX', instanceType: 'm5.large', nodes: 2, subnetCidrs: ['10.0.48.0/24'] },
      ],
      windowsPods: 90,
      linuxPods: 20,
      subnetAllocations: [
        {
          subnetCidr: SUBNET.subnetCidr,
          cidrReservationsJson: SUBNET.cidrReservationsJson,
          networkInterfacesJson: SUBNET.networkInterfacesJson,
        },
      ],
    };
    const rest = await app.http.post('/api/v1/cni/recommendations').send(input).expect(200);
    expect(rest.body.input.subnetsFragmented).toBe(false);
    const gql = await app
      .gql('query($input: CniRecommendationInput!) { recommendCni(input: $input) { input { subnetsFragmented } recommended } }', { input })
      .expect(200);
    expect(gql.body.data.recommendCni).toEqual({ input: { subnetsFragmented: false }, recommended: rest.body.recommended });
  });
});

describe('nothing pasted is logged', () => {
  it('requests with pasted text leave no trace of it in the log, though they are logged', async () => {
    const marker = 'pasted-secret-7f3a9c';
    await app.http
      .post('/api/v1/diagnoses')
      .send({ text: `Warning FailedScheduling ${marker} Insufficient vpc.amazonaws.com/PrivateIPv4Address` })
      .expect(200);
    await app.http
      .post('/api/v1/diagnoses')
      .send({ text: 'x', vpcCniConfigMap: `data:\n  ${marker}: "unclosed\n` })
      .expect(400);
    await app.gql(AUDIT, { input: { nodesJson: `{"items":[{"metadata":{"name":"${marker}"}}]}` } }).expect(200);
    await app.http
      .post('/api/v1/capacity/subnet-prefixes')
      .send({ subnetCidr: '10.0.0.0/24', networkInterfacesJson: `{"${marker}": [}` })
      .expect(400);
    const query = new URLSearchParams({
      subnetCidr: '10.0.0.0/24',
      networkInterfacesJson: `{"NetworkInterfaces": [], "${marker}": 1}`,
      format: 'svg',
    });
    await app.http.get(`/api/v1/capacity/subnet-prefixes?${query}`).expect(200);
    // GraphQL over GET carries its variables, pasted text among them, in the URL.
    const graphqlGet = new URLSearchParams({
      query: DIAGNOSE,
      variables: JSON.stringify({
        input: { text: `Warning FailedScheduling ${marker} Insufficient vpc.amazonaws.com/PrivateIPv4Address` },
      }),
    });
    await app.http.get(`/graphql?${graphqlGet}`).set('apollo-require-preflight', 'true').expect(200);
    expect(logged.some((line) => line.includes('/api/v1/capacity/subnet-prefixes?(query not logged)'))).toBe(true);
    expect(logged.some((line) => line.includes('"url":"/graphql?(query not logged)"'))).toBe(true);
    expect(logged.some((line) => line.includes('request completed') && line.includes('/api/v1/diagnoses'))).toBe(true);
    expect(logged.join('\n')).not.toContain(marker);
  });
});
