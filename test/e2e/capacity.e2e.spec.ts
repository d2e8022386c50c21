import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compareModes,
  computeNodeCapacity,
  HNS_PORT_EXHAUSTION_ERROR,
  type NodeCapacity as CoreNodeCapacity,
} from '../../src/capacity/core/index.js';
import { CatalogService } from '../../src/catalog/catalog.service.js';
import { CatalogViewService } from '../../src/catalog/catalog-view.service.js';
import { readBundledSnapshot } from '../../src/catalog/bundled-catalog.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The capacity API (issue: capacity edges) through both doors, GraphQL and REST, on a real PostgreSQL
// database filled from the bundled catalog snapshot. The numbers are the worked examples of the VPC Resource Controller, the VPC CNI and the EKS Best Practices Guide.

const bundled = readBundledSnapshot();
const factsOf = (name: string) => {
  const t = bundled.types.find((x) => x.name === name);
  if (!t) throw new Error(`${name} is not in the bundled catalog`);
  return t;
};

const ELIGIBILITY_FIELDS = `instanceType eligible architectureSupported offeredByEc2 ec2Evidence region limitsTable
  reasons { code message source }`;
const ALLOCATABLE_FIELDS = 'cpuMillicores memoryMiB pods formula sources';
const CAPACITY_FIELDS = `instanceType os requestedIpMode effectiveIpMode ipLimitedPods maxPods limitedBy kubeletMaxPods
  recommendedMaxPods podEnis slotsPerEni branchInterfaces formula formulaText inputs { name value note }
  warnings { code message source } windowsEligibility { ${ELIGIBILITY_FIELDS} } limitsTable
  allocatable { ${ALLOCATABLE_FIELDS} } podsDuringCooldown`;
const NODE_CAPACITY = `query($input: NodeCapacityInput!) { nodeCapacity(input: $input) { ${CAPACITY_FIELDS} } }`;
const COMPARE = `query($t: String!, $o: NodeCapacityOptionsInput) { compareModes(instanceType: $t, options: $o) { instanceType results { ${CAPACITY_FIELDS} } } }`;
const SUBNET_FIELDS = `instanceType os effectiveIpMode nodeCount podsPerNode enisPerNode secondaryIpsPerNode prefixesPerNode
  ipsPerNode warmIpsPerNode totalIps subnets { cidr prefixLength totalAddresses usableAddresses alignedBlocks usableAlignedBlocks }
  usableAddresses prefixBlocksNeeded prefixBlocksAvailable
  verdict { fits nodesThatFit spareNodes exhaustedAtNode limitedBy message } formula formulaText
  inputs { name value note } warnings { code message source }`;
const SUBNET_USAGE = `query($input: SubnetUsageInput!) { subnetUsage(input: $input) { ${SUBNET_FIELDS} } }`;
const OPTION_FIELDS = `instanceType os requestedIpMode effectiveIpMode nodes podsPerNode bindingConstraint podsByIp podsByKubelet
  podsByCpu podsByMemory allocatableCpuMillicores allocatableMemoryMiB subnetIps vcpus memoryMiB
  allocatable { ${ALLOCATABLE_FIELDS} } accelerated limitsTable price { instanceType region os usdPerHour source readAt } hourlyCostUsd`;
const SIZING = `query($input: NodeGroupSizingInput!) { sizeNodeGroups(input: $input) {
  windows { ${OPTION_FIELDS} } linux { ${OPTION_FIELDS} } candidateCount catalogVersion
  dsr { kubernetesVersion flags args source } warnings { code message source } rankBy windowsPricesReadAt } }`;
const SERVICES = `query($n: Int!, $v: String) { windowsServicesCheck(servicesPerNode: $n, kubernetesVersion: $v) {
  servicesPerNode limit dsrRecommended dsr { kubernetesVersion flags args source } warnings { code message source } } }`;

const REST_MODE = { SECONDARY_IP: 'secondary-ip', PREFIX_DELEGATION: 'prefix-delegation' } as const;

/** The fields the golden test holds the API to, as the core computes them. */
function essentials(c: Pick<CoreNodeCapacity, keyof CoreNodeCapacity>) {
  return {
    instanceType: c.instanceType,
    os: c.os,
    requestedIpMode: c.requestedIpMode,
    effectiveIpMode: c.effectiveIpMode,
    ipLimitedPods: c.ipLimitedPods,
    maxPods: c.maxPods,
    limitedBy: c.limitedBy,
    kubeletMaxPods: c.kubeletMaxPods,
    recommendedMaxPods: c.recommendedMaxPods,
    podEnis: c.podEnis,
    slotsPerEni: c.slotsPerEni,
    branchInterfaces: c.branchInterfaces,
    formula: c.formula,
    warnings: c.warnings.map((w) => ({ code: w.code, message: w.message, source: w.source })),
  };
}

