import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/common/project-path.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The catalog as users query it, on a real PostgreSQL database brought up by the migrations
// and filled from the bundled snapshot at first start (issue: service and catalog).
const shared = JSON.parse(readFileSync(projectPath('..', 'shared', 'data', 'ec2', 'instance-types.json'), 'utf8')) as Record<string, any>;
const sample = Object.keys(shared).filter((_, i) => i % 23 === 0); // ~60 types spread over the catalog

const FIELDS = `name family size hypervisor nitro bareMetal vcpus memoryMiB architectures currentGeneration burstable
  ipv4AddressesPerInterface ipv6AddressesPerInterface ipv6Supported maxNetworkInterfaces defaultNetworkCardIndex
  defaultCardNetworkInterfaces maximumNetworkCards networkPerformance
  networkCards { networkCardIndex maximumNetworkInterfaces networkPerformance baselineBandwidthInGbps peakBandwidthInGbps }
  regions firstSeenAt lastSeenAt accelerators { kind count name manufacturer }`;

function expectMatchesEc2(actual: any, raw: any) {
  const ni = raw.NetworkInfo;
  const defaultCard = (ni.NetworkCards ?? []).find((c: any) => c.NetworkCardIndex === (ni.DefaultNetworkCardIndex ?? 0));
  expect(actual.name).toBe(raw.InstanceType);
  expect(actual.hypervisor).toBe(raw.Hypervisor ?? null);
  expect(actual.bareMetal).toBe(raw.BareMetal);
  expect(actual.vcpus).toBe(raw.VCpuInfo.DefaultVCpus);
  expect(actual.memoryMiB).toBe(raw.MemoryInfo.SizeInMiB);
  expect([...actual.architectures].sort()).toEqual([...raw.ProcessorInfo.SupportedArchitectures].sort());
  expect(actual.currentGeneration).toBe(raw.CurrentGeneration);
  expect(actual.ipv4AddressesPerInterface).toBe(ni.Ipv4AddressesPerInterface);
  expect(actual.ipv6AddressesPerInterface).toBe(ni.Ipv6AddressesPerInterface);
  expect(actual.maxNetworkInterfaces).toBe(ni.MaximumNetworkInterfaces);
  expect(actual.defaultCardNetworkInterfaces).toBe(defaultCard?.MaximumNetworkInterfaces ?? ni.MaximumNetworkInterfaces);
  expect(actual.networkCards).toHaveLength((ni.NetworkCards ?? []).length);
  expect(actual.regions.length).toBeGreaterThan(0);
  expect(typeof actual.lastSeenAt).toBe('string');
  // Accelerators: one entry per device model of GpuInfo, InferenceAcceleratorInfo, NeuronInfo, FpgaInfo, MediaAcceleratorInfo.
  const devices = [
    ...(raw.GpuInfo?.Gpus ?? []).map((d: any) => ['GPU', d]),
    ...(raw.InferenceAcceleratorInfo?.Accelerators ?? []).map((d: any) => ['INFERENCE', d]),
    ...(raw.NeuronInfo?.NeuronDevices ?? []).map((d: any) => ['NEURON', d]),
    ...(raw.FpgaInfo?.Fpgas ?? []).map((d: any) => ['FPGA', d]),
    ...(raw.MediaAcceleratorInfo?.Accelerators ?? []).map((d: any) => ['MEDIA', d]),
  ].map(([kind, d]) => ({ kind, count: d.Count, name: d.Name ?? null, manufacturer: d.Manufacturer ?? null }));
  expect(actual.accelerators).toEqual(devices);
}

