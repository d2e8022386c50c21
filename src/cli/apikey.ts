import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ApiKeyEntity, ApiKeyRole } from '../auth/api-key.entity.js';
import type { ApiKeyService } from '../auth/api-key.service.js';
import type { AppConfig } from '../config/app-config.js';

/**
 * `npm run apikey -- <command>`: manage API keys on the service's own database
 * (DATABASE_URL, or the embedded database in DATA_DIR), with no running service needed.
 *
 * stdout carries only the result (the new key alone on the last line; the table), so
 * `KEY=$(npm run -s apikey -- create --role admin --name ci-bot | tail -n1)` works;
 * everything else goes to stderr. Exit codes: 0 ok, 1 failure, 2 usage error.
 */

const USAGE = `Usage: npm run apikey -- <command>

Commands:
  create --role <reader|admin> --name <name>   create a key; prints it once, alone on the last line of stdout
  list [--json]                                list keys (id, name, role, prefix, created, revoked, last used)
  revoke <id|prefix>                           revoke a key by its id or its shown prefix
  help                                         this text

Uses the service's configuration: DATABASE_URL, or the embedded database in DATA_DIR (default .data/),
which only one process may open at a time (stop the service first).
Exit codes: 0 ok, 1 failure, 2 usage error.`;

class UsageError extends Error {}

type Command =
  | { kind: 'create'; role: ApiKeyRole; name: string }
  | { kind: 'list'; json: boolean }
  | { kind: 'revoke'; idOrPrefix: string }
  | { kind: 'help' };

