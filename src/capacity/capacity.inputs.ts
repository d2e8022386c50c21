import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { toBool, toInt } from '../common/query-values.js';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { ARCHITECTURES } from '../catalog/instance-types.args.js';
import type { IpMode, NodeOs, SizingRankBy, WindowsServerVersion } from './core/index.js';
import { IpModeEnum, NodeOsEnum, SizingRankByEnum, toEnumSpelling, values, WindowsServerVersionEnum } from './capacity-enums.js';
import { REGION_NAME } from '../common/aws-names.js';
import { IntField, OptionalIntField } from '../common/int-field.js';
import { IsInstanceTypeName } from '../common/instance-type-name.js';

/**
 * One class per shape serves the GraphQL input and the REST query or body. The decorators check
 * shape and bounds, so hostile input stays cheap; the core checks meaning (CIDR format and overlap,
 * version format, pods above what a node runs) and names the field it rejects.
 */

/** Bounds: generous for real clusters, small enough that one request stays cheap. */
export const CAPACITY_INPUT_LIMITS = {
  pods: 1_000_000,
  nodes: 100_000,
  subnetCidrs: 64,
  kubeletMaxPods: 100_000,
  maxEnis: 1_000,
  warmTarget: 100_000,
  services: 100_000,
  cpuMillicores: 1_000_000,
  memoryMiB: 100_000_000,
  instanceTypes: 2_000,
  families: 100,
  sizingLimit: 200,
  podChurnPer30s: 100_000,
} as const;

export const DEFAULT_SIZING_LIMIT = 20;

const OS_SPELLINGS = 'WINDOWS or LINUX (REST also windows, linux)';
const MODE_SPELLINGS = 'SECONDARY_IP or PREFIX_DELEGATION (REST also secondary-ip, prefix-delegation)';

/** The options every capacity computation shares. */
@InputType({ isAbstract: true })
export class CapacityCommonOptions {
  /** Kubelet --max-pods. Windows default 110; Linux default: the max-pods calculator recommendation. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(CAPACITY_INPUT_LIMITS.kubeletMaxPods)
  kubeletMaxPods?: number;

  /** Linux custom networking (ENIConfig): one ENI fewer for pods. Ignored on Windows. */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  customNetworking?: boolean;

  /** Linux security groups for pods: one ENI is the trunk. Ignored on Windows. */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  securityGroupsForPods?: boolean;

  /** Linux: cap on ENIs attached (ipamd MAX_ENI). Ignored on Windows. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(CAPACITY_INPUT_LIMITS.maxEnis)
  maxEnis?: number;

  /**
   * VPC CNI version, e.g. "1.20.0" or "v1.19.2-eksbuild.1" (default 1.20.0).
   * @example 1.20.0
   */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  vpcCniVersion?: string;
}

@InputType('NodeCapacityOptionsInput', { description: 'Options for pods-per-node answers.' })
export class NodeCapacityOptionsInput extends CapacityCommonOptions {
  /** Linux: when kubeletMaxPods is not given, apply the calculator cap (110, or 250 above 30 vCPUs). Default true. */
  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  applyRecommendedCap?: boolean;

