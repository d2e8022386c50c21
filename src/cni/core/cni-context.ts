import { parseIpv4Cidr } from '../../capacity/core/index.js';
import { SOURCE } from '../../common/core/sources.js';
import { computeConsequences, type ConsequenceContext } from './cni-consequences.js';
import type { ResolvedCniInput, ResolvedNodeGroup } from './cni-plan.js';
import type { CniRuleCode } from './cni-rules.js';
import { CNI_OPTIONS, type CniOption, type CniReason, type CniReasonEffect, type NodeGroupConsequence } from './cni.types.js';

/** A reason every Windows node group shares: Windows nodes cannot exist in this cluster at all. */
export interface WindowsBlock {
  rule: CniRuleCode;
  message: string;
  source: string;
}

/** What every rule, setting and note of one recommendation reads: the resolved input and each option's consequences. */
export interface CniContext extends ConsequenceContext {
  r: ResolvedCniInput;
  windows: ResolvedNodeGroup[];
  linux: ResolvedNodeGroup[];
  windowsBlocks: WindowsBlock[];
  consequences: Map<CniOption, NodeGroupConsequence[]>;
}

export function buildContext(r: ResolvedCniInput): CniContext {
  const windows = r.groups.filter((g) => g.os === 'WINDOWS');
  const linux = r.groups.filter((g) => g.os === 'LINUX');
  const windowsBlocks = windows.length ? findWindowsBlocks(r) : [];
  const ctx: CniContext = {
    r,
    windows,
    linux,
    windowsBlocks,
    ipFamily: r.normalized.ipFamily,
    windowsBlockedBy: windowsBlocks.length ? windowsBlocks.map((b) => b.message).join(' ') : null,
    consequences: new Map(),
  };
  for (const option of CNI_OPTIONS) {
    ctx.consequences.set(option, computeConsequences(option, r.groups, ctx));
  }
  return ctx;
}

/** IPv6 clusters and platforms without Windows (UG windows-support, cni-ipv6). */
function findWindowsBlocks(r: ResolvedCniInput): WindowsBlock[] {
  const blocks: WindowsBlock[] = [];
  if (r.normalized.ipFamily === 'IPV6') {
    blocks.push({
      rule: 'WINDOWS_UNSUPPORTED_IPV6',
      message: 'EKS does not support Windows nodes, pods or services in an IPv6 cluster (the IP family is fixed at creation).',
      source: `${SOURCE.UG_WINDOWS_SUPPORT}; ${SOURCE.UG_CNI_IPV6}`,
    });
  }
  const platformRule = {
    FARGATE: ['WINDOWS_UNSUPPORTED_ON_FARGATE', 'Fargate does not run Windows containers.'],
    AUTO_MODE: ['WINDOWS_UNSUPPORTED_ON_AUTO_MODE', 'EKS Auto Mode does not run Windows nodes.'],
    HYBRID_NODES: ['WINDOWS_UNSUPPORTED_ON_HYBRID_NODES', 'EKS Hybrid Nodes do not support Windows.'],
    EC2: null,
  }[r.normalized.platform] as [CniRuleCode, string] | null;
  if (platformRule) {
    blocks.push({ rule: platformRule[0], message: platformRule[1], source: SOURCE.UG_WINDOWS_SUPPORT });
  }
  return blocks;
}

export function reason(
  rule: CniRuleCode,
  effect: CniReasonEffect,
  weight: number,
  message: string,
  source: string,
  nodeGroups?: string[],
): CniReason {
  return {
    rule,
    effect,
    weight: effect === 'NOTE' || effect === 'RULES_OUT' ? 0 : weight,
    message,
    source,
    ...(nodeGroups && nodeGroups.length ? { nodeGroups } : {}),
  };
}

export function names(groups: readonly { name: string }[]): string {
  return groups.map((g) => g.name).join(', ');
}

export function podsPerNodeWanted(g: ResolvedNodeGroup): number {
  return Math.ceil(g.pods / Math.max(g.nodes, 1));
}

export function consequenceOf(ctx: CniContext, option: CniOption, g: ResolvedNodeGroup): NodeGroupConsequence {
  const found = ctx.consequences.get(option)?.find((c) => c.nodeGroup === g.name);
  if (!found) throw new Error(`no consequence for ${option} / ${g.name}`);
  return found;
}

