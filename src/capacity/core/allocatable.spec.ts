import { describe, expect, it } from 'vitest';
import { facts } from './capacity.test-fixtures.js';
import { computeAllocatable } from './allocatable.js';
import { computeNodeCapacity } from './node-capacity.js';

describe('allocatable (aws/karpenter-provider-aws pkg/providers/instancetype/types.go; aws/aws-eks-best-practices latest/bpg/windows/oom.adoc)', () => {
  it.each([
    // Karpenter's published m5.large (website reference/instance-types.md): cpu 1930m, memory 6903Mi, pods 29.
    // cpu 2000 - (60 + 10) = 1930; memory 8192 - ceil(8192 * 0.075 = 614.4) = 7577, - (11 * 29 + 255 = 574) - 100 = 6903
    ['m5.large', 'LINUX', 'SECONDARY_IP', { cpuMillicores: 1930, memoryMiB: 6903, pods: 29 }],
    // Windows, BPG: 7577 - 512 - 1536 - 200 = 5329; pods W = 9
    ['m5.large', 'WINDOWS', 'SECONDARY_IP', { cpuMillicores: 1930, memoryMiB: 5329, pods: 9 }],
    // m5.xlarge Linux: 4 vCPUs: 4000 - (60 + 10 + 10) = 3920; 16384 - ceil(1228.8) = 15155, 58 pods: - (638 + 255) - 100 = 14162
    ['m5.xlarge', 'LINUX', 'SECONDARY_IP', { cpuMillicores: 3920, memoryMiB: 14162, pods: 58 }],
    // m5.xlarge Windows PD: 15155 - 2248 = 12907; pods min(110, 14 * 16 = 224) = 110
    ['m5.xlarge', 'WINDOWS', 'PREFIX_DELEGATION', { cpuMillicores: 3920, memoryMiB: 12907, pods: 110 }],
    // Graviton (arm64): types.go memory() first takes the 64 MiB of CMA reserved memory. Karpenter's published a1.large:
    // 4096 - 64 = 4032, - ceil(4032 * 0.075 = 302.4) = 3729, 29 pods: - 574 - 100 = 3055 (cpu 1930m)
    ['a1.large', 'LINUX', 'SECONDARY_IP', { cpuMillicores: 1930, memoryMiB: 3055, pods: 29 }],
    // a1.xlarge: 8192 - 64 = 8128, - ceil(609.6) = 7518, 58 pods: - (638 + 255) - 100 = 6525, as Karpenter publishes
    ['a1.xlarge', 'LINUX', 'SECONDARY_IP', { cpuMillicores: 3920, memoryMiB: 6525, pods: 58 }],
  ] as const)('%s %s %s', (type, os, ipMode, expected) => {
    const r = computeNodeCapacity({ instanceType: facts(type), os, ipMode });
    expect(r.allocatable).toMatchObject(expected);
    expect(r.allocatable.formula.length).toBeGreaterThanOrEqual(3);
    expect(r.allocatable.sources).toContain('aws/karpenter-provider-aws pkg/providers/instancetype/types.go');
    if (os === 'WINDOWS') expect(r.allocatable.sources).toContain('aws/aws-eks-best-practices latest/bpg/windows/oom.adoc');
  });

  it('shows its arithmetic with the values put in', () => {
    const a = computeAllocatable(facts('m5.large'), 'LINUX', 29);
    expect(a.formula).toEqual([
      'cpu = vCPUs * 1000 - kube-reserved cpu = 2 * 1000 - 70 = 1930m (6% of the first core, 1% of the second, 0.5% of the next two, 0.25% of the rest)',
      'memory capacity = SizeInMiB - ceil(SizeInMiB * 7.5%) = 8192 - 615 = 7577 MiB (VM overhead)',
      'memory = capacity - (11 * maxPods + 255) - eviction 100 = 7577 - (11 * 29 + 255) - 100 = 7577 - 574 - 100 = 6903 MiB',
      'pods = maxPods = 29',
    ]);
  });

  it('shows the Graviton CMA deduction before the VM overhead (types.go memory())', () => {
    const a = computeAllocatable(facts('a1.large'), 'LINUX', 29);
    expect(a.formula[1]).toBe(
      'memory capacity = (SizeInMiB - 64 Graviton CMA) - ceil((SizeInMiB - 64) * 7.5%) = (4096 - 64) - 303 = 3729 MiB (VM overhead)',
    );
    expect(a.memoryMiB).toBe(3055);
  });
});

describe('Windows IP cool-down (aws/amazon-vpc-resource-controller-k8s pkg/config/type.go CoolDownPeriod 30 s)', () => {
  it.each([
    // m5.large secondary: W = 9, churn 3 -> 9 - 3 = 6
    ['m5.large', 'SECONDARY_IP', 3, 6],
    // churn 0: min(110, 9 - 0) = 9, no warning
    ['m5.large', 'SECONDARY_IP', 0, 9],
    // churn above W: 0
    ['m5.large', 'SECONDARY_IP', 12, 0],
    // PD: W = 144, churn 3: min(110, 141) = 110
    ['m5.large', 'PREFIX_DELEGATION', 3, 110],
    // arm64 cannot be a Windows node at all: 0
    ['m6g.large', 'SECONDARY_IP', 3, 0],
  ] as const)('%s %s, %i pods replaced per 30 s: %i pods while IPs cool down', (type, ipMode, churn, pods) => {
    const r = computeNodeCapacity({ instanceType: facts(type), os: 'WINDOWS', ipMode, podChurnPer30s: churn });
    expect(r.podsDuringCooldown).toBe(pods);
    const warned = r.warnings.some((w) => w.code === 'WINDOWS_IP_COOLDOWN');
    expect(warned).toBe(churn > 0 && type !== 'm6g.large');
    expect(r.formula.at(-1)).toMatch(/^podsDuringCooldown = min\(kubelet max-pods, W - podChurnPer30s\)/);
  });

  it('m5.large: the formula and the warning say 9 - 3 = 6', () => {
    const r = computeNodeCapacity({ instanceType: facts('m5.large'), os: 'WINDOWS', ipMode: 'SECONDARY_IP', podChurnPer30s: 3 });
    expect(r.formula.at(-1)).toBe('podsDuringCooldown = min(kubelet max-pods, W - podChurnPer30s) = min(110, 9 - 3) = 6');
    const w = r.warnings.find((x) => x.code === 'WINDOWS_IP_COOLDOWN');
    expect(w?.message).toContain('cannot assign resource now, resources are being cooled down');
    expect(w?.source).toContain('pkg/config/type.go');
  });

  it('Linux answers leave it null', () => {
    expect(
      computeNodeCapacity({ instanceType: facts('m5.large'), os: 'LINUX', ipMode: 'SECONDARY_IP', podChurnPer30s: 3 }).podsDuringCooldown,
    ).toBeNull();
  });

  it('refuses a negative churn', () => {
    expect(() =>
      computeNodeCapacity({ instanceType: facts('m5.large'), os: 'WINDOWS', ipMode: 'SECONDARY_IP', podChurnPer30s: -1 }),
    ).toThrow(/podChurnPer30s/);
  });
});
