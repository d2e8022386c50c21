import { SOURCE } from '../../common/core/sources.js';
import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import { type NodeOs } from './capacity.types.js';

/**
 * What a node offers pods after what the hypervisor, the OS and the kubelet keep.
 *
 * Both OSes: memory capacity = SizeInMiB - ceil(SizeInMiB * 7.5%), the VM overhead Karpenter subtracts
 * (VM_MEMORY_OVERHEAD_PERCENT, aws/karpenter-provider-aws pkg/providers/instancetype/types.go, options.go);
 * on arm64 (Graviton) types.go memory() first takes 64 MiB ("Gravitons have an extra 64 MiB of cma reserved
 * memory"), then the overhead of what is left: a1.large (4096 - 64) - ceil(4032 * 7.5%) = 3729 MiB. arm64 types
 * cannot be Windows nodes (no EKS-optimized Windows AMI), so only their Linux figures are read.
 * CPU kube-reserved: 6% of the first core, 1% of the second, 0.5% of the next two, 0.25% of the rest (types.go).
 * Linux memory: kube-reserved 11 MiB * maxPods + 255 MiB, eviction threshold 100 MiB (types.go).
 * Windows memory: the BPG reservations, `--kube-reserved memory=0.5Gi --system-reserved memory=1.5Gi
 * --eviction-hard memory.available<200Mi` (aws/aws-eks-best-practices latest/bpg/windows/oom.adoc).
 * m5.large Linux (8192 MiB, 2 vCPUs, 29 pods): 8192 - 615 - 574 - 100 = 6903 MiB, 2000 - 70 = 1930m, as
 * Karpenter publishes (website reference/instance-types.md); a1.large (arm64): 3729 - 574 - 100 = 3055 MiB, as published.
 */
export const VM_MEMORY_OVERHEAD_PERCENT = 0.075;
/** types.go memory(): the CMA memory a Graviton (first architecture arm64) keeps before the VM overhead. */
export const GRAVITON_CMA_RESERVED_MEMORY_MIB = 64;
export const KUBE_RESERVED_MEMORY_BASE_MIB = 255;
export const KUBE_RESERVED_MEMORY_PER_POD_MIB = 11;
export const EVICTION_HARD_MEMORY_MIB = 100;
export const WINDOWS_KUBE_RESERVED_MEMORY_MIB = 512;
export const WINDOWS_SYSTEM_RESERVED_MEMORY_MIB = 1536;
export const WINDOWS_EVICTION_HARD_MEMORY_MIB = 200;

export interface Allocatable {
  cpuMillicores: number;
  memoryMiB: number;
  pods: number;
  /** The arithmetic with values put in, one step a line. */
  formula: string[];
  /** Where each reservation comes from. */
  sources: string[];
}

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

/** MiB the hypervisor and firmware keep of `memoryMiB`: ceil(memoryMiB * 7.5%). */
export function vmMemoryOverheadMiB(memoryMiB: number): number {
  return Math.ceil(memoryMiB * VM_MEMORY_OVERHEAD_PERCENT);
}

/** MiB a Graviton keeps as CMA memory (types.go memory() checks SupportedArchitectures[0] == "arm64"; arm64_mac is not). */
export function cmaReservedMemoryMiB(architectures: readonly string[]): number {
  return architectures.includes('arm64') ? GRAVITON_CMA_RESERVED_MEMORY_MIB : 0;
}

/** Memory capacity as Karpenter's types.go memory() counts it: SizeInMiB less the Graviton CMA, less the VM overhead of the rest. */
export function memoryCapacityMiB(t: Pick<InstanceTypeFacts, 'memoryMiB' | 'architectures'>): number {
  const size = t.memoryMiB - cmaReservedMemoryMiB(t.architectures);
  return size - vmMemoryOverheadMiB(size);
}

/** Memory reserved for the OS and kubelet, apart from the VM overhead. */
export function reservedMemoryMiB(os: NodeOs, maxPods: number): number {
  return os === 'WINDOWS'
    ? WINDOWS_KUBE_RESERVED_MEMORY_MIB + WINDOWS_SYSTEM_RESERVED_MEMORY_MIB + WINDOWS_EVICTION_HARD_MEMORY_MIB
    : kubeReservedMemoryMiB(maxPods) + EVICTION_HARD_MEMORY_MIB;
}

export function allocatableCpuMillicores(vcpus: number): number {
  return vcpus * 1000 - kubeReservedCpuMillicores(vcpus);
}

