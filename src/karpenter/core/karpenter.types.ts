import { stringEnum, type EnumValue } from '../../common/core/string-enum.js';
import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import type { CapacityWarning, IpMode, MaxPodsLimit, NamedValue, WindowsServerVersion } from '../../capacity/core/index.js';

/** Requests of one Windows pod of the workload, and how many of them. */
export interface KarpenterWindowsPods {
  count: number;
  /** CPU request per pod, millicores (0: no request). */
  cpuMillicores: number;
  /** Memory request per pod, MiB (0: no request). */
  memoryMiB: number;
}

export interface KarpenterWindowsPlanInput {
  clusterName: string;
  /** `1.NN`. */
  kubernetesVersion: string;
  windowsServerVersion: WindowsServerVersion;
  /** The Windows IP mode the cluster's VPC Resource Controller runs (ConfigMap amazon-vpc-cni). */
  ipMode: IpMode;
  instanceTypes?: string[];
  instanceFamilies?: string[];
  windowsPods: KarpenterWindowsPods;
  /** Services a Windows node programs (default 0); above 100 needs DSR. */
  servicesPerNode?: number;
  /** The cluster's Service CIDR (EKS kubernetesNetworkConfig.serviceIpv4Cidr). */
  serviceIpv4Cidr?: string;
  /** Destinations Windows pods reach without SNAT (Start-EKSBootstrap.ps1 -ExcludedSnatCIDRs). */
  excludedSnatCidrs?: string[];
  /** EC2NodeClass spec.kubelet.maxPods; unset, Karpenter plans 110 and the kubelet runs 110. */
  kubeletMaxPods?: number;
}

export const KarpenterPlanConstraint = stringEnum(
  'KUBELET_MAX_PODS',
  'IP_ADDRESSES',
  'CPU',
  'MEMORY',
  'NOT_IN_KARPENTER_LIMITS',
  'UNSUPPORTED_ARCHITECTURE',
  'EC2_REFUSES_WINDOWS',
  'NOT_IN_VPCRC_LIMITS',
  'NO_CAPACITY',
);
export type KarpenterPlanConstraint = EnumValue<typeof KarpenterPlanConstraint>;

/** A warning with the upstream source it rests on and what to do about it. */
export interface KarpenterPlanWarning {
  code: string;
  message: string;
  source: string;
  fix: string;
}

/** What Karpenter's scheduler believes about one node of the type (pkg/providers/instancetype/types.go). */
export interface KarpenterView {
  /** Capacity `pods`: spec.kubelet.maxPods, else 110. */
  pods: number;
  /** Capacity `vpc.amazonaws.com/PrivateIPv4Address`: I - 1 from Karpenter's limits table, 0 when absent. */
  privateIPv4Address: number;
  /** I in Karpenter's limits table; null when the type is not in it. */
  ipv4PerInterface: number | null;
  allocatableCpuMillicores: number;
  /** As Karpenter computes it, not clamped: negative when its kube-reserved and eviction exceed the memory. */
  allocatableMemoryMiB: number;
  /** Workload pods Karpenter packs on one node. */
  podsPerNode: number;
  bindingConstraint: KarpenterPlanConstraint;
  /**
   * False when Karpenter never launches the type for Windows pods (not in its table, not amd64, or a negative
   * allocatable memory, on which resources.Fits fits no pod).
   */
  launchable: boolean;
}

/** What one node of the type really runs (the capacity engine's maxPods and allocatable). */
export interface RealCapacityView {
  /** The capacity engine's maxPods: min(kubelet max-pods, W) after the support rules. */
  maxPods: number;
  /** W: the Windows pod IPs the VPC Resource Controller gives (144 for m5.large under prefix delegation). */
  ipLimitedPods: number;
  effectiveIpMode: IpMode;
  limitedBy: MaxPodsLimit;
  /** The capacity engine's allocatable (computeNodeCapacity): on Windows the BPG reservations, 0 at least. */
  allocatableCpuMillicores: number;
  allocatableMemoryMiB: number;
  /** Workload pods one node holds: none when its allocatable memory is 0 or below one pod's request. */
  podsPerNode: number;
  bindingConstraint: KarpenterPlanConstraint;
  /** The capacity engine's own formula and warnings. */
  formula: string[];
  warnings: CapacityWarning[];
}

export interface KarpenterWindowsTypePlan {
  instanceType: string;
  vcpus: number;
  memoryMiB: number;
  karpenterView: KarpenterView;
  realCapacity: RealCapacityView;
  /** Nodes Karpenter provisions for the workload on this type; null when it never launches it. */
  nodesKarpenterWouldLaunch: number | null;
  /** Nodes the workload really needs on this type; null when the type cannot run Windows pods. */
  nodesNeeded: number | null;
  /** nodesKarpenterWouldLaunch - nodesNeeded when both are known. */
  extraNodes: number | null;
  /** The real binding constraint (the same as realCapacity.bindingConstraint). */
  bindingConstraint: KarpenterPlanConstraint;
  formula: string[];
  warnings: KarpenterPlanWarning[];
}

export interface KarpenterWindowsPlan {
  input: {
    clusterName: string;
    kubernetesVersion: string;
    windowsServerVersion: WindowsServerVersion;
    ipMode: IpMode;
    instanceTypes: string[];
    instanceFamilies: string[];
    windowsPods: KarpenterWindowsPods;
    servicesPerNode: number;
    serviceIpv4Cidr: string | null;
    excludedSnatCidrs: string[];
    kubeletMaxPods: number | null;
  };
  /** EC2NodeClass amiSelectorTerms alias: `windows2022@latest` (Windows does not support pinning). */
  amiAlias: string;
  /** Container images must match this build (node.kubernetes.io/windows-build). */
  osBuild: string;
  /** One entry per type, in the order asked (types first, then each family's types by name). */
  instanceTypes: KarpenterWindowsTypePlan[];
  warnings: KarpenterPlanWarning[];
  inputs: NamedValue[];
  karpenterLimitsSource: { repository: string; path: string; commit: string; generated: string };
}

/**
 * A plan request as the core takes it: checked at the edge, defaults applied, and the types and the
 * families' types resolved to their catalog facts, in the order asked (types first, then each
 * family's types by name), each once.
 */
export interface KarpenterWindowsPlanRequest {
  input: KarpenterWindowsPlan['input'];
  types: readonly InstanceTypeFacts[];
}