function parseCommand(argv: string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('A command is required.');
  const parse = (options: NonNullable<ParseArgsConfig['options']>, positionals: number) => {
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options, allowPositionals: positionals > 0, strict: true });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (parsed.positionals.length > positionals) throw new UsageError(`Unexpected argument "${parsed.positionals[positionals]}".`);
    return parsed;
  };
  switch (command) {
    case 'help':
    case '--help':
    case '-h':
      return { kind: 'help' };
    case 'create': {
      const { values } = parse({ role: { type: 'string' }, name: { type: 'string' } }, 0);
      const role = values.role;
      const name = values.name;
      if (typeof role !== 'string') throw new UsageError('create needs --role reader or --role admin.');
      if (role !== 'reader' && role !== 'admin') throw new UsageError(`--role must be reader or admin, not "${role}".`);
      if (typeof name !== 'string' || name.trim() === '') throw new UsageError('create needs --name <name>.');
      return { kind: 'create', role, name };
    }
    case 'list': {
      const { values } = parse({ json: { type: 'boolean' } }, 0);
      return { kind: 'list', json: values.json === true };
    }
    case 'revoke': {
      const { positionals } = parse({}, 1);
      if (positionals.length !== 1 || positionals[0].trim() === '') throw new UsageError('revoke needs the key id or prefix.');
      return { kind: 'revoke', idOrPrefix: positionals[0].trim() };
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

function when(d: Date | null): string {
  return d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : '-';
}

/** A plain-text table: never the hash, never the secret. */
function formatTable(keys: ApiKeyEntity[]): string {
  const header = ['ID', 'NAME', 'ROLE', 'PREFIX', 'CREATED', 'REVOKED', 'LAST USED'];
  const rows = keys.map((k) => [k.id, k.name, k.role, k.prefix, when(k.createdAt), when(k.revokedAt), when(k.lastUsedAt)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function publicView(k: ApiKeyEntity) {
  return {
    id: k.id,
    name: k.name,
    role: k.role,
    prefix: k.prefix,
    createdAt: k.createdAt,
    revokedAt: k.revokedAt,
    lastUsedAt: k.lastUsedAt,
  };
}

/** Nest's default logger writes to stdout; here stdout is for results only. */
const stderrLogger = {
  log: (message: unknown) => process.stderr.write(`${String(message)}\n`),
  error: (message: unknown) => process.stderr.write(`${String(message)}\n`),
  warn: (message: unknown) => process.stderr.write(`${String(message)}\n`),
  debug: () => {},
  verbose: () => {},
};

async function withDatabase<T>(config: AppConfig, work: (keys: ApiKeyService) => Promise<T>): Promise<T> {
  await import('reflect-metadata');
  const { DataSource } = await import('typeorm');
  const { ApiKeyService } = await import('../auth/api-key.service.js');
  const { buildDataSourceOptions } = await import('../database/data-source-options.js');
  const { DatabaseStartupService } = await import('../database/database-startup.service.js');
  const { EmbeddedPostgres } = await import('../database/embedded-postgres.js');
  const embedded = config.databaseUrl ? null : await EmbeddedPostgres.start(config.dataDir);
  const database = { url: config.databaseUrl ?? embedded!.url, embedded: embedded !== null };
  const dataSource = new DataSource({ ...buildDataSourceOptions(database.url, database.embedded), logging: ['error'] });
  try {
    await dataSource.initialize();
    // The same start-up migration as the service (under its advisory lock on PostgreSQL),
    // so the CLI works on an empty database, even while replicas start.
    await new DatabaseStartupService(dataSource, database).migrate(async () => {});
    return await work(new ApiKeyService(dataSource, config));
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => {});
    await embedded?.stop().catch(() => {});
  }
}

async function run(argv: string[]): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`apikey: ${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // Loaded only now, so usage errors and help answer at once.
  const { Logger } = await import('@nestjs/common');
  const { DomainError, ErrorCode } = await import('../common/domain-error.js');
  const { ConfigError, loadConfig } = await import('../config/app-config.js');
  const { DataDirectoryInUseError } = await import('../database/embedded-postgres.js');
  Logger.overrideLogger(stderrLogger);
  try {
    const config = loadConfig();
    process.stderr.write(
      config.databaseUrl ? `Using the database in DATABASE_URL\n` : `Using the embedded database in ${config.dataDir}\n`,
    );
    await withDatabase(config, async (keys) => {
      switch (command.kind) {
        case 'create': {
          const { key, record } = await keys.create(command.name, command.role);
          process.stderr.write(
            `Created ${record.role} key "${record.name}" (id ${record.id}, prefix ${record.prefix}).\n` +
              'This is the only time the key is shown; store it now. Use it as "Authorization: Bearer <key>".\n',
          );
          process.stdout.write(`${key}\n`);
          return;
        }
        case 'list': {
          const list = await keys.list();
          if (command.json) process.stdout.write(`${JSON.stringify(list.map(publicView), null, 2)}\n`);
          else process.stdout.write(`${formatTable(list)}\n`);
          if (!command.json && list.length === 0) process.stderr.write('No API keys yet (create one with `npm run apikey -- create`).\n');
          return;
        }
        case 'revoke': {
          const record = await keys.revoke(command.idOrPrefix);
          process.stdout.write(
            `Revoked ${record.role} key "${record.name}" (id ${record.id}, prefix ${record.prefix}) at ${when(record.revokedAt)}\n`,
          );
          process.stderr.write('Running replicas may accept the key for up to 10 more seconds (their key cache).\n');
          return;
        }
      }
    });
    return 0;
  } catch (err) {
    if (err instanceof DomainError && err.code === ErrorCode.VALIDATION_FAILED) {
      process.stderr.write(`apikey: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof ConfigError || err instanceof DataDirectoryInUseError || err instanceof DomainError) {
      process.stderr.write(`apikey: ${err.message}\n`);
    } else {
      process.stderr.write(`apikey: failed: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    return 1;
  }
}

run(process.argv.slice(2)).then(
  // Exit explicitly: a pool or socket handle left open must not keep a script waiting
  // (stdout and stderr are synchronous for files and pipes, so nothing written is lost).
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`apikey: failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
