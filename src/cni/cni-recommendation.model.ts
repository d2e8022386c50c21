import { Field, ObjectType } from '@nestjs/graphql';
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

  /** Points added to the option's score (0 for NOTE and RULES_OUT). */
  weight: number;

  message: string;

  /** Where the rule comes from: upstream repository and path, or the document. */
  source: string;

  /** Node groups the reason is about; empty when it is about the whole cluster. */
  nodeGroups: string[];
}

@ObjectType({ description: 'A warning from the capacity engine.' })
export class CniCapacityWarning {
  /** Capacity warning code, e.g. WINDOWS_PREFIX_DELEGATION_FALLBACK. */
  code: string;

  message: string;

  source: string;
}

@ObjectType({ description: 'Subnet addresses a node group takes in one option.' })
export class CniSubnetConsequence {
  /** Addresses one node takes (primary + secondary IPs, or 16 per prefix). */
  ipsPerNode: number;

  ipsConsumed: number;

  /** Usable addresses of the group's subnets (5 reserved per subnet); with sharedWith, of all the shared subnets. */
  usableAddresses: number;

  /** usableAddresses - ipsConsumed (with sharedWith, minus every sharing group's); negative when the subnets cannot hold them. */
  ipsLeft: number;

  fits: boolean;

  message: string;

  /** The other node groups that draw from the same subnets (directly or through another group); empty when none. */
  sharedWith: string[];
}

@ObjectType({ description: 'What one option means for one node group: pods per node, nodes needed, subnet IPs.' })
export class CniNodeGroupConsequence {
  nodeGroup: string;

  @EnumField(NodeOsEnum)
  os: NodeOs;

  instanceType: string;

  /** False when the option cannot run this group's pods at all (see note). */
  supported: boolean;

  @EnumField(IpModeEnum, {
    nullable: true,
    description: 'The mode really in force (PD falls back to secondary IP on Xen); null for the overlay.',
  })
  effectiveIpMode: IpMode | null;

  /** Pods assigned to this group (its share of windowsPods / linuxPods, by node count). */
  pods: number;

  plannedNodes: number;

  /** Pods one node can run (the capacity engine's maxPods; kubelet max-pods for the overlay). */
  maxPodsPerNode: number;

  /** Workload pods per node: Windows maxPods; Linux maxPods - 2 host-network pods. */
  workloadPodsPerNode: number;

  /** Nodes needed for the pods; null when a node can run none. */
  nodesNeeded: number | null;

  /** Nodes the subnet math is done for: max(planned, needed). */
  nodesForSubnet: number;

  podsUseVpcIps: boolean;

  /** Null when IPv4 subnet math does not apply. */
  subnet: CniSubnetConsequence | null;

  /** The capacity engine's arithmetic, one step a line. */
  formula: string[];

  warnings: CniCapacityWarning[];

  note: string | null;
}

@ObjectType({ description: 'One CNI option, assessed.' })
export class CniOptionAssessment {
  @EnumField(CniOptionEnum)
  option: core.CniOption;

  @EnumField(CniVerdictEnum)
  verdict: core.CniVerdict;

  /** 1 = best. */
  rank: number;

  score: number;

  reasons: CniReason[];

  /** One per node group, in input order. */
  consequences: CniNodeGroupConsequence[];
}

@ObjectType({ description: 'What enforces NetworkPolicy, and why.' })
export class CniNetworkPolicyRecommendation {
  @EnumField(NetworkPolicyEngineEnum)
  engine: core.NetworkPolicyEngine;

  reasons: CniReason[];
}

@ObjectType({ description: 'Direct Server Return for kube-proxy on Windows nodes.' })
export class CniDsrRecommendation {
  enable: boolean;

  /** kube-proxy flags for the Kubernetes version; empty when DSR is not needed. */
  @ApiProperty({ example: ['--feature-gates=WinDSR=true', '--enable-dsr=true'] })
  kubeProxyFlags: string[];

  /** One line: why (or why not). */
  reason: string;

  reasons: CniReason[];
}

@ObjectType({ description: 'A setting to apply, and the template that renders it.' })
export class CniSetting {
  @EnumField(CniSettingTargetEnum)
  target: core.CniSettingTarget;

  /**
   * @example enable-windows-prefix-delegation
   */
  key: string;

  @Field(() => GraphQLJSON, { description: 'A string, number or boolean, as the target expects it.' })
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] })
  value: string | number | boolean;

  /** The node group, for per-group settings. */
  nodeGroup: string | null;

  /**
   * Template id (GET /api/v1/templates/{id}); null when no template covers it yet.
   * @example vpc-cni-windows-ipam-configmap
   */
  templateId: string | null;

  reason: string;

  source: string;
}

@ObjectType({ description: 'What one upstream source says.' })
export class CniConflictPosition {
  source: string;

  says: string;
}

@ObjectType({ description: 'Upstream sources that disagree, and which one the answer follows.' })
export class CniConflict {
  topic: string;

  positions: CniConflictPosition[];

  resolution: string;
}

@ObjectType({ description: 'Something about the cluster as a whole.' })
export class CniNote {
  @EnumField(CniRuleEnum)
  rule: core.CniRuleCode;

  @EnumField(CniNoteSeverityEnum)
  severity: core.CniNoteSeverity;

  message: string;

  source: string;
}

@ObjectType({ description: 'The needs as the answer used them (defaults applied).' })
export class CniNeeds {
  networkPolicyOnWindows: boolean;

  networkPolicyOnLinux: boolean;

  securityGroupsForPods: boolean;

  albIpTargets: boolean;

  webhooksOnPods: boolean;

  externalTrafficPolicyLocal: boolean;
}

@ObjectType({ description: 'The input as the answer used it, defaults applied.' })
export class CniAppliedInput {
  /**
   * @example 1.31
   */
  kubernetesVersion: string;

  @EnumField(IpFamilyEnum)
  ipFamily: core.IpFamily;

  @EnumField(ClusterPlatformEnum)
  platform: core.ClusterPlatform;

  windowsPods: number;

  linuxPods: number;

  servicesPerWindowsNode: number;

  subnetsFragmented: boolean;

  acceptUnsupportedCni: boolean;

  needs: CniNeeds;

  @EnumField(NodeProvisionerEnum)
  provisioner: core.NodeProvisioner;
  /** The cluster's Service CIDR, normalized; null when not given. */
  serviceIpv4Cidr: string | null;
}

@ObjectType({
  description: 'Every CNI option ranked with sourced reasons and consequences, the policy engine, DSR and the settings to apply.',
})
export class CniRecommendation {
  input: CniAppliedInput;

  /** All four options, best first. Impossible ones are UNSUPPORTED with the reason. */
  options: CniOptionAssessment[];

  @EnumField(CniOptionEnum, { nullable: true, description: 'The RECOMMENDED option, or null when every option is UNSUPPORTED.' })
  recommended: core.CniOption | null;

  networkPolicyEngine: CniNetworkPolicyRecommendation;

  dsr: CniDsrRecommendation;

  /** What to apply for the recommended option, the policy engine and DSR. */
  settings: CniSetting[];

  conflicts: CniConflict[];

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
          sharedWith: [...c.subnet.sharedWith],
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
