import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeNull();
    expect(c.dataDir).toMatch(/\.data$/);
    expect(c.adminApiKey).toBeNull();
    expect(c.authReads).toBe('open');
    expect(c.catalog.refreshCron).toBeNull();
    expect(c.graphql.playground).toBe(true);
    expect(c.corsOrigins).toBeNull();
    expect(c.graphql).toMatchObject({
      maxDepth: 12,
      maxCost: 20_000,
      maxAliases: 30,
      maxTokens: 2_000,
      maxFragments: 100,
      maxDirectives: 50,
    });
    // 60,000 cost units a minute: 3 queries at the cost limit, or 6,000 REST requests at 10 each.
    expect(c.limits).toMatchObject({ rateLimitPerMinute: 60_000, restRequestCost: 10, requestTimeoutMs: 60_000 });
  });

  it('switches the playground and introspection off in production unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).graphql).toMatchObject({ playground: false, introspection: false });
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_PLAYGROUND: 'true' }).graphql.playground).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ AUTH_READS: 'maybe' }, 'AUTH_READS'],
    [{ ADMIN_API_KEY: 'short' }, 'ADMIN_API_KEY'],
    [{ CATALOG_REFRESH_CRON: 'every day' }, 'CATALOG_REFRESH_CRON'],
    [{ CATALOG_REFRESH_REGIONS: 'us-east-1,Mars' }, 'CATALOG_REFRESH_REGIONS'],
    [{ GRAPHQL_PLAYGROUND: 'perhaps' }, 'GRAPHQL_PLAYGROUND'],
    [{ CORS_ORIGINS: 'portal.example.com' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://portal.example.com/' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://portal.example.com/app' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'ftp://files.example.com' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://Portal.example.com' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    // A budget below an admitted query's cost would refuse that query for ever.
    [{ RATE_LIMIT_PER_MINUTE: '600' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ RATE_LIMIT_PER_MINUTE: '100', GRAPHQL_MAX_COST: '100', RATE_LIMIT_REST_COST: '101' }, 'RATE_LIMIT_REST_COST'],
    [{ GRAPHQL_MAX_TOKENS: '50000' }, 'GRAPHQL_MAX_TOKENS'],
    // 0 would turn the limit off again.
    [{ REQUEST_TIMEOUT_MS: '0' }, 'REQUEST_TIMEOUT_MS'],
    [{ GRAPHQL_MAX_FRAGMENTS: '0' }, 'GRAPHQL_MAX_FRAGMENTS'],
    // Fastify 5 trusts no proxy for a hop count: clients would share the balancer's budget.
    [{ TRUST_PROXY: '1' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/8,proxy.internal' }, 'TRUST_PROXY'],
  ])('refuses %o naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('reads a region list and a cron schedule', () => {
    const c = loadConfig({ CATALOG_REFRESH_REGIONS: 'us-east-1, eu-west-1', CATALOG_REFRESH_CRON: '0 3 * * *' });
    expect(c.catalog.refreshRegions).toEqual(['us-east-1', 'eu-west-1']);
    expect(c.catalog.refreshCron).toBe('0 3 * * *');
  });

  it('reads CORS_ORIGINS as a list of origins, off when empty', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://portal.example.com, http://localhost:5173' }).corsOrigins).toEqual([
      'https://portal.example.com',
      'http://localhost:5173',
    ]);
    expect(loadConfig({ CORS_ORIGINS: ' ' }).corsOrigins).toBeNull();
  });

  it('reads TRUST_PROXY as addresses, CIDRs and range names, off when empty', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1, loopback, ::1, fd00::/8, 172.16.0.0/255.240.0.0' }).trustProxy).toBe(
      '10.0.0.0/8,127.0.0.1,loopback,::1,fd00::/8,172.16.0.0/255.240.0.0',
    );
    expect(loadConfig({ TRUST_PROXY: '' }).trustProxy).toBeNull();
    expect(loadConfig({}).trustProxy).toBeNull();
  });
});

describe('CATALOG_PRICE_LIST (AWS Price List reads during a refresh)', () => {
  it.each([
    [undefined, true],
    ['off', false],
    ['on', true],
    ['false', false],
  ])('%s -> %s', (value, expected) => {
    expect(loadConfig({ CATALOG_PRICE_LIST: value }).catalog.priceList).toBe(expected);
  });

  it('refuses anything else', () => {
    expect(() => loadConfig({ CATALOG_PRICE_LIST: 'sometimes' })).toThrow(/CATALOG_PRICE_LIST/);
  });
});
