import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { shapeMetadata } from './common/shape-metadata.js';
import { addValidatorBoundsToOpenApi } from './common/openapi-validation-bounds.js';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Logger as NestPinoLogger, PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { MAX_BODY_DEPTH, nestsDeeperThan } from './common/body-depth-limit.js';
import { DomainError, ErrorCode } from './common/domain-error.js';
import { errorBodyFor, isGraphqlUrl, mapError, statusFor, YAML_BODY_ROUTES } from './common/error-mapping.js';
import { answerClientError } from './common/client-error.js';
import { registerHttpCaching } from './common/http-caching.js';
import { completeOpenApiDocument } from './common/openapi-document.js';
import { registerMethodNotAllowed } from './common/method-not-allowed.js';
import { registerGraphqlRefusalRequestIds } from './graphql/request-id.plugin.js';
import { registerGraphqlHead } from './graphql/head-requests.js';
import { RateLimitService } from './common/rate-limit.service.js';
import { requestIdFor } from './common/request-id.js';
import { registerRequestState } from './common/request-state.js';
import { CachingValidationPipe } from './common/validation-pipe.js';
import type { AppConfig } from './config/app-config.js';
import { EmbeddedPostgres } from './database/embedded-postgres.js';
import { MetricsService } from './metrics/metrics.service.js';
import { CatalogViewService } from './catalog/catalog-view.service.js';
import { PriceViewService } from './catalog/price-view.service.js';
import { ApiKeyService } from './auth/api-key.service.js';

export interface RunningApp {
  app: NestFastifyApplication;
  config: AppConfig;
  embedded: EmbeddedPostgres | null;
  /** Stops the service, then the embedded database (if any). */
  close(): Promise<void>;
}

/** One validation for REST bodies, REST queries and GraphQL arguments alike. */
export function buildValidationPipe(): CachingValidationPipe {
  return new CachingValidationPipe();
}

function logLevels(level: string): LogLevel[] {
  const order: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
  const map: Record<string, LogLevel> = { info: 'log', trace: 'verbose' };
  const wanted = map[level] ?? (level as LogLevel);
  const idx = order.indexOf(wanted);
  return order.slice(0, idx < 0 ? 4 : idx + 1);
}

/**
 * Builds the whole service: the database (embedded unless DATABASE_URL), Nest, REST docs.
 * `options.embedded`: the embedded database, already started by the caller (server.ts boots it
 * while this module's imports load); the app stops it like one it started.
 */
export async function createApp(
  config: AppConfig,
  options: { logger?: false | LogLevel[]; embedded?: EmbeddedPostgres | null } = {},
): Promise<RunningApp> {
  const embedded = options.embedded !== undefined ? options.embedded : await EmbeddedPostgres.forConfig(config);
  let app: NestFastifyApplication | undefined;
  try {
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule.register({
        config,
        database: { url: config.databaseUrl ?? embedded!.url, embedded: embedded !== null },
      }),
      new FastifyAdapter({
        bodyLimit: config.limits.bodyBytes,
        // A request not received whole within the limit is answered 408 (answerClientError). Node checks
        // its connections every connectionsCheckingInterval (30 s by default): a quarter of the limit keeps
        // the answer within 25% of it.
        requestTimeout: config.limits.requestTimeoutMs,
        http: {
          requestTimeout: config.limits.requestTimeoutMs,
          connectionsCheckingInterval: Math.min(30_000, Math.ceil(config.limits.requestTimeoutMs / 4)),
        },
        trustProxy: config.trustProxy ?? false,
        // The caller's x-request-id when it is sane, else a new one (requestIdFor); Fastify keeps it as request.id.
        genReqId: requestIdFor,
        requestIdHeader: false,
        logger: false,
        // Path parameters (instance type names, ids) of any length reach the handlers, which answer
        // 404 or 400 in the service's error shape; Node's 16 kB header limit bounds the URL anyway.
        routerOptions: { maxParamLength: 16_384 },
        // A request Node's parser cannot read (a control character in a header, a malformed request
        // line): the service's error shape on the raw socket, then the connection closed.
        clientErrorHandler: answerClientError,
        // Errors Fastify answers before routing (a path that is not valid percent-encoding): the
        // service's error shape and request id, like every other error.
        frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
          const mapped = mapError(error);
          reply
            .code(mapped.httpStatus)
            .header('x-request-id', request.id)
            .send(errorBodyFor(request.url, mapped, request.id));
        },
      }),
      {
        logger: options.logger ?? logLevels(config.logLevel),
        bodyParser: false,
        abortOnError: false,
        bufferLogs: options.logger === undefined,
      },
    );
    // Structured JSON logs (pino) for the service; tests pass their own quiet logger.
    if (options.logger === undefined) app.useLogger(app.get(NestPinoLogger));
    // The OpenAPI shapes of the model, input and args classes, read from their types and JSDoc (src/metadata.ts).
    await SwaggerModule.loadPluginMetadata(shapeMetadata);
    // ... and the bounds their validators enforce, where the plugin could not copy them.
    await addValidatorBoundsToOpenApi(shapeMetadata);
    configureApp(app, config);
    await app.init();
    // Routes (GraphQL's among them) are added during init; Fastify serves them once it is ready.
    await app.getHttpAdapter().getInstance().ready();
  } catch (err) {
    await app?.close().catch(() => {});
    await embedded?.stop().catch(() => {});
    throw err;
  }
  const started = app;
  return {
    app: started,
    config,
    embedded,
    async close() {
      await started.close();
      await embedded?.stop();
    },
  };
}

