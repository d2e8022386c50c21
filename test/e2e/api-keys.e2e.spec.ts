import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/common/project-path.js';
import { startFakeEc2, type FakeEc2 } from '../support/fake-ec2/index.js';
import { adminAuth, createEmptyDatabase, startTestApp, type TestApp } from '../support/test-app.js';

// API keys: the `npm run apikey` CLI on PostgreSQL and on the embedded database, and the
// admin-only GraphQL and REST edges. A key the CLI makes is a key the service honours.
const CLI = projectPath('dist', 'src', 'cli', 'apikey.js');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        // No ADMIN_API_KEY or AWS settings leak in; DATABASE_URL '' means the embedded database.
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
        encoding: 'utf8',
        timeout: 90_000,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function lastLine(text: string): string {
  const lines = text.trimEnd().split('\n');
  return lines[lines.length - 1];
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function waitForRefresh(app: TestApp, id: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const run = await app.http.get(`/api/v1/catalog/refreshes/${id}`).expect(200);
    if (run.body.status !== 'RUNNING') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`refresh ${id} still running`);
}

const AWS_ENV = ['AWS_ENDPOINT_URL_EC2', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;

describe('apikey CLI', () => {
  it('is built (npm test runs tsc before vitest)', () => {
    expect(existsSync(CLI), `${CLI} is missing: run npx tsc -p tsconfig.build.json`).toBe(true);
  });

  it.each([
    [[], /A command is required/],
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['create', '--name', 'x'], /--role/],
    [['create', '--role', 'root', '--name', 'x'], /--role must be reader or admin/],
    [['create', '--role', 'admin'], /--name/],
    [['create', '--role', 'admin', '--name', 'x', '--colour', 'red'], /colour/],
    [['revoke'], /revoke needs the key id or prefix/],
    [['revoke', 'a', 'b'], /Unexpected argument "b"/],
  ])('usage error %j exits 2 with the usage text, touching no database', async (args, message) => {
    // An unreachable DATABASE_URL proves the usage is checked first.
    const res = await cli(args as string[], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).toContain('Usage: npm run apikey -- <command>');
    expect(res.stdout).toBe('');
  });

  it('help exits 0', async () => {
    const res = await cli(['help'], {});
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('create --role <reader|admin> --name <name>');
  });

  it('a database it cannot reach is a failure (exit 1) with the reason', async () => {
    const res = await cli(['list'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/apikey: failed: .*(ECONNREFUSED|connect)/);
  });
});

describe('apikey CLI on PostgreSQL, honoured by the service', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ec2: FakeEc2;
  let app: TestApp | undefined;
  const saved: Record<string, string | undefined> = {};
  const env = () => ({ DATABASE_URL: db.url });
  let adminKey = '';
  let readerKey = '';

  beforeAll(async () => {
    for (const k of AWS_ENV) saved[k] = process.env[k];
    db = await createEmptyDatabase();
    ec2 = await startFakeEc2();
    process.env.AWS_ENDPOINT_URL_EC2 = ec2.url;
    process.env.AWS_REGION = 'us-east-1';
    process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
  });
  afterAll(async () => {
    await app?.close();
    await ec2?.close();
    await db?.drop();
    for (const k of AWS_ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('create on an empty database migrates it and prints the key alone on the last line of stdout', async () => {
    const admin = await cli(['create', '--role', 'admin', '--name', 'ci-bot'], env());
    expect(admin.code, admin.stderr).toBe(0);
    adminKey = lastLine(admin.stdout);
    expect(adminKey).toMatch(/^enp_[A-Za-z0-9_-]{43}$/);
    expect(admin.stderr).toContain('Created admin key "ci-bot"');

    const reader = await cli(['create', '--role', 'reader', '--name', 'dashboards'], env());
    expect(reader.code, reader.stderr).toBe(0);
    readerKey = lastLine(reader.stdout);
    expect(readerKey).toMatch(/^enp_/);
    expect(readerKey).not.toBe(adminKey);
  });

  it('a bad name is a usage error (exit 2)', async () => {
    const res = await cli(['create', '--role', 'reader', '--name', 'no/slashes'], env());
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('name must be 1-64 letters');
  });

  it('list shows id, name, role, prefix and dates, never a secret or a hash', async () => {
    const res = await cli(['list'], env());
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines[0].split(/\s{2,}/)).toEqual(['ID', 'NAME', 'ROLE', 'PREFIX', 'CREATED', 'REVOKED', 'LAST USED']);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^[0-9a-f-]{36}\s+ci-bot\s+admin\s+enp_\S{8}\s+\d{4}-\d\d-\d\dT\S+Z\s+-\s+-$/);
    expect(lines[1]).toContain(adminKey.slice(0, 12));
    expect(lines[2]).toMatch(/\sdashboards\s+reader\s/);
    for (const key of [adminKey, readerKey]) {
      expect(res.stdout).not.toContain(key);
      expect(res.stdout).not.toContain(sha256(key));
    }
    const json = await cli(['list', '--json'], env());
    const rows = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.name)).toEqual(['ci-bot', 'dashboards']);
    expect(Object.keys(rows[0]).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'role']);
  });

  it('the service accepts the admin key for a refresh (202), refuses the reader key (403)', async () => {
    app = await startTestApp({ databaseUrl: db.url, env: { ADMIN_API_KEY: undefined } });
    const accepted = await app.http
      .post('/api/v1/catalog/refreshes?wait=false')
      .set(bearer(adminKey))
      .send({ regions: ['us-east-1'] })
      .expect(202);
    expect(accepted.body.status).toBe('RUNNING');
    expect(accepted.body.requestedBy).toBe('ci-bot');
    await waitForRefresh(app, accepted.body.id);

    const refused = await app.http.post('/api/v1/catalog/refreshes?wait=false').set(bearer(readerKey)).send({}).expect(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    // A reader key still reads.
    await app.http.get('/api/v1/instance-types/m5.large').set(bearer(readerKey)).expect(200);
  });

  it('list shows when a key was last used', async () => {
    let row: { name: string; lastUsedAt: string | null } | undefined;
    for (let i = 0; i < 20 && !row?.lastUsedAt; i++) {
      const rows = JSON.parse((await cli(['list', '--json'], env())).stdout) as Array<{ name: string; lastUsedAt: string | null }>;
      row = rows.find((r) => r.name === 'ci-bot');
      if (!row?.lastUsedAt) await new Promise((r) => setTimeout(r, 100));
    }
    expect(row?.lastUsedAt).not.toBeNull();
  });

  it('revoke by prefix (and by id) while the service runs: the revoked key gets 401', async () => {
    const made = await cli(['create', '--role', 'admin', '--name', 'short-lived'], env());
    const key = lastLine(made.stdout);
    const revoked = await cli(['revoke', key.slice(0, 12)], env());
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('Revoked admin key "short-lived"');
    const res = await app!.http.post('/api/v1/catalog/refreshes?wait=false').set(bearer(key)).send({}).expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');

    const rows = JSON.parse((await cli(['list', '--json'], env())).stdout) as Array<{ id: string; name: string; revokedAt: string | null }>;
    const readerRow = rows.find((r) => r.name === 'dashboards')!;
    expect(rows.find((r) => r.name === 'short-lived')!.revokedAt).not.toBeNull();
    const byId = await cli(['revoke', readerRow.id], env());
    expect(byId.code, byId.stderr).toBe(0);
    const table = await cli(['list'], env());
    expect(table.stdout.split('\n').find((l) => l.includes('dashboards'))).toMatch(/reader\s+enp_\S{8}\s+\S+Z\s+\d{4}-\S+Z/);
  });

  it('revoking an unknown key fails with exit 1', async () => {
    const res = await cli(['revoke', 'enp_nonexistent'], env());
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('No API key "enp_nonexistent"');
  });
});

