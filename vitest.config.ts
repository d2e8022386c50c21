import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// Decorator metadata (NestJS DI, GraphQL code-first) is emitted by Vite's oxc transform,
// which reads experimentalDecorators/emitDecoratorMetadata from tsconfig.json.
export default defineConfig({
  oxc: {
    decorator: { legacy: true, emitDecoratorMetadata: true },
  },
  resolve: {
    // graphql-js must be one instance (it checks types with instanceof). Node resolves `graphql` to its
    // CommonJS entry (package.json "main"), which is what Apollo and @nestjs/graphql load; Vite would
    // prefer the "module" entry (index.mjs), a second copy. Resolve it the way Node does.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    environment: 'node',
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
