import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import {
  canRunWindows,
  checkWindowsServerVersion,
  checkWindowsServices,
  cmaReservedMemoryMiB,
  computeNodeCapacity,
  dsrKubeProxyFlags,
  EVICTION_HARD_MEMORY_MIB,
  kubeReservedCpuMillicores,
  kubeReservedMemoryMiB,
  KUBE_RESERVED_MEMORY_BASE_MIB,
  KUBE_RESERVED_MEMORY_PER_POD_MIB,
  memoryCapacityMiB,
  parseKubernetesMinor,
  podsByMemory,
  vmMemoryOverheadMiB,
  VM_MEMORY_OVERHEAD_PERCENT,
  WINDOWS_DEFAULT_KUBELET_MAX_PODS,
  WINDOWS_SERVER_FACTS,
  WINDOWS_SERVER_VERSIONS,
  WINDOWS_SERVICES_PER_NODE_LIMIT,
  type NodeCapacity,
} from '../../capacity/core/index.js';
import { SOURCE } from '../../common/core/sources.js';
import { validationError } from '../../common/domain-error.js';
import { canonicalIpv4Cidr, parseIpv4Cidr } from '../../policies/core/parameter.validation.js';
import { ec2WindowsRefusalMessage, EC2_WINDOWS_REFUSED_SOURCE, isRefusedByEc2ForWindows } from './ec2-windows-refusals.js';
import { getKarpenterIpv4PerInterface, KARPENTER_VPC_LIMITS_SOURCE } from './karpenter-vpc-limits.js';
import type {
  KarpenterPlanConstraint,
  KarpenterPlanWarning,
  KarpenterView,
  KarpenterWindowsPlan,
  KarpenterWindowsPlanInput,
  KarpenterWindowsPlanRequest,
  KarpenterWindowsTypePlan,
  RealCapacityView,
} from './karpenter.types.js';

/** Upstream sources the planner's warnings rest on. */
export const KARPENTER_SOURCE = {
  TYPES: 'aws/karpenter-provider-aws pkg/providers/instancetype/types.go (pods(), privateIPv4Address(), memory(), kubeReservedResources())',
  ALLOCATABLE:
    'kubernetes-sigs/karpenter pkg/cloudprovider/types.go (Allocatable() = Capacity - Overhead, not clamped at 0); pkg/utils/resources/resources.go (Fits: a negative allocatable fits no pod)',
  KUBELET_RESERVED:
    'aws/karpenter-provider-aws pkg/providers/amifamily/bootstrap/bootstrap.go (spec.kubelet kubeReserved, systemReserved, evictionHard passed to the kubelet)',
  PREFIX_DELEGATION:
    'aws/karpenter-provider-aws#5478 and #8210 (open: Windows prefix delegation not modelled); PR #9299 (spec.enablePrefixDelegation, not merged)',
  LIMITS_TABLE_MISSING:
    'aws/karpenter-provider-aws PR #6415 (types missing from the limits table get no vpc.amazonaws.com/PrivateIPv4Address)',
  BOOTSTRAP: 'aws/karpenter-provider-aws pkg/providers/amifamily/bootstrap/windows.go',
  KUBE_PROXY_ARGS: 'aws/karpenter-provider-aws#4088 (open: no -KubeProxyExtraArgs for Windows)',
  SERVICE_CIDR:
    'aws/karpenter-provider-aws#4747 (open: no -ServiceCIDR / -ExcludedSnatCIDRs); Karpenter docs concepts/nodeclasses.md (SERVICE_IPV4_CIDR, EXCLUDED_SNAT_CIDRS)',
  WINDOWS_SERVICE_CIDR_DEFAULT: 'awsdocs/amazon-eks-user-guide eks-optimized-windows-ami (Service CIDR from the node primary IP)',
  VPCRC_LIMITS: 'aws/amazon-vpc-resource-controller-k8s pkg/aws/vpc/limits.go; pkg/node/node.go (reason Unsupported)',
  WINDOWS_VERSIONS:
    'eksctl-io/eksctl pkg/apis/eksctl.io/v1alpha5 (WindowsServer2022 from EKS 1.23, WindowsServer2025 from EKS 1.35); awsdocs/amazon-eks-user-guide eks-optimized-windows-ami',
  /** Karpenter does not gate windows2025 on a version itself: its alias resolves the per-version SSM parameter, which 1.35 alone has. */
  WINDOWS_2025_AMI:
    'awsdocs/amazon-eks-user-guide eks-ami-versions-windows (Windows Server 2025 AMIs: Kubernetes 1.35 only); aws/karpenter-provider-aws pkg/providers/amifamily/windows.go (DefaultAMIs: windows2025@latest reads /aws/service/ami-windows-latest/Windows_Server-2025-English-Core-EKS_Optimized-<kubernetes-version>/image_id)',
  BPG_DSR: 'aws/aws-eks-best-practices latest/bpg/windows/networking.adoc (DSR, port exhaustion above 100 Services)',
} as const;

