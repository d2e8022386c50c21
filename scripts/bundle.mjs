// Bundles the compiled service (dist/src/main.js, from `npm run build`) into dist/bundle/main.mjs,
// which `npm start` and the image run: a few dozen files instead of resolving, stat-ing, reading and
// format-detecting thousands of modules at every start (the import of the service took about 1.1 s
// instead of 2.2-2.8 s on the development machine). Packages that read files next to their own
// code, or that are loaded lazily or only when configured, stay external and load from node_modules.
import { build } from 'esbuild';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'src');
// `--outdir <dir>` (a test's own copy); it must stay inside the project, which the service finds by
// its package.json and whose node_modules hold the external packages.
const outdirArg = process.argv.indexOf('--outdir');
const out = outdirArg > 0 ? resolve(process.argv[outdirArg + 1]) : join(root, 'dist', 'bundle');
if (!out.startsWith(root + sep)) throw new Error(`--outdir must be inside ${root}`);
if (!existsSync(join(dist, 'main.js'))) throw new Error('dist/src/main.js is missing: run `npm run build` first');

const external = [
  // PGlite finds its WebAssembly and data files next to its own modules.
  '@electric-sql/pglite',
  '@electric-sql/pglite/*',
  '@electric-sql/pglite-socket',
  // Loaded lazily (the EC2 client at a refresh) or reading their own files (the playground, docs UI).
  '@aws-sdk/*',
  '@graphql-yoga/render-graphiql',
  'swagger-ui-dist',
  // Optional native driver of pg.
  'pg-native',
  // Packages that Nest's own modules load with createRequire at run time (@nestjs/typeorm's compat
  // layer, @nestjs/mapped-types): bundling them would leave two copies, one in the bundle and one
  // from node_modules, each with its own metadata storage and classes. TypeORM finds its driver (pg)
  // with require() at run time too, so pg also loads from node_modules, as before.
  'typeorm',
  'typeorm/*',
  'class-validator',
  'class-transformer',
  'class-transformer/*',
];

/**
 * Optional packages that are not installed (Nest's loadPackage targets such as @nestjs/microservices,
 * TypeORM's other drivers) stay external: they fail at run time exactly when, and as, they would
 * without the bundle, i.e. only if the service were configured to use them.
 */
const notInstalledStayExternal = {
  name: 'not-installed-stay-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'probe' || args.path.startsWith('node:')) return undefined;
      const found = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'probe' });
      return found.errors.length ? { path: args.path, external: true } : undefined;
    });
  },
};

const banner = [
  "import { createRequire as __bundleCreateRequire } from 'node:module';",
  "import { fileURLToPath as __bundleFileURLToPath } from 'node:url';",
  "import { dirname as __bundleDirname } from 'node:path';",
  // CommonJS packages inside the bundle call require() for Node built-ins and externals.
  'const require = __bundleCreateRequire(import.meta.url);',
  'const __filename = __bundleFileURLToPath(import.meta.url);',
  'const __dirname = __bundleDirname(__filename);',
].join('\n');

rmSync(out, { recursive: true, force: true });
// Code split at dynamic imports: main.mjs itself is small, so it starts the embedded database's worker
// thread before the service's chunk is even compiled, and what the service loads lazily (the EC2 SDK
// for a refresh) stays out of start-up, as in dist/. The worker is an entry of its own:
// embedded-postgres.ts looks for embedded-postgres.worker.mjs next to the chunk that holds it.
const result = await build({
  entryPoints: {
    main: join(dist, 'main.js'),
    'embedded-postgres.worker': join(dist, 'database', 'embedded-postgres.worker.js'),
  },
  outdir: out,
  splitting: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Nest, TypeORM and GraphQL code-first read class names (types, entities, migrations).
  keepNames: true,
  sourcemap: 'linked',
  external,
  banner: { js: banner },
  logLevel: 'warning',
  metafile: true,
  plugins: [notInstalledStayExternal],
});
if (process.env.BUNDLE_METAFILE) writeFileSync(process.env.BUNDLE_METAFILE, JSON.stringify(result.metafile));
