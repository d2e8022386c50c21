import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/common/project-path.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

// `npm start` and the image run the esbuild bundle of dist/ (scripts/bundle.mjs), not dist/src/main.js:
// it must start on a fresh embedded data directory and answer as the service does.
describe('the bundled service (dist/bundle/main.mjs)', () => {
  // A bundle of its own, from the dist/ that `npm test` builds first, so a running `npm start` keeps its files.
  const outdir = mkdtempSync(projectPath('dist', 'bundle-test-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'planner-bundle-'));
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> | undefined;
  let output = '';
  let base = '';

  beforeAll(async () => {
    const built = spawnSync(process.execPath, [projectPath('scripts', 'bundle.mjs'), '--outdir', outdir], { encoding: 'utf8', timeout: 120_000 });
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [join(outdir, 'main.mjs')], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    exited = new Promise((resolve) => child!.once('exit', (code) => resolve(code)));
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(outdir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('emits the entry and the embedded database worker next to each other', () => {
    expect(existsSync(join(outdir, 'main.mjs'))).toBe(true);
    expect(existsSync(join(outdir, 'embedded-postgres.worker.mjs'))).toBe(true);
  });

  it('becomes ready on a fresh embedded data directory (the bundled catalog loaded) and answers GraphQL', async () => {
    let status = 0;
    for (let i = 0; i < 240 && status !== 200; i++) {
      expect(child!.exitCode, output).toBeNull();
      status = await fetch(`${base}/health/ready`).then(
        (r) => r.status,
        () => 0,
      );
      if (status !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(status, output).toBe(200);
    const ready = (await (await fetch(`${base}/health/ready`)).json()) as { catalog: { instanceTypes: number } };
    expect(ready.catalog.instanceTypes).toBe(1373);

    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ nodeCapacity(input:{instanceType:"m5.large", os: WINDOWS, ipMode: SECONDARY_IP}) { maxPods } }' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { nodeCapacity: { maxPods: number } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data.nodeCapacity.maxPods).toBe(9);
  });

  it('stops on SIGTERM with exit 0 and releases the data directory lock', async () => {
    expect(existsSync(join(dataDir, 'eks-net-planner.lock'))).toBe(true);
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(join(dataDir, 'eks-net-planner.lock'))).toBe(false);
  });
});
