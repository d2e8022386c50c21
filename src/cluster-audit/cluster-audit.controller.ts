import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/api-error-responses.js';
import { NoQueryParameters } from '../common/no-query.js';
import { ClusterAuditInputDto } from './cluster-audit.inputs.js';
import { ClusterAudit } from './cluster-audit.models.js';
import { ClusterAuditService } from './cluster-audit.service.js';

@ApiTags('cluster-audit')
@Controller('api/v1/cluster-audits')
export class ClusterAuditController {
  constructor(private readonly audits: ClusterAuditService) {}

  // POST because the input is pasted kubectl output; it is a read (200, no key, nothing stored).
  @Post()
  @HttpCode(200)
  @ApiOperation({ operationId: 'auditCluster', summary: 'Audit a cluster from kubectl output (same as GraphQL auditCluster)' })
  @ApiBody({ type: ClusterAuditInputDto })
  @ApiOkResponse({ type: ClusterAudit })
  @ApiErrorResponses({
    status: 400,
    description:
      'VALIDATION_FAILED: malformed JSON or YAML (line and column), a bad entry (its path), too many nodes or policies, ' +
      'a nodesJson with no item of kind Node (items of other kinds are left out and counted in a NON_NODE_ITEMS_SKIPPED finding).',
  })
  audit(@Body() body: ClusterAuditInputDto, @Query() _query: NoQueryParameters): ClusterAudit {
    return this.audits.audit(body);
  }
}
