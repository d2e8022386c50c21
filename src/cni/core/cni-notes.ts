import { checkWindowsServerVersion, type CapacityWarningCode } from '../../capacity/core/index.js';
import { SOURCE } from '../../common/core/sources.js';
import {
  eksctlPassesServiceCidr,
  exhaustedInSecondaryIp,
  findServiceCidrMismatches,
  names,
  serviceCidrMessage,
  type CniContext,
} from './cni-context.js';
import type { CniRuleCode } from './cni-rules.js';
import type { CniConflict, CniNote, CniOption } from './cni.types.js';
import { IPV4_EXHAUSTION_LINUX_SOURCE, ipv4ExhaustionLinuxMessage } from './rules/index.js';

/** The cluster-wide notes: IPv4 exhaustion first, then Windows Server versions, Service CIDRs, blocks, CoreDNS, support. */
export function buildNotes(ctx: CniContext, recommended: CniOption | null): CniNote[] {
  return dedupeNotes([...ipv4ExhaustionNotes(ctx), ...clusterNotes(ctx, recommended)]);
}

function ipv4ExhaustionNotes(ctx: CniContext): CniNote[] {
  const notes: CniNote[] = [];
  const exhaustedLinux = exhaustedInSecondaryIp(ctx, ctx.linux);
  if (exhaustedLinux.length) {
    notes.push({
      rule: 'IPV4_EXHAUSTION_LINUX',
      severity: 'WARNING',
      message: ipv4ExhaustionLinuxMessage(names(exhaustedLinux), ctx.windows.length > 0),
      source: IPV4_EXHAUSTION_LINUX_SOURCE,
    });
  }
  const exhaustedWindows = ctx.windowsBlockedBy ? [] : exhaustedInSecondaryIp(ctx, ctx.windows);
  if (exhaustedWindows.length) {
    notes.push({
      rule: 'IPV4_EXHAUSTION_WINDOWS',
      severity: 'WARNING',
      message: `IPv4 exhaustion for Windows pods (${names(exhaustedWindows)}): prefix delegation plus dedicated large subnets; neither IPv6 nor custom networking is available for Windows.`,
      source: `${SOURCE.UG_WINDOWS_SUPPORT}; ${SOURCE.CONTAINERS_ROADMAP_2780}`,
    });
  }
  return notes;
}

function clusterNotes(ctx: CniContext, recommended: CniOption | null): CniNote[] {
  return [
    ...(ctx.windowsBlockedBy ? [] : [...windowsServerVersionNotes(ctx), ...serviceCidrNotes(ctx)]),
    ...windowsBlockNotes(ctx),
    ...(ctx.windows.length ? windowsClusterShapeNotes(ctx, recommended) : []),
    ...supportNotes(ctx),
  ];
}

/** What each Windows Server release means here (capacity core, checkWindowsServerVersion). */
function windowsServerVersionNotes(ctx: CniContext): CniNote[] {
  const n = ctx.r.normalized;
  const notes: CniNote[] = [];
  for (const g of ctx.windows) {
    if (!g.windowsServerVersion) continue;
    const checks = checkWindowsServerVersion({
      version: g.windowsServerVersion,
      kubernetesVersion: n.kubernetesVersion,
      networkPolicyOnWindows: n.needs.networkPolicyOnWindows,
    });
    for (const w of checks) {
      const rule = WINDOWS_SERVER_NOTE_RULES[w.code];
      if (!rule) continue;
      notes.push({
        rule,
        severity: w.code === 'WINDOWS_CONTAINER_OS_BUILD' ? 'INFO' : 'WARNING',
        message: `${g.name}: ${w.message}`,
        source: w.source,
      });
    }
  }
  return notes;
}

/** The capacity core's Windows Server warnings, under the CNI rule each is noted as. */
const WINDOWS_SERVER_NOTE_RULES: Partial<Record<CapacityWarningCode, CniRuleCode>> = {
  WINDOWS_SERVER_VERSION_NEEDS_NEWER_EKS: 'WINDOWS_SERVER_VERSION_GATE',
  WINDOWS_CONTAINER_OS_BUILD: 'WINDOWS_CONTAINER_OS_BUILD',
  WINDOWS_SERVER_NETWORK_POLICY_UNSUPPORTED: 'WINDOWS_SERVER_2025_NETWORK_POLICY_UNSUPPORTED',
  WINDOWS_SERVER_2019_ADDONS_LEAVING: 'WINDOWS_SERVER_VERSION_GATE',
};

function serviceCidrNotes(ctx: CniContext): CniNote[] {
  const eksctl = eksctlPassesServiceCidr(ctx);
  return findServiceCidrMismatches(ctx).map((m) => ({
    rule: 'WINDOWS_SERVICE_CIDR_MISMATCH',
    severity: eksctl ? 'INFO' : 'WARNING',
    message: serviceCidrMessage(ctx, m),
    source: eksctl ? `${SOURCE.UG_WINDOWS_AMI_SERVICE_CIDR}; ${SOURCE.EKSCTL_WINDOWS_BOOTSTRAP}` : SOURCE.UG_WINDOWS_AMI_SERVICE_CIDR,
  }));
}

function windowsBlockNotes(ctx: CniContext): CniNote[] {
  return ctx.windowsBlocks.map((b) => ({
    rule: b.rule,
    severity: 'WARNING',
    message: `${b.message} Every option is UNSUPPORTED for the Windows node groups (${names(ctx.windows)}).`,
    source: b.source,
  }));
}

