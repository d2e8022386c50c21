import { Field, Int, ObjectType } from '@nestjs/graphql';
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
  @Field({ description: 'Stable code, e.g. KARPENTER_PREFIX_DELEGATION_NOT_MODELLED.' })
  @ApiProperty({ example: 'KARPENTER_PREFIX_DELEGATION_NOT_MODELLED' })
  code: string;

  @Field()
  @ApiProperty()
  message: string;

  @Field({ description: 'Repository and path or issue the rule comes from.' })
  @ApiProperty()
  source: string;

  @Field({ description: 'What to change.' })
  @ApiProperty()
  fix: string;
}

@ObjectType({ description: "What Karpenter's scheduler believes one node of the type holds (types.go)." })
export class KarpenterView {
  @Field(() => Int, { description: 'Capacity pods: spec.kubelet.maxPods, else 110.' })
  @ApiProperty({ example: 110 })
  pods: number;

  @Field(() => Int, {
    description: "Capacity vpc.amazonaws.com/PrivateIPv4Address: I - 1 from Karpenter's limits table whatever the IP mode (0 when absent).",
  })
  @ApiProperty({ example: 9 })
  privateIPv4Address: number;

  @Field(() => Int, { nullable: true, description: "I in Karpenter's limits table; null when the type is not in it." })
  @ApiProperty({ type: Number, nullable: true, example: 10 })
  ipv4PerInterface: number | null;

  @Field(() => Int)
  @ApiProperty({ example: 1930 })
  allocatableCpuMillicores: number;

  @Field(() => Int)
  @ApiProperty({ example: 6012 })
  allocatableMemoryMiB: number;

  @Field(() => Int, { description: 'Workload pods Karpenter packs on one node.' })
  @ApiProperty({ example: 9 })
  podsPerNode: number;

  @EnumField(KarpenterPlanConstraintEnum)
  bindingConstraint: core.KarpenterPlanConstraint;

  @Field({ description: 'False when Karpenter never launches the type for Windows pods.' })
  @ApiProperty()
  launchable: boolean;
}

@ObjectType({ description: "What one node of the type really runs: the capacity engine's maxPods and the same allocatable model." })
export class RealWindowsCapacity {
  @Field(() => Int, { description: "The capacity engine's maxPods: min(kubelet max-pods, W)." })
  @ApiProperty({ example: 110 })
  maxPods: number;

  @Field(() => Int, { description: 'W: Windows pod IPs the VPC Resource Controller gives.' })
  @ApiProperty({ example: 144 })
  ipLimitedPods: number;

  @EnumField(IpModeEnum)
  effectiveIpMode: core.RealCapacityView['effectiveIpMode'];

  @EnumField(MaxPodsLimitEnum)
  limitedBy: core.RealCapacityView['limitedBy'];

  @Field(() => Int)
  @ApiProperty()
  allocatableCpuMillicores: number;

  @Field(() => Int)
  @ApiProperty()
  allocatableMemoryMiB: number;

  @Field(() => Int, { description: 'Workload pods one node really holds.' })
  @ApiProperty()
  podsPerNode: number;

  @EnumField(KarpenterPlanConstraintEnum)
  bindingConstraint: core.KarpenterPlanConstraint;

  @Field(() => [String], { description: "The capacity engine's formula." })
  @ApiProperty({ type: [String] })
  formula: string[];

  @Field(() => [CapacityWarning], { description: "The capacity engine's warnings." })
  @ApiProperty({ type: [CapacityWarning] })
  warnings: CapacityWarning[];
}

@ObjectType({ description: "One instance type: Karpenter's plan next to what the nodes really run." })
export class KarpenterWindowsTypePlan {
  @Field()
  @ApiProperty({ example: 'm5.large' })
  instanceType: string;

  @Field(() => Int)
  @ApiProperty()
  vcpus: number;

  @Field(() => Int)
  @ApiProperty()
  memoryMiB: number;

  @Field(() => KarpenterView)
  @ApiProperty({ type: KarpenterView })
  karpenterView: KarpenterView;

  @Field(() => RealWindowsCapacity)
  @ApiProperty({ type: RealWindowsCapacity })
  realCapacity: RealWindowsCapacity;

