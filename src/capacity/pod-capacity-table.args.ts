import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { InstanceTypeFilterInput, toList } from '../catalog/instance-types.args.js';
import type { IpMode, NodeOs } from './core/index.js';
import { IpModeEnum, NodeOsEnum, toEnumSpelling, values } from './capacity-enums.js';

const OS_LIST = 'WINDOWS, LINUX (REST also windows, linux; comma-separated)';
const MODE_LIST = 'SECONDARY_IP, PREFIX_DELEGATION (REST also secondary-ip, prefix-delegation; comma-separated)';
/** A comma-separated REST list or a GraphQL array, each entry in the enum spelling. */
const toEnumList = ({ value }: { value: unknown }) => toEnumSpelling({ value: toList({ value }) });

export const TABLE_FORMATS = ['json', 'csv'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];
export const TABLE_INCLUDES = ['formula'] as const;
export type TableInclude = (typeof TABLE_INCLUDES)[number];

/** GraphQL `podCapacityTable(filter, os, ipModes)`. */
@ArgsType()
export class PodCapacityTableArgs {
  /** The instanceTypes filters; default the whole catalog. */
  @IsOptional()
  @ValidateNested()
  @Type(() => InstanceTypeFilterInput)
  filter?: InstanceTypeFilterInput;

  @Field(() => [NodeOsEnum], { nullable: true, description: 'Operating systems (default both).' })
  @IsOptional()
  @Transform(toEnumList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsIn(values(NodeOsEnum), { each: true, message: `each os must be ${OS_LIST}` })
  os?: NodeOs[];

  @Field(() => [IpModeEnum], { nullable: true, description: 'IP modes (default both).' })
  @IsOptional()
  @Transform(toEnumList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsIn(values(IpModeEnum), { each: true, message: `each ipMode must be ${MODE_LIST}` })
  ipModes?: IpMode[];
}

/**
 * REST `GET /api/v1/capacity` query: the `GET /api/v1/instance-types` filters (the same class),
 * the operating systems and modes, and the format (`Accept: text/csv` works too).
 */
export class PodCapacityTableQuery extends InstanceTypeFilterInput {
  @ApiPropertyOptional({ type: [String], enum: ['windows', 'linux', ...values(NodeOsEnum)], description: `Default both: ${OS_LIST}` })
  @IsOptional()
  @Transform(toEnumList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsIn(values(NodeOsEnum), { each: true, message: `each os must be ${OS_LIST}` })
  os?: NodeOs[];

  @ApiPropertyOptional({
    type: [String],
    enum: ['secondary-ip', 'prefix-delegation', ...values(IpModeEnum)],
    description: `Default both: ${MODE_LIST}`,
  })
  @IsOptional()
  @Transform(toEnumList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsIn(values(IpModeEnum), { each: true, message: `each ipMode must be ${MODE_LIST}` })
  ipMode?: IpMode[];

  @ApiPropertyOptional({ enum: TABLE_FORMATS, description: 'json (default) or csv; without it, `Accept: text/csv` asks for CSV.' })
  @IsOptional()
  @IsIn(TABLE_FORMATS, { message: 'format must be json or csv' })
  format?: TableFormat;

  @ApiPropertyOptional({
    enum: TABLE_INCLUDES,
    description: 'formula: add each row\'s formula steps (JSON array; CSV column joined by "; ").',
  })
  @IsOptional()
  @IsIn(TABLE_INCLUDES, { message: 'include must be formula' })
  include?: TableInclude;
}
