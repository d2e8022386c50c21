import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * Refuses operations of a type the schema has no root for (a `subscription` here), as graphql-js
 * 17's KnownOperationTypesRule does. graphql-js 16 lets them through validation and fails them
 * only at execution, with an error that has no code, which reached clients as
 * INTERNAL_SERVER_ERROR ("Internal error") for what is a client's mistake.
 */
export function knownOperationTypesRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (!context.getSchema().getRootType(node.operation)) {
        context.reportError(new GraphQLError(`This service has no ${node.operation} operations`, { nodes: node }));
      }
    },
  };
}
