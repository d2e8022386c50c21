import { isNitro, type InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import { validationError } from '../../common/domain-error.js';
import { IP_MODES, Source, type CapacityWarning, type IpMode, type NodeOs } from './capacity.types.js';
import {
  canRunWindows,
  IPS_PER_PREFIX,
  LINUX_HOST_NETWORK_PODS,
  recommendedMaxPodsCap,
  requireNonNegativeInteger,
  requirePositiveInteger,
  WINDOWS_DEFAULT_KUBELET_MAX_PODS,
} from './node-capacity.js';
import { getVpcResourceControllerLimit } from './vpc-resource-controller-limits.js';
import { checkWindowsServices } from './windows-services.js';

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
  /** Kubernetes version `1.NN`, for the DSR flags in the Services warning. */
  kubernetesVersion?: string;
}

export type SizingConstraint =
  | 'IP_ADDRESSES'
  | 'KUBELET_MAX_PODS'
  | 'CPU'
  | 'MEMORY'
  | 'UNSUPPORTED_ARCHITECTURE'
  | 'NOT_IN_VPCRC_LIMITS'
  | 'NO_CAPACITY';

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
}

export interface NodeGroupSizing {
  /** Ranked: fewest nodes, then fewest subnet IPs, then smallest type (vCPUs, memory, name). */
  windows: SizingOption[];
  linux: SizingOption[];
  warnings: CapacityWarning[];
}

/**
 * System reserve, the EKS AMI's kube-reserved (awslabs/amazon-eks-ami; the same formulas in
 * aws/karpenter-provider-aws pkg/providers/instancetype/types.go): CPU 6% of the first core, 1% of the
 * second, 0.5% of the next two, 0.25% above four; memory 255 MiB + 11 MiB per max pod; plus the
 * kubelet's hard eviction threshold memory.available 100Mi.
 * Windows: the same, as Karpenter applies them to its Windows AMI families. The EKS Windows bootstrap
 * we could read (Start-EKSBootstrap.ps1) sets no kube-reserved or system-reserved, so real Windows
 * allocatable may be higher: these figures err on the safe side.
 */
export const KUBE_RESERVED_MEMORY_BASE_MIB = 255;
export const KUBE_RESERVED_MEMORY_PER_POD_MIB = 11;
export const EVICTION_HARD_MEMORY_MIB = 100;

export function kubeReservedCpuMillicores(vcpus: number): number {
  const m = vcpus * 1000;
  return (
    Math.floor(Math.min(m, 1000) * 0.06) +
    Math.floor(Math.min(Math.max(m - 1000, 0), 1000) * 0.01) +
    Math.floor(Math.min(Math.max(m - 2000, 0), 2000) * 0.005) +
    Math.floor(Math.max(m - 4000, 0) * 0.0025)
  );
}

export function kubeReservedMemoryMiB(maxPods: number): number {
  return KUBE_RESERVED_MEMORY_BASE_MIB + KUBE_RESERVED_MEMORY_PER_POD_MIB * maxPods;
}

/** Per-type constants, computed once per facts object (the portal passes the same catalog objects). */
interface TypeConstants {
  windowsOk: boolean;
  /** VPCRC I - 1, or -1 when VPCRC does not know the type. */
  windowsSlots: number;
  windowsPrefixOk: boolean;
  linuxSlots: number;
  linuxEnis: number;
  linuxPrefixOk: boolean;
  cpuMillicores: number;
  allocatableCpu: number;
  memoryMiB: number;
  cap: number;
}

const constantsCache = new WeakMap<InstanceTypeFacts, TypeConstants>();

