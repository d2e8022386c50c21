import { stringEnum, type EnumValue } from '../../common/core/string-enum.js';
import { SOURCE } from '../../common/core/sources.js';
import { isNitro, type InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import { validationError } from '../../common/domain-error.js';
import { IP_MODES, NODE_OSES, type CapacityWarning, type IpMode, type NamedValue, type NodeOs } from './capacity.types.js';
import {
  describeVpcLimitsTable,
  resolveVpcLimit,
  type VpcLimitsTable,
  type VpcResourceControllerLimit,
} from './vpc-resource-controller-limits.js';
import { computeAllocatable, memoryCapacityMiB, reservedMemoryMiB, type Allocatable } from './allocatable.js';
import {
  assessWindowsEligibility,
  isWindowsArchitecture,
  vpcrcUnsupportedEventText,
  type WindowsEligibility,
  type WindowsPriceListFact,
} from './windows-eligibility.js';

/**
 * The VPC CNI version assumed when the caller gives none: the current v1.20 line
 * (`aws/amazon-vpc-cni-k8s` releases, v1.20.0; what new EKS clusters install as of 2026).
 */
export const DEFAULT_VPC_CNI_VERSION = '1.20.0';
/** Kubelet's own default for --max-pods, used by the EKS Windows bootstrap (BPG prefix-mode_windows.adoc). */
export const WINDOWS_DEFAULT_KUBELET_MAX_PODS = 110;
/** The EKS max-pods calculator's recommended caps (VPCCNI misc/max-pods-calculator.sh). */
export const RECOMMENDED_MAX_PODS_SMALL = 110;
export const RECOMMENDED_MAX_PODS_LARGE = 250;
/** More than this many vCPUs gets the large cap; exactly 30 still gets 110. */
export const RECOMMENDED_CAP_VCPU_THRESHOLD = 30;
/** IPs per /28 prefix. */
export const IPS_PER_PREFIX = 16;
/** aws-node and kube-proxy: the host-network pods a Linux node always runs (VPCCNI misc/eni-max-pods.txt). */
export const LINUX_HOST_NETWORK_PODS = 2;
/** Lowest VPC CNI version with prefix delegation (VPCCNI v1.9.0 release notes). */
export const LINUX_PREFIX_DELEGATION_MIN_CNI = '1.9.0';
/**
 * Lowest VPC CNI version with prefix delegation on bare metal: before it ipamd took an empty Hypervisor (what EC2 reports
 * for bare metal) as not Nitro and stayed in secondary-IP mode (VPCCNI CHANGELOG.md v1.10.3, PR #1937).
 */
export const LINUX_PREFIX_DELEGATION_BARE_METAL_MIN_CNI = '1.10.3';

export interface NodeCapacityInput {
  instanceType: InstanceTypeFacts;
  os: NodeOs;
  ipMode: IpMode;
  /** Kubelet --max-pods. Windows default 110; Linux default: none (the recommended cap, or the IP limit). */
  kubeletMaxPods?: number;
  /** Linux: apply the calculator's 110/250 recommendation when kubeletMaxPods is not given. Default true. */
  applyRecommendedCap?: boolean;
  customNetworking?: boolean;
  securityGroupsForPods?: boolean;
  /** Linux: cap on ENIs attached (ipamd MAX_ENI, calculator --cni-max-eni). */
  maxEnis?: number;
  /** VPC CNI version, `1.NN.NN` (a leading `v` and a `-eksbuild.N` suffix are accepted). */
  vpcCniVersion?: string;
  /** The Price List's answer on Windows for this type in a region, when the catalog has read it. */
  windowsPriceList?: WindowsPriceListFact;
  /** Windows: pods replaced per 30 s on a node (Jobs, CI runners); their IPs cool down 30 s before reuse. */
  podChurnPer30s?: number;
}

export const MaxPodsLimit = stringEnum('IP_ADDRESSES', 'KUBELET_MAX_PODS', 'RECOMMENDED_CAP', 'UNSUPPORTED');
export type MaxPodsLimit = EnumValue<typeof MaxPodsLimit>;

export interface NodeCapacity {
  instanceType: string;
  os: NodeOs;
  requestedIpMode: IpMode;
  /** The mode really in force after the support rules (PD may fall back to secondary IP). */
  effectiveIpMode: IpMode;
  /** What the IP math allows (Linux includes the +2 host-network pods; Windows W). */
  ipLimitedPods: number;
  /** What really schedules: min(IP limit, kubelet max-pods) after support rules. */
  maxPods: number;
  /** Which limit decided maxPods. */
  limitedBy: MaxPodsLimit;
  /** The kubelet --max-pods in force (explicit, default, or recommended); null when none is set. */
  kubeletMaxPods: number | null;
  /** Linux: the max-pods calculator's recommendation min(IP limit, 110 or 250); null for Windows. */
  recommendedMaxPods: number | null;
  /** Linux: ENIs whose IPs pods use after custom networking, SGP trunk and maxEnis; Windows: 1. */
  podEnis: number;
  /** Secondary-IP slots (or prefixes) per ENI: I - 1. */
  slotsPerEni: number;
  /**
   * Linux: ENIs attached that carry no pod IPs, one subnet address each: the primary ENI under custom
   * networking, the trunk ENI with security groups for pods. Windows: 0.
   */
  nonPodEnis: number;
  /** Linux with security groups for pods: branch ENIs (`vpc.amazonaws.com/pod-eni`); else null. */
  branchInterfaces: number | null;
  /** Arithmetic with values put in, one step a line, ending with the min() step. */
  formula: string[];
  inputs: NamedValue[];
  warnings: CapacityWarning[];
  /** Whether the type can be a Windows node at all, and why not (for either OS: it is about the type). */
  windowsEligibility: WindowsEligibility;
  /** Windows: the controller table W came from (null: neither knows the type); Linux: null. */
  limitsTable: VpcLimitsTable | null;
  /** CPU, memory and pods left for pods on one node. */
  allocatable: Allocatable;
  /** Windows with podChurnPer30s: pods a node holds while released IPs cool down; else null. */
  podsDuringCooldown: number | null;
}

/** A released Windows IP waits this long before reuse (VPCRC pkg/config/type.go CoolDownPeriod). */
export const WINDOWS_IP_COOLDOWN_SECONDS = 30;

export function computeNodeCapacity(input: NodeCapacityInput): NodeCapacity {
  validateCapacityInput(input);
  const capacity = input.os === 'WINDOWS' ? computeWindows(input) : computeLinux(input);
  if (capacity.maxPods > 0 && (capacity.allocatable.memoryMiB === 0 || capacity.allocatable.cpuMillicores === 0)) {
    // maxPods counts IPs and the kubelet; a node its reservations leave empty still holds no pod (sizing: NO_CAPACITY).
    capacity.warnings.push({
      code: 'NO_ALLOCATABLE_RESOURCES',
      message:
        `The reservations take all of a ${capacity.os} ${capacity.instanceType} node's ${capacity.allocatable.memoryMiB === 0 ? 'memory' : 'CPU'}: ` +
        `${capacity.maxPods} pods by IPs and kubelet, but none fits (${capacity.allocatable.formula.join('; ')}).`,
      source: capacity.allocatable.sources.join('; '),
    });
  }
  return capacity;
}

/** The warnings that say a node of the type never runs a pod: one per failed Windows gate, or reservations taking it all. */
export const NO_POD_CAPACITY_CODES: readonly string[] = Object.freeze([
  'WINDOWS_UNSUPPORTED_ARCHITECTURE',
  'WINDOWS_NOT_OFFERED_BY_EC2',
  'WINDOWS_TYPE_NOT_IN_VPCRC_LIMITS',
  'NO_ALLOCATABLE_RESOURCES',
]);

/**
 * Why a node with this capacity never runs a pod, each reason with its source: the type is UNSUPPORTED (maxPods 0), or
 * its reservations leave no memory or CPU for pods (NO_ALLOCATABLE_RESOURCES: on Windows the 2 GiB the BPG oom.adoc
 * reserves exceed a t3.nano's memory). Empty when a node of it can run pods.
 */
export function noPodCapacityReasons(capacity: NodeCapacity): CapacityWarning[] {
  const noAllocatable = capacity.warnings.some((w) => w.code === 'NO_ALLOCATABLE_RESOURCES');
  if (capacity.maxPods > 0 && !noAllocatable) return [];
  const reasons = capacity.warnings.filter((w) => NO_POD_CAPACITY_CODES.includes(w.code));
  return reasons.length > 0 ? reasons : [...capacity.warnings];
}

/**
 * NO_ALLOCATABLE_RESOURCES in one sentence, for answers that list many types (the pods table): the same code and
 * source as nodeCapacity's warning, without its formula steps (about 100 characters, not 400). Null when the
 * reservations leave the node room for pods. A Windows t3.nano: "No pod fits: the Windows reservations (2248 MiB)
 * take all 473 MiB of memory a t3.nano node has."
 */
export function noAllocatableSummary(
  t: Pick<InstanceTypeFacts, 'name' | 'vcpus' | 'memoryMiB' | 'architectures'>,
  capacity: NodeCapacity,
): CapacityWarning | null {
  const warning = capacity.warnings.find((w) => w.code === 'NO_ALLOCATABLE_RESOURCES');
  if (!warning) return null;
  const what =
    capacity.allocatable.memoryMiB === 0
      ? `${capacity.os === 'WINDOWS' ? `the Windows reservations (${reservedMemoryMiB('WINDOWS', capacity.maxPods)} MiB)` : 'the Linux reservations'} ` +
        `take all ${memoryCapacityMiB(t)} MiB of memory`
      : `kube-reserved CPU takes all ${t.vcpus * 1000}m of CPU`;
  return { code: warning.code, message: `No pod fits: ${what} a ${t.name} node has.`, source: warning.source };
}

export type CompareModesInput = Omit<NodeCapacityInput, 'os' | 'ipMode'>;

export interface ModeComparison {
  instanceType: string;
  /** Four answers: WINDOWS and LINUX, each in SECONDARY_IP and PREFIX_DELEGATION. */
  results: NodeCapacity[];
}

/** Both operating systems in both IP modes, with the same options. */
export function compareModes(input: CompareModesInput): ModeComparison {
  const results: NodeCapacity[] = [];
  for (const os of NODE_OSES) {
    for (const ipMode of IP_MODES) results.push(computeNodeCapacity({ ...input, os, ipMode }));
  }
  return { instanceType: input.instanceType.name, results };
}

/** `1.NN[.NN]`, optional leading `v` and `-eksbuild.N` suffix, as [major, minor, patch]. */
export function parseVpcCniVersion(version: string): [number, number, number] {
  const m = /^v?(\d{1,3})\.(\d{1,3})(?:\.(\d{1,3}))?(?:-[0-9A-Za-z.-]+)?$/.exec(version.trim());
  if (!m) {
    throw validationError('vpcCniVersion', 'format', `VPC CNI version "${version}" is not a version like 1.20.0 or v1.19.2-eksbuild.1`);
  }
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

function compareVersions(a: [number, number, number], b: [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function validateCapacityInput(input: NodeCapacityInput): void {
  if (!input || !input.instanceType || typeof input.instanceType.name !== 'string') {
    throw validationError('instanceType', 'required', 'instanceType (the facts of one EC2 instance type) is required');
  }
  if (!NODE_OSES.includes(input.os)) {
    throw validationError('os', 'enum', `os must be WINDOWS or LINUX, not ${String(input.os)}`);
  }
  if (!IP_MODES.includes(input.ipMode)) {
    throw validationError('ipMode', 'enum', `ipMode must be SECONDARY_IP or PREFIX_DELEGATION, not ${String(input.ipMode)}`);
  }
  if (input.kubeletMaxPods !== undefined) requirePositiveInteger('kubeletMaxPods', input.kubeletMaxPods);
  if (input.maxEnis !== undefined) requirePositiveInteger('maxEnis', input.maxEnis);
  if (input.vpcCniVersion !== undefined) parseVpcCniVersion(input.vpcCniVersion);
  if (input.podChurnPer30s !== undefined) requireNonNegativeInteger('podChurnPer30s', input.podChurnPer30s);
}

export function requirePositiveInteger(field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw validationError(field, 'positive-integer', `${field} must be a whole number of at least 1, not ${String(value)}`);
  }
}

export function requireNonNegativeInteger(field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw validationError(field, 'non-negative-integer', `${field} must be a whole number of 0 or more, not ${String(value)}`);
  }
}

/** EKS-optimized Windows AMIs are x86_64 only (UG eks-optimized-windows-ami); `x86_64_mac` is a Mac. */
export function canRunWindows(architectures: readonly string[]): boolean {
  return isWindowsArchitecture(architectures);
}

/**
 * The hypervisor and bare-metal flag the VPC Resource Controller decides Windows prefix delegation on: its limits
 * table's (aws/amazon-vpc-resource-controller-k8s pkg/aws/vpc/limits.go, or Karpenter's newer copy), else EC2's
 * DescribeInstanceTypes for a type in neither table.
 */
export function windowsHypervisor(
  t: Pick<InstanceTypeFacts, 'name' | 'hypervisor' | 'bareMetal'>,
  limit: VpcResourceControllerLimit | undefined = resolveVpcLimit(t.name)?.limit,
): { hypervisor: string | null; bareMetal: boolean } {
  return limit
    ? { hypervisor: limit.hypervisor || null, bareMetal: limit.isBareMetal }
    : { hypervisor: t.hypervisor, bareMetal: t.bareMetal };
}

/**
 * The IP mode in force on a Windows node: prefix delegation only on Nitro or bare metal, else the controller ignores
 * enable-windows-prefix-delegation and stays in secondary-IP mode (BPG prefix-mode_windows.adoc). nodeCapacity and
 * node-group sizing both read it from here.
 */
export function windowsEffectiveIpMode(
  t: Pick<InstanceTypeFacts, 'name' | 'hypervisor' | 'bareMetal'>,
  requested: IpMode,
  limit: VpcResourceControllerLimit | undefined = resolveVpcLimit(t.name)?.limit,
): IpMode {
  return requested === 'PREFIX_DELEGATION' && !isNitro(windowsHypervisor(t, limit)) ? 'SECONDARY_IP' : requested;
}

function computeWindows(input: NodeCapacityInput): NodeCapacity {
  const t = input.instanceType;
  const warnings: CapacityWarning[] = [];
  const formula: string[] = [];
  const eligibility = assessWindowsEligibility(t, { priceList: input.windowsPriceList });
  const resolved = resolveVpcLimit(t.name);
  const limit = resolved?.limit;
  const kubelet = input.kubeletMaxPods ?? WINDOWS_DEFAULT_KUBELET_MAX_PODS;
  const inputs: NamedValue[] = [
    { name: 'instanceType', value: t.name },
    { name: 'I (IPv4 per ENI, EC2)', value: t.ipv4AddressesPerInterface },
    {
      name: 'I (IPv4 per ENI, VPCRC limits)',
      value: limit ? limit.ipv4PerInterface : null,
      note: resolved
        ? `what the VPC Resource Controller advertises from: ${describeVpcLimitsTable(resolved.table)}`
        : 'type in neither controller table',
    },
    { name: 'limits table', value: resolved ? resolved.table : null, note: resolved ? describeVpcLimitsTable(resolved.table) : 'none' },
    { name: 'hypervisor', value: limit ? limit.hypervisor || null : t.hypervisor },
    { name: 'bareMetal', value: limit ? limit.isBareMetal : t.bareMetal },
    { name: 'architectures', value: t.architectures.join(',') },
    {
      name: 'EC2 offers Windows',
      value: eligibility.offeredByEc2,
      note:
        eligibility.ec2Evidence === 'PRICE_LIST' ? `AWS Price List, ${eligibility.region}` : 'known list (aws/karpenter-provider-aws#7985)',
    },
    {
      name: 'kubelet max-pods',
      value: kubelet,
      note: input.kubeletMaxPods === undefined ? 'kubelet default on Windows' : 'given',
    },
  ];

  const effectiveIpMode = windowsEffectiveIpMode(t, input.ipMode, limit);
  if (effectiveIpMode !== input.ipMode) {
    const { hypervisor } = windowsHypervisor(t, limit);
    warnings.push({
      code: 'WINDOWS_PREFIX_DELEGATION_FALLBACK',
      message:
        `${t.name} is not Nitro (hypervisor ${hypervisor || 'unknown'}) nor bare metal: the VPC Resource Controller ` +
        'ignores enable-windows-prefix-delegation on it and stays in secondary-IP mode.',
      source: SOURCE.BPG_PREFIX_WINDOWS,
    });
  }

  const slots = limit ? limit.ipv4PerInterface - 1 : 0;
  let w: number;
  if (!limit) {
    w = 0;
    formula.push(`W = 0 (${t.name} is in neither VPC Resource Controller limits table: "${vpcrcUnsupportedEventText(t.name)}")`);
  } else if (effectiveIpMode === 'PREFIX_DELEGATION') {
    w = slots * IPS_PER_PREFIX;
    formula.push(`W = (I - 1) * 16 = (${limit.ipv4PerInterface} - 1) * 16 = ${w} (I from ${resolved.table})`);
  } else {
    w = slots;
    formula.push(`W = I - 1 = ${limit.ipv4PerInterface} - 1 = ${w} (I from ${resolved.table})`);
  }
  // The eligibility reasons: architecture, EC2's refusal, the controller tables (each with its source).
  warnings.push(...eligibility.reasons);
  if (limit && limit.ipv4PerInterface !== t.ipv4AddressesPerInterface) {
    warnings.push({
      code: 'WINDOWS_IPV4_PER_INTERFACE_DIFFERS',
      message:
        `EC2 reports ${t.ipv4AddressesPerInterface} IPv4 addresses per ENI for ${t.name}, the VPC Resource Controller's ` +
        `table ${limit.ipv4PerInterface}; the controller's figure decides Windows capacity.`,
      source: resolved.table === 'VPCRC_PUBLIC' ? SOURCE.VPCRC_LIMITS : SOURCE.KARPENTER_VPC_LIMITS,
    });
  }

  let maxPods = Math.min(kubelet, w);
  let limitedBy: MaxPodsLimit = !limit ? 'UNSUPPORTED' : w <= kubelet ? 'IP_ADDRESSES' : 'KUBELET_MAX_PODS';
  formula.push(`maxPods = min(kubelet max-pods, W) = min(${kubelet}, ${w}) = ${maxPods}`);

  if (!eligibility.architectureSupported) {
    maxPods = 0;
    limitedBy = 'UNSUPPORTED';
    formula.push(`maxPods = 0 (no EKS-optimized Windows AMI for ${t.architectures.join('/')})`);
  } else if (!eligibility.offeredByEc2) {
    maxPods = 0;
    limitedBy = 'UNSUPPORTED';
    formula.push(`maxPods = 0 (EC2 does not offer Windows on ${t.name}${eligibility.region ? ` in ${eligibility.region}` : ''})`);
  }

  if (limitedBy !== 'UNSUPPORTED') {
    if (input.kubeletMaxPods !== undefined && input.kubeletMaxPods > w) {
      warnings.push({
        code: 'KUBELET_MAX_PODS_ABOVE_IP_LIMIT',
        message:
          `kubelet max-pods ${input.kubeletMaxPods} is above the ${w} IPs the controller can give: ` +
          `pods beyond ${w} stay Pending with "Insufficient vpc.amazonaws.com/PrivateIPv4Address".`,
        source: SOURCE.VPCRC_LIMITS,
      });
    } else if (kubelet < w) {
      warnings.push({
        code: 'KUBELET_MAX_PODS_BELOW_IP_LIMIT',
        message:
          `Kubelet max-pods ${kubelet} schedules fewer pods than the ${w} IPs available; raise it with ` +
          `-KubeletExtraArgs '--max-pods=N' (AWS guidance under prefix delegation: 110, up to 250 on large types).`,
        source: SOURCE.BPG_PREFIX_WINDOWS,
      });
    }
  }
  if (effectiveIpMode === 'PREFIX_DELEGATION' && limitedBy !== 'UNSUPPORTED') {
    warnings.push({
      code: 'WINDOWS_PREFIX_DELEGATION_NO_FALLBACK',
      message:
        'Under prefix delegation Windows never falls back to secondary IPs: when EC2 answers "InsufficientCidrBlocks: The specified ' +
        'subnet does not have enough free cidr blocks to satisfy the request" the controller waits for you ("caller can retry in ' +
        '2 min [Action required from user to change subnet]"). Keep free aligned /28 blocks: a subnet CIDR reservation of type ' +
        'prefix, or a dedicated subnet.',
      source: `${SOURCE.VPCRC_POOL}; ${SOURCE.BPG_PREFIX_WINDOWS}`,
    });
  }
  let podsDuringCooldown: number | null = null;
  if (input.podChurnPer30s !== undefined) {
    const churn = input.podChurnPer30s;
    podsDuringCooldown = limitedBy === 'UNSUPPORTED' ? 0 : Math.max(0, Math.min(kubelet, w - churn));
    formula.push(
      `podsDuringCooldown = min(kubelet max-pods, W - podChurnPer30s) = min(${kubelet}, ${w} - ${churn}) = ${podsDuringCooldown}` +
        (limitedBy === 'UNSUPPORTED' ? ' -> 0 (no Windows pods on this type)' : ''),
    );
    inputs.push({ name: 'podChurnPer30s', value: churn, note: 'pods replaced per 30 s on a node' });
    if (churn > 0 && limitedBy !== 'UNSUPPORTED') {
      warnings.push({
        code: 'WINDOWS_IP_COOLDOWN',
        message:
          `A released Windows IP cools down ${WINDOWS_IP_COOLDOWN_SECONDS} s before the controller reuses it: with ${churn} pods replaced ` +
          `per 30 s a node holds ${podsDuringCooldown} pods (W - churn = ${w} - ${churn}) without waiting; beyond that, while used + cooling = ` +
          'capacity, new pods fail with "cannot assign resource now, resources are being cooled down". Plan pods per node <= W - IPs released per 30 s, or use prefix delegation.',
        source: `${SOURCE.VPCRC_CONFIG_COOLDOWN}; ${SOURCE.VPCRC_POOL}`,
      });
    }
  }
  if (input.customNetworking) {
    warnings.push({
      code: 'WINDOWS_CUSTOM_NETWORKING_UNSUPPORTED',
      message: 'Custom networking is not supported for Windows nodes; ignored (Windows pods use the node subnet).',
      source: SOURCE.UG_WINDOWS_SUPPORT,
    });
  }
  if (input.securityGroupsForPods) {
    warnings.push({
      code: 'WINDOWS_SECURITY_GROUPS_FOR_PODS_UNSUPPORTED',
      message: 'Security groups for pods is Linux only: Windows pods cannot get branch ENIs; ignored.',
      source: SOURCE.UG_SECURITY_GROUPS_FOR_PODS,
    });
  }
  if (input.maxEnis !== undefined) {
    warnings.push({
      code: 'WINDOWS_MAX_ENIS_IGNORED',
      message: 'maxEnis is ignored on Windows: the VPC Resource Controller uses only the primary ENI of a Windows node.',
      source: SOURCE.BPG_WINDOWS_NETWORKING,
    });
  }

  return {
    instanceType: t.name,
    os: 'WINDOWS',
    requestedIpMode: input.ipMode,
    effectiveIpMode,
    ipLimitedPods: w,
    maxPods,
    limitedBy,
    kubeletMaxPods: kubelet,
    recommendedMaxPods: null,
    podEnis: 1,
    slotsPerEni: slots,
    nonPodEnis: 0,
    branchInterfaces: null,
    formula,
    inputs,
    warnings,
    windowsEligibility: eligibility,
    limitsTable: resolved ? resolved.table : null,
    allocatable: computeAllocatable(t, 'WINDOWS', maxPods),
    podsDuringCooldown,
  };
}

/**
 * The max pods a Linux node's kube-reserved memory (11 * pods + 255 MiB) is sized on: the ENI-limited E * (I - 1) + 2 of
 * the default network card, the eni-max-pods.txt figure, whatever the kubelet --max-pods, prefix delegation, custom
 * networking, security groups for pods or maxEnis. The EKS AMI reserves from that figure before any setting of the user
 * (awslabs/amazon-eks-ami templates/al2/runtime/bootstrap.sh get_memory_mebibytes_to_reserve $MAX_PODS; nodeadm
 * internal/kubelet/config.go withDefaultReservedResources), and so does Karpenter for AL2 and AL2023: kubeReservedResources
 * (pkg/providers/instancetype/types.go) takes ENILimitedPods, not pods(), when the AMI family has
 * UsesENILimitedMemoryOverhead (DefaultFamily, pkg/providers/amifamily/resolver.go; Bottlerocket alone sizes on max-pods).
 */
export function linuxKubeReservedPods(t: Pick<InstanceTypeFacts, 'defaultCardNetworkInterfaces' | 'ipv4AddressesPerInterface'>): number {
  return t.defaultCardNetworkInterfaces * (t.ipv4AddressesPerInterface - 1) + LINUX_HOST_NETWORK_PODS;
}

/** A Linux node's allocatable: kube-reserved memory on the ENI-limited max pods, `maxPods` the pods that schedule. */
export function linuxAllocatable(
  t: Pick<InstanceTypeFacts, 'vcpus' | 'memoryMiB' | 'architectures' | 'defaultCardNetworkInterfaces' | 'ipv4AddressesPerInterface'>,
  maxPods: number,
): Allocatable {
  const pods = linuxKubeReservedPods(t);
  return computeAllocatable(t, 'LINUX', maxPods, {
    pods,
    note:
      `maxPods in kube-reserved = the ENI-limited E * (I - 1) + 2 = ${t.defaultCardNetworkInterfaces} * (${t.ipv4AddressesPerInterface} - 1) + 2 = ` +
      `${pods} (eni-max-pods.txt), not the ${maxPods} that schedule: the EKS AMI and Karpenter (AL2, AL2023) reserve so`,
    source: SOURCE.EKS_AMI_KUBE_RESERVED_ENI_PODS,
  });
}

/** The max-pods calculator's cap: 110, or 250 above 30 vCPUs. */
export function recommendedMaxPodsCap(vcpus: number): number {
  return vcpus > RECOMMENDED_CAP_VCPU_THRESHOLD ? RECOMMENDED_MAX_PODS_LARGE : RECOMMENDED_MAX_PODS_SMALL;
}

function computeLinux(input: NodeCapacityInput): NodeCapacity {
  const t = input.instanceType;
  const warnings: CapacityWarning[] = [];
  const formula: string[] = [];
  const cniVersion = input.vpcCniVersion ?? DEFAULT_VPC_CNI_VERSION;
  const applyCap = input.applyRecommendedCap ?? true;
  const i = t.ipv4AddressesPerInterface;
  const cardEnis = t.defaultCardNetworkInterfaces;
  const inputs: NamedValue[] = [
    { name: 'instanceType', value: t.name },
    { name: 'I (IPv4 per ENI)', value: i },
    { name: 'E (ENIs on the default network card)', value: cardEnis },
    { name: 'vCPUs', value: t.vcpus },
    { name: 'hypervisor', value: t.hypervisor },
    { name: 'bareMetal', value: t.bareMetal },
    {
      name: 'VPC CNI version',
      value: cniVersion,
      note: input.vpcCniVersion === undefined ? 'default (current release line)' : 'given',
    },
  ];

  let effectiveIpMode: IpMode = input.ipMode;
  if (input.ipMode === 'PREFIX_DELEGATION') {
    if (compareVersions(parseVpcCniVersion(cniVersion), parseVpcCniVersion(LINUX_PREFIX_DELEGATION_MIN_CNI)) < 0) {
      effectiveIpMode = 'SECONDARY_IP';
      warnings.push({
        code: 'LINUX_PREFIX_DELEGATION_NEEDS_CNI_1_9',
        message: `Prefix delegation needs VPC CNI ${LINUX_PREFIX_DELEGATION_MIN_CNI} or later; ${cniVersion} stays in secondary-IP mode.`,
        source: SOURCE.VPCCNI_PREFIX_DELEGATION,
      });
    }
    if (
      effectiveIpMode === 'PREFIX_DELEGATION' &&
      t.bareMetal &&
      t.hypervisor !== 'nitro' &&
      compareVersions(parseVpcCniVersion(cniVersion), parseVpcCniVersion(LINUX_PREFIX_DELEGATION_BARE_METAL_MIN_CNI)) < 0
    ) {
      effectiveIpMode = 'SECONDARY_IP';
      warnings.push({
        code: 'LINUX_PREFIX_DELEGATION_BARE_METAL_NEEDS_CNI_1_10_3',
        message:
          `${t.name} is bare metal (EC2 reports no hypervisor): VPC CNI ${cniVersion} takes that as not Nitro and stays in ` +
          `secondary-IP mode; prefix delegation on bare metal needs ${LINUX_PREFIX_DELEGATION_BARE_METAL_MIN_CNI} or later.`,
        source: SOURCE.VPCCNI_PD_BARE_METAL,
      });
    }
    if (!isNitro(t)) {
      effectiveIpMode = 'SECONDARY_IP';
      warnings.push({
        code: 'LINUX_PREFIX_DELEGATION_NEEDS_NITRO',
        message:
          `${t.name} is not Nitro (hypervisor ${t.hypervisor ?? 'unknown'}) nor bare metal: ipamd falls back to ` +
          'secondary-IP mode on it.',
        source: SOURCE.VPCCNI_PREFIX_DELEGATION,
      });
    }
  }

  let enis = cardEnis;
  if (input.maxEnis !== undefined && input.maxEnis < cardEnis) {
    enis = input.maxEnis;
    formula.push(`E = min(E, maxEnis) = min(${cardEnis}, ${input.maxEnis}) = ${enis}`);
    warnings.push({
      code: 'MAX_ENIS_CAP',
      message: `maxEnis ${input.maxEnis} caps the ENIs attached below the ${cardEnis} the default card allows.`,
      source: SOURCE.VPCCNI_MAX_PODS_CALCULATOR,
    });
  }
  let podEnis = enis;
  let nonPodEnis = 0;
  if (input.customNetworking) {
    nonPodEnis += 1;
    formula.push(`E = E - 1 = ${podEnis} - 1 = ${podEnis - 1} (custom networking: the primary ENI carries no pods)`);
    podEnis -= 1;
    warnings.push({
      code: 'LINUX_CUSTOM_NETWORKING_ENI',
      message: 'Custom networking: pods use only the secondary ENIs (ENIConfig subnets), one ENI fewer for pods.',
      source: SOURCE.UG_CUSTOM_NETWORKING,
    });
  }
  let branchInterfaces: number | null = null;
  if (input.securityGroupsForPods) {
    const limit = resolveVpcLimit(t.name)?.limit;
    if (limit && limit.isTrunkingCompatible) {
      formula.push(`E = E - 1 = ${podEnis} - 1 = ${podEnis - 1} (security groups for pods: one ENI is the trunk)`);
      if (podEnis > 0) nonPodEnis += 1;
      podEnis -= 1;
      branchInterfaces = limit.branchInterfaces;
      warnings.push({
        code: 'LINUX_SECURITY_GROUPS_FOR_PODS_TRUNK_ENI',
        message:
          `Security groups for pods attaches a trunk ENI, one ENI fewer for IP-mode pods; ` +
          `${limit.branchInterfaces} branch ENIs (vpc.amazonaws.com/pod-eni) for pods with a SecurityGroupPolicy.`,
        source: SOURCE.UG_SECURITY_GROUPS_FOR_PODS,
      });
    } else {
      branchInterfaces = 0;
      warnings.push({
        code: 'LINUX_SECURITY_GROUPS_FOR_PODS_NOT_TRUNKING_COMPATIBLE',
        message: `${t.name} is not trunking compatible in the VPC Resource Controller table: no branch ENIs, security groups for pods cannot be used on it.`,
        source: SOURCE.VPCRC_LIMITS,
      });
    }
  }
  if (podEnis < 0) podEnis = 0;

  const slots = i - 1;
  const podIps = effectiveIpMode === 'PREFIX_DELEGATION' ? podEnis * slots * IPS_PER_PREFIX : podEnis * slots;
  const ipLimitedPods = podIps + LINUX_HOST_NETWORK_PODS;
  formula.push(
    effectiveIpMode === 'PREFIX_DELEGATION'
      ? `ipLimitedPods = E * (I - 1) * 16 + 2 = ${podEnis} * (${i} - 1) * 16 + 2 = ${ipLimitedPods}`
      : `ipLimitedPods = E * (I - 1) + 2 = ${podEnis} * (${i} - 1) + 2 = ${ipLimitedPods}`,
  );
  const cap = recommendedMaxPodsCap(t.vcpus);
  const recommendedMaxPods = Math.min(ipLimitedPods, cap);
  formula.push(
    `recommendedMaxPods = min(ipLimitedPods, ${cap}) = min(${ipLimitedPods}, ${cap}) = ${recommendedMaxPods}` +
      ` (${t.vcpus} vCPUs ${t.vcpus > RECOMMENDED_CAP_VCPU_THRESHOLD ? '>' : '<='} ${RECOMMENDED_CAP_VCPU_THRESHOLD})`,
  );

  let kubelet: number;
  let kubeletNote: string;
  if (input.kubeletMaxPods !== undefined) {
    kubelet = input.kubeletMaxPods;
    kubeletNote = 'given';
  } else if (applyCap) {
    kubelet = recommendedMaxPods;
    kubeletNote = 'the recommended value';
  } else {
    kubelet = ipLimitedPods;
    kubeletNote = 'the IP limit (eni-max-pods), recommended cap not applied';
  }
  inputs.push({ name: 'kubelet max-pods', value: kubelet, note: kubeletNote });
  const maxPods = Math.min(ipLimitedPods, kubelet);
  formula.push(`maxPods = min(ipLimitedPods, kubelet max-pods) = min(${ipLimitedPods}, ${kubelet}) = ${maxPods}`);
  const limitedBy: MaxPodsLimit =
    maxPods === ipLimitedPods ? 'IP_ADDRESSES' : input.kubeletMaxPods !== undefined ? 'KUBELET_MAX_PODS' : 'RECOMMENDED_CAP';

  if (input.kubeletMaxPods !== undefined && input.kubeletMaxPods > ipLimitedPods) {
    warnings.push({
      code: 'KUBELET_MAX_PODS_ABOVE_IP_LIMIT',
      message: `kubelet max-pods ${input.kubeletMaxPods} is above the ${ipLimitedPods} pods the IPs allow: pods beyond that fail to get an IP (ContainerCreating).`,
      source: SOURCE.VPCCNI_ENI_MAX_PODS,
    });
  } else if (input.kubeletMaxPods !== undefined && input.kubeletMaxPods > cap) {
    warnings.push({
      code: 'KUBELET_MAX_PODS_ABOVE_RECOMMENDED',
      message: `kubelet max-pods ${input.kubeletMaxPods} is above the recommended ${cap} for ${t.vcpus} vCPUs.`,
      source: SOURCE.VPCCNI_MAX_PODS_CALCULATOR,
    });
  }

  return {
    instanceType: t.name,
    os: 'LINUX',
    requestedIpMode: input.ipMode,
    effectiveIpMode,
    ipLimitedPods,
    maxPods,
    limitedBy,
    kubeletMaxPods: kubelet,
    recommendedMaxPods,
    podEnis,
    slotsPerEni: slots,
    nonPodEnis,
    branchInterfaces,
    formula,
    inputs,
    warnings,
    windowsEligibility: assessWindowsEligibility(t, { priceList: input.windowsPriceList }),
    limitsTable: null,
    allocatable: linuxAllocatable(t, maxPods),
    podsDuringCooldown: null,
  };
}
