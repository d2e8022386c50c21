import { enumValues, stringEnum, type EnumValue } from '../../common/core/string-enum.js';
import type { SubnetAllocationFacts } from './subnet-fragmentation.js';
import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import type { CapacityWarning, IpMode, NodeOs, ServiceCidr, WindowsServerVersion } from '../../capacity/core/index.js';
import type { CniRuleCode } from './cni-rules.js';
import type { CniTemplateId } from './cni-template-ids.js';

export const IpFamily = stringEnum('IPV4', 'IPV6');
export type IpFamily = EnumValue<typeof IpFamily>;
export const ClusterPlatform = stringEnum('EC2', 'AUTO_MODE', 'FARGATE', 'HYBRID_NODES');
export type ClusterPlatform = EnumValue<typeof ClusterPlatform>;
/** What creates the Windows nodes; the settings name the template for it. */
export const NodeProvisioner = stringEnum('EKSCTL', 'KARPENTER', 'TERRAFORM_SELF_MANAGED', 'TERRAFORM_MANAGED', 'MANAGED_NODE_GROUP');
export type NodeProvisioner = EnumValue<typeof NodeProvisioner>;

export const CniOption = stringEnum('VPC_CNI_SECONDARY_IP', 'VPC_CNI_PREFIX_DELEGATION', 'VPC_CNI_CUSTOM_NETWORKING', 'CALICO_OVERLAY');
export type CniOption = EnumValue<typeof CniOption>;
/** Fixed order; it breaks score ties so the answer is deterministic. */
export const CNI_OPTIONS: readonly CniOption[] = enumValues(CniOption);

export const CniVerdict = stringEnum('RECOMMENDED', 'VIABLE', 'NOT_RECOMMENDED', 'UNSUPPORTED');
export type CniVerdict = EnumValue<typeof CniVerdict>;
export const NetworkPolicyEngine = stringEnum('VPC_CNI', 'CALICO_POLICY_ONLY', 'NONE');
export type NetworkPolicyEngine = EnumValue<typeof NetworkPolicyEngine>;

export interface CniNodeGroupInput {
  name: string;
  os: NodeOs;
  /** EC2 instance type name; the edge resolves it from the catalog. */
  instanceType: string;
  /** Nodes planned for the group (integer >= 0). */
  nodes: number;
  /** IPv4 subnets the group's nodes (and, with the VPC CNI, its pods) draw from. */
  subnetCidrs: string[];
  /** Windows groups: the Windows Server release of the EKS-optimized AMI. */
  windowsServerVersion?: WindowsServerVersion;
  /** Windows groups: pods replaced per 30 s on a node (Jobs, CI runners); released IPs cool down 30 s. */
  podChurnPer30s?: number;
}

export interface CniNeeds {
  networkPolicyOnWindows?: boolean;
  networkPolicyOnLinux?: boolean;
  securityGroupsForPods?: boolean;
  /** ALB/NLB `target-type: ip`. */
  albIpTargets?: boolean;
  /** Pods serving admission webhooks / metrics-server (the control plane must reach them). */
  webhooksOnPods?: boolean;
  /** Services with `externalTrafficPolicy: Local` whose backends run on Windows nodes. */
  externalTrafficPolicyLocal?: boolean;
}

export interface CniRecommendationInput {
  /** `1.NN`, e.g. "1.31". */
  kubernetesVersion: string;
  /** Default IPV4. */
  ipFamily?: IpFamily;
  /** Default EC2. */
  platform?: ClusterPlatform;
  nodeGroups: CniNodeGroupInput[];
  /** Pods (that take a pod IP) to run on the Windows node groups, spread over them by node count. */
  windowsPods: number;
  linuxPods: number;
  /** Services a Windows node programs (default 0). */
  servicesPerWindowsNode?: number;
  /** The subnets are fragmented: few free aligned /28 blocks (BPG prefix-mode). */
  subnetsFragmented?: boolean;
  /**
   * The subnets' real allocations (aws CLI output), in place of subnetsFragmented: fragmented when their
   * free aligned /28 blocks cannot hold the Windows prefix-delegation demand. subnetsFragmented, when given, wins.
   */
  subnetAllocations?: SubnetAllocationFacts[];
  /** The user accepts a CNI AWS does not support (vendor support instead). */
  acceptUnsupportedCni?: boolean;
  needs?: CniNeeds;
  /** What creates the Windows nodes (default EKSCTL). */
  provisioner?: NodeProvisioner;
  /** The cluster's Service CIDR (EKS kubernetesNetworkConfig.serviceIpv4Cidr), e.g. 172.20.0.0/16. */
  serviceIpv4Cidr?: string;
}

/** A node group as the core takes it: checked at the edge, its instance type resolved to facts. */
export interface CniPlannedNodeGroup extends Omit<CniNodeGroupInput, 'instanceType'> {
  facts: InstanceTypeFacts;
}

/** A Service CIDR as EKS allows it: the capacity core's parseEksServiceCidr gives it. */
export type { ServiceCidr };

/**
 * What the core recommends for: the request as the edge checked it (src/cni/cni-input.resolution.ts), with
 * names resolved to facts. Plain data; the core checks nothing again.
 */
export interface CniPlan extends Omit<CniRecommendationInput, 'nodeGroups' | 'serviceIpv4Cidr'> {
  nodeGroups: CniPlannedNodeGroup[];
  /** The cluster's Service CIDR, parsed; null or absent when not given. */
  serviceCidr?: ServiceCidr | null;
}

