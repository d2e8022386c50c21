import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options.js';

/**
 * For the TypeORM CLI only (`npm run typeorm -- migration:run`, drift checks):
 * it needs a PostgreSQL server in DATABASE_URL.
 */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('The TypeORM CLI needs DATABASE_URL (postgres://user@host:port/db)');
}
export default new DataSource(buildDataSourceOptions(url, false));
