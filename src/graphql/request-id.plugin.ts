import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import { isGraphqlUrl } from '../common/error-mapping.js';
import { requestIdOf } from '../common/request-id.js';

/**
 * Every GraphQL error carries its request's id in `extensions.requestId`, as REST error bodies do:
 * those from resolvers get it from the exception filter, and this adds it to the rest (a document
 * that does not parse or validate, variables of the wrong type, a query over the limits), so that
 * whoever logs the body can quote the id the logs know the request by.
 */
export function requestIdPlugin(): ApolloServerPlugin<{ req?: unknown }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const requestId = requestIdOf(contextValue.req);
          if (requestId === undefined) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) =>
            error.extensions?.requestId === undefined ? { ...error, extensions: { ...error.extensions, requestId } } : error,
          );
        },
      };
    },
  };
}

type RefusalBody = { errors?: Array<{ extensions?: Record<string, unknown> } | null> };

/**
 * The same for what Apollo's HTTP layer refuses before a request reaches any plugin (a batch while
 * batching is off, a body with no query, a query or variables of the wrong type, a GET without a
 * preflight header): those errors had a code but no request id. Only error statuses on /graphql are
 * read, and only a body in which some error lacks the id is written again.
 */
export function registerGraphqlRefusalRequestIds(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode < 400 || typeof payload !== 'string' || !payload.startsWith('{"errors":') || !isGraphqlUrl(request.url)) {
      return done(null, payload);
    }
    let body: RefusalBody;
    try {
      body = JSON.parse(payload) as RefusalBody;
    } catch {
      return done(null, payload);
    }
    const errors = Array.isArray(body?.errors) ? body.errors : [];
    if (errors.every((e) => e?.extensions?.requestId !== undefined)) return done(null, payload);
    body.errors = errors.map((e) =>
      e?.extensions?.requestId === undefined ? { ...e, extensions: { ...e?.extensions, requestId: request.id } } : e,
    );
    done(null, JSON.stringify(body));
  });
}
