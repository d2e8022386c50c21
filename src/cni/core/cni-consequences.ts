import {
  computeNodeCapacity,
  computeSubnetUsage,
  describeSubnet,
  LINUX_HOST_NETWORK_PODS,
  parseIpv4Cidr,
  RECOMMENDED_CAP_VCPU_THRESHOLD,
  RECOMMENDED_MAX_PODS_LARGE,
  RECOMMENDED_MAX_PODS_SMALL,
  type CapacityWarning,
  type IpMode,
  type NodeCapacity,
  type NodeCapacityInput,
  type SubnetUsage,
  type SubnetUsageInput,
} from '../../capacity/core/index.js';
import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import type { ResolvedNodeGroup } from './cni-plan.js';
import type { CniOption, IpFamily, NodeGroupConsequence } from './cni.types.js';

/**
 * Kubelet max-pods the recommendation sets where IPs no longer bound pods (Windows under PD, any
 * overlay node): 110, or 250 on types with more than 30 vCPUs (BPG prefix-mode: "110, up to 250 on
 * large types"; the same threshold as the EKS max-pods calculator).
 */
export function recommendedKubeletMaxPods(facts: InstanceTypeFacts): number {
  return facts.vcpus > RECOMMENDED_CAP_VCPU_THRESHOLD ? RECOMMENDED_MAX_PODS_LARGE : RECOMMENDED_MAX_PODS_SMALL;
}

/**
 * The kubelet max-pods the recommendation sets on a Windows node under prefix delegation: the guidance (110, or 250
 * above 30 vCPUs), but never more than the W the node really gets under the mode that applies, as nodeCapacity
 * computes it: (I - 1) * 16 on Nitro, I - 1 where the VPC Resource Controller stays in secondary-IP mode (a Xen
 * m4.large). Pods beyond W stay Pending with "Insufficient vpc.amazonaws.com/PrivateIPv4Address" (BPG
 * prefix-mode_windows; VPCRC pkg/aws/vpc/limits.go). The guidance alone where the type gets no W at all.
 */
export function windowsPrefixDelegationKubeletMaxPods(facts: InstanceTypeFacts): number {
  const guidance = recommendedKubeletMaxPods(facts);
  const w = computeNodeCapacity({ instanceType: facts, os: 'WINDOWS', ipMode: 'PREFIX_DELEGATION' }).ipLimitedPods;
  return w > 0 ? Math.min(guidance, w) : guidance;
}

/** The IP mode an option asks of a node group's OS; null for the overlay (no VPC IPs for pods). */
export function requestedIpMode(option: CniOption): IpMode | null {
  switch (option) {
    case 'VPC_CNI_SECONDARY_IP':
    case 'VPC_CNI_CUSTOM_NETWORKING':
      return 'SECONDARY_IP';
    case 'VPC_CNI_PREFIX_DELEGATION':
      return 'PREFIX_DELEGATION';
    case 'CALICO_OVERLAY':
      return null;
  }
}

/**
 * The exact capacity-engine inputs an option uses for a group (exported so tests can call the
 * capacity engine with the very same values). Null when the option does not put the group's
 * pods on VPC IPs (overlay) or cannot run it.
 */
export function nodeCapacityInputFor(
  option: CniOption,
  g: Pick<ResolvedNodeGroup, 'facts' | 'os' | 'podChurnPer30s'>,
): NodeCapacityInput | null {
  const ipMode = requestedIpMode(option);
  if (ipMode === null) return null;
  const input: NodeCapacityInput = { instanceType: g.facts, os: g.os, ipMode };
  // Windows: custom networking is not possible; the group keeps secondary-IP mode (UG windows-support).
  if (option === 'VPC_CNI_CUSTOM_NETWORKING' && g.os === 'LINUX') input.customNetworking = true;
  if (option === 'VPC_CNI_PREFIX_DELEGATION' && g.os === 'WINDOWS') {
    input.kubeletMaxPods = windowsPrefixDelegationKubeletMaxPods(g.facts);
  }
  // Windows churn: released IPs cool down 30 s, so a node holds W - churn pods without waiting.
  if (g.os === 'WINDOWS' && g.podChurnPer30s !== undefined) input.podChurnPer30s = g.podChurnPer30s;
  return input;
}

/**
 * A Windows group with pods to run that no node of it can hold under the option (its type unusable, its reservations
 * taking all its memory, or churn leaving no IP): the option is ruled out for it (NODE_GROUP_NO_POD_CAPACITY), and what
 * would matter to its running pods (prefix delegation never falling back) is not said of it.
 */
