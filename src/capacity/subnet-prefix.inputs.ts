import { NeverRemembered } from '../common/validation-pipe.js';
import { InputType } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { toInt } from '../common/query-values.js';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { SUBNET_PREFIX_LIMITS } from './core/index.js';
import { CAPACITY_INPUT_LIMITS } from './capacity.inputs.js';
import { IsInstanceTypeName } from '../common/instance-type-name.js';

/** A subnet and what the aws CLI prints of its allocations: the fields every input of a pasted subnet shares. */
@InputType({ isAbstract: true })
export abstract class PastedSubnetAllocation {
  /**
   * The subnet, /16 to /28, e.g. "10.0.32.0/20".
   * @example 10.0.32.0/20
   */
  @IsString()
  @MaxLength(32)
  subnetCidr: string;

  /** `aws ec2 get-subnet-cidr-reservations` output (JSON with SubnetIpv4CidrReservations). */
  @IsOptional()
  @IsString()
  @MaxLength(SUBNET_PREFIX_LIMITS.documentBytes)
  cidrReservationsJson?: string;

  /** `aws ec2 describe-network-interfaces` output (JSON with NetworkInterfaces: PrivateIpAddresses, Ipv4Prefixes). */
  @IsOptional()
  @IsString()
  @MaxLength(SUBNET_PREFIX_LIMITS.documentBytes)
  networkInterfacesJson?: string;
}

/**
 * One class for GraphQL `subnetPrefixAvailability(input)`, the REST body of
 * `POST /api/v1/capacity/subnet-prefixes` and its `GET` query (for an `<img src>` of the SVG).
 * The pasted documents are what the aws CLI prints; nothing of them is logged or kept.
 */
@InputType('SubnetPrefixAvailabilityInput', {
  description:
    'A subnet and its real allocations: `aws ec2 get-subnet-cidr-reservations --subnet-id S` and ' +
    '`aws ec2 describe-network-interfaces --filters Name=subnet-id,Values=S` output (JSON, as printed). ' +
    'With instanceType: how many more Windows prefix-delegation nodes fit (podsPerNode, nodeCount, kubeletMaxPods and ' +
    'the warm targets need it: without it they are VALIDATION_FAILED / BAD_USER_INPUT, rule needs-instance-type).',
})
@NeverRemembered()
export class SubnetPrefixAvailabilityInput extends PastedSubnetAllocation {
  /**
   * Windows node type to plan for, e.g. m5.large.
   * @example m5.large
   */
  @IsOptional()
  @IsInstanceTypeName()
  instanceType?: string;

  /** Pods per new node (default: the most the type schedules in prefix-delegation mode). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  podsPerNode?: number;

  /** New nodes wanted; when they do not fit, the remedy says what to reserve or create. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(SUBNET_PREFIX_LIMITS.nodes)
  nodeCount?: number;

  /** Kubelet --max-pods of the new nodes (Windows default 110). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  kubeletMaxPods?: number;

  /** The amazon-vpc-cni ConfigMap's warm-ip-target (the controller's default under prefix delegation: 1). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(CAPACITY_INPUT_LIMITS.warmTarget)
  warmIpTarget?: number;

  /** Its minimum-ip-target (default 3). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(CAPACITY_INPUT_LIMITS.warmTarget)
  minimumIpTarget?: number;

  /** Its warm-prefix-target (read only when neither IP target is set). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(CAPACITY_INPUT_LIMITS.warmTarget)
  warmPrefixTarget?: number;
}

export const SUBNET_PREFIX_FORMATS = ['json', 'svg'] as const;

/** `?format=svg` draws the blocks instead of answering JSON (REST only). */
export class SubnetPrefixFormatQuery {
  @ApiPropertyOptional({
    enum: SUBNET_PREFIX_FORMATS,
    default: 'json',
    description: '`svg`: an image/svg+xml drawing of the /28 blocks with a legend.',
  })
  @IsOptional()
  @IsIn(SUBNET_PREFIX_FORMATS)
  format?: (typeof SUBNET_PREFIX_FORMATS)[number];
}

/** The GET form: the input's fields and the format, all in the query string. */
@NeverRemembered()
export class SubnetPrefixAvailabilityQuery extends SubnetPrefixAvailabilityInput {
  @ApiPropertyOptional({ enum: SUBNET_PREFIX_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(SUBNET_PREFIX_FORMATS)
  format?: (typeof SUBNET_PREFIX_FORMATS)[number];
}