export const KARPENTER_PLAN_LIMITS = { instanceTypes: 200, families: 20, excludedSnatCidrs: 50 } as const;

/**
 * The capacity engine's warning for a type only the newer (Karpenter's) controller table knows; the
 * capacity core adds it with the newer table (issue 13). Matched by code so this planner follows it.
 */
const NEWER_TABLE_WARNING = 'WINDOWS_TYPE_NEWER_THAN_PUBLIC_VPCRC_LIMITS';

/**
 * Memory Karpenter counts for a node (types.go memory()): SizeInMiB - ceil(SizeInMiB * 0.075), after the 64 MiB of
 * CMA memory on arm64; the capacity core's memoryCapacityMiB, the same port.
 */
export function karpenterMemoryCapacityMiB(t: Pick<InstanceTypeFacts, 'memoryMiB' | 'architectures'>): number {
  return memoryCapacityMiB(t);
}

/** The alias of the EKS-optimized Windows AMI: Karpenter supports only `@latest` for Windows. */
export function karpenterWindowsAmiAlias(version: KarpenterWindowsPlanInput['windowsServerVersion']): string {
  return `windows${WINDOWS_SERVER_FACTS[version].year}@latest`;
}

/** An IPv4 CIDR in canonical form; the message says what to write instead. */
export function requireIpv4Cidr(field: string, value: unknown): { cidr: string; prefix: number } {
  const text = typeof value === 'string' ? value.trim() : '';
  const parsed = parseIpv4Cidr(text);
  if (!parsed) {
    throw validationError(field, 'cidr-format', `${field}: "${String(value)}" is not an IPv4 CIDR; write it like 172.20.0.0/16`);
  }
  const canonical = canonicalIpv4Cidr(parsed.address, parsed.prefix);
  if (canonical !== text) {
    throw validationError(field, 'cidr-host-bits', `${field}: "${text}" has host bits set; write the network address ${canonical}`);
  }
  return { cidr: canonical, prefix: parsed.prefix };
}

/** What a release without an AMI for the Kubernetes version does to each provisioner (neither gates it itself). */
const NO_AMI_EFFECT = {
  KARPENTER: (year: string) => `windows${year}@latest resolves none and the EC2NodeClass never becomes ready`,
  TERRAFORM: (year: string) =>
    `ami_type WINDOWS_CORE_${year}_x86_64 (or FULL) has no AMI: the self-managed group's SSM parameter does not exist and EKS refuses the managed group`,
} as const;
const NO_AMI_SOURCE = {
  KARPENTER: KARPENTER_SOURCE.WINDOWS_2025_AMI,
  TERRAFORM:
    'awsdocs/amazon-eks-user-guide eks-ami-versions-windows (Windows Server 2025 AMIs: Kubernetes 1.35 only); terraform-aws-modules/terraform-aws-eks modules/self-managed-node-group (ssm_ami_type_to_ssm_param: /aws/service/ami-windows-latest/Windows_Server-<release>-English-<Core|Full>-EKS_Optimized-<cluster version>/image_id); cloud-barista/cb-tumblebug#2478 (managed node groups with WINDOWS_*_2025_x86_64 failed below Kubernetes 1.35)',
} as const;