export function holdsNoWindowsPod(
  g: Pick<ResolvedNodeGroup, 'os' | 'pods'>,
  consequence: Pick<NodeGroupConsequence, 'workloadPodsPerNode'>,
): boolean {
  return g.os === 'WINDOWS' && g.pods > 0 && consequence.workloadPodsPerNode === 0;
}

/**
 * The group's warnings, each said once and only where it tells something. With churn, WINDOWS_IP_COOLDOWN gives the
 * pods a node holds while released IPs cool down (W - churn); the warm pool's WARM_IP_COOLDOWN says only that they
 * cool down 30 s, so it goes (aws/amazon-vpc-resource-controller-k8s pkg/config/type.go CoolDownPeriod). A group
 * ruled out for holding no pod gets no prefix-delegation no-fallback warning: it never asks for a prefix for a pod.
 */
function groupWarnings(warnings: readonly CapacityWarning[], noPod: boolean): CapacityWarning[] {
  const churnCooldown = warnings.some((w) => w.code === 'WINDOWS_IP_COOLDOWN');
  return warnings.filter(
    (w) => !(churnCooldown && w.code === 'WARM_IP_COOLDOWN') && !(noPod && w.code === 'WINDOWS_PREFIX_DELEGATION_NO_FALLBACK'),
  );
}

/** The node's reservations take all its memory or CPU: it runs no pod, whatever its IPs and kubelet max-pods allow. */
export function hasNoAllocatableRoom(capacity: Pick<NodeCapacity, 'allocatable'>): boolean {
  return capacity.allocatable.memoryMiB === 0 || capacity.allocatable.cpuMillicores === 0;
}

function ceilDiv(a: number, b: number): number {
  return Math.ceil(a / b);
}

export function subnetUsageInputFor(
  capacityInput: NodeCapacityInput,
  g: ResolvedNodeGroup,
  nodeCount: number,
  podsPerNode: number,
): SubnetUsageInput {
  const input: SubnetUsageInput = {
    instanceType: g.facts,
    nodeCount,
    os: g.os,
    ipMode: capacityInput.ipMode,
    podsPerNode,
    subnetCidrs: g.subnetCidrs,
  };
  if (capacityInput.kubeletMaxPods !== undefined) input.kubeletMaxPods = capacityInput.kubeletMaxPods;
  if (capacityInput.customNetworking) input.customNetworking = true;
  return input;
}

/**
 * Workload pods a node runs: Windows maxPods (host-process pods take no slot of W, VPCRC pod webhook);
 * Linux maxPods less the 2 host-network pods (aws-node or calico-node, and kube-proxy) that count
 * against kubelet max-pods but take no pod IP (VPCCNI misc/eni-max-pods.txt).
 */
export function workloadPodsPerNode(g: Pick<ResolvedNodeGroup, 'os'>, maxPods: number): number {
  return g.os === 'WINDOWS' ? maxPods : Math.max(0, maxPods - LINUX_HOST_NETWORK_PODS);
}

export interface ConsequenceContext {
  ipFamily: IpFamily;
  /** Set when Windows nodes cannot exist in this cluster at all (IPv6, Fargate, Auto Mode, Hybrid Nodes). */
  windowsBlockedBy: string | null;
}

/**
 * What an option means for one node group, computed with the capacity engine: pods per node,
 * nodes needed, subnet IPs consumed and left.
 */
export function computeConsequence(option: CniOption, g: ResolvedNodeGroup, ctx: ConsequenceContext): NodeGroupConsequence {
  return consequenceWithUsage(option, g, ctx).consequence;
}

/** A group's consequence with the capacity engine's subnet usage it rests on (null off VPC IPs or off IPv4). */
interface GroupConsequence {
  g: ResolvedNodeGroup;
  consequence: NodeGroupConsequence;
  usage: SubnetUsage | null;
}

/**
 * What an option means for every node group, with the subnets checked for all the groups that draw from
 * them: each group alone, then the groups that share a subnet together (sharedSubnetCheck).
 */
export function computeConsequences(
  option: CniOption,
  groups: readonly ResolvedNodeGroup[],
  ctx: ConsequenceContext,
): NodeGroupConsequence[] {
  const each = groups.map((g) => consequenceWithUsage(option, g, ctx));
  for (const shared of groupsSharingSubnets(each)) sharedSubnetCheck(shared);
  return each.map((x) => x.consequence);
}

