import { SOURCE } from '../../../common/core/sources.js';
import { windowsPrefixDelegationKubeletMaxPods } from '../cni-consequences.js';
import { consequenceOf, names, podsPerNodeWanted, type CniContext } from '../cni-context.js';
import type { ResolvedNodeGroup } from '../cni-plan.js';
import type { CniRule } from '../cni-rule-table.js';
import type { NodeGroupConsequence } from '../cni.types.js';
import { CNI_WEIGHTS } from './cni-weights.js';

/** Windows pods per node: above I - 1 in secondary-IP mode, prefix delegation on Nitro types, kubelet max-pods. */

/** Windows groups that want more pods a node than secondary-IP mode gives (I - 1), when it gives any. */
function exceedingSecondaryIp(ctx: CniContext): ResolvedNodeGroup[] {
  return ctx.windows.filter((g) => {
    const sec = consequenceOf(ctx, 'VPC_CNI_SECONDARY_IP', g);
    return g.pods > 0 && sec.workloadPodsPerNode > 0 && podsPerNodeWanted(g) > sec.workloadPodsPerNode;
  });
}

function describe(g: ResolvedNodeGroup, c: NodeGroupConsequence): string {
  return `${g.name} (${g.facts.name}): ${podsPerNodeWanted(g)} pods/node wanted on ${g.nodes} nodes, ${c.workloadPodsPerNode} per node here -> ${c.nodesNeeded ?? 'no'} nodes`;
}

export const windowsPodsExceedSecondaryIp: CniRule = {
  code: 'WINDOWS_PODS_EXCEED_SECONDARY_IP',
  weight: {
    VPC_CNI_SECONDARY_IP: CNI_WEIGHTS.WINDOWS_PODS_EXCEED_SECONDARY_IP_SECONDARY,
    VPC_CNI_PREFIX_DELEGATION: CNI_WEIGHTS.WINDOWS_PODS_EXCEED_SECONDARY_IP_PD,
    VPC_CNI_CUSTOM_NETWORKING: CNI_WEIGHTS.WINDOWS_PODS_EXCEED_SECONDARY_IP_SECONDARY,
  },
  assess: ({ ctx, option, consequence }) => {
    if (ctx.windowsBlockedBy) return null;
    const exceeding = exceedingSecondaryIp(ctx);
    if (option !== 'VPC_CNI_PREFIX_DELEGATION') {
      if (!exceeding.length) return null;
      return {
        message: `Windows pods per node exceed I - 1 in secondary-IP mode: ${exceeding.map((g) => describe(g, consequence(g))).join('; ')}. More nodes, or prefix delegation.`,
        source: SOURCE.BPG_PREFIX_WINDOWS,
        nodeGroups: exceeding.map((g) => g.name),
      };
    }
    const gaining = exceeding.filter((g) => consequence(g).effectiveIpMode === 'PREFIX_DELEGATION');
    if (!gaining.length) return null;
    return {
      message: `Windows pods per node exceed I - 1; prefix delegation gives (I - 1) * 16: ${gaining.map((g) => describe(g, consequence(g))).join('; ')}.`,
      source: SOURCE.BPG_PREFIX_WINDOWS,
      nodeGroups: gaining.map((g) => g.name),
    };
  },
};

/** Prefix delegation needs Nitro: on Xen types the VPC Resource Controller stays in secondary-IP mode. */
export const windowsPrefixDelegationNeedsNitro: CniRule = {
  code: 'WINDOWS_PD_NEEDS_NITRO',
  weight: { VPC_CNI_PREFIX_DELEGATION: CNI_WEIGHTS.WINDOWS_PD_NEEDS_NITRO_ONLY_XEN },
  assess: ({ ctx, consequence }) => {
    if (ctx.windowsBlockedBy) return null;
    const xen = ctx.windows.filter((g) => consequence(g).effectiveIpMode === 'SECONDARY_IP');
    if (!xen.length) return null;
    const exceeding = exceedingSecondaryIp(ctx);
    const gaining = exceeding.filter((g) => consequence(g).effectiveIpMode === 'PREFIX_DELEGATION');
    const xenWanting = xen.filter((g) => exceeding.includes(g));
    return {
      // Nothing lost when no Xen group wants more pods; less lost when other groups still gain.
      weight:
        xenWanting.length === 0
          ? 0
          : gaining.length === 0
            ? CNI_WEIGHTS.WINDOWS_PD_NEEDS_NITRO_ONLY_XEN
            : CNI_WEIGHTS.WINDOWS_PD_NEEDS_NITRO_SOME_XEN,
      message:
        `Prefix delegation needs Nitro or bare-metal types; the VPC Resource Controller silently stays in secondary-IP mode on ${xen.map((g) => `${g.name} (${g.facts.name}, ${g.facts.hypervisor ?? 'unknown'})`).join(', ')}` +
        (xenWanting.length ? `, so ${names(xenWanting)} still get only I - 1 pods per node. Choose a Nitro type to benefit.` : '.'),
      source: `${SOURCE.BPG_PREFIX_WINDOWS}; ${SOURCE.VPCRC_PD}`,
      nodeGroups: xen.map((g) => g.name),
    };
  },
};

/** Under prefix delegation kubelet max-pods, not IPs, bounds Windows pods. */
export const windowsKubeletMaxPodsRaised: CniRule = {
  code: 'WINDOWS_KUBELET_MAX_PODS_RAISED',
  weight: { VPC_CNI_PREFIX_DELEGATION: 0 },
  assess: ({ ctx, consequence }) => {
    if (ctx.windowsBlockedBy) return null;
    // Not for a group whose nodes hold no pod at all (NODE_GROUP_NO_POD_CAPACITY says why).
    const raised = ctx.windows.filter(
      (g) => consequence(g).effectiveIpMode === 'PREFIX_DELEGATION' && (g.pods === 0 || consequence(g).workloadPodsPerNode > 0),
    );
    if (!raised.length) return null;
    return {
      message: `Under prefix delegation kubelet max-pods bounds Windows pods: set --max-pods (eksctl maxPodsPerNode) to ${raised.map((g) => `${g.name}: ${windowsPrefixDelegationKubeletMaxPods(g.facts)}`).join(', ')} (110, up to 250 on types with more than 30 vCPUs, but no more than the (I - 1) * 16 pod IPs of the type).`,
      source: SOURCE.BPG_PREFIX_WINDOWS,
      nodeGroups: raised.map((g) => g.name),
    };
  },
};
