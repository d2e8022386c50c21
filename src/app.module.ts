import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import { ApiKeyGuard } from './auth/api-key.guard.js';
import { ApiKeyService } from './auth/api-key.service.js';
import { ApiKeysModule } from './auth/api-keys.module.js';
import { CapacityModule } from './capacity/capacity.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { ClusterAuditModule } from './cluster-audit/cluster-audit.module.js';
import { CniModule } from './cni/cni.module.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { RateLimitService } from './common/rate-limit.service.js';
import { ErrorCode } from './common/domain-error.js';
import { logDestination } from './common/log-destination.js';
import { serializeError } from './common/log-serializers.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { DATABASE_INFO, type DatabaseInfo } from './database/database-info.js';
import { buildDataSourceOptions } from './database/data-source-options.js';
import { DatabaseStartupService } from './database/database-startup.service.js';
import { DiagnosisModule } from './diagnosis/diagnosis.module.js';
import { BoundedDocumentStore } from './graphql/document-store.js';
import { admissionPlugin } from './graphql/admission.plugin.js';
import { MAX_REFRESHES_PAGE } from './catalog/catalog-refresh.model.js';
import { knownOperationTypesRule } from './graphql/known-operation-types.js';
import { metricsPlugin } from './graphql/metrics.plugin.js';
import { requestIdPlugin } from './graphql/request-id.plugin.js';
import { offlinePlaygroundPlugin } from './graphql/offline-playground.plugin.js';
import { graphqlContext } from './graphql/operation-auth.js';
import { aliasLimitRule, depthLimitRule, fragmentAndDirectiveLimitRule, QUERY_LIMIT_MARKER } from './graphql/query-limits.js';
import { HealthController } from './health/health.controller.js';
import { KarpenterModule } from './karpenter/karpenter.module.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsService } from './metrics/metrics.service.js';
import { PoliciesModule } from './policies/policies.module.js';
import { StartupService } from './startup.service.js';
import { shapeMetadata } from './common/shape-metadata.js';

const KNOWN_GRAPHQL_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Apollo's own request errors that carry no code but an HTTP 4xx (a persisted query whose hash does
 * not match its text) are a client's mistake; without a code they were masked as INTERNAL_SERVER_ERROR.
 */
function isCodelessClientError(error: unknown): boolean {
  const e = error as { extensions?: { code?: unknown; http?: { status?: unknown } }; originalError?: unknown } | null;
  const status = e?.extensions?.http?.status;
  return e?.extensions?.code === undefined && !e?.originalError && typeof status === 'number' && status >= 400 && status < 500;
}

const graphqlLog = new Logger('GraphQL');
const apolloLogger = {
  debug: (message: string) => graphqlLog.debug(message),
  info: (message: string) => graphqlLog.log(message),
  warn: (message: string) => graphqlLog.warn(message),
  error: (message: string) => graphqlLog.error(message),
};

/** Parsed documents kept (estimated heap bytes, entries): see BoundedDocumentStore. */
const DOCUMENT_STORE_BYTES = 32 * 1_048_576;
const DOCUMENT_STORE_ENTRIES = 5_000;

/** graphql-js's parse error for a document over `maxTokens`: a limit, not a syntax error. */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

/** Last line of defence for GraphQL: nothing but mapped errors leaves, never a stack or SQL. */
function formatGraphQLError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const tokenLimit = TOKEN_LIMIT_MESSAGE.exec(formatted.message);
  if (tokenLimit) {
    return {
      message: `The query has more than ${tokenLimit[1]} tokens (names, values and punctuation); the limit is ${tokenLimit[1]}`,
      extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, details: { maxTokens: Number(tokenLimit[1]) } },
    };
  }
  const code = formatted.extensions?.[QUERY_LIMIT_MARKER]
    ? ErrorCode.QUERY_TOO_COMPLEX
    : isCodelessClientError(error)
      ? 'BAD_REQUEST'
      : String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  if (!KNOWN_GRAPHQL_CODES.has(code)) {
    return {
      message: 'Internal error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: formatted.extensions?.requestId },
    };
  }
  const {
    stacktrace: _stack,
    exception: _exception,
    httpStatus: _status,
    [QUERY_LIMIT_MARKER]: _marker,
    ...extensions
  } = (formatted.extensions ?? {}) as Record<string, unknown>;
  return { ...formatted, extensions: { ...extensions, code } };
}

