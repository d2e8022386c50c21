import { mapSubnetPrefixes, poolOfNode } from '../../capacity/core/index.js';
import { groupNodeFigures, nodeCapacityInputFor } from './cni-consequences.js';
import type { ResolvedNodeGroup } from './cni-plan.js';

/**
 * `subnetsFragmented` from the subnets' real allocations instead of a yes/no: the subnets count as
 * fragmented when their free aligned /28 blocks (capacity core, mapSubnetPrefixes) cannot hold the
 * Windows prefix-delegation demand, worst case: on each of max(planned, needed) nodes the prefixes the controller
 * attaches with its default warm pool, ceil(max(pods + 1, 3) / 16), plus the block its primary /32 may spoil (BPG prefix-mode_windows.adoc; InsufficientCidrBlocks, VPCRC pkg/pool/pool.go).
 */

/** At most this many subnets' allocations per request. */
export const MAX_SUBNET_ALLOCATIONS = 16;

/** What `aws ec2 get-subnet-cidr-reservations` and `describe-network-interfaces` print for one subnet. */
export interface SubnetAllocationFacts {
  subnetCidr: string;
  cidrReservationsJson?: string;
  networkInterfacesJson?: string;
}

/** A Windows node group as the recommendation resolved it: its type, planned nodes, share of the pods and churn. */
export type WindowsDemand = Pick<ResolvedNodeGroup, 'facts' | 'os' | 'nodes' | 'pods' | 'podChurnPer30s'>;

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
  // The group's figures under prefix delegation, as its consequence computes them: its kubelet max-pods (110 or 250,
  // at most W), and max(planned, needed) nodes each running its share of the pods.
  let needed = 0;
  for (const g of windows) {
    const input = nodeCapacityInputFor('VPC_CNI_PREFIX_DELEGATION', g);
    if (input === null) continue;
    const f = groupNodeFigures(input, g);
    if (f.capacity.effectiveIpMode !== 'PREFIX_DELEGATION' || f.workload === 0 || f.nodesForSubnet === 0) continue;
    needed += f.nodesForSubnet * (poolOfNode(f.capacity, f.podsPerNode).prefixes + 1);
  }
  return available < needed;
}
