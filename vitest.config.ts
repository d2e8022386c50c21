import { defineConfig } from 'vitest/config';

// Decorator metadata (NestJS DI, GraphQL code-first) is emitted by Vite's oxc transform,
// which reads experimentalDecorators/emitDecoratorMetadata from tsconfig.json.
export default defineConfig({
  oxc: {
    decorator: { legacy: true, emitDecoratorMetadata: true },
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
