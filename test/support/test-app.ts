import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { createApp, type RunningApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/app-config.js';
import { OpenApiResponseValidator } from './openapi-response-validator.js';

/**
 * The PostgreSQL server the suite uses (CI starts one; see .ci/run). Each test file gets
 * a database of its own, created empty, so the service's own migrations build the schema.
 */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates an empty database on the test server and returns its URL and a way to drop it. */
export async function createEmptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `planner_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(TEST_POSTGRES_URL, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface TestApp {
  running: RunningApp;
  http: ReturnType<typeof request>;
  databaseUrl: string | null;
  /** POST /graphql with JSON; returns the supertest response. */
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): request.Test;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** `postgres` (default): a fresh database on the test server; `embedded`: PGlite in a temp dir. */
  database?: 'postgres' | 'embedded';
  /** Reuse this database URL (e.g. a second replica on the same database). */
  databaseUrl?: string;
  /** Reuse this data directory (embedded). */
  dataDir?: string;
  env?: Record<string, string | undefined>;
  /**
   * Check every response `http` receives against the OpenAPI document the service serves (default
   * true): an undocumented status, content type or body shape fails the request's test.
   */
  validateResponses?: boolean;
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/**
 * `request(server)` whose every request also checks its response against the OpenAPI document
 * (an extra supertest assertion, run before the test's own).
 */
function validatingAgent(agent: ReturnType<typeof request>, validator: OpenApiResponseValidator): ReturnType<typeof request> {
  return new Proxy(agent, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || !HTTP_METHODS.has(prop) || typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        (value as (...a: unknown[]) => request.Test).apply(target, args).expect((res: request.Response) => {
          const req = (res as unknown as { req: { method: string; path: string } }).req;
          const problems = validator.check({
            method: req.method,
            url: req.path,
            status: res.status,
            contentType: res.headers['content-type'],
            text: res.text ?? '',
            body: res.body,
          });
          if (problems.length)
            throw new Error(`The response does not match the OpenAPI document (/api/docs-json):\n${problems.join('\n')}`);
        });
    },
  });
}

/** Starts the whole service on an ephemeral port, as users run it. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const embedded = options.database === 'embedded';
  let dropDb: (() => Promise<void>) | undefined;
  let databaseUrl: string | null = null;
  let dataDir: string | undefined;
  let ownDataDir = false;
  if (embedded) {
    dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'planner-embedded-'));
    ownDataDir = !options.dataDir;
  } else if (options.databaseUrl) {
    databaseUrl = options.databaseUrl;
  } else {
    const db = await createEmptyDatabase();
    databaseUrl = db.url;
    dropDb = db.drop;
  }
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl ?? undefined,
    DATA_DIR: dataDir,
    ADMIN_API_KEY: ADMIN_KEY,
    LOG_LEVEL: 'error',
    CATALOG_VIEW_POLL_MS: '0',
    // No AWS Price List unless a test asks (CATALOG_PRICE_LIST: 'on' with AWS_ENDPOINT_URL_PRICING at a local endpoint).
    CATALOG_PRICE_LIST: 'off',
    EC2_MAX_ATTEMPTS: '3',
    ...options.env,
  });
  const running = await createApp(config, { logger: ['error', 'fatal'] });
  await running.app.listen(0, '127.0.0.1');
  const server = running.app.getHttpServer();
  let http = request(server);
  if (options.validateResponses !== false) {
    const document = (await request(server).get('/api/docs-json').expect(200)).body;
    http = validatingAgent(http, new OpenApiResponseValidator(document));
  }
  return {
    running,
    http,
    databaseUrl,
    gql(query, variables, headers = {}) {
      const req = request(server).post('/graphql').set('content-type', 'application/json');
      for (const [k, v] of Object.entries(headers)) req.set(k, v);
      return req.send({ query, variables });
    },
    async close() {
      await running.close();
      await dropDb?.();
      if (ownDataDir && dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const adminAuth = { authorization: `Bearer ${ADMIN_KEY}` };

/** Every instance type, paged through REST 500 at a time, in the order the pages give them. */
export async function allInstanceTypesOverRest(app: TestApp): Promise<any[]> {
  const nodes: any[] = [];
  let after: string | undefined;
  do {
    const res: any = await app.http
      .get('/api/v1/instance-types')
      .query({ first: 500, ...(after ? { after } : {}) })
      .expect(200);
    nodes.push(...res.body.nodes);
    after = res.body.pageInfo.hasNextPage ? res.body.pageInfo.endCursor : undefined;
  } while (after);
  return nodes;
}
