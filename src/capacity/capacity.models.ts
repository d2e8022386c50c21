import { Field, Float, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { GraphQLJSON } from 'graphql-type-json';
import { EnumField } from '../common/graphql-enum.js';
import type * as core from './core/index.js';
import {
  Ec2WindowsEvidenceEnum,
  IpModeEnum,
  MaxPodsLimitEnum,
  NodeOsEnum,
  SizingConstraintEnum,
  SizingRankByEnum,
  SubnetLimitEnum,
  VpcLimitsTableEnum,
} from './capacity-enums.js';

/**
 * The capacity core's answers as GraphQL types and OpenAPI schemas, one class each. A REST body is
 * the `to...Model(...)` value as JSON, so it equals a GraphQL answer selecting every field. Optional
 * core fields become explicit nulls; `formula` (the steps) comes with `formulaText` (the steps joined).
 */

@ObjectType({ description: 'Something the answer wants you to know, and the source it rests on.' })
export class CapacityWarning {
  /**
   * Stable code, e.g. WINDOWS_PREFIX_DELEGATION_FALLBACK.
   * @example WINDOWS_PREFIX_DELEGATION_FALLBACK
   */
  code: string;

  message: string;

  /**
   * Where the rule comes from (upstream document or code).
   * @example "aws/aws-eks-best-practices latest/bpg/networking/prefix-mode_windows.adoc"
   */
  source: string;
}

@ObjectType({ description: 'One input a computation used, with where it came from.' })
export class CapacityInputValue {
  /**
   * @example "I (IPv4 per ENI, VPCRC limits)"
   */
  name: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'A number, string, boolean or null.' })
  @ApiProperty({ nullable: true, oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }], example: 10 })
  value: number | string | boolean | null;

  note: string | null;
}

/** What every explained answer carries: the arithmetic with values put in, the inputs used, the warnings. */
@ObjectType({ isAbstract: true })
export abstract class ExplainedAnswer {
  /** The arithmetic with values put in, one step each, e.g. "W = (I - 1) * 16 = (10 - 1) * 16 = 144". */
  formula: string[];

  /** The formula steps joined, one per line. */
  formulaText: string;

  inputs: CapacityInputValue[];

  warnings: CapacityWarning[];
}

@ObjectType({ description: 'Whether an instance type can be a Windows node at all, and why not: one reason per failed gate.' })
export class WindowsEligibility {
  /**
   * @example p5.48xlarge
   */
  instanceType: string;

  /** x86_64, EC2 offers Windows on it, and a controller table knows it. */
  eligible: boolean;

  /** EKS-optimized Windows AMIs are x86_64 only. */
  architectureSupported: boolean;

  /** EC2 launches it with Windows (else: UnsupportedOperation: Microsoft Windows is not supported for the instance type ...). */
  offeredByEc2: boolean;

  @EnumField(Ec2WindowsEvidenceEnum)
  ec2Evidence: core.Ec2WindowsEvidence;

  /** The region of the Price List answer; null with the known list. */
  region: string | null;

  @EnumField(VpcLimitsTableEnum, {
    nullable: true,
    description: 'The controller table that knows the type; null when neither does (W = 0).',
  })
  limitsTable: core.VpcLimitsTable | null;

  /** Why not (or the newer-table warning), each with its source. */
  reasons: CapacityWarning[];
}

@ObjectType({ description: 'CPU, memory and pods one node offers pods, after what the hypervisor, OS and kubelet keep.' })
export class Allocatable {
  /**
   * @example 1930
   */
  cpuMillicores: number;

  /**
   * @example 6903
   */
  memoryMiB: number;

  /**
   * @example 29
   */
  pods: number;

  /** The arithmetic with values put in. */
  formula: string[];

  /** Where each reservation comes from. */
  sources: string[];
}

@ObjectType({ description: 'An hourly on-demand price as read: where and when. Never an estimate.' })
export class InstancePrice {
  instanceType: string;

  /**
   * @example us-east-1
   */
  region: string;

  @EnumField(NodeOsEnum)
  os: core.NodeOs;

  @Field(() => Float)
  @ApiProperty({ example: 0.096, format: 'double' })
  usdPerHour: number;

  /** Where it was read: the AWS Price List, or the bundled Karpenter table. */
  source: string;

  /** When it was read (ISO date or time). */
  readAt: string;
}

