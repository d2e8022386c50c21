import { enumValues, stringEnum, type EnumValue } from '../../common/core/string-enum.js';
import { SOURCE } from '../../common/core/sources.js';
import { hasAccelerators, isNitro, type InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import { BoundedCache } from '../../common/bounded-cache.js';
import { validationError } from '../../common/domain-error.js';
import { IP_MODES, type CapacityWarning, type IpMode, type NodeOs } from './capacity.types.js';
import {
  canRunWindows,
  IPS_PER_PREFIX,
  LINUX_HOST_NETWORK_PODS,
  linuxAllocatable,
  linuxKubeReservedPods,
  recommendedMaxPodsCap,
  requireNonNegativeInteger,
  requirePositiveInteger,
  WINDOWS_DEFAULT_KUBELET_MAX_PODS,
  windowsEffectiveIpMode,
} from './node-capacity.js';
import { describeVpcLimitsTable, resolveVpcLimit, type VpcLimitsTable } from './vpc-resource-controller-limits.js';
import { checkWindowsServices, parseKubernetesMinor } from './windows-services.js';
import {
  allocatableCpuMillicores,
  allocatableMemoryMiB,
  computeAllocatable,
  memoryCapacityMiB,
  podsByMemory,
  type Allocatable,
} from './allocatable.js';
import type { InstancePrice, PriceTable } from './instance-prices.js';
import { EC2_WINDOWS_UNSUPPORTED_TYPES, vpcrcUnsupportedEventText } from './windows-eligibility.js';
import { checkWindowsServerVersion, WINDOWS_SERVER_VERSIONS, type WindowsServerVersion } from './windows-server.js';

export interface SizingWorkload {
  windowsPods: number;
  linuxPods: number;
  /** CPU request per Windows pod, millicores. */
  windowsPodCpuMillicores: number;
  /** Memory request per Windows pod, MiB. */
  windowsPodMemoryMiB: number;
  linuxPodCpuMillicores: number;
  linuxPodMemoryMiB: number;
  /** Services whose endpoints a Windows node programs (default 0); > 100 warns. */
  servicesPerWindowsNode?: number;
  /** Kubernetes version `1.NN`, for the DSR flags in the Services warning and the Windows Server gate. */
  kubernetesVersion?: string;
  /**
   * The pods need GPUs, inference accelerators, Neuron devices, FPGAs or media accelerators: only a type carrying
   * at least one can host them (the others: NO_ACCELERATORS, nodes null); the kind is not matched. Default false:
   * then a type carrying any of them is never ranked before a type without.
   */
  needsAccelerators?: boolean;
}

export const SizingRankBy = stringEnum('NODES', 'COST');
export type SizingRankBy = EnumValue<typeof SizingRankBy>;
export const SIZING_RANK_BYS: readonly SizingRankBy[] = enumValues(SizingRankBy);

/** Which types EC2 offers with Windows in a region, as a Price List read found them. */
export interface WindowsOfferings {
  region: string;
  readAt: string;
  offered: ReadonlySet<string>;
}

export interface NodeGroupSizingInput {
  workload: SizingWorkload;
  /** Candidate types (the caller filters the catalog by region, architecture, family). */
  candidates: readonly InstanceTypeFacts[];
  /** Modes to try; default both. */
  ipModes?: readonly IpMode[];
  /** Kubelet --max-pods for Windows nodes (default 110). */
  windowsKubeletMaxPods?: number;
  /** Kubelet --max-pods for Linux nodes (default: the calculator's recommendation). */
  linuxKubeletMaxPods?: number;
  /** Keep only the best N options per OS. */
  limit?: number;
  /** NODES (default): fewest nodes first. COST: lowest hourly on-demand cost of the group first, where priced. */
  rankBy?: SizingRankBy;
  /** The region prices are for (required for COST). */
  region?: string;
  /** On-demand prices in `region`, per OS; a type without a price is ranked after the priced ones. */
  prices?: { windows?: PriceTable; linux?: PriceTable };
  /** The Price List's Windows offerings in `region`; without it the known list of refusals applies. */
  windowsOfferings?: WindowsOfferings;
  /** Windows Server release of the Windows nodes. */
  windowsServerVersion?: WindowsServerVersion;
}

export const SizingConstraint = stringEnum(
  'IP_ADDRESSES',
  'KUBELET_MAX_PODS',
  'CPU',
  'MEMORY',
  'UNSUPPORTED_ARCHITECTURE',
  'NOT_IN_VPCRC_LIMITS',
  'NO_CAPACITY',
  'NOT_OFFERED_BY_EC2',
  'NO_ACCELERATORS',
);
export type SizingConstraint = EnumValue<typeof SizingConstraint>;

export interface SizingOption {
  instanceType: string;
  os: NodeOs;
  requestedIpMode: IpMode;
  effectiveIpMode: IpMode;
  /** Null when the type cannot run the workload at all. */
  nodes: number | null;
  /** Workload pods per node (host-network system pods excluded). */
  podsPerNode: number;
  bindingConstraint: SizingConstraint;
  /** Workload pods per node each constraint allows (null: no request given, so no limit). */
  podsByIp: number;
  podsByKubelet: number;
  podsByCpu: number | null;
  podsByMemory: number | null;
  allocatableCpuMillicores: number;
  allocatableMemoryMiB: number;
  /** Addresses the group takes from the subnet, with the default warm pool. */
  subnetIps: number | null;
  vcpus: number;
  memoryMiB: number;
  /** CPU, memory and pods one node offers pods, with the formula. */
  allocatable: Allocatable;
  /** The type carries GPUs, inference accelerators, Neuron devices, FPGAs or media accelerators. */
  accelerated: boolean;
  /** Windows: the controller table W came from (null: neither knows the type); Linux: null. */
  limitsTable: VpcLimitsTable | null;
  /** The hourly on-demand price of one node, as read (where and when); null when the catalog has none. */
  price: InstancePrice | null;
  /** nodes * price.usdPerHour; null without a price or nodes. */
  hourlyCostUsd: number | null;
}

export interface NodeGroupSizing {
  /** Ranked: fewest nodes, then fewest subnet IPs, then smallest type (vCPUs, memory, name). */
  windows: SizingOption[];
  linux: SizingOption[];
  warnings: CapacityWarning[];
  rankBy: SizingRankBy;
}

export { kubeReservedCpuMillicores, kubeReservedMemoryMiB } from './allocatable.js';

/** Per-type constants of sizing, computed once per candidates list (candidateFacts). */
interface TypeConstants {
  windowsOk: boolean;
  accelerated: boolean;
  /** VPCRC I - 1 (public table, else its newer copy), or -1 when neither knows the type. */
  windowsSlots: number;
  /** The table windowsSlots came from, or null. */
  windowsTable: VpcLimitsTable | null;
  windowsPrefixOk: boolean;
  linuxSlots: number;
  linuxEnis: number;
  linuxPrefixOk: boolean;
  /** The ENI-limited max pods Linux kube-reserved memory is sized on, whatever the kubelet's. */
  linuxKubeReservedPods: number;
  cpuMillicores: number;
  allocatableCpu: number;
  /** Memory capacity as Karpenter's types.go memory() counts it (Graviton CMA and VM overhead taken). */
  memoryCapacityMiB: number;
  cap: number;
}

function computeConstants(t: InstanceTypeFacts): TypeConstants {
  const resolved = resolveVpcLimit(t.name);
  const limit = resolved?.limit;
  const cpu = t.vcpus * 1000;
  return {
    windowsOk: canRunWindows(t.architectures),
    accelerated: hasAccelerators(t),
    windowsSlots: limit ? limit.ipv4PerInterface - 1 : -1,
    windowsTable: resolved ? resolved.table : null,
    // The controller's table, else EC2's hypervisor: the very rule nodeCapacity applies.
    windowsPrefixOk: windowsEffectiveIpMode(t, 'PREFIX_DELEGATION', limit) === 'PREFIX_DELEGATION',
    linuxSlots: t.ipv4AddressesPerInterface - 1,
    linuxEnis: t.defaultCardNetworkInterfaces,
    linuxPrefixOk: isNitro(t),
    linuxKubeReservedPods: linuxKubeReservedPods(t),
    cpuMillicores: cpu,
    allocatableCpu: allocatableCpuMillicores(t.vcpus),
    memoryCapacityMiB: memoryCapacityMiB(t),
    cap: recommendedMaxPodsCap(t.vcpus),
  };
}

function requireNonNegativeNumber(field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw validationError(field, 'non-negative-number', `${field} must be a number of 0 or more, not ${String(value)}`);
  }
}