/** Checks that the Windows Server release runs on the Kubernetes version; says what to change otherwise. */
export function requireWindowsServerForKubernetes(
  version: unknown,
  kubernetesVersion: string,
  provisioner: 'KARPENTER' | 'TERRAFORM' = 'KARPENTER',
): KarpenterWindowsPlanInput['windowsServerVersion'] {
  if (typeof version !== 'string' || !(WINDOWS_SERVER_VERSIONS as readonly string[]).includes(version)) {
    throw validationError(
      'windowsServerVersion',
      'enum',
      `windowsServerVersion must be one of ${WINDOWS_SERVER_VERSIONS.join(', ')}, not ${String(version)}`,
    );
  }
  const facts = WINDOWS_SERVER_FACTS[version as KarpenterWindowsPlanInput['windowsServerVersion']];
  const minor = parseKubernetesMinor(kubernetesVersion);
  if (facts.minKubernetesMinor !== null && minor < facts.minKubernetesMinor) {
    const older = WINDOWS_SERVER_VERSIONS.filter((v) => {
      const m = WINDOWS_SERVER_FACTS[v].minKubernetesMinor;
      return m === null || m <= minor;
    });
    throw validationError(
      'windowsServerVersion',
      'windows-server-kubernetes-version',
      `${facts.version} needs EKS (Kubernetes) 1.${facts.minKubernetesMinor} or later, but kubernetesVersion is 1.${minor}: ` +
        (facts.noAmiBelowMinimum
          ? `EKS publishes no Windows Server ${facts.year} AMI for it, so ${NO_AMI_EFFECT[provisioner](facts.year)}; `
          : '') +
        `raise kubernetesVersion to 1.${facts.minKubernetesMinor} or choose ${older.join(' or ')} ` +
        `(${facts.noAmiBelowMinimum ? NO_AMI_SOURCE[provisioner] : KARPENTER_SOURCE.WINDOWS_VERSIONS})`,
    );
  }
  return facts.version;
}

interface Fit {
  pods: number;
  binding: KarpenterPlanConstraint;
  byCpu: number | null;
  byMemory: number | null;
}

/** Workload pods per node: the smallest of the pod/IP limit and the CPU and memory fits (null: no limit). */
function fitPods(podLimit: number, podBinding: KarpenterPlanConstraint, allocCpu: number, cpu: number, byMemory: number | null): Fit {
  const byCpu = cpu > 0 ? Math.max(0, Math.floor(allocCpu / cpu)) : null;
  let pods = podLimit;
  let binding = podBinding;
  if (byCpu !== null && byCpu < pods) {
    pods = byCpu;
    binding = 'CPU';
  }
  if (byMemory !== null && byMemory < pods) {
    pods = byMemory;
    binding = 'MEMORY';
  }
  if (pods <= 0) {
    pods = 0;
    if (binding !== 'CPU' && binding !== 'MEMORY') binding = 'NO_CAPACITY';
  }
  return { pods, binding, byCpu, byMemory };
}

function fitText(label: string, limits: string[], fit: Fit): string {
  const terms = [...limits];
  if (fit.byCpu !== null) terms.push(`CPU fit ${fit.byCpu}`);
  if (fit.byMemory !== null) terms.push(`memory fit ${fit.byMemory}`);
  return `${label} = min(${terms.join(', ')}) = ${fit.pods} (${fit.binding})`;
}

function realBinding(t: InstanceTypeFacts, cap: NodeCapacity, refused: boolean): KarpenterPlanConstraint {
  if (refused) return 'EC2_REFUSES_WINDOWS';
  if (cap.limitedBy === 'UNSUPPORTED') {
    if (!canRunWindows(t.architectures)) return 'UNSUPPORTED_ARCHITECTURE';
    if (cap.warnings.some((w) => w.code === 'WINDOWS_TYPE_NOT_IN_VPCRC_LIMITS')) return 'NOT_IN_VPCRC_LIMITS';
    return 'NO_CAPACITY';
  }
  return cap.limitedBy === 'KUBELET_MAX_PODS' ? 'KUBELET_MAX_PODS' : 'IP_ADDRESSES';
}

