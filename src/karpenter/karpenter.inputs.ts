import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { IpMode, WindowsServerVersion } from '../capacity/core/index.js';
import { IpModeEnum, toEnumSpelling, values, WindowsServerVersionEnum } from '../capacity/capacity-enums.js';
import { IntField, OptionalIntField } from '../common/int-field.js';
import { KARPENTER_PLAN_LIMITS, type KarpenterWindowsPlanInput, type KarpenterWindowsPods } from './core/index.js';
import { IsInstanceTypeName } from '../common/instance-type-name.js';

/**
 * One class per level serves the GraphQL input and the REST body. The decorators bound shape and size;
 * toKarpenterWindowsRequest (karpenter-input.resolution.ts) checks meaning (known types and families,
 * the Windows Server release for the Kubernetes version, CIDRs) and names the field it rejects.
 */
export const KARPENTER_INPUT_LIMITS = {
  pods: 1_000_000,
  cpuMillicores: 1_000_000,
  memoryMiB: 100_000_000,
  services: 100_000,
  kubeletMaxPods: 100_000,
} as const;

@InputType('KarpenterWindowsPodsInput', { description: 'The Windows workload: how many pods and what each requests.' })
export class KarpenterWindowsPodsInput implements KarpenterWindowsPods {
  @IntField(0, KARPENTER_INPUT_LIMITS.pods, 'Windows pods in all.', { example: 100 })
  count: number;

  @IntField(0, KARPENTER_INPUT_LIMITS.cpuMillicores, 'CPU request per pod, millicores (0: none).', { example: 100 })
  cpuMillicores: number;

  @IntField(0, KARPENTER_INPUT_LIMITS.memoryMiB, 'Memory request per pod, MiB (0: none).', { example: 256 })
  memoryMiB: number;
}

@InputType('KarpenterWindowsPlanInput', {
  description: 'A Windows NodePool to plan: the cluster, the types Karpenter may choose, the workload.',
})
export class KarpenterWindowsPlanInputDto implements KarpenterWindowsPlanInput {
  /**
   * EKS cluster name.
   * @example shop
   */
  @IsString()
  @MaxLength(100)
  clusterName: string;

  /**
   * Kubernetes version `1.NN`.
   * @example 1.33
   */
  @IsString()
  @MaxLength(10)
  kubernetesVersion: string;

  @Field(() => WindowsServerVersionEnum, { description: 'WINDOWS_SERVER_2022 needs EKS >= 1.23, WINDOWS_SERVER_2025 EKS >= 1.35.' })
  @ApiProperty({ enum: values(WindowsServerVersionEnum), enumName: 'WindowsServerVersion', example: 'WINDOWS_SERVER_2022' })
  @Transform(toEnumSpelling)
  @IsIn(values(WindowsServerVersionEnum))
  windowsServerVersion: WindowsServerVersion;

  @Field(() => IpModeEnum, { description: 'The Windows IP mode the VPC Resource Controller runs (amazon-vpc-cni ConfigMap).' })
  @ApiProperty({ enum: ['secondary-ip', 'prefix-delegation', ...values(IpModeEnum)], example: 'PREFIX_DELEGATION' })
  @Transform(toEnumSpelling)
  @IsIn(values(IpModeEnum), { message: 'ipMode must be SECONDARY_IP or PREFIX_DELEGATION (REST also secondary-ip, prefix-delegation)' })
  ipMode: IpMode;

  /** Instance types the NodePool allows (give these, instanceFamilies, or both). */
  @ApiPropertyOptional({ example: ['m5.large'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(KARPENTER_PLAN_LIMITS.instanceTypes)
  @IsInstanceTypeName({ each: true })
  instanceTypes?: string[];

  /** Instance families the NodePool allows, e.g. m5 (each expands to its catalog types). */
  @ApiPropertyOptional({ example: ['m5'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(KARPENTER_PLAN_LIMITS.families)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  instanceFamilies?: string[];

  @IsDefined({ message: 'windowsPods is required' })
  @IsObject()
  @ValidateNested()
  @Type(() => KarpenterWindowsPodsInput)
  windowsPods: KarpenterWindowsPodsInput;

  @OptionalIntField(0, KARPENTER_INPUT_LIMITS.services, 'Services a Windows node programs (default 0); above 100 needs DSR.', {
    default: 0,
  })
  servicesPerNode?: number;

  /**
   * The cluster Service CIDR (a /12 to /24 block), e.g. 172.20.0.0/16.
   * @example 172.20.0.0/16
   */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  serviceIpv4Cidr?: string;

  /** Destinations Windows pods reach without SNAT. */
  @ApiPropertyOptional({ example: ['10.0.0.0/8'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(KARPENTER_PLAN_LIMITS.excludedSnatCidrs)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  excludedSnatCidrs?: string[];

  @OptionalIntField(1, KARPENTER_INPUT_LIMITS.kubeletMaxPods, 'EC2NodeClass spec.kubelet.maxPods (default: unset, Karpenter plans 110).')
  kubeletMaxPods?: number;
}
