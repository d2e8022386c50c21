import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/api-error-responses.js';
import { NoQueryParameters } from '../common/no-query.js';
import { DiagnosisInputDto } from './diagnosis.inputs.js';
import { Diagnosis } from './diagnosis.models.js';
import { DiagnosisService } from './diagnosis.service.js';

@ApiTags('diagnosis')
@Controller('api/v1/diagnoses')
export class DiagnosisController {
  constructor(private readonly diagnosis: DiagnosisService) {}

  // POST because the input is pasted text; it is a read (200, no key, nothing stored).
  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'diagnose',
    summary: 'Map pasted events, log lines and log-collector files to causes, checks and fixes (same as GraphQL diagnose)',
  })
  @ApiBody({ type: DiagnosisInputDto })
  @ApiOkResponse({ type: Diagnosis })
  @ApiErrorResponses({
    status: 400,
    description: 'VALIDATION_FAILED: too large, too many lines, malformed ConfigMap YAML or JSON (naming line and column), a bad version.',
  })
  diagnose(@Body() body: DiagnosisInputDto, @Query() _query: NoQueryParameters): Diagnosis {
    return this.diagnosis.diagnose(body);
  }
}