  @Field(() => Int, {
    nullable: true,
    description: 'Nodes Karpenter provisions for the workload on this type; null when it never launches it.',
  })
  @ApiProperty({ type: Number, nullable: true, example: 12 })
  nodesKarpenterWouldLaunch: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Nodes the workload really needs on this type; null when the type cannot run Windows pods.',
  })
  @ApiProperty({ type: Number, nullable: true, example: 1 })
  nodesNeeded: number | null;

  @Field(() => Int, { nullable: true, description: 'nodesKarpenterWouldLaunch - nodesNeeded.' })
  @ApiProperty({ type: Number, nullable: true, example: 11 })
  extraNodes: number | null;

  @EnumField(KarpenterPlanConstraintEnum, { description: 'The real binding constraint.' })
  bindingConstraint: core.KarpenterPlanConstraint;

  @Field(() => [String], { description: 'The arithmetic with values put in, Karpenter first, then the real node ("real: ...").' })
  @ApiProperty({ type: [String] })
  formula: string[];

  @Field(() => [KarpenterPlanWarning])
  @ApiProperty({ type: [KarpenterPlanWarning] })
  warnings: KarpenterPlanWarning[];
}

@ObjectType({ description: 'A workload of Windows pods.' })
export class KarpenterWindowsPods {
  @Field(() => Int)
  @ApiProperty()
  count: number;

  @Field(() => Int)
  @ApiProperty()
  cpuMillicores: number;

  @Field(() => Int)
  @ApiProperty()
  memoryMiB: number;
}

@ObjectType({ description: 'The input as the plan used it (defaults applied, CIDRs canonical).' })
export class KarpenterWindowsPlanInputEcho {
  @Field()
  @ApiProperty()
  clusterName: string;

  @Field()
  @ApiProperty()
  kubernetesVersion: string;

  @EnumField(WindowsServerVersionEnum)
  windowsServerVersion: core.KarpenterWindowsPlan['input']['windowsServerVersion'];

  @EnumField(IpModeEnum)
  ipMode: core.KarpenterWindowsPlan['input']['ipMode'];

  @Field(() => [String])
  @ApiProperty({ type: [String] })
  instanceTypes: string[];

  @Field(() => [String])
  @ApiProperty({ type: [String] })
  instanceFamilies: string[];

  @Field(() => KarpenterWindowsPods)
  @ApiProperty({ type: KarpenterWindowsPods })
  windowsPods: KarpenterWindowsPods;

  @Field(() => Int)
  @ApiProperty()
  servicesPerNode: number;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true })
  serviceIpv4Cidr: string | null;

  @Field(() => [String])
  @ApiProperty({ type: [String] })
  excludedSnatCidrs: string[];

  @Field(() => Int, { nullable: true })
  @ApiProperty({ type: Number, nullable: true })
  kubeletMaxPods: number | null;
}

@ObjectType({ description: "Where Karpenter's limits table came from." })
export class KarpenterLimitsSource {
  @Field()
  @ApiProperty({ example: 'aws/karpenter-provider-aws' })
  repository: string;

  @Field()
  @ApiProperty()
  path: string;

  @Field()
  @ApiProperty()
  commit: string;

  @Field()
  @ApiProperty({ example: '2026-08-06' })
  generated: string;
}

@ObjectType({ description: 'What Karpenter plans for a Windows workload, type by type, next to what the nodes really run.' })
export class KarpenterWindowsPlan {
  @Field(() => KarpenterWindowsPlanInputEcho)
  @ApiProperty({ type: KarpenterWindowsPlanInputEcho })
  input: KarpenterWindowsPlanInputEcho;

  @Field({ description: 'EC2NodeClass amiSelectorTerms alias (Windows supports only @latest).' })
  @ApiProperty({ example: 'windows2022@latest' })
  amiAlias: string;

  @Field({ description: 'The OS build container images must match (node.kubernetes.io/windows-build).' })
  @ApiProperty({ example: '10.0.20348' })
  osBuild: string;

  @Field(() => [KarpenterWindowsTypePlan])
  @ApiProperty({ type: [KarpenterWindowsTypePlan] })
  instanceTypes: KarpenterWindowsTypePlan[];

  @Field(() => [KarpenterPlanWarning], { description: 'Warnings about the NodePool as a whole (DSR, Service CIDR, SNAT).' })
  @ApiProperty({ type: [KarpenterPlanWarning] })
  warnings: KarpenterPlanWarning[];

  @Field(() => [CapacityInputValue])
  @ApiProperty({ type: [CapacityInputValue] })
  inputs: CapacityInputValue[];

  @Field(() => KarpenterLimitsSource)
  @ApiProperty({ type: KarpenterLimitsSource })
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