@ObjectType({ description: 'Pods one node can run, and why.' })
export class NodeCapacity extends ExplainedAnswer {
  /**
   * @example m5.large
   */
  instanceType: string;

  @EnumField(NodeOsEnum)
  os: core.NodeOs;

  @EnumField(IpModeEnum)
  requestedIpMode: core.IpMode;

  @EnumField(IpModeEnum, { description: 'The mode really in force after the support rules (PD may fall back to secondary IP).' })
  effectiveIpMode: core.IpMode;

  /** What the IP math allows (Windows W; Linux includes the 2 host-network pods). */
  ipLimitedPods: number;

  /**
   * What the node advertises as its pods capacity: min(IP limit, kubelet max-pods) after the support rules. A node whose
   * reservations leave no memory or CPU still advertises it but holds no pod: a NO_ALLOCATABLE_RESOURCES warning says so.
   */
  maxPods: number;

  @EnumField(MaxPodsLimitEnum)
  limitedBy: core.MaxPodsLimit;

  /** Kubelet --max-pods in force (given, default or recommended). */
  kubeletMaxPods: number | null;

  /** Linux: the max-pods calculator recommendation; null for Windows. */
  recommendedMaxPods: number | null;

  /** ENIs whose IPs pods use (Windows 1). */
  podEnis: number;

  /** Secondary-IP slots (or prefixes) per ENI: I - 1. */
  slotsPerEni: number;

  /** Linux with security groups for pods: branch ENIs (vpc.amazonaws.com/pod-eni). */
  branchInterfaces: number | null;

  /** Whether the type can be a Windows node at all (for either OS: it is about the type). */
  windowsEligibility: WindowsEligibility;

  @EnumField(VpcLimitsTableEnum, {
    nullable: true,
    description: 'Windows: the controller table W came from; null for Linux or when neither knows the type.',
  })
  limitsTable: core.VpcLimitsTable | null;

  allocatable: Allocatable;

  /** Windows with podChurnPer30s: pods a node holds while released IPs cool down 30 s; else null. */
  podsDuringCooldown: number | null;
}

@ObjectType({ description: 'One instance type, both operating systems in both IP modes, with the same options.' })
export class ModeComparison {
  /**
   * @example m5.large
   */
  instanceType: string;

  /** WINDOWS SECONDARY_IP, WINDOWS PREFIX_DELEGATION, LINUX SECONDARY_IP, LINUX PREFIX_DELEGATION. */
  results: NodeCapacity[];
}

@ObjectType({ description: 'One subnet: its addresses and aligned /28 blocks.' })
export class SubnetDetails {
  /**
   * @example 10.0.0.0/24
   */
  cidr: string;

  prefixLength: number;

  totalAddresses: number;

  /** 2^(32 - p) - 5 (AWS reserves the first four and the last). */
  usableAddresses: number;

  /** 2^(28 - p) aligned /28 blocks. */
  alignedBlocks: number;

  /** Aligned blocks that can be prefixes (the first and last hold reserved addresses). */
  usableAlignedBlocks: number;
}

@ObjectType({ description: 'Whether the node group fits its subnets.' })
export class SubnetVerdict {
  fits: boolean;

  /** Such nodes the subnets hold at best. */
  nodesThatFit: number;

  /** When it fits: nodes that could still be added. */
  spareNodes: number;

  /** When it does not fit: the first node (1-based) that cannot get its addresses. */
  exhaustedAtNode: number | null;

  @EnumField(SubnetLimitEnum)
  limitedBy: core.SubnetLimit;

  message: string;
}

@ObjectType({ description: 'Subnet addresses a node group takes, with the warm pool, and whether they fit.' })
export class SubnetUsage extends ExplainedAnswer {
  instanceType: string;

  @EnumField(NodeOsEnum)
  os: core.NodeOs;

  @EnumField(IpModeEnum)
  effectiveIpMode: core.IpMode;

  nodeCount: number;

  podsPerNode: number;

  /** ENIs attached per node (Windows 1). */
  enisPerNode: number;

  /** Secondary IPs per node (secondary-IP mode), 0 under prefix delegation. */
  secondaryIpsPerNode: number;

  /** /28 prefixes per node (prefix delegation), 0 otherwise. */
  prefixesPerNode: number;

  /** Addresses one node takes: ENI primaries + secondary IPs + 16 per prefix. */
  ipsPerNode: number;

