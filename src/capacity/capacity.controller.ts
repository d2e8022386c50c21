import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  NodeCapacityOptionsInput,
  NodeCapacityQuery,
  NodeGroupSizingInput,
  SubnetUsageInput,
  WindowsEligibilityQuery,
  WindowsServicesQuery,
} from './capacity.inputs.js';
import type { FastifyReply } from 'fastify';
import { jsonOf } from '../common/json-body.js';
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

const BAD_INPUT = 'VALIDATION_FAILED naming the field (negative or absurd numbers, wrong types, unknown fields, bad CIDRs or versions).';

/** The capacity questions over REST: the same service and classes as GraphQL; reads only, no key. */
@ApiTags('capacity')
@Controller('api/v1/capacity')
export class CapacityController {
  constructor(private readonly capacity: CapacityService) {}

  // Declared before ':instanceType' so the literal path wins.
  @Get('windows-services')
  @ApiOperation({ summary: 'Services per Windows node: the HNS port-exhaustion warning above 100 and the kube-proxy DSR flags' })
  @ApiOkResponse({ type: WindowsServicesCheck })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  windowsServices(@Query() query: WindowsServicesQuery): WindowsServicesCheck {
    return this.capacity.windowsServicesCheck(query);
  }

  @Get('windows-eligibility')
  @ApiOperation({ summary: 'Windows eligibility of every instance type, with the reasons (same as GraphQL windowsEligibilities)' })
  @ApiOkResponse({ type: WindowsEligibilityList })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  windowsEligibilities(@Query() query: WindowsEligibilityQuery): WindowsEligibilityList {
    return this.capacity.windowsEligibilities(query);
  }

  // POST because the input is a nested document; it is a read (200, no key, nothing stored).
  @Post('subnet-usage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Subnet addresses a node group takes with its warm pool, and whether it fits (same as GraphQL subnetUsage)' })
  @ApiBody({ type: SubnetUsageInput })
  @ApiOkResponse({ type: SubnetUsage })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: 'INSTANCE_TYPE_NOT_FOUND' })
  subnetUsage(@Body() body: SubnetUsageInput): SubnetUsage {
    return this.capacity.subnetUsage(body);
  }

  @Post('sizing')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rank instance types and IP modes for a workload: nodes needed, binding constraint, subnet IPs (same as GraphQL sizeNodeGroups)' })
  @ApiBody({ type: NodeGroupSizingInput })
  @ApiOkResponse({ type: NodeGroupSizing })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: 'INSTANCE_TYPE_NOT_FOUND (a listed instance type)' })
  sizing(@Body() body: NodeGroupSizingInput, @Res({ passthrough: true }) res: FastifyReply): string {
    // The same input gets the same (cached) answer object: its JSON is made once, not per request.
    res.type('application/json');
    return jsonOf(this.capacity.sizeNodeGroups(body));
  }

  @Get(':instanceType/windows-eligibility')
  @ApiOperation({ summary: 'Whether one instance type can be a Windows node, and why not (same as GraphQL windowsEligibility)' })
  @ApiOkResponse({ type: WindowsEligibility })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: 'INSTANCE_TYPE_NOT_FOUND' })
  windowsEligibility(@Param('instanceType') instanceType: string, @Query() query: WindowsEligibilityQuery): WindowsEligibility {
    return this.capacity.windowsEligibility(instanceType, query);
  }

  @Get(':instanceType/compare')
  @ApiOperation({ summary: 'One instance type: Windows and Linux, each in secondary-IP and prefix-delegation mode' })
  @ApiOkResponse({ type: ModeComparison })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: 'INSTANCE_TYPE_NOT_FOUND' })
  compare(@Param('instanceType') instanceType: string, @Query() query: NodeCapacityOptionsInput): ModeComparison {
    return this.capacity.compareModes(instanceType, query);
  }

  @Get(':instanceType')
  @ApiOperation({
    summary: 'Pods per node for an instance type, OS and IP mode, with the formula (same as GraphQL nodeCapacity)',
    description: 'os: windows | linux; ipMode: secondary-ip | prefix-delegation (the enum spellings WINDOWS, PREFIX_DELEGATION also work).',
  })
  @ApiOkResponse({ type: NodeCapacity })
  @ApiBadRequestResponse({ description: BAD_INPUT })
  @ApiNotFoundResponse({ description: 'INSTANCE_TYPE_NOT_FOUND, with suggestions from the same family' })
  nodeCapacity(@Param('instanceType') instanceType: string, @Query() query: NodeCapacityQuery): NodeCapacity {
    return this.capacity.nodeCapacity({ ...query, instanceType });
  }
}
