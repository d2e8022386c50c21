import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isInputObjectType } from 'graphql';
import { YAML_BODY_ROUTES } from '../../src/app.factory.js';
import { projectPath } from '../../src/common/project-path.js';
import { createEmptyDatabase } from '../support/test-app.js';

// The API contracts are committed (contracts/schema.gql, contracts/openapi.json), so API changes show in
// review: the suite fails when what the service serves and what is committed differ.
describe('committed API contracts', () => {
  let db: Awaited<ReturnType<typeof createEmptyDatabase>>;
  beforeAll(async () => {
    db = await createEmptyDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('contracts/schema.gql and contracts/openapi.json are what the service serves (npm run contracts rewrites them)', async () => {
    const run = await promisify(execFile)(process.execPath, [projectPath('scripts', 'contracts.mjs'), '--check'], {
      env: { ...process.env, DATABASE_URL: db.url },
      encoding: 'utf8',
      timeout: 120_000,
    }).catch((err: { stdout: string; stderr: string; code: number }) => err);
    expect(run.stderr).toBe('');
    expect('code' in run ? run.code : 0).toBe(0);
  }, 150_000);

  it('the routes that read a YAML body are the operations the OpenAPI document says consume YAML', () => {
    const document = JSON.parse(readFileSync(projectPath('contracts', 'openapi.json'), 'utf8')) as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
    };
    const consumingYaml = Object.entries(document.paths)
      .filter(([, operations]) => Object.values(operations).some((op) => op.requestBody?.content?.['application/yaml']))
      .map(([path]) => path.replace(/\{(\w+)\}/g, ':$1'));
    expect(consumingYaml.sort()).toEqual([...YAML_BODY_ROUTES].sort());
  });

  it("the README's GraphQL signatures name real arguments, and an input listed field by field lists every field", () => {
    const schema = buildSchema(readFileSync(projectPath('contracts', 'schema.gql'), 'utf8'));
    const fields = { ...schema.getQueryType()!.getFields(), ...schema.getMutationType()!.getFields() };
    const readme = readFileSync(projectPath('README.md'), 'utf8');
    const problems: string[] = [];
    let listings = 0;
    for (const [, name, args] of readme.matchAll(/`([a-zA-Z]+)\(([^`]*)\)`/g)) {
      const field = fields[name!];
      if (!field) continue; // not a GraphQL field (a shell or JS call)
      for (const arg of args!
        .replace(/\{[^}]*\}/g, '')
        .split(',')
        .map((a) => a.split(':')[0]!.trim())) {
        if (arg && !field.args.some((a) => a.name === arg)) problems.push(`${name}: no argument ${arg}`);
      }
      // `input: {a, b, c}` lists the input's fields; `input: {provisioner: A | B}` shows one field's values.
      const listed = /input: \{([^}:]*)\}/.exec(args!)?.[1];
      const input = getNamedType(field.args.find((a) => a.name === 'input')?.type);
      if (listed === undefined || !isInputObjectType(input)) continue;
      listings++;
      const names = listed.split(',').map((n) => n.trim());
      const declared = Object.keys(input.getFields());
      for (const n of names)
        if (!declared.includes(n)) problems.push(`${name}(input): README lists ${n}, which ${input.name} does not have`);
      for (const n of declared) if (!names.includes(n)) problems.push(`${name}(input): README leaves out ${n}`);
    }
    expect(listings).toBeGreaterThan(3);
    expect(problems).toEqual([]);
  });

  it('src/metadata.ts is what the model, input and args classes declare (npm run metadata rewrites it)', async () => {
    // The GraphQL and OpenAPI shapes are read from the classes' types and JSDoc by the Nest CLI plugins;
    // a class changed without regenerating would serve yesterday's fields.
    const run = await promisify(execFile)(process.execPath, [projectPath('scripts', 'generate-metadata.mjs'), '--check'], {
      encoding: 'utf8',
      timeout: 240_000,
    }).catch((err: { stdout: string; stderr: string; code: number }) => err);
    expect(run.stderr).not.toContain('is not what the model classes say');
    expect('code' in run ? run.code : 0).toBe(0);
  }, 300_000);
});
