import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLoggerInterface } from 'typeorm';

/** Longest statement text logged. */
const MAX_STATEMENT = 300;

/** The statement's first line, without its values: the SQL text comes from the code, never a client. */
function statementOf(query: string): string {
  const oneLine = query.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX_STATEMENT ? oneLine : `${oneLine.slice(0, MAX_STATEMENT)}…`;
}

/**
 * TypeORM's logs through the service's logger (JSON lines under pino), never with SQL parameters.
 * TypeORM's own logger printed a failed statement with `-- PARAMETERS: [...]` as plain text:
 * client input (names, keys' hashes) inside the JSON log, and lines that were not JSON.
 * A failed query is logged as its PostgreSQL error code, the error's message and the statement text.
 */
export class TypeOrmLogger implements TypeOrmLoggerInterface {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string, _parameters?: unknown): void {
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    const message = typeof error === 'string' ? error : error.message;
    this.logger.error({ sqlState: typeof code === 'string' ? code : undefined, statement: statementOf(query) }, `Query failed: ${message}`);
  }

  logQuerySlow(time: number, query: string, _parameters?: unknown): void {
    this.logger.warn({ ms: time, statement: statementOf(query) }, 'Slow query');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug?.(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}