/** Windows back-end pods one load-balanced Service supports (UG network-load-balancing). */
export const WINDOWS_SERVICE_MAX_BACKEND_PODS = 1024;

/** A cluster with Windows nodes: Linux nodes for CoreDNS, the Service back-end limit, and which ConfigMap keys the settings use. */
function windowsClusterShapeNotes(ctx: CniContext, recommended: CniOption | null): CniNote[] {
  const notes: CniNote[] = [];
  const linuxNodes = ctx.linux.reduce((s, g) => s + g.nodes, 0);
  if (ctx.linux.length === 0) {
    notes.push({
      rule: 'LINUX_NODES_FOR_COREDNS',
      severity: 'WARNING',
      message: "No Linux node group: CoreDNS (and Calico's Linux parts) run only on Linux; add at least one, better two, Linux nodes.",
      source: `${SOURCE.UG_WINDOWS_SUPPORT}; ${SOURCE.EKSCTL_WINDOWS}`,
    });
  } else if (linuxNodes < 2) {
    notes.push({
      rule: 'LINUX_NODES_FOR_COREDNS',
      severity: 'INFO',
      message: `${linuxNodes} Linux node(s): CoreDNS runs only on Linux; two Linux nodes keep DNS up through a node loss.`,
      source: `${SOURCE.UG_WINDOWS_SUPPORT}; ${SOURCE.EKSCTL_WINDOWS}`,
    });
  }
  const windowsPods = ctx.r.normalized.windowsPods;
  if (windowsPods > WINDOWS_SERVICE_MAX_BACKEND_PODS) {
    notes.push({
      rule: 'WINDOWS_SERVICE_BACKENDS_LIMIT',
      severity: 'INFO',
      message:
        `${windowsPods} Windows pods: a single Service with a load balancer supports up to ${WINDOWS_SERVICE_MAX_BACKEND_PODS} Windows back-end pods ` +
        '(each with its own IP); put more replicas than that behind several Services.',
      source: SOURCE.UG_NETWORK_LOAD_BALANCING,
    });
  }
  if (recommended && recommended !== 'CALICO_OVERLAY') {
    notes.push({
      rule: 'WINDOWS_IPAM_CONFIGMAP_KEYS',
      severity: 'INFO',
      message:
        'The settings use the un-prefixed ConfigMap keys (warm-ip-target, minimum-ip-target), which the VPC Resource Controller reads first and the VPC CNI Helm chart writes; ' +
        'it reads a windows-* key (windows-warm-ip-target, windows-minimum-ip-target, windows-warm-prefix-target) only when its un-prefixed twin is absent, so a leftover one still counts: do not set both families.',
      source: `${SOURCE.VPCRC_LOADER}; ${SOURCE.VPCRC_KEYS}`,
    });
  }
  return notes;
}

/** Security groups for pods, platforms that manage pod networking, alternate CNIs. */
function supportNotes(ctx: CniContext): CniNote[] {
  const n = ctx.r.normalized;
  const notes: CniNote[] = [];
  if (n.needs.securityGroupsForPods && ctx.windows.length && n.windowsPods > 0) {
    notes.push({
      rule: 'SGP_LINUX_ONLY',
      severity: 'WARNING',
      message: `Security groups for pods cannot be used with pods on Windows nodes (${names(ctx.windows)}); only Linux pods can get them${ctx.linux.length ? '' : ', and this cluster has no Linux node group'}.`,
      source: SOURCE.UG_SGP,
    });
  }
  if (n.platform !== 'EC2' && !ctx.windows.length) {
    notes.push({
      rule: 'PLATFORM_MANAGES_POD_NETWORKING',
      severity: 'INFO',
      message: `On ${n.platform} AWS manages the pod networking of its own capacity; the options and settings here apply to EC2 node groups.`,
      source: SOURCE.UG_AUTO_MODE,
    });
  }
  if (n.acceptUnsupportedCni) {
    notes.push({
      rule: 'ALTERNATE_CNI_NEEDS_VENDOR_SUPPORT',
      severity: 'INFO',
      message: ctx.windows.length
        ? 'acceptUnsupportedCni is set, but the Calico overlay stays UNSUPPORTED: no one supports it for Windows pods on EKS.'
        : 'acceptUnsupportedCni is set: the Calico overlay can be VIABLE on this Linux-only cluster, with support from the vendor, never AWS.',
      source: `${SOURCE.UG_ALTERNATE_CNI}; ${SOURCE.TIGERA_WINDOWS_REQ_CALICO_ISSUES}`,
    });
  }
  return notes;
}

export function buildConflicts(ctx: CniContext): CniConflict[] {
  if (!ctx.windows.length) return [];
  return [
    {
      topic: 'Calico overlay as the CNI for Windows pods on EKS',
      positions: [
        { source: SOURCE.BPG_WINDOWS_NETWORKING, says: 'Offers Calico as an alternative CNI for Windows nodes.' },
        {
          source: SOURCE.TIGERA_WINDOWS_REQ_CALICO_ISSUES,
          says: 'Lists only "EKS: VPC CNI" for Calico on Windows; overlay on EKS Windows is unsupported.',
        },
      ],
      resolution:
        'The newer vendor source wins: the Calico overlay is UNSUPPORTED for Windows; Calico is used in policy-only mode on top of the VPC CNI.',
    },
  ];
}

function dedupeNotes(notes: CniNote[]): CniNote[] {
  const seen = new Set<string>();
  return notes.filter((x) => {
    const key = `${x.rule}|${x.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