/** IPv4 groups whose pods do not fit their subnets in secondary-IP mode (IPv4 exhaustion). */
export function exhaustedInSecondaryIp(ctx: CniContext, groups: readonly ResolvedNodeGroup[]): ResolvedNodeGroup[] {
  if (ctx.r.normalized.ipFamily !== 'IPV4') return [];
  return groups.filter((g) => {
    const c = consequenceOf(ctx, 'VPC_CNI_SECONDARY_IP', g);
    return c.supported && c.subnet !== null && !c.subnet.fits;
  });
}

/**
 * The Service CIDR and DNS address a Windows node picks by itself when Start-EKSBootstrap.ps1 gets no
 * -ServiceCIDR / -DNSClusterIP: from its primary IP, 10.0.0.0/8 -> 172.20.0.0/16 (DNS 172.20.0.10), else
 * 10.100.0.0/16 (DNS 10.100.0.10) (awsdocs/amazon-eks-user-guide eks-optimized-windows-ami).
 */
export function deriveWindowsServiceDefaults(subnetCidr: string): { serviceCidr: string; dnsClusterIp: string } {
  const { network } = parseIpv4Cidr(subnetCidr);
  return network >>> 24 === 10
    ? { serviceCidr: '172.20.0.0/16', dnsClusterIp: '172.20.0.10' }
    : { serviceCidr: '10.100.0.0/16', dnsClusterIp: '10.100.0.10' };
}

export interface ServiceCidrMismatch {
  group: ResolvedNodeGroup;
  /** Subnet -> the default its nodes would use, for the subnets whose default differs. */
  wrong: { subnet: string; serviceCidr: string; dnsClusterIp: string }[];
}

export function findServiceCidrMismatches(ctx: CniContext): ServiceCidrMismatch[] {
  const cluster = ctx.r.normalized.serviceIpv4Cidr;
  if (!cluster || ctx.windowsBlockedBy) return [];
  const out: ServiceCidrMismatch[] = [];
  for (const g of ctx.windows) {
    const wrong = g.subnetCidrs
      .map((subnet) => ({ subnet, ...deriveWindowsServiceDefaults(subnet) }))
      .filter((d) => d.serviceCidr !== cluster);
    if (wrong.length) out.push({ group: g, wrong });
  }
  return out;
}

/**
 * eksctl's own Start-EKSBootstrap.ps1 call on a self-managed Windows node group passes the cluster's Service
 * CIDR and its DNS address (eksctl-io/eksctl pkg/nodebootstrap/windows.go): the derived default is never used
 * there, unless the call is replaced (the DSR userdata template, overrideBootstrapCommand).
 */
export function eksctlPassesServiceCidr(ctx: CniContext): boolean {
  return ctx.r.normalized.provisioner === 'EKSCTL';
}

export function serviceCidrMessage(ctx: CniContext, m: ServiceCidrMismatch): string {
  const cluster = ctx.r.serviceCidr!;
  const which = m.wrong.map((w) => `${w.subnet} -> ${w.serviceCidr} (DNS ${w.dnsClusterIp})`).join(', ');
  const lead = `${m.group.name}: a Windows node picks its default Service CIDR from its primary IP (10.0.0.0/8 -> 172.20.0.0/16, else 10.100.0.0/16): ${which}, but the cluster's serviceIpv4Cidr is ${cluster.cidr}`;
  const flags = `-ServiceCIDR '${cluster.cidr}' -DNSClusterIP '${cluster.dnsClusterIp}'`;
  if (eksctlPassesServiceCidr(ctx))
    return (
      `${lead}. eksctl's own bootstrap call passes the cluster's Service CIDR and DNS address, so these nodes get them; ` +
      `a bootstrap call that replaces it (the DSR userdata template, overrideBootstrapCommand) must pass ${flags}, or Services and DNS break on these nodes.`
    );
  return (
    `${lead}, so Services and DNS break on these nodes unless Start-EKSBootstrap.ps1 gets ${flags} ` +
    `(eksctl passes both; Karpenter passes only -DNSClusterIP: set SERVICE_IPV4_CIDR in userData).`
  );
}
