import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/common/project-path.js';
import { DataDirectoryInUseError, EmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app.js';

// Without DATABASE_URL the service runs on the embedded database in DATA_DIR
// (issue: service and catalog, "Set it up with two commands").
describe('embedded database (no DATABASE_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'planner-embedded-e2e-'));
  let app: TestApp | undefined;

  beforeAll(async () => {
    app = await startTestApp({ database: 'embedded', dataDir });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts with the bundled catalog of 1,373 types loaded and answers through both doors', async () => {
    expect(EmbeddedPostgres.isInitialised(dataDir)).toBe(true);
    const ready = await app!.http.get('/health/ready').expect(200);
    expect(ready.body.catalog.instanceTypes).toBe(1373);
    const gql = await app!.gql('{ instanceType(name: "m5.large") { ipv4AddressesPerInterface } }').expect(200);
    expect(gql.body.data.instanceType.ipv4AddressesPerInterface).toBe(10);
    const rest = await app!.http.get('/api/v1/instance-types?family=m5&first=3').expect(200);
    expect(rest.body.nodes).toHaveLength(3);
  });

  it('the bundled load is recorded as a refresh run from the BUNDLED source, without AWS', async () => {
    const runs = await app!.gql('{ catalogRefreshes { id status trigger source catalogSize ec2Requests } }').expect(200);
    expect(runs.body.data.catalogRefreshes).toEqual([
      { id: expect.any(String), status: 'SUCCEEDED', trigger: 'BUNDLED_SNAPSHOT', source: 'BUNDLED', catalogSize: 1373, ec2Requests: 0 },
    ]);
    const ready = await app!.http.get('/health/ready').expect(200);
    expect(ready.body.catalog.version).toBe(runs.body.data.catalogRefreshes[0].id);
  });

  it('refuses a second opener of the same data directory in this process', async () => {
    await expect(EmbeddedPostgres.start(dataDir)).rejects.toBeInstanceOf(DataDirectoryInUseError);
  });

  it('refuses a second process on the same data directory with a clear error', () => {
    const main = projectPath('dist', 'src', 'main.js');
    expect(existsSync(main), 'dist/ is built by `npm test` (tsc) before vitest runs').toBe(true);
    const child = spawnSync(process.execPath, [main], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'error' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.status).toBe(1);
    expect(child.stderr).toContain(`The data directory ${dataDir} is in use by another eks-net-planner process (pid ${process.pid})`);
  });

  it('stops cleanly on SIGTERM: exit 0, the data directory lock released, the last log lines written', async () => {
    const own = mkdtempSync(join(tmpdir(), 'planner-sigterm-'));
    try {
      const port = await freePort();
      const child = spawn(process.execPath, [projectPath('dist', 'src', 'main.js')], {
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: own, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      for (let i = 0; i < 240 && !out.includes('listening on'); i++) await new Promise((r) => setTimeout(r, 500));
      expect(out).toContain('listening on');
      expect(existsSync(join(own, 'eks-net-planner.lock'))).toBe(true);
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/instance-types?first=1&family=m5`)).status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(existsSync(join(own, 'eks-net-planner.lock'))).toBe(false);
      // Log lines are written off the event loop (log-destination.ts): the request's line and the shutdown's are there.
      const lines = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { msg?: string; url?: string; statusCode?: number });
      expect(lines.find((l) => l.msg === 'request completed' && l.url === '/api/v1/instance-types?first=1&family=m5')?.statusCode).toBe(
        200,
      );
      expect(lines.at(-1)?.msg).toBe('SIGTERM: finishing in-flight requests and stopping');
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 180_000);

  it('keeps its data across restarts: the catalog is not reloaded and earlier runs remain', async () => {
    const before = await app!.gql('{ catalogRefreshes { id trigger } }').expect(200);
    expect(before.body.data.catalogRefreshes).toHaveLength(1);
    await app!.close();
    app = await startTestApp({ database: 'embedded', dataDir });
    const after = await app.gql('{ catalogRefreshes { id trigger } }').expect(200);
    expect(after.body.data.catalogRefreshes).toEqual(before.body.data.catalogRefreshes);
    await app.http.get('/health/ready').expect(200);
    // the refresh lock on the embedded database is the in-process guard; the route still needs a key
    await app.http.post('/api/v1/catalog/refreshes').send({}).expect(401);
    expect(adminAuth.authorization).toMatch(/^Bearer /);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const LOCK = 'eks-net-planner.lock';

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ one: number }>('select 1 as one')).rows[0]!.one;
  } finally {
    await client.end();
  }
}

/** A data directory whose PostgreSQL files PGlite cannot open. */
function brokenDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'planner-broken-'));
  mkdirSync(join(dir, 'pgdata'));
  writeFileSync(join(dir, 'pgdata', 'PG_VERSION'), 'not a version\n');
  return dir;
}

describe('embedded database: start, stop, and failures', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'planner-embedded-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('serves, stops, and serves again over the same files; each stop releases the lock', async () => {
    const dir = tempDir();
    const first = await EmbeddedPostgres.start(dir);
    expect(existsSync(join(dir, LOCK))).toBe(true);
    expect(await selectOne(first.url)).toBe(1);
    await expect(EmbeddedPostgres.start(dir)).rejects.toBeInstanceOf(DataDirectoryInUseError);
    await first.stop();
    expect(existsSync(join(dir, LOCK))).toBe(false);

    const second = await EmbeddedPostgres.start(dir);
    expect(await selectOne(second.url)).toBe(1);
    await second.stop();
    await second.stop(); // a second stop is the first one's
    expect(existsSync(join(dir, LOCK))).toBe(false);
  });

  it('an error from PGlite.create rejects start and releases the lock', async () => {
    const dir = brokenDataDir();
    dirs.push(dir);
    await expect(EmbeddedPostgres.start(dir)).rejects.toThrow(/PGlite failed to initialize/);
    expect(existsSync(join(dir, LOCK))).toBe(false);
    // released in this process too: a second attempt fails on the files again, not on the lock
    await expect(EmbeddedPostgres.start(dir)).rejects.toThrow(/PGlite failed to initialize/);
  });

  it('leaves nothing running behind: a process that stops its database, or fails to start it, ends by itself', () => {
    const module = pathToFileURL(projectPath('dist', 'src', 'database', 'embedded-postgres.js')).href;
    const script = `
      const { EmbeddedPostgres } = await import(${JSON.stringify(module)});
      const [dir, broken] = process.argv.slice(2);
      const db = await EmbeddedPostgres.start(dir);
      console.log('started');
      await db.stop();
      await EmbeddedPostgres.start(broken).catch((err) => console.log('refused: ' + err.message));
    `;
    const broken = brokenDataDir();
    dirs.push(broken);
    const scriptFile = join(tempDir(), 'start-stop.mjs');
    writeFileSync(scriptFile, script);
    // No process.exit in the script: the child ends only once nothing (socket server, timer) keeps it alive.
    const child = spawnSync(process.execPath, [scriptFile, tempDir(), broken], {
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(child.stderr).toBe('');
    expect(child.stdout).toContain('started');
    expect(child.stdout).toContain('refused: PGlite failed to initialize');
    expect(child.signal).toBeNull();
    expect(child.status).toBe(0);
  });
});
