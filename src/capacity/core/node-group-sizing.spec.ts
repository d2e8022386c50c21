import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/domain-error.js';
import { catalog, facts } from './capacity.test-fixtures.js';
import { computeNodeCapacity } from './node-capacity.js';
import {
  kubeReservedCpuMillicores,
  kubeReservedMemoryMiB,
  sizeNodeGroups,
  type NodeGroupSizingInput,
  type SizingOption,
  type SizingWorkload,
} from './node-group-sizing.js';

const noLinux: SizingWorkload = {
  windowsPods: 20,
  linuxPods: 0,
  windowsPodCpuMillicores: 100,
  windowsPodMemoryMiB: 256,
  linuxPodCpuMillicores: 0,
  linuxPodMemoryMiB: 0,
};

describe('kube-reserved (awslabs/amazon-eks-ami; aws/karpenter-provider-aws types.go)', () => {
  it.each([
    [1, 60], // 6% of 1000m
    [2, 70], // 60 + 1% of 1000m
    [4, 80], // 60 + 10 + 0.5% of 2000m
    [8, 90], // 80 + 0.25% of 4000m
    [96, 310], // 80 + 0.25% of 92000m = 80 + 230
  ])('%i vCPUs reserve %i millicores', (vcpus, m) => {
    expect(kubeReservedCpuMillicores(vcpus)).toBe(m);
  });
  it('memory 255 MiB + 11 MiB per pod: 29 pods -> 574 MiB', () => {
    expect(kubeReservedMemoryMiB(29)).toBe(574);
  });
});

