import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { projectPath } from '../common/project-path.js';
// Types only: PGlite itself is loaded by the worker thread, or on this thread when it runs in-thread.
import type { SerializedError, ServedDatabase, WorkerReply } from './embedded-postgres.worker.js';

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

/** workerData of the database worker thread (embedded-postgres.worker.ts). */
export interface WorkerData {
  kind: typeof WORKER_KIND;
  pgdata: string;
}
export const WORKER_KIND = 'eks-net-planner/embedded-postgres';

const WORKER_NAME = 'embedded-postgres.worker';

/**
 * The compiled worker script, or null when there is none to run. Compiled, it is this module's
 * sibling with the same extension: dist/src/database/embedded-postgres.worker.js, or the bundle's
 * dist/bundle/embedded-postgres.worker.mjs. From the TypeScript sources (vitest) a Worker cannot
 * load the .ts, so it is dist/'s compiled copy, which `npm test` builds first; a copy older than
 * its source is not used, so an edited worker is never run stale.
 */
export function embeddedWorkerScript(): URL | null {
  const own = import.meta.url;
  const ext = extname(fileURLToPath(own));
  if (ext !== '.ts') {
    const sibling = new URL(`./${WORKER_NAME}${ext}`, own);
    return existsSync(fileURLToPath(sibling)) ? sibling : null;
  }
  const compiled = projectPath('dist', 'src', 'database', `${WORKER_NAME}.js`);
  const source = fileURLToPath(new URL(`./${WORKER_NAME}.ts`, own));
  if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(source).mtimeMs) return null;
  return pathToFileURL(compiled);
}

export interface EmbeddedStartOptions {
  /**
   * `worker` (the default when the compiled worker script exists): PGlite and its socket server run
   * on a worker thread, so its WebAssembly compile and PostgreSQL boot use another core than the one
   * loading the service. `main`: on the calling thread.
   */
  thread?: 'worker' | 'main';
}

function deserializeError(e: SerializedError): Error {
  const err = new Error(e.message);
  err.name = e.name;
  if (e.stack) err.stack = e.stack;
  if (e.code !== undefined) (err as NodeJS.ErrnoException).code = e.code as string;
  return err;
}

/** Runs the database on a worker thread; resolves once it serves, rejects (worker ended) if it cannot. */
function serveOnWorker(script: URL, pgdata: string): Promise<ServedDatabase> {
  return new Promise((resolveServed, rejectServed) => {
    const worker = new Worker(script, { workerData: { kind: WORKER_KIND, pgdata } satisfies WorkerData });
    let state: 'starting' | 'ready' | 'stopping' | 'ended' = 'starting';
    let stopped: { resolve: () => void; reject: (err: Error) => void } | undefined;
    const fail = (err: Error) => {
      if (state === 'starting') {
        state = 'ended';
        void worker.terminate().finally(() => rejectServed(err));
      } else if (state === 'stopping') {
        stopped?.reject(err);
      } else if (state === 'ready') {
        // Running on this thread, a failing database would have been an uncaught exception too.
        state = 'ended';
        setImmediate(() => {
          throw err;
        });
      }
    };
    worker.on('message', (msg: WorkerReply) => {
      if (msg.type === 'ready' && state === 'starting') {
        state = 'ready';
        let stopping: Promise<void> | undefined;
        resolveServed({
          conn: msg.conn,
          stop: () =>
            (stopping ??= new Promise<void>((res, rej) => {
              state = 'stopping';
              stopped = { resolve: res, reject: rej };
              worker.postMessage({ type: 'stop' });
            }).finally(async () => {
              state = 'ended';
              await worker.terminate();
            })),
        });
      } else if (msg.type === 'failed') {
        fail(deserializeError(msg.error));
      } else if (msg.type === 'stopped') {
        stopped?.resolve();
      } else if (msg.type === 'stop-failed') {
        stopped?.reject(deserializeError(msg.error));
      }
    });
    worker.on('error', (err) => fail(err));
    worker.on('exit', (code) => {
      if (state !== 'ended') fail(new Error(`The embedded database worker thread exited unexpectedly (code ${code})`));
    });
  });
}

async function serveInThread(pgdata: string): Promise<ServedDatabase> {
  const { serveDatabase } = await import('./embedded-postgres.worker.js');
  return serveDatabase(pgdata);
}

/** Starts made by startEarly, waiting for the start() that takes them over; keyed on the resolved dataDir. */
const earlyStarts = new Map<string, Promise<EmbeddedPostgres>>();

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served on a loopback port so the ordinary
 * `pg` driver and TypeORM reach it exactly as they reach a PostgreSQL server.
 */
export class EmbeddedPostgres {
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly served: ServedDatabase,
    private readonly releaseLock: () => void,
    readonly url: string,
    /** Where PGlite runs: a worker thread, or the thread that started it. */
    readonly thread: 'worker' | 'main',
  ) {}

  static async start(dataDir: string, options: EmbeddedStartOptions = {}): Promise<EmbeddedPostgres> {
    const early = earlyStarts.get(resolve(dataDir));
    if (early) {
      earlyStarts.delete(resolve(dataDir));
      return early;
    }
    return EmbeddedPostgres.begin(dataDir, options);
  }

  /**
   * Starts the database now (the lock is taken at once: DataDirectoryInUseError is thrown here) and
   * leaves it for the next start(dataDir) in this process, which takes it over. main.ts calls this
   * before importing the service, so the database boots on its worker thread meanwhile.
   */
  static startEarly(dataDir: string, options: EmbeddedStartOptions = {}): void {
    const started = EmbeddedPostgres.begin(dataDir, options);
    // Its failure is reported to the start() that takes it over, not as an unhandled rejection.
    started.catch(() => {});
    earlyStarts.set(resolve(dataDir), started);
  }

  /** Stops early starts that no start() took over (e.g. the service failed before it opened its database). */
  static async discardEarlyStarts(): Promise<void> {
    const pending = [...earlyStarts.values()];
    earlyStarts.clear();
    await Promise.all(pending.map((p) => p.then((db) => db.stop()).catch(() => {})));
  }

  /** Takes the lock at once (throwing DataDirectoryInUseError synchronously), then boots the database. */
  private static begin(dataDir: string, options: EmbeddedStartOptions): Promise<EmbeddedPostgres> {
    mkdirSync(dataDir, { recursive: true });
    const release = acquireLock(dataDir);
    return EmbeddedPostgres.launch(dataDir, options, release);
  }

  private static async launch(dataDir: string, options: EmbeddedStartOptions, release: () => void): Promise<EmbeddedPostgres> {
    try {
      const pgdata = join(dataDir, 'pgdata');
      const script = options.thread === 'main' ? null : embeddedWorkerScript();
      if (options.thread === 'worker' && !script) {
        throw new Error(`The embedded database worker script (${WORKER_NAME}) was not found: build the service first (npm run build)`);
      }
      const served = script ? await serveOnWorker(script, pgdata) : await serveInThread(pgdata);
      return new EmbeddedPostgres(served, release, `postgres://postgres@${served.conn}/postgres`, script ? 'worker' : 'main');
    } catch (err) {
      release();
      throw err;
    }
  }

  static isInitialised(dataDir: string): boolean {
    return existsSync(join(dataDir, 'pgdata', 'PG_VERSION'));
  }

  /** Stops the socket server, closes the database, ends its worker thread, then releases the lock. */
  stop(): Promise<void> {
    return (this.stopping ??= (async () => {
      try {
        await this.served.stop();
      } finally {
        this.releaseLock();
      }
    })());
  }
}
