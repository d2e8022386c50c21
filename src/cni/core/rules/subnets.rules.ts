import { isNitro } from '../../../catalog/core/instance-type.facts.js';
import { SOURCE } from '../../../common/core/sources.js';
import { exhaustedInSecondaryIp, names } from '../cni-context.js';
import type { CniRule } from '../cni-rule-table.js';
import { CNI_WEIGHTS, NOTE_ON_VPC_CNI } from './cni-weights.js';

/** Subnets: fragmentation, room for the node groups, IPv4 exhaustion, IPv6. */

/** Prefix delegation needs free aligned /28 blocks; secondary-IP mode takes single IPs anywhere. */
export const fragmentedSubnetsAvoidPrefixDelegation: CniRule = {
  code: 'FRAGMENTED_SUBNETS_AVOID_PD',
  weight: { VPC_CNI_PREFIX_DELEGATION: CNI_WEIGHTS.FRAGMENTED_PD, VPC_CNI_SECONDARY_IP: CNI_WEIGHTS.FRAGMENTED_SECONDARY },
  assess: ({ ctx, option }) => {
    if (!ctx.r.normalized.subnetsFragmented) return null;
    return option === 'VPC_CNI_PREFIX_DELEGATION'
      ? {
          message:
            'Prefix delegation needs free aligned /28 blocks; scattered IPs in fragmented subnets make attachments fail with InsufficientCidrBlocks. If you need it anyway: a new subnet with a prefix CIDR reservation (CreateSubnetCidrReservation, type prefix).',
          source: `${SOURCE.BPG_PREFIX_WINDOWS}; ${SOURCE.EC2_SUBNETS}`,
        }
      : {
          message:
            'Fragmented subnets: stay in secondary-IP mode, which takes single IPs anywhere; tune warm-ip-target / minimum-ip-target so fewer IPs sit idle.',
          source: `${SOURCE.BPG_PREFIX_WINDOWS}; ${SOURCE.VPCRC_SECONDARY}`,
        };
  },
};

/** Subnet capacity per option (from the capacity engine). */
export const subnetCannotHoldNodeGroup: CniRule = {
  code: 'SUBNET_CANNOT_HOLD_NODE_GROUP',
  weight: CNI_WEIGHTS.SUBNET_CANNOT_HOLD,
  assess: ({ ctx, option }) => {
    const tooSmall = (ctx.consequences.get(option) ?? []).filter((c) => c.supported && c.subnet && !c.subnet.fits);
    if (!tooSmall.length) return null;
    return {
      message: `The subnets cannot hold: ${tooSmall.map((c) => `${c.nodeGroup}: ${c.subnet?.message}`).join('; ')}.`,
      source: SOURCE.EC2_SUBNETS,
      nodeGroups: tooSmall.map((c) => c.nodeGroup),
    };
  },
};

/** IPv4 exhaustion for Windows: no IPv6, no custom networking; prefix delegation and large subnets. */
export const ipv4ExhaustionWindows: CniRule = {
  code: 'IPV4_EXHAUSTION_WINDOWS',
  weight: {
    VPC_CNI_PREFIX_DELEGATION: CNI_WEIGHTS.IPV4_EXHAUSTION_WINDOWS_PD,
    VPC_CNI_SECONDARY_IP: CNI_WEIGHTS.IPV4_EXHAUSTION_WINDOWS_SECONDARY,
    VPC_CNI_CUSTOM_NETWORKING: 0,
  },
  assess: ({ ctx }) => {
    const exhausted = ctx.windowsBlockedBy ? [] : exhaustedInSecondaryIp(ctx, ctx.windows);
    if (!exhausted.length) return null;
    return {
      message: `IPv4 exhaustion for Windows pods (${names(exhausted)}): Windows has no IPv6 and no custom networking, so use prefix delegation plus dedicated large subnets (a secondary VPC CIDR works: nodes and pods both draw from it).`,
      source: `${SOURCE.UG_WINDOWS_SUPPORT}; ${SOURCE.CONTAINERS_ROADMAP_2780}`,
      nodeGroups: exhausted.map((g) => g.name),
    };
  },
};

/** The advice for Linux pods when their subnets run out (UG cni-subnet-selection, BPG networking). */
export function ipv4ExhaustionLinuxMessage(groupsText: string, hasWindows: boolean): string {
  return (
    `IPv4 exhaustion for Linux pods (${groupsText}): first enhanced subnet discovery (VPC CNI >= 1.18, on by default), which AWS ` +
    'recommends "for most use cases": tag extra subnets in the same availability zones kubernetes.io/role/cni=1 and the Linux nodes ' +
    'take pod IPs from them too, with no ENIConfig and no ENI lost (Linux nodes only: Windows IPAM does not use it). Custom networking ' +
    `(pod subnets in 100.64.0.0/10) only when pods need separate security groups or isolation; an IPv6 cluster is a new cluster${hasWindows ? ' (not possible here: Windows nodes need IPv4)' : ''}; an overlay last, with commercial support.`
  );
}

export const IPV4_EXHAUSTION_LINUX_SOURCE = `${SOURCE.UG_CNI_SUBNET_SELECTION}; ${SOURCE.BPG_NETWORKING_INDEX}; ${SOURCE.UG_CUSTOM_NETWORKING}`;