function validateSizing(input: NodeGroupSizingInput): void {
  const w = input?.workload;
  if (!w) throw validationError('workload', 'required', 'workload is required');
  requireNonNegativeInteger('workload.windowsPods', w.windowsPods);
  requireNonNegativeInteger('workload.linuxPods', w.linuxPods);
  requireNonNegativeNumber('workload.windowsPodCpuMillicores', w.windowsPodCpuMillicores);
  requireNonNegativeNumber('workload.windowsPodMemoryMiB', w.windowsPodMemoryMiB);
  requireNonNegativeNumber('workload.linuxPodCpuMillicores', w.linuxPodCpuMillicores);
  requireNonNegativeNumber('workload.linuxPodMemoryMiB', w.linuxPodMemoryMiB);
  if (w.servicesPerWindowsNode !== undefined) requireNonNegativeInteger('workload.servicesPerWindowsNode', w.servicesPerWindowsNode);
  if (w.kubernetesVersion !== undefined) parseKubernetesMinor(w.kubernetesVersion, 'workload.kubernetesVersion');
  if (!Array.isArray(input.candidates)) throw validationError('candidates', 'required', 'candidates must be a list of instance types');
  if (input.limit !== undefined) requirePositiveInteger('limit', input.limit);
  if (input.windowsKubeletMaxPods !== undefined) requirePositiveInteger('windowsKubeletMaxPods', input.windowsKubeletMaxPods);
  if (input.linuxKubeletMaxPods !== undefined) requirePositiveInteger('linuxKubeletMaxPods', input.linuxKubeletMaxPods);
  if (input.rankBy !== undefined && !SIZING_RANK_BYS.includes(input.rankBy)) {
    throw validationError('rankBy', 'enum', 'rankBy must be NODES or COST');
  }
  if (input.rankBy === 'COST' && !input.region) {
    throw validationError('region', 'required-for-cost', 'rankBy COST needs a region: prices are per region');
  }
  if (input.windowsServerVersion !== undefined && !WINDOWS_SERVER_VERSIONS.includes(input.windowsServerVersion)) {
    throw validationError('windowsServerVersion', 'enum', `windowsServerVersion must be one of ${WINDOWS_SERVER_VERSIONS.join(', ')}`);
  }
  if (input.ipModes !== undefined) {
    if (!Array.isArray(input.ipModes) || input.ipModes.length === 0 || input.ipModes.some((m) => !IP_MODES.includes(m))) {
      throw validationError('ipModes', 'enum', 'ipModes must list SECONDARY_IP and/or PREFIX_DELEGATION');
    }
  }
}