  /** Of ipsPerNode, those the warm pool holds idle. */
  warmIpsPerNode: number;

  @Field(() => Float, { description: 'Addresses the whole group takes (a whole number; Float because it can pass 2^31).' })
  @ApiProperty()
  totalIps: number;

  subnets: SubnetDetails[];

  /** Usable addresses of all subnets. */
  usableAddresses: number;

  /** Prefix delegation: aligned /28 blocks the group needs (0 otherwise). */
  prefixBlocksNeeded: number;

  /** Prefix delegation: aligned /28 blocks available at best, before fragmentation (0 otherwise). */
  prefixBlocksAvailable: number;

  verdict: SubnetVerdict;
}

@ObjectType({ description: 'One instance type in one IP mode for one OS: nodes needed and what binds.' })
export class SizingOption {
  instanceType: string;

  @EnumField(NodeOsEnum)
  os: core.NodeOs;

  @EnumField(IpModeEnum)
  requestedIpMode: core.IpMode;

  @EnumField(IpModeEnum)
  effectiveIpMode: core.IpMode;

  /** Nodes needed; null when the type cannot run the pods at all. */
  nodes: number | null;

  /** Workload pods per node (host-network system pods excluded). */
  podsPerNode: number;

  @EnumField(SizingConstraintEnum)
  bindingConstraint: core.SizingConstraint;

  /** Workload pods per node the IP addresses allow. */
  podsByIp: number;

  /** Workload pods per node kubelet max-pods allows. */
  podsByKubelet: number;

  /** Workload pods per node the CPU allows; null when no CPU request was given. */
  podsByCpu: number | null;

  /** Workload pods per node the memory allows; null when no memory request was given. */
  podsByMemory: number | null;

  allocatableCpuMillicores: number;

  allocatableMemoryMiB: number;

  @Field(() => Float, { nullable: true, description: 'Subnet addresses the group takes with the default warm pool (a whole number).' })
  @ApiProperty({ type: Number, nullable: true })
  subnetIps: number | null;

  vcpus: number;

  memoryMiB: number;

  allocatable: Allocatable;

  /** The type carries GPUs, inference accelerators, Neuron devices, FPGAs or media accelerators. */
  accelerated: boolean;

  @EnumField(VpcLimitsTableEnum, {
    nullable: true,
    description: 'Windows: the controller table W came from; null for Linux or when neither knows the type.',
  })
  limitsTable: core.VpcLimitsTable | null;

  /** Hourly on-demand price of one node in the region asked for, as read; null when the catalog has none. */
  price: InstancePrice | null;

  @Field(() => Float, { nullable: true, description: 'nodes * price.usdPerHour; null without a price.' })
  @ApiProperty({ type: Number, format: 'double', nullable: true })
  hourlyCostUsd: number | null;
}

@ObjectType({ description: 'Kube-proxy flags that turn on Direct Server Return on Windows for a Kubernetes version.' })
export class KubeProxyDsrFlags {
  /**
   * @example 1.31
   */
  kubernetesVersion: string;

  @ApiProperty({ example: ['--feature-gates=WinDSR=true', '--enable-dsr=true'] })
  flags: string[];

  /**
   * The flags as one string, for Start-EKSBootstrap.ps1 -KubeProxyExtraArgs.
   * @example "--feature-gates=WinDSR=true --enable-dsr=true"
   */
  args: string;

  source: string;
}

@ObjectType({ description: 'Node-group options per OS, ranked: fewest nodes, then fewest subnet IPs, then the smallest type.' })
export class NodeGroupSizing {
  windows: SizingOption[];

  linux: SizingOption[];

  /** Instance types considered (after the filters). */
  candidateCount: number;

  /** Version of the in-memory catalog that answered (the refresh run id). */
  catalogVersion: string | null;

  /** When the Windows nodes program more than 100 Services and kubernetesVersion is given: the DSR flags to set. */
  dsr: KubeProxyDsrFlags | null;

  warnings: CapacityWarning[];

  @EnumField(SizingRankByEnum, { description: 'How the options are ranked.' })
  rankBy: core.SizingRankBy;

  /** When the Windows prices of the region were read from the AWS Price List; null when unknown. */
  windowsPricesReadAt: string | null;
}

@ObjectType({ description: 'Windows eligibility of every instance type in the catalog.' })
export class WindowsEligibilityList {
  region: string | null;

