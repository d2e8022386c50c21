import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorEnvelope } from './error-envelope.model.js';

/** What each error status means here, by code (the README's Errors table). */
export const ERROR_STATUS_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'VALIDATION_FAILED: error.details names the field and the rule it broke',
  401: 'UNAUTHENTICATED: no key, or an unknown or revoked one (every route but the probes when AUTH_READS=key; admin routes always)',
  403: 'FORBIDDEN: the key lacks the role, or no admin key is configured',
  404: 'NOT_FOUND, or INSTANCE_TYPE_NOT_FOUND with suggestions from the same family',
  405: 'METHOD_NOT_ALLOWED: the path exists, the method does not (the Allow header lists those that do)',
  409: 'REFRESH_ALREADY_RUNNING: error.details names the running refresh',
  413: 'PAYLOAD_TOO_LARGE: the body is over BODY_LIMIT_BYTES (details.limit, and details.bytes when the request declared its length)',
  415: 'UNSUPPORTED_MEDIA_TYPE: error.details.supported lists the body types read',
  422: 'UNPROCESSABLE_DOCUMENT: a manifest that cannot be parsed (error.details.reason, line)',
  429: 'RATE_LIMITED: over the per-client budget (the Retry-After header says when to try again)',
  500: 'INTERNAL: an unexpected fault (no detail is shown; the request id finds it in the logs)',
  502: 'CATALOG_REFRESH_FAILED: EC2 answered with an error; the previous catalog stays in service',
  503: 'SERVICE_UNAVAILABLE: the database is unreachable or the catalog is not loaded yet',
};

/** A status with its own description, for a route whose 404 (say) means something narrower. */
export type ErrorResponseSpec = number | { status: number; description: string };

/**
 * Documents error responses with the error envelope's schema: `@ApiErrorResponses(400, 404)`, or
 * `@ApiErrorResponses({ status: 404, description: 'NOT_FOUND: no such template' })`. The statuses every
 * route may answer (401, 403, 429, 500, 503, and 304 on GETs) are added to the whole document by
 * `completeOpenApiDocument` (src/common/openapi-document.ts); a route names only its own.
 */
export function ApiErrorResponses(...specs: ErrorResponseSpec[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorEnvelope),
    ...specs.map((spec) => {
      const { status, description } =
        typeof spec === 'number' ? { status: spec, description: ERROR_STATUS_DESCRIPTIONS[spec] ?? 'Error' } : spec;
      return ApiResponse({ status, description, content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorEnvelope) } } } });
    }),
  );
}