describe('catalog on PostgreSQL', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('loads all 1,373 bundled instance types at first start and is ready', async () => {
    const ready = await app.http.get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', database: 'up', catalog: { loaded: true, instanceTypes: 1373 } });
    await app.http.get('/health/live').expect(200, { status: 'ok' });
    const res = await app.gql('{ instanceTypes(first: 1) { totalCount } }').expect(200);
    expect(res.body.data.instanceTypes.totalCount).toBe(1373);
  });

  it.each(sample)('GraphQL and REST return %s as EC2 describes it', async (name) => {
    const gql = await app.gql(`query($n: String!) { instanceType(name: $n) { ${FIELDS} } }`, { n: name }).expect(200);
    expect(gql.body.errors).toBeUndefined();
    expectMatchesEc2(gql.body.data.instanceType, shared[name]);
    const rest = await app.http.get(`/api/v1/instance-types/${name}`).expect(200);
    expect(rest.body).toEqual(gql.body.data.instanceType);
  });

  it('p5.48xlarge: maxNetworkInterfaces sums every card, defaultCardNetworkInterfaces is the default card (EC2 NetworkInfo.NetworkCards)', async () => {
    const res = await app.http.get('/api/v1/instance-types/p5.48xlarge').expect(200);
    expect(res.body.maxNetworkInterfaces).toBe(64);
    expect(res.body.defaultCardNetworkInterfaces).toBe(2);
  });

  it('accelerators come from DescribeInstanceTypes: g4dn.xlarge has one NVIDIA T4, m5.large none', async () => {
    const g4 = await app.http.get('/api/v1/instance-types/g4dn.xlarge').expect(200);
    expect(g4.body.accelerators).toEqual([{ kind: 'GPU', count: 1, name: 'T4', manufacturer: 'NVIDIA' }]);
    const m5 = await app.http.get('/api/v1/instance-types/m5.large').expect(200);
    expect(m5.body.accelerators).toEqual([]);
  });

  it('bare metal has a null hypervisor and counts as Nitro', async () => {
    const res = await app.http.get('/api/v1/instance-types/m5.metal').expect(200);
    expect(res.body).toMatchObject({ hypervisor: null, bareMetal: true, nitro: true });
  });

  it('an unknown type is null in GraphQL and a JSON 404 in REST', async () => {
    const gql = await app.gql('{ instanceType(name: "m5.gigantic") { name } }').expect(200);
    expect(gql.body).toEqual({ data: { instanceType: null } });
    const rest = await app.http.get('/api/v1/instance-types/m5.gigantic').expect(404);
    expect(rest.headers['content-type']).toMatch(/json/);
    expect(rest.body.error).toMatchObject({ code: 'INSTANCE_TYPE_NOT_FOUND' });
    expect(rest.body.error.details.suggestions).toContain('m5.large');
    expect(rest.body.error.requestId).toBe(rest.headers['x-request-id']);
  });

  it('filters agree with the EC2 data, through both doors', async () => {
    const expected = Object.values(shared)
      .filter(
        (t: any) =>
          t.Hypervisor === 'nitro' &&
          t.ProcessorInfo.SupportedArchitectures.includes('arm64') &&
          t.CurrentGeneration &&
          t.VCpuInfo.DefaultVCpus >= 4 &&
          t.VCpuInfo.DefaultVCpus <= 16 &&
          t.MemoryInfo.SizeInMiB >= 16384,
      )
      .map((t: any) => t.InstanceType)
      .sort();
    const filter = { hypervisor: 'nitro', architecture: 'arm64', currentGeneration: true, minVcpus: 4, maxVcpus: 16, minMemoryMiB: 16384 };
    const gql = await app
      .gql('query($f: InstanceTypeFilter) { instanceTypes(filter: $f, first: 500) { totalCount nodes { name } } }', { f: filter })
      .expect(200);
    expect(gql.body.data.instanceTypes.totalCount).toBe(expected.length);
    expect(gql.body.data.instanceTypes.nodes.map((n: any) => n.name)).toEqual(expected);
    const rest = await app.http
      .get('/api/v1/instance-types')
      .query({ ...filter, first: 500 })
      .expect(200);
    expect(rest.body.totalCount).toBe(expected.length);
    expect(rest.body.nodes.map((n: any) => n.name)).toEqual(expected);
  });

  it('filters by family, bare metal and region', async () => {
    const offered = new Set(
      (JSON.parse(readFileSync(projectPath('..', 'shared', 'data', 'ec2', 'offerings', 'eu-south-2.json'), 'utf8')) as any[]).map(
        (o) => o.InstanceType,
      ),
    );
    const expected = Object.keys(shared)
      .filter((n) => (n.startsWith('c5.') || n.startsWith('m5.')) && offered.has(n))
      .sort();
    const rest = await app.http.get('/api/v1/instance-types?family=c5,m5&region=eu-south-2&first=100').expect(200);
    expect(rest.body.nodes.map((n: any) => n.name)).toEqual(expected);
    const metal = await app.http.get('/api/v1/instance-types?bareMetal=true&first=0').expect(200);
    expect(metal.body.totalCount).toBe(Object.values(shared).filter((t: any) => t.BareMetal).length);
    const xen = await app.http.get('/api/v1/instance-types?nitro=false&first=0').expect(200);
    expect(xen.body.totalCount).toBe(Object.values(shared).filter((t: any) => t.Hypervisor === 'xen').length);
  });

  it('refuses a well-formed region no type is offered in, naming the regions the catalog holds, on every route that takes one', async () => {
    // The bundled catalog's regions are those of the offerings files (DescribeInstanceTypeOfferings, one per region).
    const regions = readdirSync(projectPath('..', 'shared', 'data', 'ec2', 'offerings'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    const message = `region us-east-9 is not in the instance catalog, whose types are offered in ${regions.length} region(s): ${regions.join(', ')}`;
    const refused = async (res: { status: number; body: any }) => {
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        message,
        details: { field: 'region', rule: 'KNOWN_REGION', regions },
      });
    };
    for (const url of [
      '/api/v1/instance-types?region=us-east-9',
      '/api/v1/capacity?os=windows&family=m5&region=us-east-9',
      '/api/v1/capacity/m5.large?os=windows&ipMode=secondary-ip&region=us-east-9',
      '/api/v1/capacity/m5.large/compare?region=us-east-9',
      '/api/v1/capacity/m5.large/windows-eligibility?region=us-east-9',
      '/api/v1/capacity/windows-eligibility?region=us-east-9',
    ]) {
      await refused(await app.http.get(url));
    }
    await refused(await app.http.post('/api/v1/capacity/sizing').send({ workload: { windowsPods: 10 }, region: 'us-east-9' }));
    const gql = await app
      .gql('query($f: InstanceTypeFilter) { instanceTypes(filter: $f) { totalCount } }', { f: { region: 'us-east-9' } })
      .expect(200);
    expect(gql.body.errors[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    // A region the catalog holds still filters.
    const known = await app.http.get('/api/v1/instance-types?region=eu-south-2&first=0').expect(200);
    expect(known.body.totalCount).toBeGreaterThan(0);
  });

  it('pages with cursors through the whole catalog without gaps or repeats', async () => {
    const names: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: any = await app
        .gql(
          'query($a: String) { instanceTypes(first: 200, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name } } } }',
          { a: after },
        )
        .expect(200);
      const conn = res.body.data.instanceTypes;
      names.push(...conn.edges.map((e: any) => e.node.name));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(names).toEqual(Object.keys(shared).sort());
  });

  it.each([
    ['/api/v1/instance-types?first=-1', 'first'],
    ['/api/v1/instance-types?first=100000', 'first'],
    ['/api/v1/instance-types?minVcpus=abc', 'minVcpus'],
    ['/api/v1/instance-types?architecture=sparc', 'architecture'],
    ['/api/v1/instance-types?region=Mars', 'region'],
    ['/api/v1/instance-types?after=not-a-cursor', 'after'],
    ['/api/v1/instance-types?minVcpus=8&maxVcpus=2', 'minVcpus'],
    ['/api/v1/instance-types?color=blue', 'color'],
    // An empty value is not 0: a portal's empty form field must not turn into an empty catalog.
    ['/api/v1/instance-types?maxVcpus=', 'maxVcpus'],
    ['/api/v1/instance-types?maxMemoryMiB=', 'maxMemoryMiB'],
    ['/api/v1/instance-types?first=', 'first'],
    ['/api/v1/instance-types?first=%20', 'first'],
    ['/api/v1/capacity?family=m5&maxVcpus=', 'maxVcpus'],
    ['/api/v1/catalog/refreshes?first=', 'first'],
  ])('rejects %s with a 400 naming %s', async (url, field) => {
    const res = await app.http.get(url).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body.error)).toContain(field);
  });

  it('serves OpenAPI at /api/docs and its JSON at /api/docs-json', async () => {
    const json = await app.http.get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/instance-types/{name}', '/api/v1/instance-types', '/api/v1/catalog/refreshes']),
    );
    const html = await app.http.get('/api/docs').redirects(1).expect(200);
    expect(html.text).toContain('swagger');
  });
});