describe('sizeNodeGroups: hand-computed rows', () => {
  function one(type: string, os: 'WINDOWS' | 'LINUX', mode: 'SECONDARY_IP' | 'PREFIX_DELEGATION', workload: SizingWorkload): SizingOption {
    const r = sizeNodeGroups({ workload, candidates: [facts(type)], ipModes: [mode] });
    const list = os === 'WINDOWS' ? r.windows : r.linux;
    expect(list).toHaveLength(1);
    return list[0];
  }

  it('VPCRC W = I - 1: m5.large Windows secondary, 20 pods of 100m/256Mi: IP-bound, 3 nodes', () => {
    const o = one('m5.large', 'WINDOWS', 'SECONDARY_IP', noLinux);
    // W = 10 - 1 = 9; kubelet 110; CPU (2000 - 70) / 100 = 19;
    // memory (BPG windows/oom.adoc): 8192 - ceil(8192 * 7.5%) - 512 - 1536 - 200 = 8192 - 615 - 2248 = 5329, / 256 = 20
    expect(o).toMatchObject({ podsByIp: 9, podsByKubelet: 110, podsByCpu: 19, podsByMemory: 20, allocatableMemoryMiB: 5329 });
    expect(o.allocatable).toMatchObject({ cpuMillicores: 1930, memoryMiB: 5329, pods: 9 });
    // min(9, 110, 19, 30) = 9; ceil(20 / 9) = 3 nodes; fullest node ceil(20 / 3) = 7 pods:
    // 1 + min(9, max(7 + 3, 3)) = 10 IPs per node (VPCRC default warm pool), 3 * 10 = 30
    expect(o).toMatchObject({ podsPerNode: 9, bindingConstraint: 'IP_ADDRESSES', nodes: 3, subnetIps: 30 });
  });

  it('BPG prefix-mode_windows: m5.large Windows PD, same pods: CPU-bound, 2 nodes', () => {
    const o = one('m5.large', 'WINDOWS', 'PREFIX_DELEGATION', noLinux);
    // W = 144, kubelet 110 -> max pods 110; memory 5329 (Windows reservations do not grow with pods), / 256 = 20; CPU 19
    expect(o).toMatchObject({ podsByIp: 144, podsByMemory: 20, podsByCpu: 19, podsPerNode: 19, bindingConstraint: 'CPU', nodes: 2 });
    // ceil(20 / 2) = 10 pods: 1 + 16 * ceil(max(10 + 1, 3) / 16) = 17 IPs, 2 * 17 = 34
    expect(o.subnetIps).toBe(34);
  });

  it('memory-bound: m5.large Windows PD, 1 GiB pods, no CPU request', () => {
    const o = one('m5.large', 'WINDOWS', 'PREFIX_DELEGATION', { ...noLinux, windowsPodCpuMillicores: 0, windowsPodMemoryMiB: 1024 });
    // 5329 / 1024 = 5 pods; ceil(20 / 5) = 4 nodes
    expect(o).toMatchObject({ podsByCpu: null, podsByMemory: 5, bindingConstraint: 'MEMORY', nodes: 4 });
  });

  it('hpc7a.12xlarge, in neither controller table: Nitro by EC2, so PD stays the effective mode, as nodeCapacity says', () => {
    const o = one('hpc7a.12xlarge', 'WINDOWS', 'PREFIX_DELEGATION', noLinux);
    expect(o).toMatchObject({
      effectiveIpMode: 'PREFIX_DELEGATION',
      bindingConstraint: 'NOT_IN_VPCRC_LIMITS',
      nodes: null,
      limitsTable: null,
    });
    const cap = computeNodeCapacity({ instanceType: facts('hpc7a.12xlarge'), os: 'WINDOWS', ipMode: 'PREFIX_DELEGATION' });
    expect(cap.effectiveIpMode).toBe('PREFIX_DELEGATION');
  });

  it('m4.large (Xen in the controller table): PD falls back to secondary IP, as nodeCapacity says', () => {
    expect(one('m4.large', 'WINDOWS', 'PREFIX_DELEGATION', noLinux)).toMatchObject({ effectiveIpMode: 'SECONDARY_IP', podsByIp: 9 });
  });

  it.each([
    // m5.large Windows: 5329 MiB and 1930m allocatable.
    { name: 'a 6 GiB Windows pod: MEMORY', os: 'WINDOWS' as const, cpu: 100, mem: 6144, binding: 'MEMORY', byCpu: 19, byMem: 0 },
    { name: 'a 2-vCPU Windows pod: CPU', os: 'WINDOWS' as const, cpu: 2000, mem: 256, binding: 'CPU', byCpu: 0, byMem: 20 },
    // Both too big: CPU, checked first, as Karpenter's plan (fitPods) names it.
    { name: 'a Windows pod too big both ways: CPU', os: 'WINDOWS' as const, cpu: 2000, mem: 6144, binding: 'CPU', byCpu: 0, byMem: 0 },
    // m5.large Linux: 8192 - 615 - (255 + 11 * 29) - 100 = 6903 MiB.
    { name: 'an 8 GiB Linux pod: MEMORY', os: 'LINUX' as const, cpu: 100, mem: 8192, binding: 'MEMORY', byCpu: 19, byMem: 0 },
  ])('a pod bigger than the node names the resource: $name', ({ os, cpu, mem, binding, byCpu, byMem }) => {
    const workload: SizingWorkload =
      os === 'WINDOWS'
        ? { ...noLinux, windowsPodCpuMillicores: cpu, windowsPodMemoryMiB: mem }
        : { ...noLinux, windowsPods: 0, linuxPods: 10, linuxPodCpuMillicores: cpu, linuxPodMemoryMiB: mem };
    const o = one('m5.large', os, 'SECONDARY_IP', workload);
    expect(o).toMatchObject({
      podsPerNode: 0,
      nodes: null,
      subnetIps: null,
      bindingConstraint: binding,
      podsByCpu: byCpu,
      podsByMemory: byMem,
    });
  });

  it('VPCCNI eni-max-pods: m5.large Linux secondary, 100 small pods: IP-bound at 27 workload pods', () => {
    const o = one('m5.large', 'LINUX', 'SECONDARY_IP', {
      windowsPods: 0,
      linuxPods: 100,
      windowsPodCpuMillicores: 0,
      windowsPodMemoryMiB: 0,
      linuxPodCpuMillicores: 10,
      linuxPodMemoryMiB: 64,
    });
    // 3 * 9 = 27 pod IPs (+2 host-network = 29 max pods); ceil(100 / 27) = 4 nodes; fullest 25 pods:
    // ENIs = min(3, ceil(25 / 9) + 1) = 3, 3 + 27 = 30 IPs per node, 4 * 30 = 120
    expect(o).toMatchObject({
      podsByIp: 27,
      podsByKubelet: 27,
      podsPerNode: 27,
      bindingConstraint: 'IP_ADDRESSES',
      nodes: 4,
      subnetIps: 120,
    });
    // Karpenter's published m5.large: 1930m, 8192 - 615 - (11 * 29 + 255) - 100 = 6903 MiB, 29 pods
    expect(o.allocatable).toMatchObject({ cpuMillicores: 1930, memoryMiB: 6903, pods: 29 });
    expect(o.allocatableMemoryMiB).toBe(6903);
  });

  it('Graviton Linux: a1.large loses the 64 MiB of CMA memory Karpenter takes (types.go memory()), 3055 MiB as published', () => {
    const o = one('a1.large', 'LINUX', 'SECONDARY_IP', {
      windowsPods: 0,
      linuxPods: 100,
      windowsPodCpuMillicores: 0,
      windowsPodMemoryMiB: 0,
      linuxPodCpuMillicores: 0,
      linuxPodMemoryMiB: 1024,
    });
    // (4096 - 64) - ceil(4032 * 0.075) = 3729, - (11 * 29 + 255) - 100 = 3055; / 1024 = 2 pods (without the 64 MiB: 3114, 3 pods)
    expect(o).toMatchObject({ allocatableMemoryMiB: 3055, podsByMemory: 2, bindingConstraint: 'MEMORY', nodes: 50 });
    expect(o.allocatable.memoryMiB).toBe(3055);
  });

  it('t3.nano Windows: the reservations take all its memory, so it holds no pod, even pods that request no memory', () => {
    const o = one('t3.nano', 'WINDOWS', 'PREFIX_DELEGATION', { ...noLinux, windowsPodCpuMillicores: 0, windowsPodMemoryMiB: 0 });
    // 512 - ceil(38.4) = 473; 473 - 512 - 1536 - 200 < 0 -> 0 MiB allocatable
    expect(o).toMatchObject({ allocatableMemoryMiB: 0, podsByMemory: 0, podsPerNode: 0, nodes: null, subnetIps: null });
  });

  it('Linux kube-reserved memory stays on the ENI-limited 29 pods whatever the kubelet max-pods (EKS AMI; Karpenter AL2/AL2023)', () => {
    const r = sizeNodeGroups({
      workload: { ...noLinux, windowsPods: 0, linuxPods: 100, linuxPodMemoryMiB: 64 },
      candidates: [facts('m5.large')],
      ipModes: ['PREFIX_DELEGATION'],
      linuxKubeletMaxPods: 50,
    });
    // 7577 - (11 * 29 + 255) - 100 = 6903, not 7577 - (11 * 50 + 255) - 100 = 6672; 6903 / 64 = 107 pods by memory
    expect(r.linux[0]).toMatchObject({
      allocatableMemoryMiB: 6903,
      podsByMemory: 107,
      podsByKubelet: 48,
      bindingConstraint: 'KUBELET_MAX_PODS',
    });
    expect(r.linux[0].allocatable).toMatchObject({ memoryMiB: 6903, pods: 50 });
  });

  it.each([
    ['m6g.large', 'UNSUPPORTED_ARCHITECTURE'], // UG eks-optimized-windows-ami: arm64
    ['mac1.metal', 'UNSUPPORTED_ARCHITECTURE'], // x86_64_mac
    ['hpc7a.12xlarge', 'NOT_IN_VPCRC_LIMITS'], // in neither controller table: W = 0
    ['p5.48xlarge', 'NOT_OFFERED_BY_EC2'], // aws/karpenter-provider-aws#7985: EC2 refuses Windows
    ['trn1.2xlarge', 'NOT_OFFERED_BY_EC2'],
  ])('%s cannot host the Windows pods: %s', (type, constraint) => {
    const o = one(type, 'WINDOWS', 'SECONDARY_IP', noLinux);
    expect(o).toMatchObject({ nodes: null, bindingConstraint: constraint, subnetIps: null });
  });

  it('BPG windows/oom.adoc: a Windows node left with 0 MiB after its reservations holds no pods, even with no memory request', () => {
    const bare: SizingWorkload = { ...noLinux, windowsPods: 16, windowsPodCpuMillicores: 0, windowsPodMemoryMiB: 0 };
    // t3.nano: 512 - ceil(512 * 7.5%) - 512 - 1536 - 200 = 473 - 2248 -> 0 MiB; W = 16 under PD would otherwise say 16 pods
    const o = one('t3.nano', 'WINDOWS', 'PREFIX_DELEGATION', bare);
    expect(o).toMatchObject({ allocatableMemoryMiB: 0, podsPerNode: 0, nodes: null, bindingConstraint: 'NO_CAPACITY', subnetIps: null });
    // The whole catalog: no type without memory for pods is ranked, the first option has some.
    const r = sizeNodeGroups({ workload: bare, candidates: catalog().types, ipModes: ['PREFIX_DELEGATION'], limit: 3 });
    expect(r.windows.map((x) => x.instanceType)).not.toContain('t3.nano');
    for (const x of r.windows) expect(x.allocatableMemoryMiB).toBeGreaterThan(0);
    const full = sizeNodeGroups({ workload: bare, candidates: catalog().types, ipModes: ['PREFIX_DELEGATION'] });
    for (const x of full.windows) if (x.nodes !== null) expect(x.allocatableMemoryMiB).toBeGreaterThan(0);
  });

  it('names the controller table each Windows option is sized from, and warns for the newer one (c8ib.large: Karpenter zz_generated.vpclimits.go)', () => {
    const r = sizeNodeGroups({
      workload: { ...noLinux, linuxPods: 10 },
      candidates: [facts('c8ib.large'), facts('m5.large'), facts('hpc7a.12xlarge')],
      ipModes: ['SECONDARY_IP'],
    });
    const table = Object.fromEntries(r.windows.map((o) => [o.instanceType, o.limitsTable]));
    expect(table).toEqual({ 'c8ib.large': 'KARPENTER_NEWER', 'm5.large': 'VPCRC_PUBLIC', 'hpc7a.12xlarge': null });
    expect(r.linux.every((o) => o.limitsTable === null)).toBe(true);
    // W = 20 - 1 = 19 from the newer table
    expect(r.windows.find((o) => o.instanceType === 'c8ib.large')).toMatchObject({ podsByIp: 19 });
    const w = r.warnings.find((x) => x.code === 'WINDOWS_TYPE_NEWER_THAN_PUBLIC_VPCRC_LIMITS');
    expect(w?.message).toContain('c8ib.large is not in the public VPC Resource Controller table');
    expect(w?.message).toContain('The instance type c8ib.large is not supported yet by the vpc resource controller');
    expect(w?.source).toBe('aws/karpenter-provider-aws pkg/providers/instancetype/zz_generated.vpclimits.go');
    // Only the public table among the options: no such warning.
    const pub = sizeNodeGroups({ workload: noLinux, candidates: [facts('m5.large')] });
    expect(pub.warnings.map((x) => x.code)).not.toContain('WINDOWS_TYPE_NEWER_THAN_PUBLIC_VPCRC_LIMITS');
  });

  it('a type in neither controller table: W = 0 with the controller event text (aws/amazon-vpc-resource-controller-k8s pkg/node/node.go)', () => {
    const r = sizeNodeGroups({ workload: noLinux, candidates: [facts('hpc7a.12xlarge'), facts('m5.large')], ipModes: ['SECONDARY_IP'] });
    expect(r.windows.find((o) => o.instanceType === 'hpc7a.12xlarge')).toMatchObject({
      nodes: null,
      bindingConstraint: 'NOT_IN_VPCRC_LIMITS',
    });
    const w = r.warnings.filter((x) => x.code === 'WINDOWS_TYPE_NOT_IN_VPCRC_LIMITS');
    expect(w).toHaveLength(1);
    expect(w[0].message).toContain('Neither the public VPC Resource Controller table nor its newer copy knows hpc7a.12xlarge: W = 0');
    expect(w[0].message).toContain(
      '"The instance type hpc7a.12xlarge is not supported yet by the vpc resource controller" (reason Unsupported)',
    );
    expect(w[0].source).toBe('aws/amazon-vpc-resource-controller-k8s pkg/node/node.go');
    const known = sizeNodeGroups({ workload: noLinux, candidates: [facts('m5.large')] });
    expect(known.warnings.map((x) => x.code)).not.toContain('WINDOWS_TYPE_NOT_IN_VPCRC_LIMITS');
  });

  it('BPG windows/networking: warns about > 100 Services and a missing Linux node group', () => {
    const r = sizeNodeGroups({
      workload: { ...noLinux, servicesPerWindowsNode: 150, kubernetesVersion: '1.33' },
      candidates: [facts('m5.large')],
    });
    expect(r.warnings.map((w) => w.code)).toEqual(['WINDOWS_SERVICE_PORT_EXHAUSTION', 'LINUX_NODES_FOR_COREDNS']);
    expect(r.warnings[0].message).toContain('--enable-dsr=true');
  });

  it.each([
    ['negative pods', { workload: { ...noLinux, windowsPods: -1 } }],
    ['fractional pods', { workload: { ...noLinux, linuxPods: 0.5 } }],
    ['negative CPU', { workload: { ...noLinux, windowsPodCpuMillicores: -5 } }],
    ['limit 0', { limit: 0 }],
    ['unknown mode', { ipModes: ['OVERLAY'] }],
  ])('refuses %s', (_n, over) => {
    const input = { workload: noLinux, candidates: [facts('m5.large')], ...over } as NodeGroupSizingInput;
    expect(() => sizeNodeGroups(input)).toThrow(DomainError);
  });

  it.each([
    ['banana', {}],
    // Without servicesPerWindowsNode the version was read only by the Windows Server gate, which skipped what it could not parse.
    ['banana', { servicesPerWindowsNode: 5 }],
    ['1.033', {}],
    ['2.0', {}],
  ])('refuses kubernetesVersion %s (%o) naming workload.kubernetesVersion', (version, extra) => {
    let error: unknown;
    try {
      sizeNodeGroups({
        workload: { ...noLinux, ...extra, kubernetesVersion: version },
        candidates: [facts('m5.large')],
        windowsServerVersion: 'WINDOWS_SERVER_2025',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details).toMatchObject({ field: 'workload.kubernetesVersion' });
  });
});

describe('sizeNodeGroups over the whole bundled catalog (structure, not timing)', () => {
  const types = catalog().types;
  const workload: SizingWorkload = {
    windowsPods: 300,
    linuxPods: 50,
    windowsPodCpuMillicores: 250,
    windowsPodMemoryMiB: 512,
    linuxPodCpuMillicores: 100,
    linuxPodMemoryMiB: 128,
  };
  const full = sizeNodeGroups({ workload, candidates: types });

  function assertRanked(list: SizingOption[]): void {
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1];
      const b = list[i];
      if (a.nodes === null) {
        expect(b.nodes).toBeNull(); // infeasible options come last
        continue;
      }
      if (b.nodes === null) continue;
      // No accelerator asked for: every type without one comes before every type with one.
      if (a.accelerated !== b.accelerated) {
        expect([a.accelerated, b.accelerated]).toEqual([false, true]);
        continue;
      }
      expect(b.nodes).toBeGreaterThanOrEqual(a.nodes);
      if (b.nodes === a.nodes) {
        expect(b.subnetIps!).toBeGreaterThanOrEqual(a.subnetIps!);
        if (b.subnetIps === a.subnetIps) expect(b.vcpus).toBeGreaterThanOrEqual(a.vcpus);
      }
    }
  }

  it('lists every type in both modes for each OS', () => {
    for (const list of [full.windows, full.linux]) {
      expect(list).toHaveLength(types.length * 2);
      expect(new Set(list.map((o) => `${o.instanceType}/${o.requestedIpMode}`)).size).toBe(types.length * 2);
    }
  });

  it('reports the effective IP mode nodeCapacity computes, for every type, OS and mode', () => {
    const byName = new Map(types.map((t) => [t.name, t]));
    for (const o of [...full.windows, ...full.linux]) {
      const cap = computeNodeCapacity({ instanceType: byName.get(o.instanceType)!, os: o.os, ipMode: o.requestedIpMode });
      expect(o.effectiveIpMode, `${o.os} ${o.instanceType} ${o.requestedIpMode}`).toBe(cap.effectiveIpMode);
    }
  });

  it('ranks by fewest nodes, then fewest subnet IPs, then smallest type (accelerated types after the others)', () => {
    assertRanked(full.windows);
    assertRanked(full.linux);
    // Windows infeasible: arm64/Mac types and types unknown to VPCRC.
    expect(full.windows.filter((o) => o.nodes === null).every((o) => o.bindingConstraint !== 'IP_ADDRESSES')).toBe(true);
  });

  it('limit returns the head of the same ranking', () => {
    const top = sizeNodeGroups({ workload, candidates: types, limit: 10 });
    expect(top.windows).toEqual(full.windows.slice(0, 10));
    expect(top.linux).toEqual(full.linux.slice(0, 10));
  });

  it('ranks a frozen (shared, size order kept) candidates list as it ranks a copy made for one request', () => {
    const shared = Object.freeze([...types].reverse());
    const first = sizeNodeGroups({ workload, candidates: shared });
    expect(sizeNodeGroups({ workload, candidates: shared })).toEqual(first);
    expect(sizeNodeGroups({ workload, candidates: [...shared] })).toEqual(first);
    expect(first.windows.map((o) => [o.instanceType, o.requestedIpMode])).toEqual(
      full.windows.map((o) => [o.instanceType, o.requestedIpMode]),
    );
  });
});

