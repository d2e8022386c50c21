import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/domain-error.js';
import { projectPath } from '../../common/project-path.js';
import { computeNodeCapacity, sizeNodeGroups } from '../../capacity/core/index.js';
import { catalog, facts } from '../../capacity/core/capacity.test-fixtures.js';
import {
  countKarpenterVpcLimits,
  EC2_WINDOWS_REFUSED_INSTANCE_TYPES,
  getKarpenterIpv4PerInterface,
  karpenterMemoryCapacityMiB,
  planKarpenterWindows,
  type KarpenterWindowsPlanInput,
} from './index.js';
import { toKarpenterWindowsRequest, type KarpenterCatalog } from '../karpenter-input.resolution.js';

const known: KarpenterCatalog = {
  lookup: (name) => catalog().types.find((t) => t.name === name),
  types: catalog().types,
};

function input(over: Partial<KarpenterWindowsPlanInput> = {}): KarpenterWindowsPlanInput {
  return {
    clusterName: 'shop',
    kubernetesVersion: '1.33',
    windowsServerVersion: 'WINDOWS_SERVER_2022',
    ipMode: 'PREFIX_DELEGATION',
    instanceTypes: ['m5.large'],
    windowsPods: { count: 100, cpuMillicores: 10, memoryMiB: 32 },
    ...over,
  };
}

function plan(over: Partial<KarpenterWindowsPlanInput> = {}) {
  return planKarpenterWindows(toKarpenterWindowsRequest(input(over), known));
}

describe("Karpenter's limits table (generated from its zz_generated.vpclimits.go)", () => {
  it('has every row of the upstream file, with I per interface', () => {
    // 1,402 lines in ../shared/data/karpenter/vpc-limits.tsv = 1 header + 1,401 types.
    expect(countKarpenterVpcLimits()).toBe(1401);
    expect(getKarpenterIpv4PerInterface('m5.large')).toBe(10);
    expect(getKarpenterIpv4PerInterface('c8ib.large')).toBeGreaterThan(0); // newer than the controller's public table
    expect(getKarpenterIpv4PerInterface('hpc6a.48xlarge')).toBeUndefined();
  });

  it('agrees with the upstream file on every row', () => {
    const [header, ...rows] = readFileSync(projectPath('..', 'shared', 'data', 'karpenter', 'vpc-limits.tsv'), 'utf8')
      .trim()
      .split('\n');
    const at = header!.split('\t').indexOf('ipv4_per_interface');
    expect(rows).toHaveLength(countKarpenterVpcLimits());
    for (const row of rows) {
      const f = row.split('\t');
      expect(getKarpenterIpv4PerInterface(f[0]!), f[0]).toBe(Number(f[at]));
    }
  });
});

