import { createHash } from 'node:crypto';
import { Injectable, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { PUBLIC_ROUTE } from '../auth/auth.decorators.js';
import { DomainError, ErrorCode } from './domain-error.js';

/**
 * Rate limits per API key (when one is presented) or per client address, over REST and
 * GraphQL alike: one budget per client, whatever route it calls. Probes and metrics are exempt.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (this.throttlers.every((t) => Number(t.limit) <= 0)) return true;
    return this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]) === true;
  }

  protected override getRequestResponse(context: ExecutionContext) {
    if (context.getType<'http' | 'graphql'>() === 'graphql') {
      const ctx = GqlExecutionContext.create(context).getContext<{ req: Record<string, any>; res: Record<string, any> }>();
      return { req: ctx.req, res: ctx.res };
    }
    return super.getRequestResponse(context);
  }

  protected override async getTracker(req: Record<string, any>): Promise<string> {
    const header = req.headers?.authorization;
    if (typeof header === 'string' && header.length > 0) {
      return `key:${createHash('sha256').update(header).digest('hex').slice(0, 24)}`;
    }
    return `ip:${req.ip ?? req.socket?.remoteAddress ?? 'unknown'}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new DomainError(ErrorCode.RATE_LIMITED, `Too many requests: at most ${detail.limit} a minute; retry after ${detail.timeToBlockExpire} s`, {
      retryAfterSeconds: detail.timeToBlockExpire,
      limit: detail.limit,
    });
  }
}