/**
 * Fastify's parser refuses `__proto__` and `constructor.prototype` keys with the message it gives
 * malformed JSON; when the text is valid JSON, that was the reason, and the client is told so.
 */
function forbiddenKeyError(text: string): DomainError | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  return new DomainError(
    ErrorCode.VALIDATION_FAILED,
    'The request body is JSON, but holds a "__proto__" or "constructor": {"prototype": ...} key, which is refused',
    { rule: 'FORBIDDEN_KEY' },
  );
}

export { YAML_BODY_ROUTES };

/**
 * The probes and the scrape, whose requests are neither logged (every few seconds, they would drown
 * the log) nor rate limited: these paths exactly, not every path that begins like them (`/healthz`,
 * `/metrics.json` are 404s like any other, counted and logged).
 */
const QUIET_ROUTES = /^\/(health\/(live|ready)|metrics)(\?|$)/;

/**
 * Routes whose query string may carry pasted cluster state, logged without it: the GET of the subnet
 * /28 map, and GraphQL over GET, whose variables hold what a POST sends in its body (pasted events and
 * cluster dumps for `diagnose` and `auditCluster`; a POST's line has no body either).
 */
const PASTED_QUERY_ROUTES = new Set(['/api/v1/capacity/subnet-prefixes', '/graphql']);

function loggedUrl(url: string, route: string): string {
  const q = url.indexOf('?');
  return q >= 0 && PASTED_QUERY_ROUTES.has(route) ? `${url.slice(0, q)}?(query not logged)` : url;
}

/**
 * What answers are computed under besides the request and the catalog: this build (the compiled
 * module's modification time: each build and image has its own) and the configuration, secrets left out.
 */
export function answerFingerprint(config: AppConfig): string {
  const { adminApiKey: _key, databaseUrl: _url, ...settings } = config;
  let built = '';
  try {
    built = String(statSync(fileURLToPath(import.meta.url)).mtimeMs);
  } catch {
    // not from a file: the configuration alone
  }
  return createHash('sha1')
    .update(`${built}\n${JSON.stringify(settings)}`)
    .digest('base64url');
}