/** What sizing needs of a candidates list besides the workload: each type's constants, and the size order. */
interface CandidateFacts {
  constants: readonly TypeConstants[];
  ranks: Uint32Array;
}

/**
 * Candidate facts kept per frozen candidates array: a frozen array is one shared between requests
 * (the catalog view's types, the service's filtered lists). With sizing answers not kept, a sizing
 * answered at about three times the rate with the per-type constants kept, and about a third more
 * with the size order kept (autocannon against the built service). Arrays made for one request
 * (an explicit list of types) are not kept.
 */
const candidateFactsCache = new BoundedCache<readonly InstanceTypeFacts[], CandidateFacts>(128);

function candidateFacts(candidates: readonly InstanceTypeFacts[]): CandidateFacts {
  const compute = (): CandidateFacts => ({ constants: candidates.map(computeConstants), ranks: computeSizeRanks(candidates) });
  return Object.isFrozen(candidates) ? candidateFactsCache.getOrCompute(candidates, compute) : compute();
}

function computeSizeRanks(candidates: readonly InstanceTypeFacts[]): Uint32Array {
  const order = candidates.map((_, i) => i);
  order.sort((x, y) => {
    const a = candidates[x];
    const b = candidates[y];
    return a.vcpus - b.vcpus || a.memoryMiB - b.memoryMiB || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  });
  const ranks = new Uint32Array(candidates.length);
  for (let r = 0; r < order.length; r++) ranks[order[r]] = r;
  return ranks;
}

