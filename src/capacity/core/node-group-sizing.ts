import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import type { CapacityWarning, IpMode, NodeOs } from './capacity.types.js';

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
  /** Pods per node each constraint allows. */
  podsByIp: number;
  podsByKubelet: number;
  podsByCpu: number;
  podsByMemory: number;
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

export function sizeNodeGroups(_input: NodeGroupSizingInput): NodeGroupSizing {
  throw new Error('not implemented yet');
}
