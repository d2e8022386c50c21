import type { AcceleratorFacts, AcceleratorKind, InstanceTypeFacts, NetworkCardFacts } from './instance-type.facts.js';

/** The subset of an EC2 `InstanceTypeInfo` record (SDK v3 shape, PascalCase) the catalog reads. */
export interface RawInstanceTypeRecord {
  InstanceType?: string;
  Hypervisor?: string;
  BareMetal?: boolean;
  CurrentGeneration?: boolean;
  BurstablePerformanceSupported?: boolean;
  VCpuInfo?: { DefaultVCpus?: number };
  MemoryInfo?: { SizeInMiB?: number };
  ProcessorInfo?: { SupportedArchitectures?: string[] };
  NetworkInfo?: {
    Ipv4AddressesPerInterface?: number;
    Ipv6AddressesPerInterface?: number;
    Ipv6Supported?: boolean;
    MaximumNetworkInterfaces?: number;
    MaximumNetworkCards?: number;
    DefaultNetworkCardIndex?: number;
    NetworkPerformance?: string;
    NetworkCards?: Array<{
      NetworkCardIndex?: number;
      MaximumNetworkInterfaces?: number;
      NetworkPerformance?: string;
      BaselineBandwidthInGbps?: number;
      PeakBandwidthInGbps?: number;
    }>;
  };
  GpuInfo?: { Gpus?: RawAcceleratorDevice[] } | null;
  InferenceAcceleratorInfo?: { Accelerators?: RawAcceleratorDevice[] } | null;
  NeuronInfo?: { NeuronDevices?: RawAcceleratorDevice[] } | null;
  FpgaInfo?: { Fpgas?: RawAcceleratorDevice[] } | null;
  MediaAcceleratorInfo?: { Accelerators?: RawAcceleratorDevice[] } | null;
}

/** One device model in GpuInfo / InferenceAcceleratorInfo / NeuronInfo / FpgaInfo / MediaAcceleratorInfo. */
export interface RawAcceleratorDevice {
  Count?: number;
  Name?: string;
  Manufacturer?: string;
}

/** The raw fields the accelerator facts come from, in the order they are read. */
export const ACCELERATOR_FIELDS: ReadonlyArray<readonly [AcceleratorKind, string]> = [
  ['GPU', 'GpuInfo.Gpus'],
  ['INFERENCE', 'InferenceAcceleratorInfo.Accelerators'],
  ['NEURON', 'NeuronInfo.NeuronDevices'],
  ['FPGA', 'FpgaInfo.Fpgas'],
  ['MEDIA', 'MediaAcceleratorInfo.Accelerators'],
];

function mapAccelerators(name: string, raw: RawInstanceTypeRecord): AcceleratorFacts[] {
  const lists: Record<AcceleratorKind, RawAcceleratorDevice[] | undefined> = {
    GPU: raw.GpuInfo?.Gpus,
    INFERENCE: raw.InferenceAcceleratorInfo?.Accelerators,
    NEURON: raw.NeuronInfo?.NeuronDevices,
    FPGA: raw.FpgaInfo?.Fpgas,
    MEDIA: raw.MediaAcceleratorInfo?.Accelerators,
  };
  const out: AcceleratorFacts[] = [];
  for (const [kind, field] of ACCELERATOR_FIELDS) {
    for (const device of lists[kind] ?? []) {
      out.push({
        kind,
        count: requireCount(name, `${field}[].Count`, device.Count ?? 1),
        name: device.Name ?? null,
        manufacturer: device.Manufacturer ?? null,
      });
    }
  }
  return out;
}

/** Raised when an EC2 record lacks a field every answer depends on. */
export class MalformedInstanceTypeRecordError extends Error {
  constructor(
    readonly instanceType: string,
    readonly field: string,
  ) {
    super(`EC2 record for instance type "${instanceType}" has no valid ${field}`);
    this.name = 'MalformedInstanceTypeRecordError';
  }
}

const INSTANCE_TYPE_NAME = /^[a-z0-9][a-z0-9-]*\.[a-z0-9-]+$/;

function requireCount(name: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new MalformedInstanceTypeRecordError(name, field);
  }
  return value;
}