function planType(t: InstanceTypeFacts, r: KarpenterWindowsPlanRequest['input']): KarpenterWindowsTypePlan {
  const formula: string[] = [];
  const warnings: KarpenterPlanWarning[] = [];
  const { count, cpuMillicores: cpu, memoryMiB: mem } = r.windowsPods;
  const ipv4 = getKarpenterIpv4PerInterface(t.name);
  const amd64 = canRunWindows(t.architectures);
  const refused = isRefusedByEc2ForWindows(t.name);

  // Karpenter's view (types.go): pods, PrivateIPv4Address, memory with VM overhead, kube-reserved, eviction.
  const kPods = r.kubeletMaxPods ?? WINDOWS_DEFAULT_KUBELET_MAX_PODS;
  formula.push(
    r.kubeletMaxPods !== null
      ? `Karpenter pods = spec.kubelet.maxPods = ${kPods}`
      : `Karpenter pods = ${kPods} (spec.kubelet.maxPods not set: Karpenter's default for Windows)`,
  );
  const kIps = ipv4 !== undefined ? ipv4 - 1 : 0;
  formula.push(
    ipv4 !== undefined
      ? `Karpenter vpc.amazonaws.com/PrivateIPv4Address = I - 1 = ${ipv4} - 1 = ${kIps} (its limits table, whatever the IP mode)`
      : `Karpenter vpc.amazonaws.com/PrivateIPv4Address = 0 (${t.name} is not in Karpenter's limits table)`,
  );
  const memCapacity = karpenterMemoryCapacityMiB(t);
  const cma = cmaReservedMemoryMiB(t.architectures);
  formula.push(
    cma > 0
      ? `memory = (SizeInMiB - ${cma} Graviton CMA) - ceil((SizeInMiB - ${cma}) * 0.075) = (${t.memoryMiB} - ${cma}) - ${vmMemoryOverheadMiB(t.memoryMiB - cma)} = ${memCapacity} MiB`
      : `memory = SizeInMiB - ceil(SizeInMiB * 0.075) = ${t.memoryMiB} - ${vmMemoryOverheadMiB(t.memoryMiB)} = ${memCapacity} MiB`,
  );
  const reservedCpu = kubeReservedCpuMillicores(t.vcpus);
  const allocCpu = t.vcpus * 1000 - reservedCpu;
  formula.push(`allocatable CPU = ${t.vcpus * 1000}m - kube-reserved ${reservedCpu}m = ${allocCpu}m`);
  // Karpenter does not clamp: Allocatable() is Capacity - Overhead, and resources.Fits fits no pod on a negative one.
  const kAllocMem = memCapacity - kubeReservedMemoryMiB(kPods) - EVICTION_HARD_MEMORY_MIB;
  formula.push(
    `Karpenter allocatable memory = ${memCapacity} - (${KUBE_RESERVED_MEMORY_PER_POD_MIB} * ${kPods} + ${KUBE_RESERVED_MEMORY_BASE_MIB}) - ${EVICTION_HARD_MEMORY_MIB} = ${kAllocMem} MiB`,
  );
  const kNegative = kAllocMem < 0;
  const kLimit = Math.min(kPods, kIps);
  const kLimitBinding: KarpenterPlanConstraint =
    ipv4 === undefined ? 'NOT_IN_KARPENTER_LIMITS' : kIps < kPods ? 'IP_ADDRESSES' : 'KUBELET_MAX_PODS';
  const kByMemory = kNegative ? 0 : mem > 0 ? Math.floor(kAllocMem / mem) : null;
  const kFit = fitPods(kLimit, kLimitBinding, allocCpu, cpu, kByMemory);
  formula.push(fitText('Karpenter pods per node', [`pods ${kPods}`, `PrivateIPv4Address ${kIps}`], kFit));
  let kBinding = kFit.binding;
  const launchable = amd64 && ipv4 !== undefined && kIps > 0 && !kNegative;
  if (!amd64) kBinding = 'UNSUPPORTED_ARCHITECTURE';
  else if (ipv4 === undefined) kBinding = 'NOT_IN_KARPENTER_LIMITS';
  const karpenterView: KarpenterView = {
    pods: kPods,
    privateIPv4Address: kIps,
    ipv4PerInterface: ipv4 ?? null,
    allocatableCpuMillicores: allocCpu,
    allocatableMemoryMiB: kAllocMem,
    podsPerNode: launchable ? kFit.pods : 0,
    bindingConstraint: kBinding,
    launchable,
  };
  let nodesKarpenterWouldLaunch: number | null = null;
  if (!launchable) {
    const why = !amd64
      ? 'no amd64 architecture: Karpenter gives it no Windows OS label'
      : ipv4 === undefined || kIps <= 0
        ? "no vpc.amazonaws.com/PrivateIPv4Address in Karpenter's view"
        : `Karpenter allocatable memory ${kAllocMem} MiB is negative: resources.Fits fits no pod on it`;
    formula.push(`nodesKarpenterWouldLaunch = none (${why})`);
  } else if (count === 0) {
    nodesKarpenterWouldLaunch = 0;
  } else if (kFit.pods > 0) {
    nodesKarpenterWouldLaunch = Math.ceil(count / kFit.pods);
    formula.push(`nodesKarpenterWouldLaunch = ceil(${count} / ${kFit.pods}) = ${nodesKarpenterWouldLaunch}`);
  } else {
    formula.push('nodesKarpenterWouldLaunch = none (one pod does not fit a node)');
  }

  // The real node: the capacity engine's maxPods and allocatable (on Windows the BPG reservations), as sizing reads them.
  const cap = computeNodeCapacity({
    instanceType: t,
    os: 'WINDOWS',
    ipMode: r.ipMode,
    ...(r.kubeletMaxPods !== null ? { kubeletMaxPods: r.kubeletMaxPods } : {}),
  });
  for (const step of cap.formula) formula.push(`real: ${step}`);
  for (const step of cap.allocatable.formula) formula.push(`real: ${step}`);
  const realMaxPods = refused ? 0 : cap.maxPods;
  if (refused) formula.push(`real: maxPods = 0 (${ec2WindowsRefusalMessage(t.name)})`);
  const rAllocCpu = cap.allocatable.cpuMillicores;
  const rAllocMem = cap.allocatable.memoryMiB;
  const rLimitBinding = realBinding(t, cap, refused);
  const supported =
    rLimitBinding !== 'EC2_REFUSES_WINDOWS' &&
    rLimitBinding !== 'UNSUPPORTED_ARCHITECTURE' &&
    rLimitBinding !== 'NOT_IN_VPCRC_LIMITS' &&
    realMaxPods > 0;
  // A node whose reservations take all its memory or CPU holds no pod, even one that requests none: NO_CAPACITY,
  // as sizing says of it (the capacity engine's NO_ALLOCATABLE_RESOURCES).
  const empty = rAllocMem <= 0 || rAllocCpu <= 0;
  const rFit: Fit = !supported
    ? { pods: 0, binding: rLimitBinding, byCpu: null, byMemory: null }
    : empty
      ? { pods: 0, binding: 'NO_CAPACITY', byCpu: null, byMemory: null }
      : fitPods(realMaxPods, rLimitBinding, rAllocCpu, cpu, podsByMemory(rAllocMem, mem));
  if (supported && empty)
    formula.push(`real pods per node = 0 (NO_CAPACITY: allocatable ${rAllocCpu}m CPU, ${rAllocMem} MiB memory after the reservations)`);
  else if (supported) formula.push(fitText('real pods per node', [`maxPods ${realMaxPods}`], rFit));
  let nodesNeeded: number | null = null;
  if (supported && count === 0) nodesNeeded = 0;
  else if (supported && rFit.pods > 0) {
    nodesNeeded = Math.ceil(count / rFit.pods);
    formula.push(`nodesNeeded = ceil(${count} / ${rFit.pods}) = ${nodesNeeded}`);
  } else if (supported) {
    formula.push(`nodesNeeded = none (${rAllocMem <= 0 ? `the real node has 0 MiB allocatable memory` : 'one pod does not fit a node'})`);
  }
  const realCapacity: RealCapacityView = {
    maxPods: realMaxPods,
    ipLimitedPods: cap.ipLimitedPods,
    effectiveIpMode: cap.effectiveIpMode,
    limitedBy: refused ? 'UNSUPPORTED' : cap.limitedBy,
    allocatableCpuMillicores: rAllocCpu,
    allocatableMemoryMiB: rAllocMem,
    podsPerNode: rFit.pods,
    bindingConstraint: rFit.binding,
    formula: cap.formula,
    warnings: cap.warnings,
  };
  const extraNodes = nodesKarpenterWouldLaunch !== null && nodesNeeded !== null ? nodesKarpenterWouldLaunch - nodesNeeded : null;
  if (extraNodes !== null && extraNodes !== 0) formula.push(`extraNodes = ${nodesKarpenterWouldLaunch} - ${nodesNeeded} = ${extraNodes}`);

  // Warnings, each with its source and the fix.
  if (cap.effectiveIpMode === 'PREFIX_DELEGATION' && launchable && supported && rFit.pods > 0 && kIps < cap.ipLimitedPods) {
    const consequence =
      extraNodes !== null && extraNodes > 0
        ? ` For ${count} pods it launches ${nodesKarpenterWouldLaunch} nodes where ${nodesNeeded} are needed (${extraNodes} extra).`
        : '';
    warnings.push({
      code: 'KARPENTER_PREFIX_DELEGATION_NOT_MODELLED',
      message:
        `Karpenter plans ${kIps} Windows pod IPs per ${t.name} (vpc.amazonaws.com/PrivateIPv4Address = I - 1 = ${ipv4} - 1) whatever the IP mode, ` +
        `while the VPC Resource Controller gives ${cap.ipLimitedPods} with prefix delegation, so it packs at most ${kFit.pods} pods a node against a real ${rFit.pods}.${consequence}`,
      source: KARPENTER_SOURCE.PREFIX_DELEGATION,
      fix:
        'Karpenter cannot be told today. Either keep this Windows NodePool in secondary-IP mode so its plan matches the nodes, or scale these Windows nodes ' +
        `with a managed or self-managed node group sized by nodesNeeded (templates terraform-eks-windows-managed-node-group, terraform-eks-windows-self-managed-node-group); ` +
        `if you stay on Karpenter, set spec.kubelet.maxPods to ${realMaxPods} (template karpenter-windows-nodepool) so the kubelet figure is right and expect extra nodes until PR #9299 lands.`,
    });
  }
  if (
    nodesKarpenterWouldLaunch !== null &&
    nodesKarpenterWouldLaunch > 0 &&
    supported &&
    rFit.pods === 0 &&
    (rFit.binding === 'MEMORY' || rFit.binding === 'NO_CAPACITY')
  ) {
    warnings.push({
      code: 'KARPENTER_WINDOWS_NODE_HOLDS_NO_POD',
      message:
        `Karpenter counts ${kAllocMem} MiB allocatable memory on ${t.name} (kube-reserved ${KUBE_RESERVED_MEMORY_PER_POD_MIB} MiB * ${kPods} pods + ${KUBE_RESERVED_MEMORY_BASE_MIB} MiB, eviction ${EVICTION_HARD_MEMORY_MIB} MiB) ` +
        `and launches ${nodesKarpenterWouldLaunch} nodes for these pods, but a Windows node keeps kube-reserved 0.5Gi, system-reserved 1.5Gi and eviction 200Mi: ` +
        `${rAllocMem} MiB is left${mem > 0 ? `, less than one pod's ${mem} MiB` : ''}, so the nodes it launches take none of the pods, which stay Pending.`,
      source: `${KARPENTER_SOURCE.TYPES}; ${SOURCE.BPG_WINDOWS_OOM}; ${KARPENTER_SOURCE.KUBELET_RESERVED}`,
      fix:
        `Keep ${t.name} out of the Windows NodePool (requirement node.kubernetes.io/instance-type NotIn), or set the EC2NodeClass spec.kubelet ` +
        'kubeReserved memory 0.5Gi, systemReserved memory 1.5Gi and evictionHard memory.available 200Mi so Karpenter counts what the node keeps.',
    });
  }
  if (refused) {
    warnings.push({
      code: 'KARPENTER_OFFERS_TYPE_EC2_REFUSES',
      message: `Karpenter offers ${t.name} to Windows NodePools, but EC2 refuses to launch it with Windows (${ec2WindowsRefusalMessage(t.name)}): every launch of it fails.`,
      source: EC2_WINDOWS_REFUSED_SOURCE,
      fix: 'Keep it out with the NodePool requirement node.kubernetes.io/instance-type NotIn [...] (template karpenter-windows-nodepool renders the 18 types EC2 refuses).',
    });
  }
  if (amd64 && ipv4 === undefined) {
    warnings.push({
      code: 'KARPENTER_TYPE_NOT_IN_ITS_LIMITS_TABLE',
      message: `Karpenter's limits table (generated ${KARPENTER_VPC_LIMITS_SOURCE.generated}) has no ${t.name}: Karpenter gives it no vpc.amazonaws.com/PrivateIPv4Address and never launches it for Windows pods.`,
      source: KARPENTER_SOURCE.LIMITS_TABLE_MISSING,
      fix: 'Choose a type Karpenter knows, or upgrade Karpenter to a release whose generated limits table has the type.',
    });
  }
  if (launchable && !refused && rLimitBinding === 'NOT_IN_VPCRC_LIMITS') {
    warnings.push({
      code: 'KARPENTER_TYPE_NOT_IN_CONTROLLER_TABLE',
      message:
        `Karpenter knows ${t.name} (I = ${ipv4}) and would launch it, but the VPC Resource Controller's table does not: the node gets no vpc.amazonaws.com/PrivateIPv4Address ` +
        `("The instance type ${t.name} is not supported yet by the vpc resource controller", reason Unsupported) and its Windows pods stay Pending.`,
      source: KARPENTER_SOURCE.VPCRC_LIMITS,
      fix: `Keep ${t.name} out of the Windows NodePool (requirement node.kubernetes.io/instance-type NotIn) until the cluster's controller advertises it.`,
    });
  }
  if (launchable && !refused && cap.warnings.some((w) => (w.code as string) === NEWER_TABLE_WARNING)) {
    warnings.push({
      code: 'KARPENTER_TYPE_NEWER_THAN_CONTROLLER_TABLE',
      message: `${t.name} is in Karpenter's table but not in the controller's public table: the cluster's VPC Resource Controller may not advertise Windows IPs on it yet.`,
      source: KARPENTER_SOURCE.VPCRC_LIMITS,
      fix: `Check kubectl describe node for vpc.amazonaws.com/PrivateIPv4Address on a ${t.name} node before relying on it; keep it out of the NodePool otherwise.`,
    });
  }
  if (r.kubeletMaxPods !== null && supported && r.kubeletMaxPods > cap.ipLimitedPods) {
    warnings.push({
      code: 'KARPENTER_MAX_PODS_ABOVE_IPS',
      message: `spec.kubelet.maxPods ${r.kubeletMaxPods} is above the ${cap.ipLimitedPods} Windows pod IPs a ${t.name} gets: the extra pod slots stay empty and kube-reserved memory is sized for ${r.kubeletMaxPods} pods.`,
      source: KARPENTER_SOURCE.TYPES,
      fix: `Set spec.kubelet.maxPods to at most ${cap.ipLimitedPods} for ${t.name}, or use one NodePool per size.`,
    });
  }

  return {
    instanceType: t.name,
    vcpus: t.vcpus,
    memoryMiB: t.memoryMiB,
    karpenterView,
    realCapacity,
    nodesKarpenterWouldLaunch,
    nodesNeeded,
    extraNodes,
    bindingConstraint: rFit.binding,
    formula,
    warnings,
  };
}

