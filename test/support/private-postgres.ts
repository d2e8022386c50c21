import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of a test's own, for tests that stop and start the server: the suite's
 * shared server is used by other test files in parallel and must never be restarted.
 */
export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** Starts the server (again) on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** `pg_ctl stop -m fast`: open sessions are terminated, as in a crash-free restart. */
  stop(): Promise<void>;
  /** Stops the server if it runs and removes the cluster's directory; safe to call twice. */
  destroy(): Promise<void>;
}

const ROOT = '/usr/lib/postgresql';

/** The bin directory of the newest PostgreSQL installed under /usr/lib/postgresql. */
export function postgresBinDir(): string {
  const versions = existsSync(ROOT)
    ? readdirSync(ROOT)
        .filter((v) => existsSync(join(ROOT, v, 'bin', 'initdb')) && existsSync(join(ROOT, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  if (versions.length === 0) throw new Error(`No PostgreSQL server binaries (initdb, pg_ctl) under ${ROOT}/<version>/bin`);
  return join(ROOT, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, the binaries run as the `postgres` user. */
function asServerUser(bin: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

function ownerIds(user: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** initdb into a temp directory and start the server on a free loopback port. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'planner-private-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  if (process.getuid?.() === 0) {
    const { uid, gid } = ownerIds('postgres');
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const pgCtl = (args: string[], timeoutMs: number) => {
    const [cmd, argv] = asServerUser(join(bin, 'pg_ctl'), ['-D', data, ...args]);
    return run(cmd, argv, { timeout: timeoutMs });
  };
  let running = false;
  // A safety net for a test process that dies without its afterAll: no server left behind.
  const onExit = () => {
    if (!running) return;
    try {
      const [cmd, argv] = asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      execFileSync(cmd, argv, { stdio: 'ignore', timeout: 10_000 });
    } catch {
      // best effort
    }
  };
  process.once('exit', onExit);

  const cluster: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    async start() {
      // -k: the Unix socket in our own directory (the default one may not be writable or may be the shared server's).
      await pgCtl(['-l', log, '-w', '-t', '30', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start'], 40_000);
      running = true;
    },
    async stop() {
      await pgCtl(['-m', 'fast', '-w', '-t', '30', 'stop'], 40_000);
      running = false;
    },
    async destroy() {
      try {
        if (running) await cluster.stop();
      } catch {
        onExit();
      } finally {
        running = false;
        process.removeListener('exit', onExit);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };

  try {
    const [cmd, argv] = asServerUser(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
      '--no-instructions',
    ]);
    await run(cmd, argv, { timeout: 60_000 });
    await cluster.start();
  } catch (err) {
    await cluster.destroy();
    throw new Error(`Could not start a private PostgreSQL cluster in ${dir}: ${(err as Error).message}`);
  }
  return cluster;
}
