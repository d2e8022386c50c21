import { Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IpModeEnum, MaxPodsLimitEnum, WindowsServerVersionEnum } from '../capacity/capacity-enums.js';
import { CapacityInputValue, CapacityWarning } from '../capacity/capacity.models.js';
import { EnumField } from '../common/graphql-enum.js';
import type * as core from './core/index.js';
import { KarpenterPlanConstraintEnum } from './karpenter-enums.js';

/**
 * The Karpenter core's plan as GraphQL types and OpenAPI schemas. A REST body is toKarpenterWindowsPlanModel(...)
 * as JSON, so it equals a GraphQL answer selecting every field.
 */

@ObjectType({ description: 'A warning, the upstream source it rests on, and what to do about it.' })
export class KarpenterPlanWarning {
  /**
   * Stable code, e.g. KARPENTER_PREFIX_DELEGATION_NOT_MODELLED.
   * @example KARPENTER_PREFIX_DELEGATION_NOT_MODELLED
   */
  code: string;

  message: string;

  /** Repository and path or issue the rule comes from. */
  source: string;

  /** What to change. */
  fix: string;
}

@ObjectType({ description: "What Karpenter's scheduler believes one node of the type holds (types.go)." })
export class KarpenterView {
  /**
   * Capacity pods: spec.kubelet.maxPods, else 110.
   * @example 110
   */
  pods: number;

  /**
   * Capacity vpc.amazonaws.com/PrivateIPv4Address: I - 1 from Karpenter's limits table whatever the IP mode (0 when absent).
   * @example 9
   */
  privateIPv4Address: number;

  /**
   * I in Karpenter's limits table; null when the type is not in it.
   * @example 10
   */
  ipv4PerInterface: number | null;

  /**
   * @example 1930
   */
  allocatableCpuMillicores: number;

  /**
   * As Karpenter computes it, not clamped: negative when its kube-reserved and eviction exceed the memory.
   * @example 6012
   */
  allocatableMemoryMiB: number;

  /**
   * Workload pods Karpenter packs on one node.
   * @example 9
   */
  podsPerNode: number;

  @EnumField(KarpenterPlanConstraintEnum)
  bindingConstraint: core.KarpenterPlanConstraint;

  /** False when Karpenter never launches the type for Windows pods (not in its table, not amd64, or a negative allocatable memory). */
  launchable: boolean;
}

@ObjectType({ description: "What one node of the type really runs: the capacity engine's maxPods and allocatable." })
export class RealWindowsCapacity {
  /**
   * The capacity engine's maxPods: min(kubelet max-pods, W).
   * @example 110
   */
  maxPods: number;

  /**
   * W: Windows pod IPs the VPC Resource Controller gives.
   * @example 144
   */
  ipLimitedPods: number;

  @EnumField(IpModeEnum)
  effectiveIpMode: core.RealCapacityView['effectiveIpMode'];

  @EnumField(MaxPodsLimitEnum)
  limitedBy: core.RealCapacityView['limitedBy'];

  allocatableCpuMillicores: number;

  /**
   * The capacity engine's allocatable memory (on Windows the BPG reservations), 0 at least.
   * @example 5329
   */
  allocatableMemoryMiB: number;

  /** Workload pods one node really holds: none when its allocatable memory is 0 or below one pod's request. */
  podsPerNode: number;

  @EnumField(KarpenterPlanConstraintEnum)
  bindingConstraint: core.KarpenterPlanConstraint;

  /** The capacity engine's formula. */
  formula: string[];

  /** The capacity engine's warnings. */
  warnings: CapacityWarning[];
}

@ObjectType({ description: "One instance type: Karpenter's plan next to what the nodes really run." })
export class KarpenterWindowsTypePlan {
  /**
   * @example m5.large
   */
  instanceType: string;

  vcpus: number;

  memoryMiB: number;

  karpenterView: KarpenterView;

  realCapacity: RealWindowsCapacity;

  /**
   * Nodes Karpenter provisions for the workload on this type; null when it never launches it.
   * @example 12
   */
  nodesKarpenterWouldLaunch: number | null;

  /**
   * Nodes the workload really needs on this type; null when the type cannot run Windows pods.
   * @example 1
   */
  nodesNeeded: number | null;

  /**
   * nodesKarpenterWouldLaunch - nodesNeeded.
   * @example 11
   */
  extraNodes: number | null;

  @EnumField(KarpenterPlanConstraintEnum, { description: 'The real binding constraint.' })
  bindingConstraint: core.KarpenterPlanConstraint;

  /** The arithmetic with values put in, Karpenter first, then the real node ("real: ..."). */
  formula: string[];

  warnings: KarpenterPlanWarning[];
}

@ObjectType({ description: 'A workload of Windows pods.' })
export class KarpenterWindowsPods {
  count: number;

  cpuMillicores: number;

  memoryMiB: number;
}

@ObjectType({ description: 'The input as the plan used it (defaults applied, CIDRs canonical).' })
export class KarpenterWindowsPlanInputEcho {
  clusterName: string;

  kubernetesVersion: string;

  @EnumField(WindowsServerVersionEnum)
  windowsServerVersion: core.KarpenterWindowsPlan['input']['windowsServerVersion'];

  @EnumField(IpModeEnum)
  ipMode: core.KarpenterWindowsPlan['input']['ipMode'];

  instanceTypes: string[];

  instanceFamilies: string[];

  windowsPods: KarpenterWindowsPods;

  servicesPerNode: number;

  serviceIpv4Cidr: string | null;

  excludedSnatCidrs: string[];

  kubeletMaxPods: number | null;
}

@ObjectType({ description: "Where Karpenter's limits table came from." })
export class KarpenterLimitsSource {
  /**
   * @example aws/karpenter-provider-aws
   */
  repository: string;

  path: string;

  commit: string;

  /**
   * @example 2026-08-06
   */
  generated: string;
}

@ObjectType({ description: 'What Karpenter plans for a Windows workload, type by type, next to what the nodes really run.' })
export class KarpenterWindowsPlan {
  input: KarpenterWindowsPlanInputEcho;

  @Field({ description: 'EC2NodeClass amiSelectorTerms alias (Windows supports only @latest).' })
  @ApiProperty({ example: 'windows2022@latest' })
  amiAlias: string;

  /**
   * The OS build container images must match (node.kubernetes.io/windows-build).
   * @example 10.0.20348
   */
  osBuild: string;

  instanceTypes: KarpenterWindowsTypePlan[];

  /** Warnings about the NodePool as a whole (DSR, Service CIDR, SNAT). */
  warnings: KarpenterPlanWarning[];

  inputs: CapacityInputValue[];

  karpenterLimitsSource: KarpenterLimitsSource;
}

export function toKarpenterWindowsPlanModel(plan: core.KarpenterWindowsPlan): KarpenterWindowsPlan {
  return {
    ...plan,
    input: { ...plan.input, windowsPods: { ...plan.input.windowsPods } },
    instanceTypes: plan.instanceTypes.map((t) => ({
      ...t,
      karpenterView: { ...t.karpenterView },
      realCapacity: { ...t.realCapacity, warnings: t.realCapacity.warnings.map((w) => ({ ...w })) },
      warnings: t.warnings.map((w) => ({ ...w })),
    })),
    warnings: plan.warnings.map((w) => ({ ...w })),
    inputs: plan.inputs.map((i) => ({ name: i.name, value: i.value, note: i.note ?? null })),
  };
}