describe('capacity API', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  async function gqlData(query: string, variables: Record<string, unknown>) {
    const res = await app.gql(query, variables).expect(200);
    expect(res.body.errors).toBeUndefined();
    return res.body.data;
  }

  async function both(
    type: string,
    os: 'WINDOWS' | 'LINUX',
    ipMode: 'SECONDARY_IP' | 'PREFIX_DELEGATION',
    extra: Record<string, unknown> = {},
  ) {
    const gql = (await gqlData(NODE_CAPACITY, { input: { instanceType: type, os, ipMode, ...extra } })).nodeCapacity;
    const query = new URLSearchParams({
      os: os.toLowerCase(),
      ipMode: REST_MODE[ipMode],
      ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])),
    });
    const rest = await app.http.get(`/api/v1/capacity/${type}?${query}`).expect(200);
    // Two doors, one answer.
    expect(rest.body).toEqual(gql);
    return gql;
  }

  describe('pods per node', () => {
    it.each([
      // W = I - 1 = 10 - 1 = 9; min(110, 9) = 9
      ['m5.large', 'WINDOWS', 'SECONDARY_IP', 9, 9, 'SECONDARY_IP'],
      // W = (I - 1) * 16 = (10 - 1) * 16 = 144; min(110, 144) = 110 (kubelet default)
      ['m5.large', 'WINDOWS', 'PREFIX_DELEGATION', 144, 110, 'PREFIX_DELEGATION'],
      // t3.xlarge I = 15: 14 and (15 - 1) * 16 = 224 (the BPG page's "244" is a typo)
      ['t3.xlarge', 'WINDOWS', 'SECONDARY_IP', 14, 14, 'SECONDARY_IP'],
      ['t3.xlarge', 'WINDOWS', 'PREFIX_DELEGATION', 224, 110, 'PREFIX_DELEGATION'],
      // Linux: E * (I - 1) + 2 = 3 * 9 + 2 = 29 (eni-max-pods.txt)
      ['m5.large', 'LINUX', 'SECONDARY_IP', 29, 29, 'SECONDARY_IP'],
      // t2.medium is Xen: PD falls back to secondary IP, W = 6 - 1 = 5
      ['t2.medium', 'WINDOWS', 'PREFIX_DELEGATION', 5, 5, 'SECONDARY_IP'],
    ] as const)(
      '%s %s %s: ipLimitedPods %i, maxPods %i, effective %s (GraphQL = REST)',
      async (type, os, mode, ipLimited, maxPods, effective) => {
        const c = await both(type, os, mode);
        expect(c).toMatchObject({
          instanceType: type,
          os,
          requestedIpMode: mode,
          ipLimitedPods: ipLimited,
          maxPods,
          effectiveIpMode: effective,
        });
        expect(c.formulaText).toBe(c.formula.join('\n'));
        expect(c.inputs.length).toBeGreaterThan(0);
      },
    );

    it('m5.large Windows PD explains itself: (10 - 1) * 16 = 144, inputs with values, kubelet default', async () => {
      const c = await both('m5.large', 'WINDOWS', 'PREFIX_DELEGATION');
      expect(c.formulaText).toContain('(10 - 1) * 16 = 144');
      expect(c.formula).toContain('W = (I - 1) * 16 = (10 - 1) * 16 = 144 (I from VPCRC_PUBLIC)');
      expect(c.inputs).toContainEqual({ name: 'I (IPv4 per ENI, VPCRC limits)', value: 10, note: expect.any(String) });
      expect(c.inputs).toContainEqual({ name: 'kubelet max-pods', value: 110, note: 'kubelet default on Windows' });
      expect(c.limitedBy).toBe('KUBELET_MAX_PODS');
      expect(c.warnings.map((w: { code: string }) => w.code)).toContain('KUBELET_MAX_PODS_BELOW_IP_LIMIT');
    });

    it('options reach the core: kubeletMaxPods 250 on m5.large Windows PD gives 144, limited by IPs', async () => {
      const c = await both('m5.large', 'WINDOWS', 'PREFIX_DELEGATION', { kubeletMaxPods: 250 });
      expect(c).toMatchObject({ maxPods: 144, kubeletMaxPods: 250, limitedBy: 'IP_ADDRESSES' });
      expect(c.warnings.map((w: { code: string }) => w.code)).toContain('KUBELET_MAX_PODS_ABOVE_IP_LIMIT');
    });

    it('t2.medium PD fallback is explained with its source', async () => {
      const c = await both('t2.medium', 'WINDOWS', 'PREFIX_DELEGATION');
      expect(c.warnings).toContainEqual({
        code: 'WINDOWS_PREFIX_DELEGATION_FALLBACK',
        message: expect.stringContaining('stays in secondary-IP mode'),
        source: 'aws/aws-eks-best-practices latest/bpg/networking/prefix-mode_windows.adoc',
      });
    });

    it('Linux PD with VPC CNI 1.8 stays in secondary-IP mode (PD needs 1.9)', async () => {
      const c = await both('m5.large', 'LINUX', 'PREFIX_DELEGATION', { vpcCniVersion: '1.8.0' });
      expect(c).toMatchObject({ effectiveIpMode: 'SECONDARY_IP', ipLimitedPods: 29 });
      expect(c.warnings.map((w: { code: string }) => w.code)).toContain('LINUX_PREFIX_DELEGATION_NEEDS_CNI_1_9');
    });

    it.each([
      ['m6g.large', 'WINDOWS_UNSUPPORTED_ARCHITECTURE'], // arm64: no EKS-optimized Windows AMI
      ['mac1.metal', 'WINDOWS_UNSUPPORTED_ARCHITECTURE'], // x86_64_mac
      ['hpc7a.12xlarge', 'WINDOWS_TYPE_NOT_IN_VPCRC_LIMITS'], // in neither controller table: W = 0
      ['p5.48xlarge', 'WINDOWS_NOT_OFFERED_BY_EC2'], // aws/karpenter-provider-aws#7985: EC2 refuses Windows
    ])('%s cannot run Windows pods: 0 with %s', async (type, code) => {
      for (const mode of ['SECONDARY_IP', 'PREFIX_DELEGATION'] as const) {
        const c = await both(type, 'WINDOWS', mode);
        expect(c).toMatchObject({ maxPods: 0, limitedBy: 'UNSUPPORTED' });
        expect(c.warnings.map((w: { code: string }) => w.code)).toContain(code);
      }
    });

    it('an unknown type is INSTANCE_TYPE_NOT_FOUND in GraphQL and a JSON 404 in REST, never 500', async () => {
      const gql = await app
        .gql(NODE_CAPACITY, { input: { instanceType: 'm5.gigantic', os: 'WINDOWS', ipMode: 'SECONDARY_IP' } })
        .expect(200);
      expect(gql.body.data).toBeNull();
      expect(gql.body.errors[0].extensions.code).toBe('INSTANCE_TYPE_NOT_FOUND');
      expect(gql.body.errors[0].extensions.details.suggestions).toContain('m5.large');
      const rest = await app.http.get('/api/v1/capacity/m5.gigantic?os=windows&ipMode=secondary-ip').expect(404);
      expect(rest.body.error).toMatchObject({ code: 'INSTANCE_TYPE_NOT_FOUND' });
      await app.http.get('/api/v1/capacity/m5.gigantic/compare').expect(404);
      const compare = await app.gql(COMPARE, { t: 'nope' }).expect(200);
      expect(compare.body.errors[0].extensions.code).toBe('INSTANCE_TYPE_NOT_FOUND');
      // Longer than any instance type name can be: refused by its length, never looked up.
      const long = await app.http.get(`/api/v1/capacity/${'x'.repeat(5000)}?os=windows&ipMode=secondary-ip`).expect(400);
      expect(long.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { violations: [{ field: 'instanceType' }] } });
    });

    it('REST accepts the enum spellings too', async () => {
      const res = await app.http.get('/api/v1/capacity/m5.large?os=WINDOWS&ipMode=PREFIX_DELEGATION').expect(200);
      expect(res.body.ipLimitedPods).toBe(144);
    });

    it('compareModes: both OSes in both modes, the same through both doors', async () => {
      const gql = (await gqlData(COMPARE, { t: 'm5.large' })).compareModes;
      const rest = await app.http.get('/api/v1/capacity/m5.large/compare').expect(200);
      expect(rest.body).toEqual(gql);
      expect(gql.instanceType).toBe('m5.large');
      expect(gql.results.map((r: any) => [r.os, r.requestedIpMode, r.ipLimitedPods])).toEqual([
        ['WINDOWS', 'SECONDARY_IP', 9],
        ['WINDOWS', 'PREFIX_DELEGATION', 144],
        ['LINUX', 'SECONDARY_IP', 29],
        ['LINUX', 'PREFIX_DELEGATION', 3 * 9 * 16 + 2], // 434
      ]);
      const opts = await app.http.get('/api/v1/capacity/m5.large/compare?kubeletMaxPods=50').expect(200);
      expect(opts.body.results.map((r: any) => r.maxPods)).toEqual([9, 50, 29, 50]);
    });

    it.each([
      ['negative kubeletMaxPods', '?os=windows&ipMode=secondary-ip&kubeletMaxPods=-1'],
      ['absurd kubeletMaxPods', '?os=windows&ipMode=secondary-ip&kubeletMaxPods=1000000000000'],
      ['exponent kubeletMaxPods', '?os=windows&ipMode=secondary-ip&kubeletMaxPods=1e12'],
      ['non-numeric maxEnis', '?os=linux&ipMode=secondary-ip&maxEnis=three'],
      ['non-boolean customNetworking', '?os=linux&ipMode=secondary-ip&customNetworking=maybe'],
      ['unknown os', '?os=solaris&ipMode=secondary-ip'],
      ['unknown ipMode', '?os=windows&ipMode=overlay'],
      ['missing os', '?ipMode=secondary-ip'],
      ['unknown parameter', '?os=windows&ipMode=secondary-ip&colour=blue'],
      ['malformed VPC CNI version', '?os=linux&ipMode=prefix-delegation&vpcCniVersion=latest'],
    ])('REST %s -> 400', async (_name, qs) => {
      const res = await app.http.get(`/api/v1/capacity/m5.large${qs}`).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    it.each([
      ['negative kubeletMaxPods', { kubeletMaxPods: -1 }],
      ['absurd kubeletMaxPods', { kubeletMaxPods: 1e12 }],
      ['wrong type', { kubeletMaxPods: 'lots' }],
      ['unknown os', { os: 'SOLARIS' }],
    ])('GraphQL %s -> BAD_USER_INPUT', async (_name, over) => {
      const res = await app.gql(NODE_CAPACITY, { input: { instanceType: 'm5.large', os: 'WINDOWS', ipMode: 'SECONDARY_IP', ...over } });
      expect(res.status).toBeLessThan(500);
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('golden sample: the API equals computeNodeCapacity called directly', () => {
    // ~50 types spread over the whole catalog (sorted by name, every 27th), all four OS x mode answers each.
    const names = [...bundled.types]
      .map((t) => t.name)
      .sort()
      .filter((_, i) => i % 27 === 0);

    it('samples about 50 types', () => {
      expect(names.length).toBeGreaterThanOrEqual(45);
    });

    it.each(names)('%s', async (name) => {
      const expected = compareModes({ instanceType: factsOf(name) }).results.map(essentials);
      const rest = await app.http.get(`/api/v1/capacity/${name}/compare`).expect(200);
      expect(rest.body.results.map(essentials)).toEqual(expected);
      const gql = (await gqlData(COMPARE, { t: name })).compareModes;
      expect(gql).toEqual(rest.body);
      // and one single-answer call per type, rotating the OS and mode
      const k = names.indexOf(name) % 4;
      const os = k < 2 ? 'WINDOWS' : 'LINUX';
      const ipMode = k % 2 === 0 ? 'SECONDARY_IP' : 'PREFIX_DELEGATION';
      const one = (await gqlData(NODE_CAPACITY, { input: { instanceType: name, os, ipMode } })).nodeCapacity;
      expect(essentials(one)).toEqual(essentials(computeNodeCapacity({ instanceType: factsOf(name), os, ipMode })));
    });
  });

  describe('subnet usage', () => {
    const base = {
      instanceType: 'm5.large',
      nodeCount: 10,
      os: 'WINDOWS',
      ipMode: 'SECONDARY_IP',
      podsPerNode: 5,
      subnetCidrs: ['10.0.0.0/24'],
    };

    async function usage(input: Record<string, unknown>) {
      const gql = (await gqlData(SUBNET_USAGE, { input })).subnetUsage;
      const rest = await app.http.post('/api/v1/capacity/subnet-usage').send(input).expect(200);
      expect(rest.body).toEqual(gql);
      return gql;
    }

    it('10 m5.large Windows nodes, 5 pods, default warm pool, one /24: 90 IPs of 251, fits with 17 spare', async () => {
      const u = await usage(base);
      // secondary = min(9, max(5 + 3, 3)) = 8; 1 + 8 = 9 per node; 10 * 9 = 90
      expect(u).toMatchObject({ ipsPerNode: 9, warmIpsPerNode: 3, totalIps: 90, usableAddresses: 251, effectiveIpMode: 'SECONDARY_IP' });
      // floor(251 / 9) = 27 nodes; 27 - 10 = 17 spare
      expect(u.verdict).toMatchObject({ fits: true, nodesThatFit: 27, spareNodes: 17, exhaustedAtNode: null, limitedBy: 'ADDRESSES' });
      expect(u.formula).toContain('total IPs = nodes * IPs per node = 10 * 9 = 90');
      expect(u.formulaText).toContain('2^(32 - 24) - 5 = 251');
      expect(u.warnings.map((w: any) => w.code)).toContain('WARM_IP_COOLDOWN');
    });

    it('REST accepts kebab values in the body too', async () => {
      const res = await app.http
        .post('/api/v1/capacity/subnet-usage')
        .send({ ...base, os: 'windows', ipMode: 'secondary-ip' })
        .expect(200);
      expect(res.body.totalIps).toBe(90);
    });

    it('Windows PD, 30 pods: 2 aligned /28 per node, a /24 holds 7 nodes, exhausted at node 8', async () => {
      const u = await usage({ ...base, ipMode: 'PREFIX_DELEGATION', podsPerNode: 30 });
      // ceil(max(30 + 1, 3) / 16) = 2 prefixes; 1 + 2 * 16 = 33 per node; /24: 16 blocks, 14 usable
      expect(u).toMatchObject({ prefixesPerNode: 2, ipsPerNode: 33, prefixBlocksNeeded: 20, prefixBlocksAvailable: 14 });
      expect(u.subnets[0]).toMatchObject({ cidr: '10.0.0.0/24', alignedBlocks: 16, usableAlignedBlocks: 14 });
      expect(u.verdict).toMatchObject({ fits: false, nodesThatFit: 7, exhaustedAtNode: 8, limitedBy: 'PREFIX_BLOCKS' });
      expect(u.warnings.map((w: any) => w.code)).toContain('PREFIX_FRAGMENTATION_RISK');
    });

    it('Linux warm targets over two subnets', async () => {
      const u = await usage({
        ...base,
        os: 'LINUX',
        nodeCount: 3,
        podsPerNode: 10,
        subnetCidrs: ['10.0.0.0/26', '10.0.0.64/26'],
        warmPool: { warmIpTarget: 2, minimumIpTarget: 10 },
      });
      // secondary = min(3 * 9, max(10 + 2, 10)) = 12; ENIs = ceil(12 / 9) = 2; 2 + 12 = 14 per node
      expect(u).toMatchObject({ secondaryIpsPerNode: 12, enisPerNode: 2, ipsPerNode: 14, totalIps: 42, usableAddresses: 118 });
    });

    it.each([
      ['malformed CIDR', { subnetCidrs: ['10.0.0/24'] }, 'subnetCidrs[0]'],
      ['host bits set', { subnetCidrs: ['10.0.0.1/24'] }, 'subnetCidrs[0]'],
      ['overlapping CIDRs', { subnetCidrs: ['10.0.0.0/24', '10.0.0.128/25'] }, 'subnetCidrs'],
      ['subnet smaller than /28', { subnetCidrs: ['10.0.0.0/29'] }, 'subnetCidrs[0]'],
      ['subnet larger than /16', { subnetCidrs: ['10.0.0.0/15'] }, 'subnetCidrs[0]'],
      ['more pods than a node runs', { podsPerNode: 50 }, 'podsPerNode'],
      ['WARM_ENI_TARGET on Windows', { warmPool: { warmEniTarget: 1 } }, 'warmPool.warmEniTarget'],
      [
        'Linux PD with WARM_PREFIX_TARGET 0',
        { os: 'LINUX', ipMode: 'PREFIX_DELEGATION', warmPool: { warmPrefixTarget: 0 } },
        'warmPool.warmPrefixTarget',
      ],
    ])('%s -> 400 naming %s (GraphQL BAD_USER_INPUT)', async (_name, over, field) => {
      const input = { ...base, ...over };
      const rest = await app.http.post('/api/v1/capacity/subnet-usage').send(input).expect(400);
      expect(rest.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
      const gql = await app.gql(SUBNET_USAGE, { input }).expect(200);
      expect(gql.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { field } });
    });

    it.each([
      ['negative nodeCount', { nodeCount: -1 }, 'nodeCount'],
      ['absurd nodeCount', { nodeCount: 1e12 }, 'nodeCount'],
      ['string nodeCount', { nodeCount: '10' }, 'nodeCount'],
      ['absurd podsPerNode', { podsPerNode: 1e12 }, 'podsPerNode'],
      ['fractional podsPerNode', { podsPerNode: 2.5 }, 'podsPerNode'],
      ['too many CIDRs', { subnetCidrs: Array.from({ length: 65 }, (_, i) => `10.${i}.0.0/24`) }, 'subnetCidrs'],
      ['no CIDRs', { subnetCidrs: [] }, 'subnetCidrs'],
      ['CIDR not a string', { subnetCidrs: [42] }, 'subnetCidrs'],
      ['negative warm target', { warmPool: { warmIpTarget: -1 } }, 'warmPool.warmIpTarget'],
      ['warm pool not an object', { warmPool: 'lots' }, 'warmPool'],
      ['unknown field', { colour: 'blue' }, 'colour'],
    ])('REST %s -> 400', async (_name, over, field) => {
      const res = await app.http
        .post('/api/v1/capacity/subnet-usage')
        .send({ ...base, ...over })
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.violations.map((v: { field: string }) => v.field)).toContain(field);
    });

    it('GraphQL refuses absurd and wrong-typed numbers before they run', async () => {
      for (const over of [{ nodeCount: 1e12 }, { nodeCount: -1 }, { nodeCount: 'ten' }]) {
        const res = await app.gql(SUBNET_USAGE, { input: { ...base, ...over } });
        expect(res.status).toBeLessThan(500);
        expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      }
    });

    it('an unknown instance type is 404 / INSTANCE_TYPE_NOT_FOUND', async () => {
      await app.http
        .post('/api/v1/capacity/subnet-usage')
        .send({ ...base, instanceType: 'm5.gigantic' })
        .expect(404);
      const gql = await app.gql(SUBNET_USAGE, { input: { ...base, instanceType: 'm5.gigantic' } }).expect(200);
      expect(gql.body.errors[0].extensions.code).toBe('INSTANCE_TYPE_NOT_FOUND');
    });
  });

  describe('node-group sizing over the in-memory catalog', () => {
    const workload = {
      windowsPods: 100,
      windowsPodCpuMillicores: 250,
      windowsPodMemoryMiB: 512,
      linuxPods: 20,
      linuxPodCpuMillicores: 100,
      linuxPodMemoryMiB: 128,
    };

    async function sizing(input: Record<string, unknown>) {
      const gql = (await gqlData(SIZING, { input })).sizeNodeGroups;
      const rest = await app.http.post('/api/v1/capacity/sizing').send(input).expect(200);
      expect(rest.body).toEqual(gql);
      return gql;
    }

    function expectRanked(options: Array<{ nodes: number | null; subnetIps: number | null }>) {
      for (let i = 1; i < options.length; i++) {
        const a = options[i - 1];
        const b = options[i];
        const an = a.nodes ?? Infinity;
        const bn = b.nodes ?? Infinity;
        expect(an <= bn).toBe(true);
        if (an === bn && an !== Infinity) expect((a.subnetIps ?? 0) <= (b.subnetIps ?? 0)).toBe(true);
      }
    }

    it('whole catalog filtered to us-east-1 x86_64: ranked options with the binding constraint, default limit 20', async () => {
      const s = await sizing({ workload, region: 'us-east-1', architecture: 'x86_64' });
      const view = app.running.app.get(CatalogViewService);
      const expectedCandidates = view.all().filter((t) => t.regions.includes('us-east-1') && t.architectures.includes('x86_64')).length;
      expect(s.candidateCount).toBe(expectedCandidates);
      expect(s.candidateCount).toBeGreaterThan(100);
      expect(s.windows).toHaveLength(20);
      expect(s.linux).toHaveLength(20);
      expectRanked(s.windows);
      expectRanked(s.linux);
      for (const o of [...s.windows, ...s.linux]) {
        const t = view.get(o.instanceType)!;
        expect(t.regions).toContain('us-east-1');
        expect(t.architectures).toContain('x86_64');
        expect(['IP_ADDRESSES', 'KUBELET_MAX_PODS', 'CPU', 'MEMORY']).toContain(o.bindingConstraint);
        expect(o.nodes).toBe(Math.ceil((o.os === 'WINDOWS' ? 100 : 20) / o.podsPerNode));
      }
      expect(s.windows.every((o: any) => o.os === 'WINDOWS')).toBe(true);
      expect(s.catalogVersion).toEqual(view.current()!.version);
    });

    it('given types: m5.large Windows secondary is IP-bound at 9 pods (W = 10 - 1)', async () => {
      const s = await sizing({
        workload: { windowsPods: 20, windowsPodCpuMillicores: 100, windowsPodMemoryMiB: 256 },
        instanceTypes: ['m5.large'],
        ipModes: ['SECONDARY_IP'],
      });
      expect(s.candidateCount).toBe(1);
      // min(9 IPs, 110 kubelet, 19 CPU, 30 memory) = 9; ceil(20 / 9) = 3 nodes; 3 * (1 + min(9, 7 + 3)) = 30 IPs
      expect(s.windows[0]).toMatchObject({
        instanceType: 'm5.large',
        podsPerNode: 9,
        bindingConstraint: 'IP_ADDRESSES',
        nodes: 3,
        subnetIps: 30,
      });
      expect(s.linux).toEqual([]);
      expect(s.warnings.map((w: any) => w.code)).toContain('LINUX_NODES_FOR_COREDNS');
    });

    it('a Windows type with 0 MiB left after the BPG reservations is NO_CAPACITY, never ranked first (t3.nano under PD)', async () => {
      const s = await sizing({ workload: { windowsPods: 16 }, ipModes: ['PREFIX_DELEGATION'], limit: 3 });
      expect(s.windows.map((o: any) => o.instanceType)).not.toContain('t3.nano');
      for (const o of s.windows) expect(o.allocatableMemoryMiB).toBeGreaterThan(0);
      const nano = await sizing({ workload: { windowsPods: 16 }, instanceTypes: ['t3.nano'], ipModes: ['PREFIX_DELEGATION'] });
      expect(nano.windows[0]).toMatchObject({ allocatableMemoryMiB: 0, podsPerNode: 0, nodes: null, bindingConstraint: 'NO_CAPACITY' });
    });

    it('a Windows option sized from the newer controller table says so: c8ib.large limitsTable KARPENTER_NEWER, with the warning', async () => {
      const s = await sizing({
        workload: { windowsPods: 20, linuxPods: 2 },
        instanceTypes: ['c8ib.large', 'm5.large'],
        ipModes: ['SECONDARY_IP'],
      });
      expect(s.windows.map((o: any) => [o.instanceType, o.limitsTable])).toEqual([
        ['c8ib.large', 'KARPENTER_NEWER'],
        ['m5.large', 'VPCRC_PUBLIC'],
      ]);
      expect(s.linux.map((o: any) => o.limitsTable)).toEqual([null, null]);
      const w = s.warnings.find((x: any) => x.code === 'WINDOWS_TYPE_NEWER_THAN_PUBLIC_VPCRC_LIMITS');
      expect(w.message).toContain('c8ib.large is not in the public VPC Resource Controller table');
      expect(w.source).toBe('aws/karpenter-provider-aws pkg/providers/instancetype/zz_generated.vpclimits.go');
    });

    it('arm64 families rank Windows options last as unsupported; REST takes kebab modes', async () => {
      const res = await app.http
        .post('/api/v1/capacity/sizing')
        .send({
          workload: { windowsPods: 10 },
          families: ['m6g'],
          ipModes: ['prefix-delegation'],
          limit: 3,
        })
        .expect(200);
      expect(res.body.windows).toHaveLength(3);
      for (const o of res.body.windows)
        expect(o).toMatchObject({ nodes: null, bindingConstraint: 'UNSUPPORTED_ARCHITECTURE', requestedIpMode: 'PREFIX_DELEGATION' });
    });

    it.each([
      ['1.31', ['--feature-gates=WinDSR=true', '--enable-dsr=true']],
      ['1.33', ['--enable-dsr=true']],
    ])('150 Services per Windows node on %s: the HNS warning and the DSR flags', async (version, flags) => {
      const s = await sizing({
        workload: { ...workload, servicesPerWindowsNode: 150, kubernetesVersion: version },
        instanceTypes: ['m5.xlarge'],
      });
      const warning = s.warnings.find((w: any) => w.code === 'WINDOWS_SERVICE_PORT_EXHAUSTION');
      expect(warning.message).toContain(HNS_PORT_EXHAUSTION_ERROR);
      expect(warning.message).toContain(flags.join(' '));
      expect(s.dsr).toMatchObject({ kubernetesVersion: version, flags, args: flags.join(' ') });

      const gql = (await gqlData(SERVICES, { n: 150, v: version })).windowsServicesCheck;
      const rest = await app.http.get(`/api/v1/capacity/windows-services?servicesPerNode=150&kubernetesVersion=${version}`).expect(200);
      expect(rest.body).toEqual(gql);
      expect(gql).toMatchObject({ servicesPerNode: 150, limit: 100, dsrRecommended: true, dsr: { flags } });
      expect(gql.warnings[0].message).toContain(`"${HNS_PORT_EXHAUSTION_ERROR}"`);
      expect(gql.warnings[0].source).toBe('aws/aws-eks-best-practices latest/bpg/windows/networking.adoc');
    });

    it('100 Services is within the limit: no warning', async () => {
      const res = await app.http.get('/api/v1/capacity/windows-services?servicesPerNode=100').expect(200);
      expect(res.body).toEqual({ servicesPerNode: 100, limit: 100, dsrRecommended: false, dsr: null, warnings: [] });
    });

    it.each([
      ['?servicesPerNode=-1'],
      ['?servicesPerNode=1000000000000'],
      ['?servicesPerNode=many'],
      ['?servicesPerNode=150&kubernetesVersion=one.thirty'],
      [''],
    ])('windows-services%s -> 400', async (qs) => {
      const res = await app.http.get(`/api/v1/capacity/windows-services${qs}`).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    it.each([
      ['negative pods', { workload: { windowsPods: -1 } }],
      ['absurd pods', { workload: { windowsPods: 1e12 } }],
      ['string pods', { workload: { windowsPods: '100' } }],
      ['absurd memory', { workload: { windowsPods: 1, windowsPodMemoryMiB: 1e12 } }],
      ['limit above 200', { workload: { windowsPods: 1 }, limit: 201 }],
      ['limit 0', { workload: { windowsPods: 1 }, limit: 0 }],
      ['bad region', { workload: { windowsPods: 1 }, region: 'moon' }],
      ['bad architecture', { workload: { windowsPods: 1 }, architecture: 'sparc' }],
      ['bad mode', { workload: { windowsPods: 1 }, ipModes: ['overlay'] }],
      ['workload missing', {}],
      ['unknown field', { workload: { windowsPods: 1 }, colour: 'blue' }],
      ['unknown workload field', { workload: { windowsPods: 1, gpus: 2 } }],
      ['bad Kubernetes version', { workload: { windowsPods: 1, servicesPerWindowsNode: 150, kubernetesVersion: '2' } }],
    ])('REST %s -> 400', async (_name, body) => {
      const res = await app.http.post('/api/v1/capacity/sizing').send(body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    it.each([
      ['banana', {}],
      ['banana', { servicesPerWindowsNode: 150 }],
      ['1.033', { servicesPerWindowsNode: 5 }],
    ])('a malformed workload.kubernetesVersion %s %o is VALIDATION_FAILED naming it, in both doors', async (version, extra) => {
      const input = { workload: { windowsPods: 4, kubernetesVersion: version, ...extra }, instanceTypes: ['m5.large'] };
      const rest = await app.http.post('/api/v1/capacity/sizing').send(input).expect(400);
      expect(rest.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'workload.kubernetesVersion' } });
      const gql = await app.gql(SIZING, { input }).expect(200);
      expect(gql.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'workload.kubernetesVersion' } });
    });

    it.each([
      ['instanceTypes', { instanceTypes: ['m5.large', 'm5.xlarge', 'm5.large'] }, 'instanceTypes[2]: "m5.large" is listed twice'],
      ['ipModes', { ipModes: ['PREFIX_DELEGATION', 'PREFIX_DELEGATION'] }, 'ipModes[1]: "PREFIX_DELEGATION" is listed twice'],
    ])('%s listing an entry twice is refused naming its index, with the same message in both doors', async (field, extra, message) => {
      const input = { workload: { windowsPods: 4 }, ...extra };
      const rest = await app.http.post('/api/v1/capacity/sizing').send(input).expect(400);
      expect(rest.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message });
      expect(rest.body.error.details.violations[0]).toMatchObject({ field, rules: ['arrayUnique'] });
      const gql = await app.gql(SIZING, { input }).expect(200);
      expect(gql.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(gql.body.errors[0].message).toBe(message);
    });

    it('GraphQL refuses absurd numbers', async () => {
      const res = await app.gql(SIZING, { input: { workload: { windowsPods: 1e12 } } });
      expect(res.status).toBeLessThan(500);
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('a family the catalog does not have is VALIDATION_FAILED naming it, in both doors, not an empty ranking', async () => {
      const input = { workload: { windowsPods: 10 }, families: ['m5', 'm5z'] };
      const rest = await app.http.post('/api/v1/capacity/sizing').send(input).expect(400);
      expect(rest.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('"m5z" is not an instance family in the catalog'),
        details: { field: 'families[1]', rule: 'known-instance-family' },
      });
      const gql = await app.gql(SIZING, { input }).expect(200);
      expect(gql.body.errors[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        details: { field: 'families[1]', rule: 'known-instance-family' },
      });
      // A known family that the other filters leave empty is an answer: no candidates.
      const elsewhere = await sizing({ workload: { windowsPods: 10 }, families: ['m5'], architecture: 'arm64' });
      expect(elsewhere.candidateCount).toBe(0);
    });

    it('an unknown listed type is 404 / INSTANCE_TYPE_NOT_FOUND', async () => {
      const body = { workload: { windowsPods: 1 }, instanceTypes: ['m5.large', 'm5.gigantic'] };
      const rest = await app.http.post('/api/v1/capacity/sizing').send(body).expect(404);
      expect(rest.body.error.code).toBe('INSTANCE_TYPE_NOT_FOUND');
      const gql = await app.gql(SIZING, { input: body }).expect(200);
      expect(gql.body.errors[0].extensions.code).toBe('INSTANCE_TYPE_NOT_FOUND');
    });

    it('answers follow a catalog refresh that replaces the view', async () => {
      const catalog = app.running.app.get(CatalogService);
      const input = { workload: { windowsPods: 50 }, region: 'us-east-1', architecture: 'x86_64', ipModes: ['SECONDARY_IP'], limit: 5 };
      const before = await sizing(input);
      expect(before.candidateCount).toBeGreaterThan(100);
      try {
        // A refresh that leaves two types, one of them with twice the addresses per ENI.
        const m5 = factsOf('m5.large');
        const bigger = { ...factsOf('m5.xlarge'), regions: ['us-east-1'] };
        catalog.replaceView([{ ...m5, regions: ['us-east-1'] }, bigger], 'test-refresh');
        const after = await sizing(input);
        expect(after.candidateCount).toBe(2);
        expect(after.catalogVersion).toBe('test-refresh');
        expect(after.windows.map((o: any) => o.instanceType).sort()).toEqual(['m5.large', 'm5.xlarge']);
        // m5.xlarge: W = 15 - 1 = 14, ceil(50 / 14) = 4 nodes; m5.large: 9 -> 6 nodes
        expect(after.windows[0]).toMatchObject({ instanceType: 'm5.xlarge', nodes: 4 });
        // A type the refresh dropped is gone for every answer.
        await app.http.get('/api/v1/capacity/c5.large?os=windows&ipMode=secondary-ip').expect(404);
        // Same version string, new content: still answered from the new view.
        catalog.replaceView([{ ...m5, regions: ['us-east-1'] }], 'test-refresh');
        expect((await sizing(input)).candidateCount).toBe(1);
      } finally {
        await catalog.reloadView();
      }
      const restored = await sizing(input);
      expect(restored.candidateCount).toBe(before.candidateCount);
      expect(restored.windows).toEqual(before.windows);
    });
  });
});
