import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { GqlArgumentsHost } from '@nestjs/graphql';
import type { FastifyReply } from 'fastify';
import { GraphQLError } from 'graphql';
import { errorBodyFor, mapError } from './error-mapping.js';
import { ErrorCode } from './domain-error.js';
import { requestIdOf } from './request-id.js';

/**
 * The one place errors leave the service. REST gets
 * `{"error": {"code", "message", "details", "requestId"}}` with the mapped status;
 * GraphQL gets a GraphQLError whose `extensions.code` comes from the same mapping, and a request to
 * /graphql refused before Apollo (body too large, not JSON, ...) a GraphQL response with that error.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const mapped = mapError(exception);
    const type = host.getType<'http' | 'graphql'>();
    const req =
      type === 'graphql' ? (GqlArgumentsHost.create(host).getContext() as { req?: unknown }).req : host.switchToHttp().getRequest();
    const requestId = requestIdOf(req);
    if (mapped.code === ErrorCode.INTERNAL || mapped.code === ErrorCode.SERVICE_UNAVAILABLE) {
      this.logger.error({ err: exception, requestId }, `Request ${requestId ?? '-'} failed: ${(exception as Error)?.message}`);
    }
    if (type === 'graphql') {
      return new GraphQLError(mapped.message, {
        extensions: { code: mapped.graphqlCode, details: mapped.details, requestId, httpStatus: mapped.httpStatus },
      });
    }
    const res = host.switchToHttp().getResponse<FastifyReply>();
    if (res.sent) return;
    if (mapped.code === ErrorCode.RATE_LIMITED && !res.hasHeader('retry-after')) res.header('retry-after', '60');
    res.code(mapped.httpStatus).send(errorBodyFor((req as { url?: string } | undefined)?.url ?? '', mapped, requestId));
    return;
  }
}
