import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import { computeNodeCapacity, mapSubnetPrefixes, poolOfNode } from '../../capacity/core/index.js';

/**
 * `subnetsFragmented` from the subnets' real allocations instead of a yes/no: the subnets count as
 * fragmented when their free aligned /28 blocks (capacity core, mapSubnetPrefixes) cannot hold the
 * Windows prefix-delegation demand, worst case: per node the prefixes the controller attaches with its
 * default warm pool, ceil(max(pods + 1, 3) / 16), plus the block its primary /32 may spoil (BPG prefix-mode_windows.adoc; InsufficientCidrBlocks, VPCRC pkg/pool/pool.go).
 */

/** At most this many subnets' allocations per request. */
export const MAX_SUBNET_ALLOCATIONS = 16;

/** What `aws ec2 get-subnet-cidr-reservations` and `describe-network-interfaces` print for one subnet. */
export interface SubnetAllocationFacts {
  subnetCidr: string;
  cidrReservationsJson?: string;
  networkInterfacesJson?: string;
}

export interface WindowsDemand {
  facts: InstanceTypeFacts;
  nodes: number;
  /** Pods (taking a pod IP) of the group in all. */
  pods: number;
}

/** The allocations are checked at the edge (at least one, at most MAX_SUBNET_ALLOCATIONS); their documents are parsed here. */
export function isFragmentedFromAllocations(allocations: readonly SubnetAllocationFacts[], windows: readonly WindowsDemand[]): boolean {
  let available = 0;
  allocations.forEach((a, i) => {
    try {
      available += mapSubnetPrefixes({
        subnetCidr: a.subnetCidr,
        ...(a.cidrReservationsJson ? { cidrReservationsJson: a.cidrReservationsJson } : {}),
        ...(a.networkInterfacesJson ? { networkInterfacesJson: a.networkInterfacesJson } : {}),
      }).counts.availableForPrefixes;
    } catch (e) {
      const details = (e as { details?: { field?: string } }).details;
      if (details?.field) details.field = `subnetAllocations[${i}].${details.field}`;
      throw e;
    }
  });
  let needed = 0;
  for (const g of windows) {
    if (g.nodes === 0) continue;
    const pd = computeNodeCapacity({ instanceType: g.facts, os: 'WINDOWS', ipMode: 'PREFIX_DELEGATION' });
    if (pd.effectiveIpMode !== 'PREFIX_DELEGATION' || pd.maxPods === 0) continue;
    const podsPerNode = Math.min(pd.maxPods, Math.max(1, Math.ceil(g.pods / g.nodes)));
    needed += g.nodes * (poolOfNode(pd, podsPerNode).prefixes + 1);
  }
  return available < needed;
}