/** Per-call numeric state for one OS; reused arrays avoid allocation in the hot loop. */
interface Scratch {
  nodes: Float64Array;
  ips: Float64Array;
  rank: Float64Array;
  order: Uint32Array;
}

function scratch(n: number): Scratch {
  return { nodes: new Float64Array(n), ips: new Float64Array(n), rank: new Float64Array(n), order: new Uint32Array(n) };
}

/**
 * Nodes needed per candidate type and IP mode, for the Windows pods and the Linux pods separately,
 * ranked. Pure arithmetic over precomputed per-type constants: a first pass computes only the ranking
 * keys into typed arrays, a sort orders indices, and only the options returned (top `limit`) are built.
 */
export function sizeNodeGroups(input: NodeGroupSizingInput): NodeGroupSizing {
  validateSizing(input);
  const w = input.workload;
  const modes = input.ipModes ?? IP_MODES;
  const warnings: CapacityWarning[] = [];
  if (w.servicesPerWindowsNode !== undefined && w.windowsPods > 0) {
    warnings.push(...checkWindowsServices({ servicesPerNode: w.servicesPerWindowsNode, kubernetesVersion: w.kubernetesVersion }));
  }
  if (w.windowsPods > 0 && w.linuxPods === 0) {
    warnings.push({
      code: 'LINUX_NODES_FOR_COREDNS',
      message:
        'A cluster with Windows nodes still needs at least one, better two, Linux nodes for CoreDNS and other Linux-only system pods.',
      source: SOURCE.UG_WINDOWS_SUPPORT,
    });
  }
  const rankBy: SizingRankBy = input.rankBy ?? 'NODES';
  if (input.windowsServerVersion !== undefined && w.windowsPods > 0) {
    warnings.push(...checkWindowsServerVersion({ version: input.windowsServerVersion, kubernetesVersion: w.kubernetesVersion }));
  }
  if (rankBy === 'COST' || input.region) {
    if (w.windowsPods > 0 && (input.prices?.windows?.size ?? 0) === 0) {
      warnings.push({
        code: 'PRICES_UNKNOWN',
        message:
          `Windows on-demand prices for ${input.region} are unknown: the licence-included Windows price differs by family, ` +
          'so it is read only from the AWS Price List by a catalog refresh, never estimated from the Linux price' +
          (rankBy === 'COST' ? '. The Windows options are ranked by nodes instead.' : '; no Windows option shows a price.'),
        source: SOURCE.AWS_PRICE_LIST,
      });
    }
  }
  if (rankBy === 'COST') {
    if (w.linuxPods > 0 && (input.prices?.linux?.size ?? 0) === 0) {
      warnings.push({
        code: 'PRICES_UNKNOWN',
        message: `Linux on-demand prices for ${input.region} are unknown to the catalog (bundled: us-east-1 only); the Linux options are ranked by nodes instead.`,
        source: SOURCE.KARPENTER_PRICING,
      });
    }
  }
  const candidates = input.candidates;
  const { constants, ranks } = candidateFacts(candidates);
  const winKubelet = input.windowsKubeletMaxPods ?? WINDOWS_DEFAULT_KUBELET_MAX_PODS;
  const offerings = input.windowsOfferings;
  const windowsOffered = (name: string): boolean => (offerings ? offerings.offered.has(name) : !KNOWN_WINDOWS_REFUSALS.has(name));
  const needsAccelerators = w.needsAccelerators === true;
  const build = (os: NodeOs, totalPods: number): SizingOption[] => {
    if (totalPods === 0) return [];
    const prices = os === 'WINDOWS' ? input.prices?.windows : input.prices?.linux;
    const byCost = rankBy === 'COST' && prices !== undefined && prices.size > 0;
    const n = candidates.length * modes.length;
    const sc = scratch(n);
    const tier = new Float64Array(n);
    const primary = new Float64Array(n);
    const out = { nodes: 0, ips: 0 };
    for (let k = 0, idx = 0; k < candidates.length; k++) {
      const t = candidates[k];
      const c = constants[k];
      const ec2Ok = os === 'WINDOWS' ? windowsOffered(t.name) : true;
      const usd = byCost ? prices.get(t.name)?.usdPerHour : undefined;
      for (let m = 0; m < modes.length; m++, idx++) {
        if (os === 'WINDOWS') sizeWindows(c, modes[m], w, winKubelet, ec2Ok, needsAccelerators, out);
        else sizeLinux(c, modes[m], w, input.linuxKubeletMaxPods, needsAccelerators, out);
        sc.nodes[idx] = out.nodes;
        sc.ips[idx] = out.ips;
        sc.rank[idx] = ranks[k] * 2 + (modes[m] === 'SECONDARY_IP' ? 0 : 1);
        sc.order[idx] = idx;
        // Tiers, best first: feasible before infeasible; without accelerators before with (when asked for, a type
        // without is infeasible); under COST, priced before unpriced (ranked by nodes among themselves).
        const feasible = out.nodes !== Infinity;
        tier[idx] = !feasible ? 4 : (!needsAccelerators && c.accelerated ? 2 : 0) + (byCost && usd === undefined ? 1 : 0);
        primary[idx] = feasible && usd !== undefined ? out.nodes * usd : out.nodes;
      }
    }
    const { ips, rank } = sc;
    const before = (a: number, b: number): boolean =>
      tier[a] !== tier[b]
        ? tier[a] < tier[b]
        : primary[a] !== primary[b]
          ? primary[a] < primary[b]
          : ips[a] !== ips[b]
            ? ips[a] < ips[b]
            : rank[a] < rank[b];
    const count = input.limit !== undefined ? Math.min(input.limit, n) : n;
    let order: ArrayLike<number>;
    if (count * 8 < n) {
      // Top-N selection: keep a small sorted buffer instead of sorting everything.
      const top = new Uint32Array(count);
      let size = 0;
      for (let idx = 0; idx < n; idx++) {
        if (size === count && !before(idx, top[size - 1])) continue;
        let j = size < count ? size++ : size - 1;
        while (j > 0 && before(idx, top[j - 1])) {
          top[j] = top[j - 1];
          j--;
        }
        top[j] = idx;
      }
      order = top;
    } else {
      const all = Array.from(sc.order);
      all.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
      order = all;
    }
    const result: SizingOption[] = new Array(count);
    for (let r = 0; r < count; r++) {
      const idx = order[r];
      const k = Math.floor(idx / modes.length);
      const t = candidates[k];
      result[r] = describeOption({
        type: t,
        constants: constants[k],
        os,
        mode: modes[idx % modes.length],
        workload: w,
        kubeletMaxPods: os === 'WINDOWS' ? winKubelet : input.linuxKubeletMaxPods,
        offeredByEc2: os === 'WINDOWS' ? windowsOffered(t.name) : true,
        needsAccelerators,
        price: prices?.get(t.name) ?? null,
      });
    }
    return result;
  };
  const windows = build('WINDOWS', w.windowsPods);
  const newer = windows.filter((o) => o.limitsTable === 'KARPENTER_NEWER' && o.nodes !== null).map((o) => o.instanceType);
  if (newer.length > 0) warnings.push(newerTableWarning([...new Set(newer)]));
  const unknown = windows.filter((o) => o.bindingConstraint === 'NOT_IN_VPCRC_LIMITS').map((o) => o.instanceType);
  if (unknown.length > 0) warnings.push(unknownToControllerWarning([...new Set(unknown)]));
  return { windows, linux: build('LINUX', w.linuxPods), warnings, rankBy };
}

