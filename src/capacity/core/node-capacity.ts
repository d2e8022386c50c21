import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import type { CapacityWarning, IpMode, NamedValue, NodeOs } from './capacity.types.js';

/**
 * The VPC CNI version assumed when the caller gives none: the current v1.20 line
 * (`aws/amazon-vpc-cni-k8s` releases, v1.20.0; what new EKS clusters install as of 2026).
 */
export const DEFAULT_VPC_CNI_VERSION = '1.20.0';
/** Kubelet's own default for --max-pods, used by the EKS Windows bootstrap (BPG prefix-mode_windows.adoc). */
export const WINDOWS_DEFAULT_KUBELET_MAX_PODS = 110;
/** The EKS max-pods calculator's recommended caps (VPCCNI misc/max-pods-calculator.sh). */
export const RECOMMENDED_MAX_PODS_SMALL = 110;
export const RECOMMENDED_MAX_PODS_LARGE = 250;
/** More than this many vCPUs gets the large cap; exactly 30 still gets 110. */
export const RECOMMENDED_CAP_VCPU_THRESHOLD = 30;
/** IPs per /28 prefix. */
export const IPS_PER_PREFIX = 16;
/** aws-node and kube-proxy: the host-network pods a Linux node always runs (VPCCNI misc/eni-max-pods.txt). */
export const LINUX_HOST_NETWORK_PODS = 2;
/** Lowest VPC CNI version with prefix delegation (VPCCNI v1.9.0 release notes). */
export const LINUX_PREFIX_DELEGATION_MIN_CNI = '1.9.0';

export interface NodeCapacityInput {
  instanceType: InstanceTypeFacts;
  os: NodeOs;
  ipMode: IpMode;
  /** Kubelet --max-pods. Windows default 110; Linux default: none (the recommended cap, or the IP limit). */
  kubeletMaxPods?: number;
  /** Linux: apply the calculator's 110/250 recommendation when kubeletMaxPods is not given. Default true. */
  applyRecommendedCap?: boolean;
  customNetworking?: boolean;
  securityGroupsForPods?: boolean;
  /** Linux: cap on ENIs attached (ipamd MAX_ENI, calculator --cni-max-eni). */
  maxEnis?: number;
  /** VPC CNI version, `1.NN.NN` (a leading `v` and a `-eksbuild.N` suffix are accepted). */
  vpcCniVersion?: string;
}

export type MaxPodsLimit = 'IP_ADDRESSES' | 'KUBELET_MAX_PODS' | 'RECOMMENDED_CAP' | 'UNSUPPORTED';

export interface NodeCapacity {
  instanceType: string;
  os: NodeOs;
  requestedIpMode: IpMode;
  /** The mode really in force after the support rules (PD may fall back to secondary IP). */
  effectiveIpMode: IpMode;
  /** What the IP math allows (Linux includes the +2 host-network pods; Windows W). */
  ipLimitedPods: number;
  /** What really schedules: min(IP limit, kubelet max-pods) after support rules. */
  maxPods: number;
  /** Which limit decided maxPods. */
  limitedBy: MaxPodsLimit;
  /** The kubelet --max-pods in force (explicit, default, or recommended); null when none is set. */
  kubeletMaxPods: number | null;
  /** Linux: the max-pods calculator's recommendation min(IP limit, 110 or 250); null for Windows. */
  recommendedMaxPods: number | null;
  /** Linux: ENIs whose IPs pods use after custom networking, SGP trunk and maxEnis; Windows: 1. */
  podEnis: number;
  /** Secondary-IP slots (or prefixes) per ENI: I - 1. */
  slotsPerEni: number;
  /** Linux with security groups for pods: branch ENIs (`vpc.amazonaws.com/pod-eni`); else null. */
  branchInterfaces: number | null;
  /** Arithmetic with values put in, one step a line, ending with the min() step. */
  formula: string[];
  inputs: NamedValue[];
  warnings: CapacityWarning[];
}

export function computeNodeCapacity(_input: NodeCapacityInput): NodeCapacity {
  throw new Error('not implemented yet');
}

export type CompareModesInput = Omit<NodeCapacityInput, 'os' | 'ipMode'>;

export interface ModeComparison {
  instanceType: string;
  /** Four answers: WINDOWS and LINUX, each in SECONDARY_IP and PREFIX_DELEGATION. */
  results: NodeCapacity[];
}

export function compareModes(_input: CompareModesInput): ModeComparison {
  throw new Error('not implemented yet');
}