describe('planKarpenterWindows: Karpenter view next to the real capacity', () => {
  it('m5.large with prefix delegation: Karpenter 110 pods and 9 IPs, real 110 pods on 144 IPs', () => {
    const t = plan().instanceTypes[0]!;
    // Karpenter: pods = 110 (no kubelet.maxPods), PrivateIPv4Address = I - 1 = 10 - 1 = 9.
    expect(t.karpenterView).toMatchObject({ pods: 110, privateIPv4Address: 9, ipv4PerInterface: 10, launchable: true });
    // Real: W = (10 - 1) * 16 = 144, maxPods = min(110, 144) = 110.
    expect(t.realCapacity).toMatchObject({
      maxPods: 110,
      ipLimitedPods: 144,
      effectiveIpMode: 'PREFIX_DELEGATION',
      limitedBy: 'KUBELET_MAX_PODS',
    });
    expect(t.warnings.map((w) => w.code)).toContain('KARPENTER_PREFIX_DELEGATION_NOT_MODELLED');
    const w = t.warnings.find((x) => x.code === 'KARPENTER_PREFIX_DELEGATION_NOT_MODELLED')!;
    expect(w.source).toMatch(/#5478/);
    expect(w.source).toMatch(/#9299/);
    expect(w.fix).toMatch(/spec\.kubelet\.maxPods to 110/);
  });

  it('uses the capacity engine for the real figures, not a copy of its rules', () => {
    for (const name of ['m5.large', 't2.medium', 'm6g.large', 'c8ib.large', 'hpc6a.48xlarge']) {
      for (const ipMode of ['SECONDARY_IP', 'PREFIX_DELEGATION'] as const) {
        const t = plan({ instanceTypes: [name], ipMode }).instanceTypes[0]!;
        const cap = computeNodeCapacity({ instanceType: facts(name), os: 'WINDOWS', ipMode });
        expect(t.realCapacity.maxPods).toBe(cap.maxPods);
        expect(t.realCapacity.ipLimitedPods).toBe(cap.ipLimitedPods);
        expect(t.realCapacity.formula).toEqual(cap.formula);
      }
    }
  });

  it.each([
    // m5.large: 2 vCPUs, 8192 MiB. memory = 8192 - ceil(8192 * 0.075) = 8192 - 615 = 7577; CPU = 2000 - 70 = 1930m.
    // Karpenter memory = 7577 - (11 * 110 + 255) - 100 = 6012; CPU fit floor(1930 / 10) = 193; memory fit floor(6012 / 32) = 187.
    // Karpenter: min(110, 9, 193, 187) = 9 -> ceil(100 / 9) = 12. Real: min(110, 193, 187) = 110 -> ceil(100 / 110) = 1.
    {
      name: 'PD, small pods',
      type: 'm5.large',
      ipMode: 'PREFIX_DELEGATION',
      pods: { count: 100, cpuMillicores: 10, memoryMiB: 32 },
      kubelet: undefined,
      k: 9,
      kBind: 'IP_ADDRESSES',
      kNodes: 12,
      r: 110,
      rBind: 'KUBELET_MAX_PODS',
      rNodes: 1,
    },
    // CPU fit floor(1930 / 100) = 19; Karpenter memory fit floor(6012 / 256) = 23. Karpenter min(110, 9, 19, 23) = 9 -> 12 nodes;
    // real memory (BPG windows/oom.adoc) 7577 - 512 - 1536 - 200 = 5329, fit 20: min(110, 19, 20) = 19 -> ceil(100 / 19) = 6.
    {
      name: 'PD, CPU binds the real node',
      type: 'm5.large',
      ipMode: 'PREFIX_DELEGATION',
      pods: { count: 100, cpuMillicores: 100, memoryMiB: 256 },
      kubelet: undefined,
      k: 9,
      kBind: 'IP_ADDRESSES',
      kNodes: 12,
      r: 19,
      rBind: 'CPU',
      rNodes: 6,
    },
    // Secondary IP: W = 10 - 1 = 9 on both sides: min(110, 9) = 9 -> 12 nodes each.
    {
      name: 'secondary IP agrees',
      type: 'm5.large',
      ipMode: 'SECONDARY_IP',
      pods: { count: 100, cpuMillicores: 10, memoryMiB: 32 },
      kubelet: undefined,
      k: 9,
      kBind: 'IP_ADDRESSES',
      kNodes: 12,
      r: 9,
      rBind: 'IP_ADDRESSES',
      rNodes: 12,
    },
    // m5.4xlarge: 16 vCPUs, 65536 MiB, I = 30. memory = 65536 - 4916 = 60620; CPU = 16000 - 110 = 15890m.
    // kubelet.maxPods 250: Karpenter memory = 60620 - (11 * 250 + 255) - 100 = 57515; CPU fit floor(15890 / 50) = 317;
    // memory fit floor(57515 / 128) = 449. Karpenter min(250, 29, 317, 449) = 29 -> ceil(1000 / 29) = 35.
    // Real: W = 29 * 16 = 464, maxPods = min(250, 464) = 250; min(250, 317, 449) = 250 -> ceil(1000 / 250) = 4.
    {
      name: 'PD, kubelet.maxPods 250 on m5.4xlarge',
      type: 'm5.4xlarge',
      ipMode: 'PREFIX_DELEGATION',
      pods: { count: 1000, cpuMillicores: 50, memoryMiB: 128 },
      kubelet: 250,
      k: 29,
      kBind: 'IP_ADDRESSES',
      kNodes: 35,
      r: 250,
      rBind: 'KUBELET_MAX_PODS',
      rNodes: 4,
    },
    // t2.medium is Xen: PD falls back to secondary IP, W = 6 - 1 = 5 on both sides -> ceil(10 / 5) = 2.
    {
      name: 'PD on Xen falls back',
      type: 't2.medium',
      ipMode: 'PREFIX_DELEGATION',
      pods: { count: 10, cpuMillicores: 10, memoryMiB: 32 },
      kubelet: undefined,
      k: 5,
      kBind: 'IP_ADDRESSES',
      kNodes: 2,
      r: 5,
      rBind: 'IP_ADDRESSES',
      rNodes: 2,
    },
    // No pods: no nodes on either side.
    {
      name: 'no pods',
      type: 'm5.large',
      ipMode: 'PREFIX_DELEGATION',
      pods: { count: 0, cpuMillicores: 0, memoryMiB: 0 },
      kubelet: undefined,
      k: 9,
      kBind: 'IP_ADDRESSES',
      kNodes: 0,
      r: 110,
      rBind: 'KUBELET_MAX_PODS',
      rNodes: 0,
    },
  ] as const)('$name', ({ type, ipMode, pods, kubelet, k, kBind, kNodes, r, rBind, rNodes }) => {
    const t = plan({ instanceTypes: [type], ipMode, windowsPods: { ...pods }, ...(kubelet ? { kubeletMaxPods: kubelet } : {}) })
      .instanceTypes[0]!;
    expect(t.karpenterView.podsPerNode).toBe(k);
    expect(t.karpenterView.bindingConstraint).toBe(kBind);
    expect(t.nodesKarpenterWouldLaunch).toBe(kNodes);
    expect(t.realCapacity.podsPerNode).toBe(r);
    expect(t.bindingConstraint).toBe(rBind);
    expect(t.nodesNeeded).toBe(rNodes);
    expect(t.extraNodes).toBe(kNodes - rNodes);
    expect(t.formula.join('\n')).toContain(
      kNodes > 0 ? `nodesKarpenterWouldLaunch = ceil(${pods.count} / ${k}) = ${kNodes}` : 'Karpenter pods',
    );
  });

  it('t3.medium PD: the real node keeps the Windows reservations and agrees with sizing (1540 MiB, 6 pods, 17 nodes)', () => {
    const t = plan({ instanceTypes: ['t3.medium'], windowsPods: { count: 100, cpuMillicores: 100, memoryMiB: 256 } }).instanceTypes[0]!;
    // Karpenter: 4096 - ceil(307.2) = 3788; 3788 - (11 * 110 + 255) - 100 = 2223, fit 8; min(110, 5 IPs, 19, 8) = 5 -> 20 nodes.
    expect(t.karpenterView).toMatchObject({ allocatableMemoryMiB: 2223, podsPerNode: 5, bindingConstraint: 'IP_ADDRESSES' });
    expect(t.nodesKarpenterWouldLaunch).toBe(20);
    // Real: 3788 - 512 - 1536 - 200 = 1540 (not Karpenter's 11 * 80 + 255 + 100 for the real max-pods: 2553), fit 6 -> 17 nodes.
    expect(t.realCapacity).toMatchObject({ allocatableMemoryMiB: 1540, podsPerNode: 6, bindingConstraint: 'MEMORY' });
    expect(t).toMatchObject({ nodesNeeded: 17, extraNodes: 3 });
    expect(t.formula).toContain(
      'real: memory = capacity - kube-reserved 0.5Gi - system-reserved 1.5Gi - eviction 200Mi = 3788 - 512 - 1536 - 200 = 1540 MiB',
    );
    const [sized] = sizeNodeGroups({
      workload: {
        windowsPods: 100,
        windowsPodCpuMillicores: 100,
        windowsPodMemoryMiB: 256,
        linuxPods: 0,
        linuxPodCpuMillicores: 0,
        linuxPodMemoryMiB: 0,
      },
      candidates: [facts('t3.medium')],
      ipModes: ['PREFIX_DELEGATION'],
    }).windows;
    expect(sized).toMatchObject({ allocatableMemoryMiB: 1540, podsPerNode: 6, nodes: 17, bindingConstraint: 'MEMORY' });
  });

  it('takes the real allocatable from the capacity engine and sizes as sizing does, type by type', () => {
    const pods = { count: 100, cpuMillicores: 100, memoryMiB: 256 };
    for (const name of ['m5.large', 't3.medium', 't3.nano', 'm5.4xlarge', 'c8ib.large', 'r5.large']) {
      for (const ipMode of ['SECONDARY_IP', 'PREFIX_DELEGATION'] as const) {
        const t = plan({ instanceTypes: [name], ipMode, windowsPods: pods }).instanceTypes[0]!;
        const cap = computeNodeCapacity({ instanceType: facts(name), os: 'WINDOWS', ipMode });
        expect(t.realCapacity.allocatableMemoryMiB, `${name} ${ipMode}`).toBe(cap.allocatable.memoryMiB);
        expect(t.realCapacity.allocatableCpuMillicores).toBe(cap.allocatable.cpuMillicores);
        const [sized] = sizeNodeGroups({
          workload: {
            windowsPods: 100,
            windowsPodCpuMillicores: 100,
            windowsPodMemoryMiB: 256,
            linuxPods: 0,
            linuxPodCpuMillicores: 0,
            linuxPodMemoryMiB: 0,
          },
          candidates: [facts(name)],
          ipModes: [ipMode],
        }).windows;
        expect(t.realCapacity.podsPerNode, `${name} ${ipMode}`).toBe(sized!.podsPerNode);
        expect(t.nodesNeeded, `${name} ${ipMode}`).toBe(sized!.nodes);
      }
    }
  });

  it('t3.nano: Karpenter counts -1092 MiB and never launches it; the real node has 0 MiB and holds no pod', () => {
    const t = plan({ instanceTypes: ['t3.nano'], windowsPods: { count: 10, cpuMillicores: 0, memoryMiB: 0 } }).instanceTypes[0]!;
    // Karpenter: 512 - ceil(38.4) = 473; 473 - (11 * 110 + 255) - 100 = -1092, not clamped (cloudprovider InstanceType
    // Allocatable() is Capacity - Overhead); resources.Fits refuses every pod on a negative allocatable.
    expect(t.karpenterView).toMatchObject({ allocatableMemoryMiB: -1092, podsPerNode: 0, launchable: false, bindingConstraint: 'MEMORY' });
    expect(t.nodesKarpenterWouldLaunch).toBeNull();
    // Real: 473 - 2248 < 0, the kubelet's 0; no pod counted on it, even one that requests no memory.
    // NO_CAPACITY, as sizing says of the same node.
    expect(t.realCapacity).toMatchObject({ allocatableMemoryMiB: 0, podsPerNode: 0, bindingConstraint: 'NO_CAPACITY' });
    expect(t).toMatchObject({ nodesNeeded: null, extraNodes: null, bindingConstraint: 'NO_CAPACITY' });
    expect(t.formula.join('\n')).toContain(
      'real pods per node = 0 (NO_CAPACITY: allocatable 1930m CPU, 0 MiB memory after the reservations)',
    );
    expect(t.formula.join('\n')).toContain('nodesKarpenterWouldLaunch = none (Karpenter allocatable memory -1092 MiB is negative');
    expect(t.formula.join('\n')).toContain('nodesNeeded = none (the real node has 0 MiB allocatable memory)');
  });

  it('t3.small: Karpenter launches it for pods its Windows node has no memory for, and says so', () => {
    const t = plan({ instanceTypes: ['t3.small'], windowsPods: { count: 10, cpuMillicores: 10, memoryMiB: 32 } }).instanceTypes[0]!;
    // Karpenter: 2048 - 154 = 1894; 1894 - 1465 - 100 = 329, fit 10; min(110, 3 IPs, 193, 10) = 3 -> ceil(10 / 3) = 4 nodes.
    expect(t.karpenterView).toMatchObject({ allocatableMemoryMiB: 329, podsPerNode: 3, launchable: true });
    expect(t.nodesKarpenterWouldLaunch).toBe(4);
    // Real: 1894 - 2248 < 0 -> 0 MiB: the node holds no pod.
    expect(t.realCapacity).toMatchObject({ allocatableMemoryMiB: 0, podsPerNode: 0, bindingConstraint: 'NO_CAPACITY' });
    expect(t.nodesNeeded).toBeNull();
    const w = t.warnings.find((x) => x.code === 'KARPENTER_WINDOWS_NODE_HOLDS_NO_POD')!;
    expect(w.message).toContain('329 MiB');
    expect(w.source).toContain('aws/aws-eks-best-practices latest/bpg/windows/oom.adoc');
    expect(w.fix).toContain('NotIn');
    // The prefix-delegation warning (more pods a node than Karpenter packs) does not apply to a node that holds none.
    expect(t.warnings.map((x) => x.code)).not.toContain('KARPENTER_PREFIX_DELEGATION_NOT_MODELLED');
  });

  it('computes Karpenter memory as its types.go does (m5.large 7577 MiB; 6903 MiB allocatable at 29 pods)', () => {
    // 8192 - ceil(614.4) = 7577; 7577 - (11 * 29 + 255) - 100 = 6903, the published m5.large figure.
    expect(karpenterMemoryCapacityMiB(facts('m5.large'))).toBe(7577);
    const t = plan({ kubeletMaxPods: 29 }).instanceTypes[0]!;
    expect(t.karpenterView.allocatableMemoryMiB).toBe(6903);
    expect(t.karpenterView.allocatableCpuMillicores).toBe(1930);
  });

  it("counts a Graviton's 64 MiB of CMA memory as types.go memory() does, though Karpenter never launches it for Windows", () => {
    // m6g.large: (8192 - 64) - ceil(8128 * 0.075 = 609.6) = 7518; 7518 - (11 * 110 + 255) - 100 = 5953.
    expect(karpenterMemoryCapacityMiB(facts('m6g.large'))).toBe(7518);
    const t = plan({ instanceTypes: ['m6g.large'] }).instanceTypes[0]!;
    expect(t.karpenterView.allocatableMemoryMiB).toBe(5953);
    expect(t.formula).toContain('memory = (SizeInMiB - 64 Graviton CMA) - ceil((SizeInMiB - 64) * 0.075) = (8192 - 64) - 610 = 7518 MiB');
  });

  it.each([
    // arm64: no Windows OS label in Karpenter, no EKS Windows AMI: neither side runs Windows pods.
    { type: 'm6g.large', kLaunch: false, kBind: 'UNSUPPORTED_ARCHITECTURE', rBind: 'UNSUPPORTED_ARCHITECTURE', code: null },
    // EC2 refuses Windows: Karpenter plans and tries (I = 50: 49 IPs), every launch fails.
    { type: 'p5.48xlarge', kLaunch: true, kBind: 'IP_ADDRESSES', rBind: 'EC2_REFUSES_WINDOWS', code: 'KARPENTER_OFFERS_TYPE_EC2_REFUSES' },
    // In neither limits table: Karpenter gives it no PrivateIPv4Address and never launches it (PR #6415).
    {
      type: 'hpc6a.48xlarge',
      kLaunch: false,
      kBind: 'NOT_IN_KARPENTER_LIMITS',
      rBind: 'NOT_IN_VPCRC_LIMITS',
      code: 'KARPENTER_TYPE_NOT_IN_ITS_LIMITS_TABLE',
    },
  ] as const)('$type cannot be a Windows node: $rBind', ({ type, kLaunch, kBind, rBind, code }) => {
    const t = plan({ instanceTypes: [type] }).instanceTypes[0]!;
    expect(t.karpenterView.launchable).toBe(kLaunch);
    expect(t.karpenterView.bindingConstraint).toBe(kBind);
    expect(t.bindingConstraint).toBe(rBind);
    expect(t.nodesNeeded).toBeNull();
    if (!kLaunch) expect(t.nodesKarpenterWouldLaunch).toBeNull();
    if (code) {
      const w = t.warnings.find((x) => x.code === code)!;
      expect(w.source).toMatch(/karpenter-provider-aws/);
      expect(w.fix.length).toBeGreaterThan(10);
    }
  });

  it('a type only Karpenter knows follows the capacity engine (no Windows pods from a controller that does not know it)', () => {
    const t = plan({ instanceTypes: ['c8ib.large'], ipMode: 'SECONDARY_IP' }).instanceTypes[0]!;
    const cap = computeNodeCapacity({ instanceType: facts('c8ib.large'), os: 'WINDOWS', ipMode: 'SECONDARY_IP' });
    expect(t.karpenterView.launchable).toBe(true);
    if (cap.maxPods === 0) {
      expect(t.nodesNeeded).toBeNull();
      expect(t.warnings.map((w) => w.code)).toContain('KARPENTER_TYPE_NOT_IN_CONTROLLER_TABLE');
    } else {
      expect(t.nodesNeeded).toBe(Math.ceil(100 / t.realCapacity.podsPerNode));
    }
  });

  it('every type EC2 refuses is flagged', () => {
    const known = EC2_WINDOWS_REFUSED_INSTANCE_TYPES.filter((n) => catalog().types.some((t) => t.name === n));
    const p = plan({ instanceTypes: known });
    expect(p.instanceTypes).toHaveLength(known.length);
    for (const t of p.instanceTypes) expect(t.bindingConstraint).toBe('EC2_REFUSES_WINDOWS');
  });

  it('families expand to their types by name, after the listed types, without repeats', () => {
    const p = plan({ instanceTypes: ['m5.xlarge'], instanceFamilies: ['m5'] });
    const names = p.instanceTypes.map((t) => t.instanceType);
    expect(names[0]).toBe('m5.xlarge');
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBe(catalog().types.filter((t) => t.family === 'm5').length);
  });

  it('names the AMI alias and OS build of the Windows Server version', () => {
    expect(plan({ windowsServerVersion: 'WINDOWS_SERVER_2019' })).toMatchObject({ amiAlias: 'windows2019@latest', osBuild: '10.0.17763' });
    expect(plan({ kubernetesVersion: '1.35', windowsServerVersion: 'WINDOWS_SERVER_2025' })).toMatchObject({
      amiAlias: 'windows2025@latest',
      osBuild: '10.0.26100',
    });
  });
});

describe('planKarpenterWindows: what Karpenter does not pass to Start-EKSBootstrap.ps1', () => {
  it('warns about DSR above 100 Services, with the kube-proxy flags for the version and the userData fix', () => {
    const p = plan({ servicesPerNode: 150, kubernetesVersion: '1.31' });
    const w = p.warnings.find((x) => x.code === 'KARPENTER_DOES_NOT_PASS_KUBE_PROXY_ARGS')!;
    expect(w.source).toMatch(/#4088/);
    // Kubernetes 1.31 < 1.33: the WinDSR gate is still needed.
    expect(w.fix).toContain('--feature-gates=WinDSR=true --enable-dsr=true');
    expect(p.warnings.map((x) => x.code)).toContain('WINDOWS_SERVICE_PORT_EXHAUSTION');
    expect(plan({ servicesPerNode: 100 }).warnings).toEqual([]);
  });

  it('warns about the Service CIDR and SNAT exclusions, naming the machine environment variables', () => {
    const p = plan({ serviceIpv4Cidr: '10.100.0.0/16', excludedSnatCidrs: ['10.0.0.0/8', '192.168.0.0/16'] });
    const codes = p.warnings.map((w) => w.code);
    expect(codes).toEqual(['KARPENTER_DOES_NOT_PASS_SERVICE_CIDR', 'KARPENTER_DOES_NOT_PASS_EXCLUDED_SNAT_CIDRS']);
    expect(p.warnings[0]!.fix).toContain('SERVICE_IPV4_CIDR=10.100.0.0/16');
    expect(p.warnings[1]!.fix).toContain('EXCLUDED_SNAT_CIDRS=10.0.0.0/8,192.168.0.0/16');
    expect(p.warnings[0]!.source).toMatch(/#4747/);
  });
});

describe('planKarpenterWindows on Windows Server 2019 (aws/aws-node-termination-handler dropped its 2019 images in 2025-08)', () => {
  it('warns that add-ons are leaving 2019, with the 2022 alias as the fix; 2022 and 2025 do not', () => {
    const w = plan({ windowsServerVersion: 'WINDOWS_SERVER_2019' }).warnings.filter((x) => x.code === 'WINDOWS_SERVER_2019_ADDONS_LEAVING');
    expect(w).toHaveLength(1);
    expect(w[0].message).toBe(
      'Add-ons are leaving Windows Server 2019 (aws-node-termination-handler dropped its 2019 images in 2025-08): prefer 2022.',
    );
    expect(w[0].source).toBe('aws/aws-node-termination-handler (Windows Server 2019 images dropped 2025-08)');
    expect(w[0].fix).toBe(
      'Use windowsServerVersion WINDOWS_SERVER_2022 (amiSelectorTerms alias windows2022@latest); its container images must be built for OS build 10.0.20348.',
    );
    for (const v of ['WINDOWS_SERVER_2022', 'WINDOWS_SERVER_2025'] as const) {
      const codes = plan({ windowsServerVersion: v, kubernetesVersion: '1.35' }).warnings.map((x) => x.code);
      expect(codes).not.toContain('WINDOWS_SERVER_2019_ADDONS_LEAVING');
    }
  });
});

describe('planKarpenterWindows: windows2025@latest below EKS 1.35 resolves no AMI (Karpenter does not gate it; EKS publishes none)', () => {
  it('1.34: 400 naming windowsServerVersion, saying why for Karpenter, citing the AMI tables and windows.go DefaultAMIs', () => {
    let error: unknown;
    try {
      plan({ kubernetesVersion: '1.34', windowsServerVersion: 'WINDOWS_SERVER_2025' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details).toMatchObject({ field: 'windowsServerVersion', rule: 'windows-server-kubernetes-version' });
    const message = (error as DomainError).message;
    expect(message).toContain(
      'WINDOWS_SERVER_2025 needs EKS (Kubernetes) 1.35 or later, but kubernetesVersion is 1.34: EKS publishes no Windows Server 2025 AMI for it, so windows2025@latest resolves none and the EC2NodeClass never becomes ready; raise kubernetesVersion to 1.35 or choose WINDOWS_SERVER_2019 or WINDOWS_SERVER_2022',
    );
    expect(message).toContain('aws/karpenter-provider-aws pkg/providers/amifamily/windows.go');
    expect(message).not.toContain('eksctl');
  });
});
