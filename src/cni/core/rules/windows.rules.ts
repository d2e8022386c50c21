import { WINDOWS_SERVER_FACTS, WINDOWS_SERVER_SOURCE, windowsServerReleaseNeedsNewerEks } from '../../../capacity/core/index.js';
import { SOURCE } from '../../../common/core/sources.js';
import { holdsNoWindowsPod } from '../cni-consequences.js';
import { eksctlPassesServiceCidr, findServiceCidrMismatches, names, serviceCidrMessage } from '../cni-context.js';
import type { CniFinding, CniRule } from '../cni-rule-table.js';
import { CNI_WEIGHTS, NOTE_ON_VPC_CNI } from './cni-weights.js';

/** Windows node groups: where they can run at all, and what each option does for them. */

/** IPv6, Fargate, Auto Mode and Hybrid Nodes rule out every option for the Windows groups (each block under its own code). */
export const windowsCannotRunHere: CniRule = {
  code: 'WINDOWS_UNSUPPORTED_IPV6',
  weight: 0,
  assess: ({ ctx: { windowsBlocks, windows } }) =>
    windowsBlocks.map((b) => ({
      code: b.rule,
      rulesOut: true,
      message: `${b.message} Affects Windows node groups: ${names(windows)}.`,
      source: b.source,
      nodeGroups: windows.map((g) => g.name),
    })),
};

/**
 * A Windows group on a release no EKS-optimized AMI is published for at the cluster's Kubernetes version (2025 below
 * 1.35): no provisioner can launch it, so no VPC CNI option serves it, and the settings would name an AMI family or
 * alias that the templates and eksctl refuse.
 */
export const windowsServerReleaseNotOnThisEks: CniRule = {
  code: 'WINDOWS_SERVER_VERSION_GATE',
  weight: NOTE_ON_VPC_CNI,
  assess: ({ ctx }) => {
    if (ctx.windowsBlockedBy) return null;
    const k8s = ctx.r.normalized.kubernetesVersion;
    return ctx.windows.flatMap((g): CniFinding[] => {
      const min = g.windowsServerVersion ? windowsServerReleaseNeedsNewerEks(g.windowsServerVersion, k8s) : null;
      if (min === null || !g.windowsServerVersion) return [];
      const f = WINDOWS_SERVER_FACTS[g.windowsServerVersion];
      return [
        {
          rulesOut: true,
          message:
            `${g.name}: EKS publishes Windows Server ${f.year} AMIs for Kubernetes 1.${min} and later only, and the cluster runs ${k8s}: ` +
            `no provisioner can launch the group (eksctl refuses ${f.eksctlAmiFamilies.core}, Karpenter's windows${f.year}@latest and the ` +
            `${f.year} ami_types find no AMI). Raise kubernetesVersion to 1.${min} or run the group on Windows Server 2022.`,
          source: `${WINDOWS_SERVER_SOURCE.AMI_VERSIONS}; ${WINDOWS_SERVER_SOURCE.AMI_SSM}; ${WINDOWS_SERVER_SOURCE.EKSCTL}`,
          nodeGroups: [g.name],
        },
      ];
    });
  },
};

export const windowsRequiresVpcCni: CniRule = {
  code: 'WINDOWS_REQUIRES_VPC_CNI',
  weight: NOTE_ON_VPC_CNI,
  assess: ({ ctx }) =>
    ctx.windows.length
      ? {
          message:
            'Windows nodes on EKS need the VPC CNI; the VPC Resource Controller does Windows IPAM once enable-windows-ipam is "true".',
          source: `${SOURCE.UG_ALTERNATE_CNI}; ${SOURCE.UG_WINDOWS_SUPPORT}`,
        }
      : null,
};

export const calicoOverlayUnsupportedForWindows: CniRule = {
  code: 'CALICO_OVERLAY_WINDOWS_UNSUPPORTED_ON_EKS',
  weight: { CALICO_OVERLAY: 0 },
  assess: ({ ctx: { windows, r } }) =>
    windows.length
      ? {
          rulesOut: true,
          message:
            'Calico overlay networking for Windows pods on EKS is not a supported combination: Tigera lists only "EKS: VPC CNI" for Windows (calico#5687, calico#9720). The BPG Windows networking page still offers it; the newer source wins.' +
            (r.normalized.acceptUnsupportedCni ? ' acceptUnsupportedCni does not change this: no vendor supports it either.' : ''),
          source: SOURCE.TIGERA_WINDOWS_REQ_CALICO_ISSUES,
          nodeGroups: windows.map((g) => g.name),
        }
      : null,
};

/** The Service CIDR a Windows node derives from its subnet must be the cluster's. */
export const windowsServiceCidrMismatch: CniRule = {
  code: 'WINDOWS_SERVICE_CIDR_MISMATCH',
  weight: NOTE_ON_VPC_CNI,
  // Under eksctl's own bootstrap call the nodes get the cluster's Service CIDR: no consequence for an option.
  assess: ({ ctx }) =>
    (eksctlPassesServiceCidr(ctx) ? [] : findServiceCidrMismatches(ctx)).map((m) => ({
      message: serviceCidrMessage(ctx, m),
      source: SOURCE.UG_WINDOWS_AMI_SERVICE_CIDR,
      nodeGroups: [m.group.name],
    })),
};

