import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { GraphQLJSON } from 'graphql-type-json';
import { EnumField } from '../common/graphql-enum.js';
import type { IpMode, NodeOs } from '../capacity/core/index.js';
import type * as core from './core/index.js';
import {
  ClusterPlatformEnum,
  CniNoteSeverityEnum,
  CniOptionEnum,
  CniReasonEffectEnum,
  CniRuleEnum,
  CniSettingTargetEnum,
  CniVerdictEnum,
  IpFamilyEnum,
  NetworkPolicyEngineEnum,
  NodeProvisionerEnum,
} from './cni-enums.js';
import { IpModeEnum, NodeOsEnum } from '../capacity/capacity-enums.js';

/**
 * The core's CniRecommendation as GraphQL types and OpenAPI schemas, one class each. The REST
 * body is `toCniRecommendationModel(...)` as JSON, so it equals a GraphQL answer selecting every
 * field. Optional core fields become explicit: `nodeGroups` [] when a reason is cluster-wide,
 * `nodeGroup` / `note` null when absent.
 */

@ObjectType({ description: 'Why an option ranks where it does: one rule applied, with its source.' })
export class CniReason {
  @EnumField(CniRuleEnum)
  rule: core.CniRuleCode;

  @EnumField(CniReasonEffectEnum)
  effect: core.CniReasonEffect;

  @Field(() => Int, { description: "Points added to the option's score (0 for NOTE and RULES_OUT)." })
  @ApiProperty()
  weight: number;

  @Field()
  @ApiProperty()
  message: string;

  @Field({ description: 'Where the rule comes from: upstream repository and path, or the document.' })
  @ApiProperty()
  source: string;

  @Field(() => [String], { description: 'Node groups the reason is about; empty when it is about the whole cluster.' })
  @ApiProperty({ type: [String] })
  nodeGroups: string[];
}

@ObjectType({ description: 'A warning from the capacity engine.' })
export class CniCapacityWarning {
  @Field({ description: 'Capacity warning code, e.g. WINDOWS_PREFIX_DELEGATION_FALLBACK.' })
  @ApiProperty()
  code: string;

  @Field()
  @ApiProperty()
  message: string;

  @Field()
  @ApiProperty()
  source: string;
}

@ObjectType({ description: 'Subnet addresses a node group takes in one option.' })
export class CniSubnetConsequence {
  @Field(() => Int, { description: 'Addresses one node takes (primary + secondary IPs, or 16 per prefix).' })
  @ApiProperty()
  ipsPerNode: number;

  @Field(() => Int)
  @ApiProperty()
  ipsConsumed: number;

  @Field(() => Int, { description: "Usable addresses of the group's subnets (5 reserved per subnet)." })
  @ApiProperty()
  usableAddresses: number;

  @Field(() => Int, { description: 'usableAddresses - ipsConsumed; negative when the subnets cannot hold the group.' })
  @ApiProperty()
  ipsLeft: number;

  @Field()
  @ApiProperty()
  fits: boolean;

  @Field()
  @ApiProperty()
  message: string;
}

@ObjectType({ description: 'What one option means for one node group: pods per node, nodes needed, subnet IPs.' })
export class CniNodeGroupConsequence {
  @Field()
  @ApiProperty()
  nodeGroup: string;

  @EnumField(NodeOsEnum)
  os: NodeOs;

  @Field()
  @ApiProperty()
  instanceType: string;

  @Field({ description: "False when the option cannot run this group's pods at all (see note)." })
  @ApiProperty()
  supported: boolean;

  @EnumField(IpModeEnum, {
    nullable: true,
    description: 'The mode really in force (PD falls back to secondary IP on Xen); null for the overlay.',
  })
  effectiveIpMode: IpMode | null;

  @Field(() => Int, { description: 'Pods assigned to this group (its share of windowsPods / linuxPods, by node count).' })
  @ApiProperty()
  pods: number;

  @Field(() => Int)
  @ApiProperty()
  plannedNodes: number;

  @Field(() => Int, { description: "Pods one node can run (the capacity engine's maxPods; kubelet max-pods for the overlay)." })
  @ApiProperty()
  maxPodsPerNode: number;

  @Field(() => Int, { description: 'Workload pods per node: Windows maxPods; Linux maxPods - 2 host-network pods.' })
  @ApiProperty()
  workloadPodsPerNode: number;

  @Field(() => Int, { nullable: true, description: 'Nodes needed for the pods; null when a node can run none.' })
  @ApiProperty({ type: Number, nullable: true })
  nodesNeeded: number | null;

  @Field(() => Int, { description: 'Nodes the subnet math is done for: max(planned, needed).' })
  @ApiProperty()
  nodesForSubnet: number;

  @Field()
  @ApiProperty()
  podsUseVpcIps: boolean;

  @Field(() => CniSubnetConsequence, { nullable: true, description: 'Null when IPv4 subnet math does not apply.' })
  @ApiProperty({ type: CniSubnetConsequence, nullable: true })
  subnet: CniSubnetConsequence | null;