/**
 * Windows options no controller table knows: W = 0, with the event the VPC Resource Controller raises for them
 * (aws/amazon-vpc-resource-controller-k8s pkg/node/node.go, reason Unsupported), as nodeCapacity says it.
 */
function unknownToControllerWarning(types: readonly string[]): CapacityWarning {
  const one = types.length === 1;
  const named = one ? types[0] : `${types.slice(0, -1).join(', ')} and ${types.at(-1)}`;
  return {
    code: 'WINDOWS_TYPE_NOT_IN_VPCRC_LIMITS',
    message:
      `Neither the public VPC Resource Controller table nor its newer copy knows ${named}: W = 0, so ${one ? 'its' : 'their'} Windows ` +
      `options (bindingConstraint NOT_IN_VPCRC_LIMITS) hold no pods. The controller reports "${vpcrcUnsupportedEventText(one ? types[0] : '<type>')}" ` +
      '(reason Unsupported) and advertises no vpc.amazonaws.com/PrivateIPv4Address; choose another type, or wait for the controller rollout.',
    source: SOURCE.VPCRC_NODE,
  };
}

/** Windows options whose W only the newer table knows: the cluster's controller may not advertise it yet. */
function newerTableWarning(types: readonly string[]): CapacityWarning {
  const one = types.length === 1;
  const named = one ? types[0] : `${types.slice(0, -1).join(', ')} and ${types.at(-1)}`;
  return {
    code: 'WINDOWS_TYPE_NEWER_THAN_PUBLIC_VPCRC_LIMITS',
    message:
      `${named} ${one ? 'is' : 'are'} not in the public VPC Resource Controller table (${describeVpcLimitsTable('VPCRC_PUBLIC')}) ` +
      `but in its newer copy (${describeVpcLimitsTable('KARPENTER_NEWER')}): ${one ? 'its' : 'their'} Windows options ` +
      "(limitsTable KARPENTER_NEWER) are sized from the newer table. Which table a cluster's controller runs is not public, so it " +
      `may not advertise vpc.amazonaws.com/PrivateIPv4Address for ${one ? 'it' : 'them'} yet (then: "${vpcrcUnsupportedEventText(one ? types[0] : '<type>')}").`,
    source: SOURCE.KARPENTER_VPC_LIMITS,
  };
}

