import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/api-error-responses.js';
import { NoQueryParameters } from '../common/no-query.js';
import type { FastifyReply } from 'fastify';
import { RequireAdmin } from '../auth/auth.decorators.js';
import { publicRefreshError } from './core/refresh-failure.js';
import type { AuthenticatedRequest } from '../auth/api-key.guard.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { CatalogRefreshService } from './catalog-refresh.service.js';
import { CatalogRefresh, CatalogRefreshesArgs, RefreshCatalogArgs, toCatalogRefreshModel } from './catalog-refresh.model.js';
import { CatalogService } from './catalog.service.js';
import { InstanceType } from './instance-type.model.js';
import { InstanceTypeConnection, InstanceTypeNameArgs, InstanceTypesQuery } from './instance-types.args.js';
import { IsBoolean, IsOptional } from 'class-validator';
import { Transform } from 'class-transformer';
import { toBool } from '../common/query-values.js';

class RefreshQuery {
  @ApiProperty({ required: false, type: Boolean, description: 'false: answer 202 at once instead of waiting for the run' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  wait?: boolean;
}

@ApiTags('catalog')
@Controller('api/v1')
export class CatalogController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly refreshes: CatalogRefreshService,
  ) {}

  @Get('instance-types/:name')
  @ApiOperation({ operationId: 'getInstanceType', summary: 'One instance type (404 when the catalog has none by that name)' })
  @ApiOkResponse({ type: InstanceType })
  @ApiErrorResponses(400, { status: 404, description: 'INSTANCE_TYPE_NOT_FOUND, with suggestions from the same family' })
  getInstanceType(@Param() path: InstanceTypeNameArgs, @Query() _query: NoQueryParameters): Promise<InstanceType> {
    return this.catalog.getInstanceType(path.name);
  }

  @Get('instance-types')
  @ApiOperation({
    operationId: 'listInstanceTypes',
    summary: 'Instance types matching the filters, a page at a time, ordered by name',
    description: "Names are compared in character-code order (as PostgreSQL's C collation sorts; the same whatever the database).",
  })
  @ApiOkResponse({ type: InstanceTypeConnection })
  @ApiErrorResponses(400)
  listInstanceTypes(@Query() query: InstanceTypesQuery): Promise<InstanceTypeConnection> {
    const { first, after, ...filter } = query;
    return this.catalog.listInstanceTypes(filter, first, after);
  }

  @Get('catalog/refreshes')
  @ApiOperation({ operationId: 'listCatalogRefreshes', summary: 'Catalog refresh runs, newest first' })
  @ApiOkResponse({ type: [CatalogRefresh] })
  @ApiErrorResponses(400)
  async listRefreshes(@Query() query: CatalogRefreshesArgs, @Req() req: AuthenticatedRequest): Promise<CatalogRefresh[]> {
    return (await this.refreshes.listRuns(query.first ?? 20)).map((run) => toCatalogRefreshModel(run, req.principal?.role === 'admin'));
  }

  @Get('catalog/refreshes/:id')
  @ApiOperation({ operationId: 'getCatalogRefresh', summary: 'One catalog refresh run' })
  @ApiOkResponse({ type: CatalogRefresh })
  @ApiErrorResponses(400, { status: 404, description: 'NOT_FOUND: no refresh run with that id' })
  async getRefresh(@Param('id') id: string, @Query() _query: NoQueryParameters, @Req() req: AuthenticatedRequest): Promise<CatalogRefresh> {
    return toCatalogRefreshModel(await this.refreshes.getRun(id), req.principal?.role === 'admin');
  }

  @Post('catalog/refreshes')
  @RequireAdmin()
  @ApiOperation({
    operationId: 'refreshCatalog',
    summary: 'Refresh the catalog from the EC2 API (admin key)',
    description:
      'Waits for the run by default: 201 with the run when it succeeded, 502 CATALOG_REFRESH_FAILED (the run in ' +
      'error.details.refresh) when it failed. With `wait: false` (body) or `?wait=false`, answers 202 at once ' +
      'with the RUNNING run and a Location to poll. 409 when a refresh is already running.',
  })
  @ApiCreatedResponse({ type: CatalogRefresh, description: 'The run, finished and SUCCEEDED (wait, the default)' })
  @ApiAcceptedResponse({
    type: CatalogRefresh,
    description: 'The RUNNING run (wait=false); poll the Location',
    headers: { Location: { description: 'The run: /api/v1/catalog/refreshes/{id}', schema: { type: 'string' } } },
  })
  @ApiErrorResponses(400, 409, 502)
  @HttpCode(201)
  async refresh(
    @Body() body: RefreshCatalogArgs,
    @Query() query: RefreshQuery,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<CatalogRefresh> {
    const wait = query.wait ?? body?.wait ?? true;
    // Only admins start refreshes, so they see the whole error.
    const run = toCatalogRefreshModel(
      await this.refreshes.refresh({
        regions: body?.regions,
        wait,
        trigger: 'MANUAL',
        requestedBy: req.principal?.name ?? null,
      }),
      true,
    );
    res.header('location', `/api/v1/catalog/refreshes/${run.id}`);
    if (!wait) {
      res.code(202);
      return run;
    }
    if (run.status === 'FAILED') {
      throw new DomainError(
        ErrorCode.CATALOG_REFRESH_FAILED,
        `The catalog refresh failed; the previous catalog stays in service: ${publicRefreshError(run.error)}`,
        {
          refresh: run,
        },
      );
    }
    return run;
  }
}
