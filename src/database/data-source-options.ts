import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { TypeOrmLogger } from './typeorm-logger.js';

/**
 * The one TypeORM configuration, used by the service and the migration CLI alike.
 * `synchronize` is off everywhere: the schema comes only from the committed migrations.
 */
export function buildDataSourceOptions(url: string, embedded: boolean): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; uuid-ossp is not available in PGlite.
    uuidExtension: 'pgcrypto',
    // PGlite has no pgcrypto to install: TypeORM's CREATE EXTENSION failed at every start with a
    // warning. The migrations need no extension (gen_random_uuid() is built in).
    installExtensions: !embedded,
    logging: ['error', 'migration'],
    // Errors and migrations through the service's JSON logger, with no SQL parameters.
    logger: new TypeOrmLogger(),
    // Every connection through pglite-socket shares one backend, so a second pooled
    // connection would interleave its statements with another's transaction.
    extra: embedded ? { max: 1, connectionTimeoutMillis: 30_000 } : { max: 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 },
  };
}
