import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/api-error-responses.js';
import { NoQueryParameters } from '../common/no-query.js';
import { CniRecommendationInputDto } from './cni-recommendation.input.js';
import { CniRecommendation } from './cni-recommendation.model.js';
import { CniService } from './cni.service.js';

@ApiTags('cni')
@Controller('api/v1/cni')
export class CniController {
  constructor(private readonly cni: CniService) {}

  // POST because the input is a nested document; it is a read (200, no key, nothing stored).
  @Post('recommendations')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'recommendCni',
    summary: 'Rank the CNI options for a cluster with Windows (and Linux) nodes',
    description:
      'Same answer as the GraphQL query recommendCni. Every option is ranked, best first; impossible combinations ' +
      '(IPv6, Fargate, Auto Mode or Hybrid Nodes with Windows) come back UNSUPPORTED with the reason, not as an error.',
  })
  @ApiBody({ type: CniRecommendationInputDto })
  @ApiOkResponse({ type: CniRecommendation })
  @ApiErrorResponses({
    status: 400,
    description: 'VALIDATION_FAILED naming the field (negative counts, unknown instance types, bad CIDRs or versions, unknown fields).',
  })
  recommend(@Body() body: CniRecommendationInputDto, @Query() _query: NoQueryParameters): CniRecommendation {
    return this.cni.recommend(body);
  }
}
