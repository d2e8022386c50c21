import {
  checkWindowsServerVersion,
  dsrKubeProxyFlags,
  HNS_PORT_EXHAUSTION_ERROR,
  parseIpv4Cidr,
  WINDOWS_SERVER_FACTS,
  WINDOWS_SERVICES_PER_NODE_LIMIT,
} from '../../capacity/core/index.js';
import { computeConsequence, recommendedKubeletMaxPods, type ConsequenceContext } from './cni-consequences.js';
import { parseServiceCidr, resolveCniInput, type ResolvedCniInput, type ResolvedNodeGroup } from './cni-input.validation.js';
import { SOURCE } from '../../common/core/sources.js';
import type { CniRuleCode } from './cni-rules.js';
import { CNI_TEMPLATE_IDS } from './cni-template-ids.js';
import { provisionerWindowsSettings } from './cni-provisioner-settings.js';
import {
  CNI_OPTIONS,
  type CniConflict,
  type CniDeps,
  type CniNote,
  type CniOption,
  type CniOptionAssessment,
  type CniReason,
  type CniReasonEffect,
  type CniRecommendation,
  type CniRecommendationInput,
  type CniSetting,
  type CniVerdict,
  type DsrRecommendation,
  type NetworkPolicyRecommendation,
  type NodeGroupConsequence,
} from './cni.types.js';

/**
 * Scoring. Each option starts from a base weight (its own "character" reason) and every rule adds
 * or removes points. The highest-scoring supported option is RECOMMENDED; the others are VIABLE
 * when they keep at least VIABLE_MIN_SCORE points, else NOT_RECOMMENDED. Any RULES_OUT reason makes
 * an option UNSUPPORTED whatever its score.
 */
export const VIABLE_MIN_SCORE = 25;
export const CNI_WEIGHTS = {
  BASE_SECONDARY_IP: 50,
  BASE_PREFIX_DELEGATION: 40,
  BASE_CUSTOM_NETWORKING: 30,
  BASE_OVERLAY: 30,
  WINDOWS_PODS_EXCEED_SECONDARY_IP_SECONDARY: -25,
  WINDOWS_PODS_EXCEED_SECONDARY_IP_PD: 30,
  WINDOWS_PD_NEEDS_NITRO_ONLY_XEN: -30,
  WINDOWS_PD_NEEDS_NITRO_SOME_XEN: -10,
  FRAGMENTED_PD: -35,
  FRAGMENTED_SECONDARY: 15,
  SUBNET_CANNOT_HOLD: -20,
  IPV4_EXHAUSTION_WINDOWS_PD: 20,
  IPV4_EXHAUSTION_WINDOWS_SECONDARY: -10,
  // Linux exhaustion: enhanced subnet discovery (secondary-IP mode plus tagged subnets) first, custom
  // networking only for separate security groups or isolation, an overlay last (UG cni-subnet-selection).
  ENHANCED_SUBNET_DISCOVERY_SECONDARY: 25,
  IPV4_EXHAUSTION_LINUX_CUSTOM: 10,
  IPV4_EXHAUSTION_LINUX_OVERLAY: 5,
  CUSTOM_NETWORKING_MIXED_CLUSTER: -20,
  SGP_ON_OVERLAY: -40,
  ALB_IP_TARGETS_ON_OVERLAY: -20,
  WEBHOOKS_ON_OVERLAY: -10,
  VENDOR_SUPPORT_NOT_ACCEPTED: -30,
} as const;

const WINDOWS_AMI_FAMILY_HINT = 'WindowsServer2022CoreContainer';

interface Context extends ConsequenceContext {
  r: ResolvedCniInput;
  windows: ResolvedNodeGroup[];
  linux: ResolvedNodeGroup[];
  windowsBlocks: { rule: CniRuleCode; message: string; source: string }[];
  consequences: Map<CniOption, NodeGroupConsequence[]>;
}

