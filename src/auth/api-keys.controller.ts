import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiKeyService } from './api-key.service.js';
import { ApiKey, CreateApiKeyArgs, CreatedApiKey, toApiKeyModel } from './api-key.model.js';
import { RequireAdmin } from './auth.decorators.js';

/** API keys over REST: every route needs an admin key. */
@ApiTags('api-keys')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no key, or an unknown or revoked one' })
@ApiForbiddenResponse({ description: 'FORBIDDEN: the key is not an admin key' })
@RequireAdmin()
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an API key; the response holds its secret, shown once (admin key)' })
  @ApiCreatedResponse({ type: CreatedApiKey })
  async create(@Body() body: CreateApiKeyArgs): Promise<CreatedApiKey> {
    const { key, record } = await this.keys.create(body.name, body.role);
    return { key, apiKey: toApiKeyModel(record) };
  }

  @Get()
  @ApiOperation({ summary: 'Every API key, oldest first, revoked ones included; never secrets (admin key)' })
  @ApiOkResponse({ type: [ApiKey] })
  async list(): Promise<ApiKey[]> {
    return (await this.keys.list()).map(toApiKeyModel);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API key by id (or prefix); answers the revoked key (admin key)' })
  @ApiOkResponse({ type: ApiKey })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such key' })
  async revoke(@Param('id') id: string): Promise<ApiKey> {
    return toApiKeyModel(await this.keys.revoke(id.slice(0, 64)));
  }
}