  @Field(() => [String], { description: "The capacity engine's arithmetic, one step a line." })
  @ApiProperty({ type: [String] })
  formula: string[];

  @Field(() => [CniCapacityWarning])
  @ApiProperty({ type: [CniCapacityWarning] })
  warnings: CniCapacityWarning[];

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true })
  note: string | null;
}

@ObjectType({ description: 'One CNI option, assessed.' })
export class CniOptionAssessment {
  @EnumField(CniOptionEnum)
  option: core.CniOption;

  @EnumField(CniVerdictEnum)
  verdict: core.CniVerdict;

  @Field(() => Int, { description: '1 = best.' })
  @ApiProperty()
  rank: number;

  @Field(() => Int)
  @ApiProperty()
  score: number;

  @Field(() => [CniReason])
  @ApiProperty({ type: [CniReason] })
  reasons: CniReason[];

  @Field(() => [CniNodeGroupConsequence], { description: 'One per node group, in input order.' })
  @ApiProperty({ type: [CniNodeGroupConsequence] })
  consequences: CniNodeGroupConsequence[];
}

@ObjectType({ description: 'What enforces NetworkPolicy, and why.' })
export class CniNetworkPolicyRecommendation {
  @EnumField(NetworkPolicyEngineEnum)
  engine: core.NetworkPolicyEngine;

  @Field(() => [CniReason])
  @ApiProperty({ type: [CniReason] })
  reasons: CniReason[];
}

@ObjectType({ description: 'Direct Server Return for kube-proxy on Windows nodes.' })
export class CniDsrRecommendation {
  @Field()
  @ApiProperty()
  enable: boolean;

  @Field(() => [String], { description: 'kube-proxy flags for the Kubernetes version; empty when DSR is not needed.' })
  @ApiProperty({ type: [String], example: ['--feature-gates=WinDSR=true', '--enable-dsr=true'] })
  kubeProxyFlags: string[];

  @Field({ description: 'One line: why (or why not).' })
  @ApiProperty()
  reason: string;

  @Field(() => [CniReason])
  @ApiProperty({ type: [CniReason] })
  reasons: CniReason[];
}

@ObjectType({ description: 'A setting to apply, and the template that renders it.' })
export class CniSetting {
  @EnumField(CniSettingTargetEnum)
  target: core.CniSettingTarget;

  @Field()
  @ApiProperty({ example: 'enable-windows-prefix-delegation' })
  key: string;

  @Field(() => GraphQLJSON, { description: 'A string, number or boolean, as the target expects it.' })
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] })
  value: string | number | boolean;

  @Field(() => String, { nullable: true, description: 'The node group, for per-group settings.' })
  @ApiProperty({ type: String, nullable: true })
  nodeGroup: string | null;

  @Field(() => String, { nullable: true, description: 'Template id (GET /api/v1/templates/{id}); null when no template covers it yet.' })
  @ApiProperty({ type: String, nullable: true, example: 'vpc-cni-windows-ipam-configmap' })
  templateId: string | null;

  @Field()
  @ApiProperty()
  reason: string;

  @Field()
  @ApiProperty()
  source: string;
}

@ObjectType({ description: 'What one upstream source says.' })
export class CniConflictPosition {
  @Field()
  @ApiProperty()
  source: string;

  @Field()
  @ApiProperty()
  says: string;
}

@ObjectType({ description: 'Upstream sources that disagree, and which one the answer follows.' })
export class CniConflict {
  @Field()
  @ApiProperty()
  topic: string;

  @Field(() => [CniConflictPosition])
  @ApiProperty({ type: [CniConflictPosition] })
  positions: CniConflictPosition[];

  @Field()
  @ApiProperty()
  resolution: string;
}

@ObjectType({ description: 'Something about the cluster as a whole.' })
export class CniNote {
  @EnumField(CniRuleEnum)
  rule: core.CniRuleCode;

  @EnumField(CniNoteSeverityEnum)
  severity: core.CniNote['severity'];

  @Field()
  @ApiProperty()
  message: string;

  @Field()
  @ApiProperty()
  source: string;
}

@ObjectType({ description: 'The needs as the answer used them (defaults applied).' })
export class CniNeeds {
  @Field()
  @ApiProperty()
  networkPolicyOnWindows: boolean;

  @Field()
  @ApiProperty()
  networkPolicyOnLinux: boolean;

  @Field()
  @ApiProperty()
  securityGroupsForPods: boolean;

  @Field()
  @ApiProperty()
  albIpTargets: boolean;

  @Field()
  @ApiProperty()
  webhooksOnPods: boolean;

  @Field()
  @ApiProperty()
  externalTrafficPolicyLocal: boolean;
}

@ObjectType({ description: 'The input as the answer used it, defaults applied.' })
export class CniAppliedInput {
  @Field()
  @ApiProperty({ example: '1.31' })
  kubernetesVersion: string;

  @EnumField(IpFamilyEnum)
  ipFamily: core.IpFamily;

  @EnumField(ClusterPlatformEnum)
  platform: core.ClusterPlatform;

  @Field(() => Int)
  @ApiProperty()
  windowsPods: number;

