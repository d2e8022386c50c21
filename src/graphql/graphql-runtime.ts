import { createRequire } from 'node:module';

/**
 * graphql-js as Apollo and Nest load it (CommonJS). Functions that check types with `instanceof`,
 * such as getVariableValues, must come from the instance that built the schema: under Vite (the
 * test runner) `import 'graphql'` resolves to graphql's ESM build, a second instance that fails
 * with "Cannot use GraphQLScalarType "String" from another module or realm". In Node both are one.
 */
export const graphqlRuntime = createRequire(import.meta.url)('graphql') as typeof import('graphql');
