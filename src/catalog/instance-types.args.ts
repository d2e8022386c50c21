import { ArgsType, InputType, ObjectType } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ArrayMaxSize, ValidateNested } from 'class-validator';
import { InstanceType } from './instance-type.model.js';
import { REGION_NAME } from '../common/aws-names.js';
import { IsInstanceTypeName } from '../common/instance-type-name.js';
import { toBool, toInt } from '../common/query-values.js';

/** Query strings carry lists comma-separated (`m5,c6i`); GraphQL sends arrays, left as they are. */
export const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : value;

export const ARCHITECTURES = ['x86_64', 'arm64', 'i386', 'x86_64_mac', 'arm64_mac'] as const;
export const HYPERVISORS = ['nitro', 'xen'] as const;

/**
 * Catalog filters. One class serves the GraphQL `filter` input and the REST query string.
 */
@InputType('InstanceTypeFilter')
export class InstanceTypeFilterInput {
  /** Families, e.g. ["m5", "c6i"]; REST takes them comma-separated (family=m5,c6i). */
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(/^[a-z0-9][a-z0-9-]{0,30}$/, { each: true, message: 'family must look like "m5" or "u-6tb1"' })
  family?: string[];

  /** `nitro` or `xen`. */
  @ApiPropertyOptional({ enum: HYPERVISORS })
  @IsOptional()
  @IsIn(HYPERVISORS)
  hypervisor?: string;

  /** Nitro hypervisor or bare metal. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  nitro?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  bareMetal?: boolean;

  /** x86_64, arm64, i386, x86_64_mac or arm64_mac. */
  @ApiPropertyOptional({ enum: ARCHITECTURES })
  @IsOptional()
  @IsIn(ARCHITECTURES)
  architecture?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  currentGeneration?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100_000)
  minVcpus?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100_000)
  maxVcpus?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  minMemoryMiB?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  maxMemoryMiB?: number;

  /**
   * Only types offered in this region.
   * @example us-east-1
   */
  @IsOptional()
  @IsString()
  @Matches(REGION_NAME, { message: 'region must look like "us-east-1"' })
  region?: string;
}

@ArgsType()
export class InstanceTypesArgs {
  @IsOptional()
  @ValidateNested()
  @Type(() => InstanceTypeFilterInput)
  filter?: InstanceTypeFilterInput;

  /** Page size (default 50, at most MAX_PAGE_SIZE: 500 unless configured). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  first?: number;

  /** Cursor from a previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;
}

/** One instance type by name: GraphQL `instanceType(name)` and the REST path `/api/v1/instance-types/{name}`. */
@ArgsType()
export class InstanceTypeNameArgs {
  /**
   * EC2 instance type, e.g. m5.large.
   * @example m5.large
   */
  @IsInstanceTypeName()
  name: string;
}

/** REST query string: the filters and the paging in one flat class. */
export class InstanceTypesQuery extends InstanceTypeFilterInput {
  @ApiPropertyOptional({ description: 'Page size (default 50, at most MAX_PAGE_SIZE: 500 unless configured).' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  first?: number;

  @ApiPropertyOptional({ description: 'Cursor from a previous page (pageInfo.endCursor).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;
}

@ObjectType()
export class PageInfo {
  hasNextPage: boolean;

  endCursor: string | null;
}

@ObjectType()
export class InstanceTypeEdge {
  cursor: string;

  node: InstanceType;
}

@ObjectType()
export class InstanceTypeConnection {
  /** Types matching the filter, over all pages. */
  totalCount: number;

  edges: InstanceTypeEdge[];

  /** The page's types, without cursors. */
  nodes: InstanceType[];

  pageInfo: PageInfo;
}