  @Field(() => Int)
  @ApiProperty()
  linuxPods: number;

  @Field(() => Int)
  @ApiProperty()
  servicesPerWindowsNode: number;

  @Field()
  @ApiProperty()
  subnetsFragmented: boolean;

  @Field()
  @ApiProperty()
  acceptUnsupportedCni: boolean;

  @Field(() => CniNeeds)
  @ApiProperty({ type: CniNeeds })
  needs: CniNeeds;

  @EnumField(NodeProvisionerEnum)
  provisioner: core.NodeProvisioner;
  @Field(() => String, { nullable: true, description: "The cluster's Service CIDR, normalized; null when not given." })
  @ApiProperty({ type: String, nullable: true })
  serviceIpv4Cidr: string | null;
}

@ObjectType({
  description: 'Every CNI option ranked with sourced reasons and consequences, the policy engine, DSR and the settings to apply.',
})
export class CniRecommendation {
  @Field(() => CniAppliedInput)
  @ApiProperty({ type: CniAppliedInput })
  input: CniAppliedInput;

  @Field(() => [CniOptionAssessment], { description: 'All four options, best first. Impossible ones are UNSUPPORTED with the reason.' })
  @ApiProperty({ type: [CniOptionAssessment] })
  options: CniOptionAssessment[];

  @EnumField(CniOptionEnum, { nullable: true, description: 'The RECOMMENDED option, or null when every option is UNSUPPORTED.' })
  recommended: core.CniOption | null;

  @Field(() => CniNetworkPolicyRecommendation)
  @ApiProperty({ type: CniNetworkPolicyRecommendation })
  networkPolicyEngine: CniNetworkPolicyRecommendation;

  @Field(() => CniDsrRecommendation)
  @ApiProperty({ type: CniDsrRecommendation })
  dsr: CniDsrRecommendation;

  @Field(() => [CniSetting], { description: 'What to apply for the recommended option, the policy engine and DSR.' })
  @ApiProperty({ type: [CniSetting] })
  settings: CniSetting[];

  @Field(() => [CniConflict])
  @ApiProperty({ type: [CniConflict] })
  conflicts: CniConflict[];

  @Field(() => [CniNote])
  @ApiProperty({ type: [CniNote] })
  notes: CniNote[];
}

function toReason(r: core.CniReason): CniReason {
  return { rule: r.rule, effect: r.effect, weight: r.weight, message: r.message, source: r.source, nodeGroups: [...(r.nodeGroups ?? [])] };
}

function toConsequence(c: core.NodeGroupConsequence): CniNodeGroupConsequence {
  return {
    nodeGroup: c.nodeGroup,
    os: c.os,
    instanceType: c.instanceType,
    supported: c.supported,
    effectiveIpMode: c.effectiveIpMode,
    pods: c.pods,
    plannedNodes: c.plannedNodes,
    maxPodsPerNode: c.maxPodsPerNode,
    workloadPodsPerNode: c.workloadPodsPerNode,
    nodesNeeded: c.nodesNeeded,
    nodesForSubnet: c.nodesForSubnet,
    podsUseVpcIps: c.podsUseVpcIps,
    subnet: c.subnet
      ? {
          ipsPerNode: c.subnet.ipsPerNode,
          ipsConsumed: c.subnet.ipsConsumed,
          usableAddresses: c.subnet.usableAddresses,
          ipsLeft: c.subnet.ipsLeft,
          fits: c.subnet.fits,
          message: c.subnet.message,
        }
      : null,
    formula: [...c.formula],
    warnings: c.warnings.map((w) => ({ code: w.code, message: w.message, source: w.source })),
    note: c.note ?? null,
  };
}

/** The core's answer in the shape both doors serve (explicit nulls and empty lists, no extra keys). */
export function toCniRecommendationModel(out: core.CniRecommendation): CniRecommendation {
  return {
    input: { ...out.input, needs: { ...out.input.needs } },
    options: out.options.map((o) => ({
      option: o.option,
      verdict: o.verdict,
      rank: o.rank,
      score: o.score,
      reasons: o.reasons.map(toReason),
      consequences: o.consequences.map(toConsequence),
    })),
    recommended: out.recommended,
    networkPolicyEngine: { engine: out.networkPolicyEngine.engine, reasons: out.networkPolicyEngine.reasons.map(toReason) },
    dsr: {
      enable: out.dsr.enable,
      kubeProxyFlags: [...out.dsr.kubeProxyFlags],
      reason: out.dsr.reason,
      reasons: out.dsr.reasons.map(toReason),
    },
    settings: out.settings.map((s) => ({
      target: s.target,
      key: s.key,
      value: s.value,
      nodeGroup: s.nodeGroup ?? null,
      templateId: s.templateId,
      reason: s.reason,
      source: s.source,
    })),
    conflicts: out.conflicts.map((c) => ({
      topic: c.topic,
      positions: c.positions.map((p) => ({ source: p.source, says: p.says })),
      resolution: c.resolution,
    })),
    notes: out.notes.map((n) => ({ rule: n.rule, severity: n.severity, message: n.message, source: n.source })),
  };
}
