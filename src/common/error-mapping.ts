import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, ErrorCode } from './domain-error.js';

export interface MappedError {
  code: ErrorCode;
  httpStatus: number;
  /** GraphQL `extensions.code`. */
  graphqlCode: string;
  message: string;
  details?: Record<string, unknown>;
}

/** The body of every REST error: `{"error": {"code", "message", "details", "requestId"}}`. */
export function restErrorBody(mapped: MappedError, requestId: string | undefined) {
  return { error: { code: mapped.code, message: mapped.message, details: mapped.details ?? null, requestId: requestId ?? null } };
}

const GRAPHQL_PATH = /^\/graphql(\?|$)/;

/** Whether a request URL is the GraphQL endpoint's (with or without a query string). */
export function isGraphqlUrl(url: string): boolean {
  return GRAPHQL_PATH.test(url);
}

/**
 * A GraphQL response refusing the whole request, for errors answered before Apollo runs (the body's
 * size, type or JSON, the method, the rate limit): `{"errors": [{"message", "extensions": {"code",
 * "details", "requestId"}}]}`, what GraphQL clients read, with the same codes as errors from resolvers.
 */
export function graphqlErrorBody(mapped: MappedError, requestId: string | undefined) {
  return {
    errors: [
      { message: mapped.message, extensions: { code: mapped.graphqlCode, details: mapped.details ?? null, requestId: requestId ?? null } },
    ],
  };
}

/** The error body for a request: a GraphQL response on /graphql, the REST envelope everywhere else. */
export function errorBodyFor(url: string, mapped: MappedError, requestId: string | undefined) {
  return isGraphqlUrl(url) ? graphqlErrorBody(mapped, requestId) : restErrorBody(mapped, requestId);
}

/** The one mapping from a domain error code to an HTTP status and a GraphQL code. */
export function statusFor(code: ErrorCode): { httpStatus: number; graphqlCode: string } {
  switch (code) {
    case ErrorCode.VALIDATION_FAILED:
      return { httpStatus: HttpStatus.BAD_REQUEST, graphqlCode: 'BAD_USER_INPUT' };
    case ErrorCode.INSTANCE_TYPE_NOT_FOUND:
      return { httpStatus: HttpStatus.NOT_FOUND, graphqlCode: code };
    case ErrorCode.NOT_FOUND:
      return { httpStatus: HttpStatus.NOT_FOUND, graphqlCode: code };
    case ErrorCode.REFRESH_ALREADY_RUNNING:
      return { httpStatus: HttpStatus.CONFLICT, graphqlCode: code };
    case ErrorCode.CATALOG_REFRESH_FAILED:
      return { httpStatus: HttpStatus.BAD_GATEWAY, graphqlCode: code };
    case ErrorCode.UNPROCESSABLE_DOCUMENT:
      return { httpStatus: HttpStatus.UNPROCESSABLE_ENTITY, graphqlCode: code };
    case ErrorCode.UNAUTHENTICATED:
      return { httpStatus: HttpStatus.UNAUTHORIZED, graphqlCode: code };
    case ErrorCode.FORBIDDEN:
      return { httpStatus: HttpStatus.FORBIDDEN, graphqlCode: code };
    case ErrorCode.RATE_LIMITED:
      return { httpStatus: HttpStatus.TOO_MANY_REQUESTS, graphqlCode: code };
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return { httpStatus: HttpStatus.PAYLOAD_TOO_LARGE, graphqlCode: code };
    case ErrorCode.METHOD_NOT_ALLOWED:
      return { httpStatus: HttpStatus.METHOD_NOT_ALLOWED, graphqlCode: code };
    case ErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return { httpStatus: HttpStatus.UNSUPPORTED_MEDIA_TYPE, graphqlCode: code };
    case ErrorCode.QUERY_TOO_COMPLEX:
      return { httpStatus: HttpStatus.BAD_REQUEST, graphqlCode: code };
    case ErrorCode.SERVICE_UNAVAILABLE:
      return { httpStatus: HttpStatus.SERVICE_UNAVAILABLE, graphqlCode: code };
    case ErrorCode.INTERNAL:
      return { httpStatus: HttpStatus.INTERNAL_SERVER_ERROR, graphqlCode: 'INTERNAL_SERVER_ERROR' };
  }
}

/** The request body types the service reads (src/app.factory.ts registers their parsers). */
export const SUPPORTED_BODY_TYPES = ['application/json', 'application/yaml', 'text/yaml'] as const;

/** The routes whose body may be YAML (their OpenAPI operation consumes application/yaml and text/yaml). */
export const YAML_BODY_ROUTES = new Set(['/api/v1/policies/windows-check']);

/** The body types a route reads: JSON everywhere, YAML too on the routes above; all of them when the route is not known. */
export function bodyTypesFor(route: string | undefined): string[] {
  return route === undefined || YAML_BODY_ROUTES.has(route) ? [...SUPPORTED_BODY_TYPES] : ['application/json'];
}

/**
 * 415 naming the types the route reads: the list of every type the service reads told a client of
 * a JSON-only route (/graphql, /api/v1/api-keys) to send YAML, which that route then refused.
 */
function unsupportedMediaType(request: FailedRequestFacts): MappedError {
  const supported = bodyTypesFor(request.route);
  return {
    code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    ...statusFor(ErrorCode.UNSUPPORTED_MEDIA_TYPE),
    message:
      request.route === undefined
        ? `Unsupported content type: send ${supported.join(', ')} (the route's documentation names the one it reads)`
        : `This route reads ${supported.join(', ')}${request.contentType ? `, not ${request.contentType}` : ''}`,
    details: { supported },
  };
}

