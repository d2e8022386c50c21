/**
 * The plain facts about one EC2 instance type that every answer starts from.
 * Built from a `DescribeInstanceTypes` record by `mapInstanceTypeRecord`; the capacity,
 * CNI and template cores take these and nothing else.
 */
export interface NetworkCardFacts {
  networkCardIndex: number;
  maximumNetworkInterfaces: number;
  networkPerformance: string | null;
  baselineBandwidthInGbps: number | null;
  peakBandwidthInGbps: number | null;
}

export type Hypervisor = 'nitro' | 'xen';

/**
 * Kinds of accelerator EC2 reports per type: `GpuInfo.Gpus`, `InferenceAcceleratorInfo.Accelerators`,
 * `NeuronInfo.NeuronDevices`, `FpgaInfo.Fpgas`, `MediaAcceleratorInfo.Accelerators`.
 */
export type AcceleratorKind = 'GPU' | 'INFERENCE' | 'NEURON' | 'FPGA' | 'MEDIA';

export interface AcceleratorFacts {
  kind: AcceleratorKind;
  /** Devices of this model on one instance. */
  count: number;
  name: string | null;
  manufacturer: string | null;
}

export interface InstanceTypeFacts {
  name: string;
  /** The part before the dot: `m5` for `m5.large`. */
  family: string;
  /** The part after the dot: `large`, `metal-24xl`. */
  size: string;
  /** `nitro` or `xen`; null for bare metal, which EC2 reports without a hypervisor. */
  hypervisor: Hypervisor | null;
  bareMetal: boolean;
  vcpus: number;
  memoryMiB: number;
  /** As EC2 reports them: `x86_64`, `arm64`, `i386`, `x86_64_mac`, `arm64_mac`. */
  architectures: string[];
  currentGeneration: boolean;
  burstable: boolean;
  /** NetworkInfo.Ipv4AddressesPerInterface: IPs per ENI, primary included. */
  ipv4AddressesPerInterface: number;
  ipv6AddressesPerInterface: number;
  ipv6Supported: boolean;
  /** NetworkInfo.MaximumNetworkInterfaces: all network cards summed, as EC2 reports it. */
  maxNetworkInterfaces: number;
  defaultNetworkCardIndex: number;
  /** MaximumNetworkInterfaces of the default network card: the ENIs pods can use on Linux. */
  defaultCardNetworkInterfaces: number;
  maximumNetworkCards: number;
  networkPerformance: string | null;
  networkCards: NetworkCardFacts[];
  /**
   * GPUs, inference accelerators, Neuron devices, FPGAs and media accelerators, one entry per device
   * model (empty when none). Appended last: older catalogs without it read as none.
   */
  accelerators?: AcceleratorFacts[];
}

/** True when the type carries any GPU, inference accelerator, Neuron device, FPGA or media accelerator. */
export function hasAccelerators(t: { accelerators?: readonly AcceleratorFacts[] }): boolean {
  return (t.accelerators ?? []).some((a) => a.count > 0);
}

/** Facts plus where the catalog has them available. */
export interface CatalogInstanceType extends InstanceTypeFacts {
  regions: string[];
}

/**
 * Built on the Nitro System: the Nitro hypervisor, or bare metal (which EC2 reports without a
 * hypervisor). Prefix delegation needs it, and the catalog's `nitro` filter and field mean it.
 */
export function isNitro(t: { hypervisor: string | null; bareMetal: boolean }): boolean {
  return t.hypervisor === 'nitro' || t.bareMetal;
}