function planWarnings(r: KarpenterWindowsPlanRequest['input']): KarpenterPlanWarning[] {
  const warnings: KarpenterPlanWarning[] = [];
  if (r.servicesPerNode > WINDOWS_SERVICES_PER_NODE_LIMIT && r.windowsPods.count > 0) {
    const flags = dsrKubeProxyFlags(r.kubernetesVersion);
    for (const w of checkWindowsServices({ servicesPerNode: r.servicesPerNode, kubernetesVersion: r.kubernetesVersion })) {
      warnings.push({ code: w.code, message: w.message, source: w.source, fix: `Enable kube-proxy DSR (${flags.args}).` });
    }
    warnings.push({
      code: 'KARPENTER_DOES_NOT_PASS_KUBE_PROXY_ARGS',
      message:
        `${r.servicesPerNode} Services per node need kube-proxy Direct Server Return, but Karpenter's Windows bootstrap call passes only -EKSClusterName, -APIServerEndpoint, ` +
        '-Base64ClusterCA, -KubeletExtraArgs and -DNSClusterIP: never -KubeProxyExtraArgs.',
      source: `${KARPENTER_SOURCE.KUBE_PROXY_ARGS}; ${KARPENTER_SOURCE.BOOTSTRAP}; ${KARPENTER_SOURCE.BPG_DSR}`,
      fix: `Put the fail-loudly patch of Start-EKSBootstrap.ps1 in the EC2NodeClass spec.userData, which Karpenter runs before its bootstrap call (template karpenter-windows-nodepool with enableDsr: true; kube-proxy ${flags.args}).`,
    });
  }
  if (r.serviceIpv4Cidr !== null) {
    warnings.push({
      code: 'KARPENTER_DOES_NOT_PASS_SERVICE_CIDR',
      message:
        `Karpenter never passes -ServiceCIDR: a Windows node derives its Service CIDR from its own primary IP (172.20.0.0/16 for a primary IP in 10.0.0.0/8, 10.100.0.0/16 otherwise), ` +
        `so Services and DNS break on nodes where that differs from the cluster's ${r.serviceIpv4Cidr}.`,
      source: `${KARPENTER_SOURCE.SERVICE_CIDR}; ${KARPENTER_SOURCE.WINDOWS_SERVICE_CIDR_DEFAULT}`,
      fix: `Set the machine environment variable SERVICE_IPV4_CIDR=${r.serviceIpv4Cidr} in the EC2NodeClass spec.userData (template karpenter-windows-nodepool with serviceIpv4Cidr).`,
    });
  }
  // The capacity core's word on the release, as sizing and recommendCni give it (aws/aws-node-termination-handler
  // dropped its Windows Server 2019 images in 2025-08).
  for (const w of checkWindowsServerVersion({ version: r.windowsServerVersion })) {
    if (w.code !== 'WINDOWS_SERVER_2019_ADDONS_LEAVING') continue;
    warnings.push({
      ...w,
      fix: `Use windowsServerVersion WINDOWS_SERVER_2022 (amiSelectorTerms alias ${karpenterWindowsAmiAlias('WINDOWS_SERVER_2022')}); its container images must be built for OS build ${WINDOWS_SERVER_FACTS.WINDOWS_SERVER_2022.osBuild}.`,
    });
  }
  if (r.excludedSnatCidrs.length > 0) {
    warnings.push({
      code: 'KARPENTER_DOES_NOT_PASS_EXCLUDED_SNAT_CIDRS',
      message: `Karpenter never passes -ExcludedSnatCIDRs: traffic from Windows pods to ${r.excludedSnatCidrs.join(', ')} is SNATed to the node IP.`,
      source: KARPENTER_SOURCE.SERVICE_CIDR,
      fix: `Set the machine environment variable EXCLUDED_SNAT_CIDRS=${r.excludedSnatCidrs.join(',')} in the EC2NodeClass spec.userData (template karpenter-windows-nodepool with excludedSnatCidrs).`,
    });
  }
  return warnings;
}

