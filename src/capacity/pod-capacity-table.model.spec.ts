import { describe, expect, it } from 'vitest';
import { facts } from './core/capacity.test-fixtures.js';
import { computeNodeCapacity, IP_MODES } from './core/index.js';
import { toPodCapacityRow } from './pod-capacity-table.model.js';

describe('a pods-table row', () => {
  it.each(IP_MODES)('Windows t3.nano (%s) keeps the pods its node advertises, and its reason says no pod fits', (ipMode) => {
    // secondary IP: W = 2 - 1 = 1; PD: (2 - 1) * 16 = 16. Memory: 473 MiB < 2248 MiB reserved, so 0 MiB for pods.
    const c = computeNodeCapacity({ instanceType: facts('t3.nano'), os: 'WINDOWS', ipMode });
    const row = toPodCapacityRow(facts('t3.nano'), c);
    expect(row).toMatchObject({ maxPods: ipMode === 'SECONDARY_IP' ? 1 : 16, limitedBy: 'IP_ADDRESSES' });
    expect(row.maxPods).toBe(c.maxPods);
    expect(row.reason).toEqual({
      code: 'NO_ALLOCATABLE_RESOURCES',
      message: 'No pod fits: the Windows reservations (2248 MiB) take all 473 MiB of memory a t3.nano node has.',
      source: 'aws/karpenter-provider-aws pkg/providers/instancetype/types.go; aws/aws-eks-best-practices latest/bpg/windows/oom.adoc',
    });
  });

  it('an unsupported type keeps nodeCapacity warning as its reason (m6g.large: arm64)', () => {
    const c = computeNodeCapacity({ instanceType: facts('m6g.large'), os: 'WINDOWS', ipMode: 'SECONDARY_IP' });
    const row = toPodCapacityRow(facts('m6g.large'), c);
    expect(row).toMatchObject({ maxPods: 0, limitedBy: 'UNSUPPORTED', reason: { code: 'WINDOWS_UNSUPPORTED_ARCHITECTURE' } });
    expect(c.warnings).toContainEqual(row.reason);
  });

  it.each([
    ['m5.large', 'WINDOWS'],
    ['t3.nano', 'LINUX'],
  ] as const)('%s %s has room for pods: no reason', (type, os) => {
    const row = toPodCapacityRow(facts(type), computeNodeCapacity({ instanceType: facts(type), os, ipMode: 'SECONDARY_IP' }));
    expect(row.reason).toBeNull();
  });
});