/** Linux exhaustion, first answer: enhanced subnet discovery keeps secondary-IP mode. */
export const enhancedSubnetDiscovery: CniRule = {
  code: 'ENHANCED_SUBNET_DISCOVERY',
  weight: { VPC_CNI_SECONDARY_IP: CNI_WEIGHTS.ENHANCED_SUBNET_DISCOVERY_SECONDARY },
  assess: ({ ctx }) => {
    const exhausted = exhaustedInSecondaryIp(ctx, ctx.linux);
    if (!exhausted.length) return null;
    return {
      message: `Enhanced subnet discovery keeps the Linux groups (${names(exhausted)}) in secondary-IP mode and adds addresses: tag more subnets in their availability zones kubernetes.io/role/cni=1 (=0 excludes one). Linux nodes only.`,
      source: SOURCE.UG_CNI_SUBNET_SELECTION,
      nodeGroups: exhausted.map((g) => g.name),
    };
  },
};

/** Linux exhaustion, then: custom networking for separate security groups, an overlay last. */
export const ipv4ExhaustionLinux: CniRule = {
  code: 'IPV4_EXHAUSTION_LINUX',
  weight: {
    VPC_CNI_CUSTOM_NETWORKING: CNI_WEIGHTS.IPV4_EXHAUSTION_LINUX_CUSTOM,
    VPC_CNI_SECONDARY_IP: 0,
    CALICO_OVERLAY: CNI_WEIGHTS.IPV4_EXHAUSTION_LINUX_OVERLAY,
  },
  assess: ({ ctx, option }) => {
    const exhausted = exhaustedInSecondaryIp(ctx, ctx.linux);
    if (!exhausted.length) return null;
    const msg = ipv4ExhaustionLinuxMessage(names(exhausted), ctx.windows.length > 0);
    return {
      message:
        option === 'VPC_CNI_CUSTOM_NETWORKING'
          ? `After enhanced subnet discovery: custom networking, for pods that need their own security groups or isolation. ${msg}`
          : msg,
      source: IPV4_EXHAUSTION_LINUX_SOURCE,
      nodeGroups: exhausted.map((g) => g.name),
    };
  },
};

export const ipv6PodsOffIpv4Subnets: CniRule = {
  code: 'IPV6_PODS_OFF_IPV4_SUBNETS',
  weight: NOTE_ON_VPC_CNI,
  assess: ({ ctx: { r, linux } }) =>
    r.normalized.ipFamily === 'IPV6' && linux.length
      ? {
          message: 'IPv6 cluster: Linux pods take IPv6 addresses (Nitro types only), so IPv4 subnet consumption by pods does not apply.',
          source: SOURCE.UG_CNI_IPV6,
          nodeGroups: linux.map((g) => g.name),
        }
      : null,
};

/** An IPv6 cluster: the VPC CNI cannot run custom networking there (UG cni-ipv6, "Custom networking not supported"). */
export const customNetworkingNotOnIpv6: CniRule = {
  code: 'CUSTOM_NETWORKING_NOT_ON_IPV6',
  weight: { VPC_CNI_CUSTOM_NETWORKING: 0 },
  assess: ({ ctx: { r, linux } }) =>
    r.normalized.ipFamily === 'IPV6' && linux.length
      ? {
          rulesOut: true,
          message:
            'IPv6 cluster: custom networking cannot be used with IPv6 (IPv6 itself is the answer to the IPv4 exhaustion custom networking eases); keep an IPv4 cluster if pods need custom networking for isolation.',
          source: SOURCE.UG_CNI_IPV6_NO_CUSTOM_NETWORKING,
          nodeGroups: linux.map((g) => g.name),
        }
      : null,
};

/** An IPv6 cluster takes Nitro-based EC2 nodes only (UG cni-ipv6, "Nitro-based EC2 nodes required"). */
export const ipv6NeedsNitro: CniRule = {
  code: 'IPV6_NEEDS_NITRO',
  weight: NOTE_ON_VPC_CNI,
  assess: ({ ctx: { r, linux } }) => {
    if (r.normalized.ipFamily !== 'IPV6') return null;
    const xen = linux.filter((g) => !isNitro(g.facts));
    return xen.length
      ? {
          rulesOut: true,
          message: `IPv6 cluster: only Nitro-based EC2 nodes can be used, and ${xen.map((g) => `${g.name} (${g.facts.name}, ${g.facts.hypervisor ?? 'unknown'})`).join(', ')} ${xen.length === 1 ? 'is' : 'are'} not: choose a Nitro type.`,
          source: SOURCE.UG_CNI_IPV6,
          nodeGroups: xen.map((g) => g.name),
        }
      : null;
  },
};

/** An IPv6 cluster: the VPC CNI gives pods IPv6 addresses in prefix assignment mode only (UG cni-ipv6). */
export const secondaryIpNotOnIpv6: CniRule = {
  code: 'SECONDARY_IP_NOT_ON_IPV6',
  weight: { VPC_CNI_SECONDARY_IP: 0 },
  assess: ({ ctx: { r, linux } }) =>
    r.normalized.ipFamily === 'IPV6' && linux.length
      ? {
          rulesOut: true,
          message:
            'IPv6 cluster: the VPC CNI assigns pod IPv6 addresses in prefix assignment mode only (one /80 per ENI), so secondary-IP mode is not available; use prefix delegation.',
          source: SOURCE.UG_CNI_IPV6_PREFIX_ONLY,
          nodeGroups: linux.map((g) => g.name),
        }
      : null,
};