describe('apikey CLI on the embedded database (DATA_DIR)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'planner-apikey-cli-'));
  const env = { DATABASE_URL: '', DATA_DIR: dataDir };
  let app: TestApp | undefined;

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a key in a new data directory that the service then honours', async () => {
    const made = await cli(['create', '--role', 'admin', '--name', 'local-admin'], env);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toContain(`Using the embedded database in ${dataDir}`);
    const key = lastLine(made.stdout);
    expect(key).toMatch(/^enp_/);

    app = await startTestApp({ database: 'embedded', dataDir, env: { ADMIN_API_KEY: undefined } });
    const list = await app.http.get('/api/v1/api-keys').set(bearer(key)).expect(200);
    expect(list.body.map((k: { name: string }) => k.name)).toEqual(['local-admin']);
  });

  it('fails with the data-directory-in-use message (exit 1) while the service runs on it', async () => {
    const res = await cli(['list'], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`The data directory ${dataDir} is in use by another eks-net-planner process (pid ${process.pid})`);
    expect(res.stdout).toBe('');
  });

  it('works again once the service stopped', async () => {
    await app!.close();
    app = undefined;
    const list = await cli(['list', '--json'], env);
    expect(list.code, list.stderr).toBe(0);
    const [row] = JSON.parse(list.stdout) as Array<{ id: string; prefix: string; lastUsedAt: string | null }>;
    const revoked = await cli(['revoke', row.prefix], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    const after = JSON.parse((await cli(['list', '--json'], env)).stdout) as Array<{ revokedAt: string | null }>;
    expect(after[0].revokedAt).not.toBeNull();
  });
});

