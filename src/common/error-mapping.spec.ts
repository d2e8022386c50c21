import { BadRequestException, HttpException, HttpStatus, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { errorCodes } from 'fastify';
import { describe, expect, it } from 'vitest';
import { DomainError, ErrorCode } from './domain-error.js';
import { mapError, statusFor } from './error-mapping.js';

describe('the one error mapping', () => {
  it.each(Object.values(ErrorCode))('maps %s to an HTTP status and a GraphQL code', (code) => {
    const { httpStatus, graphqlCode } = statusFor(code);
    expect(httpStatus).toBeGreaterThanOrEqual(400);
    expect(graphqlCode).toMatch(/^[A-Z_]+$/);
    expect(mapError(new DomainError(code, 'm', { a: 1 }))).toEqual({ code, httpStatus, graphqlCode, message: 'm', details: { a: 1 } });
  });

  it.each([
    [ErrorCode.VALIDATION_FAILED, 400, 'BAD_USER_INPUT'],
    [ErrorCode.UNAUTHENTICATED, 401, 'UNAUTHENTICATED'],
    [ErrorCode.FORBIDDEN, 403, 'FORBIDDEN'],
    [ErrorCode.INSTANCE_TYPE_NOT_FOUND, 404, 'INSTANCE_TYPE_NOT_FOUND'],
    [ErrorCode.REFRESH_ALREADY_RUNNING, 409, 'REFRESH_ALREADY_RUNNING'],
    [ErrorCode.METHOD_NOT_ALLOWED, 405, 'METHOD_NOT_ALLOWED'],
    [ErrorCode.PAYLOAD_TOO_LARGE, 413, 'PAYLOAD_TOO_LARGE'],
    [ErrorCode.UNSUPPORTED_MEDIA_TYPE, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [ErrorCode.UNPROCESSABLE_DOCUMENT, 422, 'UNPROCESSABLE_DOCUMENT'],
    [ErrorCode.RATE_LIMITED, 429, 'RATE_LIMITED'],
    [ErrorCode.CATALOG_REFRESH_FAILED, 502, 'CATALOG_REFRESH_FAILED'],
    [ErrorCode.SERVICE_UNAVAILABLE, 503, 'SERVICE_UNAVAILABLE'],
  ] as const)('%s is HTTP %i and GraphQL %s', (code, status, gql) => {
    expect(statusFor(code)).toEqual({ httpStatus: status, graphqlCode: gql });
  });

  it('maps framework exceptions without leaking their internals', () => {
    expect(mapError(new NotFoundException('Cannot GET /nope')).code).toBe(ErrorCode.NOT_FOUND);
    expect(mapError(new PayloadTooLargeException()).code).toBe(ErrorCode.PAYLOAD_TOO_LARGE);
    expect(mapError(new HttpException('Too Many Requests', HttpStatus.TOO_MANY_REQUESTS)).code).toBe(ErrorCode.RATE_LIMITED);
    const bad = mapError(new BadRequestException(['a must be a number', 'b is required']));
    expect(bad).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, details: { violations: ['a must be a number', 'b is required'] } });
  });

  it('a body over the limit names the limit, and the length when the request declared it', () => {
    const tooLarge = new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
    expect(mapError(tooLarge, { bodyLimit: 1_048_576, contentLength: 1_100_000 })).toEqual({
      code: ErrorCode.PAYLOAD_TOO_LARGE,
      httpStatus: 413,
      graphqlCode: 'PAYLOAD_TOO_LARGE',
      message: 'Request body too large: 1100000 bytes; at most 1048576 are read (BODY_LIMIT_BYTES)',
      details: { limit: 1_048_576, bytes: 1_100_000 },
    });
    // As it reaches the filter: Nest's Fastify adapter wraps Fastify's 4xx errors in an HttpException.
    expect(mapError(new HttpException(tooLarge.message, 413, { cause: tooLarge }), { bodyLimit: 4096 })).toMatchObject({
      code: ErrorCode.PAYLOAD_TOO_LARGE,
      details: { limit: 4096 },
    });
    // A chunked body declares no length.
    expect(mapError(tooLarge, { bodyLimit: 2048 })).toMatchObject({
      message: 'Request body too large: at most 2048 bytes are read (BODY_LIMIT_BYTES)',
      details: { limit: 2048 },
    });
  });

  it("turns Fastify's request-reading errors into 413, 415 and 400", () => {
    expect(mapError(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE())).toMatchObject({ code: ErrorCode.PAYLOAD_TOO_LARGE, httpStatus: 413 });
    expect(mapError(new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY())).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, httpStatus: 400 });
    expect(mapError(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE('image/png'))).toMatchObject({
      code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      httpStatus: 415,
      details: { supported: ['application/json', 'application/yaml', 'text/yaml'] },
    });
    // Fastify's JSON parser marks its syntax errors with statusCode 400; a bare SyntaxError stays internal.
    expect(mapError(Object.assign(new SyntaxError('Unexpected end of JSON input'), { statusCode: 400 }))).toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      message: 'Malformed request body: invalid JSON',
    });
    expect(mapError(new SyntaxError('x')).code).toBe(ErrorCode.INTERNAL);
  });

  it('names in a 415 the body types the route reads, not every type the service reads', () => {
    const invalid = new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE('application/x-www-form-urlencoded');
    for (const route of ['/graphql', '/api/v1/api-keys', '/api/v1/capacity/sizing']) {
      expect(mapError(invalid, { route, contentType: 'application/x-www-form-urlencoded' })).toMatchObject({
        httpStatus: 415,
        message: 'This route reads application/json, not application/x-www-form-urlencoded',
        details: { supported: ['application/json'] },
      });
    }
    expect(mapError(invalid, { route: '/api/v1/policies/windows-check', contentType: 'text/plain' })).toMatchObject({
      message: 'This route reads application/json, application/yaml, text/yaml, not text/plain',
      details: { supported: ['application/json', 'application/yaml', 'text/yaml'] },
    });
    // Nest's HttpException for a 415 is read the same way.
    expect(mapError(new HttpException('Unsupported Media Type', 415), { route: '/graphql' })).toMatchObject({
      message: 'This route reads application/json',
      details: { supported: ['application/json'] },
    });
  });

  it('hides unknown errors and SQL behind INTERNAL with a generic message', () => {
    const mapped = mapError(new Error('relation "instance_type" does not exist: SELECT * FROM instance_type'));
    expect(mapped).toEqual({ code: ErrorCode.INTERNAL, httpStatus: 500, graphqlCode: 'INTERNAL_SERVER_ERROR', message: 'Internal error' });
  });

  it('reports an unreachable database as SERVICE_UNAVAILABLE', () => {
    expect(mapError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })).httpStatus).toBe(503);
    expect(mapError(new Error('Connection terminated unexpectedly')).code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
  });
});