describe('sizeNodeGroups: accelerators and cost (DescribeInstanceTypes GpuInfo/InferenceAcceleratorInfo/NeuronInfo/FpgaInfo; AWS Price List)', () => {
  const types = catalog().types;
  const cpuOnly: SizingWorkload = {
    windowsPods: 2000,
    linuxPods: 0,
    windowsPodCpuMillicores: 100,
    windowsPodMemoryMiB: 256,
    linuxPodCpuMillicores: 0,
    linuxPodMemoryMiB: 0,
  };

  it('whole catalog, 2,000 Windows pods of 100m / 256Mi: the first option carries no accelerator (was g7e.2xlarge, a GPU type)', () => {
    const r = sizeNodeGroups({ workload: cpuOnly, candidates: types, limit: 20 });
    expect(r.windows[0].accelerated).toBe(false);
    expect(r.windows[0].instanceType).not.toBe('g7e.2xlarge');
    const accelerated = new Set(types.filter((t) => (t.accelerators ?? []).length > 0).map((t) => t.name));
    expect(accelerated.has('g7e.2xlarge')).toBe(true);
    // Every feasible option without accelerators comes first: none of the top 20 is accelerated.
    expect(r.windows.filter((o) => accelerated.has(o.instanceType))).toEqual([]);
  });

  it('a workload that asks for accelerators cannot run on a type without: NO_ACCELERATORS, after every type with one', () => {
    const only = types.filter((t) => ['g7e.2xlarge', 'm5.large'].includes(t.name));
    const r = sizeNodeGroups({
      workload: { ...cpuOnly, windowsPods: 200, linuxPods: 10, needsAccelerators: true },
      candidates: only,
      ipModes: ['PREFIX_DELEGATION'],
    });
    const plain = sizeNodeGroups({ workload: { ...cpuOnly, windowsPods: 200 }, candidates: only, ipModes: ['PREFIX_DELEGATION'] });
    expect(plain.windows.map((o) => o.instanceType)).toEqual(['m5.large', 'g7e.2xlarge']);
    for (const list of [r.windows, r.linux]) {
      expect(list[0]).toMatchObject({ instanceType: 'g7e.2xlarge', accelerated: true });
      expect(list[0].nodes).not.toBeNull();
      // m5.large has no GPU: it cannot host pods that need one, whatever its IPs, CPU and memory allow.
      expect(list[1]).toMatchObject({ instanceType: 'm5.large', nodes: null, podsPerNode: 0, bindingConstraint: 'NO_ACCELERATORS' });
      expect(list[1].subnetIps).toBeNull();
    }
    // A node all the same: its allocatable stays what the node offers.
    expect(r.windows[1].allocatable.pods).toBe(110);
  });

  it('whole catalog with needsAccelerators: every feasible option carries an accelerator, the others are NO_ACCELERATORS', () => {
    const r = sizeNodeGroups({ workload: { ...cpuOnly, linuxPods: 100, needsAccelerators: true }, candidates: types });
    const accelerated = new Set(types.filter((t) => (t.accelerators ?? []).some((a) => a.count > 0)).map((t) => t.name));
    for (const list of [r.windows, r.linux]) {
      expect(list[0].accelerated).toBe(true);
      expect(list[0].nodes).not.toBeNull();
      for (const o of list) {
        expect(o.accelerated).toBe(accelerated.has(o.instanceType));
        if (!o.accelerated) expect(o).toMatchObject({ nodes: null, bindingConstraint: 'NO_ACCELERATORS' });
      }
    }
  });

  // Prices made up for the test: a type twice as large at less than twice the price must win on cost.
  function table(os: 'WINDOWS' | 'LINUX', rows: Array<[string, number]>) {
    return new Map(
      rows.map(([instanceType, usdPerHour]) => [
        instanceType,
        { instanceType, region: 'eu-west-1', os, usdPerHour, source: 'test', readAt: '2026-12-01T00:00:00.000Z' },
      ]),
    );
  }

  it.each([
    // m5.large: 20 pods -> ceil(20 / 9) = 3 nodes * 0.30 = 0.90 USD/h; m5.xlarge: W = 14 -> 2 nodes * 0.50 = 1.00
    ['m5.large is cheaper in all', 0.3, 0.5, 'm5.large', 0.9],
    // 3 * 0.40 = 1.20 against 2 * 0.50 = 1.00
    ['m5.xlarge is cheaper in all', 0.4, 0.5, 'm5.xlarge', 1],
  ])('rankBy COST: %s', (_n, small, large, first, cost) => {
    const r = sizeNodeGroups({
      workload: noLinux,
      candidates: [facts('m5.large'), facts('m5.xlarge')],
      ipModes: ['SECONDARY_IP'],
      rankBy: 'COST',
      region: 'eu-west-1',
      prices: {
        windows: table('WINDOWS', [
          ['m5.large', small],
          ['m5.xlarge', large],
        ]),
      },
    });
    expect(r.windows[0].instanceType).toBe(first);
    expect(r.windows[0].hourlyCostUsd).toBe(cost);
    expect(r.windows[0].price).toMatchObject({ region: 'eu-west-1', os: 'WINDOWS', readAt: '2026-12-01T00:00:00.000Z' });
    expect(r.rankBy).toBe('COST');
  });

  it('rankBy COST without Windows prices says so and never stands in the Linux price', () => {
    const r = sizeNodeGroups({
      workload: noLinux,
      candidates: [facts('m5.large'), facts('m5.xlarge')],
      rankBy: 'COST',
      region: 'us-east-1',
      prices: { linux: table('LINUX', [['m5.large', 0.096]]) },
    });
    expect(r.warnings.map((w) => w.code)).toContain('PRICES_UNKNOWN');
    expect(r.windows.every((o) => o.price === null && o.hourlyCostUsd === null)).toBe(true);
  });

  it('types without a price rank after the priced ones', () => {
    const r = sizeNodeGroups({
      workload: noLinux,
      candidates: [facts('m5.large'), facts('m5.xlarge'), facts('c5.large')],
      ipModes: ['SECONDARY_IP'],
      rankBy: 'COST',
      region: 'eu-west-1',
      prices: { windows: table('WINDOWS', [['c5.large', 9.99]]) },
    });
    expect(r.windows[0].instanceType).toBe('c5.large');
    expect(r.windows.slice(1).every((o) => o.price === null)).toBe(true);
  });

  it('a Price List read decides which types EC2 offers with Windows', () => {
    const r = sizeNodeGroups({
      workload: noLinux,
      candidates: [facts('m5.large'), facts('m5.xlarge')],
      ipModes: ['SECONDARY_IP'],
      windowsOfferings: { region: 'eu-west-1', readAt: '2026-12-01T00:00:00.000Z', offered: new Set(['m5.xlarge']) },
    });
    expect(r.windows.find((o) => o.instanceType === 'm5.large')).toMatchObject({ nodes: null, bindingConstraint: 'NOT_OFFERED_BY_EC2' });
  });

  it('refuses COST without a region', () => {
    expect(() => sizeNodeGroups({ workload: noLinux, candidates: [facts('m5.large')], rankBy: 'COST' })).toThrow(DomainError);
  });
});

