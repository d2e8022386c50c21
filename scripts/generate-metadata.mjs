#!/usr/bin/env node
// Writes src/metadata.ts: the GraphQL and OpenAPI shapes of every model, input and args class, read from
// their TypeScript types, JSDoc (descriptions, @example) and class-validator rules by the Nest CLI plugins
// of @nestjs/graphql and @nestjs/swagger in their readonly mode. The service loads the file at start
// (GraphQLModule `metadata`, SwaggerModule.loadPluginMetadata), so a field is declared once: its type, its
// JSDoc and its validation rules; a decorator stays only where a type cannot say it (an enum, Float, JSON).
// `npm run contracts` runs it first; `--check` compares instead of writing and exits 1 when the committed
// file is stale (the contracts spec runs that).
import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator.js';
import { ReadonlyVisitor as GraphQLReadonlyVisitor } from '@nestjs/graphql/plugin';
import { ReadonlyVisitor as SwaggerReadonlyVisitor } from '@nestjs/swagger/plugin';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import ts from 'typescript';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const src = join(root, 'src');
const check = process.argv.includes('--check');
/** The files that hold API shapes: GraphQL object, input and args types that are also OpenAPI schemas. */
const shapeFiles = ['.model.ts', '.models.ts', '.input.ts', '.inputs.ts', '.args.ts'];
const outputDir = check ? mkdtempSync(join(tmpdir(), 'planner-metadata-')) : src;

// The program is the shape files (and what they import) with the build's options: src/metadata.ts is not
// part of it, so what the file says never depends on what it said before.
const config = ts.getParsedCommandLineOfConfigFile(
  join(root, 'tsconfig.build.json'),
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
);
if (!config || config.errors.length > 0) throw new Error('tsconfig.build.json could not be read');
const program = ts.createProgram({
  rootNames: config.fileNames.filter((f) => shapeFiles.some((suffix) => f.endsWith(suffix))),
  options: config.options,
});
if (program.getSourceFile(join(src, 'metadata.ts'))) throw new Error('a shape file imports src/metadata.ts');
const diagnostics = ts.getPreEmitDiagnostics(program);
if (diagnostics.length > 0) {
  console.error(
    ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }),
  );
  process.exit(1);
}
new PluginMetadataGenerator().generate({
  tsProgramRef: program,
  visitors: [
    new GraphQLReadonlyVisitor({ introspectComments: true, pathToSource: src, typeFileNameSuffix: shapeFiles, esmCompatible: true }),
    new SwaggerReadonlyVisitor({
      introspectComments: true,
      pathToSource: src,
      dtoFileNameSuffix: shapeFiles,
      // Controllers declare their responses themselves (ApiOkResponse and the error envelope).
      controllerFileNameSuffix: [],
      classValidatorShim: true,
      esmCompatible: true,
    }),
  ],
  outputDir,
  filename: 'metadata.ts',
});

if (check) {
  const fresh = readFileSync(join(outputDir, 'metadata.ts'), 'utf8');
  rmSync(outputDir, { recursive: true, force: true });
  let committed = '';
  try {
    committed = readFileSync(join(src, 'metadata.ts'), 'utf8');
  } catch {
    // missing: stale
  }
  if (fresh !== committed) {
    console.error('src/metadata.ts is not what the model classes say: run `node scripts/generate-metadata.mjs` and commit it');
    process.exit(1);
  }
}
