import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { lin, win } from '../../src/cni/core/cni.test-fixtures.js';

// Issue 13 through both doors, GraphQL with variables: Windows eligibility, figures from either controller
// table, allocatable, cool-down under churn, accelerators never first, Windows Server versions, enhanced subnet
// discovery, the Service CIDR a Windows node derives.

const CAPACITY = `query($input: NodeCapacityInput!) { nodeCapacity(input: $input) {
  instanceType maxPods ipLimitedPods limitedBy limitsTable podsDuringCooldown formula
  allocatable { cpuMillicores memoryMiB pods formula sources }
  windowsEligibility { instanceType eligible architectureSupported offeredByEc2 ec2Evidence region limitsTable reasons { code message source } }
  warnings { code message source } } }`;
const SIZING = `query($input: NodeGroupSizingInput!) { sizeNodeGroups(input: $input) {
  rankBy warnings { code message source }
  windows { instanceType nodes accelerated bindingConstraint allocatable { cpuMillicores memoryMiB pods } } } }`;
const CNI = `query($input: CniRecommendationInput!) { recommendCni(input: $input) {
  recommended input { serviceIpv4Cidr }
  options { option rank verdict reasons { rule effect message source nodeGroups } consequences { nodeGroup workloadPodsPerNode nodesNeeded } }
  networkPolicyEngine { engine reasons { rule message source nodeGroups } }
  settings { target key value nodeGroup templateId reason source }
  notes { rule severity message source } } }`;

