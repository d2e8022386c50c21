import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/api-error-responses.js';
import type { FastifyReply } from 'fastify';
import Negotiator from 'negotiator';
import { PodCapacityTableQuery } from './pod-capacity-table.args.js';
import { PodCapacityRow } from './pod-capacity-table.model.js';
import { PodCapacityTableService } from './pod-capacity-table.service.js';

/**
 * CSV when asked by `?format=csv`, or, with no format given, when the Accept header prefers text/csv
 * to JSON (q-values, wildcards and, on equal weights, the client's order, as RFC 9110 12.5.1 has
 * it; JSON with no Accept or one of wildcards only).
 */
export function wantsCsv(format: string | undefined, accept: string | undefined): boolean {
  if (format) return format === 'csv';
  if (!accept) return false;
  return new Negotiator({ headers: { accept } }).mediaType(['application/json', 'text/csv']) === 'text/csv';
}

@ApiTags('capacity')
@ApiExtraModels(PodCapacityRow)
@Controller('api/v1/capacity')
export class PodCapacityTableController {
  constructor(private readonly table: PodCapacityTableService) {}

  @Get()
  @ApiOperation({
    operationId: 'getPodCapacityTable',
    summary:
      'The pods table: pods per node for every instance type matching the filters, each OS and IP mode (same as GraphQL podCapacityTable)',
    description:
      'Takes the GET /api/v1/instance-types filters; os and ipMode are comma-separated lists (default both of each). ' +
      'JSON by default; CSV with `?format=csv` or `Accept: text/csv` (columns: instanceType, os, ipMode, effectiveIpMode, ' +
      'ipLimitedPods, maxPods, limitedBy, kubeletMaxPods, [formula], reasonCode, reason, reasonSource). The formula steps ' +
      'come with `include=formula` (GraphQL: select formula).',
  })
  @ApiOkResponse({
    description: 'The rows (JSON), or the same table as CSV with a header line',
    content: {
      'application/json': { schema: { type: 'array', items: { $ref: getSchemaPath(PodCapacityRow) } } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiErrorResponses(400)
  podCapacityTable(
    @Query() query: PodCapacityTableQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): string {
    const { os, ipMode, format, include, ...filter } = query;
    const csv = wantsCsv(format, accept);
    res.type(csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    return this.table.podCapacityDocument({ filter, os, ipModes: ipMode }, csv ? 'csv' : 'json', include === 'formula');
  }
}
