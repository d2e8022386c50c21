import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { WORKER_KIND, type WorkerData } from './embedded-postgres.js';

/** PGlite in `pgdata`, served on a loopback port. */
export interface ServedDatabase {
  /** host:port of the socket server. */
  conn: string;
  stop(): Promise<void>;
}

/**
 * Opens PGlite on `pgdata` and serves it to the `pg` driver on a loopback port. Runs on the
 * worker thread that embedded-postgres.ts starts, or on the calling thread when there is none.
 */
export async function serveDatabase(pgdata: string): Promise<ServedDatabase> {
  const db = await PGlite.create(pgdata);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
  try {
    await server.start();
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return {
    conn: server.getServerConn(),
    async stop() {
      try {
        await server.stop();
      } finally {
        await db.close();
      }
    },
  };
}

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: unknown;
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof Error) {
    return { name: err.name, message: err.message, stack: err.stack, code: (err as NodeJS.ErrnoException).code };
  }
  return { name: 'Error', message: String(err) };
}

/** Messages from the worker thread to embedded-postgres.ts. */
export type WorkerReply =
  | { type: 'ready'; conn: string }
  | { type: 'failed'; error: SerializedError }
  | { type: 'stopped' }
  | { type: 'stop-failed'; error: SerializedError };

function runAsWorker(pgdata: string): void {
  const port = parentPort!;
  let served: ServedDatabase | undefined;
  // The listener keeps this thread alive until the main thread stops and terminates it.
  port.on('message', (msg: { type: string }) => {
    if (msg.type !== 'stop') return;
    const stopping = served ? served.stop() : Promise.resolve();
    served = undefined;
    stopping.then(
      () => port.postMessage({ type: 'stopped' } satisfies WorkerReply),
      (err: unknown) => port.postMessage({ type: 'stop-failed', error: serializeError(err) } satisfies WorkerReply),
    );
  });
  serveDatabase(pgdata).then(
    (s) => {
      served = s;
      port.postMessage({ type: 'ready', conn: s.conn } satisfies WorkerReply);
    },
    (err: unknown) => port.postMessage({ type: 'failed', error: serializeError(err) } satisfies WorkerReply),
  );
}

// Loaded as a worker by embedded-postgres.ts; imported on the main thread only for serveDatabase.
const data = workerData as WorkerData | null;
if (!isMainThread && parentPort && data?.kind === WORKER_KIND) runAsWorker(data.pgdata);