/**
 * The groups linked by a common subnet (directly or through another group), two or more to a set, among
 * those whose subnet math applies. Subnets are compared by CIDR: the edge refuses two different CIDRs
 * that overlap (the subnets of a VPC never overlap: EC2 CreateSubnet refuses an overlapping CidrBlock),
 * so a shared address is always a shared, identical subnet.
 */
function groupsSharingSubnets(each: readonly GroupConsequence[]): GroupConsequence[][] {
  const withSubnets = each.filter((x) => x.consequence.subnet !== null);
  const parent = withSubnets.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const firstBySubnet = new Map<string, number>();
  withSubnets.forEach((x, i) => {
    for (const cidr of x.g.subnetCidrs) {
      const first = firstBySubnet.get(cidr);
      if (first === undefined) firstBySubnet.set(cidr, i);
      else parent[find(i)] = find(first);
    }
  });
  const sets = new Map<number, GroupConsequence[]>();
  withSubnets.forEach((x, i) => sets.set(find(i), [...(sets.get(find(i)) ?? []), x]));
  return [...sets.values()].filter((set) => set.length > 1);
}

/**
 * Groups that share subnets take their addresses from the same pool: the addresses all of them take
 * (and, under prefix delegation, the aligned /28 blocks) must fit the usable addresses (blocks) of
 * all their subnets together. At best: a group may still run out in a subnet of its own.
 */
function sharedSubnetCheck(shared: readonly GroupConsequence[]): void {
  const subnets = [...new Set(shared.flatMap((x) => x.g.subnetCidrs))].map((c) => describeSubnet(parseIpv4Cidr(c)));
  const usable = subnets.reduce((a, s) => a + s.usableAddresses, 0);
  const blocksAvailable = subnets.reduce((a, s) => a + s.usableAlignedBlocks, 0);
  const consumed = shared.reduce((a, x) => a + x.consequence.subnet!.ipsConsumed, 0);
  const pd = shared.filter((x) => x.usage?.effectiveIpMode === 'PREFIX_DELEGATION');
  const blocksNeeded = pd.reduce((a, x) => a + x.usage!.prefixBlocksNeeded, 0);
  const nodes = shared.reduce((a, x) => a + x.consequence.nodesForSubnet, 0);
  const fitsTogether = consumed <= usable && blocksNeeded <= blocksAvailable;
  const together =
    `together ${nodes} nodes use ${consumed} of ${usable} usable addresses` +
    (pd.length ? ` and ${blocksNeeded} of ${blocksAvailable} aligned /28 blocks` : '');
  for (const x of shared) {
    const subnet = x.consequence.subnet!;
    const others = shared.filter((o) => o !== x);
    const common = x.g.subnetCidrs.filter((c) => others.some((o) => o.g.subnetCidrs.includes(c)));
    // Named as sharing: the groups on one of this group's subnets; the rest of the set is linked through them.
    const direct = others.filter((o) => o.g.subnetCidrs.some((c) => x.g.subnetCidrs.includes(c)));
    const linked = others.filter((o) => !direct.includes(o));
    const sharing =
      `shares ${common.join(', ')} with ${direct.map((o) => o.g.name).join(', ')}` +
      (linked.length ? ` (and, through shared subnets, draws on the pool of ${linked.map((o) => o.g.name).join(', ')})` : '') +
      `: ${together}`;
    x.consequence.subnet = {
      ...subnet,
      usableAddresses: usable,
      ipsLeft: usable - consumed,
      fits: subnet.fits && fitsTogether,
      sharedWith: others.map((o) => o.g.name),
      message: subnet.fits ? (fitsTogether ? `fits: ${sharing}` : `exhausted: ${sharing}`) : `${subnet.message}; it also ${sharing}`,
    };
    x.consequence.formula.push(
      `shared subnets ${subnets.map((s) => s.cidr).join(', ')} (${shared.map((o) => o.g.name).join(', ')}): IPs = ${shared.map((o) => o.consequence.subnet!.ipsConsumed).join(' + ')} = ${consumed} of ${usable} usable` +
        (pd.length
          ? `; /28 blocks = ${pd.map((o) => o.usage!.prefixBlocksNeeded).join(' + ')} = ${blocksNeeded} of ${blocksAvailable}`
          : ''),
    );
  }
}