export function configureApp(app: NestFastifyApplication, config: AppConfig): void {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const rateLimit = app.get(RateLimitService);
  // One property on every request for what the hooks below decide about it (request-state.ts).
  registerRequestState(fastify);
  // ETag, Cache-Control and 304 for every GET, REST and GraphQL. A revalidation of an answer that
  // depends only on the request and the catalog is answered on arrival (see http-caching.ts).
  const catalogView = app.get(CatalogViewService);
  const priceView = app.get(PriceViewService);
  const keys = app.get(ApiKeyService);
  const caching = registerHttpCaching(fastify, {
    catalogVersion: () => {
      const view = catalogView.current();
      return view ? (view.version ?? `loaded-${view.loadedAt.getTime()}`) : null;
    },
    priceVersion: () => priceView.version,
    readsNeedKey: config.authReads === 'key',
    fingerprint: answerFingerprint(config),
    knownKeyId: (key) => keys.knownPrincipal(key)?.keyId,
    maxGraphqlTokens: config.graphql.maxTokens,
  });
  // Every response carries its request id back; logs and error bodies carry it too. Then the rate
  // limit counts every request as it arrives, before routing, authentication or parsing (probes and
  // metrics excepted): GraphQL requests that run no resolver and failed authentications included;
  // a revalidation answered 304 on arrival costs the least.
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    const notModified = caching.checkOnArrival(request);
    if (!rateLimit.enabled || QUIET_ROUTES.test(request.url)) {
      if (notModified) caching.sendNotModified(request, reply, notModified);
      return done();
    }
    const graphql = isGraphqlUrl(request.url);
    const verdict = rateLimit.chargeArrival(request, notModified ? 'not-modified' : graphql ? 'graphql' : 'rest');
    if (!verdict || verdict.allowed) {
      if (notModified) caching.sendNotModified(request, reply, notModified);
      return done();
    }
    reply.code(429).header('retry-after', String(verdict.retryAfterSeconds));
    const mapped = {
      code: ErrorCode.RATE_LIMITED,
      ...statusFor(ErrorCode.RATE_LIMITED),
      message: verdict.message,
      details: verdict.details,
    };
    reply.send(errorBodyFor(request.url, mapped, request.id));
  });
  // 405 with Allow for a known path and the wrong method (routes are recorded as they are added).
  registerMethodNotAllowed(fastify);
  // Apollo's own HTTP-level refusals on /graphql (a batch, no query, variables not an object) get the request id too.
  registerGraphqlRefusalRequestIds(fastify);
  // HEAD on /graphql as GET (Apollo's handler refused HEAD, which the 405 of other methods lists).
  registerGraphqlHead(fastify);
  // CORS for the portals named in CORS_ORIGINS only (off by default): preflights on REST and
  // /graphql, credentials never (keys travel in Authorization). Apollo's CSRF prevention stays on:
  // a simple cross-site request still cannot run an operation.
  // The origin is decided first: @fastify/cors given the list still wrote Access-Control-Expose-Headers
  // on every response, and answered any origin's preflight 204 with the methods, headers and max age
  // (only Allow-Origin left out). A callback's `false` turns CORS off for the request: an origin not
  // listed (or no Origin) gets no CORS header at all, and its preflight is not answered. Vary: Origin stays.
  if (config.corsOrigins) {
    const allowed = new Set(config.corsOrigins);
    app.enableCors({
      origin: (origin: string | undefined, callback: (error: Error | null, origin: string | false) => void) =>
        callback(null, origin !== undefined && allowed.has(origin) ? origin : false),
      methods: ['GET', 'HEAD', 'POST', 'DELETE'],
      exposedHeaders: ['x-request-id', 'etag', 'location', 'retry-after'],
      maxAge: 600,
    });
  }
  const metrics = app.get(MetricsService);
  // After each response: the HTTP metrics, and one JSON log line (request id, method, url, route,
  // status, duration) at the level its status calls for, built only when that level is on.
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1e3;
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, seconds);
    const logger = PinoLogger.root;
    const level = reply.statusCode >= 500 ? 'error' : reply.statusCode >= 400 ? 'warn' : 'info';
    if (logger?.isLevelEnabled(level) && !QUIET_ROUTES.test(request.url)) {
      logger[level](
        {
          reqId: request.id,
          method: request.method,
          url: loggedUrl(request.url, route),
          route,
          statusCode: reply.statusCode,
          responseTime: Math.round(seconds * 1e3),
        },
        'request completed',
      );
    }
    done();
  });
  // JSON bodies: Fastify's own parser (it refuses __proto__ and constructor.prototype keys), then a
  // nesting limit: a 20 kB body of nested arrays sent class-transformer (the validation pipe) into a
  // stack overflow.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    void parseJson(request, body as string, (err, value) => {
      if (err) return done(forbiddenKeyError(body as string) ?? err, undefined);
      if (nestsDeeperThan(value, MAX_BODY_DEPTH)) {
        return done(
          new DomainError(ErrorCode.VALIDATION_FAILED, `The request body nests objects or arrays more than ${MAX_BODY_DEPTH} levels deep`, {
            rule: 'MAX_DEPTH',
            maxDepth: MAX_BODY_DEPTH,
          }),
          undefined,
        );
      }
      done(null, value);
    });
  });
  // No route reads plain text: a text/plain body is 415 UNSUPPORTED_MEDIA_TYPE like any other type.
  fastify.removeContentTypeParser('text/plain');
  // YAML is read as text by the one route that takes it (the Windows policy check, the manifest as
  // its body); elsewhere it is 415 like any other type, not a body the validation misreads.
  fastify.addContentTypeParser(['application/yaml', 'text/yaml'], { parseAs: 'string' }, (request, body, done) => {
    if (!YAML_BODY_ROUTES.has(request.routeOptions.url ?? '')) {
      return done(
        new DomainError(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          `This route reads application/json, not ${request.headers['content-type']?.split(';')[0] ?? 'YAML'}`,
          { supported: ['application/json'] },
        ),
        undefined,
      );
    }
    done(null, body);
  });
  app.useGlobalPipes(buildValidationPipe());

  // Built on the first request to /api/docs or /api/docs-json, not at start (same document).
  // Operation ids are the handler names unless a route names its own (ApiOperation operationId);
  // completeOpenApiDocument adds what holds for every route (common errors, caching, tags, security).
  const document = () =>
    completeOpenApiDocument(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle('eks-net-planner')
          .setDescription(
            'Networking answers for Windows worker nodes on Amazon EKS: the instance catalog, capacity math, ' +
              'CNI recommendations and policy templates. The same services answer on GraphQL at /graphql.',
          )
          .setVersion('1')
          .addBearerAuth(
            {
              type: 'http',
              scheme: 'bearer',
              bearerFormat: 'API key',
              description: 'An API key (`npm run apikey -- create`, or POST /api/v1/api-keys): `Authorization: Bearer <key>`',
            },
            'bearer',
          )
          .build(),
        { operationIdFactory: (_controllerKey: string, methodKey: string) => methodKey },
      ),
    );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

export type { INestApplication };
