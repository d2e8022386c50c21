import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { GqlArgumentsHost } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { errorBodyFor, mapError, type FailedRequestFacts } from './error-mapping.js';
import { ErrorCode } from './domain-error.js';
import { requestIdOf } from './request-id.js';

/** The body limit Fastify applied to the request (BODY_LIMIT_BYTES unless the route sets its own), its declared length, its route and body type. */
function failedRequestFacts(req: unknown): FailedRequestFacts {
  const r = req as Partial<Pick<FastifyRequest, 'routeOptions' | 'headers'>> | undefined;
  const bodyLimit = r?.routeOptions?.bodyLimit;
  const length = Number(r?.headers?.['content-length']);
  const route = r?.routeOptions?.url;
  const contentType = r?.headers?.['content-type']?.split(';')[0]?.trim().slice(0, 100);
  return {
    ...(typeof bodyLimit === 'number' ? { bodyLimit } : {}),
    ...(typeof route === 'string' ? { route } : {}),
    ...(contentType ? { contentType } : {}),
    ...(Number.isSafeInteger(length) && length >= 0 ? { contentLength: length } : {}),
  };
}

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
    const type = host.getType<'http' | 'graphql'>();
    const req =
      type === 'graphql' ? (GqlArgumentsHost.create(host).getContext() as { req?: unknown }).req : host.switchToHttp().getRequest();
    const mapped = mapError(exception, failedRequestFacts(req));
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
