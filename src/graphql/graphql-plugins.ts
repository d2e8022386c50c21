import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { getVariableValues, GraphQLError, separateOperations } from 'graphql';
import { getComplexity, simpleEstimator, fieldExtensionsEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { ErrorCode } from '../common/domain-error.js';
import type { MetricsService } from '../metrics/metrics.service.js';

const DEFAULT_QUERY = `# eks-net-planner: try a query, then press the run button.
{
  instanceType(name: "m5.large") {
    name
    hypervisor
    ipv4AddressesPerInterface
    defaultCardNetworkInterfaces
    regions
  }
}
`;

let landingHtml: string | undefined;

/**
 * Serves a self-contained GraphiQL at GET /graphql (browsers). Every asset is inlined,
 * so it works with no internet: Apollo's own landing pages load from a CDN.
 * The renderer (a 9 MB module) is imported on the first page view, not at start.
 */
export function offlinePlaygroundPlugin(): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        // Apollo calls this at start; `html` as a function runs on each page view.
        async renderLandingPage() {
          return {
            async html() {
              if (landingHtml === undefined) {
                const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
                landingHtml = renderGraphiQL({ endpoint: '/graphql', title: 'eks-net-planner', defaultQuery: DEFAULT_QUERY });
              }
              return landingHtml;
            },
          };
        },
      };
    },
  };
}

/** A paged field costs its selection once per item it may return (`first`). */
const pagedEstimator: ComplexityEstimator = ({ args, childComplexity }) =>
  typeof args.first === 'number' ? 1 + childComplexity * Math.max(1, args.first) : undefined;

/** Longest variable error message sent; graphql-js prints the whole offending value into it. */
const MAX_VARIABLE_MESSAGE = 600;

function shorten(message: string): string {
  return message.length <= MAX_VARIABLE_MESSAGE ? message : `${message.slice(0, 250)} … ${message.slice(-300)}`;
}

/** What admission decided for one operation and variable set: its estimated cost, or the variables' first error. */
type Verdict = { cost: number | null } | { variableError: { message: string; nodes: GraphQLError['nodes'] } };
/** Verdicts remembered per parsed document (a client sends the same few variable sets again and again). */
type VerdictsOfDocument = Map<string, Verdict>;
const MAX_VERDICTS_PER_DOCUMENT = 256;
const MAX_VERDICT_KEY_LENGTH = 2048;

function judge(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, operationName: string | undefined, variables: Record<string, unknown>): Verdict {
  // Coercion stops at the first error, and its message is bounded. Left to execution (or to
  // getComplexity, which coerces with no limit), graphql-js reports up to 50 errors, each printing the
  // whole offending value, then a code-less "Too many errors" that reached clients as
  // INTERNAL_SERVER_ERROR: an 880 kB input of 60,000 unknown keys took 15 s and answered 44 MB.
  const first = operation.variableDefinitions?.length
    ? getVariableValues(schema, operation.variableDefinitions, variables, { maxErrors: 1 }).errors?.[0]
    : undefined;
  if (first) {
    return { variableError: { message: shorten(first.message), nodes: first.nodes } };
  }
  const query = operationName ? separateOperations(document)[operationName] ?? document : document;
  try {
    return {
      cost: getComplexity({
        schema,
        query,
        variables,
        estimators: [pagedEstimator, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
      }),
    };
  } catch {
    // getComplexity throws only on operations that execution refuses on its own, with a proper error.
    return { cost: null };
  }
}

/**
 * Admits an operation before it runs: variables that do not coerce get one BAD_USER_INPUT error
 * (400), and operations whose estimated cost exceeds `maxCost` get QUERY_TOO_COMPLEX (400).
 *
 * Both are pure functions of the schema, the document, the operation and the variables, and Apollo
 * hands the same DocumentNode for the same query text (its parsed-document cache), so the verdict
 * (a coercion of the variables and a full TypeInfo walk of the document) is reached once per query
 * and variable set, not once per request.
 */
export function admissionPlugin(schemaRef: () => GraphQLSchema, maxCost: number): ApolloServerPlugin {
  let cacheSchema: GraphQLSchema | undefined;
  let cache = new WeakMap<DocumentNode, VerdictsOfDocument>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(ctx) {
          const operation = ctx.operation;
          if (!operation) return;
          const schema = schemaRef();
          if (schema !== cacheSchema) {
            cacheSchema = schema;
            cache = new WeakMap();
          }
          const document = ctx.document;
          const operationName = ctx.operationName ?? undefined;
          const variables = ctx.request.variables ?? {};
          let verdicts = cache.get(document);
          if (!verdicts) {
            verdicts = new Map();
            cache.set(document, verdicts);
          }
          let key: string | undefined;
          try {
            key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
          } catch {
            key = undefined; // not serialisable: judge without remembering
          }
          if (key !== undefined && key.length > MAX_VERDICT_KEY_LENGTH) key = undefined;
          let verdict = key === undefined ? undefined : verdicts.get(key);
          if (verdict === undefined) {
            verdict = judge(schema, document, operation, operationName, variables);
            if (key !== undefined) {
              if (verdicts.size >= MAX_VERDICTS_PER_DOCUMENT) verdicts.delete(verdicts.keys().next().value as string);
              verdicts.set(key, verdict);
            }
          }
          if ('variableError' in verdict) {
            throw new GraphQLError(verdict.variableError.message, {
              nodes: verdict.variableError.nodes,
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
          if (verdict.cost !== null && verdict.cost > maxCost) {
            throw new GraphQLError(`The query's estimated cost ${verdict.cost} exceeds the limit ${maxCost}`, {
              extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, details: { cost: verdict.cost, maxCost }, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/** Distinct operation names given their own series; later ones, and long ones, count as `other`. */
const MAX_OPERATION_LABELS = 100;
const MAX_OPERATION_LABEL_LENGTH = 64;

/**
 * Counts and times GraphQL operations by name, type and outcome. Operation names are chosen by
 * clients: each new one used to add series to the registry for the life of the process, so a
 * client sending `query Scan1`, `query Scan2`, ... grew memory and every scrape without bound.
 */
export function metricsPlugin(metrics: MetricsService): ApolloServerPlugin {
  const named = new Set<string>();
  const label = (name: string): string => {
    if (named.has(name)) return name;
    if (name.length > MAX_OPERATION_LABEL_LENGTH || named.size >= MAX_OPERATION_LABELS) return 'other';
    named.add(name);
    return name;
  };
  return {
    async requestDidStart(requestContext: GraphQLRequestContext<object>) {
      const start = process.hrtime.bigint();
      void requestContext;
      return {
        async willSendResponse(ctx) {
          const operation = ctx.operationName ? label(ctx.operationName) : ctx.operation ? 'anonymous' : 'invalid';
          const type = ctx.operation?.operation ?? 'unknown';
          const outcome = ctx.errors?.length ? 'error' : 'success';
          metrics.graphqlOperations.inc({ operation, type, outcome });
          metrics.graphqlDuration.observe({ operation, type }, Number(process.hrtime.bigint() - start) / 1e9);
        },
      };
    },
  };
}
