import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { graphqlRuntime } from './graphql-runtime.js';

/** Longest variable error message sent; graphql-js prints the whole offending value into it. */
const MAX_MESSAGE = 600;

function shorten(message: string): string {
  return message.length <= MAX_MESSAGE ? message : `${message.slice(0, 250)} … ${message.slice(-300)}`;
}

/**
 * Refuses variables that do not coerce with one BAD_USER_INPUT error (400), before execution.
 *
 * Left to execution, graphql-js reports up to 50 coercion errors, each printing the whole
 * offending value, then a code-less "Too many errors" that reached clients as
 * INTERNAL_SERVER_ERROR: an 880 kB input object of 60,000 unknown keys took 15 s and answered
 * 44 MB. Here coercion stops at the first error and the message is bounded.
 */
export function variableCoercionPlugin(schemaRef: () => GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(ctx) {
          const operation = ctx.operation;
          if (!operation?.variableDefinitions?.length) return;
          const { errors } = graphqlRuntime.getVariableValues(schemaRef(), operation.variableDefinitions, ctx.request.variables ?? {}, { maxErrors: 1 });
          const first = errors?.[0];
          if (!first) return;
          throw new GraphQLError(shorten(first.message), {
            nodes: first.nodes,
            extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
          });
        },
      };
    },
  };
}