function constantsOf(t: InstanceTypeFacts): TypeConstants {
  let c = constantsCache.get(t);
  if (c) return c;
  const limit = getVpcResourceControllerLimit(t.name);
  const cpu = t.vcpus * 1000;
  c = {
    windowsOk: canRunWindows(t.architectures),
    windowsSlots: limit ? limit.ipv4PerInterface - 1 : -1,
    windowsPrefixOk: limit ? isNitro({ hypervisor: limit.hypervisor, bareMetal: limit.isBareMetal }) : false,
    linuxSlots: t.ipv4AddressesPerInterface - 1,
    linuxEnis: t.defaultCardNetworkInterfaces,
    linuxPrefixOk: isNitro(t),
    cpuMillicores: cpu,
    allocatableCpu: cpu - kubeReservedCpuMillicores(t.vcpus),
    memoryMiB: t.memoryMiB,
    cap: recommendedMaxPodsCap(t.vcpus),
  };
  constantsCache.set(t, c);
  return c;
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
  if (!Array.isArray(input.candidates)) throw validationError('candidates', 'required', 'candidates must be a list of instance types');
  if (input.limit !== undefined) requirePositiveInteger('limit', input.limit);
  if (input.windowsKubeletMaxPods !== undefined) requirePositiveInteger('windowsKubeletMaxPods', input.windowsKubeletMaxPods);
  if (input.linuxKubeletMaxPods !== undefined) requirePositiveInteger('linuxKubeletMaxPods', input.linuxKubeletMaxPods);
  if (input.ipModes !== undefined) {
    if (!Array.isArray(input.ipModes) || input.ipModes.length === 0 || input.ipModes.some((m) => !IP_MODES.includes(m))) {
      throw validationError('ipModes', 'enum', 'ipModes must list SECONDARY_IP and/or PREFIX_DELEGATION');
    }
  }
}

/** Candidate order by size (vCPUs, memory, name), cached per candidates array: the last tie-break. */
const sizeRankCache = new WeakMap<readonly InstanceTypeFacts[], Uint32Array>();

function sizeRanks(candidates: readonly InstanceTypeFacts[]): Uint32Array {
  let ranks = sizeRankCache.get(candidates);
  if (ranks && ranks.length === candidates.length) return ranks;
  const order = candidates.map((_, i) => i);
  order.sort((x, y) => {
    const a = candidates[x];
    const b = candidates[y];
    return a.vcpus - b.vcpus || a.memoryMiB - b.memoryMiB || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  });
  ranks = new Uint32Array(candidates.length);
  for (let r = 0; r < order.length; r++) ranks[order[r]] = r;
  sizeRankCache.set(candidates, ranks);
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
    warnings.push(...checkWindowsServices({ servicesPerNode: w.servicesPerWindowsNode, kubernetesVersion: input.kubernetesVersion }));
  }
  if (w.windowsPods > 0 && w.linuxPods === 0) {
    warnings.push({
      code: 'LINUX_NODES_FOR_COREDNS',
      message: 'A cluster with Windows nodes still needs at least one, better two, Linux nodes for CoreDNS and other Linux-only system pods.',
      source: Source.UG_WINDOWS_SUPPORT,
    });
  }
  const candidates = input.candidates;
  const ranks = sizeRanks(candidates);
  const winKubelet = input.windowsKubeletMaxPods ?? WINDOWS_DEFAULT_KUBELET_MAX_PODS;
  const build = (os: NodeOs, totalPods: number): SizingOption[] => {
    if (totalPods === 0) return [];
    const n = candidates.length * modes.length;
    const sc = scratch(n);
    const out = { nodes: 0, ips: 0 };
    for (let k = 0, idx = 0; k < candidates.length; k++) {
      const c = constantsOf(candidates[k]);
      for (let m = 0; m < modes.length; m++, idx++) {
        if (os === 'WINDOWS') sizeWindows(c, modes[m], w, winKubelet, out);
        else sizeLinux(c, modes[m], w, input.linuxKubeletMaxPods, out);
        sc.nodes[idx] = out.nodes;
        sc.ips[idx] = out.ips;
        sc.rank[idx] = ranks[k] * 2 + (modes[m] === 'SECONDARY_IP' ? 0 : 1);
        sc.order[idx] = idx;
      }
    }
    const { nodes, ips, rank } = sc;
    // Infeasible options carry nodes = Infinity: they sort last, by size.
    const before = (a: number, b: number): boolean =>
      nodes[a] !== nodes[b] ? nodes[a] < nodes[b] : ips[a] !== ips[b] ? ips[a] < ips[b] : rank[a] < rank[b];
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
      // Infinity - Infinity is NaN, which is falsy: ties on infeasible options fall through to the size rank.
      all.sort((a, b) => nodes[a] - nodes[b] || ips[a] - ips[b] || rank[a] - rank[b]);
      order = all;
    }
    const result: SizingOption[] = new Array(count);
    for (let r = 0; r < count; r++) {
      const idx = order[r];
      const k = Math.floor(idx / modes.length);
      result[r] = describeOption(candidates[k], constantsOf(candidates[k]), os, modes[idx % modes.length], w, winKubelet, input.linuxKubeletMaxPods);
    }
    return result;
  };
  return { windows: build('WINDOWS', w.windowsPods), linux: build('LINUX', w.linuxPods), warnings };
}

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

