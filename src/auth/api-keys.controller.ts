import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/api-error-responses.js';
import { NoQueryParameters } from '../common/no-query.js';
import { ApiKeyService } from './api-key.service.js';
import { ApiKey, CreateApiKeyArgs, CreatedApiKey, RevokeApiKeyArgs, toApiKeyModel } from './api-key.model.js';
import { RequireAdmin } from './auth.decorators.js';

/** API keys over REST: every route needs an admin key. */
@ApiTags('api-keys')
@ApiErrorResponses(
  { status: 401, description: 'UNAUTHENTICATED: no key, or an unknown or revoked one' },
  { status: 403, description: 'FORBIDDEN: the key is not an admin key, or no admin key is configured' },
)
@RequireAdmin()
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @HttpCode(201)
  // The one answer that holds a secret: no cache (a proxy's, a browser's) may keep it.
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'createApiKey', summary: 'Create an API key; the response holds its secret, shown once (admin key)' })
  @ApiCreatedResponse({ type: CreatedApiKey })
  @ApiErrorResponses(400)
  async create(@Body() body: CreateApiKeyArgs, @Query() _query: NoQueryParameters): Promise<CreatedApiKey> {
    const { key, record } = await this.keys.create(body.name, body.role);
    return { key, apiKey: toApiKeyModel(record) };
  }

  @Get()
  @ApiOperation({ operationId: 'listApiKeys', summary: 'Every API key, oldest first, revoked ones included; never secrets (admin key)' })
  @ApiOkResponse({ type: [ApiKey] })
  @ApiErrorResponses(400)
  async list(@Query() _query: NoQueryParameters): Promise<ApiKey[]> {
    return (await this.keys.list()).map(toApiKeyModel);
  }

  @Delete(':id')
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key by id (or prefix); answers the revoked key (admin key)' })
  @ApiOkResponse({ type: ApiKey })
  @ApiErrorResponses(400, { status: 404, description: 'NOT_FOUND: no such key' })
  // The GraphQL arguments' class: an id over 64 characters is the same VALIDATION_FAILED on both doors, not a 404 on a cut id.
  async revoke(@Param() path: RevokeApiKeyArgs, @Query() _query: NoQueryParameters): Promise<ApiKey> {
    return toApiKeyModel(await this.keys.revoke(path.id));
  }
}
