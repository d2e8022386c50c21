import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/domain-error.js';
import { facts } from './capacity.test-fixtures.js';
import type { IpMode, NodeOs } from './capacity.types.js';
import { computeAllocatable } from './allocatable.js';
import { compareModes, computeNodeCapacity, noAllocatableSummary, type NodeCapacityInput } from './node-capacity.js';

type Row = {
  name: string;
  type: string;
  os: NodeOs;
  mode: IpMode;
  extra?: Partial<NodeCapacityInput>;
  vcpus?: number;
  ipLimitedPods: number;
  maxPods: number;
  effective?: IpMode;
  warning?: string;
  recommended?: number | null;
};

const rows: Row[] = [
  // Windows secondary: W = I - 1 = 10 - 1 = 9; min(110, 9) = 9
  {
    name: 'BPG windows/networking: m5.large Windows secondary-IP',
    type: 'm5.large',
    os: 'WINDOWS',
    mode: 'SECONDARY_IP',
    ipLimitedPods: 9,
    maxPods: 9,
  },
  // Windows PD: W = (10 - 1) * 16 = 144; min(110 default kubelet, 144) = 110
  {
    name: 'BPG prefix-mode_windows: m5.large Windows PD',
    type: 'm5.large',
    os: 'WINDOWS',
    mode: 'PREFIX_DELEGATION',
    ipLimitedPods: 144,
    maxPods: 110,
    warning: 'KUBELET_MAX_PODS_BELOW_IP_LIMIT',
  },
  // kubelet raised: min(250, 144) = 144
  {
    name: 'BPG prefix-mode_windows: m5.large Windows PD with --max-pods=250',
    type: 'm5.large',
    os: 'WINDOWS',
    mode: 'PREFIX_DELEGATION',
    extra: { kubeletMaxPods: 250 },
    ipLimitedPods: 144,
    maxPods: 144,
  },
  // t3.xlarge I = 15: 15 - 1 = 14
  {
    name: 'BPG prefix-mode_windows: t3.xlarge Windows secondary-IP',
    type: 't3.xlarge',
    os: 'WINDOWS',
    mode: 'SECONDARY_IP',
    ipLimitedPods: 14,
    maxPods: 14,
  },
  // (15 - 1) * 16 = 224. The BPG prefix page prints "244": a typo, 14 * 16 is 224.
  {
    name: 'BPG prefix-mode_windows (its "244" is a typo): t3.xlarge Windows PD',
    type: 't3.xlarge',
    os: 'WINDOWS',
    mode: 'PREFIX_DELEGATION',
    extra: { kubeletMaxPods: 250 },
    ipLimitedPods: 224,
    maxPods: 224,
  },
  // t2.medium (xen), I = 6: 6 - 1 = 5
  { name: 't2.medium (xen) Windows secondary-IP', type: 't2.medium', os: 'WINDOWS', mode: 'SECONDARY_IP', ipLimitedPods: 5, maxPods: 5 },
  // PD requested on xen: VPCRC stays in secondary mode, W = 6 - 1 = 5
  {
    name: 'BPG prefix-mode_windows / VPCRC: t2.medium (xen) PD falls back to secondary-IP',
    type: 't2.medium',
    os: 'WINDOWS',
    mode: 'PREFIX_DELEGATION',
    ipLimitedPods: 5,
    maxPods: 5,
    effective: 'SECONDARY_IP',
    warning: 'WINDOWS_PREFIX_DELEGATION_FALLBACK',
  },
  // bare metal counts as Nitro: m5.metal I = 50: (50 - 1) * 16 = 784; min(110, 784) = 110
  {
    name: 'VPCRC pkg/aws/vpc/limits.go: m5.metal (bare metal) Windows PD is allowed',
    type: 'm5.metal',
    os: 'WINDOWS',
    mode: 'PREFIX_DELEGATION',
    ipLimitedPods: 784,
    maxPods: 110,
    effective: 'PREFIX_DELEGATION',
  },
  // arm64: W = 10 - 1 = 9 by the IP math, but no Windows AMI: maxPods 0
  {
    name: 'UG eks-optimized-windows-ami: m6g.large (arm64) cannot be a Windows node',
    type: 'm6g.large',
    os: 'WINDOWS',
    mode: 'SECONDARY_IP',
    ipLimitedPods: 9,
    maxPods: 0,
    warning: 'WINDOWS_UNSUPPORTED_ARCHITECTURE',
  },
  // Mac: x86_64_mac, W = 30 - 1 = 29 by IP math, maxPods 0
  {
    name: 'UG eks-optimized-windows-ami: mac1.metal (x86_64_mac) cannot be a Windows node',
    type: 'mac1.metal',
    os: 'WINDOWS',
    mode: 'SECONDARY_IP',
    ipLimitedPods: 29,
    maxPods: 0,
    warning: 'WINDOWS_UNSUPPORTED_ARCHITECTURE',
  },
  // c8ib.large is not in the public limits.go (2026-03-20) but in Karpenter's newer copy (2026-08-06), I = 20: W = 19
  {
    name: 'aws/karpenter-provider-aws zz_generated.vpclimits.go: c8ib.large only in the newer table gets W = 20 - 1 = 19, with a warning',
    type: 'c8ib.large',
    os: 'WINDOWS',
    mode: 'SECONDARY_IP',
    ipLimitedPods: 19,
    maxPods: 19,
    warning: 'WINDOWS_TYPE_NEWER_THAN_PUBLIC_VPCRC_LIMITS',
  },
  // hpc7a.12xlarge is in neither table: W = 0 with the controller's event text
  {
    name: 'VPCRC pkg/node/node.go: hpc7a.12xlarge (in neither table) gets W = 0',
    type: 'hpc7a.12xlarge',
    os: 'WINDOWS',
    mode: 'SECONDARY_IP',
    ipLimitedPods: 0,
    maxPods: 0,
    warning: 'WINDOWS_TYPE_NOT_IN_VPCRC_LIMITS',
  },
  // p5.48xlarge: W = (50 - 1) = 49 by the IP math (the old answer), but EC2 refuses Windows on it: maxPods 0
  {
    name: 'aws/karpenter-provider-aws#7985: p5.48xlarge is not offered with Windows by EC2',
    type: 'p5.48xlarge',
    os: 'WINDOWS',
    mode: 'SECONDARY_IP',
    ipLimitedPods: 49,
    maxPods: 0,
    warning: 'WINDOWS_NOT_OFFERED_BY_EC2',
  },
  // PD on Nitro: never falls back after InsufficientCidrBlocks
  {
    name: 'VPCRC pkg/pool/pool.go: Windows PD never falls back after InsufficientCidrBlocks',
    type: 'm5.large',
    os: 'WINDOWS',
    mode: 'PREFIX_DELEGATION',
    ipLimitedPods: 144,
    maxPods: 110,
    warning: 'WINDOWS_PREFIX_DELEGATION_NO_FALLBACK',
  },
  // kubelet max-pods 5 on m5.large: min(5, 9) = 5
  {
    name: 'BPG prefix-mode_windows: kubelet --max-pods=5 binds on m5.large Windows',
    type: 'm5.large',
    os: 'WINDOWS',
    mode: 'SECONDARY_IP',
    extra: { kubeletMaxPods: 5 },
    ipLimitedPods: 9,
    maxPods: 5,
  },
  // Windows ignores custom networking, SGP and maxEnis: still 9, with warnings
  {
    name: 'UG windows-support: custom networking is not supported for Windows (ignored)',
    type: 'm5.large',
    os: 'WINDOWS',
    mode: 'SECONDARY_IP',
    extra: { customNetworking: true },
    ipLimitedPods: 9,
    maxPods: 9,
    warning: 'WINDOWS_CUSTOM_NETWORKING_UNSUPPORTED',
  },
  {
    name: 'UG security-groups-for-pods: SGP is impossible for Windows pods',
    type: 'm5.large',
    os: 'WINDOWS',
    mode: 'SECONDARY_IP',
    extra: { securityGroupsForPods: true },
    ipLimitedPods: 9,
    maxPods: 9,
    warning: 'WINDOWS_SECURITY_GROUPS_FOR_PODS_UNSUPPORTED',
  },

  // Linux secondary: 3 * (10 - 1) + 2 = 29; recommended min(29, 110) = 29
  {
    name: 'VPCCNI misc/eni-max-pods.txt: m5.large Linux secondary-IP',
    type: 'm5.large',
    os: 'LINUX',
    mode: 'SECONDARY_IP',
    ipLimitedPods: 29,
    maxPods: 29,
    recommended: 29,
  },
  // Linux PD: 3 * (10 - 1) * 16 + 2 = 434; 2 vCPUs -> cap 110
  {
    name: 'VPCCNI max-pods-calculator: m5.large Linux PD capped at 110',
    type: 'm5.large',
    os: 'LINUX',
    mode: 'PREFIX_DELEGATION',
    ipLimitedPods: 434,
    maxPods: 110,
    recommended: 110,
  },
  // cap off: maxPods = ipLimitedPods = 434
  {
    name: 'VPCCNI max-pods-calculator: m5.large Linux PD without the recommended cap',
    type: 'm5.large',
    os: 'LINUX',
    mode: 'PREFIX_DELEGATION',
    extra: { applyRecommendedCap: false },
    ipLimitedPods: 434,
    maxPods: 434,
    recommended: 110,
  },
  // exactly 30 vCPUs (m5.8xlarge with vCPUs set to 30): 8 * 29 * 16 + 2 = 3714; 30 is not > 30 -> 110
  {
    name: 'VPCCNI max-pods-calculator: exactly 30 vCPUs gets 110',
    type: 'm5.8xlarge',
    vcpus: 30,
    os: 'LINUX',
    mode: 'PREFIX_DELEGATION',
    ipLimitedPods: 3714,
    maxPods: 110,
    recommended: 110,
  },
  // 31 vCPUs -> 250
  {
    name: 'VPCCNI max-pods-calculator: 31 vCPUs gets 250',
    type: 'm5.8xlarge',
    vcpus: 31,
    os: 'LINUX',
    mode: 'PREFIX_DELEGATION',
    ipLimitedPods: 3714,
    maxPods: 250,
    recommended: 250,
  },
  // CNI 1.8: PD needs >= 1.9.0, stays secondary: 3 * 9 + 2 = 29
  {
    name: 'VPCCNI README: PD needs VPC CNI >= 1.9.0 (1.8.0 stays secondary)',
    type: 'm5.large',
    os: 'LINUX',
    mode: 'PREFIX_DELEGATION',
    extra: { vpcCniVersion: '1.8.0' },
    ipLimitedPods: 29,
    maxPods: 29,
    effective: 'SECONDARY_IP',
    warning: 'LINUX_PREFIX_DELEGATION_NEEDS_CNI_1_9',
  },
  // 1.9.0 exactly is enough: 434 capped 110
  {
    name: 'VPCCNI README: PD with VPC CNI v1.9.0-eksbuild.1',
    type: 'm5.large',
    os: 'LINUX',
    mode: 'PREFIX_DELEGATION',
    extra: { vpcCniVersion: 'v1.9.0-eksbuild.1' },
    ipLimitedPods: 434,
    maxPods: 110,
    effective: 'PREFIX_DELEGATION',
  },
  // c5.metal (bare metal: EC2 reports no hypervisor) with VPC CNI 1.10.2: ipamd took the empty hypervisor as not Nitro
  // until PR #1937 (CHANGELOG v1.10.3), so it stays secondary: 15 * (50 - 1) + 2 = 737, capped 250 (96 vCPUs).
  {
    name: 'VPCCNI CHANGELOG v1.10.3 (#1937): bare metal PD needs 1.10.3 (c5.metal on 1.10.2 stays secondary)',
    type: 'c5.metal',
    os: 'LINUX',
    mode: 'PREFIX_DELEGATION',
    extra: { vpcCniVersion: 'v1.10.2-eksbuild.1' },
    ipLimitedPods: 737,
    maxPods: 250,
    effective: 'SECONDARY_IP',
    warning: 'LINUX_PREFIX_DELEGATION_BARE_METAL_NEEDS_CNI_1_10_3',
  },
  // 1.10.3 is enough on bare metal: 15 * (50 - 1) * 16 + 2 = 11762, capped 250.
  {
    name: 'VPCCNI CHANGELOG v1.10.3 (#1937): m7i.metal-24xl PD with 1.10.3',
    type: 'm7i.metal-24xl',
    os: 'LINUX',
    mode: 'PREFIX_DELEGATION',
    extra: { vpcCniVersion: '1.10.3' },
    ipLimitedPods: 11762,
    maxPods: 250,
    effective: 'PREFIX_DELEGATION',
  },
  // A Nitro VM type is not held to it: m5.large on 1.10.2 gets PD, 3 * 9 * 16 + 2 = 434, capped 110.
  {
    name: 'VPCCNI CHANGELOG v1.10.3 (#1937): the bare-metal gate leaves Nitro VMs alone (m5.large on 1.10.2)',
    type: 'm5.large',
    os: 'LINUX',
    mode: 'PREFIX_DELEGATION',
    extra: { vpcCniVersion: '1.10.2' },
    ipLimitedPods: 434,
    maxPods: 110,
    effective: 'PREFIX_DELEGATION',
  },
  // t2.medium Linux PD (xen): falls back; 3 * (6 - 1) + 2 = 17
  {
    name: 'VPCCNI README: Linux PD needs Nitro (t2.medium xen falls back)',
    type: 't2.medium',
    os: 'LINUX',
    mode: 'PREFIX_DELEGATION',
    ipLimitedPods: 17,
    maxPods: 17,
    effective: 'SECONDARY_IP',
    warning: 'LINUX_PREFIX_DELEGATION_NEEDS_NITRO',
  },
  // custom networking: (3 - 1) * 9 + 2 = 20
  {
    name: 'UG cni-custom-network: custom networking uses E - 1',
    type: 'm5.large',
    os: 'LINUX',
    mode: 'SECONDARY_IP',
    extra: { customNetworking: true },
    ipLimitedPods: 20,
    maxPods: 20,
    warning: 'LINUX_CUSTOM_NETWORKING_ENI',
  },
  // SGP: m5.large trunking compatible, (3 - 1) * 9 + 2 = 20, 9 branch ENIs
  {
    name: 'UG security-groups-for-pods: the trunk ENI takes one ENI',
    type: 'm5.large',
    os: 'LINUX',
    mode: 'SECONDARY_IP',
    extra: { securityGroupsForPods: true },
    ipLimitedPods: 20,
    maxPods: 20,
    warning: 'LINUX_SECURITY_GROUPS_FOR_PODS_TRUNK_ENI',
  },
  // SGP + custom networking: (3 - 2) * 9 + 2 = 11
  {
    name: 'UG security-groups-for-pods + cni-custom-network: E - 2',
    type: 'm5.large',
    os: 'LINUX',
    mode: 'SECONDARY_IP',
    extra: { securityGroupsForPods: true, customNetworking: true },
    ipLimitedPods: 11,
    maxPods: 11,
  },
  // t3.xlarge is not trunking compatible (limits.go): no trunk, 4 * 14 + 2 = 58
  {
    name: 'VPCRC pkg/aws/vpc/limits.go: t3.xlarge is not trunking compatible',
    type: 't3.xlarge',
    os: 'LINUX',
    mode: 'SECONDARY_IP',
    extra: { securityGroupsForPods: true },
    ipLimitedPods: 58,
    maxPods: 58,
    warning: 'LINUX_SECURITY_GROUPS_FOR_PODS_NOT_TRUNKING_COMPATIBLE',
  },
  // maxEnis 2: min(3, 2) = 2; 2 * 9 + 2 = 20
  {
    name: 'VPCCNI max-pods-calculator --cni-max-eni: maxEnis caps E',
    type: 'm5.large',
    os: 'LINUX',
    mode: 'SECONDARY_IP',
    extra: { maxEnis: 2 },
    ipLimitedPods: 20,
    maxPods: 20,
    warning: 'MAX_ENIS_CAP',
  },
  // maxEnis above E changes nothing: 29
  {
    name: 'VPCCNI max-pods-calculator --cni-max-eni: maxEnis above E is no cap',
    type: 'm5.large',
    os: 'LINUX',
    mode: 'SECONDARY_IP',
    extra: { maxEnis: 8 },
    ipLimitedPods: 29,
    maxPods: 29,
  },
  // maxEnis 2 + custom networking: (2 - 1) * 9 + 2 = 11
  {
    name: 'VPCCNI max-pods-calculator: maxEnis then custom networking',
    type: 'm5.large',
    os: 'LINUX',
    mode: 'SECONDARY_IP',
    extra: { maxEnis: 2, customNetworking: true },
    ipLimitedPods: 11,
    maxPods: 11,
  },
  // Linux explicit kubelet: min(434, 200) = 200 (above the recommended 110: warned)
  {
    name: 'VPCCNI max-pods-calculator: explicit kubelet max-pods wins over the recommendation',
    type: 'm5.large',
    os: 'LINUX',
    mode: 'PREFIX_DELEGATION',
    extra: { kubeletMaxPods: 200 },
    ipLimitedPods: 434,
    maxPods: 200,
    warning: 'KUBELET_MAX_PODS_ABOVE_RECOMMENDED',
  },
  // p5.48xlarge? not needed; m5.24xlarge Linux secondary 15 * 49 + 2 = 737, 96 vCPUs -> 250
  {
    name: 'VPCCNI misc/eni-max-pods.txt: m5.24xlarge 737, recommended 250',
    type: 'm5.24xlarge',
    os: 'LINUX',
    mode: 'SECONDARY_IP',
    ipLimitedPods: 737,
    maxPods: 250,
    recommended: 250,
  },
];