/**
 * Maps one `DescribeInstanceTypes` record to the facts the service uses.
 * Strict on purpose: a record without its network limits would produce wrong answers,
 * so it fails the whole refresh instead of entering the catalog.
 */
export function mapInstanceTypeRecord(raw: RawInstanceTypeRecord): InstanceTypeFacts {
  const name = raw.InstanceType;
  if (typeof name !== 'string' || !INSTANCE_TYPE_NAME.test(name)) {
    throw new MalformedInstanceTypeRecordError(String(name), 'InstanceType');
  }
  const network = raw.NetworkInfo;
  if (!network) throw new MalformedInstanceTypeRecordError(name, 'NetworkInfo');

  const ipv4 = requireCount(name, 'NetworkInfo.Ipv4AddressesPerInterface', network.Ipv4AddressesPerInterface);
  if (ipv4 < 1) throw new MalformedInstanceTypeRecordError(name, 'NetworkInfo.Ipv4AddressesPerInterface');
  const maxInterfaces = requireCount(name, 'NetworkInfo.MaximumNetworkInterfaces', network.MaximumNetworkInterfaces);
  const defaultCardIndex = network.DefaultNetworkCardIndex ?? 0;

  const networkCards: NetworkCardFacts[] = (network.NetworkCards ?? []).map((card) => ({
    networkCardIndex: requireCount(name, 'NetworkInfo.NetworkCards[].NetworkCardIndex', card.NetworkCardIndex ?? 0),
    maximumNetworkInterfaces: requireCount(name, 'NetworkInfo.NetworkCards[].MaximumNetworkInterfaces', card.MaximumNetworkInterfaces),
    networkPerformance: card.NetworkPerformance ?? null,
    baselineBandwidthInGbps: card.BaselineBandwidthInGbps ?? null,
    peakBandwidthInGbps: card.PeakBandwidthInGbps ?? null,
  }));
  networkCards.sort((a, b) => a.networkCardIndex - b.networkCardIndex);
  // Records without NetworkCards describe a single card holding every interface.
  const defaultCard = networkCards.find((c) => c.networkCardIndex === defaultCardIndex);
  const defaultCardNetworkInterfaces = defaultCard ? defaultCard.maximumNetworkInterfaces : maxInterfaces;

  const vcpus = requireCount(name, 'VCpuInfo.DefaultVCpus', raw.VCpuInfo?.DefaultVCpus);
  const memoryMiB = requireCount(name, 'MemoryInfo.SizeInMiB', raw.MemoryInfo?.SizeInMiB);
  const architectures = raw.ProcessorInfo?.SupportedArchitectures;
  if (!Array.isArray(architectures) || architectures.length === 0) {
    throw new MalformedInstanceTypeRecordError(name, 'ProcessorInfo.SupportedArchitectures');
  }
  const hypervisor = raw.Hypervisor === 'nitro' || raw.Hypervisor === 'xen' ? raw.Hypervisor : null;
  if (raw.Hypervisor !== undefined && hypervisor === null) {
    throw new MalformedInstanceTypeRecordError(name, 'Hypervisor');
  }
  const dot = name.indexOf('.');

  return {
    name,
    family: name.slice(0, dot),
    size: name.slice(dot + 1),
    hypervisor,
    bareMetal: raw.BareMetal === true,
    vcpus,
    memoryMiB,
    architectures: [...architectures].sort(),
    currentGeneration: raw.CurrentGeneration === true,
    burstable: raw.BurstablePerformanceSupported === true,
    ipv4AddressesPerInterface: ipv4,
    ipv6AddressesPerInterface: network.Ipv6AddressesPerInterface ?? 0,
    ipv6Supported: network.Ipv6Supported === true,
    maxNetworkInterfaces: maxInterfaces,
    defaultNetworkCardIndex: defaultCardIndex,
    defaultCardNetworkInterfaces,
    maximumNetworkCards: network.MaximumNetworkCards ?? Math.max(1, networkCards.length),
    networkPerformance: network.NetworkPerformance ?? null,
    networkCards,
    accelerators: mapAccelerators(name, raw),
  };
}