describe('API keys over REST and GraphQL (admin only)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('REST: create shows the secret once; list and revoke never show secrets or hashes', async () => {
    const created = await app.http.post('/api/v1/api-keys').set(adminAuth).send({ name: 'rest-reader', role: 'reader' }).expect(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^enp_/);
    expect(created.body.apiKey).toMatchObject({ name: 'rest-reader', role: 'reader', prefix: key.slice(0, 12), revokedAt: null });
    expect(Object.keys(created.body.apiKey).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'role']);
    // The one answer holding a secret is kept by no cache, however it is configured.
    expect(created.headers['cache-control']).toBe('no-store');

    // the reader key reads, but may not list keys
    await app.http.get('/api/v1/instance-types/m5.large').set(bearer(key)).expect(200);
    const forbidden = await app.http.get('/api/v1/api-keys').set(bearer(key)).expect(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');

    const list = await app.http.get('/api/v1/api-keys').set(adminAuth).expect(200);
    expect(list.body.find((k: { id: string }) => k.id === created.body.apiKey.id)).toMatchObject({ name: 'rest-reader' });
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(JSON.stringify(list.body)).not.toContain(sha256(key));

    const revoked = await app.http.delete(`/api/v1/api-keys/${created.body.apiKey.id}`).set(adminAuth).expect(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const refused = await app.http.get('/api/v1/instance-types/m5.large').set(bearer(key)).expect(401);
    expect(refused.body.error.code).toBe('UNAUTHENTICATED');
    const missing = await app.http.delete('/api/v1/api-keys/00000000-0000-0000-0000-000000000000').set(adminAuth).expect(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    // An id of the uuid's length that is not one names no key: 404, not the database's 500.
    for (const id of ['a'.repeat(36), '-'.repeat(36)]) {
      const res = await app.http.delete(`/api/v1/api-keys/${id}`).set(adminAuth).expect(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('REST: the role in any case, as GraphQL spells it or as REST does', async () => {
    const created = await app.http.post('/api/v1/api-keys').set(adminAuth).send({ name: 'upper', role: 'READER' }).expect(201);
    expect(created.body.apiKey.role).toBe('reader');
    await app.http.delete(`/api/v1/api-keys/${created.body.apiKey.id}`).set(adminAuth).expect(200);
  });

  it('REST: revoking twice is harmless, by prefix as by id', async () => {
    const created = await app.http.post('/api/v1/api-keys').set(adminAuth).send({ name: 'twice', role: 'reader' }).expect(201);
    const { id, prefix } = created.body.apiKey;
    const first = await app.http.delete(`/api/v1/api-keys/${prefix}`).set(adminAuth).expect(200);
    const again = await app.http.delete(`/api/v1/api-keys/${prefix}`).set(adminAuth).expect(200);
    expect(again.body).toMatchObject({ id, revokedAt: first.body.revokedAt });
    await app.http.delete(`/api/v1/api-keys/${id}`).set(adminAuth).expect(200);
  });

  it('REST: bad input is 400 naming the field; no key is 401', async () => {
    const badRole = await app.http.post('/api/v1/api-keys').set(adminAuth).send({ name: 'x', role: 'root' }).expect(400);
    expect(badRole.body.error.code).toBe('VALIDATION_FAILED');
    expect(badRole.body.error.details.violations[0].field).toBe('role');
    const badName = await app.http.post('/api/v1/api-keys').set(adminAuth).send({ name: '../etc', role: 'reader' }).expect(400);
    expect(badName.body.error.details.violations[0].field).toBe('name');
    await app.http.post('/api/v1/api-keys').send({ name: 'x', role: 'admin' }).expect(401);
    await app.http.get('/api/v1/api-keys').expect(401);
  });

  it('an id over 64 characters is the same 400 on both doors, not a 404 for its first 64 characters', async () => {
    const id = 'a'.repeat(10_000);
    const rest = await app.http
      .delete(`/api/v1/api-keys/${'a'.repeat(65)}`)
      .set(adminAuth)
      .expect(400);
    expect(rest.body.error.code).toBe('VALIDATION_FAILED');
    expect(rest.body.error.message).toBe('id must be shorter than or equal to 64 characters');
    expect(rest.body.error.details.violations[0].field).toBe('id');
    const gql = await app.gql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id }, adminAuth).expect(200);
    expect(gql.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(gql.body.errors[0].message).toBe(rest.body.error.message);
    // 64 characters is a well-formed id that names no key: NOT_FOUND on both.
    const missing = await app.http
      .delete(`/api/v1/api-keys/${'a'.repeat(64)}`)
      .set(adminAuth)
      .expect(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('GraphQL: createApiKey, apiKeys and revokeApiKey; a created admin key can create keys; revoked, it is refused', async () => {
    const created = await app
      .gql('mutation { createApiKey(name: "gql-admin", role: ADMIN) { key apiKey { id name role prefix revokedAt } } }', {}, adminAuth)
      .expect(200);
    expect(created.body.errors).toBeUndefined();
    const { key, apiKey } = created.body.data.createApiKey;
    expect(apiKey).toMatchObject({ name: 'gql-admin', role: 'ADMIN', prefix: key.slice(0, 12), revokedAt: null });
    expect(created.headers['cache-control']).toBe('no-store');

    const made = await app
      .gql('mutation($n: String!) { createApiKey(name: $n, role: READER) { apiKey { role } } }', { n: 'made-by-gql-admin' }, bearer(key))
      .expect(200);
    expect(made.body.data.createApiKey.apiKey.role).toBe('READER');

    const list = await app.gql('{ apiKeys { id name role prefix createdAt revokedAt lastUsedAt } }', {}, bearer(key)).expect(200);
    expect(list.body.data.apiKeys.map((k: { name: string }) => k.name)).toEqual(expect.arrayContaining(['gql-admin', 'made-by-gql-admin']));

    const revoked = await app
      .gql('mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }', { id: apiKey.id }, adminAuth)
      .expect(200);
    expect(revoked.body.data.revokeApiKey.revokedAt).not.toBeNull();
    const refused = await app.gql('{ apiKeys { id } }', {}, bearer(key)).expect(200);
    expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('GraphQL: the ApiKey type has no field that could carry a secret or a hash', async () => {
    const res = await app.gql('{ __type(name: "ApiKey") { fields { name } } }').expect(200);
    expect(res.body.data.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual([
      'createdAt',
      'id',
      'lastUsedAt',
      'name',
      'prefix',
      'revokedAt',
      'role',
    ]);
  });

  it('GraphQL: bad input is BAD_USER_INPUT; a reader or no key is refused', async () => {
    const bad = await app.gql('mutation { createApiKey(name: "", role: READER) { key } }', {}, adminAuth).expect(200);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const none = await app.gql('{ apiKeys { id } }').expect(200);
    expect(none.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const reader = await app.http.post('/api/v1/api-keys').set(adminAuth).send({ name: 'r', role: 'reader' }).expect(201);
    const asReader = await app.gql('mutation { revokeApiKey(id: "x") { id } }', {}, bearer(reader.body.key)).expect(200);
    expect(asReader.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