function reason(
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

function names(groups: readonly { name: string }[]): string {
  return groups.map((g) => g.name).join(', ');
}

function podsPerNodeWanted(g: ResolvedNodeGroup): number {
  return Math.ceil(g.pods / Math.max(g.nodes, 1));
}

function consequenceOf(ctx: Context, option: CniOption, g: ResolvedNodeGroup): NodeGroupConsequence {
  const found = ctx.consequences.get(option)?.find((c) => c.nodeGroup === g.name);
  if (!found) throw new Error(`no consequence for ${option} / ${g.name}`);
  return found;
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

interface ServiceCidrMismatch {
  group: ResolvedNodeGroup;
  /** Subnet -> the default its nodes would use, for the subnets whose default differs. */
  wrong: { subnet: string; serviceCidr: string; dnsClusterIp: string }[];
}

function findServiceCidrMismatches(ctx: Context): ServiceCidrMismatch[] {
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
 * Recommends how to network an EKS cluster with Windows (and Linux) nodes: all four CNI options
 * ranked with reasons and sources, their consequences from the capacity engine, the network
 * policy engine, DSR, and the settings to apply. Pure: no clock, no I/O.
 */
export function recommendCni(input: CniRecommendationInput, deps: CniDeps): CniRecommendation {
  const r = resolveCniInput(input, deps);
  const windows = r.groups.filter((g) => g.os === 'WINDOWS');
  const linux = r.groups.filter((g) => g.os === 'LINUX');
  const windowsBlocks = windows.length ? findWindowsBlocks(r) : [];
  const ctx: Context = {
    r,
    windows,
    linux,
    windowsBlocks,
    ipFamily: r.normalized.ipFamily,
    windowsBlockedBy: windowsBlocks.length ? windowsBlocks.map((b) => b.message).join(' ') : null,
    consequences: new Map(),
  };
  for (const option of CNI_OPTIONS) {
    ctx.consequences.set(
      option,
      r.groups.map((g) => computeConsequence(option, g, ctx)),
    );
  }

  const notes: CniNote[] = [];
  const assessed = CNI_OPTIONS.map((option) => assessOption(option, ctx, notes));
  const options = rankOptions(assessed);
  const recommended = options.find((o) => o.verdict === 'RECOMMENDED')?.option ?? null;
  const networkPolicyEngine = chooseNetworkPolicyEngine(ctx);
  const dsr = decideDsr(ctx, networkPolicyEngine);
  const settings = buildSettings(ctx, recommended, networkPolicyEngine, dsr);
  addClusterNotes(ctx, notes, recommended);

  return {
    input: r.normalized,
    options,
    recommended,
    networkPolicyEngine,
    dsr,
    settings,
    conflicts: buildConflicts(ctx),
    notes: dedupeNotes(notes),
  };
}

function findWindowsBlocks(r: ResolvedCniInput): Context['windowsBlocks'] {
  const blocks: Context['windowsBlocks'] = [];
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

function assessOption(
  option: CniOption,
  ctx: Context,
  notes: CniNote[],
): Omit<CniOptionAssessment, 'rank' | 'verdict'> & { verdict: CniVerdict | null } {
  const reasons: CniReason[] = [];
  const { r, windows, linux } = ctx;
  const n = r.normalized;
  const isVpcCni = option !== 'CALICO_OVERLAY';
  const consequences = ctx.consequences.get(option) ?? [];
  const windowsPodsRunning = windows.length > 0 && n.windowsPods > 0;

  // Character of the option.
  switch (option) {
    case 'VPC_CNI_SECONDARY_IP':
      reasons.push(
        reason(
          'VPC_CNI_DEFAULT_MODE',
          'FAVOURS',
          CNI_WEIGHTS.BASE_SECONDARY_IP,
          'The default mode: one secondary IP per pod, nothing to opt into; Windows nodes get I - 1 pods (one ENI).',
          `${SOURCE.UG_MANAGING_VPC_CNI}; ${SOURCE.BPG_WINDOWS_NETWORKING}`,
        ),
      );
      break;
    case 'VPC_CNI_PREFIX_DELEGATION':
      reasons.push(
        reason(
          'PREFIX_DELEGATION_OPT_IN',
          'FAVOURS',
          CNI_WEIGHTS.BASE_PREFIX_DELEGATION,
          'Opt-in (enable-windows-prefix-delegation / ENABLE_PREFIX_DELEGATION): one /28 per slot, (I - 1) * 16 pod IPs on Windows; needs Nitro types and free aligned /28 blocks.',
          SOURCE.BPG_PREFIX_WINDOWS,
        ),
      );
      break;
    case 'VPC_CNI_CUSTOM_NETWORKING':
      reasons.push(
        reason(
          'CUSTOM_NETWORKING_SEPARATE_POD_SUBNETS',
          'FAVOURS',
          CNI_WEIGHTS.BASE_CUSTOM_NETWORKING,
          'Linux pods draw IPs from separate subnets (ENIConfig per AZ, typically 100.64.0.0/10); costs one ENI per Linux node.',
          SOURCE.UG_CUSTOM_NETWORKING,
        ),
      );
      break;
    case 'CALICO_OVERLAY':
      reasons.push(
        reason(
          'OVERLAY_PODS_OFF_VPC',
          'FAVOURS',
          CNI_WEIGHTS.BASE_OVERLAY,
          'Pods take addresses from the Calico IP pool, not the VPC: pods per node are bounded by kubelet max-pods only.',
          SOURCE.TIGERA_EKS,
        ),
      );
      break;
  }

  // Windows: platform / IP family blocks rule out every option for the Windows node groups.
  for (const b of ctx.windowsBlocks) {
    reasons.push(
      reason(
        b.rule,
        'RULES_OUT',
        0,
        `${b.message} Affects Windows node groups: ${names(windows)}.`,
        b.source,
        windows.map((g) => g.name),
      ),
    );
  }

  if (windows.length) {
    if (isVpcCni) {
      reasons.push(
        reason(
          'WINDOWS_REQUIRES_VPC_CNI',
          'NOTE',
          0,
          'Windows nodes on EKS need the VPC CNI; the VPC Resource Controller does Windows IPAM once enable-windows-ipam is "true".',
          `${SOURCE.UG_ALTERNATE_CNI}; ${SOURCE.UG_WINDOWS_SUPPORT}`,
        ),
      );
    } else {
      reasons.push(
        reason(
          'CALICO_OVERLAY_WINDOWS_UNSUPPORTED_ON_EKS',
          'RULES_OUT',
          0,
          'Calico overlay networking for Windows pods on EKS is not a supported combination: Tigera lists only "EKS: VPC CNI" for Windows (calico#5687, calico#9720). The BPG Windows networking page still offers it; the newer source wins.' +
            (n.acceptUnsupportedCni ? ' acceptUnsupportedCni does not change this: no vendor supports it either.' : ''),
          SOURCE.TIGERA_WINDOWS_REQ_CALICO_ISSUES,
          windows.map((g) => g.name),
        ),
      );
    }
  }

  // The Service CIDR a Windows node derives from its subnet must be the cluster's.
  if (isVpcCni) {
    for (const m of findServiceCidrMismatches(ctx)) {
      reasons.push(
        reason('WINDOWS_SERVICE_CIDR_MISMATCH', 'NOTE', 0, serviceCidrMessage(ctx, m), SOURCE.UG_WINDOWS_AMI_SERVICE_CIDR, [m.group.name]),
      );
    }
  }

  // Architecture / VPCRC table: a Windows group whose nodes can run no pod in this option.
  const deadWindows =
    isVpcCni && !ctx.windowsBlockedBy ? windows.filter((g) => g.pods > 0 && consequenceOf(ctx, option, g).workloadPodsPerNode === 0) : [];
  for (const g of deadWindows) {
    const c = consequenceOf(ctx, option, g);
    const nonX86 = !g.facts.architectures.includes('x86_64');
    const refusal = c.warnings.find((w) => w.code === 'WINDOWS_NOT_OFFERED_BY_EC2');
    reasons.push(
      refusal && !nonX86
        ? reason('NODE_GROUP_NO_POD_CAPACITY', 'RULES_OUT', 0, `${g.name}: ${refusal.message}`, refusal.source, [g.name])
        : nonX86
          ? reason(
              'WINDOWS_NEEDS_X86_64',
              'RULES_OUT',
              0,
              `${g.name}: ${g.facts.name} is ${g.facts.architectures.join('/')}; EKS-optimized Windows AMIs are x86_64 only, so it cannot be a Windows node.`,
              SOURCE.UG_WINDOWS_AMI_X86_64,
              [g.name],
            )
          : reason(
              'NODE_GROUP_NO_POD_CAPACITY',
              'RULES_OUT',
              0,
              `${g.name}: ${g.facts.name} gives 0 Windows pod IPs${c.warnings.length ? ` (${c.warnings.map((w) => w.code).join(', ')})` : ''}; pods stay Pending with "Insufficient vpc.amazonaws.com/PrivateIPv4Address".`,
              SOURCE.VPCRC_LIMITS,
              [g.name],
            ),
    );
  }

  // Windows pods per node above I - 1.
  if (!ctx.windowsBlockedBy && isVpcCni) {
    const exceeding = windows.filter((g) => {
      const sec = consequenceOf(ctx, 'VPC_CNI_SECONDARY_IP', g);
      return g.pods > 0 && sec.workloadPodsPerNode > 0 && podsPerNodeWanted(g) > sec.workloadPodsPerNode;
    });
    const describe = (g: ResolvedNodeGroup, c: NodeGroupConsequence) =>
      `${g.name} (${g.facts.name}): ${podsPerNodeWanted(g)} pods/node wanted on ${g.nodes} nodes, ${c.workloadPodsPerNode} per node here -> ${c.nodesNeeded ?? 'no'} nodes`;
    if (exceeding.length && option !== 'VPC_CNI_PREFIX_DELEGATION') {
      reasons.push(
        reason(
          'WINDOWS_PODS_EXCEED_SECONDARY_IP',
          'DISFAVOURS',
          CNI_WEIGHTS.WINDOWS_PODS_EXCEED_SECONDARY_IP_SECONDARY,
          `Windows pods per node exceed I - 1 in secondary-IP mode: ${exceeding.map((g) => describe(g, consequenceOf(ctx, option, g))).join('; ')}. More nodes, or prefix delegation.`,
          SOURCE.BPG_PREFIX_WINDOWS,
          exceeding.map((g) => g.name),
        ),
      );
    }
    if (option === 'VPC_CNI_PREFIX_DELEGATION') {
      const gaining = exceeding.filter((g) => consequenceOf(ctx, option, g).effectiveIpMode === 'PREFIX_DELEGATION');
      const xen = windows.filter((g) => consequenceOf(ctx, option, g).effectiveIpMode === 'SECONDARY_IP');
      const xenWanting = xen.filter((g) => exceeding.includes(g));
      if (gaining.length) {
        reasons.push(
          reason(
            'WINDOWS_PODS_EXCEED_SECONDARY_IP',
            'FAVOURS',
            CNI_WEIGHTS.WINDOWS_PODS_EXCEED_SECONDARY_IP_PD,
            `Windows pods per node exceed I - 1; prefix delegation gives (I - 1) * 16: ${gaining.map((g) => describe(g, consequenceOf(ctx, option, g))).join('; ')}.`,
            SOURCE.BPG_PREFIX_WINDOWS,
            gaining.map((g) => g.name),
          ),
        );
      }
      if (xen.length) {
        const weight =
          xenWanting.length === 0
            ? 0
            : gaining.length === 0
              ? CNI_WEIGHTS.WINDOWS_PD_NEEDS_NITRO_ONLY_XEN
              : CNI_WEIGHTS.WINDOWS_PD_NEEDS_NITRO_SOME_XEN;
        reasons.push(
          reason(
            'WINDOWS_PD_NEEDS_NITRO',
            weight === 0 ? 'NOTE' : 'DISFAVOURS',
            weight,
            `Prefix delegation needs Nitro or bare-metal types; the VPC Resource Controller silently stays in secondary-IP mode on ${xen.map((g) => `${g.name} (${g.facts.name}, ${g.facts.hypervisor ?? 'unknown'})`).join(', ')}` +
              (xenWanting.length ? `, so ${names(xenWanting)} still get only I - 1 pods per node. Choose a Nitro type to benefit.` : '.'),
            `${SOURCE.BPG_PREFIX_WINDOWS}; ${SOURCE.VPCRC_PD}`,
            xen.map((g) => g.name),
          ),
        );
      }
      const raised = windows.filter((g) => consequenceOf(ctx, option, g).effectiveIpMode === 'PREFIX_DELEGATION');
      if (raised.length) {
        reasons.push(
          reason(
            'WINDOWS_KUBELET_MAX_PODS_RAISED',
            'NOTE',
            0,
            `Under prefix delegation kubelet max-pods bounds Windows pods: set --max-pods (eksctl maxPodsPerNode) to ${raised.map((g) => `${g.name}: ${recommendedKubeletMaxPods(g.facts)}`).join(', ')} (110, up to 250 on types with more than 30 vCPUs).`,
            SOURCE.BPG_PREFIX_WINDOWS,
            raised.map((g) => g.name),
          ),
        );
      }
    }
  }

  // Prefix delegation on Windows is sticky after InsufficientCidrBlocks.
  if (option === 'VPC_CNI_PREFIX_DELEGATION' && !ctx.windowsBlockedBy) {
    const pdWindows = windows.filter((g) => consequenceOf(ctx, option, g).effectiveIpMode === 'PREFIX_DELEGATION');
    if (pdWindows.length) {
      reasons.push(
        reason(
          'WINDOWS_PD_NO_FALLBACK',
          'NOTE',
          0,
          `Windows never falls back to secondary IPs after "InsufficientCidrBlocks: The specified subnet does not have enough free cidr blocks to satisfy the request": the controller waits for you ("caller can retry in 2 min [Action required from user to change subnet]"). Keep free aligned /28 blocks for ${names(pdWindows)}: a subnet CIDR reservation of type prefix, or a dedicated subnet.`,
          `${SOURCE.VPCRC_POOL}; ${SOURCE.BPG_PREFIX_WINDOWS}`,
          pdWindows.map((g) => g.name),
        ),
      );
    }
  }

  // Churning Windows pods: released IPs cool down 30 s before reuse.
  if (isVpcCni && !ctx.windowsBlockedBy) {
    const churning = windows.filter((g) => (g.podChurnPer30s ?? 0) > 0);
    if (churning.length) {
      const describe = (g: ResolvedNodeGroup) => {
        const c = consequenceOf(ctx, option, g);
        return `${g.name}: ${g.podChurnPer30s} pods replaced per 30 s, ${c.workloadPodsPerNode} pods per node without waiting (${c.effectiveIpMode ?? 'n/a'})`;
      };
      reasons.push(
        reason(
          'WINDOWS_IP_COOLDOWN',
          'NOTE',
          0,
          `Released Windows IPs cool down 30 s before reuse, so a node holds W - churn pods; while used + cooling = capacity new pods fail with "cannot assign resource now, resources are being cooled down". ${churning.map(describe).join('; ')}.`,
          SOURCE.VPCRC_COOLDOWN,
          churning.map((g) => g.name),
        ),
      );
    }
  }

  // Fragmented subnets.
  if (n.subnetsFragmented && isVpcCni) {
    if (option === 'VPC_CNI_PREFIX_DELEGATION') {
      reasons.push(
        reason(
          'FRAGMENTED_SUBNETS_AVOID_PD',
          'DISFAVOURS',
          CNI_WEIGHTS.FRAGMENTED_PD,
          'Prefix delegation needs free aligned /28 blocks; scattered IPs in fragmented subnets make attachments fail with InsufficientCidrBlocks. If you need it anyway: a new subnet with a prefix CIDR reservation (CreateSubnetCidrReservation, type prefix).',
          `${SOURCE.BPG_PREFIX_WINDOWS}; ${SOURCE.EC2_SUBNETS}`,
        ),
      );
    } else if (option === 'VPC_CNI_SECONDARY_IP') {
      reasons.push(
        reason(
          'FRAGMENTED_SUBNETS_AVOID_PD',
          'FAVOURS',
          CNI_WEIGHTS.FRAGMENTED_SECONDARY,
          'Fragmented subnets: stay in secondary-IP mode, which takes single IPs anywhere; tune warm-ip-target / minimum-ip-target so fewer IPs sit idle.',
          `${SOURCE.BPG_PREFIX_WINDOWS}; ${SOURCE.VPCRC_SECONDARY}`,
        ),
      );
    }
  }

  // Subnet capacity per option (from the capacity engine).
  const tooSmall = consequences.filter((c) => c.supported && c.subnet && !c.subnet.fits);
  if (tooSmall.length) {
    reasons.push(
      reason(
        'SUBNET_CANNOT_HOLD_NODE_GROUP',
        'DISFAVOURS',
        CNI_WEIGHTS.SUBNET_CANNOT_HOLD,
        `The subnets cannot hold: ${tooSmall.map((c) => `${c.nodeGroup}: ${c.subnet?.message}`).join('; ')}.`,
        SOURCE.EC2_SUBNETS,
        tooSmall.map((c) => c.nodeGroup),
      ),
    );
  }

  // IPv4 exhaustion: secondary-IP mode does not fit the existing subnets.
  const exhausted = (groups: ResolvedNodeGroup[]) =>
    n.ipFamily === 'IPV4'
      ? groups.filter((g) => {
          const c = consequenceOf(ctx, 'VPC_CNI_SECONDARY_IP', g);
          return c.supported && c.subnet !== null && !c.subnet.fits;
        })
      : [];
  const exhaustedWindows = ctx.windowsBlockedBy ? [] : exhausted(windows);
  const exhaustedLinux = exhausted(linux);
  if (exhaustedWindows.length) {
    const msg = `IPv4 exhaustion for Windows pods (${names(exhaustedWindows)}): Windows has no IPv6 and no custom networking, so use prefix delegation plus dedicated large subnets (a secondary VPC CIDR works: nodes and pods both draw from it).`;
    const src = `${SOURCE.UG_WINDOWS_SUPPORT}; ${SOURCE.CONTAINERS_ROADMAP_2780}`;
    if (option === 'VPC_CNI_PREFIX_DELEGATION')
      reasons.push(
        reason(
          'IPV4_EXHAUSTION_WINDOWS',
          'FAVOURS',
          CNI_WEIGHTS.IPV4_EXHAUSTION_WINDOWS_PD,
          msg,
          src,
          exhaustedWindows.map((g) => g.name),
        ),
      );
    if (option === 'VPC_CNI_SECONDARY_IP')
      reasons.push(
        reason(
          'IPV4_EXHAUSTION_WINDOWS',
          'DISFAVOURS',
          CNI_WEIGHTS.IPV4_EXHAUSTION_WINDOWS_SECONDARY,
          msg,
          src,
          exhaustedWindows.map((g) => g.name),
        ),
      );
    if (option === 'VPC_CNI_CUSTOM_NETWORKING')
      reasons.push(
        reason(
          'IPV4_EXHAUSTION_WINDOWS',
          'NOTE',
          0,
          msg,
          src,
          exhaustedWindows.map((g) => g.name),
        ),
      );
  }
  if (exhaustedLinux.length) {
    const groupsText = names(exhaustedLinux);
    const msg =
      `IPv4 exhaustion for Linux pods (${groupsText}): first enhanced subnet discovery (VPC CNI >= 1.18, on by default), which AWS ` +
      'recommends "for most use cases": tag extra subnets in the same availability zones kubernetes.io/role/cni=1 and the Linux nodes ' +
      'take pod IPs from them too, with no ENIConfig and no ENI lost (Linux nodes only: Windows IPAM does not use it). Custom networking ' +
      `(pod subnets in 100.64.0.0/10) only when pods need separate security groups or isolation; an IPv6 cluster is a new cluster${windows.length ? ' (not possible here: Windows nodes need IPv4)' : ''}; an overlay last, with commercial support.`;
    const src = `${SOURCE.UG_CNI_SUBNET_SELECTION}; ${SOURCE.BPG_NETWORKING_INDEX}; ${SOURCE.UG_CUSTOM_NETWORKING}`;
    const groups = exhaustedLinux.map((g) => g.name);
    if (option === 'VPC_CNI_SECONDARY_IP') {
      reasons.push(
        reason(
          'ENHANCED_SUBNET_DISCOVERY',
          'FAVOURS',
          CNI_WEIGHTS.ENHANCED_SUBNET_DISCOVERY_SECONDARY,
          `Enhanced subnet discovery keeps the Linux groups (${groupsText}) in secondary-IP mode and adds addresses: tag more subnets in their availability zones kubernetes.io/role/cni=1 (=0 excludes one). Linux nodes only.`,
          SOURCE.UG_CNI_SUBNET_SELECTION,
          groups,
        ),
      );
    }
    if (option === 'VPC_CNI_CUSTOM_NETWORKING')
      reasons.push(
        reason(
          'IPV4_EXHAUSTION_LINUX',
          'FAVOURS',
          CNI_WEIGHTS.IPV4_EXHAUSTION_LINUX_CUSTOM,
          `After enhanced subnet discovery: custom networking, for pods that need their own security groups or isolation. ${msg}`,
          src,
          groups,
        ),
      );
    if (option === 'VPC_CNI_SECONDARY_IP') reasons.push(reason('IPV4_EXHAUSTION_LINUX', 'NOTE', 0, msg, src, groups));
    if (option === 'CALICO_OVERLAY')
      reasons.push(reason('IPV4_EXHAUSTION_LINUX', 'FAVOURS', CNI_WEIGHTS.IPV4_EXHAUSTION_LINUX_OVERLAY, msg, src, groups));
    notes.push({ rule: 'IPV4_EXHAUSTION_LINUX', severity: 'WARNING', message: msg, source: src });
  }
  if (exhaustedWindows.length) {
    notes.push({
      rule: 'IPV4_EXHAUSTION_WINDOWS',
      severity: 'WARNING',
      message: `IPv4 exhaustion for Windows pods (${names(exhaustedWindows)}): prefix delegation plus dedicated large subnets; neither IPv6 nor custom networking is available for Windows.`,
      source: `${SOURCE.UG_WINDOWS_SUPPORT}; ${SOURCE.CONTAINERS_ROADMAP_2780}`,
    });
  }

  // Custom networking is Linux-only.
  if (option === 'VPC_CNI_CUSTOM_NETWORKING' && windows.length) {
    reasons.push(
      linux.length
        ? reason(
            'CUSTOM_NETWORKING_NOT_ON_WINDOWS',
            'DISFAVOURS',
            CNI_WEIGHTS.CUSTOM_NETWORKING_MIXED_CLUSTER,
            `Custom networking cannot be used on Windows nodes: only the Linux groups (${names(linux)}) would use it; the Windows groups stay in secondary-IP mode.`,
            `${SOURCE.UG_WINDOWS_SUPPORT}; ${SOURCE.CONTAINERS_ROADMAP_2780}`,
            windows.map((g) => g.name),
          )
        : reason(
            'CUSTOM_NETWORKING_NOT_ON_WINDOWS',
            'RULES_OUT',
            0,
            'Custom networking cannot be used on Windows nodes, and this cluster has no Linux node group to use it.',
            `${SOURCE.UG_WINDOWS_SUPPORT}; ${SOURCE.CONTAINERS_ROADMAP_2780}`,
            windows.map((g) => g.name),
          ),
    );
  }

  // Security groups for pods.
  if (n.needs.securityGroupsForPods) {
    if (isVpcCni && windowsPodsRunning) {
      reasons.push(
        reason(
          'SGP_LINUX_ONLY',
          'NOTE',
          0,
          `Security groups for pods work on Linux nodes only: the Windows pods (${names(windows)}) cannot get pod security groups; secure them with node security groups or network policy.`,
          SOURCE.UG_SGP,
          windows.map((g) => g.name),
        ),
      );
    }
    if (!isVpcCni) {
      reasons.push(
        reason(
          'SGP_NEEDS_VPC_CNI',
          'DISFAVOURS',
          CNI_WEIGHTS.SGP_ON_OVERLAY,
          'Security groups for pods need the VPC CNI (branch ENIs on a trunk ENI); overlay pods cannot have them.',
          SOURCE.UG_SGP,
        ),
      );
    }
  }

  // Load balancer targets and webhooks: overlay pods are not reachable from the VPC.
  if (!isVpcCni && n.needs.albIpTargets) {
    reasons.push(
      reason(
        'ALB_IP_TARGETS_NEED_VPC_IPS',
        'DISFAVOURS',
        CNI_WEIGHTS.ALB_IP_TARGETS_ON_OVERLAY,
        'ALB/NLB target-type: ip registers pod IPs, which must be VPC IPs; on an overlay use target-type: instance.',
        SOURCE.AWS_LBC_TARGET_TYPE,
      ),
    );
  }
  if (!isVpcCni && n.needs.webhooksOnPods) {
    reasons.push(
      reason(
        'OVERLAY_WEBHOOKS_NEED_HOST_NETWORK',
        'DISFAVOURS',
        CNI_WEIGHTS.WEBHOOKS_ON_OVERLAY,
        'The EKS control plane cannot reach overlay pod IPs: webhook and metrics-server pods need hostNetwork: true.',
        SOURCE.TIGERA_EKS,
      ),
    );
  }

  // Any alternate CNI.
  if (!isVpcCni) {
    reasons.push(
      n.acceptUnsupportedCni
        ? reason(
            'ALTERNATE_CNI_NEEDS_VENDOR_SUPPORT',
            'NOTE',
            0,
            'AWS supports only the VPC CNI; you accepted an alternate CNI, so support comes from the vendor (Tigera).',
            SOURCE.UG_ALTERNATE_CNI,
          )
        : reason(
            'ALTERNATE_CNI_NEEDS_VENDOR_SUPPORT',
            'DISFAVOURS',
            CNI_WEIGHTS.VENDOR_SUPPORT_NOT_ACCEPTED,
            'AWS supports only the VPC CNI; an alternate CNI needs vendor support (set acceptUnsupportedCni to weigh it as viable on Linux-only clusters).',
            SOURCE.UG_ALTERNATE_CNI,
          ),
    );
  }

  if (n.ipFamily === 'IPV6' && isVpcCni && linux.length) {
    reasons.push(
      reason(
        'IPV6_PODS_OFF_IPV4_SUBNETS',
        'NOTE',
        0,
        'IPv6 cluster: Linux pods take IPv6 addresses (Nitro types only), so IPv4 subnet consumption by pods does not apply.',
        SOURCE.UG_CNI_IPV6,
        linux.map((g) => g.name),
      ),
    );
  }

  const score = reasons.reduce((s, x) => s + x.weight, 0);
  return { option, verdict: reasons.some((x) => x.effect === 'RULES_OUT') ? 'UNSUPPORTED' : null, score, reasons, consequences };
}

function rankOptions(assessed: (Omit<CniOptionAssessment, 'rank' | 'verdict'> & { verdict: CniVerdict | null })[]): CniOptionAssessment[] {
  const order = (o: CniOption) => CNI_OPTIONS.indexOf(o);
  const sorted = [...assessed].sort((a, b) => {
    const au = a.verdict === 'UNSUPPORTED' ? 1 : 0;
    const bu = b.verdict === 'UNSUPPORTED' ? 1 : 0;
    return au - bu || b.score - a.score || order(a.option) - order(b.option);
  });
  let recommendedGiven = false;
  return sorted.map((a, i) => {
    let verdict: CniVerdict;
    if (a.verdict === 'UNSUPPORTED') verdict = 'UNSUPPORTED';
    else if (!recommendedGiven) {
      verdict = 'RECOMMENDED';
      recommendedGiven = true;
    } else verdict = a.score >= VIABLE_MIN_SCORE ? 'VIABLE' : 'NOT_RECOMMENDED';
    return { option: a.option, verdict, rank: i + 1, score: a.score, reasons: a.reasons, consequences: a.consequences };
  });
}

function serviceCidrMessage(ctx: Context, m: ServiceCidrMismatch): string {
  const cluster = parseServiceCidr(ctx.r.normalized.serviceIpv4Cidr);
  const which = m.wrong.map((w) => `${w.subnet} -> ${w.serviceCidr} (DNS ${w.dnsClusterIp})`).join(', ');
  return (
    `${m.group.name}: a Windows node picks its default Service CIDR from its primary IP (10.0.0.0/8 -> 172.20.0.0/16, else 10.100.0.0/16): ${which}, ` +
    `but the cluster's serviceIpv4Cidr is ${cluster.cidr}, so Services and DNS break on these nodes unless Start-EKSBootstrap.ps1 gets ` +
    `-ServiceCIDR '${cluster.cidr}' -DNSClusterIP '${cluster.dnsClusterIp}' (eksctl passes both; Karpenter passes only -DNSClusterIP: set SERVICE_IPV4_CIDR in userData).`
  );
}

function chooseNetworkPolicyEngine(ctx: Context): NetworkPolicyRecommendation {
  const { needs } = ctx.r.normalized;
  const reasons: CniReason[] = [];
  const ws2025 = ctx.windows.filter((g) => g.windowsServerVersion && !WINDOWS_SERVER_FACTS[g.windowsServerVersion].calicoSupported);
  if (needs.networkPolicyOnWindows && ws2025.length && !ctx.windowsBlockedBy) {
    reasons.push(
      reason(
        'WINDOWS_SERVER_2025_NETWORK_POLICY_UNSUPPORTED',
        'DISFAVOURS',
        0,
        `Calico for Windows supports Windows Server 2019 and 2022 only (projectcalico/calico#11691 is open), so NetworkPolicy is not enforced on ${ws2025.map((g) => `${g.name} (Windows Server ${WINDOWS_SERVER_FACTS[g.windowsServerVersion!].year})`).join(', ')}; ` +
          'and on Windows Server 2025 HNS switches an endpoint to default-deny as soon as any ACL policy is applied to it (microsoft/Windows-Containers#616). Run the pods that need NetworkPolicy on Windows Server 2022 node groups.',
        SOURCE.WINDOWS_SERVER_CALICO,
        ws2025.map((g) => g.name),
      ),
    );
  }
  if (needs.networkPolicyOnWindows && ctx.windows.length) {
    reasons.push(
      reason(
        'WINDOWS_POLICY_NEEDS_CALICO_POLICY_ONLY',
        'FAVOURS',
        0,
        'NetworkPolicy on Windows pods: install Calico in policy-only mode on top of the VPC CNI (Installation cni.type: AmazonVPC) and set ANNOTATE_POD_IP=true on aws-node.' +
          (needs.networkPolicyOnLinux ? ' Calico enforces the Linux policies too.' : ''),
        `${SOURCE.UG_CNI_NETPOL}; ${SOURCE.TIGERA_EKS}`,
      ),
      reason(
        'VPC_CNI_POLICY_LINUX_ONLY',
        'NOTE',
        0,
        'Keep the VPC CNI network policy agent off (enableNetworkPolicy: "false"): it enforces on Linux nodes only and conflicts with Calico.',
        SOURCE.UG_CNI_NETPOL,
      ),
    );
    return { engine: 'CALICO_POLICY_ONLY', reasons };
  }
  if (needs.networkPolicyOnWindows) {
    reasons.push(
      reason(
        'NO_NETWORK_POLICY_NEEDED',
        'NOTE',
        0,
        'networkPolicyOnWindows was asked for, but the cluster has no Windows node group.',
        SOURCE.UG_CNI_NETPOL,
      ),
    );
  }
  if (needs.networkPolicyOnLinux || needs.networkPolicyOnWindows) {
    reasons.push(
      reason(
        'LINUX_POLICY_VPC_CNI',
        'FAVOURS',
        0,
        'NetworkPolicy on Linux pods only: the VPC CNI (>= 1.14) network policy agent is enough (enableNetworkPolicy: "true").',
        SOURCE.UG_CNI_NETPOL,
      ),
    );
    return { engine: 'VPC_CNI', reasons };
  }
  reasons.push(reason('NO_NETWORK_POLICY_NEEDED', 'NOTE', 0, 'No NetworkPolicy was asked for.', SOURCE.UG_CNI_NETPOL));
  return { engine: 'NONE', reasons };
}

function decideDsr(ctx: Context, policy: NetworkPolicyRecommendation): DsrRecommendation {
  const n = ctx.r.normalized;
  const reasons: CniReason[] = [];
  if (!ctx.windows.length) {
    const why = 'No Windows node group: DSR (a Windows kube-proxy setting) does not apply.';
    return {
      enable: false,
      kubeProxyFlags: [],
      reason: why,
      reasons: [reason('DSR_NOT_NEEDED', 'NOTE', 0, why, SOURCE.BPG_WINDOWS_NETWORKING)],
    };
  }
  if (ctx.windowsBlockedBy) {
    const why = `Windows nodes cannot run in this cluster (${ctx.windowsBlockedBy}), so DSR does not apply.`;
    return {
      enable: false,
      kubeProxyFlags: [],
      reason: why,
      reasons: [reason('DSR_NOT_NEEDED', 'NOTE', 0, why, SOURCE.UG_WINDOWS_SUPPORT)],
    };
  }
  if (n.servicesPerWindowsNode > WINDOWS_SERVICES_PER_NODE_LIMIT) {
    reasons.push(
      reason(
        'WINDOWS_SERVICE_PORT_EXHAUSTION_DSR',
        'FAVOURS',
        0,
        `${n.servicesPerWindowsNode} Services per Windows node (> ${WINDOWS_SERVICES_PER_NODE_LIMIT}) risk HNS port exhaustion ("${HNS_PORT_EXHAUSTION_ERROR}"); Direct Server Return avoids it.`,
        SOURCE.BPG_WINDOWS_NETWORKING,
      ),
    );
  }
  if (n.needs.externalTrafficPolicyLocal) {
    reasons.push(
      reason(
        'EXTERNAL_TRAFFIC_POLICY_LOCAL_DSR',
        'FAVOURS',
        0,
        'externalTrafficPolicy: Local on Windows nodes needs DSR (it also keeps the client source IP).',
        SOURCE.BPG_WINDOWS_NETWORKING,
      ),
    );
  }
  if (policy.engine === 'CALICO_POLICY_ONLY') {
    reasons.push(
      reason(
        'CALICO_POLICY_DSR',
        'FAVOURS',
        0,
        'Calico policy on Windows sees pod IPs on Service traffic only with DSR.',
        SOURCE.BPG_WINDOWS_NETWORKING,
      ),
    );
  }
  if (!reasons.length) {
    const why = `${n.servicesPerWindowsNode} Services per Windows node (<= ${WINDOWS_SERVICES_PER_NODE_LIMIT}), no externalTrafficPolicy: Local, no Windows policy: DSR not needed.`;
    return {
      enable: false,
      kubeProxyFlags: [],
      reason: why,
      reasons: [reason('DSR_NOT_NEEDED', 'NOTE', 0, why, SOURCE.BPG_WINDOWS_NETWORKING)],
    };
  }
  const flags = dsrKubeProxyFlags(n.kubernetesVersion);
  return {
    enable: true,
    kubeProxyFlags: [...flags.flags],
    reason: `${reasons.map((x) => x.message).join(' ')} kube-proxy flags for Kubernetes ${n.kubernetesVersion}: ${flags.flags.join(' ')} (${SOURCE.KEP_5100}).`,
    reasons,
  };
}

function buildSettings(
  ctx: Context,
  recommended: CniOption | null,
  policy: NetworkPolicyRecommendation,
  dsr: DsrRecommendation,
): CniSetting[] {
  const settings: CniSetting[] = [];
  const n = ctx.r.normalized;
  const T = CNI_TEMPLATE_IDS;
  const windowsOk = ctx.windows.length > 0 && !ctx.windowsBlockedBy;
  if (recommended && recommended !== 'CALICO_OVERLAY' && windowsOk) {
    settings.push({
      target: 'VPC_CNI_CONFIGMAP',
      key: 'enable-windows-ipam',
      value: 'true',
      templateId: T.VPC_CNI_WINDOWS_CONFIGMAP,
      reason: 'Turns on Windows IPAM in the VPC Resource Controller.',
      source: SOURCE.UG_WINDOWS_SUPPORT,
    });
    if (recommended === 'VPC_CNI_PREFIX_DELEGATION') {
      settings.push(
        {
          target: 'VPC_CNI_CONFIGMAP',
          key: 'enable-windows-prefix-delegation',
          value: 'true',
          templateId: T.VPC_CNI_WINDOWS_CONFIGMAP,
          reason: 'Prefix delegation for Windows nodes (Nitro/bare metal; Xen types stay in secondary-IP mode).',
          source: SOURCE.BPG_PREFIX_WINDOWS,
        },
        {
          target: 'VPC_CNI_CONFIGMAP',
          key: 'warm-ip-target',
          value: '1',
          templateId: T.VPC_CNI_WINDOWS_CONFIGMAP,
          reason: 'PD warm pool default: 1 free IP; with minimum-ip-target it overrides warm-prefix-target.',
          source: SOURCE.VPCRC_PD,
        },
        {
          target: 'VPC_CNI_CONFIGMAP',
          key: 'minimum-ip-target',
          value: '3',
          templateId: T.VPC_CNI_WINDOWS_CONFIGMAP,
          reason: 'PD warm pool default minimum: 3 IPs.',
          source: SOURCE.VPCRC_PD,
        },
      );
    } else if (n.subnetsFragmented) {
      const wanted = Math.max(
        1,
        ...ctx.windows.map((g) => Math.min(podsPerNodeWanted(g), consequenceOf(ctx, 'VPC_CNI_SECONDARY_IP', g).workloadPodsPerNode)),
      );
      settings.push(
        {
          target: 'VPC_CNI_CONFIGMAP',
          key: 'warm-ip-target',
          value: '1',
          templateId: T.VPC_CNI_WINDOWS_CONFIGMAP,
          reason: 'Fragmented subnets: keep one idle IP per node instead of the default 3.',
          source: SOURCE.VPCRC_SECONDARY,
        },
        {
          target: 'VPC_CNI_CONFIGMAP',
          key: 'minimum-ip-target',
          value: String(wanted),
          templateId: T.VPC_CNI_WINDOWS_CONFIGMAP,
          reason: `Pre-allocate the pods a node is expected to run (${wanted}) so IPs are taken once, not churned.`,
          source: SOURCE.VPCRC_SECONDARY,
        },
      );
    }
    for (const g of ctx.windows) {
      if (n.provisioner !== 'EKSCTL') {
        const pd =
          recommended === 'VPC_CNI_PREFIX_DELEGATION' && consequenceOf(ctx, recommended, g).effectiveIpMode === 'PREFIX_DELEGATION';
        settings.push(
          ...provisionerWindowsSettings({
            provisioner: n.provisioner,
            nodeGroup: g.name,
            maxPods: pd ? recommendedKubeletMaxPods(g.facts) : null,
            dsrFlags: dsr.enable ? dsr.kubeProxyFlags : null,
          }),
        );
        continue;
      }
      const release = g.windowsServerVersion ? WINDOWS_SERVER_FACTS[g.windowsServerVersion] : null;
      settings.push(
        release
          ? {
              target: 'EKSCTL_NODE_GROUP',
              key: 'amiFamily',
              value: release.eksctlAmiFamilies.core,
              nodeGroup: g.name,
              templateId: T.EKSCTL_WINDOWS_CLUSTER,
              reason: `Windows Server ${release.year} Core (${release.eksctlAmiFamilies.full} for the Full image)${release.minKubernetesMinor ? `; eksctl needs EKS >= 1.${release.minKubernetesMinor}` : ''}; container images must be built for OS build ${release.osBuild}.`,
              source: SOURCE.WINDOWS_SERVER_VERSIONS,
            }
          : {
              target: 'EKSCTL_NODE_GROUP',
              key: 'amiFamily',
              value: WINDOWS_AMI_FAMILY_HINT,
              nodeGroup: g.name,
              templateId: T.EKSCTL_WINDOWS_CLUSTER,
              reason: 'A hint: Windows Server 2022 Core (EKS >= 1.23); WindowsServer2025CoreContainer needs EKS >= 1.35.',
              source: SOURCE.EKSCTL_SCHEMA_AMI_MAX_PODS,
            },
      );
      if (recommended === 'VPC_CNI_PREFIX_DELEGATION') {
        const c = consequenceOf(ctx, recommended, g);
        if (c.effectiveIpMode === 'PREFIX_DELEGATION') {
          const maxPods = recommendedKubeletMaxPods(g.facts);
          settings.push(
            {
              target: 'EKSCTL_NODE_GROUP',
              key: 'maxPodsPerNode',
              value: maxPods,
              nodeGroup: g.name,
              templateId: T.EKSCTL_WINDOWS_CLUSTER,
              reason: `Becomes kubelet --max-pods; under PD kubelet, not IPs, bounds pods (${c.maxPodsPerNode} schedulable).`,
              source: SOURCE.BPG_PREFIX_WINDOWS,
            },
            {
              target: 'KUBELET',
              key: '--max-pods',
              value: maxPods,
              nodeGroup: g.name,
              templateId: T.EKSCTL_WINDOWS_CLUSTER,
              reason: "Self-managed bootstrap: Start-EKSBootstrap.ps1 -KubeletExtraArgs '--max-pods=N'.",
              source: SOURCE.BPG_PREFIX_WINDOWS,
            },
          );
        }
      }
      if (dsr.enable) {
        settings.push({
          target: 'EKSCTL_NODE_GROUP',
          key: 'preBootstrapCommands',
          value: `kube-proxy ${dsr.kubeProxyFlags.join(' ')}`,
          nodeGroup: g.name,
          templateId: T.WINDOWS_USERDATA_DSR_PATCH,
          reason:
            'eksctl preBootstrapCommands / managed node groups: patch the bootstrap script before it runs so kube-proxy starts with DSR (when you own the bootstrap call, pass -KubeProxyExtraArgs instead).',
          source: `${SOURCE.BPG_WINDOWS_NETWORKING}; ${SOURCE.KEP_5100}`,
        });
      }
    }
    for (const m of findServiceCidrMismatches(ctx)) {
      const cluster = parseServiceCidr(n.serviceIpv4Cidr);
      settings.push(
        {
          target: 'WINDOWS_BOOTSTRAP',
          key: '-ServiceCIDR',
          value: cluster.cidr,
          nodeGroup: m.group.name,
          templateId: T.WINDOWS_USERDATA_BOOTSTRAP_DSR,
          reason: `The nodes of ${m.group.name} would default to ${m.wrong.map((w) => w.serviceCidr).join(', ')}: pass the cluster's Service CIDR to Start-EKSBootstrap.ps1.`,
          source: SOURCE.UG_WINDOWS_AMI_SERVICE_CIDR,
        },
        {
          target: 'WINDOWS_BOOTSTRAP',
          key: '-DNSClusterIP',
          value: cluster.dnsClusterIp,
          nodeGroup: m.group.name,
          templateId: T.WINDOWS_USERDATA_BOOTSTRAP_DSR,
          reason: `The kube-dns ClusterIP of ${cluster.cidr} (its .10), instead of the derived ${m.wrong.map((w) => w.dnsClusterIp).join(', ')}.`,
          source: SOURCE.UG_WINDOWS_AMI_SERVICE_CIDR,
        },
      );
    }
    if (dsr.enable && n.provisioner === 'EKSCTL') {
      settings.push({
        target: 'KUBE_PROXY',
        key: '-KubeProxyExtraArgs',
        value: dsr.kubeProxyFlags.join(' '),
        templateId: T.WINDOWS_USERDATA_BOOTSTRAP_DSR,
        reason: `DSR flags for Kubernetes ${n.kubernetesVersion}, passed to Start-EKSBootstrap.ps1 when you own the bootstrap call (self-managed launch template, custom AMI).`,
        source: SOURCE.KEP_5100,
      });
    }
  }
  if (recommended === 'VPC_CNI_PREFIX_DELEGATION' && ctx.linux.length) {
    settings.push({
      target: 'VPC_CNI_ADDON',
      key: 'ENABLE_PREFIX_DELEGATION',
      value: 'true',
      templateId: null,
      reason: 'Prefix delegation for the Linux nodes too (aws-node; Nitro, VPC CNI >= 1.9.0).',
      source: SOURCE.BPG_PREFIX_WINDOWS,
    });
  }
  const exhaustedLinux =
    ctx.r.normalized.ipFamily === 'IPV4'
      ? ctx.linux.filter((g) => {
          const c = consequenceOf(ctx, 'VPC_CNI_SECONDARY_IP', g);
          return c.supported && c.subnet !== null && !c.subnet.fits;
        })
      : [];
  if ((recommended === 'VPC_CNI_SECONDARY_IP' || recommended === 'VPC_CNI_PREFIX_DELEGATION') && exhaustedLinux.length) {
    settings.push(
      {
        target: 'EC2_SUBNET_TAG',
        key: 'kubernetes.io/role/cni',
        value: '1',
        templateId: null,
        reason: `Enhanced subnet discovery: tag extra subnets in the availability zones of ${names(exhaustedLinux)} so Linux pods draw IPs from them (=0 excludes a subnet). Linux nodes only.`,
        source: SOURCE.UG_CNI_SUBNET_SELECTION,
      },
      {
        target: 'VPC_CNI_ADDON',
        key: 'ENABLE_SUBNET_DISCOVERY',
        value: 'true',
        templateId: null,
        reason: 'On by default from VPC CNI 1.18; keep it on.',
        source: SOURCE.UG_CNI_SUBNET_SELECTION,
      },
    );
  }
  if (recommended === 'VPC_CNI_CUSTOM_NETWORKING' && ctx.linux.length) {
    settings.push(
      {
        target: 'VPC_CNI_ADDON',
        key: 'AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG',
        value: 'true',
        templateId: null,
        reason: 'Custom networking for the Linux nodes: pods draw IPs from the ENIConfig subnets.',
        source: SOURCE.UG_CUSTOM_NETWORKING,
      },
      {
        target: 'VPC_CNI_ADDON',
        key: 'ENI_CONFIG_LABEL_DEF',
        value: 'topology.kubernetes.io/zone',
        templateId: null,
        reason: 'One ENIConfig per availability zone, named after the zone.',
        source: SOURCE.UG_CUSTOM_NETWORKING,
      },
    );
  }
  if (policy.engine === 'CALICO_POLICY_ONLY') {
    settings.push(
      {
        target: 'CALICO_INSTALLATION',
        key: 'cni.type',
        value: 'AmazonVPC',
        templateId: T.CALICO_POLICY_ONLY_INSTALLATION,
        reason: 'Calico enforces policy only; the VPC CNI keeps networking pods.',
        source: SOURCE.TIGERA_EKS,
      },
      {
        target: 'VPC_CNI_ADDON',
        key: 'ANNOTATE_POD_IP',
        value: 'true',
        templateId: T.CALICO_POLICY_ONLY_INSTALLATION,
        reason: 'aws-node annotates pod IPs so Calico learns them without delay.',
        source: SOURCE.TIGERA_EKS,
      },
      {
        target: 'VPC_CNI_ADDON',
        key: 'enableNetworkPolicy',
        value: 'false',
        templateId: T.CALICO_POLICY_ONLY_INSTALLATION,
        reason: 'The VPC CNI policy agent is Linux-only and conflicts with Calico.',
        source: SOURCE.UG_CNI_NETPOL,
      },
    );
  } else if (policy.engine === 'VPC_CNI') {
    settings.push({
      target: 'VPC_CNI_ADDON',
      key: 'enableNetworkPolicy',
      value: 'true',
      templateId: null,
      reason: 'VPC CNI (>= 1.14) network policy for Linux pods.',
      source: SOURCE.UG_CNI_NETPOL,
    });
  }
  return settings;
}

function addClusterNotes(ctx: Context, notes: CniNote[], recommended: CniOption | null): void {
  const n = ctx.r.normalized;
  if (!ctx.windowsBlockedBy) {
    for (const g of ctx.windows) {
      if (!g.windowsServerVersion) continue;
      const checks = checkWindowsServerVersion({
        version: g.windowsServerVersion,
        kubernetesVersion: n.kubernetesVersion,
        networkPolicyOnWindows: n.needs.networkPolicyOnWindows,
      });
      for (const w of checks) {
        const rule: CniRuleCode | null =
          w.code === 'WINDOWS_SERVER_VERSION_NEEDS_NEWER_EKS'
            ? 'WINDOWS_SERVER_VERSION_GATE'
            : w.code === 'WINDOWS_CONTAINER_OS_BUILD'
              ? 'WINDOWS_CONTAINER_OS_BUILD'
              : w.code === 'WINDOWS_SERVER_NETWORK_POLICY_UNSUPPORTED'
                ? 'WINDOWS_SERVER_2025_NETWORK_POLICY_UNSUPPORTED'
                : w.code === 'WINDOWS_SERVER_2019_ADDONS_LEAVING'
                  ? 'WINDOWS_SERVER_VERSION_GATE'
                  : null;
        if (!rule) continue;
        notes.push({
          rule,
          severity: w.code === 'WINDOWS_CONTAINER_OS_BUILD' ? 'INFO' : 'WARNING',
          message: `${g.name}: ${w.message}`,
          source: w.source,
        });
      }
    }
    for (const m of findServiceCidrMismatches(ctx)) {
      notes.push({
        rule: 'WINDOWS_SERVICE_CIDR_MISMATCH',
        severity: 'WARNING',
        message: serviceCidrMessage(ctx, m),
        source: SOURCE.UG_WINDOWS_AMI_SERVICE_CIDR,
      });
    }
  }
  for (const b of ctx.windowsBlocks) {
    notes.push({
      rule: b.rule,
      severity: 'WARNING',
      message: `${b.message} Every option is UNSUPPORTED for the Windows node groups (${names(ctx.windows)}).`,
      source: b.source,
    });
  }
  if (ctx.windows.length) {
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
    if (recommended && recommended !== 'CALICO_OVERLAY') {
      notes.push({
        rule: 'WINDOWS_IPAM_CONFIGMAP_KEYS',
        severity: 'INFO',
        message:
          'The settings use the un-prefixed ConfigMap keys (warm-ip-target, minimum-ip-target), which the VPC Resource Controller reads first and the VPC CNI Helm chart writes; windows-warm-ip-target / windows-minimum-ip-target are then ignored, so do not set both families.',
        source: SOURCE.VPCRC_KEYS,
      });
    }
  }
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
}

function buildConflicts(ctx: Context): CniConflict[] {
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
