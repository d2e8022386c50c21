import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/api-error-responses.js';
import { NoQueryParameters } from '../common/no-query.js';
import {
  InstanceTypePath,
  NodeCapacityOptionsInput,
  NodeCapacityQuery,
  NodeGroupSizingInput,
  SubnetUsageInput,
  WindowsEligibilityQuery,
  WindowsServicesQuery,
} from './capacity.inputs.js';
import type { FastifyReply } from 'fastify';
import {
  ModeComparison,
  NodeCapacity,
  NodeGroupSizing,
  SubnetUsage,
  WindowsEligibility,
  WindowsEligibilityList,
  WindowsServicesCheck,
} from './capacity.models.js';
import { CapacityService } from './capacity.service.js';
import { SubnetPrefixAvailabilityInput, SubnetPrefixAvailabilityQuery, SubnetPrefixFormatQuery } from './subnet-prefix.inputs.js';
import { SubnetPrefixAvailability } from './subnet-prefix.models.js';

const BAD_INPUT = {
  status: 400,
  description: 'VALIDATION_FAILED naming the field (negative or absurd numbers, wrong types, unknown fields, bad CIDRs or versions).',
};
const UNKNOWN_TYPE = { status: 404, description: 'INSTANCE_TYPE_NOT_FOUND, with suggestions from the same family' };

/** The subnet /28 map's answer, by either door: JSON, or the drawing with ?format=svg. */
const SUBNET_MAP_RESPONSE = {
  status: 200,
  description: 'JSON; with ?format=svg an image/svg+xml drawing',
  content: {
    'application/json': { schema: { $ref: getSchemaPath(SubnetPrefixAvailability) } },
    'image/svg+xml': { schema: { type: 'string' } },
  },
};

/** The capacity questions over REST: the same service and classes as GraphQL; reads only, no key. */
@ApiTags('capacity')
@ApiExtraModels(SubnetPrefixAvailability)
@Controller('api/v1/capacity')
export class CapacityController {
  constructor(private readonly capacity: CapacityService) {}

  // Declared before ':instanceType' so the literal path wins.
  @Get('windows-services')
  @ApiOperation({
    operationId: 'checkWindowsServices',
    summary: 'Services per Windows node: the HNS port-exhaustion warning above 100 and the kube-proxy DSR flags',
  })
  @ApiOkResponse({ type: WindowsServicesCheck })
  @ApiErrorResponses(BAD_INPUT)
  windowsServices(@Query() query: WindowsServicesQuery): WindowsServicesCheck {
    return this.capacity.windowsServicesCheck(query);
  }

  @Get('windows-eligibility')
  @ApiOperation({
    operationId: 'listWindowsEligibility',
    summary: 'Windows eligibility of every instance type, with the reasons (same as GraphQL windowsEligibilities)',
  })
  @ApiOkResponse({ type: WindowsEligibilityList })
  @ApiErrorResponses(BAD_INPUT)
  windowsEligibilities(@Query() query: WindowsEligibilityQuery): WindowsEligibilityList {
    return this.capacity.windowsEligibilities(query);
  }

