import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysResolver } from './api-keys.resolver.js';

/**
 * The API-key edges (GraphQL and REST). ApiKeyService and the guard are provided by the
 * (global) AppModule, which the guard needs on every route.
 */
@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeysResolver],
})
export class ApiKeysModule {}