/**
 * What Karpenter (aws/karpenter-provider-aws v1) plans for a Windows workload, type by type, next to
 * what the nodes really run: Karpenter's pods and vpc.amazonaws.com/PrivateIPv4Address, the capacity
 * engine's maxPods, the nodes each side needs, the binding constraint, and sourced warnings with fixes.
 * Pure: the caller has checked the request and resolved its types and families to catalog facts.
 */
export function planKarpenterWindows(request: KarpenterWindowsPlanRequest): KarpenterWindowsPlan {
  const r = request.input;
  const facts = WINDOWS_SERVER_FACTS[r.windowsServerVersion];
  return {
    input: r,
    amiAlias: karpenterWindowsAmiAlias(r.windowsServerVersion),
    osBuild: facts.osBuild,
    instanceTypes: request.types.map((t) => planType(t, r)),
    warnings: planWarnings(r),
    inputs: [
      {
        name: 'Karpenter limits table',
        value: `${KARPENTER_VPC_LIMITS_SOURCE.repository} ${KARPENTER_VPC_LIMITS_SOURCE.path}`,
        note: `commit ${KARPENTER_VPC_LIMITS_SOURCE.commit}, generated ${KARPENTER_VPC_LIMITS_SOURCE.generated}`,
      },
      { name: 'VM memory overhead', value: VM_MEMORY_OVERHEAD_PERCENT, note: 'Karpenter VM_MEMORY_OVERHEAD_PERCENT default' },
      { name: 'eviction-hard memory.available (MiB)', value: EVICTION_HARD_MEMORY_MIB, note: 'Karpenter evictionThreshold() default' },
      { name: 'Windows Server build', value: facts.osBuild, note: 'node.kubernetes.io/windows-build' },
    ],
    karpenterLimitsSource: {
      repository: KARPENTER_VPC_LIMITS_SOURCE.repository,
      path: KARPENTER_VPC_LIMITS_SOURCE.path,
      commit: KARPENTER_VPC_LIMITS_SOURCE.commit,
      generated: KARPENTER_VPC_LIMITS_SOURCE.generated,
    },
  };
}