const KNOWN_WINDOWS_REFUSALS: ReadonlySet<string> = new Set(EC2_WINDOWS_UNSUPPORTED_TYPES);

/** Everything needed for one option; shared by the fast pass and the full description. */
interface Figures {
  effective: IpMode;
  unsupported: SizingConstraint | null;
  podsByIp: number;
  podsByKubelet: number;
  maxPods: number;
  slots: number;
  enis: number;
}

function windowsFigures(c: TypeConstants, mode: IpMode, kubelet: number, ec2Ok: boolean, needsAccelerators: boolean, f: Figures): void {
  f.effective = mode === 'PREFIX_DELEGATION' && c.windowsPrefixOk ? 'PREFIX_DELEGATION' : 'SECONDARY_IP';
  f.slots = c.windowsSlots;
  f.enis = 1;
  f.unsupported =
    needsAccelerators && !c.accelerated
      ? 'NO_ACCELERATORS'
      : !c.windowsOk
        ? 'UNSUPPORTED_ARCHITECTURE'
        : !ec2Ok
          ? 'NOT_OFFERED_BY_EC2'
          : f.slots < 0
            ? 'NOT_IN_VPCRC_LIMITS'
            : null;
  f.podsByIp = f.slots < 0 ? 0 : f.effective === 'PREFIX_DELEGATION' ? f.slots * IPS_PER_PREFIX : f.slots;
  f.podsByKubelet = kubelet;
  f.maxPods = Math.min(f.podsByIp, kubelet);
}

function linuxFigures(c: TypeConstants, mode: IpMode, kubeletGiven: number | undefined, needsAccelerators: boolean, f: Figures): void {
  f.effective = mode === 'PREFIX_DELEGATION' && c.linuxPrefixOk ? 'PREFIX_DELEGATION' : 'SECONDARY_IP';
  f.slots = c.linuxSlots;
  f.enis = c.linuxEnis;
  f.unsupported = needsAccelerators && !c.accelerated ? 'NO_ACCELERATORS' : null;
  const podIps = f.effective === 'PREFIX_DELEGATION' ? f.enis * f.slots * IPS_PER_PREFIX : f.enis * f.slots;
  const ipLimited = podIps + LINUX_HOST_NETWORK_PODS;
  const kubelet = kubeletGiven ?? Math.min(ipLimited, c.cap);
  f.podsByIp = podIps;
  // aws-node and kube-proxy are host-network pods: no pod IP, but they count against kubelet max-pods.
  f.podsByKubelet = Math.max(0, kubelet - LINUX_HOST_NETWORK_PODS);
  f.maxPods = Math.min(ipLimited, kubelet);
}

