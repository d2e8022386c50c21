import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { isNitro, type CatalogInstanceType } from './core/instance-type.facts.js';

@ObjectType({ description: 'One network card of an instance type.' })
export class NetworkCard {
  @Field(() => Int)
  @ApiProperty()
  networkCardIndex: number;

  @Field(() => Int, { description: 'ENIs this card can attach.' })
  @ApiProperty()
  maximumNetworkInterfaces: number;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true })
  networkPerformance: string | null;

  @Field(() => Number, { nullable: true })
  @ApiProperty({ type: Number, nullable: true })
  baselineBandwidthInGbps: number | null;

  @Field(() => Number, { nullable: true })
  @ApiProperty({ type: Number, nullable: true })
  peakBandwidthInGbps: number | null;
}

@ObjectType({
  description: 'One accelerator model of an instance type (GPU, inference accelerator, Neuron device, FPGA, media accelerator).',
})
export class Accelerator {
  @Field({
    description:
      'GPU (GpuInfo), INFERENCE (InferenceAcceleratorInfo), NEURON (NeuronInfo), FPGA (FpgaInfo) or MEDIA (MediaAcceleratorInfo).',
  })
  @ApiProperty({ enum: ['GPU', 'INFERENCE', 'NEURON', 'FPGA', 'MEDIA'], example: 'GPU' })
  kind: string;

  @Field(() => Int, { description: 'Devices of this model on one instance.' })
  @ApiProperty()
  count: number;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, example: 'T4' })
  name: string | null;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, example: 'NVIDIA' })
  manufacturer: string | null;
}

@ObjectType({ description: 'An EC2 instance type and the network limits every answer starts from.' })
export class InstanceType {
  @Field()
  @ApiProperty({ example: 'm5.large' })
  name: string;

  @Field()
  @ApiProperty({ example: 'm5' })
  family: string;

  @Field()
  @ApiProperty({ example: 'large' })
  size: string;

  @Field(() => String, { nullable: true, description: '`nitro` or `xen` as EC2 reports it; null for bare metal.' })
  @ApiProperty({ type: String, nullable: true, example: 'nitro' })
  hypervisor: string | null;

  @Field({ description: 'Built on the Nitro System (Nitro hypervisor or bare metal), which prefix delegation needs.' })
  @ApiProperty()
  nitro: boolean;

  @Field()
  @ApiProperty()
  bareMetal: boolean;

  @Field(() => Int)
  @ApiProperty()
  vcpus: number;

  @Field(() => Int)
  @ApiProperty()
  memoryMiB: number;

  @Field(() => [String], { description: 'As EC2 reports them: x86_64, arm64, i386, x86_64_mac, arm64_mac.' })
  @ApiProperty({ type: [String] })
  architectures: string[];

  @Field()
  @ApiProperty()
  currentGeneration: boolean;

  @Field()
  @ApiProperty()
  burstable: boolean;

  @Field(() => Int, { description: 'IPv4 addresses per ENI, the primary included.' })
  @ApiProperty()
  ipv4AddressesPerInterface: number;

  @Field(() => Int)
  @ApiProperty()
  ipv6AddressesPerInterface: number;

  @Field()
  @ApiProperty()
  ipv6Supported: boolean;

  @Field(() => Int, { description: 'ENIs over all network cards, as EC2 reports it.' })
  @ApiProperty()
  maxNetworkInterfaces: number;

  @Field(() => Int)
  @ApiProperty()
  defaultNetworkCardIndex: number;

  @Field(() => Int, { description: 'ENIs of the default network card: what pods can use on Linux.' })
  @ApiProperty()
  defaultCardNetworkInterfaces: number;

  @Field(() => Int)
  @ApiProperty()
  maximumNetworkCards: number;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true })
  networkPerformance: string | null;

  @Field(() => [NetworkCard])
  @ApiProperty({ type: [NetworkCard] })
  networkCards: NetworkCard[];

  @Field(() => [String], { description: 'Regions offering this type, as the catalog last saw them.' })
  @ApiProperty({ type: [String] })
  regions: string[];

  @Field(() => Date, { nullable: true, description: 'When the catalog first saw this type.' })
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  firstSeenAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the catalog last saw this type (bundled snapshot load or EC2 refresh).' })
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastSeenAt: Date | null;

  @Field(() => [Accelerator], { description: 'GPUs, inference accelerators, Neuron devices, FPGAs, media accelerators (empty when none).' })
  @ApiProperty({ type: [Accelerator] })
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
