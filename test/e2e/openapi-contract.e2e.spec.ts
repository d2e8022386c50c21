import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/common/project-path.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Issue 14: a complete API contract. The document the running service serves at /api/docs-json
// passes redocly (recommended) and spectral (spectral:oas) with no error, names its operations and
// tags, documents the error envelope on every error status, and a client generated from it by
// openapi-typescript type-checks code that reads error.code.

const run = promisify(execFile);
const bin = (name: string) => projectPath('node_modules', '.bin', name);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Runs a CLI; its exit code and output, whether it failed or not. */
async function runCli(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [command, ...args], {
      cwd: projectPath(),
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('the OpenAPI contract at /api/docs-json', () => {
  let app: TestApp;
  let doc: any;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    app = await startTestApp();
    doc = (await app.http.get('/api/docs-json').expect(200)).body;
    dir = mkdtempSync(join(tmpdir(), 'planner-openapi-'));
    file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc, null, 2));
  });
  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]: [string, any]) =>
      METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m] })),
    );

  it('passes redocly lint (recommended) with no error', async () => {
    const res = await runCli(bin('redocly'), ['lint', file, '--config', projectPath('redocly.yaml'), '--format', 'json']);
    const report = JSON.parse(res.stdout);
    const errors = report.problems.filter((p: { severity: string }) => p.severity === 'error');
    expect(errors.map((p: { ruleId: string; message: string }) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(res.code).toBe(0);
  }, 120_000);

  it('passes spectral lint (spectral:oas) with no error', async () => {
    const res = await runCli(bin('spectral'), [
      'lint',
      file,
      '--ruleset',
      projectPath('.spectral.yaml'),
      '--format',
      'json',
      '--fail-severity',
      'error',
      '--quiet',
    ]);
    const results = res.stdout.trim() ? JSON.parse(res.stdout) : [];
    // severity 0 is an error
    const errors = results.filter((r: { severity: number }) => r.severity === 0);
    expect(errors.map((r: { code: string; message: string; path: string[] }) => `${r.code}: ${r.message} at ${r.path.join('.')}`)).toEqual(
      [],
    );
    expect(res.code).toBe(0);
  }, 120_000);

  it('names every operation, uniquely, and declares every tag it uses', () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]+$/);
    expect(ids).toEqual(
      expect.arrayContaining(['getInstanceType', 'listInstanceTypes', 'getNodeCapacity', 'getPodCapacityTable', 'refreshCatalog']),
    );
    const declared = new Set(doc.tags.map((t: { name: string }) => t.name));
    for (const { op } of operations()) for (const tag of op.tags) expect(declared).toContain(tag);
  });

  it('documents the error envelope on every error status, and an API-key bearer scheme', () => {
    expect(doc.components.schemas.ErrorEnvelope.required).toEqual(['error']);
    expect(doc.components.schemas.ErrorBody.required).toEqual(['code', 'message', 'details', 'requestId']);
    for (const { path, method, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses) as Array<[string, any]>) {
        if (Number(status) < 400 || (path === '/health/ready' && status === '503')) continue;
        expect(response.content?.['application/json']?.schema, `${method} ${path} ${status}`).toEqual({
          $ref: '#/components/schemas/ErrorEnvelope',
        });
      }
      expect(Object.keys(op.responses), `${method} ${path}`).toContain('500');
    }
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'API key' });
    expect(doc.paths['/api/v1/catalog/refreshes'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/v1/catalog/refreshes'].post.responses).toHaveProperty('409');
    expect(doc.paths['/api/v1/catalog/refreshes'].post.responses).toHaveProperty('202');
    expect(doc.paths['/health/live'].get.security).toEqual([]);
  });

  it('generates a client with openapi-typescript that type-checks code reading error.code', async () => {
    writeFileSync(join(dir, 'api.ts'), astToString(await openapiTS(doc)));
    const client = `import type { paths } from './api.js';
type NotFound = paths['/api/v1/instance-types/{name}']['get']['responses'][404]['content']['application/json'];
type Table = paths['/api/v1/capacity']['get']['responses'][200]['content']['application/json'];
export function describeError(body: NotFound): string {
  const code: string = body.error.code;
  return \`\${code}: \${body.error.message} (\${body.error.requestId ?? 'no request id'})\`;
}
export const known: NotFound['error']['code'] = 'INSTANCE_TYPE_NOT_FOUND';
// @ts-expect-error: not one of the error codes
export const unknown: NotFound['error']['code'] = 'NO_SUCH_CODE';
export const pods = (rows: Table): number[] => rows.map((r) => r.maxPods);
`;
    writeFileSync(join(dir, 'client.ts'), client);
    const tsc = [
      '--ignoreConfig',
      '--noEmit',
      '--strict',
      '--target',
      'es2022',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--skipLibCheck',
    ];
    const ok = await runCli(bin('tsc'), [...tsc, join(dir, 'client.ts')]);
    expect(ok.stdout + ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    // The check can fail: a field the envelope does not have is a type error.
    writeFileSync(
      join(dir, 'wrong.ts'),
      `import type { paths } from './api.js';\ntype E = paths['/api/v1/instance-types/{name}']['get']['responses'][404]['content']['application/json'];\nexport const f = (e: E) => e.error.reason;\n`,
    );
    const wrong = await runCli(bin('tsc'), [...tsc, join(dir, 'wrong.ts')]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stdout).toMatch(/reason/);
  }, 120_000);
});
