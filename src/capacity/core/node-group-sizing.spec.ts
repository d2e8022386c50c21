import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/domain-error.js';
import { catalog, facts } from './capacity.test-fixtures.js';
import {
  kubeReservedCpuMillicores,
  kubeReservedMemoryMiB,
  sizeNodeGroups,
  type NodeGroupSizingInput,
  type SizingOption,
  type SizingWorkload,
} from './node-group-sizing.js';

const noLinux: SizingWorkload = {
  windowsPods: 20, linuxPods: 0,
  windowsPodCpuMillicores: 100, windowsPodMemoryMiB: 256,
  linuxPodCpuMillicores: 0, linuxPodMemoryMiB: 0,
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

  it('DOMAIN 2 (W = I - 1): m5.large Windows secondary, 20 pods of 100m/256Mi: IP-bound, 3 nodes', () => {
    const o = one('m5.large', 'WINDOWS', 'SECONDARY_IP', noLinux);
    // W = 10 - 1 = 9; kubelet 110; CPU (2000 - 70) / 100 = 19; memory 8192 - (255 + 11 * 9) - 100 = 7738, / 256 = 30
    expect(o).toMatchObject({ podsByIp: 9, podsByKubelet: 110, podsByCpu: 19, podsByMemory: 30, allocatableMemoryMiB: 7738 });
    // min(9, 110, 19, 30) = 9; ceil(20 / 9) = 3 nodes; fullest node ceil(20 / 3) = 7 pods:
    // 1 + min(9, max(7 + 3, 3)) = 10 IPs per node (VPCRC default warm pool), 3 * 10 = 30
    expect(o).toMatchObject({ podsPerNode: 9, bindingConstraint: 'IP_ADDRESSES', nodes: 3, subnetIps: 30 });
  });

  it('BPG prefix-mode_windows: m5.large Windows PD, same pods: CPU-bound, 2 nodes', () => {
    const o = one('m5.large', 'WINDOWS', 'PREFIX_DELEGATION', noLinux);
    // W = 144, kubelet 110 -> max pods 110; memory 8192 - (255 + 1210) - 100 = 6627, / 256 = 25; CPU 19
    expect(o).toMatchObject({ podsByIp: 144, podsByMemory: 25, podsByCpu: 19, podsPerNode: 19, bindingConstraint: 'CPU', nodes: 2 });
    // ceil(20 / 2) = 10 pods: 1 + 16 * ceil(max(10 + 1, 3) / 16) = 17 IPs, 2 * 17 = 34
    expect(o.subnetIps).toBe(34);
  });

  it('memory-bound: m5.large Windows PD, 1 GiB pods, no CPU request', () => {
    const o = one('m5.large', 'WINDOWS', 'PREFIX_DELEGATION', { ...noLinux, windowsPodCpuMillicores: 0, windowsPodMemoryMiB: 1024 });
    // 6627 / 1024 = 6 pods; ceil(20 / 6) = 4 nodes
    expect(o).toMatchObject({ podsByCpu: null, podsByMemory: 6, bindingConstraint: 'MEMORY', nodes: 4 });
  });

  it('VPCCNI eni-max-pods: m5.large Linux secondary, 100 small pods: IP-bound at 27 workload pods', () => {
    const o = one('m5.large', 'LINUX', 'SECONDARY_IP', {
      windowsPods: 0, linuxPods: 100, windowsPodCpuMillicores: 0, windowsPodMemoryMiB: 0, linuxPodCpuMillicores: 10, linuxPodMemoryMiB: 64,
    });
    // 3 * 9 = 27 pod IPs (+2 host-network = 29 max pods); ceil(100 / 27) = 4 nodes; fullest 25 pods:
    // ENIs = min(3, ceil(25 / 9) + 1) = 3, 3 + 27 = 30 IPs per node, 4 * 30 = 120
    expect(o).toMatchObject({ podsByIp: 27, podsByKubelet: 27, podsPerNode: 27, bindingConstraint: 'IP_ADDRESSES', nodes: 4, subnetIps: 120 });
  });

  it.each([
    ['m6g.large', 'UNSUPPORTED_ARCHITECTURE'], // UG eks-optimized-windows-ami: arm64
    ['mac1.metal', 'UNSUPPORTED_ARCHITECTURE'], // x86_64_mac
    ['c8ib.large', 'NOT_IN_VPCRC_LIMITS'], // VPCRC limits.go lacks it: W = 0
  ])('%s cannot host the Windows pods: %s', (type, constraint) => {
    const o = one(type, 'WINDOWS', 'SECONDARY_IP', noLinux);
    expect(o).toMatchObject({ nodes: null, bindingConstraint: constraint, subnetIps: null });
  });

  it('BPG windows/networking: warns about > 100 Services and a missing Linux node group', () => {
    const r = sizeNodeGroups({ workload: { ...noLinux, servicesPerWindowsNode: 150 }, candidates: [facts('m5.large')], kubernetesVersion: '1.33' });
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
});

describe('sizeNodeGroups over the whole bundled catalog (structure, not timing)', () => {
  const types = catalog().types;
  const workload: SizingWorkload = {
    windowsPods: 300, linuxPods: 50,
    windowsPodCpuMillicores: 250, windowsPodMemoryMiB: 512,
    linuxPodCpuMillicores: 100, linuxPodMemoryMiB: 128,
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

  it('ranks by fewest nodes, then fewest subnet IPs, then smallest type', () => {
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
});