  @Field(() => Int, {
    nullable: true,
    description:
      'Windows: pods replaced per 30 s on a node (Jobs, CI runners). Released IPs cool down 30 s (VPC Resource Controller CoolDownPeriod): ' +
      'podsDuringCooldown = min(kubelet max-pods, W - podChurnPer30s).',
  })
  @ApiPropertyOptional({ example: 3 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(CAPACITY_INPUT_LIMITS.podChurnPer30s)
  podChurnPer30s?: number;

  /**
   * Region: when a catalog refresh has read its AWS Price List, whether EC2 offers Windows on the type there comes from it.
   * @example us-east-1
   */
  @IsOptional()
  @IsString()
  @Matches(REGION_NAME, { message: 'region must look like "us-east-1"' })
  region?: string;
}

/** REST `GET /api/v1/capacity/{instanceType}` query; GraphQL NodeCapacityInput adds instanceType. */
@InputType({ isAbstract: true })
export class NodeCapacityQuery extends NodeCapacityOptionsInput {
  @Field(() => NodeOsEnum)
  @ApiProperty({ enum: ['windows', 'linux', ...values(NodeOsEnum)], description: OS_SPELLINGS })
  @Transform(toEnumSpelling)
  @IsIn(values(NodeOsEnum), { message: `os must be ${OS_SPELLINGS}` })
  os: NodeOs;

  @Field(() => IpModeEnum)
  @ApiProperty({ enum: ['secondary-ip', 'prefix-delegation', ...values(IpModeEnum)], description: MODE_SPELLINGS })
  @Transform(toEnumSpelling)
  @IsIn(values(IpModeEnum), { message: `ipMode must be ${MODE_SPELLINGS}` })
  ipMode: IpMode;
}

@InputType('NodeCapacityInput', { description: 'One instance type, operating system and IP mode.' })
export class NodeCapacityInput extends NodeCapacityQuery {
  /**
   * EC2 instance type, e.g. m5.large.
   * @example m5.large
   */
  @IsInstanceTypeName()
  instanceType: string;
}

@InputType('WarmPoolTargetsInput', {
  description:
    'Warm-pool targets; leave a field out for its default. Windows (VPCRC ConfigMap): warmIpTarget, minimumIpTarget, ' +
    'warmPrefixTarget. Linux (ipamd): warmEniTarget (WARM_ENI_TARGET), warmIpTarget, minimumIpTarget, warmPrefixTarget.',
})
export class WarmPoolTargetsInput {
  @OptionalIntField(0, CAPACITY_INPUT_LIMITS.warmTarget, 'Linux WARM_ENI_TARGET (default 1). Refused for Windows.')
  warmEniTarget?: number;

  @OptionalIntField(0, CAPACITY_INPUT_LIMITS.warmTarget, 'Windows warm-ip-target / Linux WARM_IP_TARGET.')
  warmIpTarget?: number;

  @OptionalIntField(0, CAPACITY_INPUT_LIMITS.warmTarget, 'Windows minimum-ip-target / Linux MINIMUM_IP_TARGET.')
  minimumIpTarget?: number;

  @OptionalIntField(0, CAPACITY_INPUT_LIMITS.warmTarget, 'Windows warm-prefix-target / Linux WARM_PREFIX_TARGET (prefix delegation).')
  warmPrefixTarget?: number;
}

@InputType('SubnetUsageInput', { description: 'A node group and the subnets it draws its addresses from.' })
export class SubnetUsageInput extends CapacityCommonOptions {
  /**
   * EC2 instance type, e.g. m5.large.
   * @example m5.large
   */
  @IsInstanceTypeName()
  instanceType: string;

  @IntField(0, CAPACITY_INPUT_LIMITS.nodes, `Nodes in the group (0 to ${CAPACITY_INPUT_LIMITS.nodes}).`, { example: 10 })
  nodeCount: number;

  @Field(() => NodeOsEnum)
  @ApiProperty({ enum: ['windows', 'linux', ...values(NodeOsEnum)], description: OS_SPELLINGS })
  @Transform(toEnumSpelling)
  @IsIn(values(NodeOsEnum), { message: `os must be ${OS_SPELLINGS}` })
  os: NodeOs;

  @Field(() => IpModeEnum)
  @ApiProperty({ enum: ['secondary-ip', 'prefix-delegation', ...values(IpModeEnum)], description: MODE_SPELLINGS })
  @Transform(toEnumSpelling)
  @IsIn(values(IpModeEnum), { message: `ipMode must be ${MODE_SPELLINGS}` })
  ipMode: IpMode;

  @IntField(0, CAPACITY_INPUT_LIMITS.pods, 'Pods per node that take a VPC IP (host-network pods excluded).', { example: 5 })
  podsPerNode: number;

  /** Default: the controller / ipamd defaults. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WarmPoolTargetsInput)
  warmPool?: WarmPoolTargetsInput;

  @Field(() => [String], { description: `IPv4 subnet CIDRs, /16 to /28, not overlapping (1 to ${CAPACITY_INPUT_LIMITS.subnetCidrs}).` })
  @ApiProperty({ type: [String], example: ['10.0.0.0/24'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CAPACITY_INPUT_LIMITS.subnetCidrs)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  subnetCidrs: string[];
}

@InputType('SizingWorkloadInput', { description: 'What has to run. Requests left out count as 0 (no limit from that resource).' })
export class SizingWorkloadInput {
  @OptionalIntField(0, CAPACITY_INPUT_LIMITS.pods, 'Windows pods in all (default 0).', { default: 0 })
  windowsPods?: number;

  @OptionalIntField(0, CAPACITY_INPUT_LIMITS.pods, 'Linux pods in all (default 0).', { default: 0 })
  linuxPods?: number;

  @OptionalIntField(0, CAPACITY_INPUT_LIMITS.cpuMillicores, 'CPU request per Windows pod, millicores.', { default: 0 })
  windowsPodCpuMillicores?: number;

  @OptionalIntField(0, CAPACITY_INPUT_LIMITS.memoryMiB, 'Memory request per Windows pod, MiB.', { default: 0 })
  windowsPodMemoryMiB?: number;

  @OptionalIntField(0, CAPACITY_INPUT_LIMITS.cpuMillicores, 'CPU request per Linux pod, millicores.', { default: 0 })
  linuxPodCpuMillicores?: number;

  @OptionalIntField(0, CAPACITY_INPUT_LIMITS.memoryMiB, 'Memory request per Linux pod, MiB.', { default: 0 })
  linuxPodMemoryMiB?: number;

  @OptionalIntField(
    0,
    CAPACITY_INPUT_LIMITS.services,
    'Services whose endpoints a Windows node programs; above 100 warns (HNS port exhaustion).',
  )
  servicesPerWindowsNode?: number;

  /**
   * Kubernetes version "1.NN", for the kube-proxy DSR flags and the Windows Server release's EKS gate.
   * @example "1.31"
   */
  @IsOptional()
  @IsString()
  @MaxLength(10)
  kubernetesVersion?: string;

  /** The pods need GPUs, inference accelerators, Neuron devices, FPGAs or media accelerators: only a type carrying one can host them, the others get nodes null and bindingConstraint NO_ACCELERATORS (any kind counts: check what an accelerated type carries). Default false: such types are never ranked before a type without. */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  needsAccelerators?: boolean;
}

/**
 * A list entry given twice, named by its index as the template parameters name it (`instanceTypes[1]: "m5.large" is
 * listed twice`), instead of class-validator's "All instanceTypes's elements must be unique".
 */
function listedTwice({ property, value }: ValidationArguments): string {
  const items: unknown[] = Array.isArray(value) ? value : [];
  const index = items.findIndex((item, i) => items.indexOf(item) !== i);
  if (index < 0) return `each ${property} entry must be listed once`;
  return `${property}[${index}]: ${JSON.stringify(String(items[index]).slice(0, 64))} is listed twice`;
}

@InputType('NodeGroupSizingInput', {
  description:
    'A workload and the candidate types: the given instanceTypes, or else the whole in-memory catalog; ' +
    'region, architecture and families filter either.',
})
export class NodeGroupSizingInput {
  @IsDefined({ message: 'workload is required' })
  @IsObject()
  @ValidateNested()
  @Type(() => SizingWorkloadInput)
  workload: SizingWorkloadInput;

  /** Candidate types; default: the whole catalog. */
  @ApiPropertyOptional({ example: ['m5.large', 'm5.xlarge'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CAPACITY_INPUT_LIMITS.instanceTypes)
  @ArrayUnique({ message: listedTwice })
  @IsInstanceTypeName({ each: true })
  instanceTypes?: string[];

  /**
   * Only types offered in this region.
   * @example us-east-1
   */
  @IsOptional()
  @IsString()
  @Matches(REGION_NAME, { message: 'region must look like "us-east-1"' })
  region?: string;

  /** Only types supporting this architecture: x86_64, arm64, i386, x86_64_mac, arm64_mac. */
  @ApiPropertyOptional({ enum: ARCHITECTURES })
  @IsOptional()
  @IsIn(ARCHITECTURES)
  architecture?: string;

  /** Only these families, e.g. ["m5", "c6i"]; a family no catalog type has is refused (rule known-instance-family). */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CAPACITY_INPUT_LIMITS.families)
  @IsString({ each: true })
  @Matches(/^[a-z0-9][a-z0-9-]{0,30}$/, { each: true, message: 'family must look like "m5" or "u-6tb1"' })
  families?: string[];

  @Field(() => [IpModeEnum], { nullable: true, description: 'Modes to try (default both).' })
  @ApiPropertyOptional({ enum: ['secondary-ip', 'prefix-delegation', ...values(IpModeEnum)], isArray: true })
  @IsOptional()
  @Transform(toEnumSpelling)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique({ message: listedTwice })
  @IsIn(values(IpModeEnum), { each: true, message: `each ipModes entry must be ${MODE_SPELLINGS}` })
  ipModes?: IpMode[];

  @OptionalIntField(1, CAPACITY_INPUT_LIMITS.kubeletMaxPods, 'Kubelet --max-pods of the Windows nodes (default 110).')
  windowsKubeletMaxPods?: number;

  @OptionalIntField(
    1,
    CAPACITY_INPUT_LIMITS.kubeletMaxPods,
    'Kubelet --max-pods of the Linux nodes (default: the calculator recommendation).',
  )
  linuxKubeletMaxPods?: number;

  @OptionalIntField(
    1,
    CAPACITY_INPUT_LIMITS.sizingLimit,
    `Options kept per OS, best first (default ${DEFAULT_SIZING_LIMIT}, at most ${CAPACITY_INPUT_LIMITS.sizingLimit}).`,
    { default: DEFAULT_SIZING_LIMIT },
  )
  limit?: number;

  @Field(() => SizingRankByEnum, {
    nullable: true,
    description:
      'NODES (default): fewest nodes first. COST (needs region): lowest hourly on-demand cost of the group first, from prices the catalog has read ' +
      '(Linux: bundled us-east-1 table; Windows licence-included: only from an AWS Price List refresh); unpriced types after the priced ones.',
  })
  @ApiPropertyOptional({ enum: values(SizingRankByEnum), enumName: 'SizingRankBy', default: 'NODES' })
  @IsOptional()
  @Transform(toEnumSpelling)
  @IsIn(values(SizingRankByEnum), { message: 'rankBy must be NODES or COST' })
  rankBy?: SizingRankBy;

  @Field(() => WindowsServerVersionEnum, {
    nullable: true,
    description: 'Windows Server release of the Windows nodes (eksctl/AMI gates, container OS build).',
  })
  @ApiPropertyOptional({ enum: values(WindowsServerVersionEnum), enumName: 'WindowsServerVersion' })
  @IsOptional()
  @Transform(toEnumSpelling)
  @IsIn(values(WindowsServerVersionEnum), { message: `windowsServerVersion must be one of ${values(WindowsServerVersionEnum).join(', ')}` })
  windowsServerVersion?: WindowsServerVersion;
}

/** REST `GET /api/v1/capacity/windows-eligibility` query and the GraphQL windowsEligibilities / windowsEligibility arguments. */
@ArgsType()
export class WindowsEligibilityQuery {
  /**
   * Region: with an AWS Price List read for it, EC2's answer comes from there; else from the known list.
   * @example us-east-1
   */
  @IsOptional()
  @IsString()
  @Matches(REGION_NAME, { message: 'region must look like "us-east-1"' })
  region?: string;
}

/** REST `GET /api/v1/capacity/windows-services` query and the GraphQL windowsServicesCheck arguments. */
@ArgsType()
export class WindowsServicesQuery {
  /**
   * Services whose endpoints one Windows node programs.
   * @example 150
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(CAPACITY_INPUT_LIMITS.services)
  servicesPerNode: number;

  /**
   * Kubernetes version "1.NN", for the kube-proxy DSR flags.
   * @example "1.31"
   */
  @IsOptional()
  @IsString()
  @MaxLength(10)
  kubernetesVersion?: string;
}

/** GraphQL windowsEligibility arguments: the type and the WindowsEligibilityQuery. */
@ArgsType()
export class WindowsEligibilityArgs extends WindowsEligibilityQuery {
  /** EC2 instance type, e.g. p5.48xlarge. */
  @IsInstanceTypeName()
  instanceType: string;
}

/**
 * The instance type of a question about one type: the REST path parameter `{instanceType}` of
 * /api/v1/capacity/{instanceType}[/compare|/windows-eligibility], validated like every other input.
 */
export class InstanceTypePath {
  /**
   * EC2 instance type, e.g. m5.large.
   * @example m5.large
   */
  @IsInstanceTypeName()
  instanceType: string;
}

/** GraphQL compareModes arguments: the type and its options. */
@ArgsType()
export class CompareModesArgs {
  /** EC2 instance type, e.g. m5.large. */
  @IsInstanceTypeName()
  instanceType: string;

  @Field(() => NodeCapacityOptionsInput, { nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NodeCapacityOptionsInput)
  options?: NodeCapacityOptionsInput;
}