/** A group's per-node figures under one option: what its consequence and the /28 demand (subnetsFragmented) both use. */
export interface GroupNodeFigures {
  capacity: NodeCapacity;
  /** The reservations leave the node no memory or CPU: no pod runs on it. */
  noRoom: boolean;
  /** Workload pods a node runs (0 when none). */
  workload: number;
  /** ceil(pods / workload); 0 without pods; null when no pod fits a node. */
  nodesNeeded: number | null;
  /** max(planned nodes, nodes needed): the nodes the subnets must hold. */
  nodesForSubnet: number;
  /** The pods each of those nodes runs. */
  podsPerNode: number;
}

/**
 * The capacity engine's answer for a group, and the nodes and pods a node it implies. A node its reservations leave
 * no memory or CPU holds no pod, whatever its IPs (the capacity engine's NO_ALLOCATABLE_RESOURCES; sizing says
 * NO_CAPACITY of it). With churn, a Windows node plans only the pods it holds while released IPs cool down.
 */
export function groupNodeFigures(capacityInput: NodeCapacityInput, g: Pick<ResolvedNodeGroup, 'os' | 'nodes' | 'pods'>): GroupNodeFigures {
  const capacity = computeNodeCapacity(capacityInput);
  const maxPods = capacity.maxPods;
  const noRoom = hasNoAllocatableRoom(capacity);
  const workload = noRoom
    ? 0
    : capacity.podsDuringCooldown !== null
      ? Math.min(workloadPodsPerNode(g, maxPods), capacity.podsDuringCooldown)
      : workloadPodsPerNode(g, maxPods);
  const nodesNeeded = workload > 0 ? ceilDiv(g.pods, workload) : g.pods === 0 ? 0 : null;
  const nodesForSubnet = Math.max(g.nodes, nodesNeeded ?? 0);
  const podsPerNode = nodesForSubnet > 0 ? Math.min(workload, ceilDiv(g.pods, nodesForSubnet)) : 0;
  return { capacity, noRoom, workload, nodesNeeded, nodesForSubnet, podsPerNode };
}

function consequenceWithUsage(option: CniOption, g: ResolvedNodeGroup, ctx: ConsequenceContext): GroupConsequence {
  const base = {
    nodeGroup: g.name,
    os: g.os,
    instanceType: g.facts.name,
    pods: g.pods,
    plannedNodes: g.nodes,
  };
  if (g.os === 'WINDOWS' && ctx.windowsBlockedBy) {
    return {
      g,
      usage: null,
      consequence: unsupportedConsequence(g, base, `Windows nodes are not supported here: ${ctx.windowsBlockedBy}`),
    };
  }

  const capacityInput = nodeCapacityInputFor(option, g);
  if (capacityInput === null) return { g, usage: null, consequence: overlayConsequence(g, base, ctx) };

  const { capacity, noRoom, workload, nodesNeeded, nodesForSubnet, podsPerNode } = groupNodeFigures(capacityInput, g);
  const maxPods = capacity.maxPods;
  const notes: string[] = [];
  if (option === 'VPC_CNI_CUSTOM_NETWORKING' && g.os === 'WINDOWS') {
    notes.push('Windows nodes cannot use custom networking: this group stays in secondary-IP mode.');
  }
  if (capacity.effectiveIpMode !== capacity.requestedIpMode) {
    notes.push(
      `${g.facts.name} is ${g.facts.hypervisor ?? 'bare metal'}: ${capacity.requestedIpMode} falls back to ${capacity.effectiveIpMode}.`,
    );
  }

  const formula = [...capacity.formula];
  if (noRoom) {
    formula.push(
      `workload pods per node = 0 (allocatable ${capacity.allocatable.cpuMillicores}m CPU, ${capacity.allocatable.memoryMiB} MiB memory: no pod fits)`,
    );
  }
  // The subnet usage reads this very capacity and lists its warnings with its own: taken from there, off IPv4 only here.
  const warnings: CapacityWarning[] = [];
  let subnet: NodeGroupConsequence['subnet'] = null;
  let usage: SubnetUsage | null = null;
  if (ctx.ipFamily === 'IPV6') {
    notes.push('IPv6 cluster: pods take IPv6 addresses, so the IPv4 subnet math does not apply.');
    warnings.push(...capacity.warnings);
  } else {
    usage = computeSubnetUsage(subnetUsageInputFor(capacityInput, g, nodesForSubnet, podsPerNode), capacity);
    subnet = {
      ipsPerNode: usage.ipsPerNode,
      ipsConsumed: usage.totalIps,
      usableAddresses: usage.usableAddresses,
      ipsLeft: usage.usableAddresses - usage.totalIps,
      fits: usage.verdict.fits,
      message: usage.verdict.message,
      sharedWith: [],
    };
    formula.push(...usage.formula);
    warnings.push(...usage.warnings);
  }
  const consequence: NodeGroupConsequence = {
    ...base,
    supported: workload > 0 || g.pods === 0,
    effectiveIpMode: capacity.effectiveIpMode,
    maxPodsPerNode: maxPods,
    workloadPodsPerNode: workload,
    nodesNeeded,
    nodesForSubnet,
    podsUseVpcIps: true,
    subnet,
    formula,
    warnings: groupWarnings(warnings, holdsNoWindowsPod(g, { workloadPodsPerNode: workload })),
    ...(notes.length ? { note: notes.join(' ') } : {}),
  };
  return { g, usage, consequence };
}