describe('computeNodeCapacity', () => {
  it.each(rows)('$name', (row) => {
    const base = facts(row.type);
    const instanceType = row.vcpus === undefined ? base : { ...base, vcpus: row.vcpus };
    const r = computeNodeCapacity({ instanceType, os: row.os, ipMode: row.mode, ...row.extra });
    expect(r.ipLimitedPods).toBe(row.ipLimitedPods);
    expect(r.maxPods).toBe(row.maxPods);
    expect(r.effectiveIpMode).toBe(row.effective ?? row.mode);
    if (row.warning) expect(r.warnings.map((w) => w.code)).toContain(row.warning);
    if (row.recommended !== undefined) expect(r.recommendedMaxPods).toBe(row.recommended);
    for (const w of r.warnings) {
      expect(w.source).toBeTruthy();
      expect(w.message).toBeTruthy();
    }
    expect(r.formula.at(-1)).toMatch(/maxPods = /);
  });

  it('explains the numbers: m5.large Windows PD formula with values put in (BPG prefix-mode_windows)', () => {
    const r = computeNodeCapacity({ instanceType: facts('m5.large'), os: 'WINDOWS', ipMode: 'PREFIX_DELEGATION' });
    expect(r.formula).toEqual([
      'W = (I - 1) * 16 = (10 - 1) * 16 = 144 (I from VPCRC_PUBLIC)',
      'maxPods = min(kubelet max-pods, W) = min(110, 144) = 110',
    ]);
    expect(r.limitsTable).toBe('VPCRC_PUBLIC');
    expect(r.inputs).toContainEqual(expect.objectContaining({ name: 'kubelet max-pods', value: 110 }));
    expect(r.limitedBy).toBe('KUBELET_MAX_PODS');
  });

  it('explains the numbers: m5.large Linux secondary-IP (VPCCNI misc/eni-max-pods.txt)', () => {
    const r = computeNodeCapacity({ instanceType: facts('m5.large'), os: 'LINUX', ipMode: 'SECONDARY_IP' });
    expect(r.formula).toContain('ipLimitedPods = E * (I - 1) + 2 = 3 * (10 - 1) + 2 = 29');
    expect(r.inputs).toContainEqual(expect.objectContaining({ name: 'E (ENIs on the default network card)', value: 3 }));
  });

  it('SGP on Linux reports branch ENIs from VPCRC limits (m5.large: 9)', () => {
    const r = computeNodeCapacity({ instanceType: facts('m5.large'), os: 'LINUX', ipMode: 'SECONDARY_IP', securityGroupsForPods: true });
    expect(r.branchInterfaces).toBe(9);
  });

  it.each([
    ['kubeletMaxPods', { kubeletMaxPods: 0 }],
    ['kubeletMaxPods', { kubeletMaxPods: 1.5 }],
    ['maxEnis', { maxEnis: -1 }],
    ['vpcCniVersion', { vpcCniVersion: 'latest' }],
    ['os', { os: 'MACOS' as NodeOs }],
  ])('rejects bad %s with a validation error', (field, extra) => {
    let caught: unknown;
    try {
      computeNodeCapacity({ instanceType: facts('m5.large'), os: 'LINUX', ipMode: 'SECONDARY_IP', ...extra });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).details).toMatchObject({ field });
  });
});

