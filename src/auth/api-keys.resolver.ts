import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { FastifyReply } from 'fastify';
import { ApiKeyService } from './api-key.service.js';
import { ApiKey, CreateApiKeyArgs, CreatedApiKey, RevokeApiKeyArgs, toApiKeyModel } from './api-key.model.js';
import { RequireAdmin } from './auth.decorators.js';

/** API keys over GraphQL: admin only, reads included (a listing tells who can do what). */
@Resolver(() => ApiKey)
export class ApiKeysResolver {
  constructor(private readonly keys: ApiKeyService) {}

  @Query(() => [ApiKey], { description: 'Every API key, oldest first, revoked ones included; never secrets (admin key).' })
  @RequireAdmin()
  async apiKeys(): Promise<ApiKey[]> {
    return (await this.keys.list()).map(toApiKeyModel);
  }

  @Mutation(() => CreatedApiKey, { description: 'Creates an API key and returns its secret, once (admin key).' })
  @RequireAdmin()
  async createApiKey(@Args() args: CreateApiKeyArgs, @Context() context: { res?: FastifyReply }): Promise<CreatedApiKey> {
    const { key, record } = await this.keys.create(args.name, args.role);
    // The answer holds a secret: no cache (a proxy's, a browser's) may keep it, as over REST. (The
    // reply is taken from the context object: a reply is a thenable, and a parameter is awaited.)
    context.res?.header('cache-control', 'no-store');
    return { key, apiKey: toApiKeyModel(record) };
  }

  @Mutation(() => ApiKey, { description: 'Revokes an API key by id (or prefix); revoking twice is harmless (admin key).' })
  @RequireAdmin()
  async revokeApiKey(@Args() args: RevokeApiKeyArgs): Promise<ApiKey> {
    return toApiKeyModel(await this.keys.revoke(args.id));
  }
}
