import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { ApiKeyRole } from './api-key.entity.js';
import { ApiKeyService, type Principal } from './api-key.service.js';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from './auth.decorators.js';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

export function requestFrom(context: ExecutionContext): AuthenticatedRequest {
  if (context.getType<'http' | 'graphql'>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req;
  }
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}

function bearerKey(req: FastifyRequest): string | null | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/**
 * Every REST route and GraphQL operation passes here. State-changing ones need an admin key;
 * reads are open or need a reader key (AUTH_READS). A key that is presented must be valid.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * What each handler requires, read from its decorators once: they are fixed when the classes are
   * defined, so the entries are as many as the service has routes and resolvers (not a cache of requests).
   */
  private readonly requiredByHandler = new WeakMap<object, WeakMap<object, ApiKeyRole | 'none' | 'public'>>();

  private requiredFor(context: ExecutionContext): ApiKeyRole | 'none' | 'public' {
    const handler = context.getHandler();
    const cls = context.getClass();
    let byClass = this.requiredByHandler.get(handler);
    const known = byClass?.get(cls);
    if (known !== undefined) return known;
    const targets = [handler, cls];
    const declared = this.reflector.getAllAndOverride<ApiKeyRole | undefined>(REQUIRED_ROLE, targets);
    const required = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)
      ? 'public'
      : (declared ?? (this.config.authReads === 'key' ? 'reader' : 'none'));
    if (!byClass) this.requiredByHandler.set(handler, (byClass = new WeakMap()));
    byClass.set(cls, required);
    return required;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const required = this.requiredFor(context);
    if (required === 'public') return true;
    await authenticate(this.keys, requestFrom(context), required);
    return true;
  }
}

/**
 * Lets a request through for what it asks, or throws UNAUTHENTICATED / FORBIDDEN: a key that is
 * presented must be well-formed and valid whatever is required; with none, only `none` passes.
 * Sets `req.principal` for a valid key. The guard runs it for every route and resolver, and the
 * GraphQL context for every operation when reads need a key (graphql/operation-auth.ts).
 */
export async function authenticate(keys: ApiKeyService, req: AuthenticatedRequest, required: ApiKeyRole | 'none'): Promise<void> {
  const key = bearerKey(req);
  if (key === null) {
    throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The Authorization header must be "Bearer <API key>"');
  }
  if (key === undefined) {
    if (required === 'none') return;
    if (required === 'admin' && !(await keys.adminConfigured())) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        'This operation changes state and no admin API key is configured (set ADMIN_API_KEY or create one with `npm run apikey`)',
      );
    }
    throw new DomainError(ErrorCode.UNAUTHENTICATED, `An API key with the ${required} role is required (Authorization: Bearer <key>)`);
  }
  const principal = await keys.verify(key);
  if (!principal) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Unknown or revoked API key');
  req.principal = principal;
  if (required === 'admin' && principal.role !== 'admin') {
    throw new DomainError(ErrorCode.FORBIDDEN, 'This operation changes state and needs an API key with the admin role');
  }
}
