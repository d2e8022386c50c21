import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** Raised when another process already serves the embedded database in this data directory. */
export class DataDirectoryInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by another eks-net-planner process (pid ${pid}). ` +
        'Stop that process, point DATA_DIR at another directory, or set DATABASE_URL to use a PostgreSQL server.',
    );
    this.name = 'DataDirectoryInUseError';
  }
}

const LOCK_FILE = 'eks-net-planner.lock';
const openedInThisProcess = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data directory's lock file. PGlite is a single-process database and every
 * connection through pglite-socket shares one backend, so neither advisory locks nor
 * PostgreSQL itself would stop a second process from corrupting the files: the lock file does.
 */
function acquireLock(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  if (openedInThisProcess.has(dataDir)) throw new DataDirectoryInUseError(dataDir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      openedInThisProcess.add(dataDir);
      return () => {
        openedInThisProcess.delete(dataDir);
        rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new DataDirectoryInUseError(dataDir, pid);
      }
      // A lock left behind by a process that died: take it over.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not take the lock file ${path}`);
}

/**
 * PostgreSQL settings for the embedded database, on its command line (postgresql.conf in the data
 * directory is left as initdb wrote it). PGlite keeps PostgreSQL's shared memory in the WebAssembly
 * memory, which never shrinks, and initdb's shared_buffers=128MB is touched at start: the process
 * carried ~150 MiB for a database of under 10 MB (tables, indexes and system catalogs together).
 * 16 MB holds all of it twice over; pages beyond it come from the kernel's page cache (the data
 * directory is an ordinary directory). wal_buffers follows shared_buffers (1/32). PGlite's
 * startParams replace its own defaults, hence PGlite.defaultStartParams first
 * (@electric-sql/pglite 0.5.14, dist: `startParams || defaultStartParams`).
 */
const SETTINGS = ['-c', 'shared_buffers=16MB'];

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served on a loopback port so the ordinary
 * `pg` driver and TypeORM reach it exactly as they reach a PostgreSQL server. It runs on the
 * service's own thread: one process, one thread, one build (no worker script to keep in step).
 */
export class EmbeddedPostgres {
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly releaseLock: () => void,
    readonly url: string,
  ) {}

  /** Takes the data directory's lock (DataDirectoryInUseError when another process holds it), then boots the database. */
  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    mkdirSync(dataDir, { recursive: true });
    const release = acquireLock(dataDir);
    let db: PGlite | undefined;
    try {
      // Imported here, not at the top: with a DATABASE_URL the service never loads PGlite (its modules
      // were about 0.6 MB of source kept in the heap of every PostgreSQL-backed process).
      const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
        import('@electric-sql/pglite'),
        import('@electric-sql/pglite-socket'),
      ]);
      db = await PGlite.create(join(dataDir, 'pgdata'), { startParams: [...PGlite.defaultStartParams, ...SETTINGS] });
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
      await server.start();
      return new EmbeddedPostgres(db, server, release, `postgres://postgres@${server.getServerConn()}/postgres`);
    } catch (err) {
      await db?.close().catch(() => {});
      release();
      throw err;
    }
  }

  /** The embedded database a configuration asks for: none with a DATABASE_URL, else started on its DATA_DIR. */
  static forConfig(config: { databaseUrl: string | null; dataDir: string }): Promise<EmbeddedPostgres | null> {
    return config.databaseUrl ? Promise.resolve(null) : EmbeddedPostgres.start(config.dataDir);
  }

  static isInitialised(dataDir: string): boolean {
    return existsSync(join(dataDir, 'pgdata', 'PG_VERSION'));
  }

  /** Stops the socket server, closes the database, then releases the lock. */
  stop(): Promise<void> {
    return (this.stopping ??= (async () => {
      try {
        try {
          await this.server.stop();
        } finally {
          await this.db.close();
        }
      } finally {
        this.releaseLock();
      }
    })());
  }
}