describe('Windows truth, second pass (GraphQL = REST)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  async function capacity(input: Record<string, unknown>) {
    const res = await app.gql(CAPACITY, { input }).expect(200);
    expect(res.body.errors).toBeUndefined();
    return res.body.data.nodeCapacity;
  }

  it('m5.large Linux allocatable is what Karpenter publishes: 1930m, 6903 MiB, 29 pods', async () => {
    const c = await capacity({ instanceType: 'm5.large', os: 'LINUX', ipMode: 'SECONDARY_IP' });
    expect(c.allocatable).toMatchObject({ cpuMillicores: 1930, memoryMiB: 6903, pods: 29 });
    expect(c.allocatable.sources).toContain('aws/karpenter-provider-aws pkg/providers/instancetype/types.go');
    const rest = await app.http.get('/api/v1/capacity/m5.large').query({ os: 'linux', ipMode: 'secondary-ip' }).expect(200);
    expect(rest.body.allocatable).toEqual(c.allocatable);
  });

  it('a1.large (Graviton) Linux allocatable is what Karpenter publishes: 3055 MiB after its 64 MiB of CMA memory', async () => {
    // types.go memory(): (4096 - 64) - ceil(4032 * 0.075) = 3729; - (11 * 29 + 255) - 100 = 3055 (a1.xlarge: 6525)
    const c = await capacity({ instanceType: 'a1.large', os: 'LINUX', ipMode: 'SECONDARY_IP' });
    expect(c.allocatable).toMatchObject({ cpuMillicores: 1930, memoryMiB: 3055, pods: 29 });
    const rest = await app.http.get('/api/v1/capacity/a1.large').query({ os: 'linux', ipMode: 'secondary-ip' }).expect(200);
    expect(rest.body.allocatable).toEqual(c.allocatable);
    const xl = await capacity({ instanceType: 'a1.xlarge', os: 'LINUX', ipMode: 'SECONDARY_IP' });
    expect(xl.allocatable.memoryMiB).toBe(6525);
  });

  it('Linux kube-reserved memory stays on the ENI-limited 29 pods: kubelet 50, custom networking, maxEnis 2 -> 6903 MiB', async () => {
    const rest = await app.http
      .get('/api/v1/capacity/m5.large/compare')
      .query({ kubeletMaxPods: '50', customNetworking: 'true', maxEnis: '2' })
      .expect(200);
    const linux = rest.body.results.filter((r: any) => r.os === 'LINUX');
    // 11 pods schedule in secondary-IP mode, 50 under PD; the reservation is 11 * 29 + 255 either way (was 7101 and 6672)
    expect(linux.map((r: any) => [r.requestedIpMode, r.allocatable.pods, r.allocatable.memoryMiB])).toEqual([
      ['SECONDARY_IP', 11, 6903],
      ['PREFIX_DELEGATION', 50, 6903],
    ]);
    const c = await capacity({
      instanceType: 'm5.large',
      os: 'LINUX',
      ipMode: 'SECONDARY_IP',
      kubeletMaxPods: 50,
      customNetworking: true,
      maxEnis: 2,
    });
    expect(c.allocatable).toEqual(linux[0].allocatable);
  });

  it('m5.large Windows allocatable keeps the BPG reservations: 8192 - 615 - 512 - 1536 - 200 = 5329 MiB', async () => {
    const c = await capacity({ instanceType: 'm5.large', os: 'WINDOWS', ipMode: 'SECONDARY_IP' });
    expect(c.allocatable).toMatchObject({ cpuMillicores: 1930, memoryMiB: 5329, pods: 9 });
    expect(c.allocatable.sources).toContain('aws/aws-eks-best-practices latest/bpg/windows/oom.adoc');
  });

  it('churn: m5.large secondary IP, 3 pods replaced per 30 s -> 9 - 3 = 6 pods, WINDOWS_IP_COOLDOWN', async () => {
    const c = await capacity({ instanceType: 'm5.large', os: 'WINDOWS', ipMode: 'SECONDARY_IP', podChurnPer30s: 3 });
    expect(c.podsDuringCooldown).toBe(6);
    expect(c.formula).toContain('podsDuringCooldown = min(kubelet max-pods, W - podChurnPer30s) = min(110, 9 - 3) = 6');
    expect(c.warnings.find((w: any) => w.code === 'WINDOWS_IP_COOLDOWN')?.source).toContain('pkg/config/type.go');
    const rest = await app.http
      .get('/api/v1/capacity/m5.large')
      .query({ os: 'windows', ipMode: 'secondary-ip', podChurnPer30s: '3' })
      .expect(200);
    expect(rest.body.podsDuringCooldown).toBe(6);
    const bad = await app
      .gql(CAPACITY, { input: { instanceType: 'm5.large', os: 'WINDOWS', ipMode: 'SECONDARY_IP', podChurnPer30s: -1 } })
      .expect(200);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    await app.http.get('/api/v1/capacity/m5.large').query({ os: 'windows', ipMode: 'secondary-ip', podChurnPer30s: '-1' }).expect(400);
  });

  it('prefix delegation says it never falls back after InsufficientCidrBlocks', async () => {
    const c = await capacity({ instanceType: 'm5.large', os: 'WINDOWS', ipMode: 'PREFIX_DELEGATION' });
    expect(c.warnings.find((w: any) => w.code === 'WINDOWS_PREFIX_DELEGATION_NO_FALLBACK')?.message).toContain('InsufficientCidrBlocks');
  });

  it.each([
    // EC2 refuses Windows (aws/karpenter-provider-aws#7985): 49 by the IP math, 0 with EC2's message
    ['p5.48xlarge', { eligible: false, offeredByEc2: false, limitsTable: 'VPCRC_PUBLIC' }, 'WINDOWS_NOT_OFFERED_BY_EC2', 0],
    ['inf2.xlarge', { eligible: false, offeredByEc2: false }, 'WINDOWS_NOT_OFFERED_BY_EC2', 0],
    // only in Karpenter's newer table: its figure (20 - 1 = 19) with the warning
    ['c8ib.large', { eligible: true, limitsTable: 'KARPENTER_NEWER' }, 'WINDOWS_TYPE_NEWER_THAN_PUBLIC_VPCRC_LIMITS', 19],
    // in neither table: 0 with the controller's event text
    ['hpc7a.12xlarge', { eligible: false, limitsTable: null }, 'WINDOWS_TYPE_NOT_IN_VPCRC_LIMITS', 0],
    // Graviton
    ['m6g.large', { eligible: false, architectureSupported: false }, 'WINDOWS_UNSUPPORTED_ARCHITECTURE', 0],
  ] as const)('%s: eligibility %o, reason %s, %i Windows pods', async (type, eligibility, code, maxPods) => {
    const c = await capacity({ instanceType: type, os: 'WINDOWS', ipMode: 'SECONDARY_IP' });
    expect(c.maxPods).toBe(maxPods);
    expect(c.windowsEligibility).toMatchObject({ ...eligibility, ec2Evidence: 'KNOWN_LIST' });
    const reason = c.windowsEligibility.reasons.find((r: any) => r.code === code);
    expect(reason.source).toMatch(/\//);
    if (code === 'WINDOWS_NOT_OFFERED_BY_EC2') {
      expect(reason.message).toContain(`UnsupportedOperation: Microsoft Windows is not supported for the instance type '${type}'`);
    }
    if (code === 'WINDOWS_TYPE_NOT_IN_VPCRC_LIMITS') {
      expect(reason.message).toContain(`The instance type ${type} is not supported yet by the vpc resource controller`);
    }
    const rest = await app.http.get(`/api/v1/capacity/${type}/windows-eligibility`).expect(200);
    expect(rest.body).toEqual(c.windowsEligibility);
    const gql = (
      await app.gql('query($t: String!) { windowsEligibility(instanceType: $t) { eligible limitsTable } }', { t: type }).expect(200)
    ).body.data;
    expect(gql.windowsEligibility).toEqual({ eligible: c.windowsEligibility.eligible, limitsTable: c.windowsEligibility.limitsTable });
  });

  it('windowsEligibilities lists every type of the catalog (GraphQL = REST)', async () => {
    const q =
      'query($r: String) { windowsEligibilities(region: $r) { region priceListReadAt eligibleCount types { instanceType eligible architectureSupported offeredByEc2 ec2Evidence region limitsTable reasons { code message source } } } }';
    const gql = (await app.gql(q, {}).expect(200)).body.data.windowsEligibilities;
    expect(gql.types).toHaveLength(1373);
    expect(gql.eligibleCount).toBe(943); // 968 x86 types - 16 EC2 refuses - 9 in neither controller table
    const rest = await app.http.get('/api/v1/capacity/windows-eligibility').expect(200);
    expect(rest.body).toEqual(gql);
  });

  it('whole-catalog sizing of 2,000 Windows pods of 100m / 256Mi never ranks an accelerated type first', async () => {
    const input = { workload: { windowsPods: 2000, windowsPodCpuMillicores: 100, windowsPodMemoryMiB: 256 }, limit: 10 };
    const s = (await app.gql(SIZING, { input }).expect(200)).body.data.sizeNodeGroups;
    expect(s.windows.every((o: any) => o.accelerated === false)).toBe(true);
    expect(s.windows[0].instanceType).not.toBe('g7e.2xlarge');
    const rest = await app.http.post('/api/v1/capacity/sizing').send(input).expect(200);
    expect(rest.body.windows.map((o: any) => o.instanceType)).toEqual(s.windows.map((o: any) => o.instanceType));
    // g7e.2xlarge (8 vCPUs, a GPU) needs fewer nodes for 200 pods than m5.large: first only when accelerators are asked for.
    const pair = {
      workload: { windowsPods: 200, windowsPodCpuMillicores: 100, windowsPodMemoryMiB: 256 },
      instanceTypes: ['g7e.2xlarge', 'm5.large'],
      ipModes: ['PREFIX_DELEGATION'],
    };
    const plain = (await app.gql(SIZING, { input: pair }).expect(200)).body.data.sizeNodeGroups;
    expect(plain.windows.map((o: any) => o.instanceType)).toEqual(['m5.large', 'g7e.2xlarge']);
    const askedInput = { ...pair, workload: { ...pair.workload, needsAccelerators: true } };
    const asked = (await app.gql(SIZING, { input: askedInput }).expect(200)).body.data.sizeNodeGroups;
    expect(asked.windows[0]).toMatchObject({ instanceType: 'g7e.2xlarge', accelerated: true });
    // Pods that need a GPU cannot run on m5.large at all.
    expect(asked.windows[1]).toMatchObject({ instanceType: 'm5.large', nodes: null, bindingConstraint: 'NO_ACCELERATORS' });
    const askedRest = await app.http.post('/api/v1/capacity/sizing').send(askedInput).expect(200);
    expect(askedRest.body.windows.map((o: any) => [o.instanceType, o.bindingConstraint])).toEqual(
      asked.windows.map((o: any) => [o.instanceType, o.bindingConstraint]),
    );
    // The whole catalog: every option ranked first carries an accelerator.
    const gpus = { workload: { ...input.workload, needsAccelerators: true }, limit: 10 };
    const wide = (await app.gql(SIZING, { input: gpus }).expect(200)).body.data.sizeNodeGroups;
    expect(wide.windows.every((o: any) => o.accelerated === true && o.nodes !== null)).toBe(true);
  });

  it('sizing with windowsServerVersion: the EKS gate and the container OS build', async () => {
    const input = {
      workload: { windowsPods: 10, linuxPods: 2, kubernetesVersion: '1.31' },
      instanceTypes: ['m5.large'],
      windowsServerVersion: 'WINDOWS_SERVER_2025',
    };
    const s = (await app.gql(SIZING, { input }).expect(200)).body.data.sizeNodeGroups;
    const codes = s.warnings.map((w: any) => w.code);
    expect(codes).toContain('WINDOWS_SERVER_VERSION_NEEDS_NEWER_EKS');
    expect(s.warnings.find((w: any) => w.code === 'WINDOWS_CONTAINER_OS_BUILD').message).toContain('10.0.26100');
    const bad = await app.http
      .post('/api/v1/capacity/sizing')
      .send({ ...input, windowsServerVersion: 'WINDOWS_SERVER_2016' })
      .expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const cost = await app.http
      .post('/api/v1/capacity/sizing')
      .send({ ...input, rankBy: 'COST' })
      .expect(400);
    expect(JSON.stringify(cost.body)).toContain('region');
  });

  async function cni(input: Record<string, unknown>) {
    const res = await app.gql(CNI, { input }).expect(200);
    expect(res.body.errors).toBeUndefined();
    const rest = await app.http.post('/api/v1/cni/recommendations').send(input);
    expect(rest.status).toBeLessThan(300);
    expect(rest.body.recommended).toBe(res.body.data.recommendCni.recommended);
    expect(rest.body.settings).toEqual(res.body.data.recommendCni.settings);
    expect(rest.body.notes).toEqual(res.body.data.recommendCni.notes);
    return res.body.data.recommendCni;
  }

  it('recommendCni: Windows Server 2025 with Windows NetworkPolicy gets the Calico and HNS reason', async () => {
    const out = await cni({
      kubernetesVersion: '1.35',
      nodeGroups: [win({ windowsServerVersion: 'WINDOWS_SERVER_2025' }), lin()],
      windowsPods: 15,
      linuxPods: 20,
      needs: { networkPolicyOnWindows: true },
    });
    const r = out.networkPolicyEngine.reasons.find((x: any) => x.rule === 'WINDOWS_SERVER_2025_NETWORK_POLICY_UNSUPPORTED');
    expect(r.message).toContain('default-deny');
    expect(out.settings.find((s: any) => s.key === 'amiFamily').value).toBe('WindowsServer2025CoreContainer');
  });

  it('recommendCni: Linux IPv4 exhaustion puts enhanced subnet discovery before custom networking', async () => {
    const out = await cni({
      kubernetesVersion: '1.31',
      nodeGroups: [lin({ nodes: 4, subnetCidrs: ['10.0.1.0/27'] })],
      windowsPods: 0,
      linuxPods: 100,
    });
    expect(out.recommended).toBe('VPC_CNI_SECONDARY_IP');
    const sec = out.options.find((o: any) => o.option === 'VPC_CNI_SECONDARY_IP');
    expect(sec.reasons.find((r: any) => r.rule === 'ENHANCED_SUBNET_DISCOVERY').message).toContain('Linux nodes only');
    expect(out.settings.find((s: any) => s.key === 'kubernetes.io/role/cni')).toMatchObject({ target: 'EC2_SUBNET_TAG', value: '1' });
  });

  it('recommendCni: Windows nodes in 100.64.0.0/24 and a 172.20.0.0/16 Service CIDR pass -ServiceCIDR and -DNSClusterIP on a bootstrap call of your own', async () => {
    const input = {
      kubernetesVersion: '1.31',
      nodeGroups: [win({ subnetCidrs: ['100.64.0.0/24'] }), lin()],
      windowsPods: 15,
      linuxPods: 20,
      serviceIpv4Cidr: '172.20.0.0/16',
    };
    // eksctl's own bootstrap call passes the cluster's Service CIDR (eksctl-io/eksctl pkg/nodebootstrap/windows.go).
    const own = await cni(input);
    expect(own.notes.find((n: any) => n.rule === 'WINDOWS_SERVICE_CIDR_MISMATCH')?.severity).toBe('INFO');
    expect(own.settings.filter((s: any) => s.target === 'WINDOWS_BOOTSTRAP')).toEqual([]);
    // 600 Services a node: DSR, whose userdata template replaces eksctl's call.
    const out = await cni({ ...input, servicesPerWindowsNode: 600 });
    expect(out.input.serviceIpv4Cidr).toBe('172.20.0.0/16');
    expect(out.notes.map((n: any) => n.rule)).toContain('WINDOWS_SERVICE_CIDR_MISMATCH');
    expect(out.settings.filter((s: any) => s.target === 'WINDOWS_BOOTSTRAP').map((s: any) => [s.key, s.value])).toEqual([
      ['-ServiceCIDR', '172.20.0.0/16'],
      ['-DNSClusterIP', '172.20.0.10'],
    ]);
    const bad = await app
      .gql(CNI, {
        input: { kubernetesVersion: '1.31', nodeGroups: [win(), lin()], windowsPods: 1, linuxPods: 1, serviceIpv4Cidr: '10.0.0.0/8' },
      })
      .expect(200);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('recommendCni: churning Windows pods need W - churn per node', async () => {
    const out = await cni({ kubernetesVersion: '1.31', nodeGroups: [win({ podChurnPer30s: 3 }), lin()], windowsPods: 21, linuxPods: 20 });
    const sec = out.options.find((o: any) => o.option === 'VPC_CNI_SECONDARY_IP');
    expect(sec.consequences.find((c: any) => c.nodeGroup === 'windows')).toMatchObject({ workloadPodsPerNode: 6, nodesNeeded: 4 });
    expect(sec.reasons.map((r: any) => r.rule)).toContain('WINDOWS_IP_COOLDOWN');
    expect(out.recommended).toBe('VPC_CNI_PREFIX_DELEGATION');
  });
});
