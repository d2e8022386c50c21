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