describe('compareModes', () => {
  it('gives both OSes in both modes (m5.large: Windows 9/144, Linux 29/434)', () => {
    const r = compareModes({ instanceType: facts('m5.large') });
    expect(r.results.map((x) => [x.os, x.requestedIpMode, x.ipLimitedPods])).toEqual([
      ['WINDOWS', 'SECONDARY_IP', 9],
      ['WINDOWS', 'PREFIX_DELEGATION', 144],
      ['LINUX', 'SECONDARY_IP', 29],
      ['LINUX', 'PREFIX_DELEGATION', 434],
    ]);
  });
});

describe('Linux kube-reserved memory on the ENI-limited max pods (awslabs/amazon-eks-ami bootstrap.sh, nodeadm config.go; aws/karpenter-provider-aws UsesENILimitedMemoryOverhead)', () => {
  it.each([
    // m5.large: E * (I - 1) + 2 = 3 * 9 + 2 = 29 -> 7577 - 574 - 100 = 6903 whatever schedules:
    // custom networking and maxEnis 2 leave (2 - 1) * 9 + 2 = 11 pods in secondary-IP mode (was 7577 - 376 - 100 = 7101) ...
    ['SECONDARY_IP', 11],
    // ... and kubelet max-pods 50 binds under PD (was 7577 - 805 - 100 = 6672)
    ['PREFIX_DELEGATION', 50],
  ] as const)('m5.large, kubelet 50, custom networking, maxEnis 2, %s: 6903 MiB with %i pods', (ipMode, pods) => {
    const r = computeNodeCapacity({
      instanceType: facts('m5.large'),
      os: 'LINUX',
      ipMode,
      kubeletMaxPods: 50,
      customNetworking: true,
      maxEnis: 2,
    });
    expect(r.maxPods).toBe(pods);
    expect(r.allocatable).toMatchObject({ cpuMillicores: 1930, memoryMiB: 6903, pods });
    expect(r.allocatable.formula).toContain(
      `maxPods in kube-reserved = the ENI-limited E * (I - 1) + 2 = 3 * (10 - 1) + 2 = 29 (eni-max-pods.txt), not the ${pods} that schedule: ` +
        'the EKS AMI and Karpenter (AL2, AL2023) reserve so',
    );
    expect(r.allocatable.formula.at(-1)).toBe(`pods = maxPods = ${pods}`);
    expect(r.allocatable.sources.join('; ')).toContain('awslabs/amazon-eks-ami');
  });

  it("c6a.48xlarge: Karpenter's published 355262Mi (737 ENI-limited pods reserved) though the 250 cap is what schedules", () => {
    // 393216 - ceil(393216 * 7.5%) = 363724; - (11 * 737 + 255 = 8362) - 100 = 355262 (website reference/instance-types.md)
    const r = computeNodeCapacity({ instanceType: facts('c6a.48xlarge'), os: 'LINUX', ipMode: 'SECONDARY_IP' });
    expect(r.maxPods).toBe(250);
    expect(r.allocatable).toMatchObject({ memoryMiB: 355262, pods: 250 });
  });

  it('leaves the default answer as it was when the two agree (m5.large: 29 and 29)', () => {
    const r = computeNodeCapacity({ instanceType: facts('m5.large'), os: 'LINUX', ipMode: 'SECONDARY_IP' });
    expect(r.allocatable).toEqual(computeAllocatable(facts('m5.large'), 'LINUX', 29));
  });
});