/** How a reason moves an option. */
export const CniReasonEffect = stringEnum('FAVOURS', 'DISFAVOURS', 'RULES_OUT', 'NOTE');
export type CniReasonEffect = EnumValue<typeof CniReasonEffect>;

export interface CniReason {
  rule: CniRuleCode;
  effect: CniReasonEffect;
  /** Points added to the option's score (0 for NOTE and RULES_OUT). */
  weight: number;
  message: string;
  source: string;
  /** Node groups the reason is about, when it is about some of them. */
  nodeGroups?: string[];
}

export interface NodeGroupSubnetConsequence {
  /** Addresses one node takes from the subnets (primary + secondary IPs, or 16 per prefix). */
  ipsPerNode: number;
  ipsConsumed: number;
  usableAddresses: number;
  ipsLeft: number;
  fits: boolean;
  message: string;
  /** The other node groups drawing from these subnets (linked through a shared subnet); then usableAddresses and ipsLeft are of them all. */
  sharedWith: string[];
}

export interface NodeGroupConsequence {
  nodeGroup: string;
  os: NodeOs;
  instanceType: string;
  /** False when the option cannot run this group's pods at all (reason in `note`). */
  supported: boolean;
  /** The mode really in force (PD falls back to secondary IP on Xen); null for the overlay. */
  effectiveIpMode: IpMode | null;
  /** Pods assigned to this group (its share of windowsPods / linuxPods, by node count). */
  pods: number;
  plannedNodes: number;
  /** Pods one node can run in this option (the capacity engine's maxPods; kubelet max-pods for the overlay). */
  maxPodsPerNode: number;
  /**
   * Of those, the workload pods (the ones windowsPods / linuxPods count): Windows maxPods; Linux
   * maxPods - 2 host-network pods. nodesNeeded divides by this.
   */
  workloadPodsPerNode: number;
  /** Nodes needed for the pods; null when a node can run none. */
  nodesNeeded: number | null;
  /** Nodes the subnet math is done for: max(planned, needed). */
  nodesForSubnet: number;
  /** Whether the group's pods take VPC IPv4 addresses in this option. */
  podsUseVpcIps: boolean;
  /** Null when IPv4 subnet math does not apply (IPv6 cluster, unsupported group). */
  subnet: NodeGroupSubnetConsequence | null;
  /** The capacity engine's arithmetic, one step a line. */
  formula: string[];
  warnings: CapacityWarning[];
  note?: string;
}

export interface CniOptionAssessment {
  option: CniOption;
  verdict: CniVerdict;
  /** 1 = best. */
  rank: number;
  score: number;
  reasons: CniReason[];
  consequences: NodeGroupConsequence[];
}

export const CniNoteSeverity = stringEnum('INFO', 'WARNING');
export type CniNoteSeverity = EnumValue<typeof CniNoteSeverity>;

export interface CniNote {
  rule: CniRuleCode;
  severity: CniNoteSeverity;
  message: string;
  source: string;
}

export interface CniConflictPosition {
  source: string;
  says: string;
}

export interface CniConflict {
  topic: string;
  positions: CniConflictPosition[];
  resolution: string;
}

export interface NetworkPolicyRecommendation {
  engine: NetworkPolicyEngine;
  reasons: CniReason[];
}

export interface DsrRecommendation {
  enable: boolean;
  /** Empty when DSR is not needed or there are no Windows nodes. */
  kubeProxyFlags: string[];
  /** One line: why (or why not). */
  reason: string;
  reasons: CniReason[];
}

export const CniSettingTarget = stringEnum(
  'VPC_CNI_CONFIGMAP',
  'VPC_CNI_ADDON',
  'EKSCTL_NODE_GROUP',
  'KUBELET',
  'KUBE_PROXY',
  'CALICO_INSTALLATION',
  'KARPENTER_EC2NODECLASS',
  'TERRAFORM_NODE_GROUP',
  'WINDOWS_BOOTSTRAP',
  'EC2_SUBNET_TAG',
);
export type CniSettingTarget = EnumValue<typeof CniSettingTarget>;

export interface CniSetting {
  target: CniSettingTarget;
  key: string;
  value: string | number | boolean;
  /** Set when the setting is per node group. */
  nodeGroup?: string;
  /** The template that renders it; null when no template covers it yet. */
  templateId: CniTemplateId | null;
  reason: string;
  source: string;
}

export interface CniRecommendation {
  /** The input after defaults, as the answer used it. */
  input: {
    kubernetesVersion: string;
    ipFamily: IpFamily;
    platform: ClusterPlatform;
    windowsPods: number;
    linuxPods: number;
    servicesPerWindowsNode: number;
    subnetsFragmented: boolean;
    acceptUnsupportedCni: boolean;
    needs: Required<CniNeeds>;
    provisioner: NodeProvisioner;
    serviceIpv4Cidr: string | null;
  };
  /** All four options, best first. */
  options: CniOptionAssessment[];
  /** The RECOMMENDED option, or null when every option is UNSUPPORTED. */
  recommended: CniOption | null;
  networkPolicyEngine: NetworkPolicyRecommendation;
  dsr: DsrRecommendation;
  /** What to apply for the recommended option (and policy engine, DSR). */
  settings: CniSetting[];
  conflicts: CniConflict[];
  notes: CniNote[];
}
