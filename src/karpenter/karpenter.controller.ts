import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/api-error-responses.js';
import { NoQueryParameters } from '../common/no-query.js';
import { KarpenterWindowsPlanInputDto } from './karpenter.inputs.js';
import { KarpenterWindowsPlan } from './karpenter.models.js';
import { KarpenterService } from './karpenter.service.js';

@ApiTags('karpenter')
@Controller('api/v1/karpenter')
export class KarpenterController {
  constructor(private readonly karpenter: KarpenterService) {}

  // POST because the input is a nested document; it is a read (200, no key, nothing stored).
  @Post('windows-plans')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'planKarpenterWindows',
    summary: 'What Karpenter plans for a Windows workload, next to what the nodes really run (same as GraphQL planKarpenterWindows)',
    description:
      "Per instance type: Karpenter's pods and vpc.amazonaws.com/PrivateIPv4Address, the capacity engine's maxPods, nodesKarpenterWouldLaunch and nodesNeeded, " +
      "the binding constraint, and warnings (prefix delegation not modelled, types EC2 refuses for Windows, the controller's table, DSR and Service CIDR not passed) each with its source and fix.",
  })
  @ApiBody({ type: KarpenterWindowsPlanInputDto })
  @ApiOkResponse({ type: KarpenterWindowsPlan })
  @ApiErrorResponses({
    status: 400,
    description:
      'VALIDATION_FAILED naming the field: unknown instance type or family, a Windows Server release the Kubernetes version does not run, a CIDR that does not parse, unknown fields.',
  })
  plan(@Body() body: KarpenterWindowsPlanInputDto, @Query() _query: NoQueryParameters): KarpenterWindowsPlan {
    return this.karpenter.planWindows(body);
  }
}