/**
 * Calico overlay: pods take addresses from the Calico IP pool, not the VPC; a node takes only its
 * primary IP, and pods per node are bounded by kubelet max-pods (Tigera EKS install page).
 */
function overlayConsequence(
  g: ResolvedNodeGroup,
  base: Pick<NodeGroupConsequence, 'nodeGroup' | 'os' | 'instanceType' | 'pods' | 'plannedNodes'>,
  ctx: ConsequenceContext,
): NodeGroupConsequence {
  if (g.os === 'WINDOWS') {
    return unsupportedConsequence(g, base, 'Calico overlay networking for Windows pods is not supported on EKS (Tigera: "EKS: VPC CNI").');
  }
  const maxPods = recommendedKubeletMaxPods(g.facts);
  const workload = workloadPodsPerNode(g, maxPods);
  const nodesNeeded = ceilDiv(g.pods, workload);
  const nodesForSubnet = Math.max(g.nodes, nodesNeeded);
  const formula = [
    `kubelet max-pods = ${maxPods} (${g.facts.vcpus} vCPUs ${g.facts.vcpus > RECOMMENDED_CAP_VCPU_THRESHOLD ? '>' : '<='} ${RECOMMENDED_CAP_VCPU_THRESHOLD})`,
    `workload pods per node = ${maxPods} - ${LINUX_HOST_NETWORK_PODS} host-network pods (calico-node, kube-proxy) = ${workload}`,
    `nodes needed = ceil(${g.pods} / ${workload}) = ${nodesNeeded}`,
  ];
  let subnet: NodeGroupConsequence['subnet'] = null;
  if (ctx.ipFamily === 'IPV4') {
    const usable = g.subnetCidrs.map((c) => describeSubnet(parseIpv4Cidr(c)).usableAddresses).reduce((a, b) => a + b, 0);
    const consumed = nodesForSubnet; // one primary IP per node; pods take none
    subnet = {
      ipsPerNode: 1,
      ipsConsumed: consumed,
      usableAddresses: usable,
      ipsLeft: usable - consumed,
      fits: consumed <= usable,
      message:
        consumed <= usable
          ? `${consumed} node IPs of ${usable} usable; pods take no VPC IPs on the overlay`
          : `${consumed} nodes need more than the ${usable} usable addresses`,
      sharedWith: [],
    };
    formula.push(`subnet IPs = ${nodesForSubnet} nodes x 1 primary IP = ${consumed} of ${usable} usable`);
  }
  return {
    ...base,
    supported: true,
    effectiveIpMode: null,
    maxPodsPerNode: maxPods,
    workloadPodsPerNode: workload,
    nodesNeeded,
    nodesForSubnet,
    podsUseVpcIps: false,
    subnet,
    formula,
    warnings: [],
    note: 'Overlay: pods take Calico pool addresses, not VPC IPs; pods per node are bounded by kubelet max-pods.',
  };
}

/** A group the option cannot run: no pods, no subnet figures, the planned nodes kept for the subnet view. */
function unsupportedConsequence(
  g: ResolvedNodeGroup,
  base: Pick<NodeGroupConsequence, 'nodeGroup' | 'os' | 'instanceType' | 'pods' | 'plannedNodes'>,
  note: string,
): NodeGroupConsequence {
  return {
    ...base,
    supported: false,
    effectiveIpMode: null,
    maxPodsPerNode: 0,
    workloadPodsPerNode: 0,
    nodesNeeded: null,
    nodesForSubnet: g.nodes,
    podsUseVpcIps: false,
    subnet: null,
    formula: [],
    warnings: [],
    note,
  };
}