const HTTP_TO_CODE: Record<number, ErrorCode> = {
  400: ErrorCode.VALIDATION_FAILED,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  409: ErrorCode.REFRESH_ALREADY_RUNNING,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  422: ErrorCode.UNPROCESSABLE_DOCUMENT,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; name?: string };
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006', '08001', '08003'].includes(e?.code ?? '') ||
    /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(e?.message ?? '')
  );
}

/**
 * PostgreSQL refuses a NUL character in any text value (22021, "invalid byte sequence for encoding
 * UTF8: 0x00"; 22P05 untranslatable). JavaScript strings from a client are otherwise valid UTF-8, so
 * this is a client's input reaching a query (an instance type name, a key prefix, a cursor), not a
 * fault of the service: it was a 500.
 */
function isTextPostgresCannotStore(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '22021' || code === '22P05';
}

/** What the request that failed tells about it: its body limit (Fastify's route option) and declared length. */
export interface FailedRequestFacts {
  bodyLimit?: number;
  /** The route's path pattern (Fastify's routeOptions.url), when the request reached one. */
  route?: string;
  /** The media type of its body (the Content-Type without parameters). */
  contentType?: string;
  contentLength?: number;
}

/** 413 for a body over the limit: the limit (BODY_LIMIT_BYTES, or a route's own) named, and the length when declared. */
function bodyTooLarge(request: FailedRequestFacts): MappedError {
  const base = { code: ErrorCode.PAYLOAD_TOO_LARGE, ...statusFor(ErrorCode.PAYLOAD_TOO_LARGE) };
  const limit = request.bodyLimit;
  if (limit === undefined) return { ...base, message: 'Request body too large' };
  const bytes = request.contentLength;
  return {
    ...base,
    message:
      bytes === undefined
        ? `Request body too large: at most ${limit} bytes are read (BODY_LIMIT_BYTES)`
        : `Request body too large: ${bytes} bytes; at most ${limit} are read (BODY_LIMIT_BYTES)`,
    details: bytes === undefined ? { limit } : { limit, bytes },
  };
}

/**
 * Turns anything thrown into the error a client may see. Unknown errors become INTERNAL
 * with a generic message: no stack trace, SQL or driver text ever reaches a client.
 */
export function mapError(err: unknown, request: FailedRequestFacts = {}): MappedError {
  if (err instanceof DomainError) {
    return { code: err.code, ...statusFor(err.code), message: err.message, details: err.details };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    // Nest's Fastify adapter turns Fastify's own 4xx errors (FST_ERR_CTP_BODY_TOO_LARGE) into HttpExceptions, the
    // Fastify error as the cause; the client is told the limit its body went over.
    const cause = err.cause as { code?: unknown } | undefined;
    if (status === 413 && typeof cause?.code === 'string' && cause.code.startsWith('FST_')) return bodyTooLarge(request);
    const code = HTTP_TO_CODE[status] ?? (status >= 500 ? ErrorCode.INTERNAL : ErrorCode.VALIDATION_FAILED);
    if (code === ErrorCode.UNSUPPORTED_MEDIA_TYPE) return unsupportedMediaType(request);
    const response = err.getResponse();
    let message = err.message;
    let details: Record<string, unknown> | undefined;
    if (typeof response === 'object' && response !== null) {
      const r = response as { message?: unknown };
      if (Array.isArray(r.message)) {
        details = { violations: r.message };
        message = r.message.join('; ');
      } else if (typeof r.message === 'string') message = r.message;
    }
    if (code === ErrorCode.INTERNAL) message = 'Internal error';
    return { code, ...statusFor(code), message, details };
  }
  const fastify = err as { code?: unknown; statusCode?: unknown; message?: string };
  if (
    fastify &&
    typeof fastify.statusCode === 'number' &&
    ((typeof fastify.code === 'string' && fastify.code.startsWith('FST_')) || err instanceof SyntaxError)
  ) {
    // Errors Fastify raises while reading a request, before any handler runs: a body over the limit,
    // malformed or empty JSON, a content type nothing here reads, a path that is not valid percent-encoding.
    if (fastify.statusCode === 413) return bodyTooLarge(request);
    if (fastify.statusCode === 415) return unsupportedMediaType(request);
    if (fastify.statusCode < 500) {
      return {
        code: ErrorCode.VALIDATION_FAILED,
        ...statusFor(ErrorCode.VALIDATION_FAILED),
        message: err instanceof SyntaxError ? 'Malformed request body: invalid JSON' : `Malformed request: ${fastify.message}`,
      };
    }
  }
  if (isDatabaseUnavailable(err)) {
    return {
      code: ErrorCode.SERVICE_UNAVAILABLE,
      ...statusFor(ErrorCode.SERVICE_UNAVAILABLE),
      message: 'The database is unavailable; try again shortly',
    };
  }
  if (isTextPostgresCannotStore(err)) {
    return {
      code: ErrorCode.VALIDATION_FAILED,
      ...statusFor(ErrorCode.VALIDATION_FAILED),
      message: 'Text input must not contain NUL (\\u0000) characters',
    };
  }
  return { code: ErrorCode.INTERNAL, ...statusFor(ErrorCode.INTERNAL), message: 'Internal error' };
}