/**
 * Workload pods a node's memory holds: none when its allocatable memory is 0 (the reservations take all of it,
 * whatever the pods request), else floor(allocatable / request); null when the pods request no memory (no limit).
 */
export function podsByMemory(allocatableMiB: number, requestMiB: number): number | null {
  if (allocatableMiB <= 0) return 0;
  return requestMiB > 0 ? Math.floor(allocatableMiB / requestMiB) : null;
}

/** Allocatable memory of a node whose memory capacity (memoryCapacityMiB) is `capacityMiB`. */
export function allocatableMemoryMiB(capacityMiB: number, os: NodeOs, maxPods: number): number {
  return Math.max(0, capacityMiB - reservedMemoryMiB(os, maxPods));
}

/** The pods Linux kube-reserved memory is sized on when that is not the max pods that schedule, with why. */
export interface KubeReservedPods {
  pods: number;
  /** The formula line saying where the figure comes from (shown when it differs from maxPods). */
  note: string;
  source: string;
}

/**
 * Allocatable CPU, memory and pods of one node, with the formula. `maxPods` is what schedules on it;
 * Linux kube-reserved memory is sized on `reservedFor.pods` when given, else on maxPods.
 */
export function computeAllocatable(
  t: Pick<InstanceTypeFacts, 'vcpus' | 'memoryMiB' | 'architectures'>,
  os: NodeOs,
  maxPods: number,
  reservedFor?: KubeReservedPods,
): Allocatable {
  const cpuReserved = kubeReservedCpuMillicores(t.vcpus);
  const cpu = t.vcpus * 1000 - cpuReserved;
  const cma = cmaReservedMemoryMiB(t.architectures);
  const overhead = vmMemoryOverheadMiB(t.memoryMiB - cma);
  const capacity = memoryCapacityMiB(t);
  const formula = [
    `cpu = vCPUs * 1000 - kube-reserved cpu = ${t.vcpus} * 1000 - ${cpuReserved} = ${cpu}m (6% of the first core, 1% of the second, 0.5% of the next two, 0.25% of the rest)`,
    cma > 0
      ? `memory capacity = (SizeInMiB - ${cma} Graviton CMA) - ceil((SizeInMiB - ${cma}) * 7.5%) = (${t.memoryMiB} - ${cma}) - ${overhead} = ${capacity} MiB (VM overhead)`
      : `memory capacity = SizeInMiB - ceil(SizeInMiB * 7.5%) = ${t.memoryMiB} - ${overhead} = ${capacity} MiB (VM overhead)`,
  ];
  let memory: number;
  const sources: string[] = [SOURCE.KARPENTER_INSTANCE_TYPES];
  if (os === 'WINDOWS') {
    memory = Math.max(
      0,
      capacity - WINDOWS_KUBE_RESERVED_MEMORY_MIB - WINDOWS_SYSTEM_RESERVED_MEMORY_MIB - WINDOWS_EVICTION_HARD_MEMORY_MIB,
    );
    formula.push(
      `memory = capacity - kube-reserved 0.5Gi - system-reserved 1.5Gi - eviction 200Mi = ${capacity} - ${WINDOWS_KUBE_RESERVED_MEMORY_MIB} - ` +
        `${WINDOWS_SYSTEM_RESERVED_MEMORY_MIB} - ${WINDOWS_EVICTION_HARD_MEMORY_MIB} = ${memory} MiB`,
    );
    sources.push(SOURCE.BPG_WINDOWS_OOM);
  } else {
    const reservedPods = reservedFor?.pods ?? maxPods;
    if (reservedFor && reservedFor.pods !== maxPods) {
      formula.push(reservedFor.note);
      sources.push(reservedFor.source);
    }
    const kubeReserved = kubeReservedMemoryMiB(reservedPods);
    memory = Math.max(0, capacity - kubeReserved - EVICTION_HARD_MEMORY_MIB);
    formula.push(
      `memory = capacity - (11 * maxPods + 255) - eviction 100 = ${capacity} - (11 * ${reservedPods} + 255) - ${EVICTION_HARD_MEMORY_MIB} = ` +
        `${capacity} - ${kubeReserved} - ${EVICTION_HARD_MEMORY_MIB} = ${memory} MiB`,
    );
  }
  formula.push(`pods = maxPods = ${maxPods}`);
  return { cpuMillicores: cpu, memoryMiB: memory, pods: maxPods, formula, sources };
}