export interface AppModuleOptions {
  config: AppConfig;
  database: DatabaseInfo;
}

@Module({})
export class AppModule {
  static register({ config, database }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ScheduleModule.forRoot(),
        LoggerModule.forRoot({
          // Standard output, written asynchronously (see log-destination.ts).
          pinoHttp: [
            {
              level: config.logLevel === 'log' ? 'info' : config.logLevel,
              redact: ['req.headers.authorization', 'req.headers.cookie'],
              serializers: { err: serializeError },
            },
            logDestination(),
          ],
          // No pino-http per request (it built a redacted child logger for every request, logged or
          // not): configureApp logs one line per finished request, only at enabled levels.
          forRoutes: [],
        }),
        TypeOrmModule.forRoot(buildDataSourceOptions(database.url, database.embedded)),
        CatalogModule,
        CapacityModule,
        ApiKeysModule,
        CniModule,
        PoliciesModule,
        KarpenterModule,
        DiagnosisModule,
        ClusterAuditModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [CatalogModule],
          inject: [GraphQLSchemaHost, MetricsService, RateLimitService, ApiKeyService],
          useFactory: (schemaHost: GraphQLSchemaHost, metrics: MetricsService, rateLimit: RateLimitService, keys: ApiKeyService) => ({
            autoSchemaFile: true,
            sortSchema: true,
            // The GraphQL shapes of the model, input and args classes, read from their types and JSDoc by the
            // Nest CLI plugin (scripts/generate-metadata.mjs writes src/metadata.ts); a `number` is an Int
            // unless its field says Float.
            metadata: shapeMetadata,
            buildSchemaOptions: { numberScalarMode: 'integer' },
            path: '/graphql',
            playground: false,
            graphiql: false,
            introspection: config.graphql.introspection,
            // No "Did you mean ..." hints (they name fields and types) when the schema is not to be read.
            hideSchemaDetailsFromClientErrors: !config.graphql.introspection,
            // The parser stops at the token limit (GRAPHQL_MAX_TOKENS), before validation sees the document.
            parseOptions: { maxTokens: config.graphql.maxTokens },
            documentStore: new BoundedDocumentStore(DOCUMENT_STORE_BYTES, DOCUMENT_STORE_ENTRIES),
            includeStacktraceInErrorResponses: false,
            // Apollo's own messages through the service's logger (JSON lines), not console.
            logger: apolloLogger,
            // @as-integrations/fastify calls the context function with Fastify's request and reply; with
            // AUTH_READS=key it refuses a request without a valid key before the document is parsed.
            context: graphqlContext(keys, config.authReads),
            formatError: formatGraphQLError,
            validationRules: [
              knownOperationTypesRule,
              fragmentAndDirectiveLimitRule(config.graphql.maxFragments, config.graphql.maxDirectives),
              depthLimitRule(config.graphql.maxDepth),
              aliasLimitRule(config.graphql.maxAliases),
            ],
            plugins: [
              // Apollo installs its cache-control plugin unless told not to: it wraps every field resolution
              // to collect cache hints, and nothing here sets or reads them (no @cacheControl, no CDN).
              ApolloServerPluginCacheControlDisabled(),
              config.graphql.playground ? offlinePlaygroundPlugin() : ApolloServerPluginLandingPageDisabled(),
              admissionPlugin(() => schemaHost.schema, {
                maxCost: config.graphql.maxCost,
                // instanceTypes pages up to MAX_PAGE_SIZE, catalogRefreshes up to 200: the larger is the cap.
                maxPageSize: Math.max(config.limits.maxPageSize, MAX_REFRESHES_PAGE),
                hideSuggestions: !config.graphql.introspection,
                rateLimit,
              }),
              metricsPlugin(metrics),
              requestIdPlugin(),
            ],
          }),
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE_INFO, useValue: database },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        ApiKeyService,
        RateLimitService,
        DatabaseStartupService,
        StartupService,
      ],
      exports: [APP_CONFIG, DATABASE_INFO, ApiKeyService, RateLimitService],
    };
  }
}
