import { Logger, type LoggerService } from '@nestjs/common';
import { afterEach, describe, expect, it } from 'vitest';
import { TypeOrmLogger } from './typeorm-logger.js';

/** Collects what reaches the service's logger (pino in the service, JSON lines). */
function capture(): Array<{ level: string; args: unknown[] }> {
  const seen: Array<{ level: string; args: unknown[] }> = [];
  const sink =
    (level: string) =>
    (...args: unknown[]) =>
      void seen.push({ level, args });
  const logger: LoggerService = {
    log: sink('log'),
    error: sink('error'),
    warn: sink('warn'),
    debug: sink('debug'),
    verbose: sink('verbose'),
  };
  Logger.overrideLogger(logger);
  return seen;
}

afterEach(() => Logger.overrideLogger(false as never));

describe('TypeOrmLogger', () => {
  it('logs a failed query as its SQLSTATE, message and statement, never its parameters', () => {
    const seen = capture();
    const secret = 'enp_client-secret-key-value';
    const err = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    new TypeOrmLogger().logQueryError(err, 'SELECT * FROM api_key\n  WHERE key_hash = $1', [secret, 'instance\u0000name']);
    expect(seen).toHaveLength(1);
    const text = JSON.stringify(seen[0].args);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('instance');
    expect(text).not.toContain('PARAMETERS');
    expect(seen[0].level).toBe('error');
    expect(seen[0].args[0]).toEqual({ sqlState: '22021', statement: 'SELECT * FROM api_key WHERE key_hash = $1' });
    expect(String(seen[0].args[1])).toContain('invalid byte sequence');
  });

  it('logs nothing for ordinary queries, and slow ones without parameters', () => {
    const seen = capture();
    const logger = new TypeOrmLogger();
    logger.logQuery();
    logger.logQuerySlow(1500, 'UPDATE instance_type SET last_seen_at = $1', ['2026-12-01']);
    expect(seen).toHaveLength(1);
    expect(JSON.stringify(seen[0].args)).not.toContain('2026-12-01');
  });
});
