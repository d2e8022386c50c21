import pg from 'pg';
import { TEST_POSTGRES_URL } from './test-app.js';

/** Fails the run at once, with the reason, when the suite's PostgreSQL server is not there. */
export default async function setup(): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw new Error(
      `The test suite needs a PostgreSQL server at ${TEST_POSTGRES_URL} (set TEST_POSTGRES_URL; ` +
        `the role must be able to CREATE DATABASE): ${(err as Error).message}`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
