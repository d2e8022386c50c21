#!/usr/bin/env node
// Writes the API contracts users build against, from the service itself (the compiled dist/):
//   contracts/schema.gql    the GraphQL schema the service serves, in SDL
//   contracts/openapi.json  the OpenAPI document served at /api/docs-json
// `--check` compares instead of writing and exits 1 when the code and the committed contracts differ.
// The service starts in-process on DATABASE_URL, or on an embedded database in a temporary directory.
// Usage: npm run build && node scripts/contracts.mjs [--check]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const { createApp } = await import(join(root, 'dist', 'src', 'app.factory.js'));
const { loadConfig } = await import(join(root, 'dist', 'src', 'config', 'app-config.js'));

const dataDir = process.env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'planner-contracts-'));
let running;
try {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: process.env.DATABASE_URL,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    CATALOG_VIEW_POLL_MS: '0',
  });
  running = await createApp(config, { logger: ['error', 'fatal'] });
  const fastify = running.app.getHttpAdapter().getInstance();
  const contracts = {
    'schema.gql': printSchema(running.app.get(GraphQLSchemaHost).schema) + '\n',
    'openapi.json': JSON.stringify(JSON.parse((await fastify.inject({ method: 'GET', url: '/api/docs-json' })).body), null, 2) + '\n',
  };
  let differs = false;
  for (const [file, text] of Object.entries(contracts)) {
    const path = join(root, 'contracts', file);
    if (check) {
      let committed = '';
      try {
        committed = readFileSync(path, 'utf8');
      } catch {
        // missing: differs
      }
      if (committed !== text) {
        differs = true;
        console.error(
          `contracts/${file} differs from what the service serves: run \`npm run build && node scripts/contracts.mjs\` and commit it`,
        );
      }
    } else {
      writeFileSync(path, text);
      console.log(`wrote contracts/${file} (${text.length} bytes)`);
    }
  }
  process.exitCode = differs ? 1 : 0;
} finally {
  await running?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
