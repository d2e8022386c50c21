import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IntField, OptionalIntField } from '../common/int-field.js';
import { NeverRemembered } from '../common/validation-pipe.js';
import type { NodeOs, WindowsServerVersion } from '../capacity/core/index.js';
import type {
  ClusterPlatform,
  CniNeeds,
  CniNodeGroupInput,
  CniRecommendationInput,
  IpFamily,
  NodeProvisioner,
  SubnetAllocationFacts,
} from './core/index.js';
import { MAX_SUBNET_ALLOCATIONS } from './core/index.js';
import { PastedSubnetAllocation } from '../capacity/subnet-prefix.inputs.js';
import { NodeOsEnum, toEnumSpelling, WindowsServerVersionEnum } from '../capacity/capacity-enums.js';
import { ClusterPlatformEnum, IpFamilyEnum, NodeProvisionerEnum, values } from './cni-enums.js';
import { IsInstanceTypeName } from '../common/instance-type-name.js';

/**
 * One class per level serves the GraphQL input and the REST body. The decorators check shape and
 * bounds (so hostile input stays cheap); the core checks meaning (version format, CIDRs, known
 * instance types, unique names) and names the field it rejects.
 */

/** Bounds. Generous for real clusters, small enough that one request stays cheap. */
export const CNI_INPUT_LIMITS = {
  nodeGroups: 50,
  subnetCidrsPerGroup: 16,
  nodesPerGroup: 10_000,
  pods: 1_000_000,
  servicesPerWindowsNode: 100_000,
  podChurnPer30s: 100_000,
} as const;

@InputType('CniNeedsInput', { description: 'What the workloads need from the network. Every field defaults to false.' })
export class CniNeedsInput implements CniNeeds {
  /** NetworkPolicy enforced on Windows pods. */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  networkPolicyOnWindows?: boolean;

  /** NetworkPolicy enforced on Linux pods. */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  networkPolicyOnLinux?: boolean;

  /** Security groups for pods (Linux nodes only). */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  securityGroupsForPods?: boolean;

  /** ALB/NLB `target-type: ip` (pods need VPC IPs). */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  albIpTargets?: boolean;

  /** Pods serving admission webhooks / metrics-server (the control plane must reach them). */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  webhooksOnPods?: boolean;

  /** Services with `externalTrafficPolicy: Local` backed by Windows pods (needs DSR). */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  externalTrafficPolicyLocal?: boolean;
}

@InputType('CniNodeGroupInput', { description: 'A planned node group.' })
export class CniNodeGroupInputDto implements CniNodeGroupInput {
  /**
   * Unique within the request.
   * @example windows
   */
  @IsString()
  @MaxLength(63)
  name: string;

  @Field(() => NodeOsEnum)
  @ApiProperty({ enum: values(NodeOsEnum), enumName: 'NodeOs', example: 'WINDOWS' })
  @Transform(toEnumSpelling)
  @IsIn(values(NodeOsEnum))
  os: NodeOs;

  /**
   * EC2 instance type from the catalog, e.g. m5.large.
   * @example m5.large
   */
  @IsInstanceTypeName()
  instanceType: string;

  @IntField(0, CNI_INPUT_LIMITS.nodesPerGroup, `Nodes planned (0 to ${CNI_INPUT_LIMITS.nodesPerGroup}).`, { example: 3 })
  nodes: number;

  /**
   * IPv4 subnets (/16 to /28) the nodes and, with the VPC CNI, their pods draw from. Groups that list the same subnet are
   * checked together (subnet.sharedWith); two different CIDRs that overlap, in one group or across groups, are refused.
   */
  @ApiProperty({ example: ['10.0.0.0/24'] })
  @IsArray()
  @ArrayMaxSize(CNI_INPUT_LIMITS.subnetCidrsPerGroup)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  subnetCidrs: string[];

  @Field(() => WindowsServerVersionEnum, {
    nullable: true,
    description: 'Windows groups: the Windows Server release (eksctl/AMI gates, container OS build, Calico support for NetworkPolicy).',
  })
  @ApiPropertyOptional({ enum: values(WindowsServerVersionEnum), enumName: 'WindowsServerVersion' })
  @IsOptional()
  @Transform(toEnumSpelling)
  @IsIn(values(WindowsServerVersionEnum))
  windowsServerVersion?: WindowsServerVersion;

  @OptionalIntField(
    0,
    CNI_INPUT_LIMITS.podChurnPer30s,
    'Windows groups: pods replaced per 30 s on a node; released IPs cool down 30 s before reuse.',
  )
  podChurnPer30s?: number;
}