/** Subnet addresses one node takes with the default warm pool, carrying `p` pods. */
function ipsPerNode(os: NodeOs, f: Figures, p: number): number {
  if (os === 'WINDOWS') {
    // VPCRC defaults: secondary warm 3 / minimum 3; PD warm 1 / minimum 3.
    return f.effective === 'PREFIX_DELEGATION'
      ? 1 + IPS_PER_PREFIX * Math.min(f.slots, Math.ceil(Math.max(p + 1, 3) / IPS_PER_PREFIX))
      : 1 + Math.min(f.slots, Math.max(p + 3, 3));
  }
  // ipamd defaults: WARM_ENI_TARGET=1; under PD WARM_PREFIX_TARGET=1.
  if (f.effective === 'PREFIX_DELEGATION') {
    const prefixes = Math.min(f.enis * f.slots, Math.ceil(p / IPS_PER_PREFIX) + 1);
    return Math.max(1, Math.ceil(prefixes / f.slots)) + IPS_PER_PREFIX * prefixes;
  }
  const e = Math.min(f.enis, Math.max(1, Math.ceil(p / f.slots) + 1));
  return e + e * f.slots;
}

/** Workload pods per node and the binding constraint (written into `s`). */
function podsPerNodeOf(os: NodeOs, c: TypeConstants, f: Figures, cpuRequest: number, memRequest: number, s: PerNode): void {
  s.allocatableMemory = allocatableMemoryMiB(c.memoryCapacityMiB, os, os === 'LINUX' ? c.linuxKubeReservedPods : f.maxPods);
  s.podsByCpu = cpuRequest > 0 ? Math.max(0, Math.floor(c.allocatableCpu / cpuRequest)) : -1;
  s.podsByMemory = podsByMemory(s.allocatableMemory, memRequest) ?? -1;
  if (f.unsupported) {
    s.pods = 0;
    s.binding = f.unsupported;
    return;
  }
  // A node left with no memory or CPU after its reservations (a Windows t3.nano: 512 MiB - 39 - 2248 -> 0) holds no pod,
  // whatever the requests: a request of 0 means no limit from that resource, not room on an empty node.
  if (s.allocatableMemory <= 0 || c.allocatableCpu <= 0) {
    s.pods = 0;
    s.binding = 'NO_CAPACITY';
    return;
  }
  let pods = f.podsByIp;
  let binding: SizingConstraint = 'IP_ADDRESSES';
  if (f.podsByKubelet < pods) {
    pods = f.podsByKubelet;
    binding = 'KUBELET_MAX_PODS';
  }
  if (s.podsByCpu >= 0 && s.podsByCpu < pods) {
    pods = s.podsByCpu;
    binding = 'CPU';
  }
  if (s.podsByMemory >= 0 && s.podsByMemory < pods) {
    pods = s.podsByMemory;
    binding = 'MEMORY';
  }
  // A pod bigger than the node's allocatable CPU or memory: that resource binds (as Karpenter's plan says, fitPods);
  // NO_CAPACITY only where no resource of the pod is the reason.
  if (pods <= 0) {
    pods = 0;
    if (binding !== 'CPU' && binding !== 'MEMORY') binding = 'NO_CAPACITY';
  }
  s.pods = pods;
  s.binding = binding;
}

interface PerNode {
  pods: number;
  binding: SizingConstraint;
  podsByCpu: number;
  podsByMemory: number;
  allocatableMemory: number;
}

const fastFigures: Figures = { effective: 'SECONDARY_IP', unsupported: null, podsByIp: 0, podsByKubelet: 0, maxPods: 0, slots: 0, enis: 0 };
const fastPerNode: PerNode = { pods: 0, binding: 'IP_ADDRESSES', podsByCpu: 0, podsByMemory: 0, allocatableMemory: 0 };

const descFigures: Figures = { ...fastFigures };
const descPerNode: PerNode = { ...fastPerNode };

function finish(os: NodeOs, c: TypeConstants, totalPods: number, cpu: number, mem: number, out: { nodes: number; ips: number }): void {
  podsPerNodeOf(os, c, fastFigures, cpu, mem, fastPerNode);
  if (fastPerNode.pods <= 0) {
    out.nodes = Infinity;
    out.ips = Infinity;
    return;
  }
  const nodes = Math.ceil(totalPods / fastPerNode.pods);
  out.nodes = nodes;
  out.ips = nodes * ipsPerNode(os, fastFigures, Math.ceil(totalPods / nodes));
}

