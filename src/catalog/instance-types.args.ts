import { ArgsType, InputType, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ArrayMaxSize, ValidateNested } from 'class-validator';
import { InstanceType } from './instance-type.model.js';
import { REGION_NAME } from '../common/aws-names.js';
import { IsInstanceTypeName } from '../common/instance-type-name.js';
import { toBool, toInt } from '../common/query-values.js';
import { EnumField } from '../common/graphql-enum.js';
import { CatalogSourceEnum } from './catalog-enums.js';
import type { CatalogSourceKind } from './core/catalog-read.js';

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

@ObjectType({
  description:
    "How current the availability of the region filtered on is: a refresh replaces only the offerings of the regions it reads, so a region it did not read (one failed or left out of CATALOG_REFRESH_REGIONS) keeps an earlier run's.",
})
export class RegionAvailability {
  region: string;

  /** When the last successful refresh run that read this region's offerings finished; null when no run on record read them. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  offeringsReadAt: Date | null;

  /** That run's id (GET /api/v1/catalog/refreshes/{id}). */
  readByRefreshId: string | null;

  @EnumField(CatalogSourceEnum, { nullable: true, description: 'Where that run read them: the EC2 API, or the bundled table.' })
  readFrom: CatalogSourceKind | null;

  /** When the last successful refresh finished. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastRefreshAt: Date | null;

  /** True when the region's offerings are older than the last successful refresh, which did not read it. */
  stale: boolean;

  /** Says so when stale, naming both runs; null when fresh. */
  message: string | null;
}

@ObjectType()
export class InstanceTypeConnection {
  /** Types matching the filter, over all pages. */
  totalCount: number;

  edges: InstanceTypeEdge[];

  /** The page's types, without cursors. */
  nodes: InstanceType[];

  pageInfo: PageInfo;

  /** With a region filter: when that region's offerings were last read, and whether the last refresh left them out; else null. */
  regionAvailability: RegionAvailability | null;
}
