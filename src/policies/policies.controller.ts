import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiErrorResponses } from '../common/api-error-responses.js';
import { NoQueryParameters } from '../common/no-query.js';
import { validationError } from '../common/domain-error.js';
import type { FastifyReply } from 'fastify';
import { CheckPolicyForWindowsArgs, PolicyTemplate, RenderedTemplate, WindowsPolicyCheck } from './policies.models.js';
import { PoliciesService } from './policies.service.js';
import { WindowsCheckBodyPipe } from './windows-check-body.pipe.js';

export const RENDER_FORMATS = ['json', 'yaml', 'hcl'] as const;

class RenderQuery {
  @ApiPropertyOptional({
    enum: RENDER_FORMATS,
    default: 'json',
    description:
      '`json` (default): the RenderedTemplate. `yaml`: the bare rendered content, ready for `kubectl apply -f -`, ' +
      "with the template's own media type (application/yaml; text/x-powershell for the userdata templates). " +
      '`hcl`: the bare Terraform of the terraform-* templates (text/x-hcl); `yaml` on those, or `hcl` on the others, is a 400 naming format.',
  })
  @IsOptional()
  @IsIn(RENDER_FORMATS)
  format?: (typeof RENDER_FORMATS)[number];
}

/** Header carrying the render warning codes when the bare content is returned (the body has no room for them). */
export const RENDER_WARNINGS_HEADER = 'x-render-warnings';

const ERROR_RESPONSES = {
  400: 'VALIDATION_FAILED: error.details names the field and the rule it broke',
  404: 'NOT_FOUND (template) or INSTANCE_TYPE_NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  422: 'UNPROCESSABLE_DOCUMENT: malformed YAML, a non-object document or an unknown kind (error.details.reason, line)',
} as const;

@ApiTags('templates')
@ApiExtraModels(RenderedTemplate)
@Controller('api/v1/templates')
export class TemplatesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get()
  @ApiOperation({ operationId: 'listTemplates', summary: 'Every policy and configuration template, with its parameters' })
  @ApiOkResponse({ type: [PolicyTemplate] })
  @ApiErrorResponses(400)
  list(@Query() _query: NoQueryParameters): PolicyTemplate[] {
    return this.policies.listTemplates();
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getTemplate', summary: 'One template (404 NOT_FOUND for an unknown id)' })
  @ApiOkResponse({ type: PolicyTemplate })
  @ApiErrorResponses(400, { status: 404, description: 'NOT_FOUND: no template with that id' })
  get(@Param('id') id: string, @Query() _query: NoQueryParameters): PolicyTemplate {
    return this.policies.getTemplate(id);
  }

  @Post(':id/render')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'renderTemplate',
    summary: 'Render a template with the parameters in the body',
    description:
      'The body is the parameters: a JSON object of parameter name to value (an empty or missing body renders with the defaults; ' +
      'anything but an object is a 400). Omitted parameters take their default; kubelet max-pods is derived from the capacity engine ' +
      'where the template declares it. A bad parameter is 400 VALIDATION_FAILED with error.details {field, rule}. ' +
      "With ?format=yaml (Kubernetes and userdata templates) or ?format=hcl (Terraform templates) the response is the bare content (pipe it to `kubectl apply -f -`) with the template's media type: " +
      `application/yaml, or text/x-powershell for userdata templates; warning codes are in the ${RENDER_WARNINGS_HEADER} header (comma-separated).`,
  })
  @ApiBody({
    required: false,
    description: 'Parameter name to JSON value',
    schema: { type: 'object', additionalProperties: true, example: { namespace: 'payments' } },
  })
  @ApiOkResponse({
    description: 'The rendered template (format=json), or its bare content (format=yaml)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(RenderedTemplate) } },
      'application/yaml': { schema: { type: 'string' } },
      'text/x-powershell': { schema: { type: 'string' } },
      'text/x-hcl': { schema: { type: 'string' } },
    },
    headers: {
      [RENDER_WARNINGS_HEADER]: {
        description: 'format=yaml or format=hcl only: the warning codes, comma-separated (absent when none)',
        schema: { type: 'string' },
      },
    },
  })
  @ApiErrorResponses(
    { status: 400, description: ERROR_RESPONSES[400] },
    { status: 404, description: ERROR_RESPONSES[404] },
    { status: 413, description: ERROR_RESPONSES[413] },
  )
  render(
    @Param('id') id: string,
    @Body() parameters: unknown,
    @Query() query: RenderQuery,
    @Res({ passthrough: true }) res: FastifyReply,
  ): RenderedTemplate | string {
    const rendered = this.policies.render(id, parameters);
    if (query.format !== 'yaml' && query.format !== 'hcl') return rendered;
    const hcl = rendered.mediaType === 'text/x-hcl';
    if (hcl !== (query.format === 'hcl')) {
      throw validationError(
        'format',
        'FORMAT_FOR_TEMPLATE',
        `Template ${rendered.templateId} renders ${rendered.mediaType}: use ?format=${hcl ? 'hcl' : 'yaml'} (or json)`,
      );
    }
    if (rendered.warnings.length > 0) res.header(RENDER_WARNINGS_HEADER, rendered.warnings.map((w) => w.code).join(','));
    res.type(`${rendered.mediaType}; charset=utf-8`);
    return rendered.content;
  }
}

@ApiTags('policies')
@ApiExtraModels(CheckPolicyForWindowsArgs)
@Controller('api/v1/policies')
export class WindowsPolicyCheckController {
  constructor(private readonly policies: PoliciesService) {}

  @Post('windows-check')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'checkPolicyForWindows',
    summary: 'Find what Calico on Windows skips or enforces differently in NetworkPolicy / Calico policy YAML',
    description:
      'Send `{"manifest": "<yaml>"}` as JSON, or the YAML itself with content-type application/yaml or text/yaml. ' +
      'Kubernetes networking.k8s.io/v1 NetworkPolicy and Calico projectcalico.org/v3 NetworkPolicy / GlobalNetworkPolicy, ' +
      'several "---" documents allowed (at most 1 MiB, 100 documents). Each finding has its path, line, rule, what Windows does, ' +
      'the source, and a Windows-safe rewrite where one exists.',
  })
  @ApiConsumes('application/json', 'application/yaml', 'text/yaml')
  @ApiBody({
    description: 'application/json: a CheckPolicyForWindowsArgs object; application/yaml or text/yaml: the YAML text itself',
    schema: { oneOf: [{ $ref: getSchemaPath(CheckPolicyForWindowsArgs) }, { type: 'string', description: 'The manifest YAML' }] },
  })
  @ApiOkResponse({ type: WindowsPolicyCheck })
  @ApiErrorResponses(
    { status: 400, description: 'VALIDATION_FAILED: the JSON body has no string `manifest`, or a query parameter was sent' },
    { status: 413, description: ERROR_RESPONSES[413] },
    { status: 422, description: ERROR_RESPONSES[422] },
  )
  check(@Body(WindowsCheckBodyPipe) manifest: string, @Query() _query: NoQueryParameters): WindowsPolicyCheck {
    return this.policies.checkForWindows(manifest);
  }
}
