import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { REGION_NAME } from '../common/aws-names.js';

/**
 * The service's whole configuration, read from the environment once and validated.
 * Nothing else in the service reads process.env (the AWS SDK reads its own standard
 * variables: AWS_REGION, AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL_PRICING, credentials).
 */
export interface AppConfig {
  port: number;
  host: string;
  /** postgres:// URL; null means the embedded database in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Bootstrap admin key (ADMIN_API_KEY); null when unset. */
  adminApiKey: string | null;
  /** `open`: reads need no key; `key`: reads need a reader (or admin) key. */
  authReads: 'open' | 'key';
  catalog: {
    /** Cron expression for scheduled refreshes; null = off (the default). */
    refreshCron: string | null;
    /** Regions to refresh; null = every enabled region from DescribeRegions. */
    refreshRegions: string[] | null;
    ec2Concurrency: number;
    ec2MaxAttempts: number;
    ec2RequestTimeoutMs: number;
    /** How often a replica checks whether another replica refreshed the catalog. */
    viewPollMs: number;
    /**
     * Read Windows on-demand prices and availability from the AWS Price List API (pricing:GetProducts) during
     * a refresh (CATALOG_PRICE_LIST, default on). The SDK honours AWS_ENDPOINT_URL_PRICING.
     */
    priceList: boolean;
  };
  graphql: {
    playground: boolean;
    introspection: boolean;
    maxDepth: number;
    maxCost: number;
    maxAliases: number;
    /** Most lexical tokens in a document; the parser stops beyond (GraphQL Armor's maxTokens). */
    maxTokens: number;
    /** Most fragment definitions in a document. */
    maxFragments: number;
    /** Most directives in a document (GraphQL Armor's maxDirectives). */
    maxDirectives: number;
  };
  limits: {
    bodyBytes: number;
    /**
     * How long a client may take to send a whole request, headers and body (Node's server.requestTimeout;
     * 408 beyond). Fastify turns Node's own 300 s off, which let a body that never ends hold a connection forever.
     */
    requestTimeoutMs: number;
    /** Each client's budget in cost units a minute (the units of GRAPHQL_MAX_COST); 0 = no rate limit. */
    rateLimitPerMinute: number;
    /** What one REST request costs from that budget. */
    restRequestCost: number;
    maxPageSize: number;
  };
  logLevel: string;
  /** CORS_ORIGINS: browser origins (`https://portal.example.com`) whose pages may call the API; null = CORS off. */
  corsOrigins: string[] | null;
  /** The proxies whose X-Forwarded-For names the client (addresses, CIDRs or proxy-addr's names), so rate limits see clients; null = off. */
  trustProxy: string | null;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

/**
 * CORS_ORIGINS: comma-separated origins, each `scheme://host[:port]` (http or https, no path), as a
 * browser sends it in its Origin header; empty or unset is off.
 */
function readCorsOrigins(env: Env): string[] | null {
  const raw = env.CORS_ORIGINS?.trim();
  if (!raw) return null;
  const origins = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let url: URL | null = null;
    try {
      url = new URL(origin);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin) {
      throw new ConfigError(
        `CORS_ORIGINS must list origins such as https://portal.example.com (scheme, host and port only, lower case, no path or trailing slash), got "${origin}"`,
      );
    }
  }
  return origins.length ? [...new Set(origins)] : null;
}

