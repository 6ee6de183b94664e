import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'web/dist', 'data', '.tools', 'db/migrations', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Workflow code is replayed: forbid the obvious sources of non-determinism.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'fs', 'pg', '../activities/*', '../db/*', '../api/*', '../platform/*'], allowTypeImports: true }] },
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use workflow uuid4() or deterministic input.' }],
    },
  },
);