describe('sizeNodeGroups: a region without Windows prices, ranked by nodes', () => {
  it('says Windows prices are unknown and shows none', () => {
    const r = sizeNodeGroups({
      workload: noLinux,
      candidates: [facts('m5.large')],
      region: 'us-east-1',
      prices: {},
    });
    expect(r.rankBy).toBe('NODES');
    expect(r.warnings.find((w) => w.code === 'PRICES_UNKNOWN')?.message).toContain('no Windows option shows a price');
    expect(r.windows[0].price).toBeNull();
  });
});

describe('sizeNodeGroups: Windows Server 2025 below EKS 1.35 (awsdocs/amazon-eks-user-guide eks-ami-versions-windows: 2025 AMIs for 1.35 only)', () => {
  const gate = (kubernetesVersion: string) =>
    sizeNodeGroups({
      workload: { ...noLinux, kubernetesVersion },
      candidates: [facts('m5.large')],
      windowsServerVersion: 'WINDOWS_SERVER_2025',
    }).warnings.find((w) => w.code === 'WINDOWS_SERVER_VERSION_NEEDS_NEWER_EKS');

  it('1.34: the warning says no provisioner can launch the nodes, citing the AMI version tables, not eksctl alone', () => {
    expect(gate('1.34')).toEqual({
      code: 'WINDOWS_SERVER_VERSION_NEEDS_NEWER_EKS',
      message:
        "Windows Server 2025 node groups need EKS 1.35 or later: EKS publishes Windows Server 2025 AMIs for Kubernetes 1.35 and later only (since 2026-01-26), so no provisioner can launch these nodes on 1.34 (eksctl refuses WindowsServer2025CoreContainer, Karpenter's windows2025@latest and the 2025 ami_types find no AMI). The sizing holds once the cluster runs 1.35, or choose Windows Server 2022.",
      source:
        'awsdocs/amazon-eks-user-guide eks-ami-versions-windows (Windows Server 2025 Core and Full AMIs: Kubernetes 1.35 only); awsdocs/amazon-eks-user-guide retrieve-windows-ami-id (/aws/service/ami-windows-latest/Windows_Server-<release>-English-<Core|Full>-EKS_Optimized-<kubernetes-version>/image_id); eksctl-io/eksctl pkg/apis/eksctl.io/v1alpha5/assets/schema.json (amiFamily)',
    });
  });

  it('1.35: no gate warning', () => {
    expect(gate('1.35')).toBeUndefined();
  });
});
