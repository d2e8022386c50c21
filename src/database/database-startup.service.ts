import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DATABASE_INFO, type DatabaseInfo } from './database-info.js';

/** Arbitrary constant naming the start-up lock among PostgreSQL advisory locks. */
const STARTUP_LOCK_KEY = 7_214_902_330;

/**
 * Brings the schema to the current migration at start. On PostgreSQL several replicas
 * may start together, so the migrations (and whatever `afterMigrations` does, such as
 * loading the bundled catalog once) run under an advisory lock.
 */
@Injectable()
export class DatabaseStartupService {
  private readonly logger = new Logger(DatabaseStartupService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_INFO) private readonly database: DatabaseInfo,
  ) {}

  async migrate(afterMigrations: () => Promise<void>): Promise<void> {
    if (this.database.embedded) {
      // One process per data directory (lock file), one pooled connection: no lock needed.
      await this.runMigrations();
      await afterMigrations();
      return;
    }
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
      try {
        await this.runMigrations();
        await afterMigrations();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }

  private async runMigrations(): Promise<void> {
    const applied = await this.dataSource.runMigrations({ transaction: 'each' });
    for (const m of applied) this.logger.log(`Applied migration ${m.name}`);
  }
}
