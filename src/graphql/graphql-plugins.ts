import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { GraphQLError, separateOperations } from 'graphql';
import { getComplexity, simpleEstimator, fieldExtensionsEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { ErrorCode } from '../common/domain-error.js';
import { graphqlRuntime } from './graphql-runtime.js';
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

/** Estimated costs of one parsed document, by operation name and variables; `null`: variables that do not coerce. */
type CostsOfDocument = Map<string, number | null>;
/** Variable sets remembered per document (a client sends the same few again and again), and their largest key. */
const MAX_COSTS_PER_DOCUMENT = 256;
const MAX_COST_KEY_LENGTH = 2048;

/**
 * Refuses operations whose estimated cost exceeds `maxCost`, before they run.
 *
 * The cost is a pure function of the schema, the document, the operation and the variables, and
 * Apollo hands the same DocumentNode for the same query text (its parsed-document cache), so the
 * estimate (a full TypeInfo walk of the document) is computed once per query and variables, not
 * once per request.
 */
export function costLimitPlugin(schemaRef: () => GraphQLSchema, maxCost: number): ApolloServerPlugin {
  let cacheSchema: GraphQLSchema | undefined;
  let cache = new WeakMap<DocumentNode, CostsOfDocument>();
  const estimate = (schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number | null => {
    const query = operationName ? separateOperations(document)[operationName] ?? document : document;
    try {
      // getComplexity coerces the variables with no error limit, and graphql-js prints the whole
      // offending value into each error: an input object with thousands of unknown keys took
      // quadratic time (5,000 keys, a 60 kB body: 15 s of blocked event loop). Stop at the first error.
      const operation = graphqlRuntime.getOperationAST(query, operationName);
      if (operation && graphqlRuntime.getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 }).errors) return null;
      return getComplexity({
        schema,
        query,
        variables,
        estimators: [pagedEstimator, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
      });
    } catch {
      return null;
    }
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(ctx) {
          const schema = schemaRef();
          if (schema !== cacheSchema) {
            cacheSchema = schema;
            cache = new WeakMap();
          }
          const document = ctx.document;
          const operationName = ctx.operationName ?? undefined;
          const variables = ctx.request.variables ?? {};
          let costs = cache.get(document);
          if (!costs) {
            costs = new Map();
            cache.set(document, costs);
          }
          let key: string | undefined;
          try {
            key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
          } catch {
            key = undefined; // not serialisable: estimate without remembering
          }
          if (key !== undefined && key.length > MAX_COST_KEY_LENGTH) key = undefined;
          let cost = key === undefined ? undefined : costs.get(key);
          if (cost === undefined) {
            cost = estimate(schema, document, operationName, variables);
            if (key !== undefined) {
              if (costs.size >= MAX_COSTS_PER_DOCUMENT) costs.delete(costs.keys().next().value as string);
              costs.set(key, cost);
            }
          }
          // Variables that do not coerce: execution reports them as BAD_USER_INPUT before anything runs.
          if (cost === null) return;
          if (cost > maxCost) {
            throw new GraphQLError(`The query's estimated cost ${cost} exceeds the limit ${maxCost}`, {
              extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, details: { cost, maxCost }, http: { status: 400 } },
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
