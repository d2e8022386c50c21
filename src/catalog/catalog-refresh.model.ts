import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ANY_JSON_VALUE } from '../common/json-value-schema.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { toInt } from '../common/query-values.js';
import { GraphQLJSON } from 'graphql-type-json';
import { PricingStatus, RefreshStatus, type CatalogRefreshEntity } from './catalog-refresh.entity.js';
import { REGION_NAME } from '../common/aws-names.js';
import { publicRefreshError } from './core/refresh-failure.js';
import { EnumField, registerEnum, values } from '../common/graphql-enum.js';
import { CatalogSourceEnum } from './catalog-enums.js';
import type { CatalogSourceKind } from './core/catalog-read.js';

export const RefreshStatusEnum = registerEnum(RefreshStatus, { name: 'RefreshStatus' });

@ObjectType({ description: 'One field of an instance type that a refresh changed.' })
export class FieldChange {
  field: string;

  @Field(() => GraphQLJSON, { nullable: true })
  @ApiProperty({ nullable: true, oneOf: ANY_JSON_VALUE, description: 'Any JSON value' })
  oldValue: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  @ApiProperty({ nullable: true, oneOf: ANY_JSON_VALUE, description: 'Any JSON value' })
  newValue: unknown;
}

@ObjectType({ description: 'An instance type a refresh changed, and how.' })
export class TypeChange {
  name: string;

  changes: FieldChange[];
}

@ObjectType({ description: 'A catalog refresh run: its outcome, its counts and its diff.' })
export class CatalogRefresh {
  @Field(() => ID)
  @ApiProperty()
  id: string;

  @Field(() => RefreshStatusEnum)
  @ApiProperty({ enum: values(RefreshStatusEnum) })
  status: RefreshStatus;

  /** MANUAL, SCHEDULE or BUNDLED_SNAPSHOT (the first start). */
  trigger: string;

  @EnumField(CatalogSourceEnum, {
    description: 'Where the run read the catalog: EC2 (the EC2 API) or BUNDLED (the bundled table, at first start).',
  })
  source: CatalogSourceKind;

  /** Who started the run: the admin key's name (`ADMIN_API_KEY` for the configured one) or `schedule`; shown to admin callers only (key names are admin-only), null otherwise and for the first start. */
  requestedBy: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  startedAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  finishedAt: Date | null;

  /** Why the run failed: `CODE: short message`; with an admin key, the error's details follow on the next lines. */
  error: string | null;

  /** Regions asked for; null means every enabled region. */
  requestedRegions: string[] | null;

  /** Regions whose offerings the run read. */
  regions: string[];

  /** Instance types EC2 described in this run. */
  typesSeen: number;

  /** Instance types in the catalog after the run. */
  catalogSize: number | null;

  ec2Requests: number;

  addedCount: number;

  removedCount: number;

  changedCount: number;

  typesAdded: string[];

  typesRemoved: string[];

  typesChanged: TypeChange[];

  /** The AWS Price List read (Windows prices and availability): SUCCEEDED, FAILED (the previous prices stay; the catalog refresh still succeeds) or SKIPPED; null while running. */
  @ApiProperty({ enum: values(PricingStatus) })
  pricingStatus: string | null;

  /** Why the Price List read failed. */
  pricingError: string | null;

  /** Regions whose Windows products were read. */
  pricingRegions: string[];

  /** Price List GetProducts calls made. */
  pricingRequests: number;
}

/**
 * A run as clients see it. `detailed` (an admin key): the recorded error whole and who started the
 * run; otherwise the error's code and short message only (the details name SDK, driver and database
 * internals) and no `requestedBy` (it names an API key, and the key list is admin-only).
 */
export function toCatalogRefreshModel(e: CatalogRefreshEntity, detailed = false): CatalogRefresh {
  return {
    id: e.id,
    status: e.status,
    trigger: e.trigger,
    source: e.source,
    requestedBy: detailed ? e.requestedBy : null,
    startedAt: e.startedAt,
    finishedAt: e.finishedAt,
    error: detailed ? e.error : publicRefreshError(e.error),
    requestedRegions: e.requestedRegions,
    regions: e.regions ?? [],
    typesSeen: e.typesSeen,
    catalogSize: e.catalogSize,
    ec2Requests: e.ec2Requests,
    addedCount: e.typesAdded.length,
    removedCount: e.typesRemoved.length,
    changedCount: e.typesChanged.length,
    typesAdded: e.typesAdded,
    typesRemoved: e.typesRemoved,
    typesChanged: e.typesChanged,
    pricingStatus: e.pricingStatus ?? null,
    pricingError: e.pricingError ?? null,
    pricingRegions: e.pricingRegions ?? [],
    pricingRequests: e.pricingRequests ?? 0,
  };
}

/** The most refresh runs one page lists. */
export const MAX_REFRESHES_PAGE = 200;

/**
 * The page of refresh runs; one class for the GraphQL args and the REST query, so both doors refuse
 * the same `first` with the same violation.
 */
@ArgsType()
export class CatalogRefreshesArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'Runs to return, newest first (default 20, at most 200).' })
  @ApiPropertyOptional({ default: 20, description: 'Runs to return, newest first (default 20, at most 200).' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_REFRESHES_PAGE)
  first?: number;
}

/** What a refresh request may say; one class for the GraphQL args and the REST body. */
@ArgsType()
export class RefreshCatalogArgs {
  /** Regions to read offerings from; default every enabled region. */
  @ApiPropertyOptional({ example: ['us-east-1', 'eu-west-1'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(64)
  @IsString({ each: true })
  @Matches(REGION_NAME, { each: true, message: 'each region must look like "us-east-1"' })
  regions?: string[];

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Wait for the run to finish (default), or return it RUNNING.' })
  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  wait?: boolean;
}
