/**
 * Every error the service means to show a client. Cores throw these; one mapping
 * (src/common/error-mapping.ts) turns a code into a GraphQL `extensions.code` and an HTTP status.
 */
export const ErrorCode = {
  /** Input that breaks a rule: a negative count, a malformed CIDR, a bad parameter. */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** An instance type the catalog does not have. */
  INSTANCE_TYPE_NOT_FOUND: 'INSTANCE_TYPE_NOT_FOUND',
  /** Any other named thing that does not exist (a template, a refresh run, an API key). */
  NOT_FOUND: 'NOT_FOUND',
  /** A catalog refresh is already running. */
  REFRESH_ALREADY_RUNNING: 'REFRESH_ALREADY_RUNNING',
  /** The catalog refresh reached EC2 but failed; the previous catalog stays in service. */
  CATALOG_REFRESH_FAILED: 'CATALOG_REFRESH_FAILED',
  /** A manifest or document that cannot be parsed (malformed YAML, an unknown kind). */
  UNPROCESSABLE_DOCUMENT: 'UNPROCESSABLE_DOCUMENT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** A known path asked with a method it does not answer (the `Allow` header lists those it does). */
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  /** A request body in a content type the route does not read (details.supported lists those it does). */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** A GraphQL query refused before it runs: too deep, too costly, too many aliases. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The service cannot answer right now (database unreachable, catalog not loaded). */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Shorthand for the most common domain error: input that breaks a named rule. */
export function validationError(field: string, rule: string, message: string): DomainError {
  return new DomainError(ErrorCode.VALIDATION_FAILED, message, { field, rule });
}