  // POST because the input is a nested document; it is a read (200, no key, nothing stored).
  @Post('subnet-usage')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'computeSubnetUsage',
    summary: 'Subnet addresses a node group takes with its warm pool, and whether it fits (same as GraphQL subnetUsage)',
  })
  @ApiBody({ type: SubnetUsageInput })
  @ApiOkResponse({ type: SubnetUsage })
  @ApiErrorResponses(BAD_INPUT, UNKNOWN_TYPE)
  subnetUsage(@Body() body: SubnetUsageInput, @Query() _query: NoQueryParameters): SubnetUsage {
    return this.capacity.subnetUsage(body);
  }

  @Post('subnet-prefixes')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'computeSubnetPrefixAvailability',
    summary:
      "A subnet's real /28 blocks from pasted aws CLI output, and the Windows PD nodes that fit (same as GraphQL subnetPrefixAvailability)",
    description: '?format=svg answers image/svg+xml: the blocks drawn (free, used, reserved, spoiled) with a legend.',
  })
  @ApiBody({ type: SubnetPrefixAvailabilityInput })
  @ApiResponse(SUBNET_MAP_RESPONSE)
  @ApiErrorResponses(
    { status: 400, description: `${BAD_INPUT.description} Malformed JSON names line and column; a bad entry its JSON path.` },
    UNKNOWN_TYPE,
  )
  subnetPrefixes(
    @Body() body: SubnetPrefixAvailabilityInput,
    @Query() query: SubnetPrefixFormatQuery,
    @Res({ passthrough: true }) res: FastifyReply,
  ): SubnetPrefixAvailability | string {
    return this.subnetMap(body, query.format, res);
  }

  @Get('subnet-prefixes')
  @ApiOperation({
    operationId: 'getSubnetPrefixAvailability',
    summary: 'The same as POST, with the fields in the query string: embeddable as <img src> with ?format=svg',
  })
  @ApiResponse(SUBNET_MAP_RESPONSE)
  @ApiErrorResponses(BAD_INPUT, UNKNOWN_TYPE)
  subnetPrefixesByQuery(
    @Query() query: SubnetPrefixAvailabilityQuery,
    @Res({ passthrough: true }) res: FastifyReply,
  ): SubnetPrefixAvailability | string {
    const { format, ...input } = query;
    return this.subnetMap(input, format, res);
  }

  /** The /28 map as JSON, or drawn as SVG with ?format=svg. */
  private subnetMap(
    input: SubnetPrefixAvailabilityInput,
    format: string | undefined,
    res: FastifyReply,
  ): SubnetPrefixAvailability | string {
    if (format !== 'svg') return this.capacity.subnetPrefixAvailability(input);
    // The media type only once the drawing exists: an error must still leave as JSON.
    const svg = this.capacity.subnetPrefixSvg(input);
    res.type('image/svg+xml; charset=utf-8');
    return svg;
  }

  @Post('sizing')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'sizeNodeGroups',
    summary:
      'Rank instance types and IP modes for a workload: nodes needed, binding constraint, subnet IPs (same as GraphQL sizeNodeGroups)',
  })
  @ApiBody({ type: NodeGroupSizingInput })
  @ApiOkResponse({ type: NodeGroupSizing })
  @ApiErrorResponses(BAD_INPUT, { status: 404, description: 'INSTANCE_TYPE_NOT_FOUND (a listed instance type)' })
  sizing(@Body() body: NodeGroupSizingInput, @Query() _query: NoQueryParameters, @Res({ passthrough: true }) res: FastifyReply): string {
    // The same input gets the same (kept) answer: its JSON is made once, not per request.
    res.type('application/json');
    return this.capacity.sizeNodeGroupsJson(body);
  }

  @Get(':instanceType/windows-eligibility')
  @ApiOperation({
    operationId: 'getWindowsEligibility',
    summary: 'Whether one instance type can be a Windows node, and why not (same as GraphQL windowsEligibility)',
  })
  @ApiOkResponse({ type: WindowsEligibility })
  @ApiErrorResponses(BAD_INPUT, UNKNOWN_TYPE)
  windowsEligibility(@Param() path: InstanceTypePath, @Query() query: WindowsEligibilityQuery): WindowsEligibility {
    return this.capacity.windowsEligibility(path.instanceType, query);
  }

  @Get(':instanceType/compare')
  @ApiOperation({
    operationId: 'compareModes',
    summary: 'One instance type: Windows and Linux, each in secondary-IP and prefix-delegation mode',
  })
  @ApiOkResponse({ type: ModeComparison })
  @ApiErrorResponses(BAD_INPUT, UNKNOWN_TYPE)
  compare(@Param() path: InstanceTypePath, @Query() query: NodeCapacityOptionsInput): ModeComparison {
    return this.capacity.compareModes(path.instanceType, query);
  }

  @Get(':instanceType')
  @ApiOperation({
    operationId: 'getNodeCapacity',
    summary: 'Pods per node for an instance type, OS and IP mode, with the formula (same as GraphQL nodeCapacity)',
    description: 'os: windows | linux; ipMode: secondary-ip | prefix-delegation (the enum spellings WINDOWS, PREFIX_DELEGATION also work).',
  })
  @ApiOkResponse({ type: NodeCapacity })
  @ApiErrorResponses(BAD_INPUT, UNKNOWN_TYPE)
  nodeCapacity(@Param() path: InstanceTypePath, @Query() query: NodeCapacityQuery): NodeCapacity {
    return this.capacity.nodeCapacity({ ...query, instanceType: path.instanceType });
  }
}