describe('a node its reservations leave empty', () => {
  it('Windows t3.nano under PD: 16 pods by IPs, but 0 MiB allocatable, and the answer says so', () => {
    // W = (2 - 1) * 16 = 16; memory 512 - ceil(512 * 0.075) = 473 < 512 + 1536 + 200 (BPG windows/oom.adoc) -> 0 MiB.
    const c = computeNodeCapacity({ instanceType: facts('t3.nano'), os: 'WINDOWS', ipMode: 'PREFIX_DELEGATION' });
    expect(c).toMatchObject({ maxPods: 16, allocatable: { memoryMiB: 0 } });
    const w = c.warnings.find((x) => x.code === 'NO_ALLOCATABLE_RESOURCES');
    expect(w?.message).toContain("take all of a WINDOWS t3.nano node's memory: 16 pods by IPs and kubelet, but none fits");
    expect(w?.source).toContain('oom.adoc');
  });

  it('m5.large has room: no such warning', () => {
    const c = computeNodeCapacity({ instanceType: facts('m5.large'), os: 'WINDOWS', ipMode: 'PREFIX_DELEGATION' });
    expect(c.warnings.map((x) => x.code)).not.toContain('NO_ALLOCATABLE_RESOURCES');
  });

  it.each([
    // 512 - ceil(512 * 7.5%) = 473 MiB; Windows reserves 512 + 1536 + 200 = 2248 MiB
    ['t3.nano', 'PREFIX_DELEGATION', 'No pod fits: the Windows reservations (2248 MiB) take all 473 MiB of memory a t3.nano node has.'],
    // 2048 - ceil(2048 * 7.5%) = 1894 MiB < 2248
    ['c7a.medium', 'SECONDARY_IP', 'No pod fits: the Windows reservations (2248 MiB) take all 1894 MiB of memory a c7a.medium node has.'],
  ] as const)('says so in one sentence for a list (%s %s), with the warning code and source', (type, ipMode, message) => {
    const c = computeNodeCapacity({ instanceType: facts(type), os: 'WINDOWS', ipMode });
    const warning = c.warnings.find((x) => x.code === 'NO_ALLOCATABLE_RESOURCES');
    expect(noAllocatableSummary(facts(type), c)).toEqual({ code: 'NO_ALLOCATABLE_RESOURCES', message, source: warning?.source });
    expect(warning?.source).toBe(
      'aws/karpenter-provider-aws pkg/providers/instancetype/types.go; aws/aws-eks-best-practices latest/bpg/windows/oom.adoc',
    );
  });

  it('no summary when the node has room (m5.large Windows, t3.nano Linux: 473 - (11 * 4 + 255) - 100 = 74 MiB)', () => {
    const m5 = computeNodeCapacity({ instanceType: facts('m5.large'), os: 'WINDOWS', ipMode: 'SECONDARY_IP' });
    expect(noAllocatableSummary(facts('m5.large'), m5)).toBeNull();
    const linux = computeNodeCapacity({ instanceType: facts('t3.nano'), os: 'LINUX', ipMode: 'SECONDARY_IP' });
    expect(linux.allocatable.memoryMiB).toBe(74);
    expect(noAllocatableSummary(facts('t3.nano'), linux)).toBeNull();
  });
});
