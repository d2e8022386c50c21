import type { ApolloServerPlugin } from '@apollo/server';
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