  /** When the AWS Price List of the region was read; null: the known list answered. */
  priceListReadAt: string | null;

  eligibleCount: number;

  types: WindowsEligibility[];
}

@ObjectType({ description: 'Whether a Windows node programs too many Services, and the fix.' })
export class WindowsServicesCheck {
  servicesPerNode: number;

  /**
   * Above this many Services per Windows node, HNS ports may run out (BPG).
   * @example 100
   */
  limit: number;

  /** True when servicesPerNode is above the limit: enable Direct Server Return. */
  dsrRecommended: boolean;

  /** The kube-proxy flags for the given Kubernetes version (null when none given). */
  dsr: KubeProxyDsrFlags | null;

  warnings: CapacityWarning[];
}

function toWarnings(ws: readonly core.CapacityWarning[]): CapacityWarning[] {
  return ws.map((w) => ({ code: w.code, message: w.message, source: w.source }));
}

function toInputs(vs: readonly core.NamedValue[]): CapacityInputValue[] {
  return vs.map((v) => ({ name: v.name, value: v.value, note: v.note ?? null }));
}

export function toWindowsEligibilityModel(e: core.WindowsEligibility): WindowsEligibility {
  return {
    instanceType: e.instanceType,
    eligible: e.eligible,
    architectureSupported: e.architectureSupported,
    offeredByEc2: e.offeredByEc2,
    ec2Evidence: e.ec2Evidence,
    region: e.region,
    limitsTable: e.limitsTable,
    reasons: toWarnings(e.reasons),
  };
}

export function toAllocatableModel(a: core.Allocatable): Allocatable {
  return { cpuMillicores: a.cpuMillicores, memoryMiB: a.memoryMiB, pods: a.pods, formula: [...a.formula], sources: [...a.sources] };
}

export function toNodeCapacityModel(c: core.NodeCapacity): NodeCapacity {
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
    formula: [...c.formula],
    formulaText: c.formula.join('\n'),
    inputs: toInputs(c.inputs),
    warnings: toWarnings(c.warnings),
    windowsEligibility: toWindowsEligibilityModel(c.windowsEligibility),
    limitsTable: c.limitsTable,
    allocatable: toAllocatableModel(c.allocatable),
    podsDuringCooldown: c.podsDuringCooldown,
  };
}

export function toModeComparisonModel(c: core.ModeComparison): ModeComparison {
  return { instanceType: c.instanceType, results: c.results.map(toNodeCapacityModel) };
}

export function toSubnetUsageModel(u: core.SubnetUsage): SubnetUsage {
  return {
    instanceType: u.instanceType,
    os: u.os,
    effectiveIpMode: u.effectiveIpMode,
    nodeCount: u.nodeCount,
    podsPerNode: u.podsPerNode,
    enisPerNode: u.enisPerNode,
    secondaryIpsPerNode: u.secondaryIpsPerNode,
    prefixesPerNode: u.prefixesPerNode,
    ipsPerNode: u.ipsPerNode,
    warmIpsPerNode: u.warmIpsPerNode,
    totalIps: u.totalIps,
    subnets: u.subnets.map((s) => ({ ...s })),
    usableAddresses: u.usableAddresses,
    prefixBlocksNeeded: u.prefixBlocksNeeded,
    prefixBlocksAvailable: u.prefixBlocksAvailable,
    verdict: {
      fits: u.verdict.fits,
      nodesThatFit: u.verdict.nodesThatFit,
      spareNodes: u.verdict.spareNodes,
      exhaustedAtNode: u.verdict.exhaustedAtNode,
      limitedBy: u.verdict.limitedBy,
      message: u.verdict.message,
    },
    formula: [...u.formula],
    formulaText: u.formula.join('\n'),
    inputs: toInputs(u.inputs),
    warnings: toWarnings(u.warnings),
  };
}

export function toSizingOptionModel(o: core.SizingOption): SizingOption {
  return { ...o, allocatable: toAllocatableModel(o.allocatable), price: o.price ? { ...o.price } : null };
}

export function toKubeProxyDsrFlagsModel(f: core.KubeProxyDsrFlags): KubeProxyDsrFlags {
  return { kubernetesVersion: f.kubernetesVersion, flags: [...f.flags], args: f.args, source: f.source };
}

export { toWarnings as toCapacityWarningModels };
