import type { NodeOs } from '../../capacity/core/index.js';
import type { CniPlan, CniPlannedNodeGroup, CniRecommendation, ServiceCidr } from './cni.types.js';
import { isFragmentedFromAllocations } from './subnet-fragmentation.js';

/** A node group with its facts and its share of the pods. */
export interface ResolvedNodeGroup extends CniPlannedNodeGroup {
  index: number;
  /** This group's share of windowsPods / linuxPods (by node count). */
  pods: number;
}

export interface ResolvedCniInput {
  normalized: CniRecommendation['input'];
  /** The cluster's Service CIDR; null when not given. */
  serviceCidr: ServiceCidr | null;
  groups: ResolvedNodeGroup[];
}

/**
 * Spreads `total` pods over groups in proportion to their nodes (largest remainder, ties to the
 * earlier group), so the shares add up to `total` exactly. Groups with no nodes share evenly
 * when no group of that OS has nodes.
 */
export function spreadPods(total: number, nodes: readonly number[]): number[] {
  if (nodes.length === 0) return [];
  const allZero = nodes.every((n) => n === 0);
  const weights = allZero ? nodes.map(() => 1) : nodes;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i] += 1;
    left -= 1;
  }
  return shares;
}

/** Each group's share of its OS's pods, by node count. */
function groupPods(plan: CniPlan): number[] {
  const pods: number[] = plan.nodeGroups.map(() => 0);
  for (const [os, total] of [
    ['WINDOWS', plan.windowsPods],
    ['LINUX', plan.linuxPods],
  ] as [NodeOs, number][]) {
    const ofOs = plan.nodeGroups.map((g, index) => ({ g, index })).filter(({ g }) => g.os === os);
    const shares = spreadPods(
      total,
      ofOs.map(({ g }) => g.nodes),
    );
    ofOs.forEach(({ index }, k) => (pods[index] = shares[k]));
  }
  return pods;
}

/**
 * The plan (checked at the edge, instance types resolved) with its defaults applied and the pods spread
 * over the node groups; `subnetsFragmented` from the subnets' allocations when only those are given.
 */
export function resolveCniPlan(plan: CniPlan): ResolvedCniInput {
  const pods = groupPods(plan);
  const groups = plan.nodeGroups.map((g, index) => ({ ...g, index, pods: pods[index] }));
  const needs = plan.needs ?? {};
  const subnetsFragmented =
    plan.subnetsFragmented ??
    (plan.subnetAllocations
      ? isFragmentedFromAllocations(
          plan.subnetAllocations,
          groups.filter((g) => g.os === 'WINDOWS'),
        )
      : false);
  const serviceCidr = plan.serviceCidr ?? null;
  return {
    normalized: {
      kubernetesVersion: plan.kubernetesVersion,
      ipFamily: plan.ipFamily ?? 'IPV4',
      platform: plan.platform ?? 'EC2',
      windowsPods: plan.windowsPods,
      linuxPods: plan.linuxPods,
      servicesPerWindowsNode: plan.servicesPerWindowsNode ?? 0,
      subnetsFragmented,
      acceptUnsupportedCni: plan.acceptUnsupportedCni ?? false,
      needs: {
        networkPolicyOnWindows: needs.networkPolicyOnWindows ?? false,
        networkPolicyOnLinux: needs.networkPolicyOnLinux ?? false,
        securityGroupsForPods: needs.securityGroupsForPods ?? false,
        albIpTargets: needs.albIpTargets ?? false,
        webhooksOnPods: needs.webhooksOnPods ?? false,
        externalTrafficPolicyLocal: needs.externalTrafficPolicyLocal ?? false,
      },
      provisioner: plan.provisioner ?? 'EKSCTL',
      serviceIpv4Cidr: serviceCidr?.cidr ?? null,
    },
    serviceCidr,
    groups,
  };
}
