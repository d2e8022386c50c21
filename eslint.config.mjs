// Lint: typescript-eslint's recommended rules, a few type-aware ones that catch real bugs, and the
// layering rule that keeps the pure cores (src/*/core) free of frameworks, I/O and entities.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['src/metadata.ts', 'dist/**', 'node_modules/**', 'bench/.tmp/**', 'coverage/**', '.data/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Pure cores take plain values and return plain values: no framework, ORM, cloud SDK, file system or entity.
    files: ['src/*/core/**/*.ts'],
    ignores: ['src/*/core/**/*.spec.ts', 'src/*/core/**/*.testing.ts', 'src/*/core/**/*.test-fixtures.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*'], message: 'A core must not depend on NestJS: keep it to plain values.' },
            { group: ['typeorm', 'typeorm/*'], message: 'A core must not touch the database.' },
            { group: ['@aws-sdk/*'], message: 'A core must not call AWS: the edges fetch, the core computes.' },
            { group: ['node:fs', 'node:fs/*', 'fs', 'fs/*'], message: 'A core must not read files: pass the data in.' },
            { group: ['**/*.entity', '**/*.entity.js'], message: 'A core must not use entities: map them to plain facts at the edge.' },
          ],
        },
      ],
    },
  },
);