/** Architecture, EC2, VPCRC table or reservations: a Windows group whose nodes can run no pod in this option. */
export const windowsGroupWithoutPodCapacity: CniRule = {
  code: 'NODE_GROUP_NO_POD_CAPACITY',
  weight: NOTE_ON_VPC_CNI,
  assess: ({ ctx, consequence }) => {
    if (ctx.windowsBlockedBy) return null;
    const dead = ctx.windows.filter((g) => holdsNoWindowsPod(g, consequence(g)));
    return dead.map((g): CniFinding => {
      const c = consequence(g);
      const nonX86 = !g.facts.architectures.includes('x86_64');
      const refusal = c.warnings.find((w) => w.code === 'WINDOWS_NOT_OFFERED_BY_EC2');
      if (refusal && !nonX86)
        return { rulesOut: true, message: `${g.name}: ${refusal.message}`, source: refusal.source, nodeGroups: [g.name] };
      // The reservations leave the node no memory or CPU (a Windows t3.nano or t3.small): in every mode, not a question of IPs.
      const noRoom = c.warnings.find((w) => w.code === 'NO_ALLOCATABLE_RESOURCES');
      if (noRoom && !nonX86) {
        return {
          rulesOut: true,
          message: `${g.name}: ${noRoom.message} Under any IP mode a Windows ${g.facts.name} node runs no pod; choose a type with more memory.`,
          source: noRoom.source,
          nodeGroups: [g.name],
        };
      }
      if (nonX86) {
        return {
          code: 'WINDOWS_NEEDS_X86_64',
          rulesOut: true,
          message: `${g.name}: ${g.facts.name} is ${g.facts.architectures.join('/')}; EKS-optimized Windows AMIs are x86_64 only, so it cannot be a Windows node.`,
          source: SOURCE.UG_WINDOWS_AMI_X86_64,
          nodeGroups: [g.name],
        };
      }
      return {
        rulesOut: true,
        message: `${g.name}: ${g.facts.name} gives 0 Windows pod IPs${c.warnings.length ? ` (${c.warnings.map((w) => w.code).join(', ')})` : ''}; pods stay Pending with "Insufficient vpc.amazonaws.com/PrivateIPv4Address".`,
        source: SOURCE.VPCRC_LIMITS,
        nodeGroups: [g.name],
      };
    });
  },
};

/**
 * Prefix delegation on Windows is sticky after InsufficientCidrBlocks. Not said of a group already ruled out for
 * holding no pod (NODE_GROUP_NO_POD_CAPACITY: a Windows t3.nano).
 */
export const windowsPrefixDelegationNoFallback: CniRule = {
  code: 'WINDOWS_PD_NO_FALLBACK',
  weight: { VPC_CNI_PREFIX_DELEGATION: 0 },
  assess: ({ ctx, consequence }) => {
    if (ctx.windowsBlockedBy) return null;
    const pdWindows = ctx.windows.filter(
      (g) => consequence(g).effectiveIpMode === 'PREFIX_DELEGATION' && !holdsNoWindowsPod(g, consequence(g)),
    );
    if (!pdWindows.length) return null;
    return {
      message: `Windows never falls back to secondary IPs after "InsufficientCidrBlocks: The specified subnet does not have enough free cidr blocks to satisfy the request": the controller waits for you ("caller can retry in 2 min [Action required from user to change subnet]"). Keep free aligned /28 blocks for ${names(pdWindows)}: a subnet CIDR reservation of type prefix, or a dedicated subnet.`,
      source: `${SOURCE.VPCRC_POOL}; ${SOURCE.BPG_PREFIX_WINDOWS}`,
      nodeGroups: pdWindows.map((g) => g.name),
    };
  },
};

/** Churning Windows pods: released IPs cool down 30 s before reuse. */
export const windowsIpCooldown: CniRule = {
  code: 'WINDOWS_IP_COOLDOWN',
  weight: NOTE_ON_VPC_CNI,
  assess: ({ ctx, consequence }) => {
    if (ctx.windowsBlockedBy) return null;
    const churning = ctx.windows.filter((g) => (g.podChurnPer30s ?? 0) > 0);
    if (!churning.length) return null;
    const describe = churning.map((g) => {
      const c = consequence(g);
      return `${g.name}: ${g.podChurnPer30s} pods replaced per 30 s, ${c.workloadPodsPerNode} pods per node without waiting (${c.effectiveIpMode ?? 'n/a'})`;
    });
    return {
      message: `Released Windows IPs cool down 30 s before reuse, so a node holds W - churn pods; while used + cooling = capacity new pods fail with "cannot assign resource now, resources are being cooled down". ${describe.join('; ')}.`,
      source: SOURCE.VPCRC_COOLDOWN,
      nodeGroups: churning.map((g) => g.name),
    };
  },
};

/** Custom networking is Linux-only. */
export const customNetworkingNotOnWindows: CniRule = {
  code: 'CUSTOM_NETWORKING_NOT_ON_WINDOWS',
  weight: { VPC_CNI_CUSTOM_NETWORKING: CNI_WEIGHTS.CUSTOM_NETWORKING_MIXED_CLUSTER },
  assess: ({ ctx: { windows, linux } }) => {
    if (!windows.length) return null;
    const source = `${SOURCE.UG_WINDOWS_SUPPORT}; ${SOURCE.CONTAINERS_ROADMAP_2780}`;
    const nodeGroups = windows.map((g) => g.name);
    return linux.length
      ? {
          message: `Custom networking cannot be used on Windows nodes: only the Linux groups (${names(linux)}) would use it; the Windows groups stay in secondary-IP mode.`,
          source,
          nodeGroups,
        }
      : {
          rulesOut: true,
          message: 'Custom networking cannot be used on Windows nodes, and this cluster has no Linux node group to use it.',
          source,
          nodeGroups,
        };
  },
};
