import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import type { CapacityWarning, IpMode, NamedValue, NodeOs } from './capacity.types.js';

/**
 * Warm-pool targets. Windows reads warmIpTarget / minimumIpTarget / warmPrefixTarget (VPCRC ConfigMap);
 * Linux reads WARM_ENI_TARGET / WARM_IP_TARGET / MINIMUM_IP_TARGET / WARM_PREFIX_TARGET (ipamd).
 * Leave a field out for its default.
 */
export interface WarmPoolTargets {
  warmEniTarget?: number;
  warmIpTarget?: number;
  minimumIpTarget?: number;
  warmPrefixTarget?: number;
}

export interface SubnetUsageInput {
  instanceType: InstanceTypeFacts;
  nodeCount: number;
  os: NodeOs;
  ipMode: IpMode;
  /** Pods (that take a VPC IP) per node. */
  podsPerNode: number;
  warmPool?: WarmPoolTargets;
  /** One or more IPv4 subnet CIDRs (/16../28) the node group draws from. */
  subnetCidrs: string[];
  kubeletMaxPods?: number;
  customNetworking?: boolean;
  securityGroupsForPods?: boolean;
  maxEnis?: number;
  vpcCniVersion?: string;
}

export interface SubnetFacts {
  cidr: string;
  prefixLength: number;
  totalAddresses: number;
  /** 2^(32-p) - 5. */
  usableAddresses: number;
  /** 2^(28-p) aligned /28 blocks. */
  alignedBlocks: number;
  /** alignedBlocks - 2 (first and last hold reserved addresses); 0 for a /28. */
  usableAlignedBlocks: number;
}

export interface SubnetVerdict {
  fits: boolean;
  /** How many such nodes the subnets hold at best. */
  nodesThatFit: number;
  /** When fits: nodesThatFit - nodeCount. */
  spareNodes: number;
  /** When it does not fit: the 1-based node that cannot get its addresses. */
  exhaustedAtNode: number | null;
  /** What runs out first. */
  limitedBy: 'ADDRESSES' | 'PREFIX_BLOCKS';
  message: string;
}

export interface SubnetUsage {
  instanceType: string;
  os: NodeOs;
  effectiveIpMode: IpMode;
  nodeCount: number;
  podsPerNode: number;
  /** ENIs attached per node (Windows 1). */
  enisPerNode: number;
  /** Secondary IPs per node (secondary-IP mode), 0 under PD. */
  secondaryIpsPerNode: number;
  /** /28 prefixes per node (PD), 0 otherwise. */
  prefixesPerNode: number;
  /** Addresses a node takes from the subnet: ENI primaries + secondary IPs + 16 per prefix. */
  ipsPerNode: number;
  /** Of ipsPerNode, the ones held idle by the warm pool. */
  warmIpsPerNode: number;
  totalIps: number;
  subnets: SubnetFacts[];
  usableAddresses: number;
  /** PD: aligned /28 blocks the node group needs (0 otherwise). */
  prefixBlocksNeeded: number;
  /** PD: aligned /28 blocks available at best (before fragmentation). */
  prefixBlocksAvailable: number;
  verdict: SubnetVerdict;
  formula: string[];
  inputs: NamedValue[];
  warnings: CapacityWarning[];
}

export function computeSubnetUsage(_input: SubnetUsageInput): SubnetUsage {
  throw new Error('not implemented yet');
}
