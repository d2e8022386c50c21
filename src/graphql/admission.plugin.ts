import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { getVariableValues, GraphQLError, TypeInfo, ValidationContext } from 'graphql';
import { createComplexityRule, simpleEstimator, fieldExtensionsEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { RateLimitService } from '../common/rate-limit.service.js';
import { ErrorCode } from '../common/domain-error.js';

/**
 * A paged field costs its selection once per item it may return: `first`, but at most `maxPageSize`, the
 * largest page a paged field serves. A bigger `first` never runs: the field refuses it as REST does
 * (BAD_USER_INPUT "first must be between 0 and 500"); priced as asked, `instanceTypes(first: 100000)` was
 * QUERY_TOO_COMPLEX, a code and message the same request over REST never gets.
 */
function pagedEstimator(maxPageSize: number): ComplexityEstimator {
  return ({ args, childComplexity }) =>
    typeof args.first === 'number' ? 1 + childComplexity * Math.min(maxPageSize, Math.max(1, args.first)) : undefined;
}

/** The estimators, in order (stateless: built once per plugin, not per request). */
export function estimatorsFor(maxPageSize: number): ComplexityEstimator[] {
  return [pagedEstimator(maxPageSize), fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })];
}

/** The estimators with no page-size cap (a `first` is priced as given). */
export const ESTIMATORS: ComplexityEstimator[] = estimatorsFor(Infinity);

type CostWalker = ReturnType<typeof createComplexityRule>;

/** graphql-query-complexity's walker on a context (its rule factory is the public way to build one). */
function costWalkerFor(estimators: ComplexityEstimator[]): CostWalker {
  return createComplexityRule({ maximumComplexity: Infinity, estimators });
}

const defaultCostWalker = costWalkerFor(ESTIMATORS);

/** Longest variable error message sent; graphql-js prints the whole offending value into it. */
const MAX_VARIABLE_MESSAGE = 600;

function shorten(message: string): string {
  return message.length <= MAX_VARIABLE_MESSAGE ? message : `${message.slice(0, 250)} … ${message.slice(-300)}`;
}

/** graphql-js's "Did you mean ...?" hints name fields, types and values; left out when introspection is off. */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean(.+?)\?$/, '');
}

export interface AdmissionOptions {
  maxCost: number;
  /** The largest `first` a paged field accepts (MAX_PAGE_SIZE): no page is priced above it. */
  maxPageSize: number;
  /** Drop "Did you mean" hints from variable errors (introspection off). */
  hideSuggestions: boolean;
  rateLimit: RateLimitService;
}

/**
 * The estimated cost of one operation, from graphql-query-complexity's own walk of its selections
 * (`QueryComplexity.nodeComplexity`, with the estimators above and the variables admission has
 * already coerced). `getComplexity` would visit the whole document with a TypeInfo and coerce the
 * variables a third time to reach the same walk: 17% of the CPU of a `nodeCapacity` request with
 * variables and 11% of a bare `{ __typename }` in the benchmark's profile, for the same number.
 * The walk stops with an error once it has visited `maxQueryNodes` (10,000) nodes; such a query, or
 * any the estimator cannot cost, is refused: reading the error as "no cost" admitted a query of
 * estimated cost 135,030 (limit 20,000) once a small fragment fan-out was added to it, and it answered
 * 200 with 5.7-11.3 MB.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  coercedVariables: Record<string, unknown>,
  costWalker: CostWalker = defaultCostWalker,
): number | null {
  const root = schema.getRootType(operation.operation);
  if (!root) return null;
  let failed = false;
  const context = new ValidationContext(schema, document, new TypeInfo(schema), () => {
    failed = true;
  });
  const walk = costWalker(context);
  walk.variableValues = coercedVariables;
  try {
    const cost = walk.nodeComplexity(operation, root);
    return failed || Number.isNaN(cost) ? null : cost;
  } catch {
    return null;
  }
}

function refusal(
  code: string,
  message: string,
  status: number,
  details?: Record<string, unknown>,
  nodes?: GraphQLError['nodes'],
  headers?: HeaderMap,
): GraphQLError {
  // Apollo reads `extensions.http` (status, and a HeaderMap of headers) for the response, then drops it.
  const extensions: Record<string, unknown> = { code, ...(details ? { details } : {}), http: { status, ...(headers ? { headers } : {}) } };
  return new GraphQLError(message, { nodes, extensions });
}

/**
 * Admits an operation before it runs, once Apollo has parsed it (with the token limit) and validated
 * it (with the depth, alias, fragment and directive rules), in this order:
 * 1. variables that do not coerce: one BAD_USER_INPUT error (400);
 * 2. the estimated cost: above `maxCost`, or not estimable, QUERY_TOO_COMPLEX (400);
 * 3. the client's rate budget, counted in the same cost units: the operation's cost is taken from it
 *    whole, or the request is refused whole with RATE_LIMITED (HTTP 429 and Retry-After).
 * Nothing is remembered per document or per variable set here: the cost walk is bounded by the
 * parser's token limit, and a per-document cache of verdicts was what grew without bound.
 */
export function admissionPlugin(schemaRef: () => GraphQLSchema, options: AdmissionOptions): ApolloServerPlugin {
  const { maxCost, hideSuggestions, rateLimit } = options;
  const costWalker = costWalkerFor(estimatorsFor(options.maxPageSize));
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(ctx) {
          const operation = ctx.operation;
          if (!operation) return;
          const schema = schemaRef();
          const variables = ctx.request.variables ?? {};
          // Coercion stops at the first error, and its message is bounded. Left to execution (or to
          // getComplexity, which coerces with no limit), graphql-js reports up to 50 errors, each printing the
          // whole offending value, then a code-less "Too many errors" that reached clients as
          // INTERNAL_SERVER_ERROR: an 880 kB input of 60,000 unknown keys took 15 s and answered 44 MB.
          const coercion = operation.variableDefinitions?.length
            ? getVariableValues(schema, operation.variableDefinitions, variables, { maxErrors: 1 })
            : { coerced: {} };
          const first = coercion.errors?.[0];
          if (first || !coercion.coerced) {
            const message = shorten(first?.message ?? 'The variables do not coerce');
            throw refusal('BAD_USER_INPUT', hideSuggestions ? withoutSuggestions(message) : message, 400, undefined, first?.nodes);
          }
          const cost = estimateCost(schema, ctx.document, operation, coercion.coerced, costWalker);
          if (cost === null) {
            throw refusal(
              ErrorCode.QUERY_TOO_COMPLEX,
              `The query's cost cannot be estimated (it expands to too many fields); the limit is ${maxCost}`,
              400,
              { maxCost },
            );
          }
          if (cost > maxCost) {
            throw refusal(ErrorCode.QUERY_TOO_COMPLEX, `The query's estimated cost ${cost} exceeds the limit ${maxCost}`, 400, {
              cost,
              maxCost,
            });
          }
          const req = (ctx.contextValue as { req?: object } | undefined)?.req;
          const verdict = req ? rateLimit.chargeGraphqlOperation(req, cost) : null;
          if (verdict && !verdict.allowed) {
            throw refusal(
              ErrorCode.RATE_LIMITED,
              verdict.message,
              429,
              verdict.details,
              undefined,
              new HeaderMap([['retry-after', String(verdict.retryAfterSeconds)]]),
            );
          }
        },
      };
    },
  };
}