const CRON_FIELD = /^[\d*/,\-A-Za-z?LW#]+$/;

export function loadConfig(env: Env = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// URL');
  }
  const authReads = (env.AUTH_READS?.trim() || 'open').toLowerCase();
  if (authReads !== 'open' && authReads !== 'key') throw new ConfigError('AUTH_READS must be "open" or "key"');

  const adminApiKey = env.ADMIN_API_KEY?.trim() || null;
  if (adminApiKey !== null && adminApiKey.length < 16) {
    throw new ConfigError('ADMIN_API_KEY must be at least 16 characters');
  }

  const refreshCron = env.CATALOG_REFRESH_CRON?.trim() || null;
  if (refreshCron !== null) {
    const fields = refreshCron.split(/\s+/);
    if (fields.length < 5 || fields.length > 6 || !fields.every((f) => CRON_FIELD.test(f))) {
      throw new ConfigError(`CATALOG_REFRESH_CRON is not a cron expression: "${refreshCron}"`);
    }
  }
  const regionsRaw = env.CATALOG_REFRESH_REGIONS?.trim();
  const refreshRegions = regionsRaw
    ? regionsRaw
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean)
    : null;
  for (const region of refreshRegions ?? []) {
    if (!REGION_NAME.test(region)) throw new ConfigError(`CATALOG_REFRESH_REGIONS has an invalid region "${region}"`);
  }
  const production = env.NODE_ENV === 'production';
  const maxCost = readInt(env, 'GRAPHQL_MAX_COST', 20_000, 10, 10_000_000);
  const rateLimitPerMinute = readInt(env, 'RATE_LIMIT_PER_MINUTE', 60_000, 0, 100_000_000);
  const restRequestCost = readInt(env, 'RATE_LIMIT_REST_COST', 10, 1, 1_000_000);
  if (rateLimitPerMinute > 0 && rateLimitPerMinute < Math.max(maxCost, restRequestCost)) {
    // A budget below the cost of an admitted request would refuse that request for ever.
    throw new ConfigError(
      `RATE_LIMIT_PER_MINUTE (${rateLimitPerMinute}) must be 0 (off) or at least GRAPHQL_MAX_COST (${maxCost}) and RATE_LIMIT_REST_COST (${restRequestCost})`,
    );
  }

  return {
    port: readInt(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl,
    dataDir: resolve(env.DATA_DIR?.trim() || '.data'),
    adminApiKey,
    authReads,
    catalog: {
      refreshCron,
      refreshRegions,
      ec2Concurrency: readInt(env, 'EC2_CONCURRENCY', 4, 1, 32),
      ec2MaxAttempts: readInt(env, 'EC2_MAX_ATTEMPTS', 6, 1, 20),
      ec2RequestTimeoutMs: readInt(env, 'EC2_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
      viewPollMs: readInt(env, 'CATALOG_VIEW_POLL_MS', 10_000, 0, 3_600_000),
      priceList: readBool(env, 'CATALOG_PRICE_LIST', true),
    },
    graphql: {
      playground: readBool(env, 'GRAPHQL_PLAYGROUND', !production),
      introspection: readBool(env, 'GRAPHQL_INTROSPECTION', !production),
      maxDepth: readInt(env, 'GRAPHQL_MAX_DEPTH', 12, 2, 100),
      maxCost,
      maxAliases: readInt(env, 'GRAPHQL_MAX_ALIASES', 30, 1, 1000),
      // Bounded so that no document can overflow graphql-js's recursive validation (a chain of
      // 5,000 fragments did) or hold the event loop for long: 8 tokens per fragment at least.
      maxTokens: readInt(env, 'GRAPHQL_MAX_TOKENS', 2_000, 100, 20_000),
      maxFragments: readInt(env, 'GRAPHQL_MAX_FRAGMENTS', 100, 1, 1_000),
      maxDirectives: readInt(env, 'GRAPHQL_MAX_DIRECTIVES', 50, 1, 1_000),
    },
    limits: {
      bodyBytes: readInt(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 64 * 1_048_576),
      requestTimeoutMs: readInt(env, 'REQUEST_TIMEOUT_MS', 60_000, 1_000, 600_000),
      rateLimitPerMinute,
      restRequestCost,
      maxPageSize: readInt(env, 'MAX_PAGE_SIZE', 500, 1, 10_000),
    },
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    corsOrigins: readCorsOrigins(env),
    trustProxy: readTrustProxy(env),
  };
}

/** proxy-addr's names for address ranges (what Fastify's trustProxy also takes). */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: comma-separated addresses, CIDRs or range names. A hop count is refused: Fastify 5
 * trusts no proxy for one (fastify lib/request.js getTrustProxyFn: a hop count cannot check the
 * immediate peer, so it fails closed), and every client behind the load balancer would then share
 * the balancer's rate budget without a word. A malformed entry would stop Fastify at start with
 * proxy-addr's own message; here it names the variable.
 */
function readTrustProxy(env: Env): string | null {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw) return null;
  if (/^\d+$/.test(raw)) {
    throw new ConfigError(
      `TRUST_PROXY=${raw} is a hop count, which Fastify 5 does not honour (it trusts no proxy then); ` +
        "give the load balancer's addresses or CIDRs instead, e.g. TRUST_PROXY=10.0.0.0/8",
    );
  }
  const entries = raw.split(',').map((e) => e.trim());
  for (const entry of entries) {
    if (PROXY_RANGE_NAMES.has(entry)) continue;
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    // A prefix length, or (IPv4) a netmask such as 255.0.0.0, as proxy-addr takes them.
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits) || (family === 4 && isIP(prefix) === 4);
    if (family === 0 || !prefixOk || rest.length > 0) {
      throw new ConfigError(
        `TRUST_PROXY: "${entry}" is not an IP address, a CIDR or one of ${[...PROXY_RANGE_NAMES].join(', ')} (comma-separated, e.g. 10.0.0.0/8,127.0.0.1)`,
      );
    }
  }
  return entries.join(',');
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
