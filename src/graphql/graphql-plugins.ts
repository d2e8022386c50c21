import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError, separateOperations } from 'graphql';
import { getComplexity, simpleEstimator, fieldExtensionsEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { GraphQLSchema } from 'graphql';
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
 */
export function offlinePlaygroundPlugin(): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          landingHtml ??= renderGraphiQL({ endpoint: '/graphql', title: 'eks-net-planner', defaultQuery: DEFAULT_QUERY });
          return { html: landingHtml };
        },
      };
    },
  };
}

/** A paged field costs its selection once per item it may return (`first`). */
const pagedEstimator: ComplexityEstimator = ({ args, childComplexity }) =>
  typeof args.first === 'number' ? 1 + childComplexity * Math.max(1, args.first) : undefined;

/** Refuses operations whose estimated cost exceeds `maxCost`, before they run. */
export function costLimitPlugin(schemaRef: () => GraphQLSchema, maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(ctx) {
          const document = ctx.document;
          const operationName = ctx.operationName ?? undefined;
          const query = operationName ? separateOperations(document)[operationName] ?? document : document;
          let cost: number;
          try {
            cost = getComplexity({
              schema: schemaRef(),
              query,
              variables: ctx.request.variables ?? {},
              estimators: [pagedEstimator, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Variables that do not coerce: execution reports them as BAD_USER_INPUT before anything runs.
            return;
          }
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

/** Counts and times GraphQL operations by name, type and outcome. */
export function metricsPlugin(metrics: MetricsService): ApolloServerPlugin {
  return {
    async requestDidStart(requestContext: GraphQLRequestContext<object>) {
      const start = process.hrtime.bigint();
      void requestContext;
      return {
        async willSendResponse(ctx) {
          const operation = ctx.operationName ?? (ctx.operation ? 'anonymous' : 'invalid');
          const type = ctx.operation?.operation ?? 'unknown';
          const outcome = ctx.errors?.length ? 'error' : 'success';
          metrics.graphqlOperations.inc({ operation, type, outcome });
          metrics.graphqlDuration.observe({ operation, type }, Number(process.hrtime.bigint() - start) / 1e9);
        },
      };
    },
  };
}
