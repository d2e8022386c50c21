import { ArgsType, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import type { ApiKeyEntity, ApiKeyRole } from './api-key.entity.js';

/** GraphQL shows READER / ADMIN; REST, the CLI and the database use `reader` / `admin`. */
export const ApiKeyRoleEnum: { readonly READER: 'reader'; readonly ADMIN: 'admin' } = { READER: 'reader', ADMIN: 'admin' };
registerEnumType(ApiKeyRoleEnum, {
  name: 'ApiKeyRole',
  description: 'READER may use reads when AUTH_READS=key; ADMIN may also change state (refreshes, keys).',
});
export const API_KEY_ROLES: readonly ApiKeyRole[] = ['reader', 'admin'];

/** Same rule as ApiKeyService, so REST and GraphQL refuse a bad name before anything runs. */
const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

@ObjectType({ description: 'An API key as listed: never its secret, never its hash.' })
export class ApiKey {
  @Field(() => ID)
  @ApiProperty({ format: 'uuid' })
  id: string;

  /**
   * @example ci-bot
   */
  name: string;

  @Field(() => ApiKeyRoleEnum)
  @ApiProperty({ enum: API_KEY_ROLES })
  role: ApiKeyRole;

  /**
   * The first characters of the key, to recognise it; revoke accepts it in place of the id.
   * @example enp_AbCdEfGh
   */
  prefix: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  revokedAt: Date | null;

  /** Updated as the key is used (at most a few seconds behind). */
  @ApiProperty({ type: String, format: 'date-time' })
  lastUsedAt: Date | null;
}

@ObjectType({ description: 'A new API key: the secret is shown here once and never again.' })
export class CreatedApiKey {
  /** The secret, to send as "Authorization: Bearer <key>". Store it now. */
  @ApiProperty({ example: 'enp_…' })
  key: string;

  apiKey: ApiKey;
}

/** One class for the GraphQL arguments and the REST body. */
@ArgsType()
export class CreateApiKeyArgs {
  /**
   * 1-64 letters, digits, spaces, dots, dashes or underscores.
   * @example ci-bot
   */
  @IsString()
  @Matches(KEY_NAME, { message: 'name must be 1-64 letters, digits, spaces, dots, dashes or underscores' })
  name: string;

  @Field(() => ApiKeyRoleEnum)
  @ApiProperty({ enum: API_KEY_ROLES })
  // REST takes the role in any case, as it takes every other enum's spelling (GraphQL: READER, ADMIN).
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^[A-Za-z]{1,10}$/.test(value) ? value.toLowerCase() : value))
  @IsIn(API_KEY_ROLES, { message: 'role must be reader or admin' })
  role: ApiKeyRole;
}

@ArgsType()
export class RevokeApiKeyArgs {
  @Field(() => ID, { description: 'The key id (or its prefix).' })
  @ApiProperty({ description: 'The key id (or its prefix).', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  id: string;
}

export function toApiKeyModel(e: ApiKeyEntity): ApiKey {
  return {
    id: e.id,
    name: e.name,
    role: e.role,
    prefix: e.prefix,
    createdAt: e.createdAt,
    revokedAt: e.revokedAt,
    lastUsedAt: e.lastUsedAt,
  };
}