function windowsFigures(c: TypeConstants, mode: IpMode, kubelet: number, f: Figures): void {
  f.effective = mode === 'PREFIX_DELEGATION' && c.windowsPrefixOk ? 'PREFIX_DELEGATION' : 'SECONDARY_IP';
  f.slots = c.windowsSlots;
  f.enis = 1;
  f.unsupported = !c.windowsOk ? 'UNSUPPORTED_ARCHITECTURE' : f.slots < 0 ? 'NOT_IN_VPCRC_LIMITS' : null;
  f.podsByIp = f.slots < 0 ? 0 : f.effective === 'PREFIX_DELEGATION' ? f.slots * IPS_PER_PREFIX : f.slots;
  f.podsByKubelet = kubelet;
  f.maxPods = Math.min(f.podsByIp, kubelet);
}

function linuxFigures(c: TypeConstants, mode: IpMode, kubeletGiven: number | undefined, f: Figures): void {
  f.effective = mode === 'PREFIX_DELEGATION' && c.linuxPrefixOk ? 'PREFIX_DELEGATION' : 'SECONDARY_IP';
  f.slots = c.linuxSlots;
  f.enis = c.linuxEnis;
  f.unsupported = null;
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
function podsPerNodeOf(c: TypeConstants, f: Figures, cpuRequest: number, memRequest: number, s: PerNode): void {
  s.allocatableMemory = c.memoryMiB - kubeReservedMemoryMiB(f.maxPods) - EVICTION_HARD_MEMORY_MIB;
  s.podsByCpu = cpuRequest > 0 ? Math.max(0, Math.floor(c.allocatableCpu / cpuRequest)) : -1;
  s.podsByMemory = memRequest > 0 ? Math.max(0, Math.floor(s.allocatableMemory / memRequest)) : -1;
  if (f.unsupported) {
    s.pods = 0;
    s.binding = f.unsupported;
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
  if (pods <= 0) {
    pods = 0;
    binding = 'NO_CAPACITY';
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
  podsPerNodeOf(c, fastFigures, cpu, mem, fastPerNode);
  if (fastPerNode.pods <= 0) {
    out.nodes = Infinity;
    out.ips = Infinity;
    return;
  }
  const nodes = Math.ceil(totalPods / fastPerNode.pods);
  out.nodes = nodes;
  out.ips = nodes * ipsPerNode(os, fastFigures, Math.ceil(totalPods / nodes));
}

function sizeWindows(c: TypeConstants, mode: IpMode, w: SizingWorkload, kubelet: number, out: { nodes: number; ips: number }): void {
  windowsFigures(c, mode, kubelet, fastFigures);
  finish('WINDOWS', c, w.windowsPods, w.windowsPodCpuMillicores, w.windowsPodMemoryMiB, out);
}

function sizeLinux(c: TypeConstants, mode: IpMode, w: SizingWorkload, kubelet: number | undefined, out: { nodes: number; ips: number }): void {
  linuxFigures(c, mode, kubelet, fastFigures);
  finish('LINUX', c, w.linuxPods, w.linuxPodCpuMillicores, w.linuxPodMemoryMiB, out);
}

function describeOption(
  t: InstanceTypeFacts,
  c: TypeConstants,
  os: NodeOs,
  mode: IpMode,
  w: SizingWorkload,
  winKubelet: number,
  linuxKubelet: number | undefined,
): SizingOption {
  const f = descFigures;
  if (os === 'WINDOWS') windowsFigures(c, mode, winKubelet, f);
  else linuxFigures(c, mode, linuxKubelet, f);
  const totalPods = os === 'WINDOWS' ? w.windowsPods : w.linuxPods;
  const s = descPerNode;
  if (os === 'WINDOWS') podsPerNodeOf(c, f, w.windowsPodCpuMillicores, w.windowsPodMemoryMiB, s);
  else podsPerNodeOf(c, f, w.linuxPodCpuMillicores, w.linuxPodMemoryMiB, s);
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
  };
}