@InputType('CniSubnetAllocationInput', {
  description:
    'One subnet as it really is: aws ec2 get-subnet-cidr-reservations and describe-network-interfaces output (JSON, as printed).',
})
export class CniSubnetAllocationInput extends PastedSubnetAllocation implements SubnetAllocationFacts {}

// Pasted subnet allocations (aws CLI output) are not kept; other inputs keep the pipe's cache.
@NeverRemembered((value) => value.subnetAllocations !== undefined && value.subnetAllocations !== null)
@InputType('CniRecommendationInput', { description: 'The cluster to recommend a CNI for.' })
export class CniRecommendationInputDto implements CniRecommendationInput {
  /**
   * Kubernetes version `1.NN`, e.g. "1.31".
   * @example "1.31"
   */
  @IsString()
  @MaxLength(10)
  kubernetesVersion: string;

  @Field(() => IpFamilyEnum, { nullable: true, description: 'Default IPV4.' })
  @ApiPropertyOptional({ enum: values(IpFamilyEnum), enumName: 'IpFamily', default: 'IPV4' })
  @IsOptional()
  @Transform(toEnumSpelling)
  @IsIn(values(IpFamilyEnum))
  ipFamily?: IpFamily;

  @Field(() => ClusterPlatformEnum, { nullable: true, description: 'Default EC2.' })
  @ApiPropertyOptional({ enum: values(ClusterPlatformEnum), enumName: 'ClusterPlatform', default: 'EC2' })
  @IsOptional()
  @Transform(toEnumSpelling)
  @IsIn(values(ClusterPlatformEnum))
  platform?: ClusterPlatform;

  @Field(() => [CniNodeGroupInputDto], { description: `At least one, at most ${CNI_INPUT_LIMITS.nodeGroups}.` })
  @ApiProperty({ type: [CniNodeGroupInputDto] })
  @IsArray()
  @ArrayMaxSize(CNI_INPUT_LIMITS.nodeGroups)
  @ValidateNested({ each: true })
  @Type(() => CniNodeGroupInputDto)
  nodeGroups: CniNodeGroupInputDto[];

  @IntField(0, CNI_INPUT_LIMITS.pods, 'Pods (taking a pod IP) on the Windows node groups, spread by node count.', { example: 90 })
  windowsPods: number;

  @IntField(0, CNI_INPUT_LIMITS.pods, 'Pods (taking a pod IP) on the Linux node groups, spread by node count.', { example: 20 })
  linuxPods: number;

  @OptionalIntField(0, CNI_INPUT_LIMITS.servicesPerWindowsNode, 'Services a Windows node programs (default 0); above 100 needs DSR.', {
    default: 0,
  })
  servicesPerWindowsNode?: number;

  /** The subnets are fragmented: few free aligned /28 blocks. Default false. */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  subnetsFragmented?: boolean;

  @Field(() => [CniSubnetAllocationInput], {
    nullable: true,
    description:
      "The subnets' real allocations, in place of subnetsFragmented: fragmented when their free aligned /28 blocks cannot hold the Windows " +
      'prefix-delegation demand (per node ceil(max(pods + 1, 3) / 16) prefixes with the default warm pool, and the block its /32 may spoil). subnetsFragmented, when given, wins.',
  })
  @ApiPropertyOptional({ type: [CniSubnetAllocationInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SUBNET_ALLOCATIONS)
  @ValidateNested({ each: true })
  @Type(() => CniSubnetAllocationInput)
  subnetAllocations?: CniSubnetAllocationInput[];

  /** Accept a CNI AWS does not support (vendor support instead). Default false. */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  acceptUnsupportedCni?: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => CniNeedsInput)
  needs?: CniNeedsInput;

  @Field(() => NodeProvisionerEnum, {
    nullable: true,
    description: 'What creates the Windows nodes (default EKSCTL); the settings name its templates.',
  })
  @ApiPropertyOptional({ enum: values(NodeProvisionerEnum), enumName: 'NodeProvisioner', default: 'EKSCTL' })
  @IsOptional()
  @Transform(toEnumSpelling)
  @IsIn(values(NodeProvisionerEnum))
  provisioner?: NodeProvisioner;
  @Field(() => String, {
    nullable: true,
    description:
      "The cluster's Service CIDR (kubernetesNetworkConfig.serviceIpv4Cidr). Windows nodes derive a default from their subnet " +
      "(10.0.0.0/8 -> 172.20.0.0/16, else 10.100.0.0/16); when it differs, the settings say where the group's provisioner takes " +
      "the cluster's (eksctl's own bootstrap call passes it; a call of your own needs -ServiceCIDR and -DNSClusterIP).",
  })
  @ApiPropertyOptional({ example: '172.20.0.0/16' })
  @IsOptional()
  @IsString()
  @MaxLength(18)
  serviceIpv4Cidr?: string;
}
