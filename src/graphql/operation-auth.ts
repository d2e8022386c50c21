import { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { authenticate, type AuthenticatedRequest } from '../auth/api-key.guard.js';
import type { ApiKeyService } from '../auth/api-key.service.js';
import { ErrorCode } from '../common/domain-error.js';
import { mapError } from '../common/error-mapping.js';
import { requestIdOf } from '../common/request-id.js';

const log = new Logger('Errors');

/** The refusal of a GraphQL request without a key when reads need one. */
export const GRAPHQL_KEY_REQUIRED =
  'An API key is required (Authorization: Bearer <key>): a reader or admin key for queries, an admin key for mutations';

export type GraphqlContext = { req: unknown; res: unknown };

/**
 * The context of every GraphQL operation. With AUTH_READS=key it is built only for a request with a
 * valid reader or admin key: the guard checks keys per resolver, so an operation that calls none
 * (`{ __typename }`, introspection) was answered 200 with no key, a malformed one or an unknown one.
 * Apollo builds the context after the landing page (GET /graphql for a browser, a static page) and
 * before it parses the document, so a request without a key learns nothing of the schema, not even
 * from validation errors. The refusal is the one a resolver gives (UNAUTHENTICATED, same messages),
 * for the whole request: HTTP 401 and no `data`. With AUTH_READS=open nothing changes: a key is
 * checked where a resolver needs one.
 */
export function graphqlContext(keys: ApiKeyService, authReads: 'open' | 'key') {
  if (authReads !== 'key') return (req: unknown, res: unknown): GraphqlContext => ({ req, res });
  return async (req: unknown, res: unknown): Promise<GraphqlContext> => {
    try {
      await authenticate(keys, req as AuthenticatedRequest, 'reader');
    } catch (err) {
      let mapped = mapError(err);
      // The document is not read yet, so the refusal cannot say whether a query or a mutation was asked:
      // it names both roles rather than "reader", which a mutation would not do with.
      if (mapped.code === ErrorCode.UNAUTHENTICATED && (req as AuthenticatedRequest).headers?.authorization === undefined) {
        mapped = { ...mapped, message: GRAPHQL_KEY_REQUIRED };
      }
      if (mapped.code === ErrorCode.INTERNAL || mapped.code === ErrorCode.SERVICE_UNAVAILABLE) {
        log.error({ err, requestId: requestIdOf(req) }, `Request ${requestIdOf(req) ?? '-'} failed: ${(err as Error)?.message}`);
      }
      // Apollo answers a context that cannot be built with this error alone, its `http.status` as the status.
      throw new GraphQLError(mapped.message, {
        extensions: {
          code: mapped.graphqlCode,
          ...(mapped.details ? { details: mapped.details } : {}),
          http: { status: mapped.httpStatus },
        },
      });
    }
    return { req, res };
  };
}