function sizeWindows(
  c: TypeConstants,
  mode: IpMode,
  w: SizingWorkload,
  kubelet: number,
  ec2Ok: boolean,
  needsAccelerators: boolean,
  out: { nodes: number; ips: number },
): void {
  windowsFigures(c, mode, kubelet, ec2Ok, needsAccelerators, fastFigures);
  finish('WINDOWS', c, w.windowsPods, w.windowsPodCpuMillicores, w.windowsPodMemoryMiB, out);
}

function sizeLinux(
  c: TypeConstants,
  mode: IpMode,
  w: SizingWorkload,
  kubelet: number | undefined,
  needsAccelerators: boolean,
  out: { nodes: number; ips: number },
): void {
  linuxFigures(c, mode, kubelet, needsAccelerators, fastFigures);
  finish('LINUX', c, w.linuxPods, w.linuxPodCpuMillicores, w.linuxPodMemoryMiB, out);
}

/** One ranked option, in full: what the ranking computed, with the figures behind it. */
interface OptionToDescribe {
  type: InstanceTypeFacts;
  constants: TypeConstants;
  os: NodeOs;
  mode: IpMode;
  workload: SizingWorkload;
  /** The kubelet max-pods of the option's OS (Windows always has one; Linux's may be left to the formula). */
  kubeletMaxPods: number | undefined;
  /** EC2 launches the type with Windows (always true for Linux). */
  offeredByEc2: boolean;
  /** The workload needs accelerators: a type without cannot host it. */
  needsAccelerators: boolean;
  price: InstancePrice | null;
}

function describeOption(o: OptionToDescribe): SizingOption {
  const { type: t, constants: c, os, mode, workload: w, price } = o;
  const f = descFigures;
  if (os === 'WINDOWS') windowsFigures(c, mode, o.kubeletMaxPods!, o.offeredByEc2, o.needsAccelerators, f);
  else linuxFigures(c, mode, o.kubeletMaxPods, o.needsAccelerators, f);
  const totalPods = os === 'WINDOWS' ? w.windowsPods : w.linuxPods;
  const s = descPerNode;
  if (os === 'WINDOWS') podsPerNodeOf(os, c, f, w.windowsPodCpuMillicores, w.windowsPodMemoryMiB, s);
  else podsPerNodeOf(os, c, f, w.linuxPodCpuMillicores, w.linuxPodMemoryMiB, s);
  const nodes = s.pods > 0 ? Math.ceil(totalPods / s.pods) : null;
  return {
    instanceType: t.name,
    os,
    requestedIpMode: mode,
    effectiveIpMode: f.effective,
    nodes,
    podsPerNode: s.pods,
    bindingConstraint: s.binding,
    podsByIp: f.podsByIp,
    podsByKubelet: f.podsByKubelet,
    podsByCpu: s.podsByCpu >= 0 ? s.podsByCpu : null,
    podsByMemory: s.podsByMemory >= 0 ? s.podsByMemory : null,
    allocatableCpuMillicores: c.allocatableCpu,
    allocatableMemoryMiB: s.allocatableMemory,
    subnetIps: nodes === null ? null : nodes * ipsPerNode(os, f, Math.ceil(totalPods / nodes)),
    vcpus: t.vcpus,
    memoryMiB: t.memoryMiB,
    // A type that cannot be a node of this OS offers no pods; one without the accelerators asked for is a node all the same.
    allocatable:
      os === 'LINUX'
        ? linuxAllocatable(t, f.maxPods)
        : computeAllocatable(t, os, f.unsupported && f.unsupported !== 'NO_ACCELERATORS' ? 0 : f.maxPods),
    accelerated: c.accelerated,
    limitsTable: os === 'WINDOWS' ? c.windowsTable : null,
    price,
    hourlyCostUsd: price && nodes !== null ? roundUsd(nodes * price.usdPerHour) : null,
  };
}

/** Cents and below kept to 6 decimals, as the Price List quotes them; no float noise in answers. */
function roundUsd(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
