import { Field, Float, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { isNitro, type CatalogInstanceType } from './core/instance-type.facts.js';

@ObjectType({ description: 'One network card of an instance type.' })
export class NetworkCard {
  networkCardIndex: number;

  /** ENIs this card can attach. */
  maximumNetworkInterfaces: number;

  networkPerformance: string | null;

  @Field(() => Float, { nullable: true })
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  baselineBandwidthInGbps: number | null;

  @Field(() => Float, { nullable: true })
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  peakBandwidthInGbps: number | null;
}

@ObjectType({
  description: 'One accelerator model of an instance type (GPU, inference accelerator, Neuron device, FPGA, media accelerator).',
})
export class Accelerator {
  /**
   * GPU (GpuInfo), INFERENCE (InferenceAcceleratorInfo), NEURON (NeuronInfo), FPGA (FpgaInfo) or MEDIA (MediaAcceleratorInfo).
   * @example GPU
   */
  @ApiProperty({ enum: ['GPU', 'INFERENCE', 'NEURON', 'FPGA', 'MEDIA'] })
  kind: string;

  /** Devices of this model on one instance. */
  count: number;

  /**
   * @example T4
   */
  name: string | null;

  /**
   * @example NVIDIA
   */
  manufacturer: string | null;
}

@ObjectType({ description: 'An EC2 instance type and the network limits every answer starts from.' })
export class InstanceType {
  /**
   * @example m5.large
   */
  name: string;

  /**
   * @example m5
   */
  family: string;

  /**
   * @example large
   */
  size: string;

  /**
   * `nitro` or `xen` as EC2 reports it; null for bare metal.
   * @example nitro
   */
  hypervisor: string | null;

  /** Built on the Nitro System (Nitro hypervisor or bare metal), which prefix delegation needs. */
  nitro: boolean;

  bareMetal: boolean;

  vcpus: number;

  memoryMiB: number;

  /** As EC2 reports them: x86_64, arm64, i386, x86_64_mac, arm64_mac. */
  architectures: string[];

  currentGeneration: boolean;

  burstable: boolean;

  /** IPv4 addresses per ENI, the primary included. */
  ipv4AddressesPerInterface: number;

  ipv6AddressesPerInterface: number;

  ipv6Supported: boolean;

  /** ENIs over all network cards, as EC2 reports it. */
  maxNetworkInterfaces: number;

  defaultNetworkCardIndex: number;

  /** ENIs of the default network card: what pods can use on Linux. */
  defaultCardNetworkInterfaces: number;

  maximumNetworkCards: number;

  networkPerformance: string | null;

  networkCards: NetworkCard[];

  /** Regions offering this type, as the catalog last saw them. */
  regions: string[];

  /** When the catalog first saw this type. */
  @ApiProperty({ type: String, format: 'date-time' })
  firstSeenAt: Date | null;

  /** When the catalog last saw this type (bundled snapshot load or EC2 refresh). */
  @ApiProperty({ type: String, format: 'date-time' })
  lastSeenAt: Date | null;

  /** GPUs, inference accelerators, Neuron devices, FPGAs, media accelerators (empty when none). */
  accelerators: Accelerator[];
}

export function toInstanceTypeModel(t: CatalogInstanceType & { firstSeenAt?: Date | null; lastSeenAt?: Date | null }): InstanceType {
  return {
    name: t.name,
    family: t.family,
    size: t.size,
    hypervisor: t.hypervisor,
    nitro: isNitro(t),
    bareMetal: t.bareMetal,
    vcpus: t.vcpus,
    memoryMiB: t.memoryMiB,
    architectures: t.architectures,
    currentGeneration: t.currentGeneration,
    burstable: t.burstable,
    ipv4AddressesPerInterface: t.ipv4AddressesPerInterface,
    ipv6AddressesPerInterface: t.ipv6AddressesPerInterface,
    ipv6Supported: t.ipv6Supported,
    maxNetworkInterfaces: t.maxNetworkInterfaces,
    defaultNetworkCardIndex: t.defaultNetworkCardIndex,
    defaultCardNetworkInterfaces: t.defaultCardNetworkInterfaces,
    maximumNetworkCards: t.maximumNetworkCards,
    networkPerformance: t.networkPerformance,
    networkCards: t.networkCards,
    regions: t.regions,
    firstSeenAt: t.firstSeenAt ?? null,
    lastSeenAt: t.lastSeenAt ?? null,
    accelerators: (t.accelerators ?? []).map((a) => ({ ...a })),
  };
}
