import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { MetricsService } from '../metrics/metrics.service.js';

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
    // A request refused while its context was built (AUTH_READS=key without a valid key:
    // operation-auth.ts) never starts an operation, so willSendResponse below never sees it. It is
    // counted as a request whose document was never read: operation `invalid`, type `unknown`,
    // outcome `error` (no client-chosen label); not timed, as no operation ran (the HTTP duration has it).
    async contextCreationDidFail() {
      metrics.graphqlOperations.inc({ operation: 'invalid', type: 'unknown', outcome: 'error' });
    },
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
