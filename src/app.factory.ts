import 'reflect-metadata';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Logger as NestPinoLogger, PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { bodyDepthLimit } from './common/body-depth-limit.js';
import { requestIdMiddleware, requestIdOf } from './common/request-id.js';
import { CachingValidationPipe } from './common/validation-pipe.js';
import type { AppConfig } from './config/app-config.js';
import { EmbeddedPostgres } from './database/embedded-postgres.js';
import { MetricsService } from './metrics/metrics.service.js';

export interface RunningApp {
  app: NestExpressApplication;
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

/** Builds the whole service: the database (embedded unless DATABASE_URL), Nest, REST docs. */
export async function createApp(config: AppConfig, options: { logger?: false | LogLevel[] } = {}): Promise<RunningApp> {
  const embedded = config.databaseUrl ? null : await EmbeddedPostgres.start(config.dataDir);
  let app: NestExpressApplication | undefined;
  try {
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.register({
        config,
        database: { url: config.databaseUrl ?? embedded!.url, embedded: embedded !== null },
      }),
      { logger: options.logger ?? logLevels(config.logLevel), bodyParser: false, abortOnError: false, bufferLogs: options.logger === undefined },
    );
    // Structured JSON logs (pino) for the service; tests pass their own quiet logger.
    if (options.logger === undefined) app.useLogger(app.get(NestPinoLogger));
    configureApp(app, config);
    await app.init();
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

function isGraphqlPath(url: string): boolean {
  return url.startsWith('/graphql') && (url.length === 8 || url[8] === '?');
}

export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  // No ETag: Express hashed every response body (SHA-1) so that a client could revalidate with If-None-Match.
  app.set('etag', false);
  if (config.trustProxy !== null) app.set('trust proxy', config.trustProxy);
  app.use(requestIdMiddleware);
  const metrics = app.get(MetricsService);
  // One 'finish' listener per request: the HTTP metrics, and one JSON log line (request id, method,
  // url, route, status, duration) at the level its status calls for, built only when that level is on.
  // Probes and scrapes every few seconds would drown the log, so /health and /metrics are not logged.
  app.use((req: Request & { route?: { path?: string } }, res: Response, next: () => void) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      // Apollo is mounted at /graphql, where Express leaves req.url (and req.path) as '/' once it answers.
      const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : isGraphqlPath(req.originalUrl) ? '/graphql' : 'unmatched';
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      metrics.httpDuration.observe({ method: req.method, route }, seconds);
      const logger = PinoLogger.root;
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      if (!logger?.isLevelEnabled(level) || /^\/(health|metrics)/.test(req.originalUrl)) return;
      logger[level](
        { reqId: requestIdOf(req), method: req.method, url: req.originalUrl, route, statusCode: res.statusCode, responseTime: Math.round(seconds * 1e3) },
        'request completed',
      );
    });
    next();
  });
  app.useBodyParser('json', { limit: config.limits.bodyBytes });
  app.useBodyParser('text', { limit: config.limits.bodyBytes, type: ['application/yaml', 'text/yaml', 'text/plain'] });
  app.use(bodyDepthLimit());
  app.useGlobalPipes(buildValidationPipe());

  // Built on the first request to /api/docs or /api/docs-json, not at start (same document).
  const document = () =>
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('eks-net-planner')
        .setDescription(
          'Networking answers for Windows worker nodes on Amazon EKS: the instance catalog, capacity math, ' +
            'CNI recommendations and policy templates. The same services answer on GraphQL at /graphql.',
        )
        .setVersion('1')
        .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key' })
        .build(),
    );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

export type { INestApplication };
