import { stringEnum, type EnumValue } from '../../common/core/string-enum.js';
import { SOURCE } from '../../common/core/sources.js';
import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import { validationError } from '../../common/domain-error.js';
import { type CapacityWarning, type IpMode, type NamedValue, type NodeOs } from './capacity.types.js';
import { parseSubnetCidrs, type Ipv4Cidr } from './ipv4-cidr.js';
import {
  computeNodeCapacity,
  IPS_PER_PREFIX,
  LINUX_HOST_NETWORK_PODS,
  requireNonNegativeInteger,
  type NodeCapacity,
} from './node-capacity.js';
import { poolOfNode, type WarmPoolTargets } from './warm-pool.js';

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

/** What runs out first in the subnets: addresses (secondary-IP mode) or aligned /28 blocks (prefix delegation). */
export const SubnetLimit = stringEnum('ADDRESSES', 'PREFIX_BLOCKS');
export type SubnetLimit = EnumValue<typeof SubnetLimit>;

export interface SubnetVerdict {
  fits: boolean;
  /** How many such nodes the subnets hold at best. */
  nodesThatFit: number;
  /** When fits: nodesThatFit - nodeCount. */
  spareNodes: number;
  /** When it does not fit: the 1-based node that cannot get its addresses. */
  exhaustedAtNode: number | null;
  /** What runs out first. */
  limitedBy: SubnetLimit;
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

/** AWS reserves the first four addresses and the last of every subnet (EC2 CreateSubnet). */
export const SUBNET_RESERVED_ADDRESSES = 5;
/** Usable addresses in the first /28 (16 - 4 reserved) and the last (16 - 1): where scattered /32s go at best. */
const EDGE_BLOCK_ADDRESSES = 12 + 15;

export function describeSubnet(c: Ipv4Cidr): SubnetFacts {
  const alignedBlocks = 2 ** (28 - c.prefixLength);
  return {
    cidr: c.cidr,
    prefixLength: c.prefixLength,
    totalAddresses: c.size,
    usableAddresses: c.size - SUBNET_RESERVED_ADDRESSES,
    alignedBlocks,
    usableAlignedBlocks: Math.max(0, alignedBlocks - 2),
  };
}

/** Addresses for scattered /32s outside the usable aligned blocks: the two edge blocks' (a /28 subnet's own). */
function edgeAddresses(s: SubnetFacts): number {
  return s.prefixLength === 28 ? s.usableAddresses : EDGE_BLOCK_ADDRESSES;
}

/** At best, how many nodes needing `prefixes` aligned /28s and `singles` scattered /32s fit in one subnet. */
function nodesFittingPrefixSubnet(s: SubnetFacts, prefixes: number, singles: number): number {
  const edge = edgeAddresses(s);
  const fits = (n: number): boolean => n * prefixes + Math.ceil(Math.max(0, n * singles - edge) / IPS_PER_PREFIX) <= s.usableAlignedBlocks;
  let lo = 0;
  let hi = s.usableAlignedBlocks;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The subnet addresses a node group takes. `nodeCapacity`: the node's capacity when the caller has already computed
 * it from the same instance type, OS, mode and options (a CNI consequence, which also gives pod churn); its warnings
 * then come back once, in the usage's warnings, instead of the caller listing its own and the usage's copy.
 */
export function computeSubnetUsage(input: SubnetUsageInput, nodeCapacity?: NodeCapacity): SubnetUsage {
  requireNonNegativeInteger('nodeCount', input.nodeCount);
  requireNonNegativeInteger('podsPerNode', input.podsPerNode);
  const cidrs = parseSubnetCidrs(input.subnetCidrs);
  if (
    nodeCapacity &&
    (nodeCapacity.instanceType !== input.instanceType.name ||
      nodeCapacity.os !== input.os ||
      nodeCapacity.requestedIpMode !== input.ipMode ||
      (input.kubeletMaxPods !== undefined && nodeCapacity.kubeletMaxPods !== input.kubeletMaxPods))
  ) {
    throw new Error(
      `computeSubnetUsage: the capacity given is of another node than ${input.os} ${input.instanceType.name} ${input.ipMode}`,
    );
  }
  const capacity =
    nodeCapacity ??
    computeNodeCapacity({
      instanceType: input.instanceType,
      os: input.os,
      ipMode: input.ipMode,
      kubeletMaxPods: input.kubeletMaxPods,
      customNetworking: input.customNetworking,
      securityGroupsForPods: input.securityGroupsForPods,
      maxEnis: input.maxEnis,
      vpcCniVersion: input.vpcCniVersion,
    });
  // Pods that take a VPC IP: Windows maxPods; Linux maxPods less the 2 host-network pods.
  const podCapacity = input.os === 'WINDOWS' ? capacity.maxPods : Math.max(0, capacity.maxPods - LINUX_HOST_NETWORK_PODS);
  if (input.podsPerNode > podCapacity) {
    throw validationError(
      'podsPerNode',
      'above-node-capacity',
      `${input.podsPerNode} pods per node is above what a ${input.os} ${input.instanceType.name} node runs in ` +
        `${capacity.effectiveIpMode}: ${podCapacity} ` +
        (input.os === 'WINDOWS'
          ? `(${capacity.formula.at(-1)})`
          : `pods with VPC IPs = maxPods - ${LINUX_HOST_NETWORK_PODS} host-network pods (aws-node, kube-proxy) = ${capacity.maxPods} - ${LINUX_HOST_NETWORK_PODS}; ${capacity.formula.at(-1)}`),
    );
  }
  const warnings: CapacityWarning[] = [...capacity.warnings];
  const pool = poolOfNode(capacity, input.podsPerNode, input.warmPool);
  warnings.push(...pool.warnings);
  const formula = [...pool.formula];
  const ipsPerNode = pool.subnetIps;
  const totalIps = input.nodeCount * ipsPerNode;
  formula.push(`total IPs = nodes * IPs per node = ${input.nodeCount} * ${ipsPerNode} = ${totalIps}`);

  const subnets = cidrs.map(describeSubnet);
  for (const s of subnets) {
    formula.push(
      `${s.cidr}: usable = 2^(32 - ${s.prefixLength}) - 5 = ${s.usableAddresses}; ` +
        `/28 blocks = 2^(28 - ${s.prefixLength}) = ${s.alignedBlocks}, usable for prefixes ${s.usableAlignedBlocks}`,
    );
  }
  const usableAddresses = subnets.reduce((a, s) => a + s.usableAddresses, 0);
  const pd = capacity.effectiveIpMode === 'PREFIX_DELEGATION';
  // A node's ENIs all sit in one subnet, so count whole nodes per subnet.
  const perSubnet = subnets.map((s) =>
    pd ? nodesFittingPrefixSubnet(s, pool.prefixes, pool.enis) : ipsPerNode > 0 ? Math.floor(s.usableAddresses / ipsPerNode) : Infinity,
  );
  const nodesThatFit = perSubnet.reduce((a, n) => a + n, 0);
  if (pd) {
    // Each subnet's count with the condition it meets: n nodes take n * prefixes aligned blocks, and
    // their scattered /32s whole blocks too once the edge blocks' addresses are used up.
    subnets.forEach((s, i) =>
      formula.push(
        `${s.cidr}: nodes at best = largest n with n * ${pool.prefixes} + ceil(max(0, n * ${pool.enis} - ${edgeAddresses(s)}) / 16) <= ${s.usableAlignedBlocks} ` +
          `= ${perSubnet[i]} (each node ${pool.prefixes} aligned /28 and ${pool.enis} scattered /32; ${edgeAddresses(s)} addresses of the edge blocks take /32s)`,
      ),
    );
    if (subnets.length > 1) formula.push(`nodes that fit at best = ${perSubnet.join(' + ')} = ${nodesThatFit}`);
  } else {
    formula.push(`nodes that fit = ${subnets.map((s) => `floor(${s.usableAddresses} / ${ipsPerNode})`).join(' + ')} = ${nodesThatFit}`);
  }
  const prefixBlocksNeeded = pd ? input.nodeCount * pool.prefixes : 0;
  const prefixBlocksAvailable = pd ? subnets.reduce((a, s) => a + s.usableAlignedBlocks, 0) : 0;
  const fits = input.nodeCount <= nodesThatFit;
  const limitedBy = pd ? 'PREFIX_BLOCKS' : 'ADDRESSES';
  const verdict: SubnetVerdict = {
    fits,
    nodesThatFit,
    spareNodes: fits ? nodesThatFit - input.nodeCount : 0,
    exhaustedAtNode: fits ? null : nodesThatFit + 1,
    limitedBy,
    message: fits
      ? `fits: ${input.nodeCount} nodes use ${totalIps} of ${usableAddresses} usable addresses, room for ${nodesThatFit - input.nodeCount} more nodes`
      : `exhausted at node ${nodesThatFit + 1}: the subnets hold ${nodesThatFit} such nodes at best` +
        (pd
          ? ` (${prefixBlocksAvailable} aligned /28 blocks, ${prefixBlocksNeeded} needed)`
          : ` (${usableAddresses} usable addresses, ${totalIps} needed)`),
  };
  if (pd) {
    warnings.push({
      code: 'PREFIX_FRAGMENTATION_RISK',
      message:
        'Prefixes need free, aligned /28 blocks; every scattered /32 (node or ENI primary, secondary IP) can spoil one, and a ' +
        'fragmented subnet fails with InsufficientCidrBlocks. These figures are the best case: reserve the blocks with a subnet ' +
        'CIDR reservation (CreateSubnetCidrReservation, type prefix) or use a dedicated subnet.',
      source: SOURCE.BPG_PREFIX_WINDOWS,
    });
  }
  if (input.os === 'LINUX' && input.customNetworking) {
    warnings.push({
      code: 'CUSTOM_NETWORKING_POD_SUBNET',
      message:
        'With custom networking the pod ENIs draw from the ENIConfig subnets, not the node subnet; these figures treat the given subnets as holding all of them.',
      source: SOURCE.UG_CUSTOM_NETWORKING,
    });
  }
  const inputs: NamedValue[] = [
    ...capacity.inputs,
    { name: 'nodes', value: input.nodeCount },
    { name: 'pods per node', value: input.podsPerNode },
    ...Object.entries(pool.applied).map(([name, value]) => ({ name, value })),
    { name: 'subnets', value: subnets.map((s) => s.cidr).join(',') },
  ];
  return {
    instanceType: input.instanceType.name,
    os: input.os,
    effectiveIpMode: capacity.effectiveIpMode,
    nodeCount: input.nodeCount,
    podsPerNode: input.podsPerNode,
    enisPerNode: pool.enis,
    secondaryIpsPerNode: pool.secondaryIps,
    prefixesPerNode: pool.prefixes,
    ipsPerNode,
    warmIpsPerNode: pool.unusedIps,
    totalIps,
    subnets,
    usableAddresses,
    prefixBlocksNeeded,
    prefixBlocksAvailable,
    verdict,
    formula,
    inputs,
    warnings,
  };
}
